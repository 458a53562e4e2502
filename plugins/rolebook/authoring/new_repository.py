"""`rolebook init`: a complete handbook repository for a new organisation.

The files are real files in `starter/` beside this module (shipped in the
wheel), so anyone can read, test and extend them. Two conventions:

- a path part `dot-x` is written as `.x` (`dot-github/workflows/` becomes
  `.github/workflows/`), so the starter's own `.gitignore` or workflows never
  act on this repository;
- `__SITE_NAME__` and `__ROLEBOOK_VERSION__` are replaced (JSON-quoted in
  YAML files, so any name stays one YAML string).

The editor schemas are written from the model (`schemas/`), never copied, so
they match the installed Rolebook.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from rolebook import __version__, resources
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
    words = re.sub(r"[^A-Za-z0-9]+", " ", Path(os.path.abspath(target)).name).strip()  # no resolve: a loop raises
    return f"{words.title()} handbook" if words else "Handbook"


def starter_files(site_name: str) -> dict[Path, str]:
    """{path in the new repository: text} of everything `init` writes."""
    files: dict[Path, str] = {}
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = output_path(source.relative_to(STARTER))
        text = source.read_text(encoding="utf-8")
        yaml_file = relative.suffix in {".yml", ".yaml"}
        name = json.dumps(site_name, ensure_ascii=False) if yaml_file else site_name
        files[relative] = text.replace("__SITE_NAME__", name).replace("__ROLEBOOK_VERSION__", __version__)
    for name, text in schema_files().items():
        files[Path(SCHEMA_FOLDER) / name] = text
    return files


def init_repository(target: Path, site_name: str | None = None) -> list[Path]:
    """Write the starter into `target` (absent or empty); return the paths written, sorted."""
    if site_name is not None and (not site_name.strip() or not site_name.isprintable()):
        raise InitProblem(f"--site-name {site_name!r}: write the name as printable text (no control characters, "
                          "line breaks or bytes that are not UTF-8); nothing was written")
    if os.path.islink(target) and not target.exists():
        raise InitProblem(f"{target}: a symlink that leads nowhere (or into a loop): choose a new folder; "
                          "nothing was written")
    if target.exists():
        if not target.is_dir():
            raise InitProblem(f"{target}: a file is in the way: choose a new folder")
        present = sorted(p.name for p in target.iterdir() if p.name not in IGNORED_IN_TARGET)
        if present:
            shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
            raise InitProblem(f"{target}: the folder is not empty ({shown}): choose a new or empty folder; "
                              "nothing was written")
    files = starter_files(site_name or site_name_for(target))
    written = []
    for relative, text in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrite, even in a race
            handle.write(text)
        written.append(path)
    return written
