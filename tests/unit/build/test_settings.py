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


# -- `labels:` validated fully before the build (issue 25, item 7) --------------------------------------


@pytest.mark.parametrize("label, text, words", [
    ("(was {ref})", "(was {ref.__class__})", "{ref.__class__}"),  # would print an object into pages
    ("(was {ref})", "(was {0})", "{0}"),
    ("(was {ref})", "(was {})", "{}"),
    ("(was {ref})", "(was {ref!r})", "without a conversion"),
    ("(was {ref})", "(was {ref:^40})", "without a conversion"),
    ("(was {ref})", "(was {ref)", "braces do not pair"),
    ("(was {ref})", "(was } {ref})", "braces do not pair"),
    ("(was {ref})", "(was {owner})", "{owner}"),
    ("Compared with %(previous)s.", "Compared with %(other)s.", "% fields"),
    ("Compared with %(previous)s.", "Compared with %(previous)d%.", "% fields"),
    ("Outcomes", "<b>Outcomes</b>", "plain text"),
    ("Outcomes", "Out&amp;comes", "plain text"),
    ("Outcomes", "Out\ncomes", "plain text"),
    ("Outcomes", "`Outcomes`", "plain text"),
    ("Outcomes", "  ", "empty"),
])
def test_labels_that_would_fail_or_leak_at_build_time_are_refused_before_it(label, text, words):
    with pytest.raises(SettingsProblem) as problem:
        Settings.from_options({"labels": {label: text}})
    assert "labels:" in str(problem.value) and repr(label) in str(problem.value) and words in str(problem.value)


def test_labels_that_fit_are_taken_and_used():
    settings = Settings.from_options({"labels": {"(was {ref})": "(früher {ref})", "Compared with %(previous)s.":
                                                 "Verglichen mit %(previous)s.", "Outcomes": "Ergebnisse"}})
    from rolebook.i18n import Messages

    messages = Messages("en", settings.label_overrides)
    assert messages.gettext("(was {ref})").format(ref="x") == "(früher x)"
    assert messages.gettext("Compared with %(previous)s.") % {"previous": "v1"} == "Verglichen mit v1."


@pytest.mark.parametrize("code", ["RB001", "RB002"])
@pytest.mark.parametrize("severity", ["off", "info", "warning"])
def test_the_rules_that_find_unreadable_files_cannot_be_lowered(code, severity, tmp_path):
    with pytest.raises(SettingsProblem, match=f"rules: {code} cannot be {severity}"):
        Settings.from_options({"rules": {code: severity}})
    from support.cli import rolebook
    from support.handbooks import write_handbook

    write_handbook(tmp_path, {"t/_team.yml": "title: T\nsummary: A team.\n", "t/broken.yml": "title: [x\n"})
    ran = rolebook("check", "--rule", f"{code}={severity}", "handbooks", cwd=tmp_path)
    assert ran.returncode == 2 and f"{code} cannot be {severity}" in ran.stderr and "Traceback" not in ran.stderr
    assert Settings.from_options({"rules": {code: "error"}}).rules == ((code, Severity.ERROR),)
