"""Put the handbook's pages into MkDocs' navigation: one section per team.

The generated files are added as NOT_IN_NAV so MkDocs' automatic navigation
ignores them; here they are arranged by team (`order`, then title) under one
section after the site's own pages. Onboarding pages stay out of the nav
(linked from each role page) so the navigation stays small on large handbooks.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from .. import safe_text
from ..site_plan import CHANGES, HEALTH, OVERVIEW, role_src, team_src


def add_handbook(nav: Navigation, files: Files, result, section_title: str) -> Navigation:
    if result is None:
        return nav
    handbook = result.handbook

    def page(src_uri: str) -> Page | None:
        file = files.get_file_from_path(src_uri)
        return file.page if file is not None else None

    children: list = [p for p in (page(OVERVIEW),) if p]
    for team in handbook.teams_in_order():
        roles = sorted(team.roles.values(), key=lambda e: (e.role.status == "retired", e.role.title.lower(), e.id))
        items = [p for p in [page(team_src(team.id))] + [page(role_src(e.ref)) for e in roles] if p]
        children.append(Section(safe_text.plain(team.title), items))
    changes = page(CHANGES)
    if changes:
        children.append(changes)
    health = page(HEALTH)
    if health:
        children.append(health)
    nav.items.append(Section(safe_text.plain(section_title), children))
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
    return nav
