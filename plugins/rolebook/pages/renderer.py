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
from rolebook.model import checklists, people, standing
from rolebook.model.format import CATEGORY_LABELS, RECURS_LABELS, due_end
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import holder_label
from rolebook.model.review_rhythm import OVERVIEW_DUE_DAYS
from rolebook.model.rules import OUTCOME_OVERDUE
from rolebook.model.site_plan import (
    CHANGES,
    HEALTH,
    PagePlan,
    Urls,
    onboarding_src,
    people_src,
    person_src,
    plan,
    role_src,
    team_src,
)
from rolebook.pages.front_matter import page_meta, with_front_matter
from rolebook.reports.changes import CHANGE_LABELS, UNRELEASED, field_label
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
    "people": "people.md.j2",
    "person": "person.md.j2",
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
    env.filters["field"] = field_label
    env.filters["anchor"] = anchor
    env.filters["link_text"] = link_text
    return env


PERSON_KEY = "person:"  # a successor contact that is a person, not a role ref
_LINK_TAG = re.compile(r"</?a\b[^>]*>")


@functools.lru_cache(maxsize=65536)  # a title is the words of every link to its role or item
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
    show_emails: bool = False  # the site option: e-mail addresses on person pages
    delivery: Any = None  # the delivery record as `delivery.json` holds it (history.delivery_record.to_json)
    feeds: str = "off"  # the site option calendar_feeds: on, titles or off


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
        elif page.kind == "person":
            context["person"] = self.handbook.people[page.key]
        return with_front_matter(template.render(context),
                                 page_meta(page.kind, context, tags_in_meta=self.data.tags_in_meta))


def _figure(value) -> str:
    """A count or a median for a record table; a dash when there is none."""
    return "–" if value is None else f"{value:g}"


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

    def holder(self, holder: Any) -> Markup:
        """A holder's name (the person's, for `person:`), escaped."""
        return Markup(safe_text.plain(holder_label(self.hb, holder)))

    # -- people ---------------------------------------------------------------

    def person_link(self, person: Any) -> Markup:
        """A person's name, linked to their page when the site has person pages."""
        name = link_text(person.name) if person is not None else Markup("")
        if person is None or not self.hb.has_person_pages or person.id not in self.hb.people:
            return name
        return Markup(f'<a href="{self.href(person_src(self.hb.people_folder, person.id))}">{name}</a>')

    def holder_link(self, holder: Any) -> Markup:
        person = people.holder_person(self.hb, holder)
        return self.person_link(person) if person is not None else self.holder(holder)

    def people_href(self) -> Markup:
        return self.href(people_src(self.hb.people_folder))

    def people_list(self) -> list:
        return sorted(self.hb.people.values(), key=lambda p: (p.name.casefold(), p.id))

    def roles_held(self, person: Any) -> list:
        return people.roles_held(self.hb, person.id)

    def outcomes_owned(self, person: Any) -> list:
        return people.outcomes_owned(self.hb, person.id)

    def roles_covered(self, person: Any) -> list:
        return people.roles_covered(self.hb, person.id)

    def total_share(self, person: Any) -> float | None:
        shares = [h.share for _, h in self.roles_held(person) if h.share is not None]
        return sum(shares) if shares else None

    def cover(self, entry: RoleEntry) -> list[Markup]:
        """Who covers a role, each as a link (a person's page, or the role)."""
        out = []
        for cover in entry.role.cover:
            person, role = people.cover_names(self.hb, entry, cover)
            if person is not None:
                out.append(self.person_link(person))
            elif role is not None:
                out.append(self.role_link(role.ref))
            else:
                out.append(Markup(f"<code>{safe_text.plain(cover.person or cover.role)}</code>"))
        return out

    def handles(self, person: Any) -> list[tuple[str, Markup]]:
        """(service label, link or text) for each handle; e-mail only when the site allows it."""
        out = []
        if person.github:
            out.append(("GitHub", self._profile("https://github.com/", person.github)))
        if person.gitlab:
            out.append(("GitLab", self._profile("https://gitlab.com/", person.gitlab)))
        if person.chat:
            out.append((str(_("Chat")), Markup(safe_text.plain(person.chat))))
        if person.email and self.r.data.show_emails:
            address = safe_text.plain(person.email)
            out.append((str(_("E-mail")), Markup(f'<a href="mailto:{_attr(person.email)}">{address}</a>')))
        if person.time_zone:
            out.append((str(_("Time zone")), Markup(safe_text.plain(person.time_zone))))
        return out

    @staticmethod
    def _profile(base: str, handle: str) -> Markup:
        """A profile link; a handle that is not a plain username (RB121) is shown as text, never linked."""
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", handle):
            return Markup(f"<code>{safe_text.plain(handle)}</code>")
        return Markup(f'<a href="{_attr(base + handle)}">{safe_text.plain(handle)}</a>')

    def owner(self, outcome: Any, entry: RoleEntry | None = None) -> Markup:
        """An outcome's owner for a reader: a person linked to their page; a role as its title, linked, with who
        holds it; anything else as written."""
        text = outcome.owner.strip()
        target = people.resolve_ref(self.hb, text, entry.team if entry is not None else None)
        if isinstance(target, RoleEntry):
            holders = ", ".join(holder_label(self.hb, h) for h in target.role.holders)
            held = f' <span class="rolebook-muted">({safe_text.plain(holders)})</span>' if holders else ""
            return Markup(str(self.role_link(target.ref)) + held)
        if target is not None:
            return self.person_link(target)
        return Markup(safe_text.plain(text))

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
        today = self.r.data.today

        def when(o: Any) -> dt.date:  # a standing outcome by the delivery it owes next
            day = standing.next_due(o, today) if o.recurs and o.status == "open" else due_end(o.due)
            return day or dt.date.max
        return sorted(outcomes, key=lambda o: (order.get(o.status, 1), when(o)))

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
        today = self.r.data.today
        return sorted(rows, key=lambda row: (standing.next_due(row[1], today) or dt.date.max, row[0].ref, row[1].id))

    @property
    def due_horizon(self) -> dt.date:
        return self.r.data.today + dt.timedelta(days=OVERVIEW_DUE_DAYS)

    # How many of the outcomes due soon the overview lists before "All N outcomes due soon".
    due_soon_shown = 10

    def due_soon(self) -> list[tuple[RoleEntry, Any]]:
        """Open outcomes due within OVERVIEW_DUE_DAYS of the build date, overdue ones included."""
        today = self.r.data.today
        return [(e, o) for e, o in self.open_outcomes(self.hb.roles())
                if (standing.next_due(o, today) or dt.date.max) <= self.due_horizon]

    def contact_link(self, key: str) -> Markup:
        """A successor contact: a role (by full ref) or a person (`person:<id>`)."""
        if key.startswith(PERSON_KEY):
            written = key[len(PERSON_KEY):]
            person = people.resolve_ref(self.hb, written)
            if isinstance(person, people.Person):
                return self.person_link(person)
            return Markup(f"<code>{safe_text.plain(written)}</code>")
        return self.role_link(key)

    def successor_contacts(self, entry: RoleEntry) -> list[tuple[str, Markup]]:
        """Who a successor should meet, each once: (full role ref or `person:<id>`, why), in a useful order.

        The role's own onboarding contacts first, then its manager, the roles
        it shares outcomes with, and its direct reports.
        """
        seen: dict[str, list[Markup]] = {}

        def add(ref: str, why: Markup) -> None:
            seen.setdefault(ref, []).append(why)

        for contact in entry.role.onboarding.contacts:
            key = (f"{PERSON_KEY}{contact.person}" if contact.role is None
                   else self.hb.role_ref(contact.role, entry.team))
            add(key, Markup(safe_text.inline(contact.why)))
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

    def is_overdue(self, outcome: Any, entry: RoleEntry | None = None) -> bool:
        """Open and past its date (a standing outcome: a period ended unmet), unless its file silences RB113.

        `entry`: the outcome's role (default: this page's role)."""
        if entry is None and self.page.kind in ("role", "onboarding"):
            entry = self.hb.role(self.page.key)
        if entry is not None and entry.role.silences(OUTCOME_OVERDUE, outcome):
            return False
        return standing.is_overdue(outcome, self.r.data.today)

    def when_due(self, outcome: Any) -> Markup:
        """The delivery date to show: a one-off's `due:` (or "no date"); a standing one's rhythm and next date."""
        if outcome.recurs:
            rhythm = safe_text.plain(_(RECURS_LABELS[outcome.recurs]))
            upcoming = standing.next_due(outcome, self.r.data.today)
            if upcoming is None:
                return Markup(rhythm)
            return Markup(html.escape(_("{rhythm}, next by {date}"))).format(rhythm=Markup(rhythm), date=_time(upcoming))
        if outcome.due:
            return _time(outcome.due)
        return Markup('<em class="rolebook-muted">' + safe_text.plain(_("no date")) + "</em>")

    def done_on(self, outcome: Any) -> Markup:
        """When it was delivered (a standing outcome: last met), or empty."""
        if not outcome.done_on:
            return Markup("")
        label = _("last met {date}") if outcome.recurs else _("done on {date}")
        return Markup(html.escape(label)).format(date=_time(outcome.done_on))

    def vacant_roles(self) -> list[RoleEntry]:
        return [e for e in self.hb.roles() if not e.role.holders and e.role.status != "retired"]

    # -- the operating manual (checklists and time) ----------------------------

    def checklists(self, entry: RoleEntry) -> list:
        today = self.r.data.today
        lists = [checklists.weekly_plan(entry, today), checklists.monthly_review(self.hb, entry, today),
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

    # -- the delivery record (history.delivery_record, as delivery.json holds it) --------------

    def delivery_role(self, entry: RoleEntry) -> Markup:
        """The role page's record: a short line, then one row per outcome (HTML: it scrolls in its own box)."""
        from rolebook.reports.delivery import VERDICT_LABELS, summary_line

        data = self.r.data.delivery
        role = data["roles"].get(entry.ref) if data and data.get("available") else None
        if role is None:
            return Markup("")
        rows = []
        for o in role["outcomes"]:
            result = ", ".join(_(VERDICT_LABELS[v["verdict"]]) for v in o["verdicts"][-3:]) or "–"
            # Dates for a reader, the ISO form kept in <time datetime>; a quarter in words ("Q1 2027").
            rows.append("<tr>" + "".join(f"<td>{fragment('{cell}', cell=cell)}</td>" for cell in (
                o["title"], _time(o["first_due"]) if o["first_due"] else "–", _time(o["due"]) if o["due"] else "–",
                len(o["redatings"]), result)) + "</tr>")
        head = "".join(f"<th>{safe_text.plain(label)}</th>" for label in (
            _("Outcome"), _("First due"), _("Due"), _("Re-dated"), _("Result")))
        return Markup(f'<p>{safe_text.plain(summary_line(role["counts"]))}</p>\n'
                      f'<div class="rolebook-table-wrap"><table class="rolebook-table">'
                      f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')

    def delivery_team(self, team_id: str) -> Markup:
        """The team page's record: the team's line, then its roles' counts."""
        from rolebook.reports.delivery import COLUMNS, summary_line

        data = self.r.data.delivery
        if not data or not data.get("available") or team_id not in data["teams"]:
            return Markup("")
        head = "".join(f"<th>{safe_text.plain(label)}</th>" for label in [_("Role")] + [_(c) for _k, c in COLUMNS])
        rows = []
        for ref, role in data["roles"].items():
            if ref.split("/", 1)[0] != team_id:
                continue
            name = self.role_link(ref) if self.hb.role(ref) else Markup(f"<code>{safe_text.plain(ref)}</code>")
            cells = "".join(f"<td>{_figure(role['counts'][k])}</td>" for k, _c in COLUMNS)
            rows.append(f"<tr><td>{name}</td>{cells}</tr>")
        return Markup(f'<p>{safe_text.plain(summary_line(data["teams"][team_id]))}</p>\n'
                      f'<div class="rolebook-table-wrap"><table class="rolebook-table">'
                      f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')

    @property
    def people_folder(self) -> str:
        return self.hb.people_folder

    def feed_links(self, path: str) -> Markup:
        """Links to subscribe to the calendar at site path `path` (`webcal:` needs the site's `site_url`)
        and to download it; nothing when the site turns feeds off."""
        import posixpath

        if self.r.data.feeds == "off":
            return Markup("")
        page_url = self.r.urls.url(self.src_uri)
        here = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        download = _attr(posixpath.relpath(path, here or "."))
        subscribe, save = safe_text.plain(_("Subscribe to the due dates")), safe_text.plain(_("Download the calendar (.ics)"))
        # the page does not depend on site_url (a served and a built page are the same): rolebook.js turns the
        # subscribe link into webcal: with the address the page is read at
        return Markup(f'<p class="rolebook-actions"><a class="md-button" href="{download}" data-rolebook-webcal>'
                      f'{subscribe}</a> <a href="{download}" download>{save}</a></p>')

    def delivery_markdown(self) -> Markup:
        """The health page's record: what `rolebook record` prints, role refs linked."""
        from rolebook.reports.delivery import to_markdown

        data = self.r.data.delivery
        if not data:
            return Markup("")
        return Markup(to_markdown(data, link=lambda ref: self._markdown_link(ref, None) if self.hb.role(ref) else None,
                                  heading="##"))

    def health_markdown(self) -> Markup:
        """The health report as Markdown, role names linked: the same text `rolebook review` prints."""
        from rolebook.reports.health import to_markdown

        report = self.r.data.health
        if report is None:
            return Markup('<p class="rolebook-muted">' + safe_text.plain(_("No health report in this build.")) + "</p>")
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
        """The diff as Markdown, roles of this handbook linked: role text in it was escaped for Markdown by diff.md()."""
        from rolebook.reports.changes import to_markdown

        def link(ref: str, anchor: str | None) -> str | None:
            return self._markdown_link(ref, anchor) if self.hb.role(ref) is not None else None

        return Markup(to_markdown(release.changes, heading="###", link=link))

    def release_name(self, release) -> str:
        """A release's name: its tag, or "Unreleased" in the reader's language for the changes after the newest tag."""
        return _(UNRELEASED) if release.unreleased else release.tag

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
