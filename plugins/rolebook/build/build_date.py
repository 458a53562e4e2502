"""The build date: the one "today" that every date-dependent rule, list and page uses.

In order: a date given explicitly (`--today` on the command line, the plugin's
`today` option), else `SOURCE_DATE_EPOCH` (reproducible builds: a release is
built "on" its tag's commit date), else the current date. Everything that
depends on the date (RB113, RB114, "due soon", checklists, the health page)
asks this one function, so the command line and the site never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping


class BuildDateError(ValueError):
    """A build date that cannot be read; the message says what to write."""


def parse_date(value: object, where: str = "--today") -> dt.date:
    """A YYYY-MM-DD text (or a YAML date) as a date; BuildDateError naming `where` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BuildDateError(f"{where} {value!r}: write a date as YYYY-MM-DD, e.g. 2026-11-20")


def build_date(explicit: object = None, environ: Mapping[str, str] | None = None) -> dt.date:
    """`explicit` if given, else SOURCE_DATE_EPOCH (UTC), else today's date."""
    if explicit not in (None, ""):
        return parse_date(explicit)
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise BuildDateError(
                f"SOURCE_DATE_EPOCH {epoch!r}: set it to whole seconds since 1970-01-01 UTC "
                "(e.g. `git log -1 --format=%ct`), or unset it"
            ) from None
    return dt.date.today()
