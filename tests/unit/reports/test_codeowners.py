"""`rolebook codeowners`: the generated block read back by a real parser (the `codeowners` package), matched
on real paths, for GitHub and GitLab; the self-approval case, vacancies, stale blocks (--check, RB119)."""

from __future__ import annotations

import subprocess

import pytest
from codeowners import CodeOwners

from rolebook.loading.loader import load_handbook
from rolebook.model.approvals import approvals
from rolebook.reports.codeowners import generate, is_stale, splice
from support.cli import rolebook
from support.handbooks import EXAMPLE, REPO

FALLBACK = "@acme/handbook-admins"
PEOPLE = """\
people:
  - {id: cara, name: Cara Chief, github: cara-c, gitlab: cara.c}
  - {id: max, name: Max Manager, github: maxm, gitlab: max_m}
  - {id: ida, name: Ida Engineer, github: ida-e, gitlab: ida.e}
  - {id: noh, name: No Handle}
"""
TEAM = "title: Platform\nsummary: Runs the platform.\nlead: manager\n"


def role(holders: str, reports_to: str | None = None) -> str:
    text = ("title: R\nsummary: S.\n" + (f"reports_to: {reports_to}\n" if reports_to else "") + f"holders: {holders}\n"
            "outcomes:\n  - {id: o, title: O live, done_when: O serves traffic., due: 2026-12-31, owner: Cara Chief}\n")
    return text


FILES = {
    "_people.yml": PEOPLE,
    "platform/_team.yml": TEAM,
    "platform/chief.yml": role("[{person: cara}]"),
    "platform/manager.yml": role("[{person: max}]", "chief"),
    "platform/engineer.yml": role("[{person: ida}]", "manager"),
    "platform/vacant.yml": role("[]", "manager"),
    "platform/unhandled.yml": role("[{person: noh}]", "manager"),
    # one person holding a role and the role it reports to: the manager cannot be the second approver
    "platform/acting.yml": role("[{person: max}]", "manager"),
}


@pytest.fixture
def repo(tmp_path):
    """A repository: handbooks/ below its root, `.github/CODEOWNERS` with a hand-written rule, a site file."""
    from support.handbooks import write_handbook

    write_handbook(tmp_path, FILES)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nplugins:\n  - rolebook:\n      codeowners_fallback: '{FALLBACK}'\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github/CODEOWNERS").write_text("# by hand\n* @acme/everyone\n/handbooks/platform/chief.yml @acme/board\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def owners(parsed: CodeOwners, path: str) -> list[str]:
    return [name for _kind, name in parsed.of(path)]


def test_github_block_parsed_back_and_matched_on_real_paths(repo):
    assert rolebook("codeowners", "-o", ".github/CODEOWNERS", cwd=repo).returncode == 0
    text = (repo / ".github/CODEOWNERS").read_text()
    assert text.startswith("# by hand\n* @acme/everyone\n")  # hand-written rules kept, above the block
    assert text.rstrip().endswith("# END rolebook codeowners")  # the block is last
    parsed = CodeOwners(text)
    assert owners(parsed, "handbooks/platform/engineer.yml") == ["@ida-e", "@maxm"]  # holder, then the manager
    assert owners(parsed, "handbooks/platform/manager.yml") == ["@maxm", "@cara-c"]
    # the last matching rule wins: the hand-written rule for chief.yml above the block no longer applies
    # a top role with no manager: its team's lead approves beside it
    assert owners(parsed, "handbooks/platform/chief.yml") == ["@cara-c", "@maxm"]
    assert owners(parsed, "handbooks/platform/_team.yml") == ["@maxm", "@cara-c"]  # the lead, then the lead's manager
    assert owners(parsed, "handbooks/_people.yml") == ["@maxm", FALLBACK]  # the team leads, and the fallback
    # a new role file in a pull request, not generated yet: the catch-all (the fallback) owns it
    assert owners(parsed, "handbooks/platform/new-role.yml") == [FALLBACK]
    assert owners(parsed, "README.md") == ["@acme/everyone"]  # outside the handbook: the hand-written rule


def test_an_author_never_approves_alone(repo):
    rows = approvals(load_handbook(repo / "handbooks"), "github", FALLBACK)
    for row in rows:
        for author in row.authors:
            assert [o for o in row.owners if o != author], row  # somebody else can approve the author's change
    by_label = {row.label: row for row in rows}
    # Max holds `acting` and the role it reports to: Max is listed once and the fallback added
    assert by_label["platform/acting"].owners == ("@maxm", FALLBACK)
    # without a fallback, the same file has nobody else: the command says so
    bare = {row.label: row for row in approvals(load_handbook(repo / "handbooks"), "github", None)}
    assert bare["platform/acting"].owners == ("@maxm",)
    assert "no second approver: set the site option codeowners_fallback" in bare["platform/acting"].unowned


def test_vacant_roles_and_people_without_a_handle_fall_back(repo):
    parsed = CodeOwners(generate(load_handbook(repo / "handbooks"), "github", repo, FALLBACK))
    assert owners(parsed, "handbooks/platform/vacant.yml") == ["@maxm", FALLBACK]
    assert owners(parsed, "handbooks/platform/unhandled.yml") == ["@maxm", FALLBACK]
    text = generate(load_handbook(repo / "handbooks"), "github", repo, FALLBACK)
    assert "# platform/vacant: vacant\n" in text and "# platform/unhandled: no github handle: noh\n" in text


def test_gitlab_sections_require_two_approvals(repo):
    text = generate(load_handbook(repo / "handbooks"), "gitlab", repo, FALLBACK)
    assert "\n[Handbook: platform][2]\n/handbooks/platform/ @acme/handbook-admins\n" in text
    assert "\n[Handbook][2]\n/handbooks/* @acme/handbook-admins\n" in text
    parsed = CodeOwners(text)
    assert owners(parsed, "handbooks/platform/engineer.yml") == ["@ida.e", "@max_m"]
    assert parsed.section_name("handbooks/platform/engineer.yml") == "Handbook: platform][2"  # the parser keeps `][2`
    assert parsed.section_name("handbooks/_people.yml") == "Handbook][2"
    # `/handbooks/*` is the folder's own files only: the team's files are in their own section
    sections = {section for _o, _l, _p, section in parsed.matching_lines("handbooks/platform/engineer.yml")}
    assert sections == {"Handbook: platform][2"}


def test_handles_that_break_the_syntax_never_reach_the_file(handbook_dir, tmp_path):
    people = ("people:\n  - {id: eve, name: Eve, github: \"eve\\n/handbooks/ @eve\"}\n"
              "  - {id: bob, name: Bob, github: \"bob @bob2\"}\n")
    hb = load_handbook(handbook_dir({"_people.yml": people, "t/a.yml": role("[{person: eve}]"),
                                     "t/b.yml": role("[{person: bob}]", "a")}))
    text = generate(hb, "github", tmp_path, FALLBACK)
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == ["/handbooks/ @acme/handbook-admins", f"/handbooks/_people.yml {FALLBACK}",
                     f"/handbooks/t/a.yml {FALLBACK}", f"/handbooks/t/b.yml {FALLBACK}"]


def test_splice_keeps_hand_written_rules_and_moves_the_block_last():
    block = "# BEGIN rolebook codeowners (github): x\n/handbooks/a.yml @a @b\n# END rolebook codeowners\n"
    old = "# BEGIN rolebook codeowners (github): x\n/handbooks/a.yml @old\n# END rolebook codeowners\n* @late\n"
    assert splice(old, block) == "* @late\n\n" + block
    assert is_stale(old, block) and not is_stale(splice(old, block), block)
    assert splice("", block) == block


def test_check_exits_1_when_stale_and_rb119_says_so(repo):
    assert rolebook("codeowners", "--check", cwd=repo).returncode == 1  # no block yet
    assert rolebook("codeowners", "-o", ".github/CODEOWNERS", cwd=repo).returncode == 0
    assert rolebook("codeowners", "--check", cwd=repo).returncode == 0
    assert "RB119" not in rolebook("check", "--format", "json", cwd=repo).stdout
    # Ida leaves; the block is now stale
    (repo / "handbooks/platform/engineer.yml").write_text(role("[]", "manager"))
    stale = rolebook("codeowners", "--check", cwd=repo)
    assert stale.returncode == 1 and "stale" in stale.stderr
    found = rolebook("check", cwd=repo)
    assert found.returncode == 1
    line = [ln for ln in found.stdout.splitlines() if "RB119" in ln]
    assert line and line[0].startswith(".github/CODEOWNERS:5:1: error RB119")  # at the BEGIN marker
    # a hand-written rule after the block could override it: stale too
    assert rolebook("codeowners", "-o", ".github/CODEOWNERS", cwd=repo).returncode == 0
    with (repo / ".github/CODEOWNERS").open("a") as f:
        f.write("/handbooks/ @someone\n")
    assert rolebook("codeowners", "--check", cwd=repo).returncode == 1


def test_bad_fallback_is_one_line_and_exit_2(repo):
    (repo / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - rolebook:\n      codeowners_fallback: 'admins team'\n")
    ran = rolebook("codeowners", cwd=repo)
    assert ran.returncode == 2 and "codeowners_fallback: 'admins team' is not a code owner" in ran.stderr
    assert "Traceback" not in ran.stderr


def test_this_repositorys_codeowners_is_current():
    text = (REPO / ".github/CODEOWNERS").read_text()
    assert not is_stale(text, generate(load_handbook(EXAMPLE), "github", REPO, "@larkspur/handbook-admins"))
    assert owners(CodeOwners(text), "handbooks/engineering/staff-engineer.yml") == ["@danalee", "@moyelaran"]


def test_standard_output_and_a_new_file_with_o(repo):
    printed = rolebook("codeowners", "--format", "gitlab", cwd=repo)
    assert printed.returncode == 0
    assert printed.stdout.startswith(f"# BEGIN rolebook codeowners (gitlab, fallback {FALLBACK}): ")
    assert printed.stdout.endswith("# END rolebook codeowners\n")
    assert rolebook("codeowners", "--format", "gitlab", "-o", ".gitlab/CODEOWNERS", cwd=repo).returncode == 0
    assert (repo / ".gitlab/CODEOWNERS").read_text() == printed.stdout  # a new file holds the block alone
    assert rolebook("codeowners", "--format", "gitlab", "--check", "-o", ".gitlab/CODEOWNERS", cwd=repo).returncode == 0


def test_init_writes_a_current_block_and_its_workflow_checks_it(tmp_path):
    assert rolebook("init", "acme", cwd=tmp_path).returncode == 0
    repo = tmp_path / "acme"
    assert (repo / ".github/CODEOWNERS").read_text().startswith("# BEGIN rolebook codeowners (github): ")
    assert rolebook("codeowners", "--check", cwd=repo).returncode == 0
    assert "run: rolebook codeowners --check" in (repo / ".github/workflows/pull-request.yml").read_text()
