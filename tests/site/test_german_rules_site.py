"""A German handbook on a German site: RB105 and RB112 read its German outcomes (issue 22), in German words.

A team whose role file is written in German, with an impact outcome ("Reichweite des Newsletters
verdoppeln") and a vague `done_when` ("Die Zusammenarbeit ... wird verbessert"), built by real MkDocs
with Material in German. The health page counts both findings under their German names, the build log words them in German, and no RB122 (the rules read
German now); `rolebook check --language de` prints them in German; neither shows Rolebook's English.
"""

from __future__ import annotations

import re

import pytest

from support.cli import rolebook
from support.english import english_labels, english_left
from support.sites import build, project, soup

pytestmark = pytest.mark.site

ROLE = """\
title: Leitung Kommunikation
summary: Verantwortet die Kommunikation der Stadtverwaltung.
holders:
  - name: Dana Lee
outcomes:
  - id: reichweite
    title: Reichweite des Newsletters verdoppeln
    done_when: Der Newsletter erscheint monatlich.
    due: 2026-12-31
    owner: Dana Lee
  - id: zusammenarbeit
    title: Zusammenarbeit mit den Ämtern
    done_when: Die Zusammenarbeit mit allen Ämtern wird verbessert.
    due: 2026-12-31
    owner: Dana Lee
outputs:
  - id: redaktionsplan
    title: Redaktionsplan
    kind: document
    location: https://example.com/redaktionsplan
    contributes_to: [reichweite, zusammenarbeit]
activities:
  - id: redaktion
    title: Redaktionssitzung
    category: knowledge
    cadence: weekly
    time_share: 20
    produces: [redaktionsplan]
"""


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    root = tmp_path_factory.mktemp("german-rules")
    config = project(root, handbooks={"kommunikation/leitung.yml": ROLE})
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n", 1))
    result, site = build(config, strict=False)  # RB105 and RB112 are warnings
    assert result.returncode == 0, result.stderr
    return config, result, site


def _english(texts: list[str]) -> set[str]:
    fragments, whole = english_labels("de")
    return english_left(texts, [], fragments, whole, ROLE + "\nexpectations:")  # a field name of the format, not a word


def test_the_health_page_shows_rb105_and_rb112_in_german_and_no_rb122(german):
    _config, _result, site = german
    article = soup(site / "health/index.html").select_one("article")
    rows = {" ".join(tr.get_text(" ").split()) for tr in article.select("tr")}
    assert "RB105 Warnung Ziel liest sich als Wirkung 1" in rows, rows      # the findings by rule, in German
    assert "RB112 Warnung Ziel nicht überprüfbar 1" in rows, rows
    text = " ".join(article.get_text(" ").split())
    assert "RB122" not in text and "Sprache, die der Prüfer nicht liest" not in text
    assert not _english([text]), _english([text])


def test_the_build_log_names_both_findings_in_german_with_their_words(german):
    _config, result, _site = german
    lines = [line for line in result.stderr.splitlines() if re.search(r"\bRB\d{3}\b", line)]
    [rb105] = [line for line in lines if "RB105" in line]
    [rb112] = [line for line in lines if "RB112" in line]
    assert "eine Wirkung, die die Rolle nicht in der Hand hat" in rb105 and "“verdoppeln”, “Reichweite”" in rb105
    assert "done_when nennt nichts, was jemand am Fälligkeitstag prüfen könnte" in rb112 and "“verbessert”" in rb112
    assert not any("RB122" in line for line in lines)
    assert not _english(lines), _english(lines)


def test_check_in_german_prints_them_in_german(german):
    config, _result, _site = german
    checked = rolebook("check", "--language", "de", cwd=config.parent)
    out = checked.stdout
    assert checked.returncode == 0, checked.stderr  # warnings only
    [rb105] = [line for line in out.splitlines() if "RB105" in line]
    [rb112] = [line for line in out.splitlines() if "RB112" in line]
    assert "leitung.yml:7:" in rb105 and "eine Wirkung, die die Rolle nicht in der Hand hat" in rb105
    assert "leitung.yml:13:" in rb112 and "nennt nichts, was jemand am Fälligkeitstag prüfen könnte" in rb112
    assert "RB122" not in out
    assert not _english([out, checked.stderr]), _english([out, checked.stderr])
    english = rolebook("check", "--language", "en", cwd=config.parent).stdout
    assert "an impact the role does not control" in english and _english([english]), "the scan finds English"
