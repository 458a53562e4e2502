"""The plugins real handbook sites use, each the real package building the example handbook.

Material's tags plugin, git-revision-date-localized, literate-nav, awesome-nav,
an explicit `nav:`, mike. The final navigation is read from `nav.json`, which
a test hook (tests/data/nav_dump.py) writes after every other plugin ran.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rolebook.loading.loader import load_handbook
from support.sites import REPO, build, project, run_tool, soup

pytestmark = pytest.mark.site

NAV_DUMP = Path(__file__).resolve().parents[1] / "data" / "nav_dump.py"
HANDBOOK = load_handbook(REPO / "handbooks")
ROLE_PAGES = {f"{e.ref}/" for e in HANDBOOK.roles()}
ONBOARDING_PAGES = {f"{e.ref}/onboarding/" for e in HANDBOOK.roles()}
HANDBOOK_PAGES = ROLE_PAGES | {f"{t}/" for t in HANDBOOK.teams} | {"overview/", "changes/"}


def site_project(root: Path, *, plugins: str = "", nav: str | None = None, extra: str = "") -> Path:
    """The example site with more plugins (after rolebook), another nav (None: none at all), the nav dump hook."""
    config = project(root)
    text = config.read_text()
    text = text.replace("      rules: {}\n", "      rules: {}\n" + plugins, 1)
    head, _, _ = text.partition("\nnav:\n")
    shutil.copy(NAV_DUMP, root / "nav_dump.py")
    text = head + "\n" + (f"nav:\n{nav}" if nav else "") + "hooks:\n  - nav_dump.py\n" + extra
    config.write_text(text)
    return config


def nav_entries(site: Path) -> list[tuple[tuple[str, ...], str]]:
    """(section titles above, url) for every page in the final navigation."""
    out = []

    def walk(items, path):
        for item in items:
            if "children" in item:
                walk(item["children"], path + (item["title"],))
            else:
                out.append((path, item["url"]))

    walk(json.loads((site / "nav.json").read_text()), ())
    return out


def assert_each_handbook_page_once_and_no_onboarding(site: Path) -> None:
    urls = [url for _, url in nav_entries(site)]
    assert not ONBOARDING_PAGES & set(urls), "onboarding pages in the nav"
    twice = {u for u in urls if urls.count(u) > 1}
    assert not twice, f"in the nav twice: {sorted(twice)}"


# -- Material's tags plugin ------------------------------------------------------


def test_material_tags_plugin_lists_roles_on_its_tags_index(tmp_path):
    config = site_project(tmp_path, plugins="  - tags\n", nav="  - index.md\n  - tags.md\n")
    (tmp_path / "docs/tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    index = soup(site / "tags/index.html").select_one("article")
    platform = index.find(id="tag:platform")
    assert platform is not None
    listed = [a["href"] for a in platform.find_next("ul").select("a")]
    assert "../engineering/staff-engineer/" in listed
    role = soup(site / "engineering/staff-engineer/index.html")
    assert {t.get_text(strip=True) for t in role.select(".md-tag")} >= {"ic", "platform"}
    assert not role.select(".rolebook-tag")  # Material shows them now, not our facts list


def test_without_the_tags_plugin_the_tags_stay_in_the_facts(dated_site):
    role = soup(dated_site / "engineering/staff-engineer/index.html")
    assert [t.get_text() for t in role.select(".rolebook-facts .rolebook-tag")] == ["ic", "platform"]
    assert not role.select(".md-tag")


# -- navigation -------------------------------------------------------------------


def test_literate_nav_without_summary_lists_each_page_once_and_no_onboarding(tmp_path):
    config = site_project(tmp_path, plugins="  - literate-nav\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert_each_handbook_page_once_and_no_onboarding(site)
    assert HANDBOOK_PAGES <= {url for _, url in nav_entries(site)}
    # a role's folder was a section holding the role and its onboarding page: now just the role page
    assert (("Engineering",), "engineering/staff-engineer/") in nav_entries(site)


def test_literate_nav_summary_naming_the_overview_places_the_section_there(tmp_path):
    config = site_project(tmp_path, plugins="  - literate-nav\n")
    (tmp_path / "docs/SUMMARY.md").write_text("* [Home](index.md)\n* [Our roles](overview/index.md)\n* [Guide](guide/)\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert_each_handbook_page_once_and_no_onboarding(site)
    entries = nav_entries(site)
    assert entries[1] == (("Our roles",), "overview/")  # in the SUMMARY's place, under the SUMMARY's title
    assert (("Our roles", "Engineering"), "engineering/staff-engineer/") in entries
    assert entries[-1][0] == ("Guide",)


def test_awesome_nav_naming_the_overview_places_the_section_there(tmp_path):
    config = site_project(tmp_path, plugins="  - awesome-nav\n")
    (tmp_path / "docs/.nav.yml").write_text("nav:\n  - index.md\n  - Team handbook: overview/index.md\n  - guide\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert_each_handbook_page_once_and_no_onboarding(site)
    entries = nav_entries(site)
    assert entries[1] == (("Team handbook",), "overview/")
    assert (("Team handbook", "Product"), "product/") in entries


def test_awesome_nav_naming_single_handbook_pages_keeps_them_where_named(tmp_path):
    config = site_project(tmp_path, plugins="  - awesome-nav\n")
    (tmp_path / "docs/.nav.yml").write_text(
        "nav:\n  - index.md\n  - Engineering: engineering/index.md\n  - Our CTO: engineering/cto/index.md\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert_each_handbook_page_once_and_no_onboarding(site)
    assert [url for _, url in nav_entries(site)] == ["", "engineering/", "engineering/cto/"]


def test_explicit_nav_naming_handbook_pages_is_left_as_written(tmp_path):
    nav = "  - index.md\n  - People: people-operations/index.md\n  - Hiring: people-operations/recruiter/index.md\n"
    config = site_project(tmp_path, nav=nav)
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert_each_handbook_page_once_and_no_onboarding(site)
    assert [url for _, url in nav_entries(site)] == ["", "people-operations/", "people-operations/recruiter/"]


def test_explicit_nav_naming_the_overview_places_the_section_there(tmp_path):
    nav = "  - Home: index.md\n  - overview/index.md\n  - Guide:\n    - guide/writing-roles.md\n"
    config = site_project(tmp_path, nav=nav)
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert_each_handbook_page_once_and_no_onboarding(site)
    entries = nav_entries(site)
    assert entries[1] == (("Handbook",), "overview/")  # no title in the nav: the section_title option
    assert entries[-1] == (("Guide",), "guide/writing-roles/")


# -- git-revision-date-localized ------------------------------------------------


def git(*args, cwd, date: str | None = None):
    env = dict(os.environ)
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00")
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=T", *args], cwd=cwd, check=True,
                   capture_output=True, env=env)


@pytest.fixture(scope="module")
def dated_repo(tmp_path_factory):
    """The example in git: everything on 2025-01-15, the CTO's file on 2025-06-02, engineering's _team.yml on 2025-09-09."""
    root = tmp_path_factory.mktemp("dated")
    config = site_project(root, plugins="  - git-revision-date-localized:\n      type: iso_date\n")
    (root / ".gitignore").write_text("site/\n.cache/\n")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "first", cwd=root, date="2025-01-15")
    cto = root / "handbooks/engineering/cto.yml"
    cto.write_text(re.sub(r"(?m)^summary: .*$", "summary: Sets the technical strategy.", cto.read_text()))
    git("commit", "-qam", "cto", cwd=root, date="2025-06-02")
    team = root / "handbooks/engineering/_team.yml"
    team.write_text(team.read_text() + "\n")
    git("commit", "-qam", "team", cwd=root, date="2025-09-09")
    return config


def shown_revision_date(page: Path) -> str:
    aside = soup(page).select_one(".md-source-file")
    assert aside is not None, "no revision date on the page"
    return " ".join(aside.get_text(" ", strip=True).split())


@pytest.fixture(scope="module")
def dated_site(dated_repo):
    result, site = build(dated_repo)
    assert result.returncode == 0, result.stderr
    return site


def test_git_revision_dates_are_the_role_and_team_files_last_commits(dated_site):
    site = dated_site
    assert "2025-06-02" in shown_revision_date(site / "engineering/cto/index.html")
    assert "2025-06-02" in shown_revision_date(site / "engineering/cto/onboarding/index.html")
    assert "2025-01-15" in shown_revision_date(site / "engineering/staff-engineer/index.html")
    assert "2025-09-09" in shown_revision_date(site / "engineering/index.html")
    assert "2025-01-15" in shown_revision_date(site / "product/index.html")


# -- mike ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mike_repo(dated_repo):
    """Two versions deployed by mike into the local repository's gh-pages branch, with aliases of each kind."""
    root = dated_repo.parent
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["deploy", "1.0", "stable", "--alias-type", "copy"],
                 ["deploy", "2.0", "latest", "--alias-type", "symlink"],
                 ["alias", "2.0", "current", "--alias-type", "redirect"],
                 ["set-default", "latest"]):
        result = run_tool("mike", *args, cwd=root, env=env)
        assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def published(mike_repo, tmp_path_factory):
    """The gh-pages branch checked out, as a static host serves it (symlinks followed)."""
    out = tmp_path_factory.mktemp("gh-pages") / "site"
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(out), "gh-pages"], cwd=mike_repo, check=True,
                   capture_output=True)
    return out


def test_mike_keeps_roles_json_reachable_for_each_version_and_copied_or_symlinked_alias(published):
    for version in ("1.0", "2.0", "stable", "latest"):
        data = json.loads((published / version / "roles.json").read_text())
        staff = next(r for r in data["roles"] if r["ref"] == "engineering/staff-engineer")
        assert staff["url"] == "engineering/staff-engineer/"  # relative to the version's root, so valid under each
        for schema in ("role.schema.json", "team.schema.json"):
            assert json.loads((published / version / schema).read_text())["type"] == "object"
    assert (published / "latest").is_symlink() and not (published / "stable").is_symlink()
    # a redirect alias gets HTML redirects only: the guide says to resolve it through versions.json
    assert not (published / "current/roles.json").exists()
    assert (published / "current/index.html").exists()
    versions = json.loads((published / "versions.json").read_text())
    assert "current" in next(v for v in versions if v["version"] == "2.0")["aliases"]


# -- mkdocs-static-i18n ----------------------------------------------------------


def test_static_i18n_builds_the_handbook_in_each_language(tmp_path):
    plugins = ("  - i18n:\n      docs_structure: suffix\n      languages:\n"
               "        - {locale: en, default: true, name: English, build: true}\n"
               "        - {locale: de, name: Deutsch, build: true}\n")
    config = site_project(tmp_path)
    config.write_text(config.read_text().replace("plugins:\n  - search\n", "plugins:\n  - search\n" + plugins, 1))
    shutil.copy(tmp_path / "docs/index.md", tmp_path / "docs/index.de.md")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    english = soup(site / "engineering/staff-engineer/index.html").select_one("article")
    german = soup(site / "de/engineering/staff-engineer/index.html").select_one("article")
    assert "Outcomes" in [h.get_text(strip=True) for h in english.select("h2")]
    assert "Ziele" in [h.get_text(strip=True) for h in german.select("h2")]
    assert (site / "de/overview/index.html").exists() and (site / "de/roles.json").exists()
    assert german.select_one(".rolebook-diagram svg") is not None
    # Each language keeps its own pages folder and build manifest, so a warm build reuses both
    # (one shared folder would be rewritten by every language build, in the other language).
    cache = tmp_path / ".cache/rolebook"
    assert (cache / "build.json").is_file() and (cache / "i18n-de" / "build.json").is_file()
    assert "Ziele" in (cache / "i18n-de/pages/engineering/staff-engineer/index.md").read_text()
    assert "Outcomes" in (cache / "pages/engineering/staff-engineer/index.md").read_text()
    before = {p: p.stat().st_mtime_ns for p in (cache / "i18n-de/pages").rglob("*.md")}
    again, site = build(config)
    assert again.returncode == 0, again.stderr
    assert {p: p.stat().st_mtime_ns for p in (cache / "i18n-de/pages").rglob("*.md")} == before
    rebuilt = soup(site / "de/engineering/staff-engineer/index.html").select_one("article")
    assert str(rebuilt) == str(german)
