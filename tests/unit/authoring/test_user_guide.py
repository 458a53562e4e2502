"""The user guide ships with Rolebook, speaks to someone in their own repository, and lists every rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rolebook.authoring import user_guide
from rolebook.authoring.user_guide import guide_pages
from rolebook.model.rules import RULES
from support.cli import rolebook
from support.handbooks import REPO


def test_the_committed_guide_is_what_rolebook_docs_writes():
    pages = guide_pages()
    assert set(pages) == {p.name for p in (REPO / "docs/guide").glob("*.md")}
    for name, text in pages.items():
        assert (REPO / "docs/guide" / name).read_text() == text, f"run `rolebook docs -o docs/guide` ({name})"


def test_every_rule_of_the_table_is_in_the_guide():
    text = guide_pages()["proposing-changes.md"]
    for code, rule in RULES.items():
        assert f"| {code} | {rule.severity.value} | " in text, code


def test_a_new_rule_appears_by_itself(monkeypatch):
    extra = replace(RULES["RB101"], code="RB199", help="A made-up rule | with a pipe.")
    monkeypatch.setattr(user_guide, "RULES", {**RULES, "RB199": extra})
    assert "| RB199 | warning | A made-up rule \\| with a pipe. |" in guide_pages()["proposing-changes.md"]


@pytest.mark.parametrize("only_here", ["make serve", "make messages", ".venv/bin", "plugins/rolebook/", "scripts/"])
def test_the_guide_names_nothing_only_this_repository_has(only_here):
    for name, text in guide_pages().items():
        assert only_here not in text, f"{name}: {only_here}"


def test_rolebook_docs_writes_the_pages_and_refuses_a_file(tmp_path):
    result = rolebook("docs", "-o", tmp_path / "guide")
    assert result.returncode == 0
    assert sorted(p.name for p in (tmp_path / "guide").iterdir()) == sorted(guide_pages())
    (tmp_path / "a-file").write_text("x")
    refused = rolebook("docs", "-o", tmp_path / "a-file" / "guide")
    assert refused.returncode == 2 and refused.stderr.startswith("Error: ") and "Traceback" not in refused.stderr
