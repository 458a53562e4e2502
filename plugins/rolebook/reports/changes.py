"""What changed in a handbook, in the framework's terms: roles, outcomes, outputs, activities.

Works on exports (the shape of `roles.json`), so any two sources compare:
git revisions, folders or `roles.json` files. Roles match by ref; a role
whose id is kept but whose team changed has moved; a removed and an added
role whose content is mostly the same were renamed. Items match by id.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from rolebook.i18n import N_, _, active, value
from rolebook.model.format import ITEM_LISTS

ITEM_KINDS = tuple(ITEM_LISTS.items())  # outcomes first, as reviewers read them
LINK_FIELDS = {"contributes_to", "advances", "produces", "shared_with", "expectations", "ignore"}
ROLE_FIELDS = ("title", "summary", "purpose", "status", "reports_to", "holders", "tags", "decision_rights",
               "checklists", "onboarding", "ignore")
IGNORED = {"ref", "id", "team", "url", "onboarding_url", "path"}
RENAME_SIMILARITY = 0.6


@dataclass
class Source:
    """One side of a diff: an export plus the files that could not be read."""

    label: str
    data: dict[str, Any]
    unreadable: list[str] = field(default_factory=list)






def _content(role: dict) -> dict:
    return {k: v for k, v in role.items() if k not in IGNORED}


def _lines(role: dict) -> list[str]:
    return json.dumps(_content(role), sort_keys=True, indent=0).splitlines()


def _similarity(a: list[str], b: list[str]) -> float:
    """How much of two roles' content is the same, line by line; cheap bounds first."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < RENAME_SIMILARITY or matcher.quick_ratio() < RENAME_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _field_changes(old: dict, new: dict, fields) -> list[dict]:
    changes = []
    for name in fields:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list) and name in LINK_FIELDS | {"tags", "decision_rights"}:
            key = (lambda x: json.dumps(x, sort_keys=True))
            gained = [x for x in b if key(x) not in {key(y) for y in a}]
            lost = [x for x in a if key(x) not in {key(y) for y in b}]
            changes.append({"field": name, "gained": gained, "lost": lost})
        elif name == "holders":
            names_a = [h["name"] for h in a or []]
            names_b = [h["name"] for h in b or []]
            changes.append({"field": name, "gained": [n for n in names_b if n not in names_a],
                            "lost": [n for n in names_a if n not in names_b], "old": a, "new": b})
        else:
            changes.append({"field": name, "old": a, "new": b})
    return changes


def _item_changes(old: dict, new: dict) -> list[dict]:
    out = []
    for key, kind in ITEM_KINDS:
        before = {i["id"]: i for i in old.get(key, [])}
        after = {i["id"]: i for i in new.get(key, [])}
        for item_id in after:
            if item_id not in before:
                out.append({"kind": kind, "id": item_id, "change": "added", "title": after[item_id].get("title"),
                            "item": after[item_id]})
        for item_id in before:
            if item_id not in after:
                out.append({"kind": kind, "id": item_id, "change": "removed", "title": before[item_id].get("title")})
        for item_id in before:
            if item_id in after and before[item_id] != after[item_id]:
                fields = [f for f in dict.fromkeys(list(before[item_id]) + list(after[item_id])) if f != "id"]
                out.append({"kind": kind, "id": item_id, "change": "changed", "title": after[item_id].get("title"),
                            "fields": _field_changes(before[item_id], after[item_id], fields)})
    return out


def diff(old: Source, new: Source) -> dict[str, Any]:
    """The changes from `old` to `new`, as plain data (what `--format json` prints)."""
    old_roles = {r["ref"]: r for r in old.data.get("roles", [])}
    new_roles = {r["ref"]: r for r in new.data.get("roles", [])}
    removed = [r for r in old_roles if r not in new_roles]
    added = [r for r in new_roles if r not in old_roles]
    pairs: list[tuple[str, str, str]] = []  # (old ref, new ref, "moved" | "renamed")
    for ref in list(removed):
        role_id = old_roles[ref]["id"]
        moved = [a for a in added if new_roles[a]["id"] == role_id]
        if moved:
            pairs.append((ref, moved[0], "moved"))
            removed.remove(ref)
            added.remove(moved[0])
    old_lines = {r: _lines(old_roles[r]) for r in removed}
    new_lines = {a: _lines(new_roles[a]) for a in added}
    candidates = sorted(((_similarity(old_lines[r], new_lines[a]), r, a) for r in removed for a in added), reverse=True)
    for score, r, a in candidates:
        if score >= RENAME_SIMILARITY and r in removed and a in added:
            pairs.append((r, a, "renamed"))
            removed.remove(r)
            added.remove(a)
    roles: list[dict] = []
    for ref in sorted(added):
        role = new_roles[ref]
        roles.append({"ref": ref, "team": role["team"], "title": role["title"], "change": "added",
                      "items": _item_changes({}, role)})
    for ref in sorted(removed):
        role = old_roles[ref]
        roles.append({"ref": ref, "team": role["team"], "title": role["title"], "change": "removed", "items": []})
    for old_ref, new_ref, how in sorted(pairs):
        a, b = old_roles[old_ref], new_roles[new_ref]
        roles.append({"ref": new_ref, "from": old_ref, "team": b["team"], "title": b["title"], "change": how,
                      "fields": _field_changes(a, b, ROLE_FIELDS), "items": _item_changes(a, b)})
    for ref in sorted(set(old_roles) & set(new_roles)):
        a, b = old_roles[ref], new_roles[ref]
        if _content(a) == _content(b):
            continue
        roles.append({"ref": ref, "team": b["team"], "title": b["title"], "change": "changed",
                      "fields": _field_changes(a, b, ROLE_FIELDS), "items": _item_changes(a, b)})
    roles.sort(key=lambda r: (r["team"], r["ref"]))
    old_teams = {t["id"]: t for t in old.data.get("teams", [])}
    new_teams = {t["id"]: t for t in new.data.get("teams", [])}
    teams = []
    for team_id in sorted(set(old_teams) | set(new_teams)):
        a, b = old_teams.get(team_id), new_teams.get(team_id)
        if a is None or b is None:
            teams.append({"id": team_id, "change": "added" if a is None else "removed", "title": (b or a)["title"]})
        else:
            fields = _field_changes(a, b, ("title", "summary", "lead", "order"))
            if fields:
                teams.append({"id": team_id, "change": "changed", "title": b["title"], "fields": fields})
    counts = {kind: sum(1 for r in roles if r["change"] == kind) for kind in ("added", "removed", "changed", "moved", "renamed")}
    return {"old": old.label, "new": new.label, "teams": teams, "roles": roles, "summary": counts,
            "unreadable": {"old": old.unreadable, "new": new.unreadable}}


# -- Markdown for people ------------------------------------------------------------

# How a role, team or item changed, in the reader's language.
CHANGE_LABELS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed"), "moved": N_("moved"),
                 "renamed": N_("renamed")}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")
_BRACES = {"{": "&#123;", "}": "&#125;"}


def md(text: Any, limit: int = 160) -> str:
    """Role text for a pull-request comment or release notes: escaped, one line, bounded."""
    if text is None or text == [] or text == {}:
        return "*(" + _("none") + ")*"
    if not isinstance(text, str):
        text = json.dumps(text, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    # `{` and `}` as references, not `\{`: a templating plugin (mkdocs-macros) would still see `{%`.
    return _MD_SPECIAL.sub(lambda m: _BRACES.get(m.group(1)) or "\\" + m.group(1), text.replace("&", "&amp;"))


def code(text: Any) -> str:
    """A name from git or the file system (a file name, a ref, an id) as a code span when that is
    safe, else escaped like role text: a backtick in it would end the span and let markup out, and a
    brace would reach a page-templating plugin."""
    text = str(text)
    if (text and len(text) <= 160 and text.isprintable() and text == text.strip()
            and not any(c in text for c in "`{}")):
        return f"`{text}`"  # Markdown writes a code span's `<` and `&` as text
    return md(text)


def _field_line(change: dict) -> str:
    name = change["field"]
    if "gained" in change:
        parts = []
        if change["gained"]:
            parts.append(_("gained {values}").format(values=", ".join(md(x, 80) for x in change["gained"])))
        if change["lost"]:
            parts.append(_("lost {values}").format(values=", ".join(md(x, 80) for x in change["lost"])))
        return f"`{name}`: " + "; ".join(parts or [_("reordered")])
    return f"`{name}`: {md(change.get('old'))} → {md(change.get('new'))}"


def to_markdown(result: dict, heading: str = "##") -> str:
    s = result["summary"]
    lines = [f"{heading} " + _("Handbook changes"), ""]
    if not result["roles"] and not result["teams"]:
        lines.append(_("No role changed."))
    else:
        bits = [f"{n} {_(CHANGE_LABELS[kind])}" for kind, n in s.items() if n]
        lines.append(_("Roles: {counts}.").format(counts=", ".join(bits)))
    for side in ("old", "new"):
        if result["unreadable"][side]:
            lines += ["", "**" + _("Could not be read in {source}:").format(source=md(result[side])) + "** "
                      + ", ".join(code(p) for p in result["unreadable"][side])
                      + " " + _("(run {command}).").format(command="`rolebook check`")]
    for team in result["teams"]:
        lines += ["", "- " + _("Team {id} {change}").format(id=code(team['id']), change=_(CHANGE_LABELS[team['change']])) + (": " + "; ".join(_field_line(f) for f in team.get("fields", [])) if team.get("fields") else "")]
    current_team = None
    for role in result["roles"]:
        if role["team"] != current_team:
            current_team = role["team"]
            lines += ["", f"{heading}# " + _("Team {id}").format(id=code(current_team))]
        how = _(CHANGE_LABELS[role["change"]])
        origin = " " + _("(was {ref})").format(ref=code(role['from'])) if role.get("from") else ""
        lines += ["", f"{heading}## {md(role['title'])} ({code(role['ref'])}): {how}{origin}", ""]
        for change in role.get("fields", []):
            lines.append(f"- {_field_line(change)}")
        for item in sorted(role["items"], key=lambda i: ([kind for _list, kind in ITEM_KINDS].index(i["kind"]), i["id"])):
            label = _("{kind} {change}:").format(kind=value(item['kind']).capitalize(), change=_(CHANGE_LABELS[item['change']]))
            label += f" {code(item['id'])} {md(item.get('title'))}"
            if item["change"] == "added" and item["kind"] == "outcome":
                i = item["item"]
                label += " " + _("(due {due}, owner {owner})").format(due=md(active().date(i.get('due')) or None), owner=md(i.get('owner')))
            lines.append(f"- {label}")
            for change in item.get("fields", []):
                lines.append(f"    - {_field_line(change)}")
    return "\n".join(lines).rstrip() + "\n"
