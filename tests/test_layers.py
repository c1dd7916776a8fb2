"""The package's layers, read from the source: who may import whom, and no import cycles.

Every import counts, also those inside functions and under TYPE_CHECKING: a
function-level import is a dependency all the same, it only runs later.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "limnorm"

#: Which layers each layer may import (its own included). Output sits above the
#: queries (it shows their results); the command line above everything.
ALLOWED = {
    "core": {"core"},
    "files": {"core", "files"},
    "queries": {"core", "files", "queries"},
    "output": {"core", "files", "queries", "output"},
    "cli": {"core", "files", "queries", "output", "cli"},
}
#: Third-party imports allowed per layer (the standard library is free everywhere).
THIRD_PARTY = {
    "core": {"dateutil"},
    # Word and Excel files are read (import) and written (xlsx) with their libraries.
    "files": {"yaml", "dateutil", "docx", "openpyxl"},
    "queries": {"dateutil"},
    "output": {"rich", "dateutil", "openpyxl"},
    "cli": {"typer", "rich"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in the file, absolute names."""
    package = _module_name(path).rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.add(base)
            for alias in node.names:  # "from limnorm.output import views" imports a module
                if (SRC.parent / base.replace(".", "/") / f"{alias.name}.py").exists():
                    found.add(f"{base}.{alias.name}")
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    return {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else None


def test_graph_sees_function_level_imports() -> None:
    """The reader finds imports inside functions (the views import Rich tables there)."""
    assert "limnorm.output.terminal" in _graph()["limnorm.output.views"]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    """core < files < queries < output < cli: nothing imports a layer above its own."""
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _layer(module) == layer
        for target in targets
        if _layer(target) is not None and _layer(target) not in ALLOWED[layer]
    ]
    assert wrong == []


@pytest.mark.parametrize("layer", sorted(THIRD_PARTY))
def test_third_party_libraries_stay_in_their_layer(layer: str) -> None:
    """Typer only in cli/, Rich only in output/ (and the cli's consoles), PyYAML only in
    files/; no click anywhere."""
    import sys

    wrong = []
    for path in (SRC / layer).rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "limnorm" or top in sys.stdlib_module_names or top == "__future__":
                continue
            if top not in THIRD_PARTY[layer]:
                wrong.append(f"{_module_name(path)} -> {name}")
    assert wrong == []


def test_no_import_cycles() -> None:
    """No module reaches itself through imports, function-level ones included."""
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []


def _option_names() -> set[str]:
    """Every option the command line defines (``--data``, ``--regio``, ...)."""
    found = set()
    for path in (SRC / "cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("--")
                and node.value[2:].replace("-", "").isalpha()
            ):
                found.add(node.value)
    return found


def test_no_option_named_below_the_command_line() -> None:
    """Messages of the core, the files, the queries and the output say what is wrong; the
    command line adds which option gives the value (docstrings may name options)."""
    options = _option_names()
    assert {"--data", "--regio", "--as-of", "--op", "--naar"} <= options
    wrong = []
    for layer in ("core", "files", "queries", "output"):
        for path in (SRC / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in docstrings
                ):
                    words = set(re.findall(r"--[a-z][a-z-]*(?![=a-z-])", node.value))  # not git's --x=
                    wrong += [f"{path.name}: {w}" for w in sorted(words & options)]
    assert wrong == []


def test_architecture_and_readme_name_every_module() -> None:
    """ARCHITECTURE.md and the README's developer section list every module there is."""
    root = SRC.parents[1]
    architecture = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    developers = readme[readme.index("## Voor ontwikkelaars") :]
    missing = []
    for layer in ALLOWED:
        for path in sorted((SRC / layer).iterdir()):
            name = path.name if path.suffix == ".py" else f"{path.name}/"
            if name == "__init__.py" or path.name == "__pycache__":
                continue
            missing += [f"{where}: {layer}/{name}" for where, text in
                        (("ARCHITECTURE.md", architecture), ("README", developers))
                        if f"`{name}`" not in text]  # fmt: skip
    assert missing == []
