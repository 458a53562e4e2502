"""RB105 on realistic outcome sentences, both ways, and on the example handbook."""

from __future__ import annotations

import pytest

from rolebook.checks import check
from rolebook.checks.language.impact import impact_metric
from rolebook.loading.loader import load_handbook
from support.handbooks import EXAMPLE

IMPACT = [
    "Grow revenue 10%",
    "Increase adoption of the API",
    "Reach 10,000 weekly active users",
    "Improve conversion rate by 5 points",
    "NPS above 50 by Q4",
    "Engagement up 20% quarter on quarter",
    "Reduce churn to under 3%",
    "Double monthly active users",
    "Drive adoption across all squads",
    "Achieve 95% customer satisfaction",
    "Retention of 90% for new cohorts",
    "Win 15% market share",
    "Add 500 new sign-ups a month",
    "Revenue grows by 10%",
    "Boost engagement with the newsletter",
    "Generate $2M in new ARR",
    "Revenue per partner grows 10% within a year",
    # the guide's examples (docs/guide/writing-roles.md)
    "Land 3 large enterprise customers",
    "Add $2M in qualified pipeline",
    "Monthly referral traffic has increased by 50%",
    "LSIF is adopted by customers",
    "1 post hits top 5 in Hacker News",
    "90% of new hires say onboarding was excellent",
]

DELIVERY = [
    "Ship the revenue dashboard by Q3",
    "Publish the churn analysis",
    "Adoption guide published on the wiki",
    "Instrument conversion tracking on checkout",
    "API v2 live in production",
    "Tiered-pricing API shipped to production",
    "Run the quarterly NPS survey and publish results",
    "Hire two backend engineers",
    "Migration runbook approved by SRE",
    "Retention policy for logs documented and enforced",
    "Sales playbook v2 published",
    "Define the engagement metrics and publish their definitions",
    "Onboarding process documented for new hires",
    "Deliver the pricing page redesign",
    "Reduce build time to under 10 minutes",
    "Cut p95 API latency to 200 ms",
    "Close the SOC 2 audit with no open findings",
    "Growth experiments framework documented",
    "The contract test suite runs on every merge to main",
    # the guide's examples (docs/guide/writing-roles.md)
    "Publish the pipeline review playbook",
    "Instrument referral tracking on the signup page",
    "LSIF code intel deployed for one customer",
    "Publish 3 engineering deep-dive posts",
    "Onboarding survey sent to every new hire",
    "Symbol and text search returns in under 2s on instances with 80k repositories for 1k active users",
    "Use Case driven sales motion documented",
]


@pytest.mark.parametrize("sentence", IMPACT)
def test_impact_sentences_are_flagged(sentence):
    assert impact_metric(sentence)


@pytest.mark.parametrize("sentence", DELIVERY)
def test_delivery_sentences_are_not_flagged(sentence):
    assert impact_metric(sentence) is None


def test_example_handbook_outcomes_are_not_flagged():
    hb = load_handbook(EXAMPLE)
    outcomes = [o for r in hb.roles() for o in r.role.outcomes]
    assert len(outcomes) >= 20
    assert not [f for f in check(hb) if f.code == "RB105"]
    # ...while its expectations, which are impact, would be
    expectations = [e for o in outcomes for e in o.expectations]
    assert any(impact_metric(e) for e in expectations)


VAGUE = ["Improve collaboration", "Make good progress on X", "Drive excellence in design", "Build a world class engineering team"]
CHECKABLE = ["Weekly design review held with a written decision log", "API v2 spec approved by the architecture group",
             "Design system v1 published in the component library", "Hire 3 engineers and document the interview loop",
             "Admins can force the refresh of permissions of individual users"]


@pytest.mark.parametrize("sentence", VAGUE)
def test_vague_done_when_is_unverifiable(sentence):
    from rolebook.checks.language.verifiable import unverifiable
    assert unverifiable(sentence)


@pytest.mark.parametrize("sentence", CHECKABLE)
def test_checkable_done_when_is_verifiable(sentence):
    from rolebook.checks.language.verifiable import unverifiable
    assert unverifiable(sentence) is None
