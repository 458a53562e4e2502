"""Translations: the catalogues are complete and current, and a translated site has no English label of ours.

The English labels are the msgids of `rolebook.pot`. A page is scanned for
each label's literal text (the parts between placeholders) wherever our
labels appear: the article and the diagrams' titles, descriptions and
tooltips. Text that the role files themselves contain is the organisation's
(the example handbook is written in English), so a label that also occurs in
a role file is checked only where it is a whole label: a heading, a table
header, a field name, a badge, a button, a caption.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from rolebook import i18n
from rolebook.build.pipeline import build_handbook
from rolebook.build.settings import Settings
from support.english import LABEL_SELECTORS, diagram_texts, english_labels, english_left, role_files_text
from support.sites import REPO, TODAY, build, project, soup

LOCALE = REPO / "plugins/rolebook/locale"
LANGUAGES = ["de", "fr", "es", "pt", "nl"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def catalogue(lang: str):
    return read_po((LOCALE / lang / "LC_MESSAGES/rolebook.po").open("rb"))


def template():
    return read_po((LOCALE / "rolebook.pot").open("rb"))


def msgids(cat) -> set:
    return {m.id for m in cat if m.id}


def test_shipped_languages_are_the_five():
    assert i18n.shipped_languages() == sorted(LANGUAGES)


def test_template_lists_every_label_in_the_code_and_templates():
    """`make messages` was run: what babel extracts now is what rolebook.pot holds."""
    method_map, options = parse_mapping_cfg((REPO / "babel.cfg").open())
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "Nn_": (1, 2)}  # as `pybabel extract -k N_ -k Nn_:1,2` (`make messages`)
    found = set()
    for _name, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, options, keywords=keywords, comment_tags=()):
        found.add(message if isinstance(message, str) else tuple(message))
    held = {m if isinstance(m, str) else tuple(m) for m in msgids(template())}
    assert found == held, f"run `make messages`: new {sorted(map(str, found - held))}, gone {sorted(map(str, held - found))}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_is_translated_with_the_same_placeholders(lang):
    cat = catalogue(lang)
    assert msgids(cat) == msgids(template()), "run `make messages`"
    for message in cat:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: untranslated {message.id!r}"
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert sorted(PLACEHOLDER.findall(text)) == wanted, f"{lang}: {text!r} has other placeholders than {ids[-1]!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_its_source(lang):
    """The .mo files are committed (so the wheel needs no build step): they must be compiled from the .po."""
    buf = io.BytesIO()
    write_mo(buf, catalogue(lang))
    assert (LOCALE / lang / "LC_MESSAGES/rolebook.mo").read_bytes() == buf.getvalue(), "run `make messages`"


def test_messages_language_fallback_overrides_and_formats():
    german = i18n.Messages("de")
    assert german.gettext("Outcomes") == "Ziele"
    assert german.date("2026-03-01") == "01.03.2026" and german.date("2027-Q1") == "1. Quartal 2027"
    assert german.percent(12.5) == "12,5\xa0%"
    assert i18n.Messages("de_AT").gettext("Outcomes") == "Ziele"  # a region falls back to its language
    assert i18n.Messages("pt-BR").gettext("Outcomes") == "Objetivos"
    english = i18n.Messages("en")
    assert english.gettext("Outcomes") == "Outcomes" and english.date("2026-03-01") == "2026-03-01"
    assert not english.fallback
    swedish = i18n.Messages("sv")
    assert swedish.fallback and swedish.gettext("Outcomes") == "Outcomes" and swedish.date("2026-03-01") == "2026-03-01"
    assert english.percent(12.5) == "12.5%" and english.number(6) == "6"
    own = i18n.Messages("de", {"Outcomes": "Wirkungen"})
    assert own.gettext("Outcomes") == "Wirkungen" and own.gettext("Outputs") == "Erzeugnisse"
    assert i18n.label_problems({"Outcomes": "Wirkungen", "How {team} is organised": "Aufbau von {team}"}) == []
    problems = i18n.label_problems({"Outcomez": "x", "How {team} is organised": "{role} in {team}", 3: "x"})
    assert len(problems) == 3 and "not one of Rolebook's labels" in problems[0] and "{role}" in problems[1]
    assert i18n._("Outcomes") == "Outcomes"  # outside a build: English
    with i18n.use(german):
        assert i18n._("Outcomes") == "Ziele"


# -- built sites ---------------------------------------------------------------


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=T", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The example site in git with two releases, so the changes page and role histories have content."""
    root = tmp_path_factory.mktemp("i18n")
    config = project(root, extra_config="")
    text = config.read_text().replace("  name: material\n", "  name: material\n  language: de\n", 1)
    config.write_text(text)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "first", cwd=root)
    git("tag", "v1.0.0", cwd=root)
    cto = root / "handbooks/engineering/cto.yml"
    cto.write_text(re.sub(r"(?m)^summary: .*$", "summary: Sets the technical strategy.", cto.read_text()))
    git("commit", "-qam", "second", cwd=root)
    git("tag", "v1.1.0", cwd=root)
    return config


@pytest.fixture(scope="module")
def german_site(repo):
    result, site = build(repo)
    assert result.returncode == 0, result.stderr
    return site




def generated_pages(site: Path) -> list[Path]:
    pages = [site / "overview/index.html", site / "changes/index.html"]
    for team in ("engineering", "product", "people-operations"):
        pages.append(site / team / "index.html")
        for role in sorted((site / team).iterdir()):
            if (role / "index.html").exists() and role.name not in ("onboarding",):
                pages += [role / "index.html", role / "onboarding/index.html"]
    health = site / "health/index.html"
    if health.exists():
        pages.append(health)
    return [p for p in pages if p.exists()]


def test_german_site_has_no_english_label_of_ours(german_site):
    fragments, whole = english_labels("de")
    role_text = role_files_text()
    pages = generated_pages(german_site)
    assert len(pages) > 30
    found = {}
    for path in pages:
        page = soup(path)
        article = page.select_one("article")
        labels = [" ".join(el.get_text(" ", strip=True).split()) for el in article.select(LABEL_SELECTORS)]
        left = english_left([article.get_text(" ")] + diagram_texts(page), labels, fragments, whole, role_text)
        if left:
            found[path.relative_to(german_site).as_posix()] = sorted(left)
    assert not found, found
    # the navigation section and the dates are German too
    overview = soup(german_site / "overview/index.html")
    assert "Handbuch" in [a.get_text(strip=True) for a in overview.select(".md-nav__item--section > label, .md-nav__link")]
    assert "04.01.2027" in overview.select_one("article").get_text()  # 45 days after the build date, in German form


def test_the_scan_finds_an_english_label(german_site, tmp_path):
    """The check above can fail: an untranslated label on a page is reported."""
    fragments, whole = english_labels("de")
    page = soup(german_site / "engineering/staff-engineer/index.html")
    page.select_one("article dt").string = "Done when"
    page.select_one("article figure")["aria-label"] = "How the work of Staff Engineer connects"
    article = page.select_one("article")
    labels = [" ".join(el.get_text(" ", strip=True).split()) for el in article.select(LABEL_SELECTORS)]
    left = english_left([article.get_text(" ")] + diagram_texts(page), labels, fragments, whole, role_files_text())
    assert {"Done when", "How the work of"} <= left


@pytest.mark.parametrize("lang", ["fr", "es", "pt", "nl"])
def test_every_shipped_language_leaves_no_english_label(repo, lang):
    """The same scan over the core's pages (Markdown with HTML) for the other languages, without MkDocs."""
    result = build_handbook(Settings(handbooks_dir=repo.parent / "handbooks", today=dt.date.fromisoformat(TODAY),
                                     cache_dir=None), messages=i18n.Messages(lang))
    fragments, whole = english_labels(lang)
    role_text = role_files_text()
    found = {}
    for src_uri, markdown in result.pages.items():
        page = BeautifulSoup(markdown, "html.parser")
        headings = [line.lstrip("#").split("{")[0].strip() for line in markdown.splitlines() if line.startswith("#")]
        labels = headings + [" ".join(el.get_text(" ", strip=True).split()) for el in page.select(LABEL_SELECTORS)]
        left = english_left([page.get_text(" ")] + diagram_texts(page), labels, fragments, whole, role_text)
        if left:
            found[src_uri] = sorted(left)
    assert not found, found


# -- options -------------------------------------------------------------------

SMALL = {
    "team/_team.yml": "title: Team\nsummary: A team.\n",
}


@pytest.fixture(scope="module")
def small_handbook(tmp_path_factory):
    from support.handbooks import CLEAN_ROLE

    return {**SMALL, "team/staff.yml": CLEAN_ROLE}


def test_labels_option_overrides_one_message_and_plugin_language_wins(small_handbook, tmp_path):
    options = ("      language: fr\n      labels:\n        Outcomes: Engagements\n"
               "        \"Taking over this role? Start here\": \"Nouveau ici ?\"\n")
    config = project(tmp_path, handbooks=small_handbook, plugin_options=options)
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n", 1))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    article = soup(site / "team/staff/index.html").select_one("article")
    headings = [h.get_text(strip=True) for h in article.select("h2")]
    assert "Engagements" in headings and "Livrables" in headings  # French (the plugin's option), one label replaced
    button = article.select_one(".rolebook-actions a")
    assert button.get_text() == "Nouveau ici ?"  # markup in an override is refused before the build (test_settings)


def test_untranslated_language_falls_back_to_english_with_one_info_line(small_handbook, tmp_path):
    config = project(tmp_path, handbooks=small_handbook)
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: sv\n", 1))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "no translation for language" in line]
    assert len(lines) == 1 and lines[0].startswith("INFO") and "'sv'" in lines[0]
    headings = [h.get_text(strip=True) for h in soup(site / "team/staff/index.html").select("article h2")]
    assert "Outcomes" in headings


def test_pages_write_english_dates_for_a_reader_and_the_command_line_keeps_iso():
    from rolebook.i18n import Messages

    cli = Messages()
    assert cli.date("2026-06-30") == "2026-06-30" and cli.date("2026-Q3") == "2026-Q3"
    pages = cli.for_pages()
    assert pages.date("2026-06-30") == "30 June 2026"  # British English for a bare `en`
    assert pages.date(dt.date(2027, 1, 5)) == "5 January 2027"
    assert pages.date("2026-Q3") == "Q3 2026"
    assert Messages("en_US").for_pages().date("2026-06-30") == "June 30, 2026"
    assert Messages("de").for_pages().date("2026-06-30") == Messages("de").date("2026-06-30") == "30.06.2026"
    assert pages.key() != cli.key() and pages.for_pages() is pages and cli.for_pages() is pages
