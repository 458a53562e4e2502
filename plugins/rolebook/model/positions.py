"""Where each part of a file was written: plain data with 1-based source positions.

Findings name a line and column; every stage that makes one (loading, checks, reports) reads them
from a `Document`. It lives in the model, not in loading, because the loaded handbook keeps one per
file and checks that never read a file still need it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple[Any, ...]


@dataclass
class Document:
    """Plain data plus where each part of it was written."""

    data: Any
    # path -> (line, column) of the key (mapping entries) or the item (list entries)
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # path -> source text of plain scalars that YAML 1.1 did not read as a string
    plain_non_strings: dict[Path, str] = field(default_factory=dict)
    # control characters found: ((line, column), the character, path of the value or None)
    controls: list[tuple[tuple[int, int], str, Path | None]] = field(default_factory=list)

    def position(self, path: Path) -> tuple[int, int]:
        """The recorded position of `path`, or of its nearest recorded ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))
