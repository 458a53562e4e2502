"""What the commands share: the site file, the `-f` and `--language` options, colour, writing files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from rolebook.errors import UsageError

# `-f/--config-file` (and the older `--config`) on every command that reads the site's options.
config_file_option = click.option("-f", "--config-file", "--config", "config", metavar="FILE", help="Site config to read "
                                  "the rolebook options from [default: mkdocs.yml or properdocs.yml here; INHERIT followed].")


# `--language` on the commands that print findings and reports.
language_option = click.option("--language", metavar="LANG", help="Language of the messages, e.g. de [default: the "
                               "site's `language`, else its theme.language, else English].")


def site_of(config: str | None):
    """The site file read by MkDocs' own loader, its rolebook options by the plugin's own config class."""
    from rolebook.build.site_file import read_site_file  # settings checked before any handbook file is read
    from rolebook.mkdocs_plugin.site_reader import check_options, read_config
    return read_site_file(config, load=read_config, check=check_options)


# --format text on a terminal: the severity in its colour, the place in bold (click strips styles
# when the output is not a terminal). NO_COLOR (no-color.org) turns colour off, FORCE_COLOR on even
# into a pipe; NO_COLOR wins when both are set.
_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_FINDING_LINE = re.compile(r"^(?P<place>.+?:\d+:\d+:) (?P<severity>error|warning|info) (?P<code>RB\d+) ")


def colour() -> bool | None:
    """click's `color=`: False (NO_COLOR), True (FORCE_COLOR) or None (colour only on a terminal)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def styled(line: str) -> str:
    match = _FINDING_LINE.match(line)
    if not match:
        return line
    colour = _SEVERITY_COLOURS[match["severity"]]
    return (click.style(match["place"], bold=True) + " " + click.style(match["severity"], fg=colour, bold=True)
            + " " + click.style(match["code"], fg=colour) + " " + line[match.end():])


def one_shot() -> bool:  # whether this command owns its process (see `rolebook.cli.Commands`)
    return bool((click.get_current_context().obj or {}).get("one_shot"))


def write_or_fail(where: str, write):
    """`write()`'s result, or a UsageError naming what cannot be written."""
    try:
        return write()
    except OSError as exc:
        raise UsageError(f"{exc.filename or where}: cannot write: {exc.strerror}") from None


def write_text(path: str, text: str) -> list[Path]:
    Path(path).write_text(text, encoding="utf-8")
    return [Path(path)]
