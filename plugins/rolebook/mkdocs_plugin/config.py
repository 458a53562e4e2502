"""The plugin's options in `mkdocs.yml` (contract, section 5)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class RolebookConfig(Config):
    handbooks_dir = c.Type(str, default="handbooks")
    """Where the role files are, relative to mkdocs.yml."""
    templates_dir = c.Optional(c.Type(str))
    """A folder whose templates override the shipped ones by name."""
    rules = c.Type(dict, default={})
    """Severity overrides, e.g. {RB108: "off"}; an unquoted `off` counts."""
    dot = c.Type(str, default="dot")
    """The Graphviz command."""
    cache_dir = c.Type(str, default=".cache/rolebook")
    """Rendered diagrams, keyed by content, and the generated pages as files (`pages/`)."""
    today = c.Optional(c.Type(str))
    """The build date for "due soon" and checklists (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today."""
    section_title = c.Type(str, default="Handbook")
    """The navigation section that holds the teams."""
    history = c.Type(bool, default=True)
    """Show last-changed dates and release changes from git (nothing outside git)."""
    language = c.Optional(c.Type(str))
    """The language of Rolebook's labels (de, fr, es, pt, nl, en); default: theme.language, else English."""
    labels = c.Type(dict, default={})
    """Replace single labels: {English message: your text}."""
