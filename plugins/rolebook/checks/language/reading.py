"""RB105 and RB112 in the language a text is written in: English text to `impact` and `verifiable`, German to `german`.

`languages.language_of` decides from the text itself; text in a language the rules do not read
(`languages.READ`) gets no reading here (None), and RB122 notes it once for the handbook.
"""

from __future__ import annotations

from rolebook.checks.language import german
from rolebook.checks.language import impact as english_impact
from rolebook.checks.language import verifiable as english_verifiable
from rolebook.checks.language.languages import ENGLISH, GERMAN, language_of


def impact_of(text: str):
    """The impact reading of `text` (an object with `metric` and `quote()`), or None."""
    language = language_of(text)
    if language == ENGLISH:
        return english_impact.impact_of(text)
    if language == GERMAN:
        return german.impact_of(text)
    return None


def unverifiable(text: str):
    """Why `text` names nothing checkable (an object with `words` and `quote()`), or None."""
    language = language_of(text)
    if language == ENGLISH:
        return english_verifiable.unverifiable(text)
    if language == GERMAN:
        return german.unverifiable(text)
    return None
