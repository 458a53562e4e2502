"""Read a handbooks folder into a Handbook, turning every problem into findings.

Nothing here raises for bad content: a file that cannot be read or does not
follow the schema becomes RB001/RB002 findings with its position, and is
listed in `Handbook.unreadable` so callers cannot drop it silently.
"""

from __future__ import annotations

from pathlib import Path

from rolebook.errors import InputError
from rolebook.loading import parse_memo, pool
from rolebook.loading.gc_pause import gc_paused
from rolebook.loading.listing import list_handbooks
from rolebook.loading.one_file import FileJob, read_one, remember
from rolebook.loading.parse_memo import ParseMemo
from rolebook.loading.people_file import read_people
from rolebook.model.handbook import Handbook, RoleEntry, TeamEntry


class HandbookNotFound(InputError):
    """The handbooks folder does not exist or is not a folder (the CLI exits 2)."""


@gc_paused
def load_handbook(root: str | Path, display_root: Path | None = None, *, workers: int = 1,
                  memo: ParseMemo | None = None) -> Handbook:
    """Read every team folder and role file below `root` (and `_people.yml`), through `one_file` (the one file reader).

    `workers` > 1 lets a one-shot command (`rolebook check`) read, parse and
    validate a large handbook's files on that many processes (`pool`);
    the handbook and its findings are the same either way, in the same order.
    `memo` keeps parses by content for the next read (default: `parse_memo.SHARED`).
    """
    memo = parse_memo.SHARED if memo is None else memo
    root = Path(root)
    if not root.is_dir():
        raise HandbookNotFound(f"{root}: no such handbooks folder")
    handbook = Handbook(root=root)
    listing = list_handbooks(root)
    handbook.findings.extend(listing.findings)
    handbook.unreadable.extend(listing.unreadable)
    jobs: list[FileJob] = []
    for listed in listing.teams:
        if listed.team_file is not None:
            jobs.append(FileJob(listed.team_file, "team", listed.real.get(listed.team_file)))
        jobs.extend(FileJob(path, "role", listed.real.get(path)) for path in listed.roles)
    reads = iter(_read_all(jobs, listing.root_real, workers, memo))
    for listed in listing.teams:
        team = TeamEntry(id=listed.id, path=listed.path)
        if listed.team_file is not None:
            doc, meta = next(reads).settle(handbook)
            if meta is not None:
                team.meta, team.meta_doc, team.meta_path = meta, doc, listed.team_file
        for path in listed.roles:
            doc, role = next(reads).settle(handbook)
            if role is not None:
                role_id = path.name.rsplit(".", 1)[0]
                team.roles[role_id] = RoleEntry(team=listed.id, id=role_id, path=path, role=role, doc=doc)
        handbook.teams[listed.id] = team
    read_people(handbook, listing.people_file, listing.people_real, listing.root_real, memo)
    return handbook


def _read_all(jobs: list[FileJob], root_real: str, workers: int, memo: ParseMemo):
    """Each job's FileRead, in order; every fresh parse goes into `memo` before the next file is read."""
    reads = pool.read_files(jobs, root_real, workers) if workers > 1 else (read_one(job, root_real, memo) for job in jobs)
    for read in reads:
        remember(memo, read)
        yield read


# -- turning pydantic's errors into findings ---------------------------------


def release_documents(handbook: Handbook, memo: ParseMemo | None = None) -> None:
    """Forget the parsed YAML documents (data and editor positions) of `handbook`, and empty the parse memo
    it was read with (default: `parse_memo.SHARED`).

    For a one-off build, once the handbook is checked: the positions only serve
    findings, and the memo only a next build in the same process.
    """
    handbook.people_doc = None
    for team in handbook.teams.values():
        team.meta_doc = None
        for entry in team.roles.values():
            entry.doc = None
    (parse_memo.SHARED if memo is None else memo).clear()
