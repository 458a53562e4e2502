"""RB105 and RB112 in the language a text is written in: English text to `impact` and `verifiable`, German to `german`.

`languages.language_of` decides from the text itself; text in a language the rules do not read
(`languages.READ`) gets no reading here (None), and RB122 notes it once for the handbook.
"""

from __future__ import annotations

from rolebook.checks.language import german
from rolebook.checks.language import impact as english_impact
from rolebook.checks.language import verifiable as english_verifiable
from rolebook.checks.language.impact import Impact
from rolebook.checks.language.languages import ENGLISH, GERMAN, language_of
from rolebook.checks.language.verifiable import Unverifiable

# Each language the rules read: its impact reading (RB105) and its unverifiable reading (RB112).
_READERS = {
    ENGLISH: (english_impact.impact_of, english_verifiable.unverifiable),
    GERMAN: (german.impact_of, german.unverifiable),
}


def impact_of(text: str) -> Impact | None:
    """The impact reading of `text` in its language, or None (none found, or a language not read)."""
    readers = _READERS.get(language_of(text))
    return readers[0](text) if readers else None


def unverifiable(text: str) -> Unverifiable | None:
    """Why `text` names nothing checkable, in its language, or None (it does, or a language not read)."""
    readers = _READERS.get(language_of(text))
    return readers[1](text) if readers else None
