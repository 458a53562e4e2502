"""The MkDocs adapter: typed config and event handlers that delegate to the core.

Importing this package imports MkDocs; nothing else in `rolebook` does.
"""

from .plugin import RolebookPlugin

__all__ = ["RolebookPlugin"]
