"""The loaded handbook: teams, roles and how references between them resolve."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rolebook.model.findings import Finding
from rolebook.model.format import Role, Team
from rolebook.model.graph import build_graph
from rolebook.model.people import Person
from rolebook.model.positions import Document


@dataclass
class RoleEntry:
    """A role as read from its file, with where it came from."""

    team: str
    id: str
    path: Path
    role: Role
    doc: Document

    @property
    def ref(self) -> str:
        return f"{self.team}/{self.id}"

    def item_ids(self, kind: str) -> set[str]:
        return {i.id for i in self.role.items_of(kind)}


@dataclass
class TeamEntry:
    id: str
    path: Path
    meta: Team | None = None
    meta_doc: Document | None = None
    meta_path: Path | None = None
    roles: dict[str, RoleEntry] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.meta.title if self.meta else self.id.replace("-", " ").title()

    @property
    def summary(self) -> str:
        return self.meta.summary if self.meta else ""

    @property
    def order(self) -> int | None:
        return self.meta.order if self.meta else None


@dataclass
class Handbook:
    """Everything read from one handbooks folder.

    `findings` holds what loading found (RB001, RB002, RB003 for files);
    `unreadable` names the role files that could not become models, so no
    caller can mistake a broken role for a missing one.

    `people` is `_people.yml` by id (`people_path`, `people_doc`: where it was
    read from) or, without that file (`people_path` None), the holders' names
    (`rolebook.model.people.derived_people`).
    """

    root: Path
    teams: dict[str, TeamEntry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    people_path: Path | None = None
    people_doc: Document | None = None
    # Every person read, with their index under `people:` (duplicates too: RB121 names them).
    people_listed: list[tuple[int, Person]] = field(default_factory=list)
    # Where the person pages go (the site option `people_folder`): set by the build that plans them.
    people_folder: str = "people"
    _graph: object = field(default=None, repr=False, compare=False)

    @property
    def has_person_pages(self) -> bool:
        """Person pages are made for a handbook that lists its people, unless a team holds their folder."""
        return self.people_path is not None and bool(self.people) and self.people_folder not in self.teams

    def roles(self):
        """Every role, sorted by team id then role id."""
        for team_id in sorted(self.teams):
            team = self.teams[team_id]
            for role_id in sorted(team.roles):
                yield team.roles[role_id]

    def role(self, ref: str) -> RoleEntry | None:
        team_id, _, role_id = ref.partition("/")
        team = self.teams.get(team_id)
        return team.roles.get(role_id) if team else None

    def teams_in_order(self) -> list[TeamEntry]:
        """Teams by `order` (unordered last), then title: the navigation order."""
        return sorted(
            self.teams.values(),
            key=lambda t: (t.order is None, t.order if t.order is not None else 0, t.title.lower(), t.id),
        )

    # -- references -----------------------------------------------------

    @staticmethod
    def role_ref(ref: str, team: str) -> str:
        """`role` inside a team, or `team/role`, as a full `team/role` ref."""
        return ref if "/" in ref else f"{team}/{ref}"

    @staticmethod
    def item_ref(ref: str, role: RoleEntry) -> tuple[str, str]:
        """An item ref as (full role ref, item id); a plain id is the same role's."""
        if "#" not in ref:
            return role.ref, ref
        role_part, _, item = ref.partition("#")
        return Handbook.role_ref(role_part, role.team), item

    def resolve_item(self, ref: str, role: RoleEntry, kind: str) -> tuple[RoleEntry | None, str]:
        role_ref, item = self.item_ref(ref, role)
        target = self.role(role_ref)
        if target is None or item not in target.item_ids(kind):
            return None, item
        return target, item

    @property
    def graph(self):
        """The link index (what leads to each outcome, who reports to whom), built once."""
        if self._graph is None:
            self._graph = build_graph(self)
        return self._graph

    def direct_reports(self, ref: str) -> list[RoleEntry]:
        return list(self.graph.reports.get(ref, ()))
