"""The user guide, for someone in their own repository: `rolebook docs` and `rolebook init` write it.

The pages are this repository's `docs/guide/` (shipped in the wheel as `rolebook/guide`), written
for adopters: commands as installed (`rolebook`, `mkdocs`), paths of a repository `init` made.
Two parts are generated, so they always match the installed Rolebook: the format reference
(`role-format.md`, from the model) and the rule table between the `rolebook:rules` markers (from
`model.rules`: every code, its default severity and its help), so a new rule appears by itself.
"""

from __future__ import annotations

from pathlib import Path

from rolebook import resources
from rolebook.model.rules import RULES
from rolebook.model.schema import markdown_reference

GUIDE_FOLDER = Path("docs") / "guide"
RULES_START = "<!-- rolebook:rules -->"
RULES_END = "<!-- /rolebook:rules -->"
FORMAT_PAGE = "role-format.md"


def rule_table() -> str:
    """Every rule as a Markdown table: code, default severity, what it means and what to do."""
    rows = ["| code | default | what it means and what to do |", "|---|---|---|"]
    for code, rule in sorted(RULES.items()):
        rows.append(f"| {code} | {rule.severity.value} | {rule.help.replace('|', chr(92) + '|')} |")
    return "\n".join(rows)


def fill_rules(text: str) -> str:
    """`text` with the table between the rules markers generated afresh (unchanged without markers)."""
    start = text.find(RULES_START)
    end = text.find(RULES_END)
    if start < 0 or end < start:
        return text
    return text[:start + len(RULES_START)] + "\n" + rule_table() + "\n" + text[end:]


def guide_pages() -> dict[str, str]:
    """{file name: Markdown} of every page of the guide, generated parts filled in."""
    pages = {}
    for path in sorted(resources.guide().glob("*.md")):
        pages[path.name] = fill_rules(path.read_text(encoding="utf-8"))
    pages[FORMAT_PAGE] = markdown_reference() + "\n"
    return pages


def write_guide(folder: Path) -> list[Path]:
    """Write the guide's pages into `folder` (replacing earlier copies of them); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in guide_pages().items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
