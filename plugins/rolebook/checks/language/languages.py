"""Which language an outcome is written in, as far as the language rules need to know.

RB105 and RB112 read English and German (`reading` sends each text to its
rules). On text in another language they would misfire (French "Augmenter le
chiffre d'affaires" names no English metric), so they stay silent on it and the
handbook gets one RB122 note instead.

How the language is known: from the text itself, not from the site's `language`
option, because a German site often keeps English role files and an English one
may quote a German team's outcomes. The reading counts the commonest function
words of each language (the words no sentence of any length avoids) and looks at
the script: a text reads as another language only when the evidence is clear,
that is at least two of that language's function words and more than English
ones, or mostly letters outside the Latin script. Short or technical text with no
such evidence ("API v2 live in production", "SSO for Okta") is read as English,
while a short text with no English function word and German words of `lexicon_de`
("Umsatz steigern", "Migrationsplan veröffentlicht") is read as German;
so nothing that the rules read today goes silent. A language-identification model
(langdetect, lingua) would need more text than a title gives and cost
milliseconds per sentence where this costs microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ENGLISH = "en"
GERMAN = "de"
READ = frozenset({ENGLISH, GERMAN})  # the languages the language rules read (see `reading`)
NAMES = {"de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian", "nl": "Dutch",
         "other": "a script other than Latin"}

_FUNCTION_WORDS = {
    "en": "the and of to for with on is are be will our we by from that this all new at as it an has have".split(),
    "de": ("der die das und ist nicht mit für auf den dem des ein eine einer eines wir unsere unser werden wird "
           "sind bis von zu im zum zur auch alle als nach über bei durch sowie soll sollen neue neuen ob oder").split(),
    "fr": "le la les et est des une un pour avec dans sur nous notre nos sont être aux du au par ou plus".split(),
    "es": "el los las y es una para con del por que se nuestro nuestra sus más al".split(),
    "pt": "os é uma um para com não nossa nosso dos das ao pela pelo".split(),
    "it": "il lo gli è della delle dei nostro nostra per con".split(),
    "nl": "het een en van voor met niet zijn wij onze naar bij ook".split(),
}
_SETS = {language: frozenset(words) for language, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)
def language_of(text: str) -> str:
    """ "en", another language code of NAMES, or "other" (mostly a non-Latin script)."""
    words = _WORD.findall(text.lower())
    if not words:
        return ENGLISH
    if not text.isascii():
        letters = "".join(words)
        latin = sum(1 for c in letters if c < "\u0250" or unicodedata.name(c, "").startswith("LATIN"))
        if latin * 2 < len(letters):
            return "other"
    present = frozenset(words)
    hits = {language: len(present & words_) for language, words_ in _SETS.items()}  # distinct function words
    english = hits.pop(ENGLISH)
    german, lexical = _german_words(present)
    hits[GERMAN] += german
    best = max(sorted(hits), key=hits.__getitem__)
    if hits[best] >= 2 and hits[best] > english:
        return best
    if not english and lexical and len(words) <= 4 and hits[GERMAN] >= max(hits.values()):
        return GERMAN  # "Umsatzsteigerung", "Migrationsplan veröffentlicht": short, no English word, German words
    return ENGLISH


_GERMAN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "ieren", "iert", "ierte", "ierten", "lich", "liche",
                   "lichen", "ische", "ischen")


@lru_cache(maxsize=1)
def _german_lexicon() -> frozenset[str]:
    """The words of `lexicon_de` (verb forms, nouns) that are not also English words of `lexicon`."""
    from rolebook.checks.language import lexicon as L, lexicon_de as D

    german = set().union(*(v for v in vars(D).values() if isinstance(v, frozenset) and all(isinstance(w, str) for w in v)))
    german.update(*(v for v in vars(D).values() if isinstance(v, list)))
    english = set(_FUNCTION_WORDS[ENGLISH]).union(*(v for v in vars(L).values() if isinstance(v, frozenset)))
    return frozenset(w for w in german if len(w) > 2 and w not in english and w not in D.ENGLISH_TOO
                     and not (w.isascii() and w.endswith(("tion", "tions", "ing", "ings", "ly", "ment", "ments"))))


def _german_words(present: frozenset[str]) -> tuple[int, bool]:
    """Words that read as German beyond its function words: short outcomes have few of those ("Umsatz steigern").

    A word counts when `lexicon_de` lists it (and `lexicon` does not), or when it has a letter or an ending
    only German spells (ä, ö, ü, ß; -ung, -heit, -keit, -schaft, -ieren, -lich).
    """
    lexicon = _german_lexicon()
    lexical = [w for w in present if w in lexicon or (len(w) > 5 and w.endswith(_GERMAN_ENDINGS))]
    spelt = [w for w in present if w not in lexical and any(c in "äöüß" for c in w)]
    return len(lexical) + len(spelt), bool(lexical)


def reads(text: str) -> bool:
    """Whether the language rules read `text` (see the module's docstring for how)."""
    return language_of(text) in READ
