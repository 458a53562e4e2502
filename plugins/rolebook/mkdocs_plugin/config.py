"""The plugin's options in `mkdocs.yml` (contract, section 5), and the one way they become `Settings`.

MkDocs needs a `Config` class to read and type-check the options; everything
else about them (defaults that matter, rule codes, the review rhythm, labels)
is checked once by `build.settings.Settings.from_options`, the same code the
CLI goes through, so both doors say the same thing about the same mistake.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from rolebook.build.settings import DEFAULTS, Settings, SettingsProblem, parse_date


class BuildDate(c.BaseConfigOption):
    """A date: an unquoted YAML date (`today: 2026-11-20`) or the same as text."""

    def run_validation(self, value: object) -> dt.date | None:
        try:
            return parse_date(value, option="today")
        except ValueError as exc:
            raise ValidationError(str(exc).removeprefix("today ")) from None


class FeedMode(c.BaseConfigOption):
    """on, titles or off; an unquoted `off` (YAML 1.1's false) counts as off, `on` as on."""

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        value = {False: "off", True: "on"}.get(value, value) if isinstance(value, bool) else value
        if value not in ("on", "titles", "off"):
            raise ValidationError(f"{value!r}: write on, titles or off")
        return value


class FolderPath(c.BaseConfigOption):
    """A folder: text, or a path MkDocs' `!relative $config_dir/...` tag gives; always text after."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, (str, os.PathLike)):
            return os.fspath(value)
        raise ValidationError(f"Expected a folder path but received: {type(value)}")


class RolebookConfig(Config):
    handbooks_dir = FolderPath(default=DEFAULTS["handbooks_dir"])
    """Where the role files are, relative to mkdocs.yml."""
    templates_dir = FolderPath()
    """A folder whose templates override the shipped ones by name."""
    rules = c.Type(dict, default={})
    """Severity overrides, e.g. {RB108: "off"}; an unquoted `off` counts."""
    dot = c.Type(str, default=DEFAULTS["dot"])
    """The Graphviz command."""
    cache_dir = FolderPath(default=DEFAULTS["cache_dir"])
    """Rendered diagrams, keyed by content, and the generated pages as files (`pages/`)."""
    today = BuildDate()
    """The build date for "due soon" and checklists (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today."""
    review_interval = c.Optional(c.Type(int))
    """Days between role reviews once the holder is settled (RB114; default 92, "quarterly")."""
    review_interval_new_holder = c.Optional(c.Type(int))
    """Days between role reviews while the newest holder is in their first 90 days (RB114; default 31)."""
    section_title = c.Type(str, default=DEFAULTS["section_title"])
    """The navigation section that holds the teams."""
    history = c.Type(bool, default=DEFAULTS["history"])
    """Show last-changed dates and release changes from git (nothing outside git)."""
    language = c.Optional(c.Type(str))
    """The language of Rolebook's labels (de, fr, es, pt, nl, en); default: theme.language, else English."""
    labels = c.Type(dict, default={})
    """Replace single labels: {English message: your text}."""
    codeowners_fallback = c.Optional(c.Type(str))
    """Who approves what nobody else can in the generated CODEOWNERS block: `@handle`, `@org/team` or an e-mail."""
    people_folder = c.Type(str, default=DEFAULTS["people_folder"])
    """The folder of the person pages (`people/<id>/`), made when the handbook has `_people.yml`."""
    show_emails = c.Type(bool, default=DEFAULTS["show_emails"])
    """Show people's e-mail addresses on person pages and in roles.json (default: no)."""
    calendar_feeds = FeedMode(default=DEFAULTS["calendar_feeds"])
    """outcomes.ics calendars of open outcomes' due dates: on, titles (no descriptions) or off."""


def unknown_option_errors(warnings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MkDocs' warnings about options it does not know, as errors: a typo must not fall back to a default."""
    return [(key, f"{message}: no such option of the rolebook plugin (check the spelling)")
            for key, message in warnings if "Unrecognised configuration name" in str(message)]


def settings_of(options: RolebookConfig, *, config_file: str | None, directory_urls: bool,
                site_url: str | None = None) -> Settings:
    """The build's settings from the plugin's options, folders resolved against mkdocs.yml's folder and
    the build date fixed; SettingsProblem (naming the option and the fix) for anything unusable."""
    base = Path(config_file or ".").resolve().parent
    settings = Settings.from_options({name: options.get(name) for name in DEFAULTS}, base=base,
                                     directory_urls=directory_urls).replace(site_url=site_url or None).resolved()
    for option in ("handbooks_dir", "templates_dir"):
        folder = getattr(settings, option)
        if folder is not None and not folder.is_dir():
            raise SettingsProblem(f"{option}: folder {folder} does not exist: create it or change `{option}`")
    return settings
