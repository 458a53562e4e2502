"""The diagram path as an attacker and a broken machine see it: poisoned and damaged
caches, a `dot` that prints markup or hangs, cache keys, batching.

In process: each test draws a one-role handbook (4 diagrams) or the example.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from rolebook.build.pipeline import draw_diagrams
from rolebook.diagrams import cache as diagram_cache
from rolebook.diagrams import runner as dot_runner
from rolebook.diagrams.runner import DiagramError, RunStats
from rolebook.diagrams.svg_safety import UnsafeSvg, safe_link, sanitize
from rolebook.loading.loader import load_handbook
from rolebook.model.site_plan import Urls
from support.handbooks import CLEAN_ROLE, EXAMPLE

POISON = (
    '<svg width="10pt" height="10pt" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' onload="alert(1)">\n<script>alert(2)</script>\n'
    '<g id="x" class="graph" onclick="alert(3)" style="background:url(//evil/x)">'
    '<a xlink:href="javascript:alert(4)"><text x="1" y="2">hi</text></a>'
    '<a xlink:href="java&#9;script:alert(5)"><text>tab</text></a>'
    '<a href="//evil.example/x"><text>away</text></a>'
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(6)"/></div></foreignObject>'
    '<polygon fill="url(https://evil/x)" points="0,0 1,1"/>'
    '<set attributeName="onclick" to="alert(7)"/><animate attributeName="href" to="javascript:alert(8)"/>'
    '<use xlink:href="data:image/svg+xml,x"/>'
    '</g>\n</svg>\n'
)


def small_handbook(handbook_dir):
    return load_handbook(handbook_dir({"team/r.yml": CLEAN_ROLE}))


def draw(hb, **kw):
    stats = RunStats()
    html, files = draw_diagrams(hb, Urls(), stats=stats, **kw)
    return html, files, stats


def no_active_content(markup: str) -> None:
    lower = markup.lower()
    for bad in ("<script", "onload", "onclick", "onerror", "javascript:", "foreignobject", "url(", "<set", "<animate",
                "<use", "//evil"):
        assert bad not in lower, bad


# -- the validator --------------------------------------------------------------------


def test_validator_keeps_what_graphviz_writes_and_drops_the_rest():
    verdict = sanitize(POISON)
    no_active_content(verdict.svg)
    assert "hi</text>" in verdict.svg and "tab</text>" in verdict.svg  # text stays, its bad links go
    assert len(verdict.dropped) >= 10
    assert sanitize(verdict.svg).svg == verdict.svg  # a fixed point: how the cache knows its own files


def test_example_diagrams_pass_unchanged():
    _, files, _ = draw(load_handbook(EXAMPLE), memory={})
    for name, svg in files.items():
        verdict = sanitize(svg)
        assert verdict.dropped == [] and verdict.svg == svg, name


@pytest.mark.parametrize("text", ["", "   ", "<svg", "<svg xmlns='http://www.w3.org/2000/svg'><g>",
                                  "<html/>", '<!DOCTYPE x [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                                  # XML reads a processing instruction, HTML a comment and then a script:
                                  '<svg xmlns="http://www.w3.org/2000/svg"><?x ><script>alert(1)</script>?></svg>',
                                  '<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>',
                                  '<svg xmlns="http://www.w3.org/2000/svg"><!-- x --></svg>'])
def test_validator_refuses_what_is_not_an_svg(text):
    with pytest.raises(UnsafeSvg):
        sanitize(text)


@pytest.mark.parametrize("url,ok", [("#outcome-x", True), ("../other/", True), ("x/#a", True), ("javascript:x", False),
                                    (" JaVaScRiPt:x", False), ("java\nscript:x", False), ("//evil/", False),
                                    ("/abs/", False), ("\\\\evil/x", False), ("https://example.com/", False),
                                    ("data:text/html,x", False), ("", False)])
def test_only_the_pages_own_links(url, ok):
    assert safe_link(url) is ok


def test_braces_in_labels_and_tooltips_are_references(handbook_dir):
    role = CLEAN_ROLE.replace("title: API spec", "title: '{{ 7*191 }} {% raw %}'").replace(
        "location: https://example.com/spec", "location: '{{ config.extra }}'")
    html, _, _ = draw(load_handbook(handbook_dir({"team/r.yml": role})), memory={})
    page = html["team/r/index.md"]
    assert "{" not in page and "}" not in page
    assert "&#123;&#123; 7*191 &#125;&#125;" in page
    assert "{{ config.extra }}" in BeautifulSoup(page, "html.parser").get_text() + " ".join(
        a.get("xlink:title", "") for a in BeautifulSoup(page, "html.parser").find_all("a"))


# -- the cache on disk ------------------------------------------------------------------


def cached_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.svg"))


def test_poisoned_cache_is_redrawn_not_inlined(tmp_path, handbook_dir, caplog):
    hb = small_handbook(handbook_dir)
    cache = tmp_path / "cache"
    clean, _, _ = draw(hb, cache_dir=cache, memory={})
    for path in cached_files(cache):
        path.write_text(POISON)
    with caplog.at_level(logging.INFO, logger="rolebook"):
        html, _, stats = draw(hb, cache_dir=cache, memory={})
    assert stats.rendered == 3 and stats.from_disk == 0
    assert html == clean
    no_active_content("".join(html.values()))
    assert caplog.text.count("holds what Graphviz does not write") == 3
    assert [p.read_text() for p in cached_files(cache)] != [POISON] * 3  # overwritten with good SVG
    _, _, warm = draw(hb, cache_dir=cache, memory={})
    assert warm.from_disk == 3 and warm.rendered == 0


def test_cached_svg_not_written_by_us_is_redrawn(tmp_path, handbook_dir, caplog):
    """Harmless but different bytes (an old Rolebook, a hand edit) are not trusted either."""
    hb = small_handbook(handbook_dir)
    cache = tmp_path / "cache"
    draw(hb, cache_dir=cache, memory={})
    path = cached_files(cache)[0]
    path.write_text(path.read_text().replace("<svg ", "<svg  ", 1))  # same tree, other bytes
    with caplog.at_level(logging.INFO, logger="rolebook"):
        _, _, stats = draw(hb, cache_dir=cache, memory={})
    assert stats.rendered == 1 and "was not written by this version" in caplog.text


def damage(kind: str, path: Path) -> None:
    text = path.read_text()
    if kind == "invalid utf-8":
        path.write_bytes(b"<svg \xff\xfe\x80>")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_text(text[: len(text) // 2])
    elif kind == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif kind == "symlink":
        path.unlink()
        path.symlink_to("/etc/hostname")
    elif kind == "folder":
        path.unlink()
        path.mkdir()


@pytest.mark.parametrize("kind", ["invalid utf-8", "empty", "truncated", "fifo", "symlink", "folder"])
def test_damaged_cache_entry_is_logged_and_redrawn(kind, tmp_path, handbook_dir, caplog):
    hb = small_handbook(handbook_dir)
    cache = tmp_path / "cache"
    clean, _, _ = draw(hb, cache_dir=cache, memory={})
    target = cached_files(cache)[0]
    damage(kind, target)
    with caplog.at_level(logging.INFO, logger="rolebook"):
        html, _, stats = draw(hb, cache_dir=cache, memory={})
    assert html == clean and stats.rendered == 1 and stats.from_disk == 2
    assert f"diagram cache {target}" in caplog.text
    if kind != "folder":  # a folder in the way is left alone, the build goes on without that entry
        svg, sealed = diagram_cache.split_entry(target.read_text())
        assert stat.S_ISREG(target.lstat().st_mode) and sanitize(svg).svg == svg and sealed


def test_a_file_where_the_cache_folder_should_be(tmp_path, handbook_dir, caplog):
    hb = small_handbook(handbook_dir)
    cache = tmp_path / "cache"
    cache.write_text("not a folder")
    with caplog.at_level(logging.INFO, logger="rolebook"):
        html, _, stats = draw(hb, cache_dir=cache, memory={})
    assert stats.rendered == 3 and all("<svg" in h for h in html.values())
    assert "cannot be written" in caplog.text and caplog.text.count("cannot be written") == 1
    assert cache.read_text() == "not a folder"


def test_a_read_only_cache(tmp_path, handbook_dir, caplog, monkeypatch):
    hb = small_handbook(handbook_dir)
    cache = tmp_path / "cache"
    cache.mkdir()
    if os.geteuid() == 0:  # root writes through permissions: make the file system say no
        def refuse(path, data):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

        monkeypatch.setattr(diagram_cache, "write_entry", refuse)
    else:
        cache.chmod(0o555)
    with caplog.at_level(logging.INFO, logger="rolebook"):
        html, _, stats = draw(hb, cache_dir=cache, memory={})
    assert stats.rendered == 3 and all("<svg" in h for h in html.values())
    assert caplog.text.count("cannot be written") == 1
    assert not list(cache.rglob("*.tmp*")) and not list(cache.rglob(".*tmp*"))


def test_a_symlinked_cache_folder_is_not_used(tmp_path, handbook_dir, caplog):
    hb = small_handbook(handbook_dir)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "cache").symlink_to(outside)
    with caplog.at_level(logging.INFO, logger="rolebook"):
        _, _, stats = draw(hb, cache_dir=tmp_path / "cache", memory={})
    assert stats.rendered == 3 and not list(outside.iterdir()) and "is a symlink" in caplog.text


# -- the key ---------------------------------------------------------------------------------


def version_dot(tmp_path: Path, version: str) -> Path:
    """The real `dot`, answering `-V` as another Graphviz release would."""
    script = tmp_path / f"dot-{version}"
    script.write_text(f"#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'dot - graphviz version {version} (0)' >&2; exit 0; fi\n"
                      "exec dot \"$@\"\n")
    script.chmod(0o755)
    return script


def test_key_covers_dot_version_packages_and_rolebook(tmp_path, handbook_dir, monkeypatch):
    hb = small_handbook(handbook_dir)
    cache = tmp_path / "cache"
    _, _, first = draw(hb, cache_dir=cache, memory={}, dot=str(version_dot(tmp_path, "2.43.0")))
    assert first.rendered == 3
    _, _, same = draw(hb, cache_dir=cache, memory={}, dot=str(version_dot(tmp_path, "2.43.0")))
    assert same.rendered == 0
    _, _, upgraded = draw(hb, cache_dir=cache, memory={}, dot=str(version_dot(tmp_path, "12.1.0")))
    assert upgraded.rendered == 3
    monkeypatch.setattr(diagram_cache, "package_versions", lambda: "graphviz=9.9")
    _, _, packages = draw(hb, cache_dir=cache, memory={}, dot=str(version_dot(tmp_path, "12.1.0")))
    assert packages.rendered == 3
    monkeypatch.setattr(diagram_cache, "__version__", "99.0")
    _, _, rolebook = draw(hb, cache_dir=cache, memory={}, dot=str(version_dot(tmp_path, "12.1.0")))
    assert rolebook.rendered == 3


# -- a `dot` that misbehaves -------------------------------------------------------------------


def script_dot(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "dot"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return script


def test_dot_that_prints_script_is_not_inlined(tmp_path, handbook_dir, caplog):
    hb = small_handbook(handbook_dir)
    hostile = tmp_path / "poison.svg"
    hostile.write_text('<?xml version="1.0"?>\n' + POISON)
    dot = script_dot(tmp_path, "if [ \"$1\" = -V ]; then exec dot -V; fi\n"
                               f"n=$(grep -c '^digraph'); for i in $(seq $n); do cat {hostile}; done\n")
    with caplog.at_level(logging.WARNING, logger="rolebook"):
        html, files, _ = draw(hb, memory={}, dot=str(dot), cache_dir=tmp_path / "cache")
    no_active_content("".join(html.values()) + "".join(files.values()))
    assert "removed: " in caplog.text and "<script>" in caplog.text
    no_active_content("".join(p.read_text() for p in cached_files(tmp_path / "cache")))


def test_dot_that_prints_no_svg_is_a_clear_error(tmp_path, handbook_dir):
    dot = script_dot(tmp_path, "if [ \"$1\" = -V ]; then exec dot -V; fi\ncat >/dev/null\n"
                               "printf '<?xml version=\"1.0\"?>\\n<svg>' ; exit 0\n")
    with pytest.raises(DiagramError, match="not an SVG"):
        draw(small_handbook(handbook_dir), memory={}, dot=str(dot))


def test_hanging_dot_version_times_out_with_advice(tmp_path, handbook_dir, monkeypatch):
    monkeypatch.setenv("ROLEBOOK_DOT_TIMEOUT", "0.05")  # 0.5 s instead of 10 s
    dot = script_dot(tmp_path, "exec sleep 30\n")
    with pytest.raises(DiagramError, match=r"`.*dot -V` did not answer within 0.5 s"):
        draw(small_handbook(handbook_dir), memory={}, dot=str(dot))


def test_hanging_dot_times_out_naming_the_diagram(tmp_path, handbook_dir, monkeypatch):
    """One graph hangs: the batch times out, then the one-by-one pass names it."""
    monkeypatch.setenv("ROLEBOOK_DOT_TIMEOUT", "0.02")
    dot = script_dot(tmp_path, "if [ \"$1\" = -V ]; then exec dot -V; fi\ninput=$(cat)\n"
                               "case \"$input\" in *rb-role-team-r*) exec sleep 30;; esac\n"
                               "printf '%s' \"$input\" | exec dot \"$@\"\n")
    with pytest.raises(DiagramError) as info:
        draw(small_handbook(handbook_dir), memory={}, dot=str(dot))
    message = str(info.value)
    assert "the diagram of team/r" in message and "ROLEBOOK_DOT_TIMEOUT" in message


def test_timeouts_scale_with_the_batch():
    assert dot_runner.batch_timeout(100) > dot_runner.batch_timeout(1) >= dot_runner.BASE_TIMEOUT


# -- batching ----------------------------------------------------------------------------------


def test_bytes_do_not_depend_on_batching(monkeypatch):
    """Graphviz prefixes `page0,1_` to the ids of later graphs in one process; batches follow the core count."""
    hb = load_handbook(EXAMPLE)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    one, _, s1 = draw(hb, memory={})
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    many, _, s16 = draw(hb, memory={})
    assert s1.processes == 1 and s16.processes == 16
    assert one == many
    assert "page0," not in "".join(one.values())


@pytest.mark.site
def test_hanging_dot_ends_builds_with_a_message_not_a_traceback(tmp_path):
    from support.sites import build, project, run_tool

    dot = script_dot(tmp_path, "if [ \"$1\" = -V ]; then exec dot -V; fi\nexec sleep 30\n")
    config = project(tmp_path / "site", handbooks={"team/r.yml": CLEAN_ROLE}, plugin_options=f"      dot: {dot}\n")
    env = {"ROLEBOOK_DOT_TIMEOUT": "0.05"}
    result, _ = build(config, env=env, strict=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "did not finish the diagram of " in result.stderr and "ROLEBOOK_DOT_TIMEOUT" in result.stderr
    rendered = run_tool("rolebook", "render", "handbooks", "-o", tmp_path / "out", cwd=config.parent, env=env)
    assert rendered.returncode != 0 and "Traceback" not in rendered.stderr
    assert "did not finish the diagram of " in rendered.stderr
