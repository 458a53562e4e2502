"""The `rolebook` MkDocs plugin: load and check once, hand MkDocs pages and nav."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from rolebook import i18n, resources
from rolebook.build import warm_cache as build_cache
from rolebook.build.build_date import build_date
from rolebook.build.incremental import IncrementalBuilder, Update
from rolebook.build.page_folder import PAGES_FOLDER, PageFolder
from rolebook.build.pipeline import BuildResult, build_handbook
from rolebook.diagrams.runner import DiagramError, graphviz_version
from rolebook.mkdocs_plugin import html_blocks, navigation
from rolebook.mkdocs_plugin.config import RolebookConfig
from rolebook.mkdocs_plugin.dirty_serve import DirtyServeHelper, PageFilesMemo, settle_heap, watch_often
from rolebook.mkdocs_plugin.html_cache import HtmlCache
from rolebook.mkdocs_plugin.other_plugins import GitDates
from rolebook.mkdocs_plugin.other_plugins import find_plugin as find_git_dates_plugin
from rolebook.model.findings import Severity, severity_table
from rolebook.model.review_rhythm import ReviewPolicy
from rolebook.model.schema import schema_files
from rolebook.pages import diagram_slots
from rolebook.text.compaction import compact_html
from rolebook.text.log_line import one_line

log = get_plugin_logger(__name__)
_ANGLE = re.compile(r"&lt;|&gt;|&#0*60;|&#0*62;|&#x0*3c;|&#x0*3e;|<|>", re.IGNORECASE)
_LT = {"&lt;", "<"} | {f"&#{z}60;" for z in ("", "0", "00")} | {f"&#x{z}3c;" for z in ("", "0", "00")}
ASSET_URIS = ("assets/rolebook/rolebook.css", "assets/rolebook/rolebook.js")
# From this many generated pages on, `mkdocs serve` without --dirty gets a hint.
LARGE_HANDBOOK_PAGES = 400


class GeneratedFile(File):
    """A generated page backed by its file under the cache folder.

    `force` makes a `--dirty` build rebuild it although its source did not
    change: set when the navigation it shows changed.
    """

    force = False

    def is_modified(self) -> bool:
        return self.force or super().is_modified()


class RolebookPlugin(BasePlugin[RolebookConfig]):
    """Turns `handbooks/` into handbook pages, navigation and `roles.json`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.after_static_i18n = False
        self.own_files: list[File] = []  # what static-i18n would drop, added back after it ran
        self.language_folder = ""  # static-i18n's folder of the language being built ("" for the default)
        self.page_folders: dict[Path, PageFolder] = {}  # one per language (static-i18n builds them all)
        self.incrementals: dict[str, IncrementalBuilder] = {}  # one per language, while serving
        self.result: BuildResult | None = None  # None when a warm build took the manifest
        self.diagram_cache: dict[str, str] = {}  # kept across `mkdocs serve` rebuilds
        self.incremental = IncrementalBuilder()  # the last core build, kept across serve rebuilds
        self.page_folder: PageFolder | None = None  # generated files on disk, kept across serve rebuilds
        self.generated: dict[str, None] = {}  # src_uris of the generated pages, in plan order
        self.sources: dict[str, Path] = {}
        self.nav: list | None = None
        self.update: Update | None = None
        self.titles: dict[tuple[str, str], str] = {}  # (language folder, src_uri) -> last build's page title (dirty)
        self.hinted = False
        self.synced = None  # what the last sync of the pages folder wrote and removed
        self.html_cache: HtmlCache | None = None  # one build's Markdown -> HTML reuse
        self.theme_bytecode = _MemoryBytecodeCache()  # the theme's compiled templates, while serving
        self.page_files_memo = PageFilesMemo()  # serve: unchanged pages keep their files (see serving)
        self.nav_only: set[str] = set()  # serve --dirty: pages rebuilt only for the navigation they show
        self.deferred: list[File] = []  # serve --dirty: those of them built just after the rebuild (see serving)
        self.left_over: set[str] = set()  # serve --dirty: deferred pages a save came before
        self.helper: DirtyServeHelper | None = None
        self.edit_uris: dict[tuple[Path, Path], str] = {}  # serve: (YAML file, docs_dir) -> edit_uri
        self.server = None

    def on_startup(self, *, command, dirty) -> None:
        """Remember whether we serve: then errors are shown but do not stop the server."""
        self.serving = command == "serve"
        self.dirty = bool(dirty)

    def on_config(self, config):
        """Resolve paths, check the rule overrides, and make sure the Markdown we emit renders."""
        base = Path(config.config_file_path or ".").resolve().parent
        self.handbooks_dir = (base / self.config.handbooks_dir).resolve()
        self.templates_dir = (base / self.config.templates_dir).resolve() if self.config.templates_dir else None
        for option, folder in (("handbooks_dir", self.handbooks_dir), ("templates_dir", self.templates_dir)):
            if folder is not None and not folder.is_dir():
                raise PluginError(f"rolebook: {option}: folder {folder} does not exist: create it or change `{option}`")
        self.cache_dir = (base / self.config.cache_dir).resolve()
        try:
            severity_table(self.config.rules)
        except ValueError as exc:
            raise PluginError(f"rolebook: rules: {exc}") from None
        self.tags_in_meta = _tags_plugin_enabled(config)
        self.after_static_i18n = _follow_static_i18n(self, config)
        self.git_dates: GitDates | bool | None = None  # found at the first page: that plugin sets itself up in on_config
        try:
            self.review_policy = ReviewPolicy.from_options(self.config)
            self.build_day = build_date(self.config.today)
        except ValueError as exc:
            raise PluginError(f"rolebook: {exc}") from None
        if self.serving and self.dirty:
            self.helper = self.helper or DirtyServeHelper(self, log)
            self.left_over = self.helper.wait()  # the last rebuild's deferred pages are done with first
            self.left_over |= {f.src_uri for f in self.deferred}  # a rebuild that failed did not start them
            self.deferred = []
            if "rolebook/serve-dirty" not in config.plugins:
                config.plugins["rolebook/serve-dirty"] = self.helper
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # headings carry the contract's anchor ids
        for uri in ASSET_URIS:
            target = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in [str(x) for x in target]:
                target.append(uri)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Load, check and render the handbook; add its pages, assets and roles.json."""
        self.html_cache = None  # made afresh for this build's files (see on_pre_page)
        if not self.handbooks_dir.is_dir():
            raise PluginError(f"rolebook: handbooks_dir {self.handbooks_dir} is not a folder")
        self.messages = self._messages(config)  # here: static-i18n sets theme.language after on_config
        self.language_folder = _static_i18n_folder(config)
        self.incremental = self.incrementals.setdefault(self.language_folder, IncrementalBuilder())
        try:
            findings, unreadable, notes = self._build(config)
        except DiagramError as exc:
            raise PluginError(f"rolebook: {exc}") from None
        self._report(findings, unreadable, notes)
        if self.serving:
            settle_heap()  # once: later rebuilds' collections need not walk the kept build
        files = self._add_files(files, config)
        if self.serving and not self.dirty and not self.hinted and len(self.generated) >= LARGE_HANDBOOK_PAGES:
            self.hinted = True
            log.info(f"{len(self.generated)} handbook pages; `mkdocs serve --dirty` rebuilds only the "
                     "pages a save changes")
        return files

    def _build(self, config):
        """(findings, unreadable paths): the core build, incremental while serving, or the
        manifest of the last build when no input changed (see build_cache)."""
        options = {"rules": self.config.rules, "directory_urls": config.use_directory_urls, "today": self._today(),
                   "dot": self.config.dot, "history": self.config.history, "reviews": repr(self.review_policy),
                   "graphviz": graphviz_version(self.config.dot),  # an upgraded `dot` redraws
                   "messages": self.messages.key(), "tags_in_meta": self.tags_in_meta,  # the language and labels
                   "lift_html": html_blocks.enabled()}  # the page files hold HTML blocks apart, or not
        settings = build_cache.settings_digest(self.handbooks_dir, [resources.templates(), self.templates_dir], options,
                                               self.config.history)
        pages_dir = self.pages_dir
        key = None
        if not self.serving:
            key = build_cache.inputs_digest(self.handbooks_dir, settings)
            try:
                manifest = build_cache.load(self.lane_dir, key, pages_dir)
            except build_cache.DamagedCache as exc:
                log.info(f"build cache: {exc}; rebuilding it")
                manifest = None
            if manifest is not None:
                self.synced = None
                log.debug("nothing changed since the last build; reusing it")
                self.result, self.update = None, None
                self.generated = dict.fromkeys(manifest["pages"])
                self.sources = {src: Path(p) for src, p in manifest["sources"].items()}
                self.nav = manifest["nav"]
                return manifest["findings"], [Path(p) for p in manifest["unreadable"]], manifest["notes"]
        if not self.serving:
            return self._build_once(config, key, pages_dir)
        self.incremental.settings = settings
        self.incremental.last_update = None
        result = self._build_now(config)
        self.update = self.incremental.last_update
        if self.page_folder is None or self.page_folder.root != pages_dir:
            self.page_folder = self.page_folders.setdefault(pages_dir, PageFolder(pages_dir))
        generated = self.page_files_memo.files(result.pages, result.diagram_html)  # unchanged pages: last files
        generated.update({"roles.json": result.roles_json, **schema_files()})
        self.synced = self.page_folder.sync(generated)
        self.generated = dict.fromkeys(result.pages)
        self.sources = dict(result.sources)
        self.nav = navigation.nav_data(result.handbook)
        self.result = result
        return result.findings, result.unreadable, list(result.notes)

    def _build_once(self, config, key: str, pages_dir: Path):
        """A one-off build: each page and diagram goes to its file as it is made, and nothing
        of the build is kept but the page list (MkDocs reads the pages from their files)."""
        self.update = None
        self.page_folder = None
        writer = PageFolder(pages_dir, remember=False).writer()

        def sink(rel: str, text: str) -> None:
            for name, content in html_blocks.page_files(rel, text):
                writer.put(name, content)

        result = self._build_now(config, sink=sink)
        writer.put("roles.json", result.roles_json)
        for name, text in schema_files().items():
            writer.put(name, text)
        self.synced = writer.finish()
        self.generated = dict.fromkeys(result.pages)
        self.sources = dict(result.sources)
        self.nav = navigation.nav_data(result.handbook)
        build_cache.save(self.lane_dir, key, build_cache.manifest_of(result, writer.folder.digests(), self.nav))
        self.result = None
        findings, unreadable, notes = result.findings, result.unreadable, list(result.notes)
        del result  # the handbook goes before MkDocs reads the pages
        _release_core_memory()
        return findings, unreadable, notes

    @property
    def lane_dir(self) -> Path:
        """Where this language's build keeps its pages, manifest and HTML cache: the cache folder,
        or a folder in it for each further language static-i18n builds (each would evict the other's)."""
        return self.cache_dir / f"i18n-{self.language_folder}" if self.language_folder else self.cache_dir

    @property
    def pages_dir(self) -> Path:
        return self.lane_dir / PAGES_FOLDER

    def _file(self, cls, src_uri: str, config, inclusion=InclusionLevel.UNDEFINED) -> File:
        """A generated file backed by the pages folder; in a static-i18n language build, under that language's folder."""
        pages_dir = str(self.pages_dir)
        file = cls(src_uri, pages_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion)
        if self.language_folder:
            file = cls(src_uri, pages_dir, config.site_dir, config.use_directory_urls,
                       dest_uri=f"{self.language_folder}/{file.dest_uri}", inclusion=inclusion)
        file.generated_by = "rolebook"
        return file

    def _build_now(self, config, sink=None) -> BuildResult:
        return build_handbook(
            self.handbooks_dir,
            rules=self.config.rules,
            templates_dir=self.templates_dir,
            directory_urls=config.use_directory_urls,
            today=self._today(),
            dot=self.config.dot,
            cache_dir=self.cache_dir,
            memory_cache=self.diagram_cache if self.serving else None,  # kept for the next rebuild only
            with_history=self.config.history,
            messages=self.messages,
            tags_in_meta=self.tags_in_meta,
            review_policy=self.review_policy,
            log=log,
            incremental=self.incremental if self.serving else None,  # a one-off build keeps nothing
            sink=sink,
        )

    def _add_files(self, files: Files, config) -> Files:
        """Hand MkDocs the generated files (written under the cache folder, see page_files)."""
        docs_dir = Path(config.docs_dir).resolve()
        pages_dir = str(self.pages_dir)
        order = list(self.generated)
        written: set[str] = set()
        self.nav_only = set()
        if self.dirty and self.synced is not None:
            # Pages whose content changed are built (and served) first, then those rebuilt for their navigation.
            # A page whose diagram changed (the file beside it) changed too, though its Markdown did not.
            written = set(self.synced.written)
            written |= {src for src in order if src.rpartition("/")[2] == "index.md"
                        and diagram_slots.fragment_name(src) in written}
            order.sort(key=lambda src: src not in written)
        for src_uri in order:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(
                    f"rolebook: the handbook page {src_uri} collides with {existing.src_uri} in {config.docs_dir}: "
                    "rename the team or move the page"
                )
            file = self._file(GeneratedFile, src_uri, config, inclusion=InclusionLevel.NOT_IN_NAV)
            file.force = src_uri in written
            source = self.sources.get(src_uri)
            if source is not None:
                file.edit_uri = self._edit_uri(source, docs_dir)
            files.append(file)
        for uri in ASSET_URIS:
            files.append(File.generated(config, uri, abs_src_path=str(resources.ASSETS / Path(uri).name)))
        files.append(self._file(File, "roles.json", config))
        # role.schema.json and team.schema.json at the root: a stable URL for editors' `$schema=` modelines
        for name in schema_files():
            if files.get_file_from_path(name) is None:
                files.append(self._file(File, name, config))
        if self.dirty and self.update is not None and self.update.nav_changed:
            self._force_nav_pages(files, config)
            self.nav_only = {f.src_uri for f in files if getattr(f, "force", False) and f.src_uri not in written}
        if self.dirty and (self.nav_only or self.left_over):
            self._defer_nav_pages(files, written)
        if self.dirty and self.synced is not None:
            self._remove_stale_output(config, pages_dir)
        if self.after_static_i18n:  # it would drop them (not under docs_dir): added after it ran
            self.own_files = [f for f in files if getattr(f, "generated_by", None) == "rolebook"]
            files = Files([f for f in files if getattr(f, "generated_by", None) != "rolebook"])
        return files

    def _edit_uri(self, source: Path, docs_dir: Path) -> str:
        """The YAML file's path from docs_dir (for edit links); kept across serve rebuilds."""
        key = (source, docs_dir)
        uri = self.edit_uris.get(key)
        if uri is None:
            uri = os.path.relpath(source, docs_dir).replace(os.sep, "/")
            if self.serving:
                self.edit_uris[key] = uri
        return uri

    def _defer_nav_pages(self, files: Files, written: set[str]) -> None:
        """Generated pages rebuilt only for their navigation are built just after this rebuild (see serving)."""
        left_over, self.left_over = self.left_over, set()
        pages = [f for f in files if isinstance(f, GeneratedFile) and f.src_uri not in written
                 and (f.src_uri in self.nav_only or f.src_uri in left_over)]
        self.nav_only |= {f.src_uri for f in pages}
        # Not when browsers could not be told to reload, nor beside static-i18n's builds of the other languages.
        if self.server is None or not hasattr(self.server, "_epoch_cond") or self.after_static_i18n:
            for file in pages:
                file.force = True
            return
        for file in pages:
            file.force = False
        self.deferred = pages
        log.info(f"the {len(pages)} pages rebuilt only for their navigation are built after the reload")

    def _remove_stale_output(self, config, pages_dir: str) -> None:
        """A dirty build keeps the site folder: remove the built pages of roles that are gone."""
        for rel in self.synced.removed:
            if not rel.endswith(".md"):
                continue
            dest = Path(self._file(File, rel, config).abs_dest_path)
            site = Path(config.site_dir).resolve()
            if dest.resolve().parent.is_relative_to(site) and dest.is_file() and not dest.is_symlink():
                dest.unlink()
                try:
                    dest.parent.rmdir()
                except OSError:
                    pass  # other files left in it

    def _force_nav_pages(self, files: Files, config) -> None:
        """A dirty build after a change to the navigation: rebuild the pages that show what changed.

        With Material's `navigation.prune` a page shows the roles of its own team only (and its
        neighbours' titles in the footer), so a role's title, or a role added or removed, touches
        its team's pages and the pages next to them; a change to the teams (or another theme,
        which shows the whole navigation on every page) touches every page.
        """
        update = self.update
        pruned = config.theme.name == "material" and "navigation.prune" in (config.theme.get("features") or [])
        pages = [f for f in files.documentation_pages()]
        if update.teams_changed or not pruned:
            targets = {f.src_uri for f in pages}
            why = "the teams" if update.teams_changed else "the navigation every page shows"
        else:
            order = [p for _title, section in self.nav for p in section]
            targets = set()
            for title, section in self.nav:
                if section and section[0].partition("/")[0] in update.nav_teams:
                    first, last = order.index(section[0]), order.index(section[-1])
                    targets |= set(order[max(first - 1, 0): last + 2])
            in_sections = set(order)
            # the site-wide pages (overview, changes, health) sit beside the team sections
            targets |= {src for src in self.generated if src not in in_sections and not src.endswith("/onboarding.md")}
            why = "team " + ", ".join(sorted(update.nav_teams))
        forced = 0
        for file in pages:
            if file.src_uri in targets:
                if isinstance(file, GeneratedFile):
                    file.force = True
                    forced += 1
                elif not file.is_modified():
                    _touch_older(file)
                    forced += 1
        log.info(f"the navigation changed ({why}); rebuilding the {forced} pages that show it")

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        """Place the generated pages in the navigation: a section per team, in team order."""
        title = self.config.section_title
        if title == i18n.SECTION_TITLE:  # the default: in the site's language
            title = self.messages.gettext(title)
        return navigation.add_handbook(nav, files, self.nav, title)

    @event_priority(-100)  # after git-revision-date-localized has dated the page by the build
    def on_page_markdown(self, markdown, *, page, config, files):
        """Role, onboarding and team pages carry their YAML file's git dates (see git_dates)."""
        if self.git_dates is None:
            found = find_git_dates_plugin(config)
            self.git_dates = GitDates(found) if found is not None else False
        if self.git_dates and page.file.src_uri in self.generated:
            source = self.sources.get(page.file.src_uri)  # also after a warm build took the manifest
            if source is not None:
                self.git_dates.apply(page, source)
        return markdown

    def on_env(self, env, *, config, files):
        """In a dirty build, pages that were not read again keep last build's titles in the navigation.

        (MkDocs leaves their title empty: the nav would show nothing, or the file name.)
        While serving, the theme's compiled templates are kept in memory across rebuilds
        (MkDocs compiles them afresh for every rebuild); never on disk, where a cache
        of compiled code would be code a checkout could carry.
        """
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.theme_bytecode
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            key = (self.language_folder, file.src_uri)
            if page.markdown is not None:
                self.titles[key] = page.title
            elif self.dirty and key in self.titles:
                page.title = self.titles[key]
        return env

    def on_pre_page(self, page, *, config, files):
        """Generated pages whose Markdown did not change take their HTML and TOC from the cache."""
        if page.file.src_uri in self.generated:
            if self.html_cache is None:
                self.html_cache = HtmlCache(self.lane_dir / "html", config, files, salt=self.messages.key())
            self.html_cache.wrap(page)
        return page

    def on_post_build(self, *, config):
        """After a complete build, drop HTML cache entries no page used."""
        cache, self.html_cache = self.html_cache, None
        if cache is not None:
            log.debug(f"HTML cache: {cache.hits} pages reused, {cache.misses} converted")
            if not self.dirty:
                cache.prune()

    def on_page_content(self, html, *, page, config, files):
        """Put the page's HTML blocks and its diagram back in their places (see html_blocks, diagram_slots)."""
        if page.file.src_uri in self.generated:
            try:
                html, block_ids = html_blocks.fill(html, self.pages_dir, page.file.src_uri)
            except html_blocks.BlocksMismatch as exc:
                raise PluginError(f"rolebook: {exc}") from None
            html, ids = diagram_slots.fill(html, self.pages_dir, page.file.src_uri)
            ids |= block_ids
            if ids and page.present_anchor_ids is not None:
                page.present_anchor_ids = page.present_anchor_ids | ids
        return html

    def on_page_context(self, context, *, page, config, nav):
        """Make generated pages' titles safe for themes that unescape them.

        Material writes `{{ page.title | striptags }}` into `<title>` without
        autoescaping, and `striptags` turns `&lt;` back into `<`: a role titled
        `</title><script>` would become markup. Angle brackets in a role's page
        title become look-alike quotes; the page's own heading is untouched.
        """
        if page.file.src_uri in self.generated and page.title:
            page.title = _ANGLE.sub(lambda m: "‹" if m.group(0).lower() in _LT else "›", page.title)
        return context

    def on_post_page(self, output, *, page, config):
        """Generated pages leave without the theme's indentation (half their size)."""
        if page.file.src_uri in self.generated:
            return compact_html(output)
        return output

    def on_serve(self, server, *, config, builder):
        """Rebuild when a role file or a template override changes."""
        self.server = server  # serve --dirty tells browsers to reload after the deferred pages (see serving)
        if self.dirty:
            watch_often(server, str(self.handbooks_dir))  # a save is noticed sooner (see serving)
        else:
            server.watch(str(self.handbooks_dir))
        if self.templates_dir:
            server.watch(str(self.templates_dir))
        return server

    # -- helpers ---------------------------------------------------------------

    def _messages(self, config) -> i18n.Messages:
        """The labels' language: the plugin's `language`, else the theme's, else English."""
        language = self.config.language or config.theme.get("language") or None
        labels = self.config.labels
        problems = i18n.label_problems(labels) if labels else []
        if problems:
            raise PluginError("rolebook: labels: " + "; ".join(problems))
        messages = i18n.Messages(language, labels)
        if messages.fallback:
            shipped = ", ".join(["en"] + i18n.shipped_languages())
            log.info(f"rolebook: no translation for language {language!r} ({shipped} are shipped); labels stay English")
        return messages

    def _today(self) -> dt.date:
        """The build date: the `today` option, else SOURCE_DATE_EPOCH, else today (read in on_config)."""
        return self.build_day

    def _report(self, findings, unreadable, notes=()) -> None:
        """Log every finding with file:line:col; errors stop a build, never a server."""
        errors = 0
        for f in findings:
            path = os.path.relpath(f.path) if not os.path.relpath(f.path).startswith("..") else f.path
            line = one_line(f"{path}:{f.line}:{f.column}: {f.code} {f.message}")  # role text starts no line
            if f.severity is Severity.ERROR:
                errors += 1
                log.error(line)
            elif f.severity is Severity.WARNING:
                log.warning(line)
            else:
                log.info(line)
        for note in notes:
            log.info(note)
        if unreadable:
            names = ", ".join(os.path.relpath(p) for p in unreadable[:5])
            log.error(one_line(f"{len(unreadable)} role file(s) could not be read and have no page: {names}"))
        if errors and not self.serving:
            raise PluginError(
                f"rolebook: {errors} error(s) in the handbook (listed above); fix them or run `rolebook check`"
            )


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, held in this process only."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _touch_older(file: File) -> None:
    """Make a docs page's built output older than its source, so a dirty build rebuilds it."""
    try:
        os.utime(file.abs_dest_path, (0, 0))
    except OSError:
        pass  # not built yet: it will be


def _release_core_memory() -> None:
    """Before MkDocs holds every page's HTML: drop the link memo and collect the build's garbage.

    A one-off build keeps no model, diagram or parse memo (the core dropped the
    documents and the memo after the check, see `loading.release_documents`).
    """
    from rolebook.model import site_plan

    site_plan.forget_links()
    import gc

    gc.collect()


def _tags_plugin_enabled(config) -> bool:
    """Material's tags plugin is in the site (and not switched off): it reads `tags` from front matter."""
    for name in ("material/tags", "tags"):
        plugin = config.plugins.get(name)
        if plugin is not None and type(plugin).__module__.startswith("material."):
            return bool(getattr(plugin, "config", {}).get("enabled", True))
    return False


class _AfterStaticI18n(BasePlugin):
    """mkdocs-static-i18n keeps only documentation pages under docs_dir; this puts the handbook's back after it ran.

    Registered by the rolebook plugin when static-i18n is in the site. Each
    language build runs every plugin again, so the pages are written in that
    language (static-i18n sets theme.language) and land under its folder.
    """

    def __init__(self, owner: "RolebookPlugin"):
        super().__init__()
        self.owner = owner

    @event_priority(-110)  # static-i18n reconfigures the files at -100
    def on_files(self, files: Files, *, config) -> Files:
        present = {f.src_uri for f in files}
        for file in self.owner.own_files:
            if file.src_uri not in present:
                files.append(file)
        return files


def _static_i18n_folder(config) -> str:
    """The folder of static-i18n's current language build ("" for the default language or without it)."""
    plugin = config.plugins.get("i18n")
    if plugin is None or not type(plugin).__module__.startswith("mkdocs_static_i18n"):
        return ""
    current, default = getattr(plugin, "current_language", None), getattr(plugin, "default_language", None)
    return current if current and current != default else ""


def _follow_static_i18n(owner: "RolebookPlugin", config) -> bool:
    plugin = config.plugins.get("i18n")
    if plugin is None or not type(plugin).__module__.startswith("mkdocs_static_i18n"):
        return False
    if "rolebook/static-i18n" not in config.plugins:
        config.plugins["rolebook/static-i18n"] = _AfterStaticI18n(owner)
    return True
