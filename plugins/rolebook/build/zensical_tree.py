"""`rolebook render --for zensical`: a docs tree that `zensical build --strict` publishes as it is.

Zensical runs no MkDocs plugin (it ignores the ones it does not know, silently), so Rolebook runs
before it: the pages, their diagrams (inline in each page), the stylesheet and script, `roles.json`,
both schemas, and the health and changes pages go into the docs folder, and `zensical.toml` gets
what the plugin would have added to the site:

- `extra_css` and `extra_javascript` name Rolebook's assets (without them diagrams stay black on
  black in the dark palette, and checklist ticks are not kept);
- `nav` holds the handbook as one section (`section_title`), teams in their `order:` with their
  titles, each team page first, onboarding pages left out (they are linked from each role page).
  A site's own nav entries are kept: only the section with that title is replaced (or appended),
  and a site without a `nav` gets its home page and the section. Zensical reads this `nav` natively.

The file is edited with `tomlkit`, so comments and the order of the site's own settings survive.
A manifest of what was written (`.rolebook-manifest.json` in the docs folder) lets the next render
remove what is no longer generated: a role removed from the handbook loses its pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from rolebook.build.pipeline import BuildResult, write_output
from rolebook.build.session import ASSET_URIS, nav_data
from rolebook.errors import UsageError
from rolebook.model.schema import schema_files
from rolebook.model.site_plan import CHANGES, HEALTH, OVERVIEW

MANIFEST = ".rolebook-manifest.json"
CONFIG_NAME = "zensical.toml"


class ZensicalConfigProblem(UsageError):
    """zensical.toml cannot be read or is not a Zensical project file."""


@dataclass(frozen=True)
class RenderedTree:
    written: list[Path]
    removed: list[Path]
    config: Path


def handbook_nav(result: BuildResult) -> list:
    """The handbook's part of the navigation in Zensical's `nav` form: pages by path, teams as sections."""
    entries: list = [OVERVIEW] if OVERVIEW in result.pages else []
    for title, pages in nav_data(result.handbook):
        entries.append({title: [src for src in pages if src in result.pages]})
    entries += [src for src in (CHANGES, HEALTH) if src in result.pages]
    return entries


def rendered(docs_dir: Path) -> bool:
    """Whether `docs_dir` holds a tree `render --for zensical` wrote."""
    return (docs_dir / MANIFEST).is_file()


def _previous(docs_dir: Path) -> set[str]:
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else set()


def _inside(docs_dir: Path, relative: str) -> Path | None:
    """The manifest's entry as a path inside docs_dir, or None (an edited manifest never reaches outside)."""
    path = (docs_dir / relative).resolve()
    root = docs_dir.resolve()
    return path if root in path.parents else None


def write_tree(result: BuildResult, docs_dir: Path, config: Path, section_title: str,
               site_name: str = "Handbook") -> RenderedTree:
    """Write the pages into `docs_dir`, remove what the last render wrote and this one did not, and
    wire assets and nav into `config` (created when missing)."""
    document = _load_config(config, docs_dir, site_name)  # a config that cannot take the tree: nothing written
    old = _previous(docs_dir)
    written = write_output(result, docs_dir)
    for name, text in schema_files().items():
        path = docs_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    now = {p.relative_to(docs_dir).as_posix() for p in written}
    removed = []
    for relative in sorted(old - now):
        path = _inside(docs_dir, relative)
        if path is not None and path.is_file():
            path.unlink()
            removed.append(path)
            for parent in path.parents:  # empty folders of a removed role go too
                if parent == docs_dir.resolve() or any(parent.iterdir()):
                    break
                parent.rmdir()
    (docs_dir / MANIFEST).write_text(json.dumps({"files": sorted(now)}, indent=1) + "\n", encoding="utf-8")
    _wire_config(document, config, docs_dir, handbook_nav(result), section_title)
    return RenderedTree(sorted(written), removed, config)


def _load_config(config: Path, docs_dir: Path, site_name: str) -> tomlkit.TOMLDocument:
    """The project file (a new one when missing), checked to read its pages from `docs_dir`."""
    if config.is_file():
        try:
            document = tomlkit.parse(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
            raise ZensicalConfigProblem(f"{config}: cannot read it as TOML: {exc}") from None
    else:
        document = tomlkit.document()
    project = document.get("project")
    if project is None:
        project = tomlkit.table()
        project["site_name"] = site_name
        document["project"] = project
    if not isinstance(project, dict):
        raise ZensicalConfigProblem(f"{config}: `project` must be a table ([project])")
    docs_setting = project.get("docs_dir", "docs")
    if (config.parent / str(docs_setting)).resolve() != docs_dir.resolve():
        raise ZensicalConfigProblem(f"{config}: docs_dir is {docs_setting!r}, but the pages go to {docs_dir}: "
                                    "render into the site's docs_dir (-o) or change docs_dir")
    return document


def _wire_config(document: tomlkit.TOMLDocument, config: Path, docs_dir: Path, section: list,
                 section_title: str) -> None:
    project = document["project"]
    for key, uris in (("extra_css", [u for u in ASSET_URIS if u.endswith(".css")]),
                      ("extra_javascript", [u for u in ASSET_URIS if u.endswith(".js")])):
        present = [str(x) for x in project.get(key, [])]
        project[key] = present + [u for u in uris if u not in present]
    nav = list(project.get("nav", [])) if "nav" in project else _default_nav(docs_dir)
    entry = {section_title: section}
    titled = [i for i, item in enumerate(nav) if isinstance(item, dict) and section_title in item]
    if titled:
        nav[titled[0]] = entry
    else:
        nav.append(entry)
    project["nav"] = _toml_value(nav)
    config.write_text(tomlkit.dumps(document), encoding="utf-8")


def _default_nav(docs_dir: Path) -> list:
    return ["index.md"] if (docs_dir / "index.md").is_file() else []


def _toml_value(value):
    """Plain lists and mappings as TOML arrays and inline tables (nav entries are `{Title = ...}`)."""
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for key, item in value.items():
            table[str(key)] = _toml_value(item)
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(_toml_value(item) for item in value)
        if len(value) > 1:
            array.multiline(True)
        return array
    return value


UNRENDERED_NOTE = ("{where}, but {docs} holds no handbook rendered for it: Zensical runs no MkDocs plugin and "
                   "would publish the site without the handbook; run `rolebook render --for zensical` before "
                   "`zensical build` (and `rolebook render --for zensical --watch` beside `zensical serve`)")


def unrendered_note(folder: Path = Path("."), *, has_site_file: bool = True) -> str | None:
    """A one-line note when a Zensical site here would build without the handbook, else None.

    Said when `zensical.toml` is here and its docs folder has no rendered tree, or when Zensical is
    installed and no MkDocs or ProperDocs site file is here either (so Zensical is the generator).
    """
    import importlib.util

    config = folder / CONFIG_NAME
    docs = folder / "docs"
    if config.is_file():
        try:
            docs = folder / str(tomlkit.parse(config.read_text(encoding="utf-8")).get("project", {}).get("docs_dir",
                                                                                                       "docs"))
        except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError, AttributeError):
            pass
        where = f"{config} is here"
    elif not has_site_file and importlib.util.find_spec("zensical") is not None:
        where = "Zensical is installed and no mkdocs.yml is here"
    else:
        return None
    return None if rendered(docs) else UNRENDERED_NOTE.format(where=where, docs=f"{docs}/")
