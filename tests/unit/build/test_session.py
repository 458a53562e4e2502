"""The build session without MkDocs: warm, streaming and incremental builds as plain data.

`build.session` is what a site generator drives; these tests drive it the way the MkDocs plugin
does, with nothing of MkDocs loaded (one of them checks that in a fresh interpreter).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest

from rolebook.build.page_folder import PAGES_FOLDER
from rolebook.build.session import ASSET, DATA, INCREMENTAL, PAGE, STREAMING, WARM, BuildSession, report
from rolebook.build.settings import Settings, SettingsProblem
from support.handbooks import CLEAN_ROLE, REPO, write_handbook

TODAY = dt.date(2026, 11, 20)
TEAM = "title: Engineering\nsummary: Builds the product.\n"


def settings_for(tmp_path, **changes) -> Settings:
    hb = write_handbook(tmp_path, {"eng/_team.yml": TEAM, "eng/staff.yml": CLEAN_ROLE,
                                   "eng/lead.yml": CLEAN_ROLE.replace("Staff Engineer", "Tech Lead")})
    return Settings(handbooks_dir=hb, cache_dir=tmp_path / "cache", today=TODAY, history=False,
                    **changes).resolved()


def test_a_one_off_build_streams_then_a_repeat_takes_the_manifest(tmp_path):
    settings = settings_for(tmp_path)
    first = BuildSession(settings).build()
    assert first.mode == STREAMING
    assert "eng/staff/index.md" in first.pages and "eng/index.md" in first.pages
    assert first.nav == [["Engineering", ["eng/index.md", "eng/staff/index.md", "eng/lead/index.md"]]]
    assert first.sources["eng/staff/index.md"] == settings.handbooks_dir / "eng/staff.yml"
    assert first.unreadable == [] and all(f.severity.value != "error" for f in first.findings)
    pages_dir = tmp_path / "cache" / PAGES_FOLDER
    assert first.pages_dir == pages_dir and (pages_dir / "eng/staff/index.md").is_file()
    assert (pages_dir / "roles.json").is_file() and (pages_dir / "role.schema.json").is_file()
    assert "eng/staff/index.md" in first.changed  # written this time

    again = BuildSession(settings).build()  # a new process would do the same: nothing changed
    assert again.mode == WARM and again.synced is None and again.changed == set()
    assert (list(again.pages), again.sources, again.nav) == (list(first.pages), first.sources, first.nav)

    (settings.handbooks_dir / "eng/lead.yml").write_text(CLEAN_ROLE.replace("Staff Engineer", "Principal"))
    changed = BuildSession(settings).build()
    assert changed.mode == STREAMING and "eng/lead/index.md" in changed.changed
    assert "eng/staff/index.md" not in changed.changed  # its file holds the same bytes


def test_a_serving_session_builds_incrementally_and_hands_changed_pages_first(tmp_path):
    settings = settings_for(tmp_path)
    session = BuildSession(settings, serving=True)
    first = session.build()
    assert first.mode == INCREMENTAL and first.update.full
    (settings.handbooks_dir / "eng/lead.yml").write_text(CLEAN_ROLE.replace("Staff Engineer", "Principal"))
    second = session.build()
    assert second.mode == INCREMENTAL and not second.update.full and second.update.nav_changed
    assert "eng/lead/index.md" in second.changed and "eng/staff/index.md" not in second.changed
    assert second.nav[0][1] == ["eng/index.md", "eng/lead/index.md", "eng/staff/index.md"]  # Principal < Staff

    docs = tmp_path / "docs"
    files = session.site_files(second, docs, changed_first=True)
    pages = [f for f in files if f.kind == PAGE]
    changed = [src for src in second.pages if src in second.changed]
    assert [f.src_uri for f in pages] == changed + [src for src in second.pages if src not in second.changed]
    assert [f.changed for f in pages] == [True] * len(changed) + [False] * (len(pages) - len(changed))
    lead = next(f for f in pages if f.src_uri == "eng/lead/index.md")
    assert lead.edit_path == "../handbooks/eng/lead.yml" and lead.abs_src_path.is_file()
    assert [f.src_uri for f in files if f.kind == ASSET] == ["assets/rolebook/rolebook.css",
                                                             "assets/rolebook/rolebook.js"]
    assert all(f.abs_src_path.is_file() for f in files)
    assert sorted(f.src_uri for f in files if f.kind == DATA) == [
        "delivery.json", "eng/outcomes.ics", "outcomes.ics", "people.schema.json", "role.schema.json", "roles.json",
        "team.schema.json"]
    in_plan = session.site_files(second, docs)
    assert [f.src_uri for f in in_plan if f.kind == PAGE] == list(second.pages)


def test_the_site_generator_decides_what_files_a_page_becomes(tmp_path):
    settings = settings_for(tmp_path)

    def page_files(rel, text):
        return [(rel, text), (rel + ".seen", "1")]

    built = BuildSession(settings, page_files=page_files, layout={"seen": True}).build()
    assert (built.pages_dir / "eng/staff/index.md.seen").read_text() == "1"
    # another layout is another key: a session without it does not take that manifest
    plain = BuildSession(settings).build()
    assert plain.mode == STREAMING and not (plain.pages_dir / "eng/staff/index.md.seen").exists()


def test_languages_are_lanes_with_their_own_pages(tmp_path):
    settings = settings_for(tmp_path)
    session = BuildSession(settings)
    default = session.build()
    french = session.build(messages=session.messages("fr"), lane="fr")
    assert french.pages_dir == tmp_path / "cache" / "i18n-fr" / PAGES_FOLDER
    assert french.messages.language == "fr" and default.messages.language in (None, "en")
    assert (french.pages_dir / "eng/staff/index.md").read_text() != (default.pages_dir / "eng/staff/index.md").read_text()


def test_settings_problems_name_the_option(tmp_path):
    settings = settings_for(tmp_path)
    with pytest.raises(SettingsProblem, match="cache_dir"):
        BuildSession(settings.replace(cache_dir=None))
    with pytest.raises(SettingsProblem, match="handbooks_dir .* is not a folder"):
        BuildSession(settings.replace(handbooks_dir=tmp_path / "nowhere")).build()


def test_report_logs_findings_and_counts_errors(tmp_path, caplog):
    hb = write_handbook(tmp_path, {"eng/r.yml": CLEAN_ROLE.replace("summary: ", "sumary: ")})
    settings = Settings(handbooks_dir=hb, cache_dir=tmp_path / "cache", today=TODAY, history=False).resolved()
    built = BuildSession(settings).build()
    log = logging.getLogger("test-session")
    with caplog.at_level(logging.INFO, logger="test-session"):
        errors = report(built, log)
    assert errors == sum(f.severity.value == "error" for f in built.findings) and errors >= 1
    assert any("r.yml:" in record.getMessage() for record in caplog.records)


SCRIPT = textwrap.dedent(
    """\
    import datetime as dt, json, sys
    from pathlib import Path
    from rolebook.build.session import BuildSession
    from rolebook.build.settings import Settings

    hb, cache = Path(sys.argv[1]), Path(sys.argv[2])
    settings = Settings(handbooks_dir=hb, cache_dir=cache, today=dt.date(2026, 11, 20), history=False).resolved()
    modes = [BuildSession(settings).build().mode, BuildSession(settings).build().mode]
    serving = BuildSession(settings, serving=True)
    built = serving.build()
    modes.append(built.mode)
    files = serving.site_files(built, hb.parent / "docs")
    assert "mkdocs" not in sys.modules
    print(json.dumps({"modes": modes, "pages": len(built.pages), "files": len(files),
                      "mkdocs": sorted(m for m in sys.modules if m == "mkdocs" or m.startswith("mkdocs."))}))
    """
)


def test_a_session_runs_without_mkdocs(tmp_path):
    """Import and run a session (every mode) in a fresh interpreter: MkDocs is never imported."""
    hb = write_handbook(tmp_path, {"eng/staff.yml": CLEAN_ROLE})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "plugins"), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(hb), str(tmp_path / "cache")], capture_output=True,
                         text=True, env=env, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["modes"] == ["streaming", "warm", "incremental"]
    assert result["pages"] >= 3 and result["files"] == result["pages"] + 9  # + roles.json, delivery.json, 2 feeds, 3 schemas, 2 assets
    assert result["mkdocs"] == []


def test_a_cache_folder_that_cannot_be_written_costs_speed_not_the_build(tmp_path, monkeypatch, caplog):
    """Issue 25: a read-only (empty) cache folder gave a traceback; now the build runs in a temporary folder."""
    import errno
    import logging

    from rolebook.caching import lock

    settings = settings_for(tmp_path)
    reference = BuildSession(settings).build()
    expected = {rel: (reference.pages_dir / rel).read_bytes() for rel in reference.pages}

    def refuse(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock.FolderLock, "acquire", refuse)
    with caplog.at_level(logging.INFO):
        built = BuildSession(settings.replace(cache_dir=tmp_path / "read-only")).build()
    assert "temporary folder" in caplog.text and not str(built.lane_dir).startswith(str(tmp_path))
    assert {rel: (built.pages_dir / rel).read_bytes() for rel in built.pages} == expected
