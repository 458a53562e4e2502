"""Which language an outcome is written in, as far as the language rules need to know.

RB105 and RB112 read English. On text in another language they would misfire
(German "Umsatz steigern" names no English metric, so RB112 would call it vague),
so they stay silent on it and the handbook gets one RB122 note instead.

How the language is known: from the text itself, not from the site's `language`
option, because a German site often keeps English role files and an English one
may quote a German team's outcomes. The reading counts the commonest function
words of each language (the words no sentence of any length avoids) and looks at
the script: a text reads as another language only when the evidence is clear,
that is at least two of that language's function words and more than English
ones, or mostly letters outside the Latin script. Short or technical text with no
such evidence ("API v2 live in production", "SSO for Okta") is read as English,
so nothing that the rules read today goes silent. A language-identification model
(langdetect, lingua) would need more text than a title gives and cost
milliseconds per sentence where this costs microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ENGLISH = "en"
READ = frozenset({ENGLISH})  # the languages the language rules read
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
    best = max(sorted(hits), key=hits.__getitem__)
    return best if hits[best] >= 2 and hits[best] > english else ENGLISH


def reads(text: str) -> bool:
    """Whether the language rules read `text` (see the module's docstring for how)."""
    return language_of(text) in READ
