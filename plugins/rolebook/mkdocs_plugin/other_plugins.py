"""git-revision-date-localized on handbook pages: the role file's dates, not the build's.

A generated page has no file in git, so that plugin would show the build
time. After it has run on a page (this runs later), a role or onboarding
page gets the dates of its role file and a team page those of its
`_team.yml`, computed by the plugin's own `util` (its `git log`, its date
formats and locale), and written to the same page meta its theme partial reads.
"""

from __future__ import annotations

from pathlib import Path

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
