"""The links between roles and items, indexed once per handbook.

Pages and checks ask "what leads to this outcome?" and "who reports to this
role?" for every role; answering by scanning the handbook each time made a
1,000-role build quadratic. This index is built in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the handbook builds its graph; the graph only reads it
    from rolebook.model.handbook import Handbook, RoleEntry


@dataclass
class Graph:
    # (role ref, outcome id) -> [(role entry, "activity" | "output", item)] that lead to it
    leads_to: dict[tuple[str, str], list[tuple[RoleEntry, str, Any]]] = field(default_factory=lambda: defaultdict(list))
    # role ref -> roles that report to it
    reports: dict[str, list[RoleEntry]] = field(default_factory=lambda: defaultdict(list))


def build_graph(handbook: Handbook) -> Graph:
    graph = Graph()
    for entry in handbook.roles():
        for activity in entry.role.activities:
            for ref in activity.advances:
                graph.leads_to[handbook.item_ref(ref, entry)].append((entry, "activity", activity))
        for output in entry.role.outputs:
            for ref in output.contributes_to:
                graph.leads_to[handbook.item_ref(ref, entry)].append((entry, "output", output))
        if entry.role.reports_to:
            graph.reports[handbook.role_ref(entry.role.reports_to, entry.team)].append(entry)
    return graph
