"""The MkDocs adapter: typed config and event handlers that delegate to the core.

Importing this package imports MkDocs; nothing else in `rolebook` does.
"""

from rolebook.mkdocs_plugin.plugin import RolebookPlugin

__all__ = ["RolebookPlugin"]
