"""Loading and checking pause the cycle collector and always switch it back on."""

import gc

import pytest

from rolebook.checks import check
from rolebook.loading.gc_pause import collector_paused
from rolebook.loading.loader import HandbookNotFound, load_handbook
from support.handbooks import EXAMPLE


def test_collector_is_off_inside_and_restored_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError
    assert gc.isenabled()


def test_nested_pause_keeps_the_outer_state():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: stays off
    finally:
        gc.enable()


def test_load_and_check_leave_the_collector_on(tmp_path):
    with pytest.raises(HandbookNotFound):
        load_handbook(tmp_path / "missing")
    assert gc.isenabled()
    team = tmp_path / "handbooks" / "team-a"
    team.mkdir(parents=True)
    (team / "lead.yml").write_text("title: Lead\nsummary: Leads the team.\n")
    findings = check(load_handbook(tmp_path / "handbooks"))
    assert gc.isenabled()
    assert all(f.code != "RB001" for f in findings)


def test_one_off_build_releases_the_parse_memo(tmp_path, monkeypatch):
    """A one-off build (pages to a sink) drops the loader's memo (a ParseMemo, no longer a dict) after the check."""
    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings
    from rolebook.loading import parse_memo
    from rolebook.loading.parse_memo import ParseMemo

    memo = ParseMemo()
    memo.put(b"key", ("doc", "role"), 10)
    monkeypatch.setattr(parse_memo, "SHARED", memo)  # the default memo the build's loader reads with
    team = tmp_path / "handbooks" / "team-a"
    team.mkdir(parents=True)
    (team / "lead.yml").write_text("title: Lead\nsummary: Leads the team.\n")
    written = {}
    result = build_handbook(Settings(handbooks_dir=tmp_path / "handbooks", history=False, cache_dir=None),
                            sink=written.__setitem__)
    assert len(memo) == 0
    assert written["team-a/lead/index.md"] and result.pages["team-a/lead/index.md"] == ""
    assert all(entry.doc is None for entry in result.handbook.roles())


def test_settling_freezes_only_in_the_rolebook_process(monkeypatch):
    """The command run from its own command line freezes what it loaded; called in-process it does not."""
    from click.testing import CliRunner

    from rolebook.cli import main

    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == before  # in-process callers (tests, hosts) keep a normal collector
    monkeypatch.setattr("sys.argv", ["/venv/bin/rolebook", "check", str(EXAMPLE)])
    monkeypatch.setattr("atexit.register", lambda *a, **k: None)  # the exit hook is the process's, not pytest's
    try:
        with pytest.raises(SystemExit) as exit_:
            main()  # as the console script calls it: on sys.argv
        assert exit_.value.code == 0
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_consuming_split_gives_the_same_files_and_empties_the_pages():
    from rolebook.pages import diagram_slots

    diagram = '<figure id="d"><svg></svg></figure>'
    pages = {"t/r/index.md": f"# R\n\n{diagram}\n\ntext\n", "t/index.md": "# T\n"}
    kept = diagram_slots.split(dict(pages), {"t/r/index.md": diagram})
    consumed_from = dict(pages)
    consumed = diagram_slots.split(consumed_from, {"t/r/index.md": diagram}, consume=True)
    assert consumed == kept and list(consumed) == list(kept)
    assert consumed_from == {}
    assert diagram_slots.SLOT in consumed["t/r/index.md"] and consumed["t/r/diagram.html"] == diagram
