"""The checker's old address, kept so `from rolebook.checks.rules import check` (code outside) still works.

The checks now live in `structure`, `framework`, `placeholders` and `living`,
registered in `registry`; `rolebook.checks.check` runs them.
"""

from __future__ import annotations

from rolebook.checks import check
from rolebook.checks.framework import is_collective

__all__ = ["check", "is_collective"]
