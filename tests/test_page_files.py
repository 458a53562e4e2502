"""Generated pages are real files under the cache folder, rewritten only when their content changes."""

from __future__ import annotations

import json
import os

import pytest

from rolebook.page_files import PageFolder
from sites import build, project, run_tool

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
    assert (pages / "engineering/cto/diagram.svg").read_text().lstrip().startswith("<svg")

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
    changed_md = {p.relative_to(pages).as_posix() for p in pages.rglob("*.md") if p.stat().st_mtime_ns != stamps.get(p)}
    expected = {f[:-3] + ("/index.html" if not f.endswith("/index.md") else ".html") for f in changed_md}
    assert rebuilt - {"404.html"} == expected

    # a deleted role's generated files go away
    role.unlink()
    gone, _ = build(config, strict=False)
    assert gone.returncode == 0, gone.stderr
    assert not (pages / "product/data-analyst").exists()
    assert (pages / "product/index.md").is_file()
