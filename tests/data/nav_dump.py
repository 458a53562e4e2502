"""Test hook: write the final navigation as JSON (title, url, children) to site/nav.json."""
import json
from pathlib import Path

from mkdocs.plugins import event_priority

_nav = None

@event_priority(-100)
def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav

def _item(item):
    if item.is_section:
        return {"title": item.title, "children": [_item(c) for c in item.children]}
    return {"title": item.title, "url": getattr(item, "url", None)}

def on_post_build(config):
    Path(config.site_dir, "nav.json").write_text(json.dumps([_item(i) for i in _nav.items], indent=1))
