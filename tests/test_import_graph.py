"""The layers hold: no import cycles in our code, the assessments core never uses idd,
idd never uses the demo app, config never imports an app, and no view imports another.

The graph is read from the source with `ast`, so it sees every import Python would run:
at module level and inside functions alike (a function-level import still ties the two
modules together). Imports under `if TYPE_CHECKING:` are left out: they never run and
only name types. `from pkg.mod import name` depends on `pkg.mod`, or on `pkg.mod.name`
when that is a module; a package depends on what its `__init__` imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("idd", "demo", "assessments", "config")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    """Every module of our packages (migrations included: they import code too)."""
    return {
        _module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth, skipping TYPE_CHECKING blocks."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _known_prefix(name: str, modules: dict[str, Path]) -> str | None:
    """The longest leading part of a dotted name that is one of our modules."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def dependencies(module: str, modules: dict[str, Path]) -> set[str]:
    path = modules[module]
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:  # relative: resolved against the importing module's package
                package = module.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            targets = [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            if (known := _known_prefix(target, modules)) is not None and known != module:
                found.add(known)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = our_modules()
    return {module: dependencies(module, modules) for module in modules}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_sees_module_and_function_level_imports():
    graph = import_graph()
    # Module level, through a package's __init__, and a relative import resolved.
    assert "idd.models.initiative" in graph["idd.models"]
    assert "idd.models.workflow" in graph["idd.models.initiative"]
    assert "idd.models.plan" in graph["idd.models"]
    # Inside functions and methods too; never under TYPE_CHECKING.
    source = (
        "import a\nif TYPE_CHECKING:\n    import b\nclass C:\n    def f(self):\n        import c\n"
    )
    assert sorted(n.names[0].name for n in _imports(ast.parse(source))) == ["a", "c"]
    # A cycle of two and one of three are both found, each named by its modules.
    made_up = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert sorted(cycles(made_up)) == [["a", "b"], ["c", "d", "e"]]


def test_no_import_cycles():
    found = cycles(import_graph())
    message = "\n".join(f"{len(c)} modules import each other: {', '.join(c)}" for c in found)
    assert not found, f"Import cycles (break each one):\n{message}"


def test_the_assessments_core_never_imports_idd():
    graph = import_graph()
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.split(".")[0] == "assessments"
        for target in targets
        if target.split(".")[0] == "idd"
    )
    assert not wrong, "assessments must not depend on idd:\n" + "\n".join(wrong)


# What each layer must never reach, directly or through others (docs/architecture.md).
ABOVE_FORMS = (
    "idd.guided_form.steps",
    "idd.services",
    "idd.tasks",
    "idd.export",
    "idd.views",
    "idd.urls",
)
NEVER_REACHES = {
    "idd.models": ("idd.document.snapshot", "idd.document.completeness", "idd.forms", *ABOVE_FORMS),
    "idd.document.completeness": ("idd.forms", *ABOVE_FORMS),
    "idd.forms": ABOVE_FORMS,
    "idd.services": ("idd.views", "idd.urls"),
}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def reached(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_each_layer_imports_only_the_layers_below_it():
    graph = import_graph()
    wrong = sorted(
        f"{module} reaches {target}"
        for layer, forbidden in NEVER_REACHES.items()
        for module in graph
        if _within(module, layer)
        for target in reached(graph, module)
        if any(_within(target, above) for above in forbidden)
    )
    assert not wrong, "A layer imports one above it:\n" + "\n".join(wrong)


def imports_between(graph: dict[str, set[str]], source: str, target: str) -> list[str]:
    """Each direct import from a module of package `source` of a module of `target`."""
    return sorted(
        f"{module} imports {imported}"
        for module, imported_modules in graph.items()
        if _within(module, source)
        for imported in imported_modules
        if _within(imported, target)
    )


def test_the_domain_app_never_imports_the_demo():
    wrong = imports_between(import_graph(), "idd", "demo")
    assert not wrong, "Demo data and benchmarks stay out of idd:\n" + "\n".join(wrong)


def test_config_imports_no_app_module():
    graph = import_graph()
    wrong = [
        w for app in ("idd", "demo", "assessments") for w in imports_between(graph, "config", app)
    ]
    assert not wrong, "config names the apps by string, never imports them:\n" + "\n".join(wrong)


# What every view may import from the views: the helpers they share.
SHARED_VIEW_MODULES = {"idd.views", "idd.views.shared", "idd.views.review.common"}


def view_imports_view(graph: dict[str, set[str]]) -> list[str]:
    return [
        found
        for found in imports_between(graph, "idd.views", "idd.views")
        if found.split(" imports ")[1] not in SHARED_VIEW_MODULES
    ]


def test_no_view_module_imports_another():
    made_up = {"idd.views.a": {"idd.views.b", "idd.views.shared"}, "idd.views.b": set()}
    assert view_imports_view(made_up) == ["idd.views.a imports idd.views.b"]
    wrong = view_imports_view(import_graph())
    assert not wrong, "Shared view helpers go to idd.views.shared:\n" + "\n".join(wrong)
