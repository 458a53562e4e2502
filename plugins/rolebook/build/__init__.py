"""Orchestration over the core: settings, the pipeline, the warm cache, the page folder, the session.

Everything above it is imported from here; nothing below (`cli`, `mkdocs_plugin`) is imported by it."""
