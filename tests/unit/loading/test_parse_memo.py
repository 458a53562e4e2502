"""The parse memo is an object the caller owns: passed to the loader, never a private global reached into."""

from __future__ import annotations

from rolebook.loading import parse_memo
from rolebook.loading.loader import load_handbook, release_documents
from rolebook.loading.parse_memo import ParseMemo
from support.handbooks import CLEAN_ROLE


def test_a_memo_passed_in_is_the_one_used(handbook_dir, monkeypatch):
    shared = ParseMemo()
    monkeypatch.setattr(parse_memo, "SHARED", shared)
    root = handbook_dir({"team/a.yml": CLEAN_ROLE, "team/b.yml": CLEAN_ROLE.replace("Staff", "Lead")})
    mine = ParseMemo()
    first = load_handbook(root, memo=mine)
    assert len(mine) == 2 and len(shared) == 0
    again = load_handbook(root, memo=mine)  # the same bytes: the very same parses
    assert again.role("team/a").role is first.role("team/a").role
    release_documents(again, mine)
    assert len(mine) == 0


def test_the_default_is_the_shared_memo_and_a_zero_budget_keeps_nothing(handbook_dir, monkeypatch):
    shared = ParseMemo()
    monkeypatch.setattr(parse_memo, "SHARED", shared)
    root = handbook_dir({"team/a.yml": CLEAN_ROLE})
    load_handbook(root)
    assert len(shared) == 1
    none = ParseMemo(max_bytes=0)
    assert load_handbook(root, memo=none).role("team/a") is not None and len(none) == 0


def test_identical_files_in_one_load_are_parsed_once(handbook_dir):
    memo = ParseMemo()
    handbook = load_handbook(handbook_dir({"team/a.yml": CLEAN_ROLE, "team/b.yml": CLEAN_ROLE}), memo=memo)
    assert len(memo) == 1 and handbook.role("team/a").role is handbook.role("team/b").role
