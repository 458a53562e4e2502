"""The changes in words a reader takes in: titles not ids, fields named in words, dates by Babel, list diffs.

Exports are built from real handbook folders (the loader and `reports.export`), then compared with
`reports.changes.diff` and written as Markdown, as plain text and in German.
"""

from __future__ import annotations

import datetime as dt
import re

from rolebook import i18n
from rolebook.build.pipeline import build_handbook
from rolebook.build.settings import Settings
from rolebook.loading.loader import load_handbook
from rolebook.reports.changes import Source, diff, to_markdown, to_text
from rolebook.reports.export import export
from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook

MANAGER = CLEAN_ROLE.replace("title: Staff Engineer", "title: Engineering Manager").replace(
    "Sets technical direction.", "Runs the team.").replace("Dana Lee", "Mo Park")
TEAM = "title: Platform Engineering\nsummary: Runs the platform.\n"


def source(tmp_path, name: str, files: dict[str, str]) -> Source:
    handbook = load_handbook(write_handbook(tmp_path / name, files))
    assert not handbook.findings or all(f.severity.value != "error" for f in handbook.findings)
    return Source(name, export(handbook))


def changed(tmp_path, staff_after: str, **extra) -> dict:
    before = {"eng/_team.yml": TEAM, "eng/staff.yml": CLEAN_ROLE, "eng/manager.yml": MANAGER}
    after = {**before, "eng/staff.yml": staff_after, **extra}
    return diff(source(tmp_path, "old", before), source(tmp_path, "new", after))


def test_a_quarter_and_its_last_day_are_the_same_due_date(tmp_path):
    old = CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-Q2")
    before = {"eng/staff.yml": old}
    same = diff(source(tmp_path, "a", before), source(tmp_path, "b", {"eng/staff.yml": CLEAN_ROLE}))
    assert same["roles"] == [] and "No role changed." in to_text(same)
    moved = diff(source(tmp_path, "c", before),
                 source(tmp_path, "d", {"eng/staff.yml": CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-07-01")}))
    due = moved["roles"][0]["items"][0]["fields"]
    assert due == [{"field": "due", "old": "2026-Q2", "new": "2026-07-01"}]


def test_field_changes_in_words_with_titles_and_links(tmp_path):
    after = (CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-09-30")
             .replace("summary: Sets technical direction.\n", "summary: Sets technical direction.\nreports_to: manager\n")
             .replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    status: done\n"))
    result = changed(tmp_path, after)
    markdown = to_markdown(result, link=lambda ref, anchor: f"/{ref}/" + (f"#{anchor}" if anchor else ""))
    assert "### Team Platform Engineering" in markdown and "`eng`" not in markdown
    assert "#### [Staff Engineer](/eng/staff/): changed" in markdown
    assert "- Outcome changed: [API v2 live in production](/eng/staff/#outcome-api-live)" in markdown
    assert "due date moved from 2026\\-06\\-30 to 2026\\-09\\-30" in markdown
    assert "status changed from open to done" in markdown
    assert "reports to set to [Engineering Manager](/eng/manager/)" in markdown
    assert "`due`" not in markdown and "→" not in markdown  # no field keys, no arrows of a developer's diff
    text = to_text(result)
    assert "due date moved from 2026-06-30 to 2026-09-30" in text and "\\" not in text
    assert "reports to set to Engineering Manager" in text and "](" not in text and "#" not in text


def test_checklists_and_onboarding_as_list_diffs(tmp_path):
    after = CLEAN_ROLE + ("checklists:\n  weekly:\n    - Review open pull requests\n"
                          "onboarding:\n  first_week:\n    - Meet the team\n    - Read the architecture notes\n"
                          "  contacts:\n    - role: manager\n      why: Weekly one-to-one.\n")
    result = changed(tmp_path, after)
    text = to_text(result)
    assert "weekly checklist: added Review open pull requests" in text
    assert "first week: added Meet the team, Read the architecture notes" in text
    assert "people to meet: added Engineering Manager (Weekly one-to-one.)" in text
    assert "{" not in text and "[" not in text  # no JSON


def test_german_changes_have_german_words_and_dates(tmp_path):
    after = (CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-09-30")
             .replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    status: done\n")
             .replace("holders:\n  - name: Dana Lee\n", "holders:\n  - name: Sam Roe\n"))
    result = changed(tmp_path, after)
    with i18n.use(i18n.Messages("de")):
        text = to_text(result)
    assert "Fälligkeit verschoben vom 30.06.2026 auf den 30.09.2026" in text
    assert "Stand geändert von offen zu erreicht" in text
    assert "Sam Roe neu dabei; Dana Lee ausgeschieden" in text
    assert "Team Platform Engineering" in text and "Ziel geändert" in text


def test_diff_prints_plain_text_or_markdown(tmp_path):
    old = write_handbook(tmp_path / "a", {"eng/staff.yml": CLEAN_ROLE.replace("due: 2026-06-30", "due: 2027-Q2")})
    new = write_handbook(tmp_path / "b", {"eng/staff.yml": CLEAN_ROLE.replace("due: 2026-06-30", "due: 2027-06-30")
                                           .replace("title: API v2 live in production", "title: API *v2* live")})
    text = rolebook("diff", old, new, "--format", "text", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "API *v2* live" in text.stdout and "\\" not in text.stdout and "due date" not in text.stdout
    markdown = rolebook("diff", old, new, "--format", "markdown", cwd=tmp_path).stdout
    assert "API \\*v2\\* live" in markdown and markdown.startswith("## ")
    german = rolebook("diff", old, new, "--format", "text", "--language", "de", cwd=tmp_path).stdout
    assert german.startswith("Änderungen am Handbuch") or "Titel geändert" in german, german


def test_team_page_names_the_owner_role_by_its_title(tmp_path):
    owned = CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: eng/manager\n")
    hb = write_handbook(tmp_path, {"eng/_team.yml": TEAM, "eng/staff.yml": owned, "eng/manager.yml": MANAGER})
    result = build_handbook(Settings(handbooks_dir=hb, today=dt.date(2026, 1, 10), cache_dir=None, history=False))
    team = result.pages["eng/index.md"]
    row = next(line for line in team.splitlines() if "staff/#outcome-api-live" in line)
    owner = re.findall(r"<td[^>]*>(.*?)</td>", row)[-1]
    assert ">Engineering Manager</a>" in owner and "(Mo Park)" in owner and "eng/manager" not in owner.split('"')[0]
    assert "<td>eng/manager</td>" not in team
