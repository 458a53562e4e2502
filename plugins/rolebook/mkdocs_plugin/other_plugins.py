"""What the rolebook plugin does because of the site's other plugins and themes.

- Material's tags plugin: when it is on, role tags go to the pages' front matter.
- mkdocs-static-i18n keeps only documentation pages under docs_dir: the handbook's files are
  taken out before it runs and put back after (`StaticI18nFollower`), and each of its language
  builds gets its own lane (`language_folder`).
- git-revision-date-localized on handbook pages: the role file's dates, not the build's.
  A generated page has no file in git, so that plugin would show the build
  time. After it has run on a page (this runs later), a role or onboarding
  page gets the dates of its role file and a team page those of its
  `_team.yml`, computed by the plugin's own `util` (its `git log`, its date
  formats and locale), and written to the same page meta its theme partial reads (`GitDates`).
- Themes that unescape page titles: `safe_title`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

PLUGIN_NAMES = ("git-revision-date-localized",)
VARIABLES = {False: "git_revision_date_localized", True: "git_creation_date_localized"}


def find_plugin(config):
    """The enabled git-revision-date-localized plugin of this site, or None."""
    for name in PLUGIN_NAMES:
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.get("enabled", True) and hasattr(plugin, "util"):
            return plugin
    return None


class GitDates:
    """Handbook pages' date meta from their YAML files' history (see the module docstring)."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.commits: dict[tuple[str, bool], tuple[str, int]] = {}

    def apply(self, page, source: Path) -> None:
        """Set the page's date meta from `source`'s history."""
        plugin, util = self.plugin, self.plugin.util
        locale = getattr(page.file, "locale", None) or page.meta.get("locale") or plugin.config.get("locale") or "en"
        kinds = [False] + ([True] if plugin.config.get("enable_creation_date") else [])
        for first in kinds:
            key = (str(source), first)
            if key not in self.commits:
                self.commits[key] = util.get_git_commit_timestamp(path=str(source), is_first_commit=first)
            commit_hash, timestamp = self.commits[key]
            variable = VARIABLES[first]
            formats = util.get_date_formats_for_timestamp(timestamp, locale=locale, add_spans=True)
            date = formats[plugin.config["type"]]
            if plugin.config["type"] == "timeago":
                date += formats["iso_date"]
            page.meta[variable] = date
            page.meta[f"{variable}_hash"] = commit_hash
            page.meta[f"{variable}_tag"] = util.get_tag_name_for_commit(commit_hash)
            raw = util.get_date_formats_for_timestamp(timestamp, locale=locale, add_spans=False)
            for kind, text in raw.items():
                page.meta[f"{variable}_raw_{kind}"] = text


class OtherPlugins:
    """The site's other plugins as the rolebook plugin needs them, looked up once per configuration."""

    def __init__(self, config) -> None:
        self.tags_in_meta = tags_plugin_enabled(config)
        self.static_i18n = StaticI18nFollower.register(config)  # None without static-i18n
        self.dates: GitDates | bool | None = None  # found at the first page: that plugin sets itself up in on_config

    def git_dates(self, config) -> GitDates | None:
        """The git-revision-date-localized helper, or None when the site does not use that plugin."""
        if self.dates is None:
            found = find_plugin(config)
            self.dates = GitDates(found) if found is not None else False
        return self.dates or None

    def hold_back(self, files: Files) -> Files:
        """With static-i18n, the files Rolebook added wait until it ran (it would drop them, not under docs_dir)."""
        if self.static_i18n is None:
            return files
        return self.static_i18n.hold_back(files)


def tags_plugin_enabled(config) -> bool:
    """Material's tags plugin is in the site (and not switched off): it reads `tags` from front matter."""
    for name in ("material/tags", "tags"):
        plugin = config.plugins.get(name)
        if plugin is not None and type(plugin).__module__.startswith("material."):
            return bool(getattr(plugin, "config", {}).get("enabled", True))
    return False


def _static_i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None or not type(plugin).__module__.startswith("mkdocs_static_i18n"):
        return None
    return plugin


def language_folder(config) -> str:
    """The folder of static-i18n's current language build ("" for the default language or without it)."""
    plugin = _static_i18n(config)
    if plugin is None:
        return ""
    current, default = getattr(plugin, "current_language", None), getattr(plugin, "default_language", None)
    return current if current and current != default else ""


class StaticI18nFollower(BasePlugin):
    """mkdocs-static-i18n keeps only documentation pages under docs_dir; this puts the handbook's back after it ran.

    Registered by the rolebook plugin when static-i18n is in the site. Each
    language build runs every plugin again, so the pages are written in that
    language (static-i18n sets theme.language) and land under its folder.
    """

    NAME = "rolebook/static-i18n"

    def __init__(self) -> None:
        super().__init__()
        self.own_files: list = []  # what static-i18n would drop, added back after it ran

    @classmethod
    def register(cls, config) -> "StaticI18nFollower | None":
        """The follower of this site's static-i18n, registered in its plugins; None without static-i18n."""
        if _static_i18n(config) is None:
            return None
        if cls.NAME not in config.plugins:
            config.plugins[cls.NAME] = cls()
        return config.plugins[cls.NAME]

    def hold_back(self, files: Files) -> Files:
        self.own_files = [f for f in files if getattr(f, "generated_by", None) == "rolebook"]
        return Files([f for f in files if getattr(f, "generated_by", None) != "rolebook"])

    @event_priority(-110)  # static-i18n reconfigures the files at -100
    def on_files(self, files: Files, *, config) -> Files:
        present = {f.src_uri for f in files}
        for file in self.own_files:
            if file.src_uri not in present:
                files.append(file)
        return files


_ANGLE = re.compile(r"&lt;|&gt;|&#0*60;|&#0*62;|&#x0*3c;|&#x0*3e;|<|>", re.IGNORECASE)
_LT = {"&lt;", "<"} | {f"&#{z}60;" for z in ("", "0", "00")} | {f"&#x{z}3c;" for z in ("", "0", "00")}


def safe_title(title: str) -> str:
    """A page title without angle brackets (look-alike quotes instead), for themes that unescape it.

    Material writes `{{ page.title | striptags }}` into `<title>` without
    autoescaping, and `striptags` turns `&lt;` back into `<`: a role titled
    `</title><script>` would become markup.
    """
    return _ANGLE.sub(lambda m: "‹" if m.group(0).lower() in _LT else "›", title)
