"""Every label Rolebook writes, through one gettext catalogue (domain `rolebook`).

The `.po` sources live in `plugins/rolebook/locale/<lang>/LC_MESSAGES/`; the
compiled `.mo` files beside them are committed (and shipped in the wheel), and
a test checks they match their sources, so building the package needs no
Babel step and a checkout works without one. `make messages` re-extracts the
template (`rolebook.pot`) and updates every language.

A build renders in one language: `with use(Messages(language, labels)):`
makes it the active one for this context, and `_()` / `ngettext()` in the
core modules and `{% trans %}` / `_()` in templates read it. Outside such a
block (the CLI, tests of pure functions) the labels are English.

A site's `labels:` option replaces single messages by their English msgid:
`{"Taking over this role? Start here": "New here?"}`.

Dates, numbers and percentages go through Babel for the locale. English
sites (and languages without a catalogue) keep ISO dates and plain figures,
unambiguous and what they always showed, and never import Babel.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import gettext as _gettext
import re
import string as _string
from typing import Iterator, Mapping

from rolebook import resources

DOMAIN = "rolebook"
LOCALE_DIR = resources.LOCALE


def N_(message: str) -> str:
    """Mark a message for extraction; translated where it is shown."""
    return message


def shipped_languages() -> list[str]:
    """Languages with a compiled catalogue in the package."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


class Messages:
    """One language's labels, formats and the site's overrides."""

    def __init__(self, language: str | None = None, labels: Mapping[str, str] | None = None):
        self.language = (language or "en").replace("-", "_")
        self.labels = dict(labels or {})
        self.fallback = False  # True when the language asked for has no catalogue
        self._formatted: dict = {}  # (kind, value) -> text: pages repeat the same dates and shares
        self.translations: _gettext.NullTranslations
        # English (the msgids) needs no catalogue and no Babel: ISO dates, as before, and plain figures.
        self.english = self.language == "en" or self.language.startswith("en_")
        self.locale = None
        if self.english:
            self.translations = _gettext.NullTranslations()
        else:
            from babel import Locale, UnknownLocaleError

            try:
                self.locale = Locale.parse(self.language)
            except (UnknownLocaleError, ValueError):
                self.locale = Locale("en")
            candidates = [self.language, str(self.locale), self.locale.language]
            try:
                self.translations = _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=candidates)
            except OSError:  # no catalogue: English throughout, dates included
                self.translations = _gettext.NullTranslations()
                self.fallback = self.english = True

    # -- messages ---------------------------------------------------------------

    def gettext(self, message: str) -> str:
        if message in self.labels:
            return self.labels[message]
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = singular if n == 1 else plural
        if key in self.labels:
            return self.labels[key]
        return self.translations.ngettext(singular, plural, n)

    # -- formats ----------------------------------------------------------------

    def date(self, value: str | dt.date | None) -> str:
        """A date (or a quarter, `2026-Q3`) for a reader; ISO in English."""
        key = ("date", value)
        if key not in self._formatted:
            self._formatted[key] = self._date(value)
        return self._formatted[key]

    def _date(self, value: str | dt.date | None) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, dt.datetime):
            value = value.date()
        if self.english:
            return value.isoformat() if isinstance(value, dt.date) else value
        if isinstance(value, str):
            if "Q" in value:
                year, quarter = value.split("-Q", 1)
                return self.gettext(N_("Q{quarter} {year}")).format(quarter=quarter, year=year)
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return value
        from babel.dates import format_date

        return format_date(value, format="medium", locale=self.locale)

    def number(self, value: float) -> str:
        if self.english:
            return f"{value:g}"
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def percent(self, value: float) -> str:
        """`value` is in percent (25 → "25%", "25 %" in German)."""
        if self.english:
            return f"{value:g}%"
        key = ("percent", value)
        if key not in self._formatted:
            from babel.numbers import format_percent

            self._formatted[key] = format_percent(value / 100, locale=self.locale, decimal_quantization=False)
        return self._formatted[key]

    def key(self) -> list:
        """What a cache of rendered output must be keyed on."""
        return [self.language, sorted(self.labels.items())]




def label_problems(labels: Mapping[str, str]) -> list[str]:
    """What is wrong with a site's `labels:` option, found before the build: unknown labels, format
    fields the label does not fill or that reach into an object (`{name.__class__}`, `{0}`,
    `{name!r}`, `{name:>9}`), braces that do not pair, and markup or control characters (a label
    is shown as text: `<b>` would be HTML on some pages and text on others)."""
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as f:
        known = set()
        for message in read_po(f):
            known.update(message.id if isinstance(message.id, tuple) else (message.id,))
    problems = []
    for english, text in labels.items():
        if not isinstance(english, str) or not isinstance(text, str):
            problems.append(f"{english!r}: both the English label and your text must be strings")
        elif english not in known:
            problems.append(f"{english!r} is not one of Rolebook's labels (they are listed in {DOMAIN}.pot)")
        else:
            problem = _label_text_problem(english, text)
            if problem:
                problems.append(f"{english!r}: {problem}")
    return problems


_MARKUP = re.compile(r"[<>&`\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _label_text_problem(english: str, text: str) -> str | None:
    """Why `text` cannot stand in for the label `english`, or None."""
    if not text.strip():
        return "your text is empty"
    bad = _MARKUP.search(text)
    if bad:
        return f"your text holds {bad.group(0)!r}: write labels as plain text (no markup, no line breaks)"
    if "%(" in english:  # a %-style label
        names = set(re.findall(r"%\((\w+)\)s", english))
        try:
            text % {name: "" for name in names}
        except (KeyError, ValueError, TypeError):
            return f"your text's % fields do not fit this label, which fills {', '.join(sorted(names))}"
        return None
    wanted = {name for _text, name, _spec, _conv in _string.Formatter().parse(english) if name}
    try:
        fields = [(name, spec, conv) for _text, name, spec, conv in _string.Formatter().parse(text) if name is not None]
    except ValueError:
        return "your text's braces do not pair: write {name} for a value, nothing else in braces"
    for name, spec, conv in fields:
        if name not in wanted:
            shown = "{" + name + "}" if name else "{}"
            return f"your text uses {shown}, which this label does not fill" + (
                f" (it fills {', '.join('{' + w + '}' for w in sorted(wanted))})" if wanted else "")
        if spec or conv:
            return f"write {{{name}}} alone, without a conversion or format"
    return None


ENGLISH = Messages()
_active: contextvars.ContextVar[Messages] = contextvars.ContextVar("rolebook_messages", default=ENGLISH)


def active() -> Messages:
    return _active.get()


@contextlib.contextmanager
def use(messages: Messages) -> Iterator[Messages]:
    token = _active.set(messages)
    try:
        yield messages
    finally:
        _active.reset(token)


def _(message: str) -> str:
    return _active.get().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.get().ngettext(singular, plural, n)


# -- values of the role format, shown translated -------------------------------

VALUE_LABELS = {
    # outcome status
    "open": N_("open"), "done": N_("done"), "dropped": N_("dropped"),
    # role status
    "active": N_("active"), "draft": N_("draft"), "retired": N_("retired"),
    # output kinds
    "document": N_("document"), "code": N_("code"), "design": N_("design"), "analysis": N_("analysis"),
    "decision": N_("decision"), "process": N_("process"), "other": N_("other"),
    # cadences
    "daily": N_("daily"), "weekly": N_("weekly"), "biweekly": N_("biweekly"), "monthly": N_("monthly"),
    "quarterly": N_("quarterly"), "as-needed": N_("as needed"),
    # kinds of item (diagrams, "Led to by")
    "activity": N_("activity"), "output": N_("output"), "outcome": N_("outcome"),
    # finding severities (the health page's table)
    "error": N_("error"), "warning": N_("warning"), "info": N_("info"),
}


def value(raw: str | None) -> str:
    """A status, kind, cadence or item kind in the site's language (unknown values as written)."""
    if raw is None:
        return ""
    label = VALUE_LABELS.get(raw)
    return _(label) if label else raw


# The navigation section's default title (the plugin's `section_title`).
SECTION_TITLE = N_("Handbook")
