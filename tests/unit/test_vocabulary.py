"""One word, one meaning: "placeholder" is RB115's template text, and nothing else in the code.

Diagram slots, lifted-HTML markers, format fields of a label and redacted figures
used to be "placeholders" too. The `rolebook review` command keeps its name (a
contract), but the code behind it says "health".
"""

from __future__ import annotations

import ast
from pathlib import Path

import rolebook

PACKAGE = Path(rolebook.__file__).parent
# RB115 itself, the report section that lists its findings, and the template whose text it finds.
RB115_MODULES = {"checks/placeholders.py", "reports/health.py", "authoring/new_role.py"}


def _identifiers(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, ast.arg):
            yield node.arg
        elif isinstance(node, ast.alias):
            yield node.asname or node.name


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def test_placeholder_names_only_rb115():
    found = {(name, ident) for name, tree in _modules() if name not in RB115_MODULES
             for ident in _identifiers(tree) if "placeholder" in ident.lower() and ident != "placeholders"}  # the RB115 module's name
    assert not found, f"call it what it is (slot, marker, format field...): {sorted(found)}"


def test_the_health_report_is_called_health_in_code():
    found = {(name, ident) for name, tree in _modules() for ident in _identifiers(tree)
             if ident.lower().startswith(("review_command", "review_report", "render_review"))}
    assert not found, sorted(found)
