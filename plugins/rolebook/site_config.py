"""Read the `rolebook` plugin options out of a site's `mkdocs.yml`.

So that `rolebook check` applies the same severity overrides as the site
build. MkDocs configs use tags such as `!!python/name:` and `!ENV`; they are
read as nothing here, since only the plugin's own plain options matter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(config_file: str | Path) -> dict[str, Any]:
    """The options given to the `rolebook` plugin in `config_file`, or {}."""
    data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "rolebook" in plugin:
            return dict(plugin["rolebook"] or {})
    return {}
