"""`rolebook init`: a complete handbook repository for a new organisation.

The files are real files in `starter/` beside this module (shipped in the
wheel), so anyone can read, test and extend them. Two conventions:

- a path part `dot-x` is written as `.x` (`dot-github/workflows/` becomes
  `.github/workflows/`), so the starter's own `.gitignore` or workflows never
  act on this repository;
- `__SITE_NAME__` and `__ROLEBOOK_VERSION__` are replaced (JSON-quoted in
  YAML files, so any name stays one YAML string), and `__ROLEBOOK_REQUIREMENT__`
  by the lines that reinstall the Rolebook running `init` (`install_source`);
  when that is a local wheel, the wheel is copied into `wheels/`.

The editor schemas are written from the model (`schemas/`), never copied, so
they match the installed Rolebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rolebook import __version__, resources
from rolebook.authoring.install_source import WHEEL_FOLDER, InstallSource, installed_source
from rolebook.authoring.new_role import SCHEMA_FOLDER
from rolebook.errors import UsageError
from rolebook.model.schema import schema_files

STARTER = resources.STARTER
# A fresh `git init` folder is still empty for our purposes.
IGNORED_IN_TARGET = frozenset({".git"})


class InitProblem(UsageError):
    """The target cannot take a new handbook (it is not an empty folder)."""


def output_path(relative: Path) -> Path:
    return Path(*[("." + part[4:]) if part.startswith("dot-") else part for part in relative.parts])


def site_name_for(target: Path) -> str:
    words = re.sub(r"[^A-Za-z0-9]+", " ", target.resolve().name).strip()
    return f"{words.title()} handbook" if words else "Handbook"


def starter_files(site_name: str, source: InstallSource | None = None) -> dict[Path, str]:
    """{path in the new repository: text} of everything `init` writes (the wheel aside)."""
    source = source or installed_source(__version__)
    requirement = source.text().rstrip("\n")
    files: dict[Path, str] = {}
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = output_path(source.relative_to(STARTER))
        text = source.read_text(encoding="utf-8")
        yaml_file = relative.suffix in {".yml", ".yaml"}
        name = json.dumps(site_name, ensure_ascii=False) if yaml_file else site_name
        text = text.replace("__SITE_NAME__", name).replace("__ROLEBOOK_VERSION__", __version__)
        files[relative] = text.replace("__ROLEBOOK_REQUIREMENT__", requirement)
    for name, text in schema_files().items():
        files[Path(SCHEMA_FOLDER) / name] = text
    return files


def init_repository(target: Path, site_name: str | None = None, source: InstallSource | None = None) -> list[Path]:
    """Write the starter into `target` (absent or empty); return the paths written, sorted.

    `source`: where the Rolebook to reinstall comes from (default: the running one's install record).
    """
    if target.exists():
        if not target.is_dir():
            raise InitProblem(f"{target}: a file is in the way: choose a new folder")
        present = sorted(p.name for p in target.iterdir() if p.name not in IGNORED_IN_TARGET)
        if present:
            shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
            raise InitProblem(f"{target}: the folder is not empty ({shown}): choose a new or empty folder; "
                              "nothing was written")
    source = source or installed_source(__version__)
    files = starter_files(site_name or site_name_for(target), source)
    written = []
    for relative, text in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrite, even in a race
            handle.write(text)
        written.append(path)
    if source.wheel is not None:
        path = target / WHEEL_FOLDER / source.wheel.name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:
            handle.write(source.wheel.read_bytes())
        written.append(path)
    return sorted(written)
