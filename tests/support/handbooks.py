"""Handbooks written to temporary folders: the clean role every test changes one thing of."""

from __future__ import annotations

import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "handbooks"

# A role with zero findings; tests change one thing at a time.
CLEAN_ROLE = textwrap.dedent(
    """\
    title: Staff Engineer
    summary: Sets technical direction.
    holders:
      - name: Dana Lee
    outcomes:
      - id: api-live
        title: API v2 live in production
        done_when: API v2 serves production traffic.
        due: 2026-06-30
        owner: Dana Lee
    outputs:
      - id: spec
        title: API spec
        kind: document
        location: https://example.com/spec
        contributes_to: [api-live]
    activities:
      - id: reviews
        title: Design reviews
        category: knowledge
        cadence: weekly
        time_share: 20
        produces: [spec]
    """
)


def write_handbook(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} below root/handbooks and return that folder."""
    hb = root / "handbooks"
    hb.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = hb / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return hb
