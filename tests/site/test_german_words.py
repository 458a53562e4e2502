"""A German site shows no English from Rolebook: not on any page, not in the build's log, not in `check` or `review`.

The example handbook in git with two releases and unreleased changes (so the changes page has every
kind of entry), plus a draft role left half-written from the template (so findings of several rules
reach the health page, the log and the terminal), built by real MkDocs with Material and Graphviz in
German (`theme.language: de`). Every page's visible text and diagram text, every finding line of the
log and everything `rolebook check` and `rolebook review` print is scanned for the English text of
Rolebook's catalogue (`support.english`); the scan is shown to find English where it is left.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from support.cli import rolebook
from support.english import diagram_texts, english_labels, english_left, role_files_text
from support.sites import build, project, soup

pytestmark = pytest.mark.site

DRAFT = """\
title: Data Engineer
summary: Say in one sentence what the Data Engineer is for.
purpose: "Why the role exists: the need it meets for the organisation."
reports_to: cto
holders:
  - name: Full Name
outcomes:
  - id: nightly-pipeline
    title: Nightly pipeline live
    done_when: Improve collaboration
    due: 2026-10-01
    owner: Full Name
outputs:
  - id: pipeline-notes
    title: Pipeline notes
    kind: document
"""


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=T", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """(config, build result, site folder) of the German example site in git."""
    root = tmp_path_factory.mktemp("german")
    config = project(root)
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n", 1))
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "first", cwd=root)
    git("tag", "v1.0.0", cwd=root)
    cto = root / "handbooks/engineering/cto.yml"
    text = cto.read_text()
    text = re.sub(r"(?m)^summary: .*$", "summary: Sets the technical strategy.", text)
    text = re.sub(r"(?m)^(\s+due: )(\d{4}-\d\d-\d\d|\d{4}-Q\d)$", r"\g<1>2027-Q3", text, count=1)
    cto.write_text(text)
    git("commit", "-qam", "second", cwd=root)
    git("tag", "v1.1.0", cwd=root)
    (root / "handbooks/engineering/data-engineer.yml").write_text(DRAFT)  # unreleased: in the working tree only
    result, site = build(config, strict=False)  # the draft's warnings would stop a strict build
    assert result.returncode == 0, result.stderr
    return config, result, site


def scan(texts: list[str], labels: list[str] | None = None) -> set[str]:
    fragments, whole = english_labels("de")
    return english_left(texts, labels or [], fragments, whole, role_files_text() + DRAFT)


def rolebook_pages(site):
    pages = [site / "overview/index.html", site / "changes/index.html", site / "health/index.html"]
    for team in ("engineering", "product", "people-operations"):
        pages += sorted((site / team).rglob("index.html"))
    return pages


def test_every_page_is_german(german):
    _config, _result, site = german
    pages = rolebook_pages(site)
    assert len(pages) > 30 and all(p.exists() for p in pages)
    found = {}
    for path in pages:
        page = soup(path)
        left = scan([page.select_one("article").get_text(" ")] + diagram_texts(page))
        if left:
            found[path.relative_to(site).as_posix()] = sorted(left)
    assert not found, found


def test_the_health_page_shows_findings_in_german_without_literal_markup(german):
    _config, _result, site = german
    article = soup(site / "health/index.html").select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert "enthält noch den Text der Vorlage von rolebook new" in text  # RB115's message, translated
    assert "`" not in text and "&lt;" not in text and "\\" not in text  # code spans are code, never literal
    assert article.select("code") and "Zustand des Handbuchs" in soup(site / "health/index.html").get_text()


def test_the_changes_page_reads_in_german_words(german):
    _config, _result, site = german
    article = soup(site / "changes/index.html").select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert "Noch nicht veröffentlicht" in text and "Unreleased" not in text
    assert "Fälligkeit verschoben" in text and "3. Quartal 2027" in text
    assert "Team Engineering" in text and "`engineering`" not in text
    assert article.select('a[href*="cto"]'), "the changed role is a link to its page"


def test_every_finding_line_of_the_build_log_is_german(german):
    _config, result, _site = german
    lines = [line for line in result.stderr.splitlines() if re.search(r"\bRB\d{3}\b", line)]
    assert len(lines) >= 5, result.stderr
    left = {line: sorted(scan([line])) for line in lines if scan([line])}
    assert not left, left


def test_check_and_review_follow_the_site_language(german):
    config, _result, _site = german
    checked = rolebook("check", cwd=config.parent)
    assert checked.returncode == 0, checked.stderr  # warnings and information only
    assert "Warnung" in checked.stdout and "in 16 Rollen" in checked.stdout.splitlines()[-1]
    assert not scan([checked.stdout, checked.stderr]), scan([checked.stdout, checked.stderr])
    reviewed = rolebook("review", "--today", "2026-11-20", cwd=config.parent)
    assert reviewed.returncode == 0 and reviewed.stdout.startswith("# Zustand des Handbuchs")
    assert not scan([reviewed.stdout]), scan([reviewed.stdout])
    english = rolebook("check", "--language", "en", cwd=config.parent).stdout
    assert "still holds the text of the `rolebook new` template" in english
    assert scan([english]) and scan([checked.stdout.replace("Warnung", "warning")]), "the scan finds English"


def test_render_writes_the_site_language_too(german, tmp_path):
    config, _result, _site = german
    rendered = rolebook("render", "-o", tmp_path / "out", "--today", "2026-11-20", cwd=config.parent)
    assert rendered.returncode == 0, rendered.stderr  # the draft's findings are warnings
    lines = [line for line in rendered.stderr.splitlines() if re.search(r"\bRB\d{3}\b", line)]
    assert lines and not scan(lines), scan(lines)  # the findings it prints are German
    assert "## Ziele" in (tmp_path / "out/engineering/cto/index.md").read_text()
