"""Generated pages are real files under the cache folder, rewritten only when their content changes."""

from __future__ import annotations

import json
import os

import pytest

from rolebook.build.page_folder import PageFolder
from rolebook.caching.seal import seal
from support.sites import build, project, run_tool

PAGES = ".cache/rolebook/pages"

# A hook (MkDocs' `hooks:`) standing in for plugins that expect a source file,
# like mkdocs-static-i18n's reconfigure_files: it reads every handbook page
# through abs_src_path and records what it found.
HOOK = """
import json, os
from pathlib import Path

def on_files(files, config):
    seen = {}
    for f in files:
        if f.generated_by == "rolebook":
            assert f.abs_src_path and os.path.isfile(f.abs_src_path), f.src_uri
            if f.src_uri.startswith("assets/"):
                continue  # the shipped stylesheet and script, straight from the package
            assert Path(f.abs_src_path) == Path(f.src_dir, *f.src_uri.split("/"))
            seen[f.src_uri] = Path(f.abs_src_path).read_text(encoding="utf-8") == f.content_string
    Path(config.config_file_path).with_name("hook.json").write_text(json.dumps(seen))
    return files
"""


def test_folder_writes_only_changed_files_and_removes_stale_ones(tmp_path):
    folder = PageFolder(tmp_path / "pages")
    first = folder.sync({"a/index.md": "# A\n", "a/b/index.md": "# B\n", "roles.json": "{}"})
    assert sorted(first.written) == ["a/b/index.md", "a/index.md", "roles.json"]
    old = tmp_path / "pages/a/index.md"
    os.utime(old, (1_000_000, 1_000_000))
    # a new instance (a new process) compares with what is on disk
    second = PageFolder(tmp_path / "pages").sync({"a/index.md": "# A\n", "c/index.md": "# C\n", "roles.json": "{}"})
    assert second.written == ["c/index.md"] and second.removed == ["a/b/index.md"]
    assert old.stat().st_mtime == 1_000_000  # unchanged content keeps its modification time
    assert not (tmp_path / "pages/a/b").exists()  # the emptied folder went too
    third = folder.sync({"a/index.md": "# A changed\n", "c/index.md": "# C\n", "roles.json": "{}"})
    assert third.written == ["a/index.md"] and old.stat().st_mtime > 1_000_000


def test_folder_never_writes_through_a_symlink(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.md").write_text("precious")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a").symlink_to(outside, target_is_directory=True)
    (pages / "b.md").symlink_to(outside / "index.md")
    PageFolder(pages).sync({"a/index.md": "# A\n", "b.md": "# B\n"})
    assert (outside / "index.md").read_text() == "precious"
    assert not (pages / "a").is_symlink() and (pages / "a/index.md").read_text() == "# A\n"
    assert not (pages / "b.md").is_symlink() and (pages / "b.md").read_text() == "# B\n"
    with pytest.raises(ValueError):
        PageFolder(pages).sync({"../escape.md": "x"})


def test_pages_are_files_that_plugins_can_read_and_dirty_builds_skip_unchanged_ones(tmp_path):
    config = project(tmp_path, extra_config="hooks:\n  - hook.py\n")
    (tmp_path / "hook.py").write_text(HOOK)
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    pages = tmp_path / PAGES
    seen = json.loads((tmp_path / "hook.json").read_text())
    assert "engineering/cto/index.md" in seen and "engineering/cto/onboarding.md" in seen and "roles.json" in seen
    assert all(seen.values())
    assert (pages / "engineering/cto/index.md").read_text().count("Chief Technology Officer") >= 1
    assert "<svg" in (pages / "engineering/cto/diagram.html").read_text()  # joins the page after conversion
    assert not list(pages.rglob("*.svg"))  # nothing is written that the site does not use

    # the edit link still opens the YAML file
    html = (site / "engineering/cto/index.html").read_text()
    assert "edit/main/handbooks/engineering/cto.yml" in html

    # an unchanged rebuild rewrites no page
    stamps = {p: p.stat().st_mtime_ns for p in pages.rglob("*") if p.is_file()}
    again, _ = build(config)
    assert again.returncode == 0, again.stderr
    assert {p: p.stat().st_mtime_ns for p in pages.rglob("*") if p.is_file()} == stamps

    # `mkdocs build --dirty` rebuilds the pages whose content changed, and only those
    built = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    role = tmp_path / "handbooks/product/data-analyst.yml"
    role.write_text(role.read_text().replace("\nsummary: ", "\nsummary: Newly summarised. ", 1))
    dirty = run_tool("mkdocs", "build", "--dirty", "-f", config, "-d", site, cwd=tmp_path)
    assert dirty.returncode == 0, dirty.stderr
    rebuilt = {p.relative_to(site).as_posix() for p, t in built.items() if p.stat().st_mtime_ns != t}
    assert "product/data-analyst/index.html" in rebuilt
    assert "Newly summarised." in (site / "product/data-analyst/index.html").read_text()
    assert "engineering/cto/index.html" not in rebuilt and "people-operations/index.html" not in rebuilt
    changed = {p.relative_to(pages).as_posix() for p in pages.rglob("*") if p.stat().st_mtime_ns != stamps.get(p)}
    # a page whose diagram changed (the overview's tooltips show role summaries) is rebuilt too
    changed_md = {f for f in changed if f.endswith(".md")} | {f[:-len("diagram.html")] + "index.md" for f in changed
                                                              if f.endswith("diagram.html")}
    assert "overview/index.md" in changed_md
    expected = {f[:-3] + ("/index.html" if not f.endswith("/index.md") else ".html") for f in changed_md}
    assert rebuilt - {"404.html"} == expected

    # a deleted role's generated files go away
    role.unlink()
    gone, _ = build(config, strict=False)
    assert gone.returncode == 0, gone.stderr
    assert not (pages / "product/data-analyst").exists()
    assert (pages / "product/index.md").is_file()


def test_build_manifest_is_checked_data_and_a_damaged_one_is_logged_and_rebuilt(tmp_path):
    from rolebook.build import warm_cache as build_cache

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.md").write_text("# A\n")
    manifest = {"files": {"a.md": build_cache.file_digest("# A\n")}, "pages": ["a.md"], "sources": {},
                "findings": [], "unreadable": [], "nav": [["Team", ["a.md"]]], "data_files": []}
    build_cache.save(tmp_path, "k1", manifest)
    assert build_cache.load(tmp_path, "k1", pages)["pages"] == ["a.md"]
    assert build_cache.load(tmp_path, "other", pages) is None
    (pages / "a.md").write_text("# A, edited by hand\n")
    with pytest.raises(build_cache.DamagedCache):
        build_cache.load(tmp_path, "k1", pages)
    fmt = build_cache.FORMAT
    for bad in (b"\x80garbage", b"[]", json.dumps({"format": fmt, "key": "k1", **manifest, "pages": ["../x"]}).encode(),
                json.dumps({"format": fmt, "key": "k1", **manifest, "findings": [{"path": 1}]}).encode()):
        for sealed in (False, True):  # what this user's builds would never write, sealed or not
            scope = build_cache._scope(tmp_path)
            (tmp_path / "build.json").write_bytes((seal(scope, bad).encode() + b"\n" if sealed else b"") + bad)
            with pytest.raises(build_cache.DamagedCache):
                build_cache.load(tmp_path, "k1", pages)


def test_inputs_digest_survives_odd_names_links_and_specials(tmp_path):
    from rolebook.build import warm_cache as build_cache

    hb = tmp_path / "handbooks" / "team"
    hb.mkdir(parents=True)
    (hb / "a.yml").write_text("title: A\n")
    before = build_cache.inputs_digest(tmp_path / "handbooks", "s")
    (hb / os.fsdecode(b"\xff-odd.yml")).write_text("title: B\n")
    (hb / "link.yml").symlink_to("/nonexistent/target.yml")
    os.mkfifo(hb / "pipe.yml")
    after = build_cache.inputs_digest(tmp_path / "handbooks", "s")
    assert after != before and after == build_cache.inputs_digest(tmp_path / "handbooks", "s")


def test_site_with_a_damaged_build_cache_is_rebuilt(tmp_path):
    from rolebook.build.warm_cache import FORMAT

    config = project(tmp_path)
    first, site = build(config)
    assert first.returncode == 0, first.stderr
    (tmp_path / ".cache/rolebook/build.json").write_text('{"format": 2, "key": ')
    again, _ = build(config)
    assert again.returncode == 0, again.stderr
    assert "build cache" in again.stderr and "rebuilding it" in again.stderr
    assert "Chief Technology Officer" in (site / "engineering/cto/index.html").read_text()
    assert json.loads((tmp_path / ".cache/rolebook/build.json").read_text().partition("\n")[2])["format"] == FORMAT


def test_warm_build_reuses_converted_pages_and_builds_the_same_bytes(tmp_path):
    config = project(tmp_path)
    cold, site = build(config)
    assert cold.returncode == 0, cold.stderr
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    warm = run_tool("mkdocs", "build", "--strict", "-v", "-f", config, "-d", site, cwd=tmp_path)
    assert warm.returncode == 0, warm.stderr
    generated = len(list((tmp_path / PAGES).rglob("*.md")))
    assert f"HTML cache: {generated} pages reused, 0 converted" in warm.stderr
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")} == first
    # a damaged entry is converted again, never served
    entries = sorted((tmp_path / ".cache/rolebook/html").rglob("*.json"))
    assert len(entries) == generated
    for entry in entries[:3]:
        entry.write_text(entry.read_text().partition("\n")[0] + '\n{"content": 1}')  # sealed line, bad body
    again = run_tool("mkdocs", "build", "--strict", "-v", "-f", config, "-d", site, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"HTML cache: {generated - 3} pages reused, 3 converted" in again.stderr
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")} == first


def test_diagram_slot_gives_the_same_html_as_the_inline_diagram(tmp_path):
    import datetime as dt

    import markdown

    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings
    from rolebook.pages import diagram_slots
    from support.sites import REPO

    result = build_handbook(Settings(handbooks_dir=REPO / "handbooks", today=dt.date(2026, 11, 20),
                                     cache_dir=tmp_path / "cache", history=False))
    files = diagram_slots.split(result.pages, result.diagram_html)
    for rel, text in files.items():
        (tmp_path / "pages" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pages" / rel).write_text(text)
    with_diagrams = [src for src in result.pages if diagram_slots.SLOT in files[src]]
    assert len(with_diagrams) >= 15  # role, team and overview pages

    def convert(text: str) -> str:
        extensions = ["admonition", "attr_list", "tables", "toc"]
        return markdown.Markdown(extensions=extensions, extension_configs={"toc": {"permalink": True}}).convert(text)

    for src in with_diagrams:
        filled, ids = diagram_slots.fill(convert(files[src]), tmp_path / "pages", src)
        assert filled == convert(result.pages[src]), src
        assert any(i.endswith("-figure") for i in ids)


def test_inputs_digest_sees_a_team_folder_linked_to_a_dot_folder(tmp_path):
    """Issue 25: the loader reads a team folder that links to `.team-src/`; the warm key must see its files."""
    from rolebook.build import warm_cache as build_cache

    hb = tmp_path / "handbooks"
    (hb / ".team-src").mkdir(parents=True)
    (hb / ".team-src" / "a.yml").write_text("title: A\n")
    (hb / "team").symlink_to(".team-src")
    (hb / "loop").symlink_to(".")  # a link loop ends
    before = build_cache.inputs_digest(hb, "s")
    (hb / ".team-src" / "a.yml").write_text("title: B\n")
    assert build_cache.inputs_digest(hb, "s") != before
