"""The YAML front matter of every generated page, written in one place.

Other MkDocs plugins read it: `render_macros: false` keeps mkdocs-macros (and
anything honouring the same switch) from evaluating role text as Jinja, which
would run `{{ config.extra }}` from a pull request. Search exclusion for the
onboarding page's lower search weight lives here too. To add a key for every page (tags, say),
extend `page_meta`; a template that writes its own front matter is merged,
with these keys winning.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

import yaml

# Material multiplies a page's search score by its boost: the role page (1.0) comes first.
ONBOARDING_SEARCH_BOOST = 0.5
_EXISTING = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)


def page_meta(kind: str, context: Mapping[str, Any] | None = None, *, tags_in_meta: bool = False) -> dict[str, Any]:
    """What a page of this kind (role, onboarding, team, overview, changes) declares.

    `tags_in_meta`: a role page lists its role's tags (for Material's tags plugin, which reads them
    from front matter); YAML-dumped, so no tag can change the block's structure."""
    meta: dict[str, Any] = {"render_macros": False}
    if kind == "onboarding":
        # Found by search (a successor types "first week"), but below the role page it repeats.
        meta["search"] = {"boost": ONBOARDING_SEARCH_BOOST}
    if kind == "role" and tags_in_meta and context:
        role = context.get("role")
        if role is not None and role.tags:
            meta["tags"] = [str(tag) for tag in role.tags]
    return meta


def with_front_matter(markdown: str, meta: Mapping[str, Any]) -> str:
    """`markdown` starting with one front matter block holding `meta` (merged over any it had)."""
    merged: dict[str, Any] = {}
    found = _EXISTING.match(markdown)
    if found:
        try:
            existing = yaml.safe_load(found.group(1) or "") or {}
        except yaml.YAMLError:
            existing = None
        if isinstance(existing, dict):
            merged.update(existing)
            markdown = markdown[found.end():]
    merged.update(meta)
    return f"---\n{_dumped(merged)}---\n\n{markdown.lstrip(chr(10))}"


_BLOCKS: dict[str, str] = {}  # repr of the metadata -> its YAML: most pages of a build carry the same few


def _dumped(meta: Mapping[str, Any]) -> str:
    """The YAML of `meta` (plain strings, numbers, booleans, lists and mappings, so its repr names it)."""
    key = repr(meta)
    block = _BLOCKS.get(key)
    if block is None:
        block = yaml.safe_dump(dict(meta), sort_keys=False, default_flow_style=False, allow_unicode=True)
        if len(_BLOCKS) < 4096:
            _BLOCKS[key] = block
    return block
