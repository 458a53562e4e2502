"""Findings are worded where they are shown: a template marked `N_` and named parameters, translated on display.

A finding made by a check outside any language reads in German under a German `use()`, the same
finding in French under a French one; parameters are values (a `{` or a backtick in a role's text
fills nothing and breaks no code span); dates and quarters go through Babel; the words survive the
loading pool's pickling and the warm build's manifest; and every finding the checker makes of a
handbook full of problems reads in every shipped language, with no English sentence left.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from rolebook import i18n
from rolebook.build import warm_cache
from rolebook.checks import check
from rolebook.checks.language.owners import SEVERAL_PEOPLE
from rolebook.i18n import N_, Day, Message, Nn_
from rolebook.loading import pool
from rolebook.loading.loader import load_handbook
from rolebook.loading.one_file import FileJob, read_one
from rolebook.model.findings import Finding
from rolebook.model.review_rhythm import ReviewPolicy, Timing
from rolebook.reports.changes import md
from support.handbooks import CLEAN_ROLE, write_handbook

GERMAN = i18n.Messages("de")
LANGUAGES = ["de", "fr", "es", "pt", "nl"]


def test_a_finding_is_worded_in_the_language_that_shows_it():
    f = Finding("a.yml", 3, 5, "RB106", Message(N_("outcome `{id}` has no `due:`: add a date (YYYY-MM-DD) or a "
                                                  "quarter (YYYY-Qn)"), id="launch"))
    assert f.message.startswith("outcome `launch` has no `due:`")  # English: the identity (sort, fingerprints)
    with i18n.use(GERMAN):
        assert f.shown().startswith("das Ziel `launch` hat kein `due:`")
        assert f.as_dict()["message"] == f.shown()
    assert f.shown(i18n.Messages("fr")).startswith("l’objectif `launch` n’a pas de `due:`")
    assert f.shown() == f.message  # outside a language: English


def test_parameters_are_values_not_templates_and_code_spans_stay_code():
    m = Message(N_("{field} `{ref}` is not a role{hint}"), field="reports_to", ref="a`b {hint} <x>",
                hint=Message(N_(": did you mean `{ref}`?"), ref="eng/cto"))
    assert m.english() == "reports_to `a`b {hint} <x>` is not a role: did you mean `eng/cto`?"
    markdown = m.markdown(md)
    assert markdown == "reports\\_to `` a`b {hint} <x> `` is not a role: did you mean `eng/cto`?"
    assert m.markdown(md, GERMAN).startswith("reports\\_to `` a`b {hint} <x> `` ist keine Rolle: meinten Sie")


def test_dates_quarters_numbers_and_plurals_follow_the_locale():
    late = Message(Nn_("{n} day late", "{n} days late"), n=1)
    m = Message(N_("outcome `{id}` was due {due} (ends {end}) and is still open, {late}: set `status: done` or "
                   "`status: dropped`, or give it a new `due:`"), id="x", due=Day("2026-Q3"), end=Day(dt.date(2026, 9, 30)),
                late=Message(Nn_("{n} day late", "{n} days late"), n=51))
    assert "due 2026-Q3 (ends 2026-09-30)" in m.english() and "51 days late" in m.english()
    german = m.render(GERMAN)
    assert "fällig 3. Quartal 2027".replace("2027", "2026") in german and "30.09.2026" in german and "51 Tage" in german
    assert late.render(GERMAN) == "1 Tag zu spät" or "1 Tag" in late.render(GERMAN)
    assert Message(N_("activity time shares add up to {total}%, over 100: lower some of them"), total=112.5).render(
        GERMAN).startswith("die Zeitanteile der Tätigkeiten ergeben zusammen 112,5%")


def test_the_language_rules_templates_work_nested():
    reason = Message(SEVERAL_PEOPLE, word="CSMs")
    m = Message(N_("outcome `{id}` is owned by `{owner}`, a collective ({reason}): name one person (or a role ref) "
                   "who answers for it{hint}"), id="x", owner="CSMs", reason=reason, hint="")
    assert "(“CSMs” is several people)" in m.english()
    assert "(„CSMs“ sind mehrere Personen)" in m.render(GERMAN)


def test_a_broken_translation_falls_back_to_english_instead_of_failing():
    template = N_("role `{ref}` is vacant: add `holders:` when someone takes it")
    broken = i18n.Messages("de", {template: "Rolle {nope} ist frei"})
    assert Message(template, ref="eng/x").render(broken) == "role `eng/x` is vacant: add `holders:` when someone takes it"


def test_the_words_survive_the_pool_and_the_manifest(tmp_path):
    hb = write_handbook(tmp_path, {"eng/staff.yml": CLEAN_ROLE.replace("title: Staff Engineer\n", "title: Staff Engineer\nbogus: 1\n")})
    read = read_one(FileJob(hb / "eng/staff.yml", "role", None), str(hb.resolve()))
    assert read.findings and read.findings[0].text is not None
    again = pool.decode(FileJob(hb / "eng/staff.yml", "role", None), pickle.loads(pickle.dumps(pool.encode(read))))
    assert again.findings[0].shown(GERMAN) == read.findings[0].shown(GERMAN) != read.findings[0].message
    assert again.findings[0].shown(GERMAN).startswith("unbekanntes Feld `bogus`")

    class Result:
        pages, sources, unreadable, notes, data_files = {}, {}, [], [], {}
        findings = read.findings

    manifest = warm_cache.manifest_of(Result(), {}, [])
    restored = warm_cache._validated({**manifest, "files": {}, "pages": [], "sources": {}, "nav": []})["findings"]
    assert restored[0].shown(GERMAN) == read.findings[0].shown(GERMAN) and restored[0].message == read.findings[0].message


PROBLEMS = {
    "eng/_team.yml": "title: Eng\nsummary: Say in one sentence what the Eng team does.\nlead: nobody-here\n",
    "eng/staff.yml": CLEAN_ROLE.replace("reports_to", "x") + "reports_to: manager\nreviewed: 2030-01-01\n",
    "eng/manager.yml": CLEAN_ROLE.replace("title: Staff Engineer", "title: Engineering Manager")
    .replace("    owner: Dana Lee\n", "    owner: the team\n").replace("    due: 2026-06-30\n", "")
    .replace("contributes_to: [api-live]", "contributes_to: [nowhere]").replace("produces: [spec]", "produces: [nothing]")
    .replace("time_share: 20", "time_share: 70").replace("https://example.com/spec", "javascript:alert(1)")
    .replace("  - id: spec\n", "  - id: reviews\n")
    + "  - id: more\n    title: More reviews\n    category: knowledge\n    cadence: weekly\n    time_share: 50\n"
    + "reports_to: staff\nstatus: active\nonboarding:\n  contacts:\n    - role: gone\n      why: Knows the history.\n",
    "eng/gone.yml": CLEAN_ROLE.replace("title: Staff Engineer", "title: Gone Role") + "status: retired\n",
    "eng/lonely.yml": "title: Lonely\nsummary: Has no outcomes.\nreviewed: 2025-01-01\nholders:\n  - name: Lo Ne\n"
                      "    since: 2024-01-01\n",
    "eng/Extra.YML": CLEAN_ROLE,
    "eng/vacant.yml": "title: Vacant Role\nsummary: Say in one sentence what the Vacant Role is for.\n"
                      "purpose: 'Why the role exists: the need it meets for the organisation.'\n"
                      "outputs:\n  - id: notes\n    title: Notes\n    kind: document\n"
                      "activities:\n  - id: idle\n    title: Idling\n    category: knowledge\n    cadence: weekly\n"
                      "outcomes:\n  - id: grow\n    title: Grow revenue 20%\n    done_when: Improve collaboration\n"
                      "    due: 2026-01-31\n    owner: Tim and James\n",
    "eng/broken.yml": "title: Broken\nsummary: [unclosed\n",
    "eng/typo.yml": CLEAN_ROLE.replace("kind: document", "kind: documnet").replace("due: 2026-06-30", "due: 2026-13-40")
    + "bogus: 1\n",
    "eng/Bad Name.yml": CLEAN_ROLE,
    "stray.yml": CLEAN_ROLE,
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    hb = write_handbook(tmp_path_factory.mktemp("problems"), PROBLEMS)
    handbook = load_handbook(hb)
    found = check(handbook, timing=Timing(dt.date(2026, 11, 20), ReviewPolicy(), None))
    assert len({f.code for f in found}) >= 15, sorted({f.code for f in found})
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_finding_reads_in_every_language(findings, lang):
    messages = i18n.Messages(lang)
    english = [f for f in findings if f.shown(messages) == f.message]
    assert not english, [f"{f.code} {f.message}" for f in english]
    for f in findings:  # and no English part inside: the nested words are translated too
        for part in ("is not a role", "did you mean", "in outcome", "in output", "days late", "several people"):
            assert part not in f.shown(messages), (lang, f.shown(messages))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_keeps_the_code_spans_of_its_message(lang):
    """A finding's Markdown sets the template's backtick spans as code: a translation must keep them all."""
    from support.english import catalogue

    for m in catalogue(lang):
        if not m.id:
            continue
        english = m.id[-1] if isinstance(m.id, tuple) else m.id
        for text in m.string if isinstance(m.string, tuple) else (m.string,):
            assert text.count("`") == english.count("`"), (lang, english, text)
