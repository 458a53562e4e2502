"""The one place that knows where Rolebook's packaged files are.

Templates ship inside the wheel as `rolebook/templates`; in a source checkout they are the
top-level `templates/` folder. The schemas stay beside `__init__.py` (role files in the wild point
editors at `plugins/rolebook/role.schema.json`), and so do `assets/`, `locale/` and `starter/`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"
LOCALE = PACKAGE / "locale"
STARTER = PACKAGE / "starter"
STARTER_ENGINES = PACKAGE / "starter_engines"  # site files that replace the starter's mkdocs.yml
ROLE_SCHEMA = PACKAGE / "role.schema.json"
TEAM_SCHEMA = PACKAGE / "team.schema.json"
PEOPLE_SCHEMA = PACKAGE / "people.schema.json"
_WHEEL_TEMPLATES = PACKAGE / "templates"
_SOURCE_TEMPLATES = PACKAGE.parents[1] / "templates"
_WHEEL_GUIDE = PACKAGE / "guide"
_SOURCE_GUIDE = PACKAGE.parents[1] / "docs" / "guide"


def templates() -> Path:
    """The shipped templates: inside the wheel, or the source tree's `templates/`."""
    return _WHEEL_TEMPLATES if _WHEEL_TEMPLATES.is_dir() else _SOURCE_TEMPLATES


def guide() -> Path:
    """The user guide's pages: inside the wheel (`rolebook/guide`), or the source tree's `docs/guide/`."""
    return _WHEEL_GUIDE if _WHEEL_GUIDE.is_dir() else _SOURCE_GUIDE
