"""Read the `rolebook` plugin options out of a site's config, the way MkDocs does.

One reader for every command, so that `rolebook check`, `new`, `export`,
`render` and `diff` see the options the site build sees: `mkdocs.yml` (or
`mkdocs.yaml`, `properdocs.yml`, `properdocs.yaml`) found in the current
folder or named with `-f/--config-file`, with `INHERIT:` followed the MkDocs
way (the child's keys deep-merged over the parent's, lists replaced). MkDocs
configs use tags such as `!!python/name:` and `!ENV`; they are read as
nothing here, since only the plugin's own plain options matter. Paths in the
options are relative to the config file, as in the build.

The command line reads the file through MkDocs' own loader and validates the options with the
plugin's own config class (`mkdocs_plugin.site_reader`, handed in as `load` and `check`: the core
never imports MkDocs); the reader here is what the core uses without them (the public API).

`read_site_file` returns the options as written and as one checked
`Settings` (`build.settings`), so a bad option stops a command before any
handbook file is read. Every problem is a `ConfigProblem` or a
`SettingsProblem` (both `UsageError`s) whose message names the file and the
key or option to change: the CLI turns it into a one-line error, exit 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from rolebook.build.settings import Settings, parse_date, parse_rules
from rolebook.errors import UsageError

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


class ConfigProblem(UsageError):
    """The site config cannot be read or names something that is not there."""


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteFile:
    """The rolebook options of one site: as written, and as checked `Settings` resolved against the file."""

    config_file: Path | None  # None: no site file here, the defaults
    options: dict[str, Any] = field(default_factory=dict)
    site_url: str | None = None
    settings: Settings = field(default_factory=Settings)
    theme_language: str | None = None  # `theme.language`: the labels' language when the plugin names none

    def messages(self, language: str | None = None):
        """The language messages are shown in: `language` (`--language`), the plugin's, the theme's, else English."""
        from rolebook import i18n

        return i18n.Messages(language or self.settings.language or self.theme_language, self.settings.label_overrides)

    @property
    def base(self) -> Path:
        return self.config_file.parent if self.config_file else Path(".")

    def where(self, option: str) -> str:
        """How to name an option in an error: `mkdocs.yml: plugins.rolebook.handbooks_dir`."""
        if self.config_file is None:
            return option
        return f"{self.config_file}: plugins.rolebook.{option}"

    def existing_folder(self, option: str) -> Path | None:
        """The folder a setting names (`handbooks_dir`, `templates_dir`), or a ConfigProblem naming the option."""
        folder = getattr(self.settings, option)
        if folder is not None and not folder.is_dir():
            if option not in self.options and self.config_file is not None:
                raise ConfigProblem(
                    f"{self.config_file}: no folder {folder} (the default of plugins.rolebook.{option}): "
                    f"create it or set `{option}`"
                )
            raise ConfigProblem(
                f"{self.where(option)}: folder {folder} does not exist: create it or change `{option}`"
            )
        return folder

    def handbooks(self, given: str | None = None) -> str:
        """The handbooks folder a command reads: `given`, else the site's handbooks_dir (which must exist)."""
        if given:
            return given
        return str(self.existing_folder("handbooks_dir") if self.config_file else self.settings.handbooks_dir)

    def templates(self, given: str | None = None) -> Path | None:
        """The template overrides of `rolebook render`: `--templates` (it must exist), else the site's templates_dir."""
        if given is None:
            return self.existing_folder("templates_dir")
        if not Path(given).is_dir():
            raise UsageError(f"--templates {given}: no such folder")
        return Path(given)

    def settings_with(self, *, today: str | None = None, rules: tuple[str, ...] = (), **changes: Any) -> Settings:
        """The site's settings with the command line's laid over: `--today DATE`, `--rule CODE=SEVERITY`..."""
        if today:
            changes["today"] = parse_date(today, "--today")
        if rules:
            overrides = dict(self.settings.rules)
            for rule in rules:
                code, sep, severity = rule.partition("=")
                if not sep:
                    raise UsageError(f"--rule {rule}: write CODE=SEVERITY, e.g. RB108=off")
                overrides.update(parse_rules({code: severity.strip()}, f"--rule {rule}"))
            changes["rules"] = tuple(sorted(overrides.items()))
        return self.settings.replace(**changes)


def find_config(explicit: str | Path | None = None, folder: str | Path = ".") -> Path | None:
    """The site config to read: `explicit` (which must exist), else the first of CONFIG_NAMES in `folder`."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigProblem(f"{path}: no such config file: check -f/--config-file")
        return path
    for name in CONFIG_NAMES:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    return None


def read_config(path: str | Path) -> dict[str, Any]:
    """The whole config at `path`, with `INHERIT:` followed (cycles and missing parents are errors)."""
    return _read(Path(path), ())


def _read(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    resolved = path.resolve()
    if resolved in chain:
        loop = " -> ".join(str(p) for p in chain + (resolved,))
        raise ConfigProblem(f"{path}: INHERIT forms a cycle ({loop}): remove one of the INHERIT lines")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigProblem(f"{path}: cannot read the config file: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader)
    except ValueError as exc:  # PyYAML builds dates itself: `today: 2026-11-31` raises here
        raise ConfigProblem(f"{path}: {exc}: fix the value (write dates as YYYY-MM-DD)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigProblem(f"{path}{where}: {problem}: fix the YAML") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigProblem(f"{path}: the config must be a mapping of settings (`site_name: ...`)")
    parent_ref = data.pop("INHERIT", None)
    if parent_ref is None:
        return data
    if not isinstance(parent_ref, str) or not parent_ref:
        raise ConfigProblem(f"{path}: INHERIT must be the path of a config file")
    parent = path.parent / parent_ref
    if not parent.is_file():
        raise ConfigProblem(f"{path}: INHERIT: {parent_ref} does not exist (looked for {parent}): fix the path")
    return _merge(_read(parent, chain + (resolved,)), data)


def _merge(parent: dict, child: dict) -> dict:
    """MkDocs' INHERIT merge (mergedeep's default): mappings deep-merged, everything else replaced."""
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def plugin_section(config: dict[str, Any]) -> dict[str, Any] | None:
    """The `rolebook` entry of `plugins:` (list or mapping form), or None when the site does not use it."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    for plugin in plugins if isinstance(plugins, list) else []:
        if plugin == "rolebook":
            return {}
        if isinstance(plugin, dict) and "rolebook" in plugin:
            options = plugin["rolebook"] or {}
            if not isinstance(options, dict):
                raise ConfigProblem("plugins.rolebook: the options must be a mapping (`handbooks_dir: ...`)")
            return dict(options)
    return None


def read_site_file(explicit: str | Path | None = None, folder: str | Path = ".", *,
                   load: Callable[[Path], dict[str, Any]] = read_config,
                   check: Callable[[dict[str, Any], Path], dict[str, Any]] | None = None) -> SiteFile:
    """The site's rolebook options and settings: from `explicit`, else a config in `folder`, else the defaults.

    `load` reads the whole file (default: the reader above), `check` validates the plugin's options
    as the site generator would (None: `Settings` alone). The settings are checked here, before any
    handbook file is read (a SettingsProblem otherwise).
    """
    path = find_config(explicit, folder)
    if path is None:
        return SiteFile(None, settings=Settings.from_options({}))
    config = load(path)
    try:
        options = plugin_section(config) or {}
    except ConfigProblem as exc:
        raise ConfigProblem(f"{path}: {exc}") from None
    site_url = config.get("site_url") if isinstance(config.get("site_url"), str) else None
    settings = Settings.from_options(options, base=path.parent, where=f"{path}: plugins.rolebook.")
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    language = theme.get("language") if isinstance(theme.get("language"), str) else None
    if check is not None:  # after Settings, whose messages say more; then what only the generator refuses
        options = check(options, path)
        settings = Settings.from_options(options, base=path.parent, where=f"{path}: plugins.rolebook.")
    return SiteFile(path, options, site_url or None, settings, language)
