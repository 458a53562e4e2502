"""What Rolebook raises on purpose, in two kinds: the user's call, or the user's input.

- `UsageError`: how Rolebook was called (an option, a path, a setting). The CLI exits 2.
- `InputError`: a file Rolebook was given cannot be used as a whole (no handbooks folder, a
  `roles.json` that is not an export). The CLI exits 2 too, naming the file.

Bad *content* is never raised: it becomes findings with file, line and column. Anything else that
escapes is a bug, and the CLI shows its traceback and exits 3, so it is never mistaken for a usage
error. Each class keeps a `ValueError` base so callers written before this module still catch it.
"""

from __future__ import annotations


class RolebookError(Exception):
    """A problem Rolebook explains in one sentence that says what to do."""

    kind = "usage"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(RolebookError, ValueError):
    """How Rolebook was called: an option, a setting, a path that is not there."""

    kind = "usage"


class InputError(RolebookError, ValueError):
    """A file given to Rolebook that cannot be used at all (as opposed to findings in it)."""

    kind = "input"
