"""RB105: does an outcome commit to impact the role does not control?

An outcome such as "Grow revenue 10%" or "Reach 5,000 weekly active users"
commits to a lagging metric; "Ship the revenue dashboard" or "Publish the
churn analysis" is a delivery the role controls. The test is: a metric word
that is not naming an artefact (dashboard, report, ...), together with a
verb that moves it or a number that targets it.
"""

from __future__ import annotations

import re

_METRICS = [
    r"revenue", r"sales", r"arr", r"mrr", r"bookings", r"profit(?:ability)?", r"margins?",
    r"adoption", r"(?:daily |weekly |monthly )?active users", r"dau", r"wau", r"mau", r"sign-?ups",
    r"conversion(?: rate)?", r"engagement", r"nps", r"net promoter score", r"csat",
    r"customer satisfaction", r"retention", r"churn", r"market share", r"page ?views", r"traffic",
    r"downloads", r"growth",
]
_METRIC = r"(?:%s)" % "|".join(_METRICS)
# Words after a metric that make it the name of a thing the role builds.
_ARTEFACTS = (
    r"dashboards?|reports?|analys[ie]s|tracking|guides?|models?|stud(?:y|ies)|surveys?|pipelines?|"
    r"instrumentation|metrics?|forecasts?|playbooks?|plans?|experiments?|api|service|data|"
    r"definitions?|queries|review|process|tooling|alerts?|baseline|attribution|funnel"
)
_MOVE_VERBS = (
    r"grow|grows|growing|increase[sd]?|increasing|raise[sd]?|boost(?:s|ed)?|lift(?:s|ed)?|double[sd]?|"
    r"triple[sd]?|improve[sd]?|improving|reduce[sd]?|reducing|cut|lower(?:s|ed)?|drive[sn]?|driving|"
    r"reach(?:es|ed)?|hit|achieve[sd]?|exceed(?:s|ed)?|maximi[sz]e[sd]?|deliver(?:s|ed)?|generate[sd]?|"
    r"win|gain"
)
_NUMBER = r"\$?\d[\d,.]*\s*(?:%|percent|k|m|bn|pts?|points)?"

_VERB_BEFORE = re.compile(
    rf"\b(?:{_MOVE_VERBS})\b(?:\s+(?:the|our|its|their|a|an|by|to|of|in|on|for|new|[\w$%.,-]+)){{0,3}}?\s+"
    rf"(?P<metric>{_METRIC})\b(?!\s+(?:{_ARTEFACTS})\b)",
    re.IGNORECASE,
)
_METRIC_THEN_MOVE = re.compile(
    rf"\b(?P<metric>{_METRIC})\b(?!\s+(?:{_ARTEFACTS})\b)(?:\s+(?:per|from|of|for)\s+[\w-]+)?\s+"
    rf"(?:(?:is|are|of|at|to|by|above|over|below|under|reaches|grows|up|down|rises|increases|drops|"
    rf"improves|goes|>=|<=|>|<|≥|≤)\s+)+(?:(?:from\s+)?{_NUMBER}|more|higher|lower)",
    re.IGNORECASE,
)
_NUMBER_THEN_METRIC = re.compile(
    rf"(?<![\w-]){_NUMBER}\s+(?:more\s+|new\s+|additional\s+)?(?P<metric>{_METRIC})\b(?!\s+(?:{_ARTEFACTS})\b)",
    re.IGNORECASE,
)
_PATTERNS = (_VERB_BEFORE, _METRIC_THEN_MOVE, _NUMBER_THEN_METRIC)
_ANY_METRIC = re.compile(rf"\b{_METRIC}\b", re.IGNORECASE)


def impact_metric(text: str) -> str | None:
    """The metric `text` commits to moving, or None for a delivery commitment."""
    if not _ANY_METRIC.search(text):
        return None  # most outcomes name no metric at all
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group("metric").lower()
    return None
