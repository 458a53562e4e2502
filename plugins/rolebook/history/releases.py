"""When roles changed, from git: last-changed dates and what each release changed.

Everything here degrades to None outside a git repository (a plain folder, a
tarball, a shallow CI checkout without tags): the site then shows no history
rather than failing. Dates come from commits, never from the build clock, so
two builds of one tag are identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rolebook.history.dates import usable_day
from rolebook.history.git import GitProblem, git, repo_root
from rolebook.history.sources import RevisionFolder, source_from_folder
from rolebook.reports.changes import UNRELEASED, diff, to_markdown

RELEASE_PATTERN = "v*"


@dataclass
class Release:
    tag: str  # "Unreleased" for the working tree after the newest tag
    date: str | None
    previous: str | None
    changes: dict

    @property
    def unreleased(self) -> bool:
        """The working tree's changes after the newest tag (shown as "Unreleased" in the reader's language)."""
        return self.tag == UNRELEASED and self.date is None

    @property
    def markdown(self) -> str:
        return to_markdown(self.changes, heading="###")


@dataclass
class History:
    last_changed: dict[str, str] = field(default_factory=dict)  # handbook-relative path -> YYYY-MM-DD
    releases: list[Release] = field(default_factory=list)  # newest first

    def role_changes(self, ref: str) -> list[tuple[Release, dict]]:
        """(release, that release's entry for the role) for each recent release that touched it."""
        out = []
        for release in self.releases:
            for role in release.changes["roles"]:
                if role["ref"] == ref or role.get("from") == ref:
                    out.append((release, role))
        return out


def load_history(handbooks: Path, max_releases: int = 5, last_changed: dict[str, str] | None = None) -> History | None:
    """The handbook's history; `last_changed` (from `rolebook.history.dates`) saves reading git's log twice."""
    handbooks = handbooks.resolve()
    root = repo_root(handbooks)
    if root is None:
        return None
    try:
        rel = handbooks.relative_to(root.resolve()).as_posix()
        history = History(last_changed=last_changed if last_changed is not None else _last_changed(root, rel))
        tags = _tags(root)[: max_releases + 1]
        history.releases = _releases(handbooks, tags, max_releases)
        return history
    except (GitProblem, OSError, ValueError):
        return None


def _last_changed(root: Path, rel: str) -> dict[str, str]:
    """One `git log` for the whole folder: the newest commit date of each file."""
    out = git("log", "--format=%x1e%cs", "--name-only", "--no-renames", "--", rel, cwd=root)
    dates: dict[str, str] = {}
    prefix = rel.rstrip("/") + "/"
    for chunk in out.split("\x1e")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        date, files = usable_day(lines[0]), lines[1:]
        if date is None:  # a year past 9999: not a date (see history.dates)
            continue
        for name in files:
            if name.startswith(prefix):
                dates.setdefault(name[len(prefix):], date)
    return dates


def _tags(root: Path) -> list[tuple[str, str | None]]:
    """(tag, its date or None) of each release tag that names a commit, newest version first.

    A tag may point at a blob or a tree (`git tag v9 <blob>`): that one is no release and is skipped,
    the others are kept. A date git holds but no date type reads (year 10000) is left out."""
    out = git("for-each-ref", "--sort=-v:refname",
              "--format=%(objecttype)\t%(*objecttype)\t%(creatordate:short)\t%(refname:short)",
              f"refs/tags/{RELEASE_PATTERN}", cwd=root)
    tags = []
    for line in out.splitlines():
        fields = line.split("\t", 3)
        if len(fields) == 4 and "commit" in (fields[0], fields[1]):
            tags.append((fields[3], usable_day(fields[2])))
    return tags


def _releases(handbooks: Path, tags: list[tuple[str, str]], max_releases: int) -> list[Release]:
    if not tags:
        return []
    releases = []
    working = source_from_folder(handbooks, "working tree")
    newest_tag = tags[0][0]
    with RevisionFolder(newest_tag, handbooks) as folder:
        newest = source_from_folder(folder, newest_tag)
    unreleased = diff(newest, working)
    if unreleased["roles"] or unreleased["teams"]:
        releases.append(Release(UNRELEASED, None, newest_tag, unreleased))
    sources = {newest_tag: newest}
    for index, (tag, date) in enumerate(tags[:max_releases]):
        previous = tags[index + 1][0] if index + 1 < len(tags) else None
        if previous is not None and previous not in sources:
            with RevisionFolder(previous, handbooks) as folder:
                sources[previous] = source_from_folder(folder, previous)
        if tag not in sources:
            with RevisionFolder(tag, handbooks) as folder:
                sources[tag] = source_from_folder(folder, tag)
        before = sources[previous] if previous else _empty()
        releases.append(Release(tag, date, previous, diff(before, sources[tag])))
    return releases


def _empty():
    from rolebook.reports.changes import Source

    return Source("nothing", {"teams": [], "roles": []})
