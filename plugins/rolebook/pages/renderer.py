"""Model to Markdown pages through Jinja2 templates.

Templates live in the top-level `templates/` folder (shipped in the wheel as
`rolebook/templates`); a site overrides one by putting a file of the same name
in its own `templates_dir`.

Role text is data, never template source: it reaches templates only as
values. Every `{{ value }}` is escaped for HTML *and* Markdown unless it is
already a sanitised fragment (`|block`, `|inline`, or a helper's Markup), so
a template author cannot forget to escape.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import jinja2
from jinja2 import nodes
from jinja2.ext import InternationalizationExtension
from markupsafe import Markup

from rolebook import i18n, resources
from rolebook.i18n import _
from rolebook.model import checklists
from rolebook.model.format import CATEGORY_LABELS, due_end
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.review_rhythm import OVERVIEW_DUE_DAYS
from rolebook.model.site_plan import CHANGES, HEALTH, PagePlan, Urls, onboarding_src, plan, role_src, team_src
from rolebook.pages.front_matter import page_meta, with_front_matter
from rolebook.reports.changes import CHANGE_LABELS
from rolebook.text import html as safe_text
from rolebook.text.fragments import fragment, join
from rolebook.text.links import is_allowed, scheme

TEMPLATE_FOR = {
    "role": "role.md.j2",
    "onboarding": "onboarding.md.j2",
    "team": "team.md.j2",
    "overview": "overview.md.j2",
    "changes": "changes.md.j2",
    "health": "health.md.j2",
}


def builtin_templates() -> Path:
    """The shipped templates (`rolebook.resources.templates`)."""
    return resources.templates()


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(safe_text.plain(str(value)))


def make_environment(templates_dir: str | Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[CompiledLabels],
    )
    install_messages(env)
    env.filters["block"] = lambda text: Markup(safe_text.block(text))
    env.filters["inline"] = lambda text: Markup(safe_text.inline(text))
    env.filters["category"] = lambda c: _escaped(i18n.active(), CATEGORY_LABELS[c]) if c in CATEGORY_LABELS else c
    env.filters["value"] = lambda v: _escaped(i18n.active(), i18n.VALUE_LABELS[v]) if v in i18n.VALUE_LABELS else v
    env.filters["date"] = lambda d: i18n.active().date(d)
    env.filters["percent"] = lambda n: i18n.active().percent(n)
    env.filters["number"] = lambda n: i18n.active().number(n)
    env.filters["text"] = lambda v: Markup(safe_text.plain("" if v is None else str(v)))
    env.filters["time"] = _time
    env.filters["code"] = lambda v: Markup(f"<code>{safe_text.plain(str(v))}</code>")
    env.filters["change"] = lambda v: i18n._(CHANGE_LABELS[v]) if v in CHANGE_LABELS else v
    env.filters["anchor"] = anchor
    env.filters["link_text"] = link_text
    return env


_LINK_TAG = re.compile(r"</?a\b[^>]*>")


def link_text(text: str | None) -> Markup:
    """A text field as the words of a link: inline HTML without links of its own (no link in a link)."""
    return Markup(_LINK_TAG.sub("", safe_text.inline(text)))


_ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # item ids are slugs: `2027-okrs` is one


def anchor(value: str) -> Markup:
    """A generated id (`first_week`, an item slug) written as is, for `{ #id }` and `id=""`.

    Not through the Markdown escaping of other values: Python-Markdown would
    stash `&#95;` in an attribute list and leak its stash marker into the id
    and every link to it. Anything but a plain identifier is refused.
    """
    text = str(value)
    if not _ANCHOR.fullmatch(text):
        raise ValueError(f"not an anchor: {text!r}")
    return Markup(text)


def _time(value: Any) -> Markup:
    """A date for a reader, in a <time> element whose `datetime` keeps the ISO form; a quarter as plain text."""
    text = safe_text.plain(i18n.active().date(value))
    iso = value.isoformat() if isinstance(value, dt.date) else str(value or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        try:
            dt.date.fromisoformat(iso)
            return Markup(f'<time datetime="{iso}">{text}</time>')
        except ValueError:
            pass
    return Markup(text)


def install_messages(env: jinja2.Environment) -> None:
    """`{% trans %}` and `_()` in templates read the build's active catalogue (see i18n).

    A translation (or a site's `labels:` override) is text, escaped like any
    value; its format fields are filled in afterwards, escaped by Jinja unless Markup.
    """
    env.install_gettext_callables(
        gettext=lambda message: _escaped(i18n.active(), message),
        ngettext=lambda s, p, n: Markup(safe_text.plain(i18n.active().ngettext(s, p, n))),
        newstyle=False,
    )


class CompiledLabels(InternationalizationExtension):
    """Jinja2's i18n extension, with a label that has no format field translated once, when the template compiles.

    An environment belongs to one build and so to one language (templates
    compile inside its `i18n.use`), so `{% trans %}Outcomes{% endtrans %}`
    can become the escaped text itself: no call per label per page. Labels
    with format fields or plurals are translated when rendered, as usual.
    """

    def _make_node(self, singular, plural, context, variables, plural_expr, vars_referenced, num_called_num):
        if plural is None and context is None and not variables and not vars_referenced:
            return nodes.Output([nodes.TemplateData(str(_escaped(i18n.active(), singular.replace("%%", "%"))))])
        return super()._make_node(singular, plural, context, variables, plural_expr, vars_referenced, num_called_num)


@functools.lru_cache(maxsize=2048)
def _escaped(messages: i18n.Messages, message: str) -> Markup:
    """A label as escaped text; the same few hundred labels recur on every page."""
    return Markup(safe_text.plain(messages.gettext(message)))


@dataclass
class SiteData:
    """What the renderer needs beyond the handbook: the build date, the rest optional."""

    today: dt.date  # the one build date (`rolebook.build.settings.build_date`, resolved by the caller)
    diagrams: Mapping[str, str] = field(default_factory=dict)  # src_uri -> inline SVG
    history: Any = None  # rolebook.history.History, when the handbook is in git
    tags_in_meta: bool = False  # a tags plugin (Material's) reads role tags from front matter
    timing: Any = None  # rolebook.model.review_rhythm.Timing: build date, review policy, git dates
    health: Any = None  # rolebook.review.HealthReport, for the health page


class Renderer:
    """Renders every page of a handbook; one instance per build."""

    def __init__(
        self,
        handbook: Handbook,
        *,
        urls: Urls | None = None,
        templates_dir: str | Path | None = None,
        data: SiteData,
    ):
        self.handbook = handbook
        self.urls = urls or Urls()
        self.env = make_environment(templates_dir)
        self.data = data
        self.pages = plan(handbook)

    def render_all(self) -> dict[str, str]:
        return {page.src_uri: self.render(page) for page in self.pages}

    def render(self, page: PagePlan) -> str:
        template = self.env.get_template(TEMPLATE_FOR[page.kind])
        view = PageView(self, page)
        context: dict[str, Any] = {"page": view, "handbook": self.handbook, "today": self.data.today}
        if page.kind in ("role", "onboarding"):
            entry = self.handbook.role(page.key)
            context["entry"] = entry
            context["role"] = entry.role
            context["team"] = self.handbook.teams[entry.team]
        elif page.kind == "team":
            context["team"] = self.handbook.teams[page.key]
        return with_front_matter(template.render(context),
                                 page_meta(page.kind, context, tags_in_meta=self.data.tags_in_meta))


class PageView:
    """Helpers bound to one page: links, lookups and derived lists for templates."""

    def __init__(self, renderer: Renderer, page: PagePlan):
        self.r = renderer
        self.hb = renderer.handbook
        self.page = page
        self.src_uri = page.src_uri

    @property
    def tags_in_meta(self) -> bool:
        """Role tags go to front matter (the theme shows them) instead of the facts list."""
        return self.r.data.tags_in_meta

    # -- links ----------------------------------------------------------------

    def href(self, src_uri: str, anchor: str | None = None) -> Markup:
        """A URL for an href attribute: built from slugs, escaped for the attribute."""
        return _attr(self.r.urls.relative(self.src_uri, src_uri, anchor))

    def role_href(self, ref: str, anchor: str | None = None) -> Markup:
        return self.href(role_src(ref), anchor)

    def role_link(self, ref: str, team: str | None = None) -> Markup:
        """A link to a role by ref, with its title; plain text when it does not resolve."""
        full = self.hb.role_ref(ref, team) if team else ref
        target = self.hb.role(full)
        if target is None:
            return fragment("<code>{ref}</code>", ref=ref)
        link = fragment('<a href="{href}">{title}</a>', href=self.role_href(full), title=link_text(target.role.title))
        if target.role.status != "retired":
            return link
        return fragment('{link} <span class="rolebook-badge rolebook-badge--retired">{retired}</span>',
                        link=link, retired=i18n.value("retired"))

    def team_link(self, team_id: str) -> Markup:
        team = self.hb.teams[team_id]
        return fragment('<a href="{href}">{title}</a>', href=self.href(team_src(team_id)), title=link_text(team.title))

    def item_link(self, entry: RoleEntry, ref: str, kind: str) -> Markup:
        """A link to an outcome/output/activity given as written in `entry`'s file.

        Another role's item names its role after the title, in the same link.
        """
        role_ref, item_id = self.hb.item_ref(ref, entry)
        target = self.hb.role(role_ref)
        item = _find(target, kind, item_id) if target else None
        if item is None:
            return fragment("<code>{ref}</code>", ref=ref)
        label = link_text(item.title)
        if role_ref != entry.ref or self.page.kind != "role":
            label = fragment('{title} <span class="rolebook-muted">({role})</span>',
                             title=label, role=link_text(target.role.title))
        return fragment('<a href="{href}">{label}</a>', href=self.role_href(role_ref, f"{kind}-{item_id}"), label=label)

    def onboarding_href(self, ref: str) -> Markup:
        return self.href(onboarding_src(ref))

    def changes_href(self) -> Markup:
        return self.href(CHANGES)

    def location(self, location: str | None) -> Markup:
        """An output's location as a link; relative paths are paths in the site."""
        if not location:
            return fragment('<em class="rolebook-muted">{text}</em>', text=_("not recorded"))
        if not is_allowed(location):
            return fragment("<code>{location}</code>", location=location)
        if scheme(location):
            href = location
        else:
            path, _hash, anchor = location.partition("#")
            if path.endswith(".md"):
                path = self.r.urls.url(path)
            href = self.r.urls.to_root(self.src_uri, path) + (f"#{anchor}" if anchor else "")
        shown = location.removeprefix("mailto:")
        return fragment('<a href="{href}">{shown}</a>', href=_attr(href), shown=shown)

    # -- derived data -----------------------------------------------------------

    def manager(self, entry: RoleEntry) -> RoleEntry | None:
        return self.hb.role(self.hb.role_ref(entry.role.reports_to, entry.team)) if entry.role.reports_to else None

    def direct_reports(self, entry: RoleEntry) -> list[RoleEntry]:
        return self.hb.direct_reports(entry.ref)

    def leads_to(self, entry: RoleEntry, outcome_id: str) -> list[tuple[RoleEntry, str, Any]]:
        """(role, kind, item) for every activity or output, in any role, that leads to this outcome."""
        return list(self.hb.graph.leads_to.get((entry.ref, outcome_id), ()))

    def outcomes_by_due(self, entry: RoleEntry, open_only: bool = False) -> list[Any]:
        """The role's outcomes as a reader weighs them: open ones first, each group by due date, undated last."""
        order = {"open": 0}
        outcomes = [o for o in entry.role.outcomes if o.status == "open" or not open_only]
        return sorted(outcomes, key=lambda o: (order.get(o.status, 1), due_end(o.due) or dt.date.max))

    def owner(self, outcome: Any) -> Markup:
        """An outcome's owner: a link when it names a role (`team/role`), else the name as written."""
        if "/" in outcome.owner and self.hb.role(outcome.owner):
            return self.role_link(outcome.owner)
        return fragment("{owner}", owner=outcome.owner)

    def produced_by(self, entry: RoleEntry, output_id: str) -> list[Any]:
        return [a for a in entry.role.activities if output_id in a.produces]

    def item_href(self, role_ref: str, kind: str, item_id: str) -> Markup:
        return self.role_href(role_ref, f"{kind}-{item_id}")

    # A team with more roles than this gets its roles table grouped by manager, with an index.
    team_groups_from = 24
    # How many open outcomes a team page lists before "All N open outcomes".
    team_outcomes_shown = 20

    def team_groups(self, team_id: str) -> list[tuple[RoleEntry | None, list[RoleEntry]]]:
        """The team's roles grouped by the role they report to (None: no manager in the team), each in
        title order; the groups in the order of their manager's title, the lead's group first."""
        team = self.hb.teams[team_id]
        groups: dict[str, list[RoleEntry]] = {}
        for e in self.team_roles(team_id):
            manager = self.manager(e)
            groups.setdefault(manager.ref if manager and manager.team == team_id else "", []).append(e)
        lead = self.hb.role_ref(team.meta.lead, team_id) if team.meta and team.meta.lead else None
        order = sorted(groups, key=lambda ref: (ref != "", ref != lead, self.hb.role(ref).role.title.lower() if ref else ""))
        return [(self.hb.role(ref) if ref else None, groups[ref]) for ref in order]

    def team_roles(self, team_id: str) -> list[RoleEntry]:
        team = self.hb.teams[team_id]
        return sorted(team.roles.values(), key=lambda e: (e.role.status == "retired", e.role.title.lower(), e.id))

    def open_outcomes(self, entries: Iterable[RoleEntry]) -> list[tuple[RoleEntry, Any]]:
        """Open outcomes sorted by due date (undated last), then role and id."""
        rows = [(e, o) for e in entries if e.role.status != "retired" for o in e.role.outcomes if o.status == "open"]
        return sorted(rows, key=lambda row: (due_end(row[1].due) or dt.date.max, row[0].ref, row[1].id))

    @property
    def due_horizon(self) -> dt.date:
        return self.r.data.today + dt.timedelta(days=OVERVIEW_DUE_DAYS)

    # How many of the outcomes due soon the overview lists before "All N outcomes due soon".
    due_soon_shown = 10

    def due_soon(self) -> list[tuple[RoleEntry, Any]]:
        """Open outcomes due within OVERVIEW_DUE_DAYS of the build date, overdue ones included."""
        return [(e, o) for e, o in self.open_outcomes(self.hb.roles()) if o.due and due_end(o.due) <= self.due_horizon]

    def successor_contacts(self, entry: RoleEntry) -> list[tuple[str, Markup]]:
        """Who a successor should meet, each once: (full role ref, why), in a useful order.

        The role's own onboarding contacts first, then its manager, the roles
        it shares outcomes with, and its direct reports.
        """
        seen: dict[str, list[Markup]] = {}

        def add(ref: str, why: Markup) -> None:
            seen.setdefault(ref, []).append(why)

        for contact in entry.role.onboarding.contacts:
            add(self.hb.role_ref(contact.role, entry.team), Markup(safe_text.inline(contact.why)))
        manager = self.manager(entry)
        if manager:
            add(manager.ref, fragment("{why}", why=_("Your manager: this role reports to it.")))
        for outcome in entry.role.outcomes:
            for shared in outcome.shared_with:
                href = Markup(f"#outcome-{anchor(outcome.id)}") if self.page.kind == "role" else (
                    self.item_href(entry.ref, "outcome", outcome.id))
                link = fragment('<a href="{href}">{title}</a>', href=href, title=link_text(outcome.title))
                add(self.hb.role_ref(shared.role, entry.team),
                    fragment(html.escape(_("Shares the outcome {outcome}: {part}")),  # a translation: text around the fields
                             outcome=link, part=Markup(safe_text.inline(shared.part))))
        for report in self.direct_reports(entry):
            add(report.ref, fragment("{why}", why=_("Reports to this role.")))
        return [(ref, join(reasons, " ")) for ref, reasons in seen.items() if ref != entry.ref]

    def is_overdue(self, outcome: Any) -> bool:
        return bool(outcome.due) and due_end(outcome.due) < self.r.data.today

    def vacant_roles(self) -> list[RoleEntry]:
        return [e for e in self.hb.roles() if not e.role.holders and e.role.status != "retired"]

    # -- the operating manual (checklists and time) ----------------------------

    def checklists(self, entry: RoleEntry) -> list:
        today = self.r.data.today
        lists = [checklists.weekly_plan(entry, today), checklists.monthly_review(self.hb, entry),
                 checklists.quarterly_review(entry, today)]
        return [c for c in lists if c.items]

    def onboarding_checklists(self, entry: RoleEntry) -> list:
        return checklists.onboarding_lists(entry)

    def checklist_html(self, checklist, link_items: bool = True, searchable: bool = True) -> Markup:
        """Real checkboxes: disabled until the script enables them, so without it they read as a list.

        `searchable=False`: out of the search index (a role page's lists repeat its items' titles)."""
        return self._checklist_box(checklist.name, [self._checklist_items(checklist, link_items)], searchable)

    def checklist_group_html(self, lists) -> Markup:
        """Several short lists (the successor's first week, 30 and 90 days) as one checklist:
        a named group each, one "Clear ticks" for all; each group keeps its `checklist-<name>` anchor."""
        groups = [fragment('<p class="rolebook-checklist__group" id="checklist-{name}"><strong>{title}</strong></p>{items}',
                           name=anchor(c.name), title=c.title, items=self._checklist_items(c, False)) for c in lists]
        return self._checklist_box("onboarding", groups, True)

    def _checklist_items(self, checklist, link_items: bool) -> Markup:
        rows = []
        for item in checklist.items:
            # The jump link sits beside the label, so the checkbox is named by the item text alone,
            # and is named after the item it leads to.
            ref = Markup(self._checklist_ref(item.anchor)) if link_items else ""
            rows.append(fragment('<li><label><input type="checkbox" disabled data-rolebook-key="{key}"> '
                                 '<span class="rolebook-checklist__text">{text}</span></label>{ref}</li>',
                                 key=Markup(item.key), text=Markup(safe_text.inline(item.text)), ref=ref))
        return fragment("<ul>\n{rows}\n</ul>", rows=join(rows, "\n"))

    def _checklist_box(self, name: str, parts: list[Markup], searchable: bool) -> Markup:
        # The exclusion sits on the checklist's own div, which holds no other div: Material's
        # search parser matches an excluded element by tag alone, so a nested div would end it.
        exclude = Markup("" if searchable else " data-search-exclude")
        return fragment('<div class="rolebook-checklist" data-rolebook-list="{name}"{exclude}>\n{parts}\n'
                        '<p data-search-exclude><button type="button" class="rolebook-clear md-button" hidden>{clear}'
                        '</button></p>\n</div>', name=Markup(anchor(name)), exclude=exclude, parts=join(parts, "\n"),
                        clear=_("Clear ticks"))

    def _checklist_ref(self, anchor: str | None) -> str:
        entry = self.hb.role(self.page.key) if anchor and self.page.kind == "role" else None
        kind, _dash, item_id = (anchor or "").partition("-")
        item = _find(entry, kind, item_id) if entry else None
        if item is None:
            return ""
        name = safe_text.plain(_("Go to {item}").format(item=item.title))
        return (f' <a class="rolebook-checklist__ref" href="#{anchor}" aria-label="{name}" data-search-exclude>'
                '<span aria-hidden="true">↗</span></a>')

    def when(self, value: Any) -> Markup:
        """A date as `<time datetime>`; anything else (a quarter such as 2027-Q1) as plain text; in the site's language."""
        return _time(value)

    def time_allocation(self, entry: RoleEntry):
        return checklists.time_allocation(entry)

    def time_bar(self, allocation) -> Markup:
        """A stacked bar, one colour per category; the table beside it carries the same figures."""
        spans = [f'<span class="rolebook-cat-{s.key}" style="width: {s.percent:g}%" title="{safe_text.plain(s.label)}: '
                 f'{i18n.active().percent(s.percent)}"></span>' for s in allocation.by_category]
        if allocation.unallocated:
            unallocated = safe_text.plain(_("Unallocated"))
            spans.append(f'<span class="rolebook-cat-unallocated" style="width: {allocation.unallocated:g}%" '
                         f'title="{unallocated}: {i18n.active().percent(allocation.unallocated)}"></span>')
        return Markup('<div class="rolebook-time-bar" aria-hidden="true">' + "".join(spans) + "</div>")

    def diagram(self, src_uri: str | None = None) -> Markup:
        svg = self.r.data.diagrams.get(src_uri or self.src_uri)
        return Markup(svg) if svg else Markup("")

    @property
    def history(self) -> Any:
        return self.r.data.history

    def last_changed(self, entry: RoleEntry) -> str | None:
        history = self.r.data.history
        if history is None:
            return None
        return history.last_changed.get(entry.path.relative_to(self.hb.root).as_posix())

    def role_history(self, entry: RoleEntry) -> list:
        history = self.r.data.history
        return history.role_changes(entry.ref) if history else []

    def review(self, entry: RoleEntry) -> Any:
        """The role's review state (last reviewed, review due), or None without a build timing."""
        from rolebook.model.review_rhythm import review_state

        timing = self.r.data.timing
        return review_state(self.hb, entry, timing) if timing is not None else None

    def health_href(self) -> Markup:
        return self.href(HEALTH)

    def health_link(self) -> Markup:
        return fragment('<a href="{href}">{text}</a>', href=self.health_href(), text=_("handbook health"))

    def health_markdown(self) -> Markup:
        """The health report as Markdown, role names linked: the same text `rolebook review` prints."""
        from rolebook.reports.health import to_markdown

        report = self.r.data.health
        if report is None:
            return Markup('<p class="rolebook-muted">No health report in this build.</p>')
        return Markup(to_markdown(report, title=None,  # the page template writes the title
                                  link=self._markdown_link,
                                  path_of=lambda f: self._handbook_path(f.path)))

    def _markdown_link(self, ref: str, anchor: str | None) -> str:
        """A Markdown link target: the role page's source path, which MkDocs checks and turns into its URL."""
        import posixpath

        target = posixpath.relpath(role_src(ref), posixpath.dirname(self.src_uri) or ".")
        return target + (f"#{anchor}" if anchor else "")

    def _handbook_path(self, path: str) -> str:
        try:
            return Path(path).relative_to(self.hb.root).as_posix()
        except ValueError:
            return Path(path).name

    def release_markdown(self, release) -> Markup:
        """The diff as Markdown: role text in it was escaped for Markdown by diff.md()."""
        return Markup(release.markdown)

    def teams(self):
        return self.hb.teams_in_order()

    def count(self, team_id: str, what: str) -> int:
        roles = self.hb.teams[team_id].roles.values()
        if what == "roles":
            return sum(1 for e in roles if e.role.status != "retired")
        if what == "open":
            return sum(1 for e in roles for o in e.role.outcomes if o.status == "open")
        if what == "vacant":
            return sum(1 for e in roles if not e.role.holders and e.role.status != "retired")
        raise ValueError(what)


def _attr(url: str) -> Markup:
    """Escaped for the attribute; `{`/`}` as references too (no template tag for a macros plugin)."""
    return Markup(html.escape(url, quote=True).replace("{", "&#123;").replace("}", "&#125;"))


def _find(entry: RoleEntry, kind: str, item_id: str):
    return next((i for i in entry.role.items_of(kind) if i.id == item_id), None)


def write_pages(pages: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Write rendered pages under out_dir, creating folders; returns the paths."""
    written = []
    for src_uri, text in sorted(pages.items()):
        path = out_dir.joinpath(*src_uri.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
