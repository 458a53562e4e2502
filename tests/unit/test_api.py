"""The public API in `rolebook/__init__.py`: each name works on the example handbook, and `import rolebook` stays light."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import rolebook
from support.cli import rolebook as run
from support.handbooks import CLEAN_ROLE, EXAMPLE, REPO

HEAVY = ("pydantic", "jinja2", "yaml", "mkdocs", "click", "babel", "rolebook.build", "rolebook.model")


def test_import_rolebook_loads_none_of_the_core():
    code = f"import sys, rolebook; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n", done.stdout
    # ...and asking for a name loads it (and only then)
    code = "import sys, rolebook; rolebook.Settings; print('pydantic' in sys.modules, 'mkdocs' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "True False\n"


def test_the_api_names_are_documented_and_listed():
    for name in ("load", "check", "render", "export", "Settings", "Finding", "site_settings"):
        assert name in rolebook.__all__ and name in dir(rolebook) and f"`{name}" in rolebook.__doc__
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        rolebook.nope


def test_load_check_and_export_agree_with_the_command_line():
    handbook = rolebook.load(EXAMPLE)
    assert len(list(handbook.roles())) == 15
    assert rolebook.check(handbook) == [] and rolebook.check(EXAMPLE) == []
    assert rolebook.export(handbook) == json.loads(run("export", EXAMPLE).stdout) == rolebook.export(EXAMPLE)


def test_settings_change_what_check_finds(handbook_dir):
    folder = handbook_dir({"team/r.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")})
    (finding,) = rolebook.check(folder, rolebook.Settings(today=dt.date(2026, 6, 1)))
    assert isinstance(finding, rolebook.Finding) and finding.code == "RB106"
    assert finding.as_dict()["severity"] == "warning"
    quiet = rolebook.Settings.from_options({"rules": {"RB106": "off"}, "today": "2026-06-01"})
    assert rolebook.check(folder, quiet) == []


def test_site_settings_and_render_on_the_example(tmp_path):
    settings = rolebook.site_settings(REPO / "mkdocs.yml")
    assert settings.handbooks_dir == REPO / "handbooks"
    settings = settings.replace(today=dt.date(2026, 11, 20), cache_dir=tmp_path / "cache")
    result = rolebook.render(settings=settings, out_dir=tmp_path / "out")
    assert result.findings == [] and "engineering/staff-engineer/index.md" in result.pages
    assert (tmp_path / "out/engineering/staff-engineer/index.md").read_text(encoding="utf-8") == \
        result.pages["engineering/staff-engineer/index.md"]
