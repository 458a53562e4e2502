"""The rule table, the check registry and the code agree: every code is emitted by exactly its registered places.

A code is "emitted" where a literal `"RBnnn"` is passed to a call (`at(entry, path, "RB104", ...)`,
`Finding(..., "RB115", ...)`): that is how every finding in the package is written. Reading a code
(`severity_table(...)["RB114"]`, `PLACEHOLDER_RULE = "RB115"`) is not emitting it.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

import rolebook
from rolebook.checks import check
from rolebook.checks.registry import LOADING_CODES, REGISTRY, Registry, UndeclaredRuleCode
from rolebook.loading.loader import load_handbook
from rolebook.model.findings import RULES, Finding
from rolebook.model.review_rhythm import Timing
from support.handbooks import CLEAN_ROLE

PACKAGE = Path(rolebook.__file__).parent
CODE = re.compile(r"RB\d{3}")


def _is_rule_decorator(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "rule"


def _emitted(tree: ast.AST) -> set[str]:
    """Codes passed as literal arguments to calls under `tree`, `@rule(...)` itself not counted."""
    skip = {id(d) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) for d in n.decorator_list
            if _is_rule_decorator(d)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in skip:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.fullmatch(arg.value):
                    found.add(arg.value)
    return found


def _module_name(path: Path) -> str:
    return ".".join(("rolebook", *path.relative_to(PACKAGE).with_suffix("").parts))


def _emitting_modules() -> dict[str, set[str]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "model" / "rules.py":  # the table itself
            continue
        codes = _emitted(ast.parse(path.read_text(encoding="utf-8")))
        if codes:
            out[_module_name(path)] = codes
    return out


def _registered_by_module() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for registered in REGISTRY.checks:
        out.setdefault(registered.function.__module__, set()).update(registered.codes)
    return out


def test_every_code_in_the_table_is_registered_or_loadings():
    registered = set(REGISTRY.codes())
    assert registered <= set(RULES)
    assert LOADING_CODES <= set(RULES)
    assert registered | LOADING_CODES == set(RULES), f"no check emits {sorted(set(RULES) - registered - LOADING_CODES)}"


def test_codes_are_emitted_only_by_loading_and_registered_checks():
    emitting = _emitting_modules()
    registered = _registered_by_module()
    loading = {module: codes for module, codes in emitting.items() if module.startswith("rolebook.loading.")}
    checks = {module: codes for module, codes in emitting.items() if not module.startswith("rolebook.loading.")}
    assert set().union(*loading.values()) == LOADING_CODES
    assert checks == registered, "a module emits codes its registered checks do not declare (or declares ones it never writes)"


def test_each_registered_function_writes_only_its_own_codes():
    for registered in REGISTRY.checks:
        path = Path(__import__(registered.function.__module__, fromlist=["_"]).__file__)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        [node] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == registered.function.__name__]
        assert _emitted(node) <= registered.codes, registered.name


def test_every_registered_code_fires_from_its_check(handbook_dir):
    """Each (check, code) pair is real: the rule corpus of test_rules makes every registered check emit its codes."""
    from test_rules import TRIGGERS  # the one case per rule

    emitted: dict[str, set[str]] = {}
    timing = Timing(dt.date(2026, 6, 1))
    cases = [files for files, _, _ in TRIGGERS.values()]
    cases.append({"team/r.yml": CLEAN_ROLE + "reviewed: 2027-01-01\n"})  # RB002 from living: a `reviewed:` in the future
    cases.append({"team/r.yml": CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    done_on: 2027-01-01\n")})
    # RB002 from living again: a `done_on:` in the future
    cases.append({"_people.yml": "people: [{id: dana-lee, name: Dana Lee}]\n", "people/r.yml": CLEAN_ROLE})  # RB003: the person pages' folder
    cases.append({"team/_team.yml": "title: Team\nsummary: Say in one sentence what the Platform team does.\n",
                  "team/r.yml": CLEAN_ROLE})  # RB115 in a team file (its own check: team files are not per role)
    for files in cases:
        handbook = load_handbook(handbook_dir(files))
        for registered in REGISTRY.checks:
            emitted.setdefault(registered.name, set()).update(f.code for f in registered.run(handbook, timing))
    assert emitted == {registered.name: set(registered.codes) for registered in REGISTRY.checks}


def test_a_finding_with_an_undeclared_code_fails_loudly(handbook_dir):
    registry = Registry()

    @registry.rule("RB101")
    def wrong(handbook):
        yield Finding("x.yml", 1, 1, "RB102", "not what this check declared")

    handbook = load_handbook(handbook_dir({"team/r.yml": CLEAN_ROLE}))
    with pytest.raises(UndeclaredRuleCode, match=r"wrong emitted RB102 but is registered with RB101: add RB102 to its @rule"):
        list(registry.findings(handbook))


def test_registering_an_unknown_code_fails():
    with pytest.raises(ValueError, match="codes from the rule table"):
        Registry().rule("RB999")


def test_check_runs_the_registry(handbook_dir):
    handbook = load_handbook(handbook_dir({"team/r.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")}))
    assert [f.code for f in check(handbook)] == ["RB106"]
