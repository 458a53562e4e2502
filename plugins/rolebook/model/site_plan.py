"""Which pages the handbook becomes, where they live, and links between them.

Pure and independent of MkDocs: the plugin maps these source paths to MkDocs
files, `rolebook render` writes them to a folder.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from rolebook.model.handbook import Handbook

OVERVIEW = "overview/index.md"
CHANGES = "changes/index.md"
HEALTH = "health/index.md"


@dataclass(frozen=True)
class PagePlan:
    src_uri: str
    kind: str  # "role" | "onboarding" | "team" | "overview" | "changes" | "health" | "people" | "person"
    key: str | None = None  # role ref, team id or person id


def role_src(ref: str) -> str:
    return f"{ref}/index.md"


def onboarding_src(ref: str) -> str:
    return f"{ref}/onboarding.md"


def team_src(team_id: str) -> str:
    return f"{team_id}/index.md"


def people_src(folder: str) -> str:
    """The people index: `people/index.md` (the folder is the site option `people_folder`)."""
    return f"{folder}/index.md"


def person_src(folder: str, person_id: str) -> str:
    return f"{folder}/{person_id}/index.md"


def plan(handbook: Handbook) -> list[PagePlan]:
    pages = [PagePlan(OVERVIEW, "overview"), PagePlan(CHANGES, "changes"), PagePlan(HEALTH, "health")]
    for team_id in sorted(handbook.teams):
        pages.append(PagePlan(team_src(team_id), "team", team_id))
    for entry in handbook.roles():
        pages.append(PagePlan(role_src(entry.ref), "role", entry.ref))
        pages.append(PagePlan(onboarding_src(entry.ref), "onboarding", entry.ref))
    if handbook.has_person_pages:
        folder = handbook.people_folder
        pages.append(PagePlan(people_src(folder), "people"))
        pages.extend(PagePlan(person_src(folder, pid), "person", pid) for pid in sorted(handbook.people))
    return pages


@dataclass(frozen=True)
class Urls:
    """URLs of source pages, the way MkDocs makes them."""

    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """The page's URL relative to the site root (`engineering/cto/`)."""
        stem, _ = posixpath.splitext(src_uri)
        if not self.directory_urls:
            return stem + ".html"
        if posixpath.basename(stem) == "index":
            parent = posixpath.dirname(stem)
            return parent + "/" if parent else ""
        return stem + "/"

    def relative(self, from_src: str, to_src: str, anchor: str | None = None) -> str:
        """A link from one page to another (or to an anchor on it), relative to the first."""
        return _relative(self, from_src, to_src, anchor)

    def to_root(self, from_src: str, path: str) -> str:
        """A link from a page to a file at the site root (`roles.json`, `guide/x.md` pages).

        `/files/x.pdf` is the same file: absolute paths are read against the site
        root, never the file system (or the link would depend on where the checkout is).
        """
        if path.startswith("/"):
            path = path.lstrip("/") or "./"
        frm = self.url(from_src)
        base = frm.rstrip("/") if frm.endswith("/") else posixpath.dirname(frm)
        if not base:
            return path
        rel = posixpath.relpath(path.rstrip("/") or ".", base)
        return rel + "/" if path.endswith("/") and rel != "." else rel


def forget_links() -> None:
    """Drop the memo of relative links: a one-off build does so before the site generator holds its pages."""
    _relative.cache_clear()


@lru_cache(maxsize=1 << 17)
def _relative(urls: Urls, from_src: str, to_src: str, anchor: str | None) -> str:
    """Memoised (Urls is frozen, so hashable): a 1,000-role build asks for the same links thousands of times."""
    frm, to = urls.url(from_src), urls.url(to_src)
    suffix = f"#{anchor}" if anchor else ""
    if frm == to:
        return suffix or "./"
    base = posixpath.dirname(frm) if not frm.endswith("/") else frm.rstrip("/")
    target = to.rstrip("/") if to.endswith("/") else to
    rel = posixpath.relpath(target or ".", base or ".")
    if to.endswith("/"):
        rel = rel + "/" if rel != "." else "./"
    return rel + suffix
