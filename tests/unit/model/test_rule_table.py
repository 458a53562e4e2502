"""The one rule table: every code has a default severity, a summary and a help sentence, in one place."""

from __future__ import annotations

import dataclasses
import re

import pytest

from rolebook.model import findings, rules


def test_findings_re_exports_the_one_table():
    assert findings.RULES is rules.RULES and findings.Rule is rules.Rule and findings.Severity is rules.Severity


@pytest.mark.parametrize("code", sorted(rules.RULES))
def test_every_rule_has_every_column(code):
    rule = rules.RULES[code]
    assert rule.code == code and re.fullmatch(r"RB\d{3}", code)
    assert rule.severity in (rules.Severity.ERROR, rules.Severity.WARNING, rules.Severity.INFO)
    assert rule.summary and rule.summary[0].islower() and not rule.summary.endswith(".")
    assert rule.help.endswith(".") and rule.help != rule.summary


def test_a_rule_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.RULES["RB101"].help = "changed"
