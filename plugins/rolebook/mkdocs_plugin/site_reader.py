"""The site file as MkDocs reads it, for the command line: MkDocs' own YAML loader and the plugin's
own option classes, so `rolebook check` and `mkdocs build` cannot read one file two ways.

MkDocs' loader (`MkDocsConfig.load_file`) resolves `!ENV` (with defaults), `!relative` and
`INHERIT:` exactly as a build does. The `rolebook` entry of `plugins:` is then validated by
`RolebookConfig`, the class the plugin itself is configured with: a value of the wrong type is
MkDocs' own message, and an option MkDocs does not know (a typo, `handbook_dir:`) is an error here
as in the plugin (`RolebookPlugin.load_config`), not a default silently used. The rest of the site
file (theme, other plugins) is left to the build: checking a handbook needs no theme installed.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs import exceptions
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from rolebook.build import site_file
from rolebook.build.site_file import ConfigProblem
from rolebook.mkdocs_plugin.config import RolebookConfig, unknown_option_errors


def read_config(path: Path) -> dict[str, Any]:
    """The whole site file at `path` as written, read as `MkDocsConfig.load_file` reads it (its loader and
    `yaml_load`: INHERIT merged, !ENV and !relative resolved), before MkDocs' defaults are laid under it."""
    site_file.read_config(path)  # the INHERIT chain first: MkDocs recurses forever on a cycle
    # What MkDocs' `!relative` tags read of the config while loading: its path (and docs_dir, unvalidated
    # here as in MkDocs at this point); not MkDocsConfig itself, whose import costs a command 0.1-0.5 s.
    config = SimpleNamespace(config_file_path=str(path), docs_dir="docs", _current_page=None)
    try:
        with open(path, "rb") as handle:
            data = yaml_load(handle, get_yaml_loader(config=config))
    except OSError as exc:
        raise ConfigProblem(f"{path}: cannot read the config file: {exc.strerror}") from None
    except exceptions.ConfigurationError as exc:
        message = " ".join(str(exc).split())
        raise ConfigProblem(f"{path}: {message}") from None
    except ValueError as exc:  # PyYAML builds dates itself: `today: 2026-11-31` raises here
        raise ConfigProblem(f"{path}: {exc}: fix the value (write dates as YYYY-MM-DD)") from None
    if not isinstance(data, dict):
        raise ConfigProblem(f"{path}: the config must be a mapping of settings (`site_name: ...`)")
    return _resolved(data)


def _resolved(value: Any) -> Any:
    """`!relative $config_dir/x` as the path it stands for (known from the file alone); all else as loaded."""
    if isinstance(value, os.PathLike):  # MkDocs' `!relative` tags; only `$config_dir/...` resolves without a page
        try:
            return os.fspath(value)
        except exceptions.ConfigurationError:
            return value
    if isinstance(value, dict):
        return {key: _resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item) for item in value]
    return value


def check_options(options: dict[str, Any], path: Path) -> dict[str, Any]:
    """The options as written, each validated by the plugin's `RolebookConfig`; ConfigProblem for the first bad one."""
    config = RolebookConfig(config_file_path=str(path))
    config.load_dict(dict(options))
    errors, warnings = config.validate()
    errors = list(errors) + unknown_option_errors(warnings)
    if errors:
        key, error = errors[0]
        raise ConfigProblem(f"{path}: plugins.rolebook.{key}: {error}")
    return {name: config[name] for name in options}
