"""The MkDocs adapter: typed config and event handlers that delegate to the core.

Importing this package imports MkDocs; nothing else in `rolebook` does. The plugin class is loaded
on first use (`rolebook.mkdocs_plugin:RolebookPlugin`, MkDocs' entry point, still finds it), so the
command line can read a site file through `site_reader` without loading the build.
"""

__all__ = ["RolebookPlugin"]


def __getattr__(name: str):
    if name == "RolebookPlugin":
        from rolebook.mkdocs_plugin.plugin import RolebookPlugin

        return RolebookPlugin
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
