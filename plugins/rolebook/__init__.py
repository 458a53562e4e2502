"""Rolebook: per-role YAML files checked and published as a team handbook.

The core (loading, model, checks, rendering, diagrams, export, diff) imports
nothing from MkDocs; `rolebook.mkdocs_plugin` is the thin MkDocs adapter and
`rolebook.cli` the command line.
"""

__version__ = "0.1.0"
