"""Put the handbook's pages into MkDocs' navigation: one section per team.

The generated files are added as NOT_IN_NAV so MkDocs' automatic navigation
ignores them; here they are arranged by team (`order`, then title) under one
section after the site's own pages. The people index (when the handbook has
`_people.yml`) follows the teams, before Changes and Health, as a site's own
top-level pages would. Onboarding pages and person pages stay out of the nav
(linked from each role page, and from the people index) so the navigation
stays small on large handbooks.

A site that places the handbook itself keeps its placement (see the guide,
"Where the handbook goes in the navigation"):

- its nav (an explicit `nav:`, literate-nav's SUMMARY.md, awesome-nav's
  `.nav.yml`) names only the overview page: the whole section goes there,
  titled as the nav titles that entry;
- it names other handbook pages too (or a nav plugin listed the folders): the
  plugin adds nothing, so no page appears twice;
- it names none: the section goes after the site's own pages.

Onboarding pages are taken out of any nav a plugin built from the folders.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from rolebook.model.site_plan import CHANGES, HEALTH, OVERVIEW, onboarding_src
from rolebook.text import html as safe_text


def add_handbook(nav: Navigation, files: Files, sections: list[list] | None, section_title: str,
                 people_index: str | None = None) -> Navigation:
    """`people_index`: the src_uri of the people index, when this build made one."""
    if sections is None:
        return nav
    roles = [src for _title, pages in sections for src in pages[1:]]  # each section: the team page, then roles
    onboarding = {onboarding_src(src[: -len("/index.md")]) for src in roles if src.endswith("/index.md")}
    handbook_pages = ({OVERVIEW, CHANGES, HEALTH} | {src for _title, pages in sections for src in pages} | onboarding
                      | ({people_index} if people_index else set()))
    nav.items = _without(nav.items, onboarding)
    named = [p for p in _get_by_type(nav.items, Page) if p.file.src_uri in handbook_pages]
    if named and {p.file.src_uri for p in named} != {OVERVIEW}:
        return _relink(nav)

    def page(src_uri: str) -> Page | None:
        file = files.get_file_from_path(src_uri)
        return file.page if file is not None else None

    children: list = [p for p in (page(OVERVIEW),) if p]
    for title, pages in sections:
        items = [p for p in map(page, pages) if p]
        children.append(Section(safe_text.plain(title), items))
    people = page(people_index) if people_index else None
    if people:
        children.append(people)
    changes = page(CHANGES)
    if changes:
        children.append(changes)
    health = page(HEALTH)
    if health:
        children.append(health)
    if named:  # the site's nav names the overview: the section goes in its place
        overview = named[0]
        title = overview.title or section_title
        vars(overview).pop("title", None)  # the nav's title goes to the section; the page takes its heading again
        nav.items = _replace(nav.items, overview, Section(safe_text.plain(title), children))
        return _relink(nav)
    nav.items.append(Section(safe_text.plain(section_title), children))
    return _relink(nav)


def _relink(nav: Navigation) -> Navigation:
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
    return nav


def _without(items: list, src_uris: set[str]) -> list:
    """The nav items without those pages; sections left empty go, and a folder's section left with one page is that page."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            before = len(item.children)
            item.children = _without(item.children, src_uris)
            if len(item.children) == 1 and before > 1 and isinstance(item.children[0], Page):
                kept.append(item.children[0])  # a role's folder, as literate-nav lists it: just the role page
            elif item.children:
                kept.append(item)
        elif not (isinstance(item, Page) and item.file.src_uri in src_uris):
            kept.append(item)
    return kept


def _replace(items: list, old, new) -> list:
    out = []
    for item in items:
        if item is old:
            out.append(new)
        else:
            if isinstance(item, Section):
                item.children = _replace(item.children, old, new)
            out.append(item)
    return out
