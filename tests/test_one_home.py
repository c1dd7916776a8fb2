"""One home each: the Limburgse Norm's theme numbers are defined once, in core/norm.py.

The source is read as syntax, not as text: a ``range`` call or a literal collection
whose values are the norm's themes (1-6) or a plan's blocks (0-6) anywhere but in
``core/norm.py`` is a second definition, however it is spelled.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from limnorm.core.norm import NORM_THEMES, PLAN_THEMES, THEME_TITLES

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "src" / "limnorm" / "core" / "norm.py"
#: The theme numbers as written by hand here, not taken from the home.
RANGES = ((1, 2, 3, 4, 5, 6), (0, 1, 2, 3, 4, 5, 6))


def _constant_ints(nodes: list[ast.expr]) -> tuple[int, ...] | None:
    values = [n.value for n in nodes if isinstance(n, ast.Constant)]
    if len(values) != len(nodes) or not all(type(v) is int for v in values):
        return None
    return tuple(values)


def theme_ranges(source: str) -> list[int]:
    """The lines of ``source`` that spell out a theme range (as a range or a literal)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        numbers: tuple[int, ...] | None = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "range" and (arguments := _constant_ints(node.args)):
                numbers = tuple(range(*arguments))
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            numbers = _constant_ints(node.elts)
        if numbers is not None and tuple(sorted(numbers)) in RANGES:
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("NORM_THEMES = range(1, 7)", [1]),
        ("x = tuple(range(1, 7))", [1]),
        ("for t in range(7):\n    pass", [1]),
        ("for t in range(0, 7, 1):\n    pass", [1]),
        ("THEMES = (1, 2, 3, 4, 5, 6)", [1]),
        ("ok = 1\nTHEMES = {6, 5, 4, 3, 2, 1, 0}", [2]),
        ("PHASES = range(1, 6)", []),
        ("days = range(1, 32)", []),
        ("point = (1, 2)", []),
        ("for i in range(len(x)):\n    pass", []),
    ],
)
def test_the_scan_finds_theme_ranges(source: str, found: list[int]) -> None:
    """The scan below sees every spelling of a theme range, and not other ranges."""
    assert theme_ranges(source) == found


def test_theme_numbers_have_one_home() -> None:
    """No module of the package, the benchmarks or the scripts defines the theme
    numbers again: each takes them from ``limnorm.core.norm``."""
    places = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in ("src", "benchmarks", "scripts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != HOME
        for line in theme_ranges(path.read_text(encoding="utf-8"))
    ]
    assert places == []


def test_the_home_holds_the_limburgse_norm() -> None:
    """The home says what domain.md says: themes 1 to 6, and 0 for the 0-meting."""
    assert RANGES[0] == NORM_THEMES
    assert RANGES[1] == PLAN_THEMES
    assert sorted(THEME_TITLES) == list(RANGES[0])
