"""A memo of parsed files, bounded by the bytes it holds as well as by count.

Comparing revisions or release tags reads mostly identical files, so each
distinct content is parsed once. A parsed role costs about as much memory as
its source text (or more), so the memo weighs each entry by its source size
plus a fixed overhead and drops the least recently used entries past the
budget: a few hundred distinct 1 MiB role versions can no longer pile up.

The memo is an object its caller owns and passes in (`load_handbook(..., memo=...)`);
`SHARED` is the default one, which is what lets a serving process's next build and
a diff's second revision skip the files they share with the last read. A caller
that wants no memo passes `ParseMemo(max_bytes=0)`.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Hashable

ENTRY_OVERHEAD = 4096  # bytes charged per entry on top of its source size


class ParseMemo:
    """Parsed (document, model) pairs by (content digest, model name), least recently used dropped first."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024, max_entries: int = 20_000):
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: Hashable) -> Any | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        weight = size + ENTRY_OVERHEAD
        if weight > self.max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        self._entries[key] = (value, weight)
        self.bytes += weight
        while self.bytes > self.max_bytes or len(self._entries) > self.max_entries:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.bytes -= dropped

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries


# The process's default memo (see the module's docstring); `release_documents` empties it after a one-off build.
SHARED = ParseMemo()
