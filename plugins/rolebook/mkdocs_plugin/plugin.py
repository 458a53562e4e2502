"""The `rolebook` MkDocs plugin: a table of MkDocs events, each handed to the module that knows it.

The build itself (which mode, the page folder, what the site gets) is `build.session`, core code
that knows nothing of MkDocs; here are only MkDocs' side of it: the options become `Settings` once
(`config`), the session's files become MkDocs files (`files`), its navigation data a section per
team (`navigation`), and the pages' HTML gets its blocks and diagrams back (`html_blocks`,
`diagram_slots`) and is reused when unchanged (`html_cache`). What `serve --dirty` keeps between
rebuilds is `dirty_serve`; what the site's other plugins need is `other_plugins`.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from rolebook import i18n
from rolebook.build.progress import Progress, seconds_before_progress
from rolebook.build.session import ASSET_URIS, Build, BuildSession, report
from rolebook.build.settings import SettingsProblem
from rolebook.diagrams.runner import DiagramError
from rolebook.i18n import Message, Nn_
from rolebook.mkdocs_plugin import html_blocks, navigation, search_index
from rolebook.mkdocs_plugin.config import RolebookConfig, settings_of, unknown_option_errors
from rolebook.mkdocs_plugin.dirty_serve import (
    DirtyServeHelper,
    MemoryBytecodeCache,
    SearchIndexKeeper,
    remove_stale_output,
    settle_heap,
    watch_often,
)
from rolebook.mkdocs_plugin.files import add_files
from rolebook.mkdocs_plugin.html_cache import HtmlCache
from rolebook.mkdocs_plugin.other_plugins import OtherPlugins, language_folder, safe_title
from rolebook.model.site_plan import people_src
from rolebook.pages import diagram_slots
from rolebook.text.compaction import compact_html

log = get_plugin_logger(__name__)
# From this many generated pages on, `mkdocs serve` without --dirty gets a hint.
LARGE_HANDBOOK_PAGES = 400
HANDBOOK_ERRORS = Nn_("{n} error in the handbook (listed above): fix it or run `rolebook check`",
                     "{n} errors in the handbook (listed above): fix them or run `rolebook check`")


class RolebookPlugin(BasePlugin[RolebookConfig]):
    """Turns `handbooks/` into handbook pages, navigation and `roles.json`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.session: BuildSession | None = None  # kept across `mkdocs serve` rebuilds while the settings hold
        self.built: Build | None = None  # this build's pages, sources, navigation and findings
        self.lane = ""  # static-i18n's folder of the language being built ("" for the default)
        self.others: OtherPlugins | None = None
        self.helper: DirtyServeHelper | None = None  # serve --dirty only
        self.search_keeper: SearchIndexKeeper | None = None  # serve --dirty only: the search index kept whole
        self.html_cache: HtmlCache | None = None  # one build's Markdown -> HTML reuse
        self.theme_bytecode = MemoryBytecodeCache()  # the theme's compiled templates, while serving
        self.hinted = False
        self.started = 0.0  # when this build began (on_config), for the progress line
        self.progress: Progress | None = None
        self.search_pages: set[str] = set()  # URLs of this build's generated pages, for the search index

    def load_config(self, options, config_file_path=None):
        """MkDocs' validation, with an unknown option an error (as `rolebook check` says), not a warning."""
        errors, warnings = super().load_config(options, config_file_path)
        unknown = unknown_option_errors(warnings)
        return [*errors, *unknown], [w for w in warnings if "Unrecognised configuration name" not in str(w[1])]

    def on_startup(self, *, command, dirty) -> None:
        """Remember whether we serve: then errors are shown but do not stop the server."""
        self.serving = command == "serve"
        self.dirty = bool(dirty)

    def on_config(self, config):
        """Check every option once (as `Settings`), and make sure the Markdown we emit renders."""
        self.started = time.monotonic()
        try:
            settings = settings_of(self.config, config_file=config.config_file_path,
                                   directory_urls=config.use_directory_urls, site_url=config.site_url)
        except SettingsProblem as exc:
            raise PluginError(f"rolebook: {exc}") from None
        if self.session is None or self.session.settings != settings:
            self.session = BuildSession(settings, serving=self.serving, page_files=html_blocks.page_files,
                                        layout={"lift_html": html_blocks.enabled()}, log=log,
                                        checkout=Path(config.config_file_path or ".").resolve().parent)
        self.others = OtherPlugins(config)
        if self.serving and self.dirty:
            self.helper = self.helper or DirtyServeHelper(log)
            self.search_keeper = self.search_keeper or SearchIndexKeeper(self.helper)
            self.helper.start_rebuild()
            if "rolebook/serve-dirty" not in config.plugins:
                config.plugins["rolebook/serve-dirty"] = self.helper
                if self.others.static_i18n is None:  # one search index per build (static-i18n makes one per language)
                    config.plugins["rolebook/serve-dirty-search"] = self.search_keeper
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # headings carry the contract's anchor ids
        for uri in ASSET_URIS:
            target = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in [str(x) for x in target]:
                target.append(uri)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Load, check and render the handbook (see build.session); add its pages, assets and roles.json."""
        self.html_cache = None  # made afresh for this build's files (see on_pre_page)
        self.lane = language_folder(config)
        try:
            messages = self.session.messages(config.theme.get("language"))  # static-i18n sets it after on_config
            self.built = self.session.build(messages=messages, lane=self.lane, tags_in_meta=self.others.tags_in_meta)
        except (SettingsProblem, DiagramError) as exc:
            raise PluginError(f"rolebook: {exc}") from None
        errors = report(self.built, log)
        if errors and not self.serving:
            raise PluginError("rolebook: " + Message(HANDBOOK_ERRORS, n=errors).render(self.built.messages))
        if self.serving:
            settle_heap()  # once: later rebuilds' collections need not walk the kept build
        site_files = self.session.site_files(self.built, Path(config.docs_dir).resolve(), changed_first=self.dirty)
        files = add_files(files, site_files, config, lane=self.lane, dirty=self.dirty)
        if self.helper is not None:
            self.helper.after_files(files, config, self.built, can_defer=self.others.static_i18n is None)
        if self.dirty and self.built.synced is not None:
            remove_stale_output(self.built, config, self.lane)
        files = self.others.hold_back(files)
        if self.serving and not self.dirty and not self.hinted and len(self.built.pages) >= LARGE_HANDBOOK_PAGES:
            self.hinted = True
            log.info(f"{len(self.built.pages)} handbook pages; `mkdocs serve --dirty` rebuilds only the "
                     "pages a save changes")
        return files

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        """Place the generated pages in the navigation: a section per team, in team order."""
        pages = sum(1 for file in files if file.is_documentation_page())
        self.progress = Progress(pages, log, started=self.started, after=seconds_before_progress())  # a line now and then on long builds
        title = self.session.settings.section_title
        if title == i18n.SECTION_TITLE:  # the default: in the site's language
            title = self.built.messages.gettext(title)
        people = people_src(self.session.settings.people_folder)
        return navigation.add_handbook(nav, files, self.built.nav, title,
                                       people_index=people if people in self.built.pages else None)

    @event_priority(-100)  # after git-revision-date-localized has dated the page by the build
    def on_page_markdown(self, markdown, *, page, config, files):
        """Role, onboarding and team pages carry their YAML file's git dates (see other_plugins)."""
        dates = self.others.git_dates(config)
        if dates is not None and page.file.src_uri in self.built.pages:
            source = self.built.sources.get(page.file.src_uri)  # also after a warm build took the manifest
            if source is not None:
                dates.apply(page, source)
        return markdown

    def on_env(self, env, *, config, files):
        """While serving, keep the theme's compiled templates in memory across rebuilds (MkDocs
        compiles them afresh each time); in a dirty build, pages not read again keep their titles."""
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.theme_bytecode
        if self.helper is not None:
            self.helper.keep_titles(files, self.lane)
        return env

    def on_pre_page(self, page, *, config, files):
        """Generated pages whose Markdown did not change take their HTML and TOC from the cache."""
        if page.file.src_uri in self.built.pages:
            if self.html_cache is None:
                self.html_cache = HtmlCache(self.built.lane_dir / "html", config, files,
                                            salt=self.built.messages.key())
            self.html_cache.wrap(page)
        return page

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config):
        """After a complete build, drop HTML cache entries no page used, and our pages' empty search sections."""
        dropped = search_index.compact_file(config["site_dir"], self.search_pages)
        if dropped:
            log.debug(f"search index: {dropped} empty sections of generated pages dropped")
        if not self.dirty:  # under serve --dirty the index holds every page built since the server started
            self.search_pages = set()
        cache, self.html_cache = self.html_cache, None
        if cache is not None:
            log.debug(f"HTML cache: {cache.hits} pages reused, {cache.misses} converted")
            if not self.dirty:
                cache.prune()
        if self.session is not None:
            self.session.finished()

    def on_build_error(self, *, error):
        """A failed build leaves the cache folder to the next one."""
        if self.session is not None:
            self.session.finished()

    def on_page_content(self, html, *, page, config, files):
        """Put the page's HTML blocks and its diagram back in their places (see html_blocks, diagram_slots)."""
        if self.progress is not None:
            self.progress.step("converted")
        if page.file.src_uri in self.built.pages:
            pages_dir = self.built.pages_dir
            try:
                html, block_ids = html_blocks.fill(html, pages_dir, page.file.src_uri)
            except html_blocks.BlocksMismatch as exc:
                raise PluginError(f"rolebook: {exc}") from None
            html, ids = diagram_slots.fill(html, pages_dir, page.file.src_uri)
            ids |= block_ids
            if ids and page.present_anchor_ids is not None:
                page.present_anchor_ids = page.present_anchor_ids | ids
        return html

    def on_page_context(self, context, *, page, config, nav):
        """Make generated pages' titles safe for themes that unescape them (see other_plugins.safe_title);
        the page's own heading is untouched."""
        if page.file.src_uri in self.built.pages and page.title:
            page.title = safe_title(page.title)
        return context

    def on_post_page(self, output, *, page, config):
        """Generated pages leave without the theme's indentation (half their size)."""
        if self.progress is not None:
            self.progress.step("written")
        if page.file.src_uri in self.built.pages:
            self.search_pages.add(page.url)
            return compact_html(output)
        return output

    def on_serve(self, server, *, config, builder):
        """Rebuild when a role file or a template override changes."""
        settings = self.session.settings
        if self.helper is not None:
            self.helper.server = server  # browsers are told to reload after the deferred pages (see dirty_serve)
        if self.dirty:
            watch_often(server, str(settings.handbooks_dir))  # a save is noticed sooner (see dirty_serve)
        else:
            server.watch(str(settings.handbooks_dir))
        if settings.templates_dir:
            server.watch(str(settings.templates_dir))
        return server
