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
from typing import Any, Callable

from rolebook.i18n import N_, _, active, value
from rolebook.model.format import ITEM_LISTS, due_end
from rolebook.text.log_line import one_line

ITEM_KINDS = tuple(ITEM_LISTS.items())  # outcomes first, as reviewers read them
LINK_FIELDS = {"contributes_to", "advances", "produces", "shared_with", "expectations", "ignore"}
ROLE_FIELDS = ("title", "summary", "purpose", "status", "reports_to", "holders", "tags", "decision_rights",
               "checklists", "onboarding", "ignore")
IGNORED = {"ref", "id", "team", "url", "onboarding_url", "path"}
NESTED_LISTS = {"checklists", "onboarding"}  # fields that are a mapping of lists: compared list by list
RENAME_SIMILARITY = 0.6


@dataclass
class Source:
    """One side of a diff: an export plus the files that could not be read."""

    label: str
    data: dict[str, Any]
    unreadable: list[str] = field(default_factory=list)






def _content(role: dict) -> dict:
    return {k: v for k, v in role.items() if k not in IGNORED}


def _same_due(a: Any, b: Any) -> bool:
    """`2027-Q2` and `2027-06-30` are the same day: a quarter is due on its last day."""
    if a == b:
        return True
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    try:
        return due_end(a) == due_end(b)
    except (ValueError, IndexError):
        return False


def _comparable(value: Any) -> Any:
    """`value` with every `due` written as the day it ends, so equal dates written differently compare equal."""
    if isinstance(value, dict):
        out = {k: _comparable(v) for k, v in value.items()}
        due = value.get("due")
        if isinstance(due, str):
            try:
                end = due_end(due)
            except (ValueError, IndexError):
                end = None
            if end is not None:
                out["due"] = end.isoformat()
        return out
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


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
        if a == b or (name == "due" and _same_due(a, b)):
            continue
        if isinstance(a, dict) and isinstance(b, dict) and name in NESTED_LISTS:
            # Checklists and onboarding: each list its own change, items added and removed.
            changes += _field_changes({f"{name}.{k}": v for k, v in a.items()},
                                      {f"{name}.{k}": v for k, v in b.items()},
                                      [f"{name}.{k}" for k in dict.fromkeys(list(a) + list(b))])
            continue
        if isinstance(a, list) and isinstance(b, list) and (name in LINK_FIELDS | {"tags", "decision_rights"}
                                                            or name.split(".")[0] in NESTED_LISTS):
            key = (lambda x: json.dumps(x, sort_keys=True))
            gained = [x for x in b if key(x) not in {key(y) for y in a}]
            lost = [x for x in a if key(x) not in {key(y) for y in b}]
            changes.append({"field": name, "gained": gained, "lost": lost})
        elif name == "holders":
            names_a = [_holder_name(h) for h in a or []]
            names_b = [_holder_name(h) for h in b or []]
            changes.append({"field": name, "gained": [n for n in names_b if n not in names_a],
                            "lost": [n for n in names_a if n not in names_b], "old": a, "new": b})
        else:
            changes.append({"field": name, "old": a, "new": b})
    return changes


def _holder_name(holder: Any) -> str:
    """A holder's name as the export has it (a `person:` id when the holder names only that)."""
    if isinstance(holder, dict):
        return str(holder.get("name") or holder.get("person") or "")
    return str(holder)


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
            if item_id in after and before[item_id] != after[item_id] and (
                    _comparable(before[item_id]) != _comparable(after[item_id])):
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
        content_a, content_b = _content(a), _content(b)
        if content_a == content_b or _comparable(content_a) == _comparable(content_b):  # the cheap test first
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
    team_titles = {t["id"]: t.get("title") or t["id"] for t in list(old_teams.values()) + list(new_teams.values())}
    for role in roles:
        role["team_title"] = team_titles.get(role["team"], role["team"])
    # What a reader sees for a ref (reports_to, owner, lead, contacts): the role's title, newest first.
    titles = {ref: r.get("title") or ref for ref, r in {**old_roles, **new_roles}.items()}
    return {"old": old.label, "new": new.label, "teams": teams, "roles": roles, "summary": counts,
            "unreadable": {"old": old.unreadable, "new": new.unreadable}, "titles": titles, "team_titles": team_titles}


# -- words for people: Markdown (pull requests, release notes, the site) and plain text (a terminal) ----

# The name of the changes after the newest release tag (`history.releases.Release.tag`).
UNRELEASED = N_("Unreleased")

# How a role, team or item changed, in the reader's language.
CHANGE_LABELS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed"), "moved": N_("moved"),
                 "renamed": N_("renamed")}

# What a field is called for a reader (the change says the field's name in words, never its YAML key).
FIELD_LABELS = {
    "title": N_("title"), "summary": N_("summary"), "purpose": N_("purpose"), "status": N_("status"),
    "reports_to": N_("reports to"), "holders": N_("holders"), "tags": N_("tags"),
    "decision_rights": N_("decision rights"), "ignore": N_("silenced rules"), "reviewed": N_("last review"),
    "done_when": N_("done when"), "due": N_("due date"), "owner": N_("owner"), "shared_with": N_("shared with"),
    "expectations": N_("expectations"), "notes": N_("notes"), "contributes_to": N_("contributes to"),
    "advances": N_("advances"), "produces": N_("produces"), "location": N_("location"), "kind": N_("kind"),
    "cadence": N_("cadence"), "time_share": N_("time share"), "category": N_("category"), "lead": N_("lead"),
    "order": N_("order in the navigation"), "checklists": N_("checklists"), "onboarding": N_("onboarding"),
    "checklists.daily": N_("daily checklist"), "checklists.weekly": N_("weekly checklist"),
    "checklists.monthly": N_("monthly checklist"), "checklists.quarterly": N_("quarterly checklist"),
    "onboarding.contacts": N_("people to meet"), "onboarding.first_week": N_("first week"),
    "onboarding.first_30_days": N_("first 30 days"), "onboarding.first_90_days": N_("first 90 days"),
}
REF_FIELDS = {"reports_to", "owner", "lead"}  # values that may be role refs: shown as the role's title
VALUE_FIELDS = {"status", "kind", "cadence"}  # values of the format: shown in the reader's language

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


def field_label(name: str) -> str:
    """A field's name in words, in the reader's language (unknown fields as written)."""
    label = FIELD_LABELS.get(name)
    return _(label) if label else name


def code(text: Any) -> str:
    """A name from git or the file system (a file name, a ref, an id) as a code span when that is
    safe, else escaped like role text: a backtick in it would end the span and let markup out, and a
    brace would reach a page-templating plugin."""
    text = str(text)
    if (text and len(text) <= 160 and text.isprintable() and text == text.strip()
            and not any(c in text for c in "`{}")):
        return f"`{text}`"  # Markdown writes a code span's `<` and `&` as text
    return md(text)


Link = Callable[[str, "str | None"], "str | None"]


class _Words:
    """One way of writing a diff for people: Markdown (escaped, role names linked) or plain text (a terminal)."""

    def __init__(self, result: dict, markdown: bool, link: Link | None):
        self.markdown = markdown
        self.link = link
        self.titles = result.get("titles", {})

    def text(self, value: Any, limit: int = 160) -> str:
        """Role text: escaped for Markdown, or one bounded line for a terminal."""
        if self.markdown:
            return md(value, limit)
        if value is None or value == [] or value == {}:
            return "(" + _("none") + ")"
        if not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        value = " ".join(value.split())
        return one_line(value if len(value) <= limit else value[: limit - 1] + "…")

    def code(self, value: str) -> str:
        """A name from git or the file system: a safe code span (see `code`), or one line on a terminal."""
        return code(value) if self.markdown else self.text(value, 100)

    def strong(self, value: str) -> str:
        return f"**{value}**" if self.markdown else value

    def heading(self, level: str, words: str) -> str:
        return f"{level} {words}" if self.markdown else words

    def role(self, ref: str, title: str | None = None, anchor: str | None = None, label: str | None = None) -> str:
        """A role (or one of its items, `anchor`) by its title, linked where the reader can follow it."""
        shown = self.text(label if label is not None else (title or self.titles.get(ref) or ref), 120)
        target = self.link(ref, anchor) if (self.markdown and self.link) else None
        return f"[{shown}]({target})" if target else shown

    def ref(self, value: Any) -> str:
        """A value that may be a role ref (`team/role`): the role's title, else the value as written."""
        if isinstance(value, str) and value in self.titles:
            return self.role(value)
        return self.text(value, 100)

    def value(self, field: str, raw: Any) -> str:
        """A field's value for a reader: dates by Babel, statuses translated, refs as titles, text escaped."""
        if raw is None or raw == "":
            return self.text(None)
        if field == "due":
            return self.text(active().date(str(raw)), 60)
        if field in VALUE_FIELDS and isinstance(raw, str):
            return self.text(value(raw), 60)
        if field in REF_FIELDS:
            return self.ref(raw)
        if field == "time_share" and isinstance(raw, (int, float)):
            return self.text(active().percent(raw), 20)
        return self.text(raw)

    def entry(self, field: str, item: Any) -> str:
        """One element of a list field: a contact or shared part as its role and why, anything else as text."""
        if isinstance(item, dict) and "role" in item:
            why = item.get("why") or item.get("part")
            return self.ref(item["role"]) + (f" ({self.text(why, 80)})" if why else "")
        if field in {"contributes_to", "advances"} and isinstance(item, str) and "#" in item:
            role_ref, _hash, item_id = item.partition("#")
            if role_ref in self.titles:
                return self.role(role_ref, anchor=f"outcome-{item_id}", label=f"{self.titles[role_ref]}: {item_id}")
        return self.text(item, 80)

    def field_line(self, change: dict) -> str:
        name = change["field"]
        label = field_label(name)
        if name == "holders":
            parts = []
            if change.get("gained"):
                parts.append(_("{names} joined").format(names=", ".join(self.text(n, 80) for n in change["gained"])))
            if change.get("lost"):
                parts.append(_("{names} left").format(names=", ".join(self.text(n, 80) for n in change["lost"])))
            return "; ".join(parts) or _("{field} changed").format(field=label)
        if "gained" in change:
            parts = []
            if change["gained"]:
                parts.append(_("added {values}").format(values=", ".join(self.entry(name, x) for x in change["gained"])))
            if change["lost"]:
                parts.append(_("removed {values}").format(values=", ".join(self.entry(name, x) for x in change["lost"])))
            return _("{field}: {changes}").format(field=label, changes="; ".join(parts or [_("reordered")]))
        old, new = change.get("old"), change.get("new")
        if name == "due" and old and new:
            return _("due date moved from {old} to {new}").format(old=self.value(name, old), new=self.value(name, new))
        if old is None or old == "" or old == []:
            return _("{field} set to {new}").format(field=label, new=self.value(name, new))
        if new is None or new == "" or new == []:
            return _("{field} removed (was {old})").format(field=label, old=self.value(name, old))
        return _("{field} changed from {old} to {new}").format(field=label, old=self.value(name, old),
                                                              new=self.value(name, new))


def to_markdown(result: dict, heading: str = "##", link: Link | None = None) -> str:
    """The diff as Markdown: titles not ids, changes in words, dates in the reader's language.

    `link(ref, anchor)` gives a link target for a role page (None: the role is not linked).
    """
    return _write(result, _Words(result, True, link), heading)


def to_text(result: dict) -> str:
    """The diff as plain text for a terminal: the same words, no Markdown."""
    return _write(result, _Words(result, False, None), "")


def _origin(result: dict, role: dict, w: _Words) -> str:
    """Where a moved or renamed role came from: its old team, its old title, or (same title) its old ref."""
    old_ref = role["from"]
    if role["change"] == "moved":
        team = old_ref.split("/", 1)[0]
        return _("(was in team {team})").format(team=w.text(result.get("team_titles", {}).get(team) or team, 100))
    old_title = result.get("titles", {}).get(old_ref)
    if old_title and old_title != role["title"]:
        return _("(was {ref})").format(ref=w.text(old_title, 100))
    return _("(was {ref})").format(ref=w.code(old_ref))


def _write(result: dict, w: _Words, heading: str) -> str:
    s = result["summary"]
    lines = [w.heading(heading, _("Handbook changes")), ""]
    if not result["roles"] and not result["teams"]:
        lines.append(_("No role changed."))
    else:
        bits = [f"{n} {_(CHANGE_LABELS[kind])}" for kind, n in s.items() if n]
        lines.append(_("Roles: {counts}.").format(counts=", ".join(bits)))
    for side in ("old", "new"):
        if result["unreadable"][side]:
            lines += ["", w.strong(_("Could not be read in {source}:").format(source=w.text(result[side]))) + " "
                      + ", ".join(w.code(p) for p in result["unreadable"][side])
                      + " " + _("(run {command}).").format(command=w.code("rolebook check"))]
    for team in result["teams"]:
        words = _("Team {id} {change}").format(id=w.text(team.get("title") or team["id"], 100),
                                                change=_(CHANGE_LABELS[team["change"]]))
        fields = "; ".join(w.field_line(f) for f in team.get("fields", []))
        lines += ["", "- " + words + (": " + fields if fields else "")]
    current_team = None
    for role in result["roles"]:
        if role["team"] != current_team:
            current_team = role["team"]
            lines += ["", w.heading(heading + "#", _("Team {id}").format(id=w.text(role.get("team_title") or current_team, 100)))]
        how = _(CHANGE_LABELS[role["change"]])
        origin = " " + _origin(result, role, w) if role.get("from") else ""
        linked = w.role(role["ref"], role["title"]) if role["change"] != "removed" else w.text(role["title"], 120)
        lines += ["", w.heading(heading + "##", f"{linked}: {how}{origin}"), ""]
        for change in role.get("fields", []):
            lines.append(f"- {w.field_line(change)}")
        kinds = [kind for _list, kind in ITEM_KINDS]
        for item in sorted(role["items"], key=lambda i: (kinds.index(i["kind"]), i["id"])):
            label = _("{kind} {change}:").format(kind=value(item["kind"]).capitalize(), change=_(CHANGE_LABELS[item["change"]]))
            title = item.get("title") or item["id"]
            if item["change"] == "removed" or role["change"] == "removed":
                label += " " + w.text(title, 120)
            else:
                label += " " + w.role(role["ref"], anchor=f"{item['kind']}-{item['id']}", label=title)
            if item["change"] == "added" and item["kind"] == "outcome":
                i = item["item"]
                label += " " + _("(due {due}, owner {owner})").format(due=w.value("due", i.get("due")),
                                                                      owner=w.value("owner", i.get("owner")))
            lines.append(f"- {label}")
            for change in item.get("fields", []):
                lines.append(f"    - {w.field_line(change)}")
    return "\n".join(lines).rstrip() + "\n"
