"""Every rule RB003..RB112: one case that triggers it at the right place, one that does not."""

from __future__ import annotations

import datetime as dt

import pytest

from rolebook.checks import check
from rolebook.checks.framework import is_collective
from rolebook.checks.language.owners import read_owner
from rolebook.loading.loader import load_handbook
from rolebook.model.findings import RULES, Severity
from rolebook.model.review_rhythm import Timing
from support.handbooks import CLEAN_ROLE

# A build date before CLEAN_ROLE's outcome is due, so only the case under test is late (RB113, RB114).
BUILD_DAY = Timing(dt.date(2026, 6, 1))


def run(handbook_dir, files, rules=None):
    return check(load_handbook(handbook_dir(files)), rules, timing=BUILD_DAY)


def codes(findings):
    return sorted((f.code, f.path.rsplit("/", 1)[-1], f.line, f.column) for f in findings)


def test_clean_role_has_no_findings(handbook_dir):
    assert run(handbook_dir, {"team/r.yml": CLEAN_ROLE}) == []


PEOPLE = "people:\n  - id: dana-lee\n    name: Dana Lee\n"
BY_PERSON = CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - person: dana-lee\n    share: 60\n")

# (rule, files that trigger it, expected (file, line, column), fragment of the message)
TRIGGERS = {
    "RB003": (
        {"team/r.yml": CLEAN_ROLE.replace("  - id: reviews", "  - id: spec")},
        ("r.yml", 18, 5), "id `spec` is already used by the output `spec`",
    ),
    "RB004": (
        {"team/r.yml": CLEAN_ROLE + "reports_to: manger\n", "team/manager.yml": CLEAN_ROLE},
        ("r.yml", 24, 1), "reports_to `manger` is not a role: did you mean `team/manager`?",
    ),
    "RB005": (
        {"team/r.yml": CLEAN_ROLE.replace("https://example.com/spec", "javascript:alert(1)")},
        ("r.yml", 15, 5), "location `javascript:alert(1)` uses `javascript`",
    ),
    "RB006": (
        {"team/a.yml": CLEAN_ROLE + "reports_to: b\n", "team/b.yml": CLEAN_ROLE + "reports_to: a\n"},
        ("a.yml", 24, 1), "reports_to forms a cycle (team/a → team/b → team/a)",
    ),
    "RB101": (
        {"team/r.yml": CLEAN_ROLE.replace("    produces: [spec]\n", "") + "  - id: x\n    title: X\n    category: making\n    produces: [spec]\n"},
        ("r.yml", 18, 5), "activity `reviews` leads to no output or outcome",
    ),
    "RB102": (
        {"team/r.yml": CLEAN_ROLE.replace("    contributes_to: [api-live]\n", "") .replace("produces: [spec]", "produces: [spec]\n    advances: [api-live]")},
        ("r.yml", 12, 5), "output `spec` contributes to no outcome",
    ),
    "RB103": (
        {"team/r.yml": CLEAN_ROLE.replace("contributes_to: [api-live]", "contributes_to: [other]").replace(
            "outputs:\n", "  - id: other\n    title: Other\n    done_when: Done.\n    due: 2026-Q3\n    owner: Dana Lee\noutputs:\n"
        ),},
        ("r.yml", 6, 5), "outcome `api-live` has no activity or output leading to it",
    ),
    "RB104": (
        {"team/r.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: The Team")},
        ("r.yml", 10, 5), "owned by `The Team`, a collective",
    ),
    "RB105": (
        {"team/r.yml": CLEAN_ROLE.replace("title: API v2 live in production", "title: Grow revenue 10%")},
        ("r.yml", 7, 5), "commits to revenue",
    ),
    "RB106": (
        {"team/r.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")},
        ("r.yml", 6, 5), "outcome `api-live` has no `due:`",
    ),
    "RB107": (
        {"team/r.yml": CLEAN_ROLE + "  - id: more\n    title: More\n    category: making\n    time_share: 90\n    produces: [spec]\n"},
        ("r.yml", 17, 1), "add up to 110%",
    ),
    "RB108": (
        {"team/r.yml": CLEAN_ROLE.replace("    location: https://example.com/spec\n", "")},
        ("r.yml", 12, 5), "output `spec` has no `location:`",
    ),
    "RB109": (
        {"team/r.yml": "title: T\nsummary: S.\nholders: [{name: A}]\n"},
        ("r.yml", 1, 1), "active role `team/r` owns no outcome",
    ),
    "RB110": (
        {"team/r.yml": CLEAN_ROLE.replace("holders:\n  - name: Dana Lee\n", "holders: []\n")},
        ("r.yml", 3, 1), "role `team/r` is vacant",
    ),
    "RB111": (
        {"team/r.yml": CLEAN_ROLE + "reports_to: old\n", "team/old.yml": "title: Old\nsummary: Gone.\nstatus: retired\n"},
        ("r.yml", 24, 1), "reports_to `old` is a retired role",
    ),
    "RB112": (
        {"team/r.yml": CLEAN_ROLE.replace("done_when: API v2 serves production traffic.", "done_when: Improve collaboration across squads.")},
        ("r.yml", 8, 5), "done_when names nothing anyone could check",
    ),
    "RB122": (
        {"team/r.yml": CLEAN_ROLE.replace("done_when: API v2 serves production traffic.",
                                          "done_when: Améliorer la collaboration avec toutes les équipes.")},
        ("r.yml", 8, 5), "an outcome text is written in a language the checker's language rules do not read (French;",
    ),
    "RB113": (
        {"team/r.yml": CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-05-29")},
        ("r.yml", 9, 5), "outcome `api-live` was due 2026-05-29 and is still open, 3 days late",
    ),
    "RB114": (
        {"team/r.yml": CLEAN_ROLE + "reviewed: 2026-02-27\n"},
        ("r.yml", 24, 1), "role `team/r` is due for review: last reviewed on 2026-02-27, 94 days ago",
    ),
    "RB115": (
        {"team/r.yml": CLEAN_ROLE.replace("Sets technical direction.", "Say in one sentence what the Staff Engineer is for.")},
        ("r.yml", 2, 1), "`summary` still holds the text of the `rolebook new` template",
    ),
    "RB116": (
        {"team/r.yml": CLEAN_ROLE, "team/Lead.YML": CLEAN_ROLE},
        ("Lead.YML", 1, 1), "`Lead.YML` is not read",
    ),
    "RB117": (
        {"_people.yml": PEOPLE, "team/r.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: Dana Leigh")},
        ("r.yml", 10, 5), "owned by `Dana Leigh`, which names no person, holder or role this handbook knows: "
                          "did you mean `Dana Lee`?",
    ),
    "RB118": (
        {"_people.yml": PEOPLE, "team/r.yml": BY_PERSON, "team/s.yml": BY_PERSON},
        ("s.yml", 5, 5), "Dana Lee's shares add up to 120% (team/r 60%, team/s 60%), over 100",
    ),
    "RB120": (
        {"_people.yml": PEOPLE, "team/r.yml": CLEAN_ROLE},
        ("r.yml", 3, 1), "role `team/r` has one holder and nobody to cover: add `cover:`",
    ),
    "RB121": (
        {"_people.yml": PEOPLE + "    github: '@danalee'\n", "team/r.yml": CLEAN_ROLE},
        ("_people.yml", 4, 5), "github `@danalee` is not a GitHub username",
    ),
}


def test_every_rule_has_a_trigger():
    # RB119 needs a repository with a committed CODEOWNERS file: tests/unit/reports/test_codeowners.py
    assert set(TRIGGERS) | {"RB001", "RB002", "RB119"} == set(RULES)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_triggers_at_the_offending_place(handbook_dir, code):
    files, (name, line, column), words = TRIGGERS[code]
    findings = [f for f in run(handbook_dir, files) if f.code == code]
    assert findings, f"{code} did not fire"
    first = findings[0]
    assert (first.path.rsplit("/", 1)[-1], first.line, first.column) == (name, line, column), first
    assert words in first.message
    assert first.severity is RULES[code].severity


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_can_be_turned_off_per_site(handbook_dir, code):
    files, _, _ = TRIGGERS[code]
    assert not [f for f in run(handbook_dir, files, {code: "off"}) if f.code == code]


def test_unquoted_yaml_off_means_off(handbook_dir):
    files, _, _ = TRIGGERS["RB108"]
    assert not [f for f in run(handbook_dir, files, {"RB108": False}) if f.code == "RB108"]


def test_severity_can_be_raised_or_lowered(handbook_dir):
    files, _, _ = TRIGGERS["RB108"]
    assert {f.severity for f in run(handbook_dir, files, {"RB108": "error"}) if f.code == "RB108"} == {Severity.ERROR}
    files, _, _ = TRIGGERS["RB104"]
    assert {f.severity for f in run(handbook_dir, files, {"rb104": "info"}) if f.code == "RB104"} == {Severity.INFO}


def test_unknown_rule_or_severity_in_site_config_is_loud(handbook_dir):
    with pytest.raises(ValueError, match="RB999"):
        run(handbook_dir, {"team/r.yml": CLEAN_ROLE}, {"RB999": "off"})
    with pytest.raises(ValueError, match="severity must be one of"):
        run(handbook_dir, {"team/r.yml": CLEAN_ROLE}, {"RB108": "loud"})


def test_ignore_per_item_silences_only_that_item(handbook_dir):
    role = CLEAN_ROLE.replace("    location: https://example.com/spec\n", "    ignore: [RB108]\n") + (
        "  - id: two\n    title: Two\n    category: making\n    produces: [spec2]\n"
    )
    role = role.replace("outputs:\n", "outputs:\n  - id: spec2\n    title: S2\n    kind: code\n    contributes_to: [api-live]\n")
    findings = [f for f in run(handbook_dir, {"team/r.yml": role}) if f.code == "RB108"]
    assert [f.message.split("`")[1] for f in findings] == ["spec2"]


def test_ignore_per_role_silences_every_item(handbook_dir):
    role = CLEAN_ROLE.replace("    location: https://example.com/spec\n", "") + "ignore: [RB108, RB110]\n"
    role = role.replace("holders:\n  - name: Dana Lee\n", "")
    assert run(handbook_dir, {"team/r.yml": role}) == []


def test_ignore_with_an_unknown_code_is_a_schema_error(handbook_dir):
    findings = run(handbook_dir, {"team/r.yml": CLEAN_ROLE + "ignore: [RB999]\n"})
    assert [(f.code, f.line) for f in findings] == [("RB002", 24)]
    assert "RB999 is not a rule code" in findings[0].message


def test_references_across_teams_and_items(handbook_dir):
    other = CLEAN_ROLE.replace("contributes_to: [api-live]", "contributes_to: [api-live, eng/r#api-live]")
    files = {"eng/r.yml": CLEAN_ROLE, "product/pm.yml": other + "reports_to: eng/r\n"}
    assert run(handbook_dir, files) == []
    broken = other.replace("eng/r#api-live", "eng/r#nope") + "reports_to: eng/nobody\n"
    found = run(handbook_dir, {"eng/r.yml": CLEAN_ROLE, "product/pm.yml": broken})
    assert sorted((f.code, f.line, f.column) for f in found) == [("RB004", 16, 32), ("RB004", 24, 1)]


def test_shared_with_contacts_and_team_lead_are_resolved(handbook_dir):
    role = CLEAN_ROLE.replace(
        "    owner: Dana Lee\n",
        "    owner: Dana Lee\n    shared_with:\n      - role: ghost\n        part: Helps.\n",
    ) + "onboarding:\n  contacts:\n    - role: other/ghost\n      why: Because.\n"
    found = run(handbook_dir, {"team/r.yml": role, "team/_team.yml": "title: T\nsummary: S.\nlead: nobody\n"})
    assert sorted((f.code, f.path.rsplit("/", 1)[-1], f.line) for f in found) == [
        ("RB004", "_team.yml", 3), ("RB004", "r.yml", 12), ("RB004", "r.yml", 29),
    ]


def test_owner_that_looks_like_a_role_ref_must_resolve(handbook_dir):
    found = run(handbook_dir, {"team/r.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: team/nobody")})
    assert [(f.code, f.line) for f in found] == [("RB004", 10)]
    assert run(handbook_dir, {"team/r.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: team/r")}) == []


def test_markdown_links_with_bad_schemes_in_text(handbook_dir):
    role = CLEAN_ROLE + "purpose: 'See [this](javascript:alert(1)) and <vbscript:x> and [ok](https://x.example)'\n"
    found = run(handbook_dir, {"team/r.yml": role})
    assert [(f.code, f.line) for f in found] == [("RB005", 24), ("RB005", 24)]


@pytest.mark.parametrize("location", ["https://x.example/a", "http://x.example", "mailto:a@x.example", "docs/a.md", "../a.md", "#anchor"])
def test_allowed_locations(handbook_dir, location):
    role = CLEAN_ROLE.replace("https://example.com/spec", f'"{location}"')
    assert run(handbook_dir, {"team/r.yml": role}) == []


@pytest.mark.parametrize("location", ["javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:x", "data:text/html,x", "file:///etc/passwd", "//evil.example/x", "ftp://x.example"])
def test_refused_locations(handbook_dir, location):
    role = CLEAN_ROLE.replace("https://example.com/spec", f'"{location}"')
    assert [f.code for f in run(handbook_dir, {"team/r.yml": role})] == ["RB005"]


def test_dropped_outcomes_need_no_due_or_path(handbook_dir):
    role = CLEAN_ROLE.replace("outputs:\n", "  - id: old\n    title: Old thing\n    done_when: It was done.\n    owner: Dana Lee\n    status: dropped\noutputs:\n")
    assert run(handbook_dir, {"team/r.yml": role}) == []


def test_retired_and_draft_roles_are_not_asked_for_outcomes_or_holders(handbook_dir):
    files = {"team/old.yml": "title: Old\nsummary: Gone.\nstatus: retired\n", "team/new.yml": "title: New\nsummary: Soon.\nstatus: draft\nholders: [{name: A}]\n"}
    assert run(handbook_dir, files) == []


@pytest.mark.parametrize("owner", [
    "the team", "Team", "everyone", "We", "all", "TBD", "the platform team", "Engineering team", "the squad",
    "Legal", "Support", "Marketing Operations", "CSMs", "Finance & Accounting", "PM / Team", "Dev and Ops",
    "Stakeholders", "Product managers", "Every Sourcegraph teammate", "CS leadership", "Hiring manager and recruiting",
    "Secure and Defend", "Manage/Create", "Frontend MD&P",
])
def test_collective_owners(owner):
    assert is_collective(owner)


@pytest.mark.parametrize("owner, names", [
    ("Tim and James", ("Tim", "James")), ("Brian + Jonah", ("Brian", "Jonah")), ("Keegan/Stefan", ("Keegan", "Stefan")),
    ("Alex & Andy", ("Alex", "Andy")), ("Stephen, Dave, Uwe", ("Stephen", "Dave", "Uwe")), ("EM / PM", ("EM", "PM")),
    ("Adeola, TBD", ("Adeola",)),
])
def test_several_owners_are_not_a_collective_but_name_each_person(owner, names):
    reading = read_owner(owner)
    assert not reading.collective and reading.several == names


def test_rb104_asks_several_owners_for_one_and_shared_with_for_the_others(handbook_dir):
    role = CLEAN_ROLE.replace("owner: Dana Lee", "owner: Alex & Andy")
    [finding] = [f for f in run(handbook_dir, {"team/r.yml": role}) if f.code == "RB104"]
    assert "`Alex & Andy`, 2 people" in finding.message and "`Alex`" in finding.message
    assert "`shared_with:`" in finding.message and "`part:`" in finding.message and "collective" not in finding.message
    lines = role.splitlines()
    assert lines[finding.line - 1][finding.column - 1:] == "owner: Alex & Andy"


@pytest.mark.parametrize("owner", [
    "Dana Lee", "engineering/team-lead", "Teamwork Tina", "Allison Park", "Weston Black", "product/head-of-product",
    "Head of Security", "Director of Product, Dev", "Security Engineering Manager", "Hiring manager", "@sqs",
    "Philippe Lafoucrière", "James", "Chris Jones", "VP Eng",
])
def test_named_owners(owner):
    assert not is_collective(owner)


def test_rb104_knows_the_handbooks_own_teams_and_role_titles(handbook_dir):
    team = "title: Platform Crew\nsummary: Runs the platform.\n"
    lead = CLEAN_ROLE.replace("title: Staff Engineer", "title: Site Reliability Lead")
    def owned_by(owner):
        files = {"platform/_team.yml": team, "platform/sre.yml": lead,
                 "platform/r.yml": CLEAN_ROLE.replace("owner: Dana Lee", f"owner: {owner}")}
        return [f for f in run(handbook_dir, files) if f.code == "RB104" and f.path.endswith("r.yml")]
    assert owned_by("Platform Crew") and owned_by("platform")        # a team of this handbook, by title or id
    assert not owned_by("Site Reliability Lead")                    # a role title of this handbook
    plural = owned_by("Site Reliability Leads")
    assert plural and "`platform/sre`" in plural[0].message         # several holders: suggest the ref
    assert not owned_by("sre")                                       # a role ref within the team


def test_rb105_and_rb112_explain_themselves(handbook_dir):
    impact = CLEAN_ROLE.replace("done_when: API v2 serves production traffic.", "done_when: Land 3 large enterprise customers.")
    [f] = [f for f in run(handbook_dir, {"team/r.yml": impact}) if f.code in {"RB105", "RB112"}]
    assert f.code == "RB105" and "“Land”, “customers”" in f.message and "`expectations:`" in f.message
    vague = CLEAN_ROLE.replace("done_when: API v2 serves production traffic.", "done_when: Drive excellence in design.")
    [f] = [f for f in run(handbook_dir, {"team/r.yml": vague}) if f.code in {"RB105", "RB112"}]
    assert f.code == "RB112" and "“excellence”" in f.message


def _full(findings):
    return [(f.as_dict(), f.role, f.item) for f in findings]


def test_a_kept_memo_gives_the_findings_of_a_fresh_check_after_every_save(handbook_dir):
    """`check(..., memo=)` (serve --dirty) runs the one-role rules on changed roles only: same findings."""
    from rolebook.checks import RoleFindings

    clean = {"team/r.yml": CLEAN_ROLE, "team/other.yml": CLEAN_ROLE, "elsewhere/r.yml": CLEAN_ROLE}
    hb = handbook_dir(clean)
    memo = RoleFindings()
    assert check(load_handbook(hb), timing=BUILD_DAY, memo=memo) == []
    for code in sorted(TRIGGERS):
        for files in (TRIGGERS[code][0], clean):
            handbook_dir(files)
            handbook = load_handbook(hb)
            kept = check(handbook, timing=BUILD_DAY, memo=memo)
            assert _full(kept) == _full(check(handbook, timing=BUILD_DAY)), code
    (hb / "team/other.yml").unlink()
    handbook = load_handbook(hb)
    assert _full(check(handbook, timing=BUILD_DAY, memo=memo)) == _full(check(handbook, timing=BUILD_DAY))


def test_a_kept_memo_reads_again_only_the_roles_whose_file_changed(handbook_dir):
    from rolebook.checks import RoleFindings

    hb = handbook_dir({"team/r.yml": CLEAN_ROLE, "team/other.yml": CLEAN_ROLE.replace("  - id: reviews", "  - id: spec")})
    memo = RoleFindings()
    before = memo.update(load_handbook(hb))  # in roles() order: team/other, team/r
    assert [sorted(f.code for found in d.values() for f in found) for d in before] == [["RB003"], []]
    handbook_dir({"team/r.yml": CLEAN_ROLE.replace("\nsummary: ", "\nsummary: Edited. ", 1)})
    after = memo.update(load_handbook(hb))
    assert after[0] is before[0] and after[1] is not before[1]


def test_text_in_a_language_the_rules_do_not_read_gets_one_note_per_handbook_and_no_rb105_or_rb112(handbook_dir):
    german = CLEAN_ROLE.replace("title: API v2 live in production", "title: Umsatz mit allen Neukunden für die Plattform um 20 % steigern") \
        .replace("done_when: API v2 serves production traffic.", "done_when: Die Zusammenarbeit mit den Teams ist besser.")
    french = CLEAN_ROLE.replace("done_when: API v2 serves production traffic.", "done_when: Améliorer la collaboration avec les équipes.")
    spanish = CLEAN_ROLE.replace("done_when: API v2 serves production traffic.", "done_when: Mejorar la colaboración con los equipos.")
    english = CLEAN_ROLE.replace("done_when: API v2 serves production traffic.", "done_when: Improve collaboration across squads.")
    findings = run(handbook_dir, {"team/de.yml": german, "team/fr.yml": french, "team/es.yml": spanish, "team/en.yml": english})
    found = codes(findings)
    assert [c for c in found if c[0] == "RB122"] == [("RB122", "es.yml", 8, 5)]  # once, at the first unread text
    [note] = [f for f in findings if f.code == "RB122"]
    assert note.message.startswith("2 outcome texts") and "(Spanish, French;" in note.message
    assert note.severity == Severity.INFO
    assert ("RB112", "en.yml", 8, 5) in found                                   # English text is still read
    assert ("RB105", "de.yml", 7, 5) in found and ("RB112", "de.yml", 8, 5) in found  # and German, since issue 22
    assert not [c for c in found if c[0] in {"RB105", "RB112"} and c[1] in {"fr.yml", "es.yml"}]


def test_english_text_never_goes_silent_on_the_corpus():
    from rolebook.checks.language.languages import reads
    from support.rule_corpus import sentences
    assert all(reads(r["text"]) for r in sentences())


@pytest.mark.parametrize("owner, names", [
    ("Sanja Bajovic (OCTO), Laura Steele (VFS Team)", ("Sanja Bajovic", "Laura Steele")),
    ("Matthew Knight (lead), Micah Frazier", ("Matthew Knight", "Micah Frazier")),
])
def test_a_parenthesis_qualifies_a_person_and_is_not_an_owner(owner, names):
    reading = read_owner(owner)
    assert not reading.collective and reading.several == names
    assert not read_owner("Alexandra Settle (asettle) - SUSE").several
    assert read_owner("OCTO (Emily Theis, Julie Strotham, Steve Albers)").collective  # members listed: a group
