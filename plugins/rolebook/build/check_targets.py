"""What `rolebook check PATH...` judges: handbooks folders, team folders and single files.

Linters are handed files (pre-commit's `pass_filenames`, an editor's "check this file"), and a team
folder is what someone working on one team types. A role is only judged right in its handbook's
context (a `reports_to` or `lead` names roles elsewhere; a file alone is "outside a team folder"),
so each path is mapped to the handbooks folder it belongs to, that handbook is checked whole, and
only the findings inside the given paths are kept.

Which folder is the handbook: the site's `handbooks_dir` when the path lies inside it; otherwise
the contract's layout says it, since role files live only in team folders (RB002): a folder with
`.yml` files directly in it is a team folder, whose parent is the handbooks folder; a file's
handbooks folder is its folder's parent. A site file (`mkdocs.yml`...) stands for the site's
handbook, so a pre-commit hook that passes it checks everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from rolebook.errors import InputError, UsageError
from rolebook.model.findings import Finding

SITE_FILES = frozenset({"mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml"})
ROLE_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class CheckTarget:
    """One handbook to load and check, and the parts of it whose findings count (none: all of it)."""

    root: Path
    selection: tuple[Path, ...] = ()  # resolved files and folders

    def selects(self, path: str | Path) -> bool:
        if not self.selection:
            return True
        resolved = Path(path).resolve()
        return any(resolved == chosen or chosen in resolved.parents for chosen in self.selection)

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if self.selects(f.path)]


def _is_team_folder(folder: Path) -> bool:
    return any(child.suffix in ROLE_SUFFIXES and child.is_file() for child in folder.iterdir())


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and (path == folder or folder in path.parents)


def _one(path: Path, handbooks_dir: Path | None) -> tuple[Path, Path | None]:
    """(handbooks folder, the resolved part selected or None for the whole handbook)."""
    if not path.exists():
        raise InputError(f"{path}: no such handbooks folder, team folder or file")
    resolved = path.resolve()
    if path.is_file():
        if path.name in SITE_FILES:
            if handbooks_dir is None:
                raise UsageError(f"{path}: a site file, but the site has no handbooks folder to check")
            return handbooks_dir, None
        if path.suffix not in ROLE_SUFFIXES:
            raise UsageError(f"{path}: not a role or team file (.yml): give a file, a team folder or a handbooks folder")
        if _inside(resolved, handbooks_dir):
            return handbooks_dir, resolved
        return resolved.parent.parent, resolved
    if handbooks_dir is not None and resolved == handbooks_dir:
        return handbooks_dir, None
    if _inside(resolved, handbooks_dir):
        return handbooks_dir, resolved
    if _is_team_folder(resolved):
        return resolved.parent, resolved
    return resolved, None


def check_targets(paths: Iterable[str | Path], handbooks_dir: str | Path | None = None) -> list[CheckTarget]:
    """The handbooks to check for `paths`, one target per handbook, in the order first named."""
    site_root = Path(handbooks_dir).resolve() if handbooks_dir is not None and Path(handbooks_dir).is_dir() else None
    chosen: dict[Path, list[Path] | None] = {}
    for given in paths:
        root, part = _one(Path(given), site_root)
        if part is None:
            chosen[root] = None
        elif root not in chosen:
            chosen[root] = [part]
        elif chosen[root] is not None:
            chosen[root].append(part)
    return [CheckTarget(root, tuple(parts or ())) for root, parts in chosen.items()]
