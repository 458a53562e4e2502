"""The example handbook: believable, complete, clean. It is the newcomer's first view and our test data."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from rolebook.checks import check
from rolebook.loading.loader import load_handbook
from rolebook.model.format import Activity, Outcome, Output, Role, Team
from support.handbooks import EXAMPLE


def test_zero_findings_of_any_severity():
    hb = load_handbook(EXAMPLE)
    assert check(hb) == []
    assert hb.unreadable == []


def test_size():
    hb = load_handbook(EXAMPLE)
    assert len(hb.teams) >= 3
    assert len(list(hb.roles())) >= 12
    assert hb.role("engineering/cto") is not None


def _fields_used(obj, prefix, used):
    if isinstance(obj, BaseModel):
        for name in obj.model_fields_set:
            used.add(f"{prefix}{name}")
            _fields_used(getattr(obj, name), f"{prefix}{name}.", used)
    elif isinstance(obj, list):
        for item in obj:
            _fields_used(item, prefix, used)


def _all_fields(model, prefix=""):
    out = set()
    for name, info in model.model_fields.items():
        out.add(f"{prefix}{name}")
        for arg in typing.get_args(info.annotation) or (info.annotation,):
            inner = typing.get_args(arg) or (arg,)
            for t in inner:
                if isinstance(t, type) and issubclass(t, BaseModel):
                    out |= _all_fields(t, f"{prefix}{name}.")
    return out


def test_every_field_of_the_format_is_used():
    hb = load_handbook(EXAMPLE)
    used: set[str] = set()
    for entry in hb.roles():
        _fields_used(entry.role, "", used)
    missing = _all_fields(Role) - used
    assert not missing, f"the example handbook never uses: {sorted(missing)}"
    team_used: set[str] = set()
    for team in hb.teams.values():
        _fields_used(team.meta, "", team_used)
    assert _all_fields(Team) - team_used == set()


def test_every_enumerated_value_is_used():
    hb = load_handbook(EXAMPLE)
    roles = [e.role for e in hb.roles()]
    items = {"outcome": [], "output": [], "activity": []}
    for role in roles:
        for kind, item in role.items():
            items[kind].append(item)

    def values(model, field):
        return set(typing.get_args(model.model_fields[field].annotation))

    assert {r.status for r in roles} == values(Role, "status")
    assert {o.status for o in items["outcome"]} == values(Outcome, "status")
    assert {o.kind for o in items["output"]} == values(Output, "kind")
    assert {a.category for a in items["activity"]} == values(Activity, "category")
    assert {a.cadence for a in items["activity"]} == values(Activity, "cadence")
    dues = {o.due for o in items["outcome"] if o.due}
    assert any("Q" in d for d in dues) and any("Q" not in d for d in dues)
    locations = [o.location for o in items["output"] if o.location]
    assert any(l.startswith("mailto:") for l in locations) and any("://" not in l and ":" not in l for l in locations)
    assert any("#" in ref for o in items["output"] for ref in o.contributes_to)
    assert any("/" in o.owner for o in items["outcome"])


def test_outcomes_are_owned_by_people_and_expectations_kept_apart():
    hb = load_handbook(EXAMPLE)
    outcomes = [o for e in hb.roles() for o in e.role.outcomes]
    assert sum(1 for o in outcomes if o.expectations) >= 5
    assert sum(1 for o in outcomes if o.shared_with) >= 5
