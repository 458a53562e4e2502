"""The one settings object: its defaults, its checks (each naming the option), its digest."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from rolebook.build.settings import DEFAULTS, Settings, SettingsProblem
from rolebook.model.findings import Severity

WHERE = "mkdocs.yml: plugins.rolebook."


def test_no_options_are_the_defaults_and_the_plugin_config_agrees():
    from rolebook.mkdocs_plugin.config import RolebookConfig

    assert Settings.from_options({}) == Settings()
    config = RolebookConfig()
    config.load_dict({})
    assert not config.validate()[0]  # no errors
    assert {name: config[name] for name in DEFAULTS} == DEFAULTS


@pytest.mark.parametrize("options, words", [
    ({"bogus": 1}, "bogus: unknown option"),
    ({"rules": {"RB999": "off"}}, "rules: unknown rule code 'RB999'"),
    ({"rules": {"RB108": "loud"}}, "RB108"),
    ({"rules": ["RB108"]}, "rules: ['RB108'] is not a mapping"),
    ({"today": "next week"}, "today 'next week': write a date as YYYY-MM-DD"),
    ({"review_interval": 0}, "review_interval: 0 is not a number of days"),
    ({"labels": {"Outcomes": 3}}, "labels: 'Outcomes': 3: write each label as text"),
    ({"language": "../x"}, "language: '../x' is not a language code"),
    ({"history": "yes"}, "history: 'yes' is not true or false"),
    ({"dot": ""}, "dot: '' is not text"),
])
def test_each_bad_option_is_named_with_its_fix(options, words):
    with pytest.raises(SettingsProblem) as problem:
        Settings.from_options(options, where=WHERE)
    assert str(problem.value).startswith(WHERE) and words in str(problem.value)


def test_options_are_read_once_into_plain_values():
    settings = Settings.from_options({"rules": {"rb108": "off"}, "today": "2026-11-20", "handbooks_dir": "hb",
                                      "review_interval": 30}, base=Path("/site"))
    assert settings.rules == (("RB108", Severity.OFF),)
    assert settings.today == dt.date(2026, 11, 20)
    assert settings.handbooks_dir == Path("/site/hb")
    assert settings.review_policy.interval == 30
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.dot = "other"  # type: ignore[misc]


def test_the_digest_is_stable_and_sees_every_setting():
    base = Settings()
    assert base.digest() == Settings().digest()
    changed = {
        "handbooks_dir": Path("other"), "templates_dir": Path("t"), "rules": (("RB108", Severity.OFF),),
        "dot": "dot2", "cache_dir": Path("c"), "today": dt.date(2026, 1, 1),
        "review_policy": dataclasses.replace(base.review_policy, interval=10), "section_title": "Roles",
        "history": False, "language": "de", "labels": (("Outcomes", "Ergebnisse"),), "directory_urls": False,
        "codeowners_fallback": "@acme/admins",
        "people_folder": "team-members", "show_emails": True, "calendar_feeds": "titles",
        "site_url": "https://handbook.example.com/",
    }
    assert set(changed) == {f.name for f in dataclasses.fields(Settings)}
    digests = {name: base.replace(**{name: value}).digest() for name, value in changed.items()}
    assert len(set(digests.values()) | {base.digest()}) == len(changed) + 1
