"""List a handbooks folder: which team folders, team files and role files to read.

Every entry is looked at with `lstat` before anything else. What cannot be
read becomes a finding here, so no caller can skip a file silently:

- a symlink out of the folder, a FIFO, a device, an unreadable folder or a
  name that is not UTF-8: RB001 at the path (nothing read, nothing echoed);
- a name that is not an id, a role file outside a team folder: RB002;
- `x.yml` beside `x.yaml` (or `_team.yml` beside `_team.yaml`, `_people.yml` beside
  `_people.yaml`): RB003;
- what looks like handbook content but is not read (`*.YML`, a folder inside
  a team folder): RB116. Dot-files are skipped silently.

Role-like files that are refused are listed in `unreadable`, which fails
builds and exports.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from rolebook.loading.files import Refused, display_name, inside, is_utf8_name, kind_of, resolve
from rolebook.model.findings import Finding
from rolebook.model.ids import RESERVED_TEAM_IDS, SLUG, slugify
from rolebook.model.people import PEOPLE_FILES

ROLE_SUFFIXES = (".yml", ".yaml")
TEAM_FILES = ("_team.yml", "_team.yaml")
_NESTED_DEPTH = 8
_NESTED_ENTRIES = 10_000


@dataclass
class TeamListing:
    id: str
    path: Path
    team_file: Path | None = None
    roles: list[Path] = field(default_factory=list)  # stem = role id, sorted, one file per id
    real: dict[Path, str] = field(default_factory=dict)  # listed file -> its checked real path


@dataclass
class Listing:
    root: Path
    root_real: str
    teams: list[TeamListing] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    people_file: Path | None = None  # `_people.yml` at the top, when there is one
    people_real: str | None = None

    def add(self, path: Path, code: str, message: str, *, unreadable: bool = False, role: str | None = None) -> None:
        shown = Path(display_name(os.fspath(path)))
        self.findings.append(Finding(path=str(shown), line=1, column=1, code=code, message=message, role=role))
        if unreadable:
            self.unreadable.append(shown)


def is_role_name(name: str) -> bool:
    return name.endswith(ROLE_SUFFIXES)


def looks_like_role_name(name: str) -> bool:
    """`X.YML`, `r.Yaml`: meant as a role file, but not read (RB116)."""
    return name.lower().endswith(ROLE_SUFFIXES) and not is_role_name(name)


def _entries(folder: Path) -> list[tuple[str, Path]]:
    """(name, path) of a folder's entries, sorted by name, dot-files left out."""
    with os.scandir(folder) as it:
        names = sorted(e.name for e in it if not e.name.startswith("."))
    return [(name, folder / name) for name in names]


def list_handbooks(root: Path) -> Listing:
    """Classify everything in `root` (an existing folder); never raises for content."""
    listing = Listing(root=root, root_real=os.path.realpath(root))
    try:
        entries = _entries(root)
    except OSError as exc:
        listing.add(root, "RB001", f"cannot list the handbooks folder: {exc.strerror}: fix its permissions")
        return listing
    for name, path in entries:
        checked = _check_entry(listing, name, path, team_level=False)
        if checked is None:
            continue
        real, st = checked
        if stat.S_ISREG(st.st_mode):
            if name in PEOPLE_FILES:
                other = listing.people_file
                if other is None or name == PEOPLE_FILES[0]:  # `.yml` is read, as for role files
                    listing.people_file, listing.people_real = path, real
                if other is not None:
                    listing.add(other if name == PEOPLE_FILES[0] else path, "RB003", "the handbook has two people "
                                f"files ({PEOPLE_FILES[0]} and {PEOPLE_FILES[1]}): merge them into {PEOPLE_FILES[0]}",
                                unreadable=True)
            elif is_role_name(name):
                listing.add(path, "RB002", f"{name} is outside a team folder: move it to "
                            f"{root.name}/<team>/{name}", unreadable=True)
            elif looks_like_role_name(name):
                listing.add(path, "RB116", f"`{name}` is not read: role files live in a team folder and end in "
                            "`.yml` or `.yaml` (lowercase)")
            continue
        if not SLUG.fullmatch(name):
            listing.add(path, "RB002", f"folder `{name}` is not a team id: rename it to "
                        f"`{slugify(name)}` (lowercase letters, digits and hyphens)")
            listing.unreadable.extend(_role_files_below(Path(real), listing.root_real, path))
            continue
        if name in RESERVED_TEAM_IDS:
            listing.add(path, "RB002", f"team id `{name}` is reserved for a generated page: rename the folder")
            listing.unreadable.extend(_role_files_below(Path(real), listing.root_real, path))
            continue
        _list_team(listing, name, path)
    return listing


def _is_folder(path: Path) -> bool:
    """Whether a refused entry leads to a folder (metadata only: nothing is opened)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _check_entry(listing: Listing, name: str, path: Path, *, team_level: bool = True):
    """(real path, stat) of an entry that is a regular file or folder, else None.

    A refused entry that would have been read (a role-like file, a team
    folder) is RB001 and unreadable; anything else refused was never going
    to be read and is passed over.
    """
    role_like = name.lower().endswith(ROLE_SUFFIXES)

    def refuse(message: str) -> None:
        if role_like or (not team_level and _is_folder(path)):
            listing.add(path, "RB001", message, unreadable=True)

    if not is_utf8_name(name):
        refuse("the name is not valid UTF-8, so it is not read: rename it using UTF-8 "
               "(lowercase letters, digits and hyphens)")
        return None
    try:
        real, st = resolve(path, listing.root_real)
    except Refused as refused:
        refuse(f"`{name}` {refused.message}")
        return None
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        refuse(f"`{name}` is {kind_of(st.st_mode)}, not a regular file or folder, so it is not read: "
               "replace it with a plain file")
        return None
    return real, st


def _list_team(listing: Listing, team_id: str, folder: Path) -> None:
    team = TeamListing(id=team_id, path=folder)
    try:
        entries = _entries(folder)
    except OSError as exc:
        listing.add(folder, "RB001", f"cannot list team folder `{team_id}`: {exc.strerror}: fix its permissions",
                    unreadable=True)
        return
    by_id: dict[str, list[Path]] = {}
    team_files: list[Path] = []
    for name, path in entries:
        checked = _check_entry(listing, name, path)
        if checked is None:
            continue
        real, st = checked
        if stat.S_ISDIR(st.st_mode):
            nested = _role_files_below(Path(real), listing.root_real, path)
            if nested:
                listing.add(nested[0], "RB002", f"role files in sub-folder `{name}` are not read: "
                            f"move them up into `{team_id}/`")
                listing.unreadable.extend(nested)
            else:
                listing.add(path, "RB116", f"folder `{name}` inside team folder `{team_id}` is not read: "
                            f"move what belongs to the handbook up into `{team_id}/`, or move the folder out")
            continue
        team.real[path] = real
        if name in TEAM_FILES:
            team_files.append(path)
            continue
        if looks_like_role_name(name):
            stem = name.rsplit(".", 1)[0]
            fixed = f"{stem}.{name.rsplit('.', 1)[1].lower()}"
            listing.add(path, "RB116", f"`{name}` is not read: role files end in `.yml` or `.yaml` (lowercase): "
                        f"rename it to `{fixed}`")
            continue
        if not is_role_name(name):
            continue
        role_id = name.rsplit(".", 1)[0]
        if not SLUG.fullmatch(role_id):
            suffix = "." + name.rsplit(".", 1)[1]
            listing.add(path, "RB002", f"file name `{name}` is not a role id: rename it to "
                        f"`{slugify(role_id)}{suffix}`", unreadable=True)
            continue
        by_id.setdefault(role_id, []).append(path)
    # `x.yml` beside `x.yaml`: the `.yml` one is read, the other is an error (not dropped quietly).
    for role_id, paths in sorted(by_id.items()):
        kept, *others = sorted(paths, key=lambda p: not p.name.endswith(".yml"))
        team.roles.append(kept)
        for other in others:
            listing.add(other, "RB003", f"role `{role_id}` is defined twice in team `{team_id}` ({kept.name} and "
                        f"{other.name}): delete or rename one", unreadable=True, role=f"{team_id}/{role_id}")
    if team_files:
        team.team_file, *others = sorted(team_files, key=lambda p: not p.name.endswith(".yml"))
        for other in others:
            listing.add(other, "RB003", f"team `{team_id}` has two team files ({team.team_file.name} and "
                        f"{other.name}): delete one", unreadable=True)
    listing.teams.append(team)


def _role_files_below(real: Path, root_real: str, shown: Path) -> list[Path]:
    """Role files anywhere below a folder that is not read (bounded; symlinks not followed)."""
    found: list[Path] = []
    seen = 0
    stack = [(real, shown, 0)]
    while stack:
        folder, display, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                children = sorted((e.name, e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False))
                                  for e in it)
        except OSError:
            continue
        for name, is_dir, is_file in children:
            seen += 1
            if seen > _NESTED_ENTRIES or name.startswith("."):
                continue
            if is_file and is_role_name(name):
                found.append(Path(display_name(os.fspath(display / name))))
            elif is_dir and depth < _NESTED_DEPTH and inside(os.fspath(folder / name), root_real):
                stack.append((folder / name, display / name, depth + 1))
    return sorted(found)
