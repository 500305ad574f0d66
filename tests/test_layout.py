"""The package's layout keeps its design: small modules, one package per component,
layers that import downwards only, and no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newsgraph"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, known: set[str], *, top_level_only: bool) -> set[str]:
    """The newsgraph modules ``path`` imports (a package import counts as its __init__)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found


def _graph(*, top_level_only: bool) -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph = {}
    for name, path in modules.items():
        imported = _imports(path, known, top_level_only=top_level_only)
        # Importing a.b.c runs the __init__ of a and a.b first.
        closed = set(imported)
        for target in imported:
            parts = target.split(".")
            closed |= {
                ".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in known
            }
        graph[name] = closed - {name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles_among_modules():
    """Imports form no cycle, those inside functions included (a lazy import that closes a
    cycle hides it rather than removes it). A package and the modules under it aside: a
    package's __init__ importing its own modules is how packages export."""
    graph = _graph(top_level_only=False)
    pruned = {
        name: {t for t in targets if not t.startswith(name + ".") and not name.startswith(t + ".")}
        for name, targets in graph.items()
    }
    assert _cycle(pruned) is None, " -> ".join(_cycle(pruned) or [])


def test_layers_import_downwards_only():
    graph = _graph(top_level_only=False)  # lazy imports inside functions count too

    def imports(prefix: str) -> set[str]:
        return {t for name, targets in graph.items() if name.startswith(prefix) for t in targets}

    def under(targets: set[str], prefix: str) -> set[str]:
        return {t for t in targets if t == prefix or t.startswith(prefix + ".")}

    assert not under(imports("newsgraph.api"), "newsgraph.web")
    assert not under(imports("newsgraph.web"), "newsgraph.api")
    store = imports("newsgraph.store")
    for upper in ("newsgraph.pipeline", "newsgraph.clean", "newsgraph.nlp", "newsgraph.extract"):
        assert not under(store, upper), upper  # the store only stores
    runtime = set()
    for prefix in (
        "newsgraph.extract",
        "newsgraph.nlp",
        "newsgraph.pipeline",
        "newsgraph.clean",
        "newsgraph.ingest",
        "newsgraph.store",
        "newsgraph.api",
        "newsgraph.web",
        "newsgraph.server",
        "newsgraph.record",
    ):
        runtime |= imports(prefix)
    assert not under(runtime, "newsgraph.eval") and not under(runtime, "newsgraph.train")


def test_modules_are_small_and_extract_has_one_package_per_component():
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
    flat = sorted(p.name for p in (PACKAGE / "extract").glob("*.py"))
    assert flat == ["__init__.py"]
    components = {p.parent.name for p in (PACKAGE / "extract").glob("*/component.py")}
    assert components == {"times", "places", "actors", "events", "category", "attributions"}
