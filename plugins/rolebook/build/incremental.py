"""Rebuild only what a save changed: the core of `mkdocs serve --dirty` on large handbooks.

A full build of a 1,000-role handbook renders 2,000 pages and builds 1,000
diagrams' DOT (about 4 s); a save changes a handful of them. This keeps the
last build in memory (the serving process lives across rebuilds) and, on the
next one (`build_handbook(..., incremental=builder)`, so an incremental build
does every step a full one does, only less of the drawing and rendering):

- loads the handbook again: the loader parses only files whose bytes changed
  (its parse memo), so a save costs one parse;
- checks it again: the cross-file rules over the whole handbook, the
  one-role rules over the changed roles only (`role_findings`, kept here);
- finds the roles whose model changed, was added or removed, and the teams
  whose `_team.yml` changed;
- re-renders the pages that can show them: their role and onboarding pages,
  the pages of every role that mentions them or that they mention (reports,
  shared outcomes, contacts, item links, owners; unresolved mentions count,
  so adding a role updates the pages that named it), the team pages of all of
  those, the site-wide pages (overview, changes, and any other), and the
  pages of roles whose history (unreleased changes) moved; builds DOT only
  for those pages' diagrams (`dot` runs only for DOT it has not drawn
  before); and re-encodes only changed roles for `roles.json`.

Anything else (options, templates, git state, build date) gives a full build.
With overridden role, onboarding or team templates every save is a full
build too: a site's template may show anything. A test compares the result of
any sequence of saves with a clean build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolebook.build.pipeline import BuildResult

from rolebook.checks import RoleFindings
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.site_plan import Urls, onboarding_src, person_src, plan, role_src, team_src
from rolebook.pages.renderer import TEMPLATE_FOR, Renderer
from rolebook.reports.export import dumps, export, people_entries, role_entry

PER_ROLE_TEMPLATES = tuple(TEMPLATE_FOR[k] for k in ("role", "onboarding", "team"))


@dataclass
class Update:
    """What one build changed, for the plugin's log and MkDocs' dirty mode."""

    full: bool
    rendered: set[str] = field(default_factory=set)  # src_uris rendered this time
    nav_changed: bool = False
    nav_teams: set[str] = field(default_factory=set)  # teams whose section in the nav changed
    teams_changed: bool = False  # a team added, removed, retitled or reordered: every page's nav
    reason: str = ""


@dataclass
class _State:
    settings: str
    handbook: Handbook
    pages: dict[str, str]
    diagrams: dict[str, str]  # src_uri -> diagram HTML
    svgs: dict[str, str]  # file name -> SVG
    history: Any
    renderer_env: Any


class IncrementalBuilder:
    """Holds the last build; `build.build_handbook(..., incremental=this)` uses it.

    Set `settings` (a digest of everything but the role files: options, templates,
    git state, date) before each build; `last_update` says what the build changed.
    """

    def __init__(self) -> None:
        self.settings = ""
        self.state: _State | None = None
        self.exported: dict[str, tuple[Any, Path, str]] = {}  # ref -> (role model, path, its JSON)
        self.last_update: Update | None = None
        self.neighbours: dict[int, tuple[Handbook, dict[str, set[str]]]] = {}  # the last build's, reused by the next
        self.role_findings = RoleFindings()  # the one-role rules' findings of each role, for the next check
        self.mentions = Mentions()  # what each role's file names, for the neighbours of the next build's handbook

    def start(self, handbook: Handbook, templates_dir=None) -> "_Step":
        return _Step(self, handbook, _why_full(self.state, self.settings, templates_dir))

    def build(self, settings, *, key: str, **per_call) -> tuple[BuildResult, Update]:
        """A build_handbook call with this builder (for tests and benchmarks); `key` stands for the settings' digest."""
        from rolebook.build.pipeline import build_handbook

        self.settings = key
        return build_handbook(settings, incremental=self, **per_call), self.last_update

    def _roles_json(self, handbook: Handbook, urls: Urls, emails: bool = False) -> str:
        """`roles.json`, re-encoding only the roles whose model changed (the same bytes as `dumps(export())`)."""
        urls_for = dict(role_url=lambda ref: urls.url(role_src(ref)),
                        onboarding_url=lambda ref: urls.url(onboarding_src(ref)))
        teams = export(Handbook(handbook.root, teams={t: _no_roles(team) for t, team in handbook.teams.items()}),
                       team_url=lambda team_id: urls.url(team_src(team_id)))["teams"]
        memo, fragments = {}, []
        for entry in handbook.roles():
            known = self.exported.get(entry.ref)
            if known is None or known[0] is not entry.role or known[1] != entry.path:
                text = _indented(dumps(role_entry(handbook, entry, **urls_for)).rstrip("\n"), 4)
                known = (entry.role, entry.path, text)
            memo[entry.ref] = known
            fragments.append(known[2])
        self.exported = memo
        people = people_entries(handbook, lambda pid: urls.url(person_src(handbook.people_folder, pid)),
                                emails)
        head = dumps({"teams": teams, "roles": []}).rstrip("\n")
        tail = ',\n  "people": ' + _indented(dumps(people).rstrip("\n"), 2).lstrip() + "\n}\n"
        assert head.endswith('"roles": []\n}')
        if not fragments:
            return head[: -len("\n}")] + tail
        return head[: -len("[]\n}")] + "[\n" + ",\n".join(fragments) + "\n  ]" + tail


class _Step:
    """One build going through the builder: which pages to draw and render, then the new state."""

    def __init__(self, builder: IncrementalBuilder, handbook: Handbook, full_reason: str):
        self.builder = builder
        self.handbook = handbook
        self.previous = None if full_reason else builder.state
        self.reason = full_reason
        self.plan = plan(handbook)
        self.wanted = None if full_reason else affected_pages(self.previous.handbook, handbook, builder.neighbours,
                                                              builder.mentions, self.plan)
        builder.neighbours = {k: v for k, v in builder.neighbours.items() if v[0] is handbook}
        self.diagrams: dict[str, str] = {}
        self.svgs: dict[str, str] = {}

    def all_diagrams(self, fresh: dict[str, str], fresh_svgs: dict[str, str]):
        """This build's diagrams: the fresh ones, and the kept ones of pages not redrawn."""
        if self.previous is not None:
            current = {p.src_uri for p in self.plan}
            diagrams = {s: h for s, h in self.previous.diagrams.items() if s not in self.wanted and s in current}
            diagrams.update(fresh)
            names = {_svg_name(s) for s in diagrams}
            svgs = {n: svg for n, svg in self.previous.svgs.items() if n in names}
            svgs.update(fresh_svgs)
            fresh, fresh_svgs = diagrams, svgs
        self.diagrams, self.svgs = fresh, fresh_svgs
        return fresh, fresh_svgs

    def render(self, renderer: Renderer) -> dict[str, str]:
        previous, history = self.previous, renderer.data.history
        if previous is None:
            pages = renderer.render_all()
            update = Update(full=True, rendered=set(pages), reason=self.reason)
        else:
            renderer.env = previous.renderer_env  # compiled templates kept
            wanted = set(self.wanted) | _history_changes(previous.history, history, self.handbook)
            kept = {s: t for s, t in previous.pages.items() if s not in wanted}
            pages, rendered = {}, set()
            for page in renderer.pages:
                text = kept.get(page.src_uri)
                if text is None:
                    text = renderer.render(page)
                    rendered.add(page.src_uri)
                pages[page.src_uri] = text
            update = Update(full=False, rendered=rendered)
        old = self.builder.state.handbook if self.builder.state else None
        update.nav_teams, update.teams_changed = nav_changes(old, self.handbook)
        update.nav_changed = bool(update.nav_teams) or update.teams_changed
        self.builder.state = _State(self.builder.settings, self.handbook, pages, self.diagrams, self.svgs, history,
                                    renderer.env)
        self.builder.last_update = update
        return pages

    def roles_json(self, urls: Urls, emails: bool = False) -> str:
        return self.builder._roles_json(self.handbook, urls, emails)


def _history_changes(old_history: Any, new_history: Any, handbook: Handbook) -> set[str]:
    """Pages of roles whose history (e.g. the unreleased changes) differs between two builds."""
    if old_history is None and new_history is None:
        return set()
    changed = set()
    for entry in handbook.roles():
        before = old_history.role_changes(entry.ref) if old_history else []
        after = new_history.role_changes(entry.ref) if new_history else []
        if before != after:
            changed |= {role_src(entry.ref), onboarding_src(entry.ref)}
    return changed


def _no_roles(team):
    from dataclasses import replace

    return replace(team, roles={})


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


def _why_full(previous: _State | None, settings: str, templates_dir) -> str:
    if previous is None:
        return "first build"
    if previous.settings != settings:
        return "options, templates, git state or date changed"
    if templates_dir and any((Path(templates_dir) / name).exists() for name in PER_ROLE_TEMPLATES):
        return "role, onboarding or team templates are overridden"
    return ""


def _svg_name(src_uri: str) -> str:
    return src_uri.rsplit("/", 1)[0] + "/diagram.svg"


# -- what changed ---------------------------------------------------------------


def mentions(handbook: Handbook, entry: RoleEntry) -> set[str]:
    """Full refs of every role this role's file names, resolved or not."""
    role = entry.role
    out: set[str] = set()

    def add(ref: str | None) -> None:
        if ref:
            out.add(handbook.role_ref(ref, entry.team))

    add(role.reports_to)
    for outcome in role.outcomes:
        for shared in outcome.shared_with:
            add(shared.role)
        if "/" in (outcome.owner or ""):
            add(outcome.owner)
    for contact in role.onboarding.contacts:
        add(contact.role)
    for activity in role.activities:
        for ref in activity.advances:
            out.add(handbook.item_ref(ref, entry)[0])
    for output in role.outputs:
        for ref in output.contributes_to:
            out.add(handbook.item_ref(ref, entry)[0])
    out.discard(entry.ref)
    return out


class Mentions:
    """`mentions` of each role, kept between builds: a role whose entry has the very model of the
    last build (the loader's parse memo keeps an unchanged file's) and the same ref names the same refs."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[object, set[str]]] = {}  # ref -> (role model, its mentions)
        self._seen: set[str] = set()

    def of(self, handbook: Handbook, entry: RoleEntry) -> set[str]:
        known = self._known.get(entry.ref)
        if known is None or known[0] is not entry.role:
            known = self._known[entry.ref] = (entry.role, mentions(handbook, entry))
        return known[1]

    def forget_others(self, handbook: Handbook) -> None:
        """Drop the roles that are in neither this handbook nor the last one given here."""
        refs = {e.ref for e in handbook.roles()}
        keep = refs | self._seen
        self._known = {ref: known for ref, known in self._known.items() if ref in keep}
        self._seen = refs


def _neighbours(handbook: Handbook, known: Mentions | None = None) -> dict[str, set[str]]:
    """ref -> refs it mentions and refs that mention it (including refs of roles that do not exist)."""
    near: dict[str, set[str]] = {}
    for entry in handbook.roles():
        for ref in (known.of(handbook, entry) if known is not None else mentions(handbook, entry)):
            near.setdefault(entry.ref, set()).add(ref)
            near.setdefault(ref, set()).add(entry.ref)
    return near


def _roles(handbook: Handbook) -> dict[str, RoleEntry]:
    return {e.ref: e for e in handbook.roles()}


def _same_role(a: RoleEntry | None, b: RoleEntry | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.path == b.path and (a.role is b.role or a.role == b.role)


def _same_team(handbook_a: Handbook, handbook_b: Handbook, team_id: str) -> bool:
    a, b = handbook_a.teams.get(team_id), handbook_b.teams.get(team_id)
    if a is None or b is None:
        return False
    return a.meta_path == b.meta_path and (a.meta is b.meta or a.meta == b.meta)


def _neighbours_of(handbook: Handbook, memo: dict | None, known: Mentions | None = None) -> dict[str, set[str]]:
    """`_neighbours`, taken from `memo` (id -> (handbook, neighbours)) when it holds this very handbook."""
    if memo is None:
        return _neighbours(handbook, known)
    found = memo.get(id(handbook))
    if found is None or found[0] is not handbook:
        found = memo[id(handbook)] = (handbook, _neighbours(handbook, known))
    return found[1]


def affected_pages(old: Handbook, new: Handbook, memo: dict | None = None, known: Mentions | None = None,
                   pages: list | None = None) -> set[str]:
    """src_uris whose content may differ between a build of `old` and one of `new` (a superset).

    `memo` keeps each handbook's neighbours between calls: a serve rebuild's new
    handbook is the next rebuild's old one (nothing changes a loaded handbook);
    `known` keeps each role's mentions, so the new handbook's neighbours read
    only the changed roles again; `pages` is `plan(new)` when the caller has it.
    """
    old_roles, new_roles = _roles(old), _roles(new)
    changed = {ref for ref in old_roles.keys() | new_roles.keys() if not _same_role(old_roles.get(ref), new_roles.get(ref))}
    teams = {t for t in old.teams.keys() | new.teams.keys() if not _same_team(old, new, t)}
    for team_id in teams:  # a team's title shows on its roles' pages
        changed |= {ref for ref in old_roles.keys() | new_roles.keys() if ref.partition("/")[0] == team_id}
    near_old, near_new = _neighbours_of(old, memo, known), _neighbours_of(new, memo, known)
    if known is not None:
        known.forget_others(new)
    roles = set(changed)
    for ref in changed:
        roles |= near_old.get(ref, set()) | near_new.get(ref, set())
    teams |= {ref.partition("/")[0] for ref in roles}
    wanted = {src for ref in roles for src in (role_src(ref), onboarding_src(ref))}
    wanted |= {team_src(t) for t in teams}
    # site-wide pages (overview, changes, and any page that is not one role's or team's) always
    site_wide = (p for p in (plan(new) if pages is None else pages) if p.kind not in ("role", "onboarding", "team"))
    wanted |= {p.src_uri for p in site_wide}
    return wanted


def nav_signature(handbook: Handbook) -> tuple[tuple, dict[str, tuple]]:
    """(the teams' order and titles, team id -> its roles as the nav lists them)."""
    teams = tuple((t.id, t.title) for t in handbook.teams_in_order())
    sections = {
        t.id: tuple((e.id, e.role.title, e.role.status == "retired")
                    for e in sorted(t.roles.values(), key=lambda e: (e.role.status == "retired", e.role.title.lower(), e.id)))
        for t in handbook.teams.values()
    }
    return teams, sections


def nav_changes(old: Handbook | None, new: Handbook) -> tuple[set[str], bool]:
    """(teams whose nav section changed, whether the list of teams itself changed)."""
    if old is None:
        return set(), False
    old_teams, old_sections = nav_signature(old)
    new_teams, new_sections = nav_signature(new)
    changed = {t for t in old_sections.keys() | new_sections.keys() if old_sections.get(t) != new_sections.get(t)}
    return changed, old_teams != new_teams
