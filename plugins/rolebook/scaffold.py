"""`rolebook new`: a role file a new editor can fill in.

The file is a draft with every field present or explained in a comment, so it
passes the checker with only what a blank role must say (it is vacant).
"""

from __future__ import annotations

import json

SCHEMA_HINT = "../../plugins/rolebook/role.schema.json"


def new_role(title: str, schema: str = SCHEMA_HINT) -> str:
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    summary = json.dumps(f"Say in one sentence what the {title} is for.", ensure_ascii=False)
    return f"""\
# yaml-language-server: $schema={schema}
# A role is three things: what it does (activities), what it creates (outputs)
# and what it commits to deliver (outcomes). Fill in outcomes first, then the
# outputs that lead there, then the activities that produce them.
title: {quoted}
summary: {summary}
purpose: |
  Why the role exists: the need it meets for the organisation.
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
#    expectations: [The impact you hope for, not committed to.]

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
