"""Hostile input (issue 9, part A): every class with a minimal reproducer.

1. YAML nodes the loader does not understand, and unknown keys by any name;
2. line and column in editor terms (only \\n, \\r\\n and \\r break lines);
3. control characters in text;
4. the one file-system reader (symlinks, FIFOs, unreadable paths, names, RB116, pairs);
10. the parse memo, bounded by bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from rolebook.build.warm_cache import inputs_digest
from rolebook.checks import check
from rolebook.loading import parse_memo
from rolebook.loading.files import MAX_BYTES, Refused, read_file
from rolebook.loading.loader import load_handbook
from rolebook.loading.parse_memo import ParseMemo
from rolebook.reports.export import export
from support.cli import rolebook
from support.handbooks import CLEAN_ROLE
from support.sites import run_tool

SECRET = "s3cret-token-from-the-build-machine"


def load(handbook_dir, files):
    hb = load_handbook(handbook_dir(files))
    return hb, check(hb)


def at(findings, name):
    return [(f.code, f.line, f.column) for f in findings if f.path.endswith(name)]


# -- 1. every YAML node the loader does not understand is a finding at the node --------------


@pytest.mark.parametrize("line, words", [
    ("title: !!bool maybe", "`maybe` is not a valid bool"),
    ('title: !!int ""', '`""` is not a valid int'),
    ('title: !!float ""', '`""` is not a valid float'),
    ("title: !!timestamp x", "`x` is not a valid timestamp"),
    ("title: !!map x", "does not fit a single value"),
    ("title: !!str [a]", "does not fit a list"),
    ("title: !!seq {a: b}", "does not fit a mapping"),
    ("title: !!set {a: b}", "not allowed"),
])
def test_tagged_values_that_do_not_fit_are_findings_at_the_node(handbook_dir, line, words):
    hb, findings = load(handbook_dir, {"team/r.yml": CLEAN_ROLE.replace("title: Staff Engineer", line)})
    assert [(f.code, f.line, f.column) for f in findings] == [("RB001", 1, 8)]
    assert words in findings[0].message and "remove" in findings[0].message
    assert [p.name for p in hb.unreadable] == ["r.yml"]


@pytest.mark.parametrize("title", ["=", "<<"])
def test_yaml_value_and_merge_indicators_as_values_are_text(handbook_dir, title):
    hb, findings = load(handbook_dir, {"team/r.yml": CLEAN_ROLE.replace("title: Staff Engineer", f"title: {title}")})
    assert findings == []
    assert hb.role("team/r").role.title == title


@pytest.mark.parametrize("key", ["list", "str", "int", "date", "literal", "none", "a[0]", "function-after", "constrained-str"])
def test_unknown_keys_are_reported_by_their_name(handbook_dir, key):
    top = CLEAN_ROLE + f"{key}: 1\n"
    nested = CLEAN_ROLE.replace("    owner: Dana Lee\n", f"    owner: Dana Lee\n    {key}: 1\n")
    _, findings = load(handbook_dir, {"team/top.yml": top, "team/nested.yml": nested})
    assert [(f.code, f.line, f.column, f.message.split(":")[0]) for f in findings if f.path.endswith("top.yml")] == [
        ("RB002", 24, 1, f"unknown field `{key}`")]
    assert [(f.code, f.line, f.column, f.message.split(":")[0]) for f in findings if f.path.endswith("nested.yml")] == [
        ("RB002", 11, 5, f"unknown field `{key}` in outcome `api-live`")]


# -- 2. positions in editor terms ---------------------------------------------------------


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029"])
def test_unicode_line_separators_do_not_move_positions(handbook_dir, char):
    role = f"title: 'a{char}b{char}c'\nsummary: S\nbad: 1\n"
    _, findings = load(handbook_dir, {"team/r.yml": role.encode("utf-8")})
    assert at(findings, "r.yml") == [("RB002", 3, 1)]
    syntax = f"title: 'a{char}b'\nsummary: [x\n".encode("utf-8")
    _, findings = load(handbook_dir, {"team/r.yml": syntax})
    assert [(f.code, f.line) for f in findings] == [("RB001", 3)]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_positions_in_cr_crlf_and_lf_files(handbook_dir, newline):
    role = newline.join(["title: T", "summary: x\x01y", "bad: 1", ""])
    _, findings = load(handbook_dir, {"team/r.yml": role.encode("utf-8")})
    assert at(findings, "r.yml") == [("RB002", 2, 11)]
    broken = newline.join(["title: T", "summary: caf"]).encode("utf-8") + b"\xe9\n"
    _, findings = load(handbook_dir, {"team/r.yml": broken})
    assert at(findings, "r.yml") == [("RB001", 2, 13)]


# -- 3. control characters --------------------------------------------------------------------


@pytest.mark.parametrize("written, position", [
    ('title: "Staff\\0Engineer"', (1, 8)),      # NUL by escape (it used to break Graphviz)
    ('title: "Staff\\eEngineer"', (1, 8)),      # ESC: terminal escape sequences
    ('title: "Staff\\rEngineer"', (1, 8)),      # a lone CR inside text
    ("title: Staff\x00Engineer", (1, 13)),      # raw NUL in the file
    ("title: Staff\x0bEngineer", (1, 13)),      # raw vertical tab
    ('"title\\x01": x\ntitle: T', (1, 1)),      # in a key
])
def test_control_characters_are_rb002_at_the_field(handbook_dir, written, position):
    hb, findings = load(handbook_dir, {"team/r.yml": CLEAN_ROLE.replace("title: Staff Engineer", written)})
    assert [(f.code, f.line, f.column) for f in findings] == [("RB002", *position)]
    assert "control character U+00" in findings[0].message and "delete it" in findings[0].message
    assert hb.role("team/r") is None and [p.name for p in hb.unreadable] == ["r.yml"]


def test_tab_and_newline_are_text(handbook_dir):
    role = CLEAN_ROLE.replace("summary: Sets technical direction.", 'summary: "Sets\\ttechnical\\ndirection."')
    hb, findings = load(handbook_dir, {"team/r.yml": role})
    assert findings == [] and hb.role("team/r").role.summary == "Sets\ttechnical\ndirection."


def test_a_role_with_nul_never_reaches_graphviz(handbook_dir):
    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings

    hb = handbook_dir({"team/r.yml": CLEAN_ROLE.replace("title: Staff Engineer", 'title: "a\\0b"'),
                       "team/s.yml": CLEAN_ROLE})
    result = build_handbook(Settings(handbooks_dir=hb, history=False, cache_dir=None))  # raised DiagramError before
    assert [f.code for f in result.findings if f.path.endswith("r.yml")] == ["RB002"]
    assert [p.name for p in result.unreadable] == ["r.yml"]
    assert "\x00" not in result.roles_json and all("\x00" not in page for page in result.pages.values())


# -- 4. the file-system reader ------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path):
    """A file and a folder on the build machine, outside the handbooks folder."""
    secret = tmp_path / "elsewhere" / "secret.yml"
    secret.parent.mkdir()
    secret.write_text(CLEAN_ROLE.replace("Staff Engineer", SECRET))
    (tmp_path / "elsewhere" / "team").mkdir()
    (tmp_path / "elsewhere" / "team" / "r.yml").write_text(CLEAN_ROLE.replace("Staff Engineer", SECRET))
    return tmp_path / "elsewhere"


def test_symlinks_out_of_the_handbook_are_refused_unread(handbook_dir, outside, tmp_path):
    hb_dir = handbook_dir({"eng/r.yml": CLEAN_ROLE})
    (hb_dir / "eng" / "leak.yml").symlink_to(outside / "secret.yml")
    (hb_dir / "eng" / "zero.yml").symlink_to("/dev/zero")
    (hb_dir / "stolen").symlink_to(outside / "team", target_is_directory=True)
    hb, findings = load(lambda files: hb_dir, {})
    assert sorted((Path(f.path).name, f.code, f.line, f.column) for f in findings) == [
        ("leak.yml", "RB001", 1, 1), ("stolen", "RB001", 1, 1), ("zero.yml", "RB001", 1, 1)]
    assert all("outside the handbooks folder" in f.message for f in findings)
    assert sorted(p.name for p in hb.unreadable) == ["leak.yml", "stolen", "zero.yml"]
    assert [e.ref for e in hb.roles()] == ["eng/r"]
    assert SECRET not in json.dumps(export(hb)) and all(SECRET not in f.message for f in findings)
    # the command line agrees: an error, the secret nowhere
    result = run_tool("rolebook", "export", hb_dir, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and SECRET not in result.stdout + result.stderr


def test_symlinks_inside_the_handbook_are_read(handbook_dir):
    hb_dir = handbook_dir({"eng/r.yml": CLEAN_ROLE, "product/p.yml": CLEAN_ROLE})
    (hb_dir / "eng" / "alias.yml").symlink_to("../product/p.yml")
    hb, findings = load(lambda files: hb_dir, {})
    assert findings == [] and hb.role("eng/alias") is not None


def test_fifo_and_non_regular_files_do_not_hang(handbook_dir, tmp_path):
    hb_dir = handbook_dir({"eng/r.yml": CLEAN_ROLE})
    os.mkfifo(hb_dir / "eng" / "pipe.yml")
    os.mkfifo(hb_dir / "eng" / "_team.yml")
    for command in (["check", hb_dir], ["export", hb_dir]):
        result = run_tool("rolebook", *command, cwd=tmp_path, timeout=60)  # hung forever before
        assert result.returncode == 1, result.stderr
    hb = load_handbook(hb_dir)
    assert sorted((Path(f.path).name, f.code) for f in hb.findings) == [("_team.yml", "RB001"), ("pipe.yml", "RB001")]
    assert "FIFO" in hb.findings[0].message
    assert hb.role("eng/r") is not None


def test_reads_are_bounded(tmp_path):
    big = tmp_path / "big.yml"
    with big.open("wb") as f:
        f.truncate(3 * MAX_BYTES)
    assert len(read_file(big, str(tmp_path))) == MAX_BYTES + 1
    with pytest.raises(Refused):
        read_file(tmp_path, str(tmp_path))  # a folder is not a file


def test_unreadable_files_and_folders_are_findings_and_the_rest_runs(handbook_dir, monkeypatch):
    hb_dir = handbook_dir({"eng/locked.yml": CLEAN_ROLE, "eng/r.yml": CLEAN_ROLE, "locked-team/x.yml": CLEAN_ROLE,
                           "ok/r.yml": CLEAN_ROLE})
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path, *args, **kwargs):
        if str(path).endswith("locked.yml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def deny_scandir(path="."):
        if str(path).endswith("locked-team"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    hb, findings = load(lambda files: hb_dir, {})
    assert sorted((Path(f.path).name, f.code) for f in findings) == [("locked-team", "RB001"), ("locked.yml", "RB001")]
    assert all("Permission denied" in f.message for f in findings)
    assert [e.ref for e in hb.roles()] == ["eng/r", "ok/r"]
    inputs_digest(hb_dir, "settings")  # the build cache digest crashed here


def test_names_that_are_not_utf8(handbook_dir, tmp_path):
    hb_dir = handbook_dir({"eng/r.yml": CLEAN_ROLE})
    with open(os.path.join(os.fsencode(hb_dir / "eng"), b"caf\xe9.yml"), "w") as f:
        f.write(CLEAN_ROLE)
    hb, findings = load(lambda files: hb_dir, {})
    assert [(f.code, Path(f.path).name) for f in findings] == [("RB001", "caf\ufffd.yml")]
    assert "not valid UTF-8" in findings[0].message and hb.role("eng/r") is not None
    inputs_digest(hb_dir, "settings")  # crashed in the build cache digest
    result = run_tool("rolebook", "check", hb_dir, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "caf\ufffd.yml:1:1: error RB001" in result.stdout


def test_what_looks_like_handbook_content_but_is_not_read_is_rb116(handbook_dir):
    hb_dir = handbook_dir({"eng/r.yml": CLEAN_ROLE, "eng/Lead.YML": CLEAN_ROLE, "eng/drafts/notes.txt": "x",
                           "eng/.hidden.yml": CLEAN_ROLE, ".github/x.yml": "a: b", "README.md": "# hi",
                           "Loose.YAML": CLEAN_ROLE})
    hb, findings = load(lambda files: hb_dir, {})
    assert sorted((Path(f.path).name, f.code, f.severity.value) for f in findings) == [
        ("Lead.YML", "RB116", "warning"), ("Loose.YAML", "RB116", "warning"), ("drafts", "RB116", "warning")]
    assert "rename it to `Lead.yml`" in next(f.message for f in findings if f.path.endswith("Lead.YML"))


def test_a_yml_and_yaml_pair_is_an_error_everywhere(handbook_dir, tmp_path):
    hb_dir = handbook_dir({"eng/r.yml": CLEAN_ROLE, "eng/r.yaml": CLEAN_ROLE.replace("Staff", "Other"),
                           "eng/_team.yml": "title: E\nsummary: S\n", "eng/_team.yaml": "title: F\nsummary: S\n"})
    hb, findings = load(lambda files: hb_dir, {})
    assert sorted((Path(f.path).name, f.code, f.severity.value) for f in findings) == [
        ("_team.yaml", "RB003", "error"), ("r.yaml", "RB003", "error")]
    assert sorted(p.name for p in hb.unreadable) == ["_team.yaml", "r.yaml"]
    assert rolebook("export", hb_dir, cwd=tmp_path).returncode == 1  # exited 0, one role dropped
    result = json.loads(rolebook("diff", hb_dir, hb_dir, "--format", "json", cwd=tmp_path).stdout)
    assert sorted(result["unreadable"]["new"]) == ["eng/_team.yaml", "eng/r.yaml"]


def git(*args, cwd):
    return subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=T", *args], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout


def test_diff_agrees_with_check_about_symlinked_roles(tmp_path, outside):
    repo = tmp_path / "repo"
    (repo / "handbooks" / "eng").mkdir(parents=True)
    (repo / "handbooks" / "eng" / "r.yml").write_text(CLEAN_ROLE)
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "one", cwd=repo)
    (repo / "handbooks" / "eng" / "leak.yml").symlink_to(outside / "secret.yml")
    (repo / "handbooks" / "eng" / "alias.yml").symlink_to("r.yml")
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "two", cwd=repo)
    check_out = rolebook("check", "--format", "json", cwd=repo)
    checked = {(Path(f["path"]).name, f["code"]) for f in json.loads(check_out.stdout)["findings"]
               if f["severity"] != "info"}  # RB113/RB114 depend on the date
    assert checked == {("leak.yml", "RB001")}
    for args in (["HEAD~1", "HEAD"], ["HEAD~1"]):  # a revision, and the working tree
        out = rolebook("diff", *args, "--format", "json", cwd=repo)
        result = json.loads(out.stdout)
        assert result["unreadable"]["new"] == ["eng/leak.yml"], out.stderr  # silently ignored before
        assert [r["ref"] for r in result["roles"]] == ["eng/alias"]
        assert SECRET not in out.stdout


# -- 10. the parse memo is bounded by bytes ------------------------------------------------------


def test_parse_memo_is_bounded_by_bytes(handbook_dir, monkeypatch):
    memo = ParseMemo(max_bytes=300_000)
    monkeypatch.setattr(parse_memo, "SHARED", memo)
    notes = "purpose: |\n" + ("  " + "x" * 99 + "\n") * 1000  # about 100 kB a role
    files = {f"eng/r{i}.yml": CLEAN_ROLE + notes.replace("x", chr(97 + i)) for i in range(8)}
    hb, findings = load(handbook_dir, files)
    assert findings == [] and len(list(hb.roles())) == 8
    assert 0 < memo.bytes <= 300_000 and len(memo) == 2  # count alone would have kept all 8
    assert ParseMemo().max_bytes <= 64 * 1024 * 1024 and parse_memo.SHARED is memo


def test_a_hostile_checkout_fails_the_site_build_with_findings_and_publishes_nothing(tmp_path, outside):
    from support.sites import build, project

    config = project(tmp_path / "site-project", handbooks={"eng/r.yml": CLEAN_ROLE, "eng/twin.yml": CLEAN_ROLE,
                                                           "eng/twin.yaml": CLEAN_ROLE})
    hb_dir = config.parent / "handbooks"
    (hb_dir / "eng" / "leak.yml").symlink_to(outside / "secret.yml")
    (hb_dir / "stolen").symlink_to(outside / "team", target_is_directory=True)
    os.mkfifo(hb_dir / "eng" / "pipe.yml")
    with open(os.path.join(os.fsencode(hb_dir / "eng"), b"caf\xe9.yml"), "w") as f:
        f.write(CLEAN_ROLE)
    result, site = build(config, strict=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    for name in ("leak.yml", "stolen", "pipe.yml", "caf\ufffd.yml", "twin.yaml"):
        assert name in result.stderr
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert all(SECRET.encode() not in p.read_bytes() for p in published)


def test_what_check_accepts_renders_item_ids_starting_with_a_digit(handbook_dir):
    """Found by the fuzzer: `id: 1e999` is a slug, and the page's anchor filter refused it."""
    import datetime as dt

    from rolebook.pages.renderer import Renderer, SiteData

    role = CLEAN_ROLE.replace("api-live", "2027-live").replace("id: spec", "id: 1e999").replace("[spec]", "[1e999]")
    hb, findings = load(handbook_dir, {"team/r.yml": role})
    assert [f for f in findings if f.severity.value == "error"] == []
    renderer = Renderer(hb, data=SiteData(today=dt.date(2026, 11, 20)))
    page = renderer.render(next(p for p in renderer.pages if p.key == "team/r"))
    assert "#outcome-2027-live" in page and "#output-1e999" in page
