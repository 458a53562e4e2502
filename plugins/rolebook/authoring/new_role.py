"""`rolebook new`: a role file a new editor can fill in.

The file is a draft with every field present or explained in a comment, so it
passes the checker with only what a blank role must say (it is vacant). A bad
`TEAM/ROLE-ID`, a role that exists, a folder that cannot be written: each is a
UsageError that says what to do, with the checker's own words for a bad id.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from rolebook.errors import UsageError
from rolebook.model.ids import role_id_problem, team_id_problem

SCHEMA_HINT = "../../plugins/rolebook/role.schema.json"
# Where `rolebook init` puts the editor schemas, relative to the site config;
# `rolebook new` points role files there unless the site publishes them (site_url).
SCHEMA_FOLDER = "schemas"
SUMMARY_PLACEHOLDER = "Say in one sentence what the {title} is for."
TEAM_SUMMARY_PLACEHOLDER = "Say in one sentence what the {title} team does."
PURPOSE_PLACEHOLDER = "Why the role exists: the need it meets for the organisation."


def schema_reference(name: str, target_folder: Path, schema_folder: Path, site_url: str | None) -> str:
    """What a modeline should point at: the published schema under site_url, else the repository's copy."""
    if site_url:
        return site_url.rstrip("/") + "/" + name
    return Path(os.path.relpath(schema_folder / name, target_folder)).as_posix()


def parse_ref(ref: str) -> tuple[str, str]:
    """`TEAM/ROLE-ID` as (team, role id), or a UsageError saying what to write."""
    team, sep, role_id = ref.partition("/")
    if not sep or not team or not role_id or "/" in role_id:
        raise UsageError(f"{ref}: write TEAM/ROLE-ID, e.g. engineering/staff-engineer")
    problem = team_id_problem(team) or role_id_problem(role_id)
    if problem:
        raise UsageError(f"{ref}: {problem}")
    return team, role_id


def write_new_role(handbooks: Path, team: str, role_id: str, title: str | None, schema_folder: Path,
                   site_url: str | None) -> list[Path]:
    """Write `<team>/<role_id>.yml` (and the team's `_team.yml`, and the schemas when the
    modelines point at the repository's copy and it has none yet); return the paths written."""
    target = handbooks / team / f"{role_id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        raise UsageError(f"{target}: the role already exists; edit it instead")
    try:
        return _write_new_role(handbooks, team, role_id, title, schema_folder, site_url)
    except OSError as exc:
        raise UsageError(f"{exc.filename or handbooks}: cannot write: {exc.strerror}") from None


def _write_new_role(handbooks: Path, team: str, role_id: str, title: str | None, schema_folder: Path,
                    site_url: str | None) -> list[Path]:
    from rolebook.model.schema import write_schemas

    written: list[Path] = []
    if not site_url and not (schema_folder / "role.schema.json").is_file():
        written += write_schemas(schema_folder)
    folder = handbooks / team
    folder.mkdir(parents=True, exist_ok=True)
    if not any((folder / name).exists() for name in ("_team.yml", "_team.yaml")):
        team_file = folder / "_team.yml"
        schema = schema_reference("team.schema.json", folder, schema_folder, site_url)
        team_file.write_text(new_team(team.replace("-", " ").title(), schema), encoding="utf-8")
        written.append(team_file)
    target = folder / f"{role_id}.yml"
    schema = schema_reference("role.schema.json", folder, schema_folder, site_url)
    with target.open("x", encoding="utf-8") as handle:  # never overwrite a role
        handle.write(new_role(title or role_id.replace("-", " ").title(), schema=schema))
    written.append(target)
    return written


def new_team(title: str, schema: str) -> str:
    quoted = json.dumps(title, ensure_ascii=False)
    summary = json.dumps(TEAM_SUMMARY_PLACEHOLDER.format(title=title), ensure_ascii=False)
    return f"""\
# yaml-language-server: $schema={schema}
title: {quoted}
summary: {summary}
# lead: <role-id>        # the role that leads the team
# order: 10              # navigation order, lower first
"""


def new_role(title: str, schema: str = SCHEMA_HINT) -> str:
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    summary = json.dumps(SUMMARY_PLACEHOLDER.format(title=title), ensure_ascii=False)
    return f"""\
# yaml-language-server: $schema={schema}
# A role is three things: what it does (activities), what it creates (outputs)
# and what it commits to deliver (outcomes). Fill in outcomes first, then the
# outputs that lead there, then the activities that produce them.
title: {quoted}
summary: {summary}
purpose: |
  {PURPOSE_PLACEHOLDER}
status: draft            # draft until it is filled in; then active (or retired)
# reports_to: <role-id> or <team>/<role-id>
holders: []              # - name: Full Name
                         #   since: 2026-01-31
tags: []

# Outcomes: commitments the role owns. Binary (done or not), verifiable
# (done_when), dated, owned by a named person - never "the team". Hoped-for
# impact (revenue, adoption, ...) goes in expectations, not in the outcome.
outcomes: []
#  - id: first-outcome
#    title: What will be true when it is done
#    done_when: How anyone can check that it is done.
#    due: 2026-Q4         # YYYY-MM-DD or YYYY-Qn
#    owner: Full Name     # or a role ref
#    expectations: [The impact you hope for but do not commit to]

# Outputs: the tangible things the role creates, the evidence that stays if
# the holder leaves tomorrow. Say where each lives.
outputs: []
#  - id: first-output
#    title: A document, design, decision or piece of code
#    kind: document       # document | code | design | analysis | decision | process | other
#    location: https://wiki.example.com/...
#    contributes_to: [first-outcome]

# Activities: where the time goes. Each should lead to an output or outcome.
activities: []
#  - id: first-activity
#    title: What you spend time doing
#    category: making     # relationships | knowledge | strategy | alignment | making | operations
#    cadence: weekly      # daily | weekly | biweekly | monthly | quarterly | as-needed
#    time_share: 20       # percent of working time
#    produces: [first-output]
#    advances: [first-outcome]

decision_rights: []      # what this role may decide alone

checklists:
  weekly: []             # extra items for the weekly plan
  quarterly: []          # extra items for the quarterly review

onboarding:              # for whoever takes the role over
  contacts: []           # - role: <team>/<role-id>
                         #   why: What to talk about.
  first_week: []
  first_30_days: []
  first_90_days: []
"""
