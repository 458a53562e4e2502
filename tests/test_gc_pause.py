"""Loading and checking pause the cycle collector and always switch it back on."""

import gc

import pytest

from rolebook.checks import check
from rolebook.gc_pause import collector_paused
from rolebook.loading import HandbookNotFound, load_handbook


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
