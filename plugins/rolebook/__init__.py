"""Rolebook: per-role YAML files checked and published as a team handbook.

The core (loading, model, checks, pages, diagrams, reports, history, build) imports nothing
from MkDocs; `rolebook.mkdocs_plugin` is the MkDocs adapter and `rolebook.cli` the command line.

The public API, for scripts that want what the command line does without a subprocess:

- `Settings`: every option of a check or build, checked once (`Settings.from_options({...})`);
- `site_settings(config_file=None)`: a site file's settings (`mkdocs.yml` here by default);
- `load(path=None, settings=None)`: the `Handbook` in a folder (bad content becomes findings);
- `check(handbook=None, settings=None)`: its findings, sorted, as `rolebook check` finds them;
- `Finding`: one finding (code, severity, path, line, column, message; `as_dict()`);
- `render(path=None, settings=None, out_dir=None)`: the pages, as `rolebook render` makes them;
- `export(handbook=None, settings=None)`: the handbook as `roles.json` data.

`path`/`handbook` default to the settings' handbooks folder. The names are loaded on first use
(module `__getattr__`), so `import rolebook` and `rolebook --version` load none of the core.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "Settings": "rolebook.build.settings",
    "Finding": "rolebook.model.findings",
    "site_settings": "rolebook.build.api",
    "load": "rolebook.build.api",
    "check": "rolebook.build.api",
    "render": "rolebook.build.api",
    "export": "rolebook.build.api",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'rolebook' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
