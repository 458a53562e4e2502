"""The package layout keeps its promises: one direction of imports, no cycles, MkDocs only in the adapter.

Read from the source with `ast`, so an import inside a function counts as much as one at the top
(a function-level import is how a cycle hides). The layers are those of `architecture.md`,
"The layout": a package may import only the packages its row names, and the leaves below
everything. `if TYPE_CHECKING:` imports are annotations only: they count for the direction of
arrows, not for cycles (they never run).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "rolebook"
LEAVES = {"resources", "errors", "i18n", "text", "caching"}
# What each stage may import besides itself and the leaves (architecture.md, "The layout").
ALLOWED = {
    "resources": set(),
    "errors": set(),
    "i18n": {"resources"},
    "text": set(),
    "caching": set(),
    "model": set(),
    "loading": {"model"},
    "checks": {"model"},
    "reports": {"model"},
    "pages": {"model", "reports"},
    "diagrams": {"model"},
    "history": {"loading", "reports", "model"},
    "build": {"model", "loading", "checks", "reports", "pages", "diagrams", "history"},
    "authoring": {"model"},
    "audit": {"model", "loading", "reports"},
}
ADAPTERS = {"cli", "mkdocs_plugin", "__init__"}  # may import any stage; nothing in the core imports them
SITE_GENERATORS = ("mkdocs", "material", "properdocs")
GETTEXT = {"_", "N_"}  # gettext's names by convention, public despite the underscore


@dataclass
class Module:
    name: str  # dotted, without the leading `rolebook.`; "" for the package itself
    path: Path
    is_package: bool
    imports: list[tuple[str, int, bool]] = field(default_factory=list)  # (target, line, runs at import or call)
    private_uses: list[tuple[str, int]] = field(default_factory=list)  # ("rolebook.x._y", line)
    outside: list[tuple[str, int]] = field(default_factory=list)  # third-party top-level names


def _modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        parts = list(relative.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = Module(".".join(parts), path, is_package)
    return found


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                ids.update(id(n) for n in ast.walk(child))
    return ids


def _read(module: Module, known: dict[str, Module]) -> None:
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    typing_only = _type_checking_nodes(tree)
    own = module.name.split(".") if module.name else []
    base = own if module.is_package else own[:-1]
    aliases: dict[str, str] = {}  # local name -> rolebook module it stands for
    for node in ast.walk(tree):
        runs = id(node) not in typing_only
        if isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                source = ".".join(anchor + ([node.module] if node.module else []))
            elif node.module and (node.module == "rolebook" or node.module.startswith("rolebook.")):
                source = node.module.removeprefix("rolebook").removeprefix(".")
            else:
                if node.module:
                    module.outside.append((node.module.split(".")[0], node.lineno))
                continue
            for alias in node.names:
                full = f"{source}.{alias.name}" if source else alias.name
                if full in known:  # `from rolebook.x import module`
                    module.imports.append((full, node.lineno, runs))
                    aliases[alias.asname or alias.name] = full
                    continue
                if source == "" and alias.name == "__version__":
                    continue  # a constant of the package itself, defined before its lazy API
                module.imports.append((source, node.lineno, runs))
                if alias.name.startswith("_") and not alias.name.startswith("__") and alias.name not in GETTEXT:
                    module.private_uses.append((f"{source}.{alias.name}", node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "rolebook" or alias.name.startswith("rolebook."):
                    target = alias.name.removeprefix("rolebook").removeprefix(".")
                    module.imports.append((target, node.lineno, runs))
                    aliases[alias.asname or alias.name.split(".")[0]] = target
                else:
                    module.outside.append((alias.name.split(".")[0], node.lineno))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr.startswith("_") and not node.attr.startswith("__") and node.attr not in GETTEXT):
            module.private_uses.append((f"{aliases[node.value.id]}.{node.attr}", node.lineno))


@pytest.fixture(scope="module")
def modules() -> dict[str, Module]:
    known = _modules()
    for module in known.values():
        _read(module, known)
    return known


def _stage(name: str) -> str:
    return name.split(".")[0] if name else "__init__"


def test_the_tree_has_the_stages_of_the_layout(modules):
    stages = {_stage(name) for name in modules}
    assert stages == set(ALLOWED) | ADAPTERS


def test_no_import_runs_up_the_tree(modules):
    wrong = []
    for module in modules.values():
        stage = _stage(module.name)
        if stage in ADAPTERS:
            continue
        for target, line, _ in module.imports:
            other = _stage(target)
            if other == stage or other in ALLOWED[stage] or (other in LEAVES and stage not in LEAVES):
                continue
            wrong.append(f"rolebook.{module.name} (line {line}) imports rolebook.{target}".replace("rolebook.:", ":"))
    assert wrong == []


def test_the_leaves_import_nothing_above_them(modules):
    for module in modules.values():
        stage = _stage(module.name)
        if stage in LEAVES:
            others = {_stage(t) for t, _, _ in module.imports} - {stage}
            assert others <= ALLOWED[stage], (module.name, others)


def test_no_import_cycle_even_through_function_level_imports(modules):
    graph = {name: sorted({t for t, _, runs in m.imports if runs and t != name and t in modules})
             for name, m in modules.items()}
    # Importing a package runs its __init__; importing `a.b` runs `a` first: that edge is real too.
    for name in modules:
        if "." in name:
            parent = name.rsplit(".", 1)[0]
            graph[name] = sorted(set(graph[name]) - {parent})  # a child never needs its parent's body
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


def test_only_the_adapter_imports_a_site_generator(modules):
    wrong = [f"rolebook.{m.name}:{line} imports {name}" for m in modules.values() for name, line in m.outside
             if name in SITE_GENERATORS and _stage(m.name) != "mkdocs_plugin"]
    assert wrong == []


def test_no_private_name_is_used_across_packages(modules):
    wrong = []
    for module in modules.values():
        for used, line in module.private_uses:
            owner = used.rsplit(".", 1)[0]
            if _stage(owner) != _stage(module.name):
                wrong.append(f"rolebook.{module.name}:{line} uses rolebook.{used}")
    assert wrong == []


def test_the_checks_read_no_files_git_or_clock(modules):
    """`checks/` is pure: the build date comes in `Timing`, files come loaded, git's dates come read."""
    impure = {"subprocess", "os", "shutil", "socket", "time"}
    wrong = [f"rolebook.{m.name}:{line} imports {name}" for m in modules.values() for name, line in m.outside
             if _stage(m.name) == "checks" and name in impure]
    assert wrong == []
    for m in modules.values():
        if _stage(m.name) == "checks":
            text = m.path.read_text(encoding="utf-8")
            assert "date.today(" not in text and "datetime.now(" not in text, m.name


def _imports_alone(name: str) -> tuple[str, list[str]]:
    code = ("import importlib, sys; importlib.import_module(sys.argv[1]); "
            "print(' '.join(sorted(k for k in sys.modules if k.split('.')[0] in ('mkdocs', 'material', 'properdocs'))))")
    done = subprocess.run([sys.executable, "-c", code, name], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{name} does not import on its own:\n{done.stderr}"
    return name, done.stdout.split()


def test_each_core_module_imports_alone_without_mkdocs(modules):
    core = sorted(f"rolebook.{m.name}" if m.name else "rolebook" for m in modules.values()
                  if _stage(m.name) != "mkdocs_plugin")
    assert len(core) > 40
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(_imports_alone, core))
    assert {name: found for name, found in results.items() if found} == {}


def test_the_layering_test_sees_a_backward_arrow_a_cycle_and_a_private_name(tmp_path):
    """The checks above can fail: a made-up tree with each fault is caught."""
    bad = {
        "model/__init__.py": "",
        "model/a.py": "from rolebook.build.x import y\n",
        "build/__init__.py": "",
        "build/x.py": "def f():\n    from rolebook.model import a\n    return a._hidden\n",
    }
    for relative, text in bad.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        known = _modules()
        for module in known.values():
            _read(module, known)
    finally:
        PACKAGE = saved
    assert ("build.x", 1, True) in known["model.a"].imports
    assert ("model.a", 2, True) in known["build.x"].imports
    assert ("model.a._hidden", 3) in known["build.x"].private_uses
    with pytest.raises(AssertionError):
        test_no_import_runs_up_the_tree(known)
    with pytest.raises(AssertionError):
        test_no_import_cycle_even_through_function_level_imports(known)
    with pytest.raises(AssertionError):
        test_no_private_name_is_used_across_packages(known)
