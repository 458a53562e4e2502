"""The build date: the one "today" that every date-dependent rule, list and page uses.

In order: a date given explicitly (`--today` on the command line, the plugin's
`today` option), else `SOURCE_DATE_EPOCH` (reproducible builds: a release is
built "on" its tag's commit date), else the current date. Everything that
depends on the date (RB113, RB114, "due soon", checklists, the health page)
asks this one function, so the command line and the site never disagree.
The text is read by the one date parser, `build.settings.parse_date`.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping

from rolebook.build.settings import SettingsProblem, parse_date


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
