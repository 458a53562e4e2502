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

Findings (and anything else said before the language that shows it is known) are
`Message`s: a template marked `N_` and named parameters, translated when
rendered (`str(message)`, `message.render(messages)`, `message.markdown()`),
so a finding made during a check reads in the language of the page, the log
or the terminal that shows it, never half in one and half in another.

Dates, numbers and percentages go through Babel for the locale. In English
(and languages without a catalogue) the command line keeps ISO dates and plain
figures, unambiguous and what it always printed; pages are for readers, so a
build's messages (`for_pages()`) write English dates by Babel too ("30 June
2026", British English unless the site says `en_US`), and pages keep the ISO
form in `<time datetime>`.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import gettext as _gettext
import re
import string as _string
from typing import Callable, Iterator, Mapping

from rolebook import resources

DOMAIN = "rolebook"
LOCALE_DIR = resources.LOCALE


def N_(message: str) -> str:
    """Mark a message for extraction; translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for extraction (`Message(Nn_(...), n=...)` translates it where shown)."""
    return singular, plural


def shipped_languages() -> list[str]:
    """Languages with a compiled catalogue in the package."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


class Messages:
    """One language's labels, formats and the site's overrides."""

    def __init__(self, language: str | None = None, labels: Mapping[str, str] | None = None, *,
                 reader_dates: bool = False):
        self.language = (language or "en").replace("-", "_")
        self.labels = dict(labels or {})
        self.reader_dates = reader_dates  # English dates by Babel too (pages), not ISO (the command line)
        self._pages: Messages | None = None
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

    def for_pages(self) -> "Messages":
        """The same language and labels, with dates for a reader in English too (a page, not a terminal)."""
        if self.reader_dates:
            return self
        if self._pages is None:
            self._pages = Messages(self.language, self.labels, reader_dates=True)
        return self._pages

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
        if self.english and not self.reader_dates:
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

        if self.english:  # "30 June 2026": the month in words, never 06/30 against 30/06
            return format_date(value, format="long", locale=self.date_locale())
        return format_date(value, format="medium", locale=self.locale)

    def date_locale(self):
        """The Babel locale dates are written in: the language's, British English for a bare `en`."""
        if not self.english:
            return self.locale
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.language if self.language.startswith("en_") else "en_GB")
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en_GB")

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
        return [self.language, sorted(self.labels.items())] + (["reader-dates"] if self.reader_dates else [])




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


# -- messages translated where they are shown -----------------------------------


class Day(str):
    """A parameter that is a date or a quarter (`2026-09-30`, `2026-Q3`): written by Babel in the reader's locale."""

    __slots__ = ()

    def __new__(cls, value: str | dt.date) -> "Day":
        return super().__new__(cls, value.isoformat() if isinstance(value, dt.date) else str(value))


Param = "str | int | float | Day | Message"
_CODE_SPAN = re.compile(r"`[^`]*`")


class Message:
    """A text said in no language yet: a template (a msgid marked `N_`, or a pair from `Nn_`) and named parameters.

    Parameters are values, never template text: a role's words in them are
    inserted as they are (`render`) or escaped for Markdown (`markdown`), and
    a `{` in them fills nothing. A `Day` is formatted by Babel, a number for the
    locale, a nested `Message` in the same language. With a plural pair, `n`
    chooses the form (and fills `{n}`).
    """

    __slots__ = ("template", "params", "n")

    def __init__(self, template: str | tuple[str, str], /, n: int | None = None, **params: object):
        self.template = template
        self.n = n
        self.params = params

    # -- rendering --------------------------------------------------------------

    def _translated(self, messages: Messages) -> str:
        if isinstance(self.template, tuple):
            singular, plural = self.template
            return messages.ngettext(singular, plural, self.n if self.n is not None else 1)
        return messages.gettext(self.template)

    def _english(self) -> str:
        if isinstance(self.template, tuple):
            return self.template[0] if self.n == 1 else self.template[1]
        return self.template

    def _values(self, messages: Messages, text: Callable[[str], str], nested: Callable[["Message"], str]) -> dict:
        values: dict[str, str] = {}
        for name, value in self.params.items():
            if isinstance(value, Message):
                values[name] = nested(value)
            elif isinstance(value, Day):
                values[name] = text(messages.date(str(value)))
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                values[name] = text(str(value))
            else:
                values[name] = text(messages.number(value))
        if self.n is not None:
            values.setdefault("n", text(messages.number(self.n)))
        return values

    def _fill(self, template: str, values: dict) -> str | None:
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            return None  # a translation (or a site's label) with a field the message does not fill

    def render(self, messages: Messages | None = None) -> str:
        """The text in `messages`' language (the active one by default); parameters as they are."""
        messages = messages or active()
        values = self._values(messages, str, lambda m: m.render(messages))
        filled = self._fill(self._translated(messages), values)
        return filled if filled is not None else (self._fill(self._english(), values) or self._english())

    def english(self) -> str:
        """The text in English (the msgids): every finding's identity, so made once per finding, on a short path."""
        values: dict[str, str] = {}
        for name, value in self.params.items():
            if type(value) is str:
                values[name] = value
            elif isinstance(value, Message):
                values[name] = value.english()
            elif isinstance(value, str):  # a Day: English keeps ISO dates and quarters
                values[name] = str.__str__(value)
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                values[name] = str(value)
            else:
                values[name] = ENGLISH.number(value)
        if self.n is not None:
            values.setdefault("n", ENGLISH.number(self.n))
        return self._fill(self._english(), values) or self._english()

    def __str__(self) -> str:
        return self.render()

    def markdown(self, escape: Callable[[str], str], messages: Messages | None = None) -> str:
        """The text as Markdown: the template's code spans kept (a parameter in one set as code, whatever it holds),
        every other parameter through `escape`."""
        messages = messages or active()
        for template in (self._translated(messages), self._english()):
            out = self._markdown(template, escape, messages)
            if out is not None:
                return out
        return escape(self.render(messages))

    def _markdown(self, template: str, escape: Callable[[str], str], messages: Messages) -> str | None:
        plain = self._values(messages, str, lambda m: m.render(messages))
        marked = self._values(messages, escape, lambda m: m.markdown(escape, messages))
        out, start = [], 0
        for span in _CODE_SPAN.finditer(template):
            text = self._fill(template[start:span.start()], marked)
            code = self._fill(span.group(0)[1:-1], plain)
            if text is None or code is None:
                return None
            out += [text, code_span(code)]
            start = span.end()
        rest = self._fill(template[start:], marked)
        return None if rest is None else "".join(out) + rest

    # -- identity and storage ---------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Message) and (self.template, self.n, self.params) == (other.template, other.n, other.params)
                and all(type(v) is type(other.params[k]) for k, v in self.params.items()))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Message({self.template!r}, n={self.n!r}, **{self.params!r})"

    def __reduce__(self):  # pickled for the loading pool's workers
        return (_from_parts, (self.template, self.n, self.params))

    def to_data(self) -> dict:
        """Plain JSON data (the warm build's manifest); `from_data` reads it back."""
        def encode(value: object) -> object:
            if isinstance(value, Message):
                return {"message": value.to_data()}
            if isinstance(value, Day):
                return {"day": str(value)}
            if isinstance(value, (bool, int, float)):
                return value
            return str(value)

        data: dict = {"template": list(self.template) if isinstance(self.template, tuple) else self.template,
                      "params": {k: encode(v) for k, v in self.params.items()}}
        if self.n is not None:
            data["n"] = self.n
        return data

    @classmethod
    def from_data(cls, data: Mapping) -> "Message":
        def decode(value: object) -> object:
            if isinstance(value, dict) and "message" in value:
                return cls.from_data(value["message"])
            if isinstance(value, dict) and "day" in value:
                return Day(str(value["day"]))
            return value

        template = data["template"]
        template = tuple(template) if isinstance(template, list) else str(template)
        return cls(template, n=data.get("n"), **{str(k): decode(v) for k, v in dict(data.get("params", {})).items()})


def _from_parts(template, n, params) -> Message:
    return Message(template, n=n, **params)


def code_span(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it holds (CommonMark: a longer fence, padded)."""
    text = " ".join(text.split("\n"))
    if "`" not in text:
        return f"`{text}`"
    longest = max(len(run) for run in re.findall(r"`+", text))
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"
