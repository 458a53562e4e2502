"""`rolebook init`: a complete handbook repository for a new organisation.

The files are real files in `starter/` beside this module (shipped in the
wheel), so anyone can read, test and extend them. Two conventions:

- a path part `dot-x` is written as `.x` (`dot-github/workflows/` becomes
  `.github/workflows/`), so the starter's own `.gitignore` or workflows never
  act on this repository;
- `__SITE_NAME__` and `__ROLEBOOK_VERSION__` are replaced (JSON-quoted in
  YAML files, so any name stays one YAML string), and `__ROLEBOOK_REQUIREMENT__`
  by the lines that reinstall the Rolebook running `init` (`install_source`);
  when that is a local wheel, the wheel is copied into `wheels/`;
- `__SITE_COMMAND__` is the site generator's command (`mkdocs` or `properdocs`,
  `--engine`); with ProperDocs the site file is `properdocs.yml`, the name it
  looks for first, and `properdocs` joins `requirements.txt`.

The editor schemas are written from the model (`schemas/`), never copied, so
they match the installed Rolebook; so is the user guide (`docs/guide/`, `user_guide`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rolebook import __version__, resources
from rolebook.authoring.install_source import WHEEL_FOLDER, InstallSource, installed_source
from rolebook.authoring.new_role import SCHEMA_FOLDER
from rolebook.authoring.user_guide import GUIDE_FOLDER, guide_pages
from rolebook.errors import UsageError
from rolebook.model.schema import schema_files

STARTER = resources.STARTER
# A fresh `git init` folder is still empty for our purposes.
IGNORED_IN_TARGET = frozenset({".git"})


@dataclass(frozen=True)
class Engine:
    """A site generator `init` can set the repository up for."""

    command: str  # what the workflows, the README and the comments call
    site_file: str  # the name of the starter's `mkdocs.yml` in the new repository
    requirements: tuple[str, ...] = ()  # lines `requirements.txt` needs besides Rolebook (which brings MkDocs)
    build: str = ""  # the strict build, as a shell command line (default: `<command> build --strict`)
    serve: str = ""  # the preview
    template: str | None = None  # a file of `starter_engines/` written instead of the starter's mkdocs.yml

    def build_line(self) -> str:
        return self.build or f"{self.command} build --strict"

    def serve_line(self) -> str:
        return self.serve or f"{self.command} serve"

    def serve_dirty_line(self) -> str:
        """The preview that rebuilds only what a save changes (Zensical's own serve always does)."""
        return self.serve or f"{self.command} serve --dirty"


ENGINES = {
    "mkdocs": Engine("mkdocs", "mkdocs.yml"),
    "properdocs": Engine("properdocs", "properdocs.yml", ("properdocs>=1.6,<2   # the MkDocs 1.x fork that builds the site",)),
    # Zensical runs no MkDocs plugin: the handbook is rendered into docs/ first (`render --for zensical`).
    "zensical": Engine("zensical", "zensical.toml", ("zensical==0.0.73   # builds the site Rolebook renders into docs/",),
                       build="rolebook render --for zensical && zensical build --strict",
                       serve="rolebook render --for zensical --watch & zensical serve", template="zensical.toml"),
}


class InitProblem(UsageError):
    """The target cannot take a new handbook (it is not an empty folder)."""


def output_path(relative: Path) -> Path:
    return Path(*[("." + part[4:]) if part.startswith("dot-") else part for part in relative.parts])


def site_name_for(target: Path) -> str:
    words = re.sub(r"[^A-Za-z0-9]+", " ", Path(os.path.abspath(target)).name).strip()  # no resolve: a loop raises
    return f"{words.title()} handbook" if words else "Handbook"


def starter_files(site_name: str, source: InstallSource | None = None, engine: str = "mkdocs") -> dict[Path, str]:
    """{path in the new repository: text} of everything `init` writes (the wheel aside)."""
    source = source or installed_source(__version__)
    chosen = ENGINES[engine]
    requirement = "\n".join((source.text().rstrip("\n"), *chosen.requirements))
    files: dict[Path, str] = {}
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = output_path(source.relative_to(STARTER))
        if relative == Path("mkdocs.yml"):
            relative = Path(chosen.site_file)
            if chosen.template is not None:
                source = resources.STARTER_ENGINES / chosen.template
        text = source.read_text(encoding="utf-8")
        yaml_file = relative.suffix in {".yml", ".yaml", ".toml"}  # a JSON string is a TOML string too
        name = json.dumps(site_name, ensure_ascii=False) if yaml_file else site_name
        text = text.replace("__SITE_NAME__", name).replace("__ROLEBOOK_VERSION__", __version__)
        text = text.replace("__SITE_BUILD__", chosen.build_line()).replace("__SITE_SERVE_DIRTY__", chosen.serve_dirty_line())
        text = text.replace("__SITE_SERVE__", chosen.serve_line())
        text = text.replace("__SITE_COMMAND__", chosen.command)
        files[relative] = text.replace("__ROLEBOOK_REQUIREMENT__", requirement)
    for name, text in schema_files().items():
        files[Path(SCHEMA_FOLDER) / name] = text
    for name, text in guide_pages().items():  # the user guide, in the site (`rolebook docs` refreshes it)
        files[GUIDE_FOLDER / name] = text
    return files


def init_repository(target: Path, site_name: str | None = None, source: InstallSource | None = None,
                    engine: str = "mkdocs") -> list[Path]:
    """Write the starter into `target` (absent or empty); return the paths written, sorted.

    `source`: where the Rolebook to reinstall comes from (default: the running one's install record).
    """
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
    source = source or installed_source(__version__)
    files = starter_files(site_name or site_name_for(target), source, engine)
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
