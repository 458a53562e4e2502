"""The public API's functions (`rolebook.load`, `check`, `render`, `export`, `site_settings`), thin over the core.

For scripts and other tools that want what the command line does without a subprocess: the
same settings (`Settings`, or a site file's through `site_settings`), the same loading, rules
and pages, the same results. `rolebook/__init__.py` loads this module only when one of its names
is first used, so `import rolebook` (and `rolebook --version`) stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolebook.build import checking
from rolebook.build.pipeline import BuildResult, build_handbook, write_output
from rolebook.build.settings import Settings
from rolebook.build.site_file import read_site_file
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook
from rolebook.reports.export import export as export_data

HandbookLike = Handbook | str | Path | None


def site_settings(config_file: str | Path | None = None, folder: str | Path = ".") -> Settings:
    """The settings of a site file (`mkdocs.yml` in `folder` unless named; the defaults without one), checked."""
    return read_site_file(config_file, folder).settings


def load(path: str | Path | None = None, settings: Settings | None = None) -> Handbook:
    """The handbook in `path` (default: the settings' handbooks_dir); bad content becomes findings, never raises."""
    return checking.load(path or (settings or Settings()).handbooks_dir)


def check(handbook: HandbookLike = None, settings: Settings | None = None) -> list[Finding]:
    """Every finding of a handbook (loaded, or a folder to load), sorted, with the settings' rules and date."""
    settings = settings or Settings()
    if isinstance(handbook, Handbook):
        return sorted(checking.check_handbook(handbook.root, settings, handbook=handbook).findings)
    return sorted(checking.check_handbook(handbook or settings.handbooks_dir, settings).findings)


def render(path: str | Path | None = None, settings: Settings | None = None, *,
           out_dir: str | Path | None = None) -> BuildResult:
    """The handbook's pages as Markdown (`result.pages`), its findings and roles.json; written to `out_dir` if given."""
    settings = settings or Settings()
    result = build_handbook(settings.replace(handbooks_dir=Path(path)) if path else settings)
    if out_dir is not None:
        write_output(result, Path(out_dir))
    return result


def export(handbook: HandbookLike = None, settings: Settings | None = None) -> dict[str, Any]:
    """The handbook as `roles.json` holds it (what `rolebook export` prints, as data)."""
    return export_data(handbook if isinstance(handbook, Handbook) else load(handbook, settings))
