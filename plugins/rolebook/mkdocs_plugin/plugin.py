"""The `rolebook` MkDocs plugin: load and check once, hand MkDocs pages and nav."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .. import i18n
from ..build import BuildResult, build_handbook
from ..build_cache import cached, inputs_digest
from ..compact import compact_html
from ..render import builtin_templates
from ..schema import schema_files
from ..dot_runner import DiagramError
from ..build_date import build_date
from ..findings import Severity, severity_table
from ..lifecycle import ReviewPolicy
from ..page_files import PAGES_FOLDER, PageFolder
from . import navigation
from .git_dates import GitDates, find_plugin as find_git_dates_plugin
from .config import RolebookConfig

log = get_plugin_logger(__name__)
_ANGLE = re.compile(r"&lt;|&gt;|&#0*60;|&#0*62;|&#x0*3c;|&#x0*3e;|<|>", re.IGNORECASE)
_LT = {"&lt;", "<"} | {f"&#{z}60;" for z in ("", "0", "00")} | {f"&#x{z}3c;" for z in ("", "0", "00")}
ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_URIS = ("assets/rolebook/rolebook.css", "assets/rolebook/rolebook.js")


class RolebookPlugin(BasePlugin[RolebookConfig]):
    """Turns `handbooks/` into handbook pages, navigation and `roles.json`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.after_static_i18n = False
        self.own_files: list[File] = []
        self.page_folders: dict[Path, PageFolder] = {}
        self.result: BuildResult | None = None
        self.diagram_cache: dict[str, str] = {}  # kept across `mkdocs serve` rebuilds
        self.build_memory: dict = {}  # the last core build, for unchanged rebuilds
        self.page_folder: PageFolder | None = None  # generated files on disk, kept across serve rebuilds

    def on_startup(self, *, command, dirty) -> None:
        """Remember whether we serve: then errors are shown but do not stop the server."""
        self.serving = command == "serve"

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
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # headings carry the contract's anchor ids
        for uri in ASSET_URIS:
            target = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in [str(x) for x in target]:
                target.append(uri)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Load, check and render the handbook; add its pages, assets and roles.json."""
        if not self.handbooks_dir.is_dir():
            raise PluginError(f"rolebook: handbooks_dir {self.handbooks_dir} is not a folder")
        self.messages = self._messages(config)  # here: static-i18n sets theme.language after on_config
        try:
            self.result = self._build(config)
        except DiagramError as exc:
            raise PluginError(f"rolebook: {exc}") from None
        self._report(self.result)
        return self._add_files(files, config)

    def _build(self, config) -> BuildResult:
        """The core build, or its cached result when no input changed (see build_cache)."""
        options = {"rules": self.config.rules, "directory_urls": config.use_directory_urls, "today": self._today(),
                   "dot": self.config.dot, "history": self.config.history, "reviews": repr(self.review_policy),
                   "messages": self.messages.key(), "tags_in_meta": self.tags_in_meta}
        key = inputs_digest(self.handbooks_dir, [builtin_templates(), self.templates_dir], options, self.config.history)
        result, hit = cached(self.cache_dir, key, self.build_memory, lambda: self._build_now(config))
        if hit:
            log.debug("rolebook: nothing changed since the last build; reusing it")
        return result

    def _build_now(self, config) -> BuildResult:
        return build_handbook(
            self.handbooks_dir,
            rules=self.config.rules,
            templates_dir=self.templates_dir,
            directory_urls=config.use_directory_urls,
            today=self._today(),
            dot=self.config.dot,
            cache_dir=self.cache_dir,
            memory_cache=self.diagram_cache,
            with_history=self.config.history,
            messages=self.messages,
            tags_in_meta=self.tags_in_meta,
            review_policy=self.review_policy,
        )

    def _add_files(self, files: Files, config) -> Files:
        """Write the generated files under the cache folder (see page_files) and hand them to MkDocs."""
        docs_dir = Path(config.docs_dir).resolve()
        folder = _static_i18n_folder(config)
        pages_dir = self.cache_dir / (f"{PAGES_FOLDER}-{folder}" if folder else PAGES_FOLDER)  # one per language
        if self.page_folder is None or self.page_folder.root != pages_dir:
            self.page_folder = self.page_folders.setdefault(pages_dir, PageFolder(pages_dir))
        # role.schema.json and team.schema.json at the root: a stable URL for editors' `$schema=` modelines
        schemas = {name: text for name, text in schema_files().items() if files.get_file_from_path(name) is None}
        generated = {**self.result.pages, **self.result.diagram_svgs, "roles.json": self.result.roles_json, **schemas}
        self.synced = self.page_folder.sync(generated)

        def backed(src_uri: str, inclusion=InclusionLevel.UNDEFINED) -> File:
            file = File(src_uri, str(pages_dir), config.site_dir, config.use_directory_urls, inclusion=inclusion)
            if folder:  # a static-i18n language build: under that language's folder
                file = File(src_uri, str(pages_dir), config.site_dir, config.use_directory_urls,
                            dest_uri=f"{folder}/{file.dest_uri}", inclusion=inclusion)
            file.generated_by = "rolebook"
            return file

        for src_uri in self.result.pages:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(
                    f"rolebook: the handbook page {src_uri} collides with {existing.src_uri} in {config.docs_dir}: "
                    "rename the team or move the page"
                )
            file = backed(src_uri, InclusionLevel.NOT_IN_NAV)
            source = self.result.sources.get(src_uri)
            if source is not None:
                file.edit_uri = os.path.relpath(source, docs_dir).replace(os.sep, "/")
            files.append(file)
        for uri in ASSET_URIS:
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / Path(uri).name)))
        files.append(backed("roles.json"))
        for name in schemas:
            files.append(backed(name))
        if self.after_static_i18n:  # it would drop them (not under docs_dir): added after it ran
            self.own_files = [f for f in files if getattr(f, "generated_by", None) == "rolebook"]
            files = Files([f for f in files if getattr(f, "generated_by", None) != "rolebook"])
        return files

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        """Place the generated pages in the navigation: a section per team, in team order."""
        title = self.config.section_title
        if title == i18n.SECTION_TITLE:  # the default: in the site's language
            title = self.messages.gettext(title)
        return navigation.add_handbook(nav, files, self.result, title)

    @event_priority(-100)  # after git-revision-date-localized has dated the page by the build
    def on_page_markdown(self, markdown, *, page, config, files):
        """Role, onboarding and team pages carry their YAML file's git dates (see git_dates)."""
        if self.git_dates is None:
            found = find_git_dates_plugin(config)
            self.git_dates = GitDates(found) if found is not None else False
        if self.git_dates and self.result is not None:
            source = self.result.sources.get(page.file.src_uri)
            if source is not None:
                self.git_dates.apply(page, source)
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        """Make generated pages' titles safe for themes that unescape them.

        Material writes `{{ page.title | striptags }}` into `<title>` without
        autoescaping, and `striptags` turns `&lt;` back into `<`: a role titled
        `</title><script>` would become markup. Angle brackets in a role's page
        title become look-alike quotes; the page's own heading is untouched.
        """
        if self.result is not None and page.file.src_uri in self.result.pages and page.title:
            page.title = _ANGLE.sub(lambda m: "‹" if m.group(0).lower() in _LT else "›", page.title)
        return context

    def on_post_page(self, output, *, page, config):
        """Generated pages leave without the theme's indentation (half their size)."""
        if self.result is not None and page.file.src_uri in self.result.pages:
            return compact_html(output)
        return output

    def on_serve(self, server, *, config, builder):
        """Rebuild when a role file or a template override changes."""
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

    def _report(self, result: BuildResult) -> None:
        """Log every finding with file:line:col; errors stop a build, never a server."""
        errors = 0
        for f in result.findings:
            path = os.path.relpath(f.path) if not os.path.relpath(f.path).startswith("..") else f.path
            line = f"{path}:{f.line}:{f.column}: {f.code} {f.message}"
            if f.severity is Severity.ERROR:
                errors += 1
                log.error(line)
            elif f.severity is Severity.WARNING:
                log.warning(line)
            else:
                log.info(line)
        for note in getattr(result, "notes", ()):
            log.info(note)
        if result.unreadable:
            names = ", ".join(os.path.relpath(p) for p in result.unreadable[:5])
            log.error(f"{len(result.unreadable)} role file(s) could not be read and have no page: {names}")
        if errors and not self.serving:
            raise PluginError(
                f"rolebook: {errors} error(s) in the handbook (listed above); fix them or run `rolebook check`"
            )


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
