"""Front matter on generated pages: what other plugins should know about a page.

A page's template may open with its own front matter block (the onboarding
page keeps itself out of search); `merge` adds keys to that block, or opens
one. Values are written as JSON, which YAML reads as the same data, so no
role text can change the block's structure.
"""

from __future__ import annotations

import json
from typing import Any, Mapping


def merge(markdown: str, meta: Mapping[str, Any]) -> str:
    """`markdown` with `meta`'s keys in its front matter (existing keys of the same name stay first)."""
    if not meta:
        return markdown
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end != -1:
            return markdown[: end + 1] + lines + markdown[end + 1:]
    return f"---\n{lines}---\n\n{markdown}"
