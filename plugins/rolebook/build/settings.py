"""One frozen settings object for a build or a check, validated once before any work.

The MkDocs plugin builds it from its config (`mkdocs_plugin.config`), the CLI from the site file
(`build.site_file`) and its options; tests build it directly. Every option is checked here, with
the option's name in the message (`plugins.rolebook.rules: unknown rule code 'RB999'`), so a bad
setting stops a build before a single file is read, whichever door it came in by. `digest()` is the
one key for everything the settings change in a build's output (the warm-build cache uses it).

Paths are kept as given, resolved against `base` (the site file's folder); the date is the one
explicit build date (None: SOURCE_DATE_EPOCH, else today, resolved by `build_date`: the one "today" of every date-dependent rule, list and page).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Mapping

from rolebook.errors import UsageError
from rolebook.i18n import label_problems
from rolebook.model.approvals import owner_problem
from rolebook.model.findings import RULES, Severity
from rolebook.model.format import SLUG_PATTERN
from rolebook.model.review_rhythm import (
    INTERVAL_OPTION,
    NEW_HOLDER_INTERVAL_OPTION,
    NEW_HOLDER_REVIEW_INTERVAL,
    REVIEW_INTERVAL,
    ReviewPolicy,
)

# Every option's default, in one place: `Settings`' fields and the plugin's config class read them here.
DEFAULTS: dict[str, Any] = {
    "handbooks_dir": "handbooks",
    "templates_dir": None,
    "rules": {},
    "dot": "dot",
    "cache_dir": ".cache/rolebook",
    "today": None,
    "review_interval": None,
    "review_interval_new_holder": None,
    "section_title": "Handbook",
    "history": True,
    "language": None,
    "labels": {},
    "codeowners_fallback": None,
    "people_folder": "people",
    "show_emails": False,
    "calendar_feeds": "on",
}
FEED_CHOICES = ("on", "titles", "off")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")


class SettingsProblem(UsageError):
    """A setting that cannot be used; the message names the option and what to write."""


def parse_date(value: object, option: str = "today") -> dt.date | None:
    """A date as a site file or a command line writes it: a YAML date or `YYYY-MM-DD` text; None if unset.

    The one date parser: `--today`, the site's `today` and the plugin's option all come through here
    (`build_date` adds SOURCE_DATE_EPOCH and the clock); `option` names the source in the message.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        raise SettingsProblem(f"{option} {value}: has a time of day: write a date as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SettingsProblem(f"{option} {value!r}: write a date as YYYY-MM-DD, e.g. 2026-11-20")


def build_date(explicit: object = None, environ: Mapping[str, str] | None = None, *,
               option: str = "--today") -> dt.date:
    """`explicit` if given, else SOURCE_DATE_EPOCH (UTC), else today's date; SettingsProblem if unreadable."""
    day = parse_date(explicit, option)
    if day is not None:
        return day
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise SettingsProblem(
                f"SOURCE_DATE_EPOCH {epoch!r}: set it to whole seconds since 1970-01-01 UTC "
                "(e.g. `git log -1 --format=%ct`), or unset it"
            ) from None
    return dt.date.today()


# A file these find has no page: lowering them would make a role vanish from the site unnoticed.
FIXED_RULES = ("RB001", "RB002")


def parse_rules(rules: Mapping[Any, object], option: str = "rules") -> tuple[tuple[str, Severity], ...]:
    """Severity overrides as written (`{RB108: off}`, `--rule RB108=off`), checked and sorted by code.

    RB001 and RB002 stay errors: a role file that cannot be read is never silently absent."""
    parsed = {}
    for code, severity in rules.items():
        code = str(code).strip().upper()
        if code not in RULES:
            raise SettingsProblem(f"{option}: unknown rule code {code!r} (known: {', '.join(sorted(RULES))})")
        try:
            parsed[code] = Severity.parse(severity)
        except ValueError as exc:
            raise SettingsProblem(f"{option}: {code}: {exc}") from None
        if code in FIXED_RULES and parsed[code] is not Severity.ERROR:
            raise SettingsProblem(f"{option}: {code} cannot be {parsed[code].value}: a role file it finds cannot be "
                                  "read and has no page, so it always fails the build; fix the file instead")
    return tuple(sorted(parsed.items()))


@dataclasses.dataclass(frozen=True)
class Settings:
    """Every option of a handbook build, checked; `Settings()` is the defaults."""

    handbooks_dir: Path = Path(DEFAULTS["handbooks_dir"])
    templates_dir: Path | None = None
    rules: tuple[tuple[str, Severity], ...] = ()  # site overrides only, sorted by code
    dot: str = DEFAULTS["dot"]
    cache_dir: Path | None = Path(DEFAULTS["cache_dir"])  # None: diagrams are not cached on disk
    today: dt.date | None = None
    review_policy: ReviewPolicy = ReviewPolicy()
    section_title: str = DEFAULTS["section_title"]
    history: bool = DEFAULTS["history"]
    language: str | None = None
    labels: tuple[tuple[str, str], ...] = ()
    directory_urls: bool = True
    codeowners_fallback: str | None = None  # who approves what nobody else can (`rolebook codeowners`)
    people_folder: str = DEFAULTS["people_folder"]
    show_emails: bool = DEFAULTS["show_emails"]
    calendar_feeds: str = DEFAULTS["calendar_feeds"]  # outcomes.ics: on, titles (SUMMARY only) or off
    site_url: str | None = None  # the site generator's own `site_url`: absolute links in the calendar feeds

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None = None, *, base: Path | None = None,
                     where: str = "", directory_urls: bool = True) -> "Settings":
        """Settings from the plugin's options as written (`mkdocs.yml`), or a SettingsProblem.

        `base` resolves relative folders (the site file's folder); `where` prefixes option names in
        messages (`mkdocs.yml: plugins.rolebook.`).
        """
        options = dict(options or {})
        unknown = sorted(set(options) - set(DEFAULTS))
        if unknown:
            raise SettingsProblem(f"{where}{unknown[0]}: unknown option (known: {', '.join(DEFAULTS)})")
        value = {**DEFAULTS, **{k: v for k, v in options.items() if v is not None}}

        def text(option: str) -> str:
            item = value[option]
            if not isinstance(item, str) or not item.strip():
                raise SettingsProblem(f"{where}{option}: {item!r} is not text: write it as a string")
            return item

        def folder(option: str) -> Path | None:
            if value[option] is None:
                return None
            path = Path(text(option))
            return path if base is None or path.is_absolute() else base / path

        for option in ("rules", "labels"):
            if not isinstance(value[option], Mapping):
                raise SettingsProblem(f"{where}{option}: {value[option]!r} is not a mapping: write `{option}: {{...}}`")
        rules = parse_rules(value["rules"], f"{where}rules")
        labels = []
        for message, label in value["labels"].items():
            if not isinstance(message, str) or not isinstance(label, str):
                raise SettingsProblem(f"{where}labels: {message!r}: {label!r}: write each label as text: text")
            labels.append((message, label))
        problems = label_problems(dict(labels)) if labels else []
        if problems:
            raise SettingsProblem(f"{where}labels: " + "; ".join(problems))
        for option in ("history", "show_emails"):
            if not isinstance(value[option], bool):
                raise SettingsProblem(f"{where}{option}: {value[option]!r} is not true or false")
        if not isinstance(value["people_folder"], str) or not re.fullmatch(SLUG_PATTERN, value["people_folder"]):
            raise SettingsProblem(f"{where}people_folder: {value['people_folder']!r} is not a folder name: write "
                                  "lowercase letters, digits and hyphens, e.g. people")
        if isinstance(value["calendar_feeds"], bool):  # YAML 1.1 reads an unquoted on / off as true / false
            value["calendar_feeds"] = "on" if value["calendar_feeds"] else "off"
        if value["calendar_feeds"] not in FEED_CHOICES:
            raise SettingsProblem(f"{where}calendar_feeds: {value['calendar_feeds']!r}: write on, titles or off")
        language = value["language"]
        if language is not None and (not isinstance(language, str) or not _LANGUAGE.fullmatch(language)):
            raise SettingsProblem(f"{where}language: {language!r} is not a language code: write e.g. de, fr or pt_BR")
        fallback = value["codeowners_fallback"]
        if fallback is not None and owner_problem(fallback):
            raise SettingsProblem(f"{where}codeowners_fallback: {owner_problem(fallback)}")
        try:
            policy = ReviewPolicy.from_options(value)
        except ValueError as exc:
            raise SettingsProblem(f"{where}{exc}") from None
        return cls(
            handbooks_dir=folder("handbooks_dir"),
            templates_dir=folder("templates_dir"),
            rules=rules,
            dot=text("dot"),
            cache_dir=folder("cache_dir"),
            today=parse_date(value["today"], f"{where}today"),
            review_policy=policy,
            section_title=text("section_title"),
            history=value["history"],
            language=language,
            labels=tuple(sorted(labels)),
            directory_urls=bool(directory_urls),
            codeowners_fallback=fallback,
            people_folder=value["people_folder"],
            show_emails=value["show_emails"],
            calendar_feeds=value["calendar_feeds"],
        )

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some fields changed (a command-line option over the site file's)."""
        return dataclasses.replace(self, **changes)

    @property
    def rule_overrides(self) -> dict[str, Severity]:
        """The site's severity overrides, as `severity_table` takes them."""
        return dict(self.rules)

    @property
    def label_overrides(self) -> dict[str, str]:
        return dict(self.labels)

    def resolved(self) -> "Settings":
        """The same settings with the folders made absolute and the build date fixed (see `build_day`).

        What a build session keeps: a server's rebuilds all use the date the server started with.
        """
        today = build_date(self.today)  # SettingsProblem for a SOURCE_DATE_EPOCH that is not a time

        def absolute(path: Path | None) -> Path | None:
            return None if path is None else path.resolve()

        # The cache folder is made absolute by name only: resolving it would follow a committed
        # `.cache -> /elsewhere` before the build session's check looks (see rolebook.caching.folders).
        cache_dir = None if self.cache_dir is None else Path(os.path.abspath(self.cache_dir))
        return self.replace(handbooks_dir=absolute(self.handbooks_dir), templates_dir=absolute(self.templates_dir),
                            cache_dir=cache_dir, today=today)

    def digest(self) -> str:
        """SHA-256 of every setting that shapes a build's output: the warm-build cache's key for them."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        fields["review_policy"] = dataclasses.asdict(self.review_policy)
        text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()


__all__ = ["DEFAULTS", "REVIEW_INTERVAL", "NEW_HOLDER_REVIEW_INTERVAL", "INTERVAL_OPTION",
           "NEW_HOLDER_INTERVAL_OPTION", "Settings", "SettingsProblem", "build_date", "parse_date", "parse_rules"]
