"""RB105 and RB112 reading German, on sentences written for these tests (not rows of the corpus).

Inflection and compounds, verb-final and passive order, numbers and dates, the words a finding quotes,
and the dispatch: German text to the German rules, English to the English ones, the rest to neither.
"""

from __future__ import annotations

import pytest

from rolebook.checks.language import german
from rolebook.checks.language.languages import READ, language_of
from rolebook.checks.language.reading import impact_of, unverifiable

IMPACT = [
    "Umsatz um 20 % steigern",
    "Den Umsatz im Geschäftskundenbereich steigern",
    "Die Umsätze des Onlineshops erhöhen",                     # umlaut plural, genitive
    "Steigerung des Umsatzes um 15 %",                         # movement noun before the metric
    "Umsatzwachstum von 10 % gegenüber dem Vorjahr",           # compound: metric + movement
    "Die Nutzerzahlen bis 2025 verdoppeln",                    # compound head, verb last
    "Besucherzahl im 2. Quartal auf 10.000 erhöhen",
    "Kundenzufriedenheit deutlich verbessern",
    "Die Reichweite des Newsletters wird bis 31.12.2025 verdoppelt",  # passive
    "Die Mitgliederzahl ist um 5 % gestiegen",                 # strong participle
    "10 neue Kunden gewinnen",
    "Bis Ende des Jahres 50 Neukunden akquirieren",
    "Kundengewinnung im Mittelstand",
    "90 % der Nutzerinnen sind zufrieden",
    "Das Tool wird von mindestens 10 Kommunen genutzt",
    "Mehr Downloads der App",
    "Abwanderung der Bestandskunden senken",
    "Wir steigern die Akzeptanz des Portals",                  # verb second
    "Den Anteil der wiederkehrenden Besucher erhöhen",
]

DELIVERY = [
    "Das Portal wird bis 2025 eingeführt",
    "Der Umsatzbericht ist veröffentlicht",                   # a metric naming a report
    "Kundenzufriedenheit messen und auswerten",                # measured, not moved
    "Die Nutzerzahlen werden monatlich im Dashboard erfasst",
    "Workshop mit 30 Teilnehmenden durchgeführt",
    "Onboarding für neue Kunden dokumentiert",
    "Migrationsplan veröffentlicht",
    "Das neue Dashboard ist live",
    "Handbuch liegt vor",
    "Der Server ist in Betrieb",
    "Die Satzungsänderung ist beschlossen",
    "Leitfaden bis 31.12.2025 erstellt",
    "Schulungsunterlagen im 2. Quartal fertiggestellt",
    "Einführung des neuen Ticketsystems",
    "Zwei Entwicklerinnen eingestellt",
    "Schaffung einer Website für alle Angebote",
    "Plattform, die den Austausch fördert, ist online",         # a relative clause's verb is no predicate
]

VAGUE = [
    ("Zusammenarbeit stärken", "stärken"),
    ("Die Zusammenarbeit mit allen Teams wird verbessert", "verbessert"),
    ("Verbesserung der Dokumentation", "Verbesserung"),
    ("Die Kultur im Team weiterentwickeln", "weiterentwickeln"),
    ("Digitalisierung vorantreiben", "vorantreiben"),
    ("Sicherstellen, dass die Qualität stimmt", "Sicherstellen"),
    ("Wir fördern Innovation und Offenheit", "fördern"),
    ("Möglichkeiten einer Kooperation prüfen", "prüfen"),
    ("Bessere Kommunikation zwischen den Abteilungen", "Bessere"),
    ("Prozesse einfacher machen", "einfacher machen"),
    ("Weltklasse-Team", "Weltklasse-Team"),
    ("Stärkung der Sichtbarkeit", "Stärkung"),
]


@pytest.mark.parametrize("text", IMPACT)
def test_german_impact_is_read(text):
    assert language_of(text) == "de", text
    assert impact_of(text) is not None, text


@pytest.mark.parametrize("text", DELIVERY)
def test_german_delivery_is_neither_impact_nor_vague(text):
    assert language_of(text) == "de", text
    assert impact_of(text) is None, (text, impact_of(text))
    assert unverifiable(text) is None, (text, unverifiable(text))


@pytest.mark.parametrize("text, word", VAGUE)
def test_german_vague_done_when_is_read_and_quotes_its_words(text, word):
    assert language_of(text) == "de", text
    assert impact_of(text) is None, (text, impact_of(text))
    found = unverifiable(text)
    assert found is not None and word in found.words, (text, found)
    assert f"“{word}”" in found.quote()


def test_the_finding_quotes_the_words_that_decided():
    assert german.impact_of("Den Umsatz um 20 % steigern").words == ("steigern", "Umsatz")
    assert german.impact_of("Die Nutzerzahlen bis 2025 verdoppeln").quote() == "“verdoppeln”, “Nutzerzahlen”"
    assert german.impact_of("10 neue Kunden gewinnen").words == ("gewinnen", "Kunden")


def test_the_metric_key_is_the_english_rules_own_where_they_have_one():
    # METRIC_WORDS in framework.py: "satisfaction" and "adoption" are worded by the catalogue, in German on a German site
    assert german.impact_of("Kundenzufriedenheit deutlich verbessern").metric == "satisfaction"
    assert german.impact_of("90 % der Befragten sind zufrieden").metric == "satisfaction"
    assert german.impact_of("Die Nutzung des Portals verdoppeln").metric == "adoption"
    assert german.impact_of("Das Tool wird von 10 Kommunen genutzt").metric == "adoption"
    assert german.impact_of("Umsatz steigern").metric == "Umsatz"      # else the role's own word, quoted


def test_inflections_of_one_verb_all_count():
    for verb in ("steigern", "steigert", "steigerte", "gesteigert", "zu steigern"):
        assert german.impact_of(f"Den Umsatz {verb}") is not None, verb
    for verb in ("einführen", "eingeführt", "einzuführen"):
        assert german.unverifiable(f"Das Portal {verb}") is None, verb
    assert german.unverifiable("Wir führen das Portal ein") is None      # a separable verb's particle at the end


def test_compounds_are_read_by_their_head():
    assert german.noun("nutzerzahlen")[0] == "count" and german.noun("nutzerzahlen")[2] == "nutzer"
    assert german.noun("migrationsplan")[0] == "artefact"
    assert german.noun("kundenportal")[0] == "artefact"                   # a portal for customers, not customers
    assert german.impact_of("Das Kundenportal ist live") is None
    assert german.impact_of("Die Fallzahlen im Ticketsystem halbieren") is None  # counts no people or money


def test_numbers_and_dates():
    toks = {t.text: t.kind for t in german.tokenize("bis 31.12.2025 im 2. Quartal 2026, Q3, 20 %, 1,5 Mio. €, 2.000")}
    assert toks["31.12.2025"] == "date" and toks["2."] == "date" and toks["2026"] == "date" and toks["Q3"] == "date"
    assert toks["20 %"] == "num" and toks["1,5"] == "num" and toks["2.000"] == "num"
    # a date makes a criterion checkable, but is never a target of a metric
    assert german.unverifiable("Zusammenarbeit bis 31.12.2025 stärken") is None
    assert german.unverifiable("Kommunikation im 2. Quartal verbessern") is None
    assert german.impact_of("Kunden bis 2025") is None
    assert german.impact_of("2.000 Kunden bis 2025") is not None
    # "Mio." and "2." keep their period: the clause goes on
    assert german.impact_of("Umsatz von 1,5 Mio. € im 2. Quartal erreichen") is not None


def test_german_text_goes_to_the_german_rules_and_english_to_the_english_ones():
    assert READ == {"en", "de"}
    # English rules would not see impact in German text; the German rules do, and vice versa
    assert impact_of("Umsatz steigern") is not None and impact_of("Grow revenue 10%") is not None
    assert unverifiable("Zusammenarbeit verbessern") is not None and unverifiable("Improve collaboration") is not None
    assert german.impact_of("Grow revenue 10%") is None and german.unverifiable("Improve collaboration") is None


@pytest.mark.parametrize("text, language", [
    ("Umsatz steigern", "de"),                              # two words, no function word
    ("Umsatzsteigerung", "de"),                             # one compound
    ("Migrationsplan veröffentlicht", "de"),
    ("Zusammenarbeit verbessern", "de"),
    ("API v2 live", "en"),                                  # short and technical: English, as before
    ("Dashboard live", "en"),
    ("Launch the Kundenportal", "en"),                      # an English sentence naming a German product
    ("Publish the Zürich office handbook", "en"),           # an umlaut in a name is no German
    ("Ship the Umsatz dashboard for the sales team", "en"),
    ("Das Dashboard for the sales team is live", "en"),     # mixed, more English than German
    ("Der Release-Plan für das Team ist veröffentlicht", "de"),  # German with English loanwords
    ("Améliorer la collaboration avec les équipes", "fr"),
])
def test_mixed_and_short_texts_read_as_their_language(text, language):
    assert language_of(text) == language


def test_english_corpus_never_reads_as_german():
    from support.rule_corpus import sentences
    assert [r["text"] for r in sentences() if language_of(r["text"]) == "de"] == []


def test_other_languages_get_no_reading():
    assert impact_of("Aumentar los ingresos un 20 %") is None
    assert unverifiable("Améliorer la collaboration avec les équipes") is None
