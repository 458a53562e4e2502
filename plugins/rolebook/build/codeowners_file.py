"""The repository's CODEOWNERS file: where it is, and whether its generated block is current (RB119).

The repository is the nearest folder at or above the handbooks folder's parent that holds a
CODEOWNERS file in one of the services' places (`reports.codeowners.LOCATIONS`), looking no
higher than the folder with `.git`. Only a file with a generated block is judged: a repository
that keeps CODEOWNERS by hand, or none, gets no finding.
"""

from __future__ import annotations

from pathlib import Path

from rolebook.errors import UsageError
from rolebook.loading.files import Refused, read_file
from rolebook.model.approvals import CodeownersState, Service, approvals
from rolebook.model.handbook import Handbook
from rolebook.reports.codeowners import LOCATIONS, generate, is_stale, read_committed, splice
from rolebook.reports.formats import display_path

MAX_BYTES = 1024 * 1024  # GitHub ignores a CODEOWNERS file over 3 MB; ours is a fraction of that


def find_codeowners(start: Path) -> Path | None:
    """The CODEOWNERS file serving `start` (a folder), or None."""
    for folder in [start, *start.parents]:
        for location in LOCATIONS:
            candidate = folder / location
            if candidate.is_file() and not candidate.is_symlink():
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def repository_of(codeowners: Path) -> Path:
    """The folder a CODEOWNERS file serves: its own, or its parent's for `.github/`, `docs/`, `.gitlab/`."""
    return codeowners.parent.parent if codeowners.parent.name in (".github", "docs", ".gitlab") else codeowners.parent


def read_codeowners(path: Path) -> str | None:
    """The file's text through the safe reader (a regular file, bounded, no symlink), or None."""
    try:
        data = read_file(path, str(path.parent.resolve()), MAX_BYTES)
        return data.decode("utf-8")
    except (Refused, UnicodeDecodeError):
        return None


def codeowners_state(handbook: Handbook, fallback: str | None) -> CodeownersState | None:
    """The committed block judged against the handbook, or None (no file, no block, or unreadable)."""
    path = find_codeowners(handbook.root.resolve().parent)
    if path is None:
        return None
    text = read_codeowners(path)
    if text is None:
        return None
    committed = read_committed(text)
    if committed.begin_line is None:
        return None
    try:
        # without the site's option (a check run without its site file), the one the block was written with
        generated = generate(handbook, committed.service, repository_of(path), fallback or committed.fallback)
    except ValueError:  # the handbooks folder is outside the repository the file serves
        return None
    return CodeownersState(display_path(str(path)), committed.begin_line, committed.service,
                           is_stale(text, generated))


def codeowners_text(handbook: Handbook, service: Service, target: Path | None, repository: Path,
                    fallback: str | None) -> tuple[str, str]:
    """(the generated block, the whole file as it should be): `target`'s hand-written lines kept, the block last."""
    try:
        generated = generate(handbook, service, repository, fallback)
    except ValueError:
        raise UsageError(f"{display_path(str(handbook.root))} is outside {display_path(str(repository))}, the "
                         "folder the CODEOWNERS file serves: write it into that repository's .github/CODEOWNERS") from None
    existing = ""
    if target is not None and target.exists():
        text = read_codeowners(target)
        if text is None:
            raise UsageError(f"{display_path(str(target))}: cannot read it as a UTF-8 text file of at most 1 MiB")
        existing = text
    return generated, splice(existing, generated)


def missing_fallback(handbook: Handbook, service: Service, fallback: str | None) -> list[str]:
    """The files that have no second approver because the site sets no fallback owner (for a note)."""
    if fallback is not None:
        return []
    return [row.label for row in approvals(handbook, service, fallback) if len(row.owners) < 2]
