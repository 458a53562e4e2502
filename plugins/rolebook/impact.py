"""RB105's reading of a sentence; it lives in `rolebook.language.impact` now."""

from __future__ import annotations

from .language.impact import Impact, impact_metric, impact_of

__all__ = ["Impact", "impact_metric", "impact_of"]
