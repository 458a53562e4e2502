"""The delivery record (`delivery.json`, built by `history.delivery_record`) as Markdown: the `rolebook record`
output, the health page's section, and the short line and table on role and team pages.

Re-datings and drops stand beside the on-time counts, and rows are in ref order: the record ranks nobody.
"""

from __future__ import annotations

import re
from typing import Callable

from rolebook.i18n import N_, _, active, ngettext
from rolebook.reports.health import md

COLUMNS = (
    ("on_time", N_("On time")),
    ("after_redating", N_("After re-dating")),
    ("late", N_("Late")),
    ("dropped", N_("Dropped")),
    ("open_overdue", N_("Open and overdue")),
    ("missed", N_("Periods missed")),
    ("redatings", N_("Re-datings")),
    ("median_slip_days", N_("Median slip (days)")),
)
UNREADABLE = N_("{file} unreadable at {commit}")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")


def _code(text: str) -> str:
    """A file name or commit as a code span: no backtick or line break can end it early."""
    return "`" + " ".join(str(text).replace("`", "'").split())[:200] + "`"


def header() -> list[str]:
    return ["| " + " | ".join([""] + [_(label) for _key, label in COLUMNS]) + " |",
            "|---|" + "--:|" * len(COLUMNS)]


def row(name: str, counts: dict) -> str:
    cells = ["–" if counts.get(key) is None else f"{counts[key]:g}" if isinstance(counts[key], float)
             else str(counts[key]) for key, _label in COLUMNS]
    return "| " + " | ".join([name, *cells]) + " |"


def summary_line(counts: dict) -> str:
    """One sentence for a role or team page: done on time out of done, re-datings and drops beside it."""
    done = counts["on_time"] + counts["after_redating"] + counts["late"]
    return _("Delivered {on_time} of {done} on time, {redated} after re-dating; {redatings} re-dated, "
             "{dropped} dropped, {overdue} open and overdue.").format(
        on_time=counts["on_time"], done=done, redated=counts["after_redating"], redatings=counts["redatings"],
        dropped=counts["dropped"], overdue=counts["open_overdue"])


def to_markdown(data: dict, link: Callable[[str], str | None] | None = None, heading: str = "#") -> str:
    """The whole record: totals, per quarter, per team, per role; the files unreadable at a commit.

    `link(ref)`: a role page's URL, or None for a role the site has no page for (plain text)."""

    def role_name(ref: str) -> str:
        target = link(ref) if link else None
        return f"[{md(ref)}]({target})" if target else md(ref)

    lines = [f"{heading} " + _("Delivery record"), ""]
    if not data.get("available"):
        return "\n".join(lines + [f"*{md(data.get('note', ''), 400)}*"]) + "\n"
    lines += [summary_line(data["totals"]), ""]
    def quarter(key: str) -> str:  # "2026-Q2", in the reader's words where the messages write dates so
        return md(active().date(key)) if _QUARTER.fullmatch(key) else md(key)

    for title, groups, name in ((_("By quarter of the first due date"), data["quarters"], quarter),
                                (_("By team"), data["teams"], md),
                                (_("By role"), {k: v["counts"] for k, v in data["roles"].items()},
                                 role_name)):
        lines += [f"{heading}# {title}", ""] + header()
        lines += [row(name(key), counts) for key, counts in groups.items()] + [""]
    if data["unreadable"]:
        lines += [f"{heading}# " + _("Not counted"), ""]
        lines += ["- " + _(UNREADABLE).format(file=_code(u["file"]), commit=_code(u["commit"]))
                  for u in data["unreadable"]]
        lines.append("")
    return "\n".join(lines)


def role_table(data: dict, ref: str) -> str:
    """The role page's part: the short line, then one row per outcome (its due dates and verdict)."""
    if not data.get("available") or ref not in data["roles"]:
        return ""
    role = data["roles"][ref]
    lines = [summary_line(role["counts"]), "",
             "| " + " | ".join([_("Outcome"), _("First due"), _("Due"), _("Re-dated"), _("Result")]) + " |",
             "|---|---|---|--:|---|"]
    for o in role["outcomes"]:
        result = ", ".join(_(VERDICT_LABELS[v["verdict"]]) for v in o["verdicts"][-3:]) or "–"
        moved = ngettext("{n} time", "{n} times", len(o["redatings"])).format(n=len(o["redatings"]))
        first, due = (md(active().date(o[key])) if o[key] else "–" for key in ("first_due", "due"))
        lines.append(f"| {md(o['title'])} | {first} | {due} | {moved} | {result} |")
    return "\n".join(lines) + "\n"


VERDICT_LABELS = {
    "on_time": N_("on time"), "after_redating": N_("on time after re-dating"), "late": N_("done late"),
    "done_undated": N_("done (no due date)"), "dropped": N_("dropped"), "removed": N_("removed"),
    "open_overdue": N_("open and overdue"), "open": N_("open"), "missed": N_("period missed"),
}
