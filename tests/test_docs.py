"""The README tells the truth: its quick start, its command list and its example output."""

from __future__ import annotations

import importlib.util
import os
from types import ModuleType

import pytest

from limnorm.cli.app import app

from .conftest import ROOT


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "readme_examples", ROOT / "scripts" / "readme_examples.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _load_script()
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = SCRIPT.examples(README)


def test_quick_start_is_the_two_commands() -> None:
    """The README's quick start shows exactly the install-and-run and the test commands."""
    assert "pip install . && limnorm due --owner OOV" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the same test command the README shows, with the toolchain pinned by
    constraints.txt through pip's environment."""
    run = (ROOT / ".ci" / "run").read_text()
    assert "\npip install -e '.[test]' && pytest\n" in run
    assert 'export PIP_CONSTRAINT="$PWD/constraints.txt"' in run


def test_constraints_pin_the_test_toolchain() -> None:
    """Every test extra and runtime dependency has an exact version in constraints.txt, so
    a new Rich or Typer cannot change the exact-output tests unannounced."""
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    wanted = {"rich", "typer", "pyyaml", "pytest", "hypothesis", "ruff", "mypy",
              "python-dateutil", "jsonschema", "icalendar"}  # fmt: skip
    assert wanted <= pinned


@pytest.mark.parametrize(
    "command", [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
)
def test_every_command_is_documented(command: str) -> None:
    """Each command has its own section in the README, with at least one example."""
    headings = [line for line in README.splitlines() if line.startswith("### ")]
    assert any(f"`limnorm {command}" in h for h in headings)
    assert f"$ limnorm {command}" in README


@pytest.mark.parametrize(
    ("command", "output"),
    [e for e in EXAMPLES if SCRIPT.replayable(*e)],
    ids=lambda v: v[:50],
)
def test_readme_examples_are_real_output(
    command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every dated README example is exactly what the command prints now
    (refresh them with scripts/readme_examples.py)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("LIMNORM_DATA", raising=False)
    assert SCRIPT.run(command) == output
    assert os.getcwd() == str(ROOT)


def test_most_examples_are_replayed() -> None:
    """The example check above is not vacuous: most README examples are replayed."""
    assert sum(SCRIPT.replayable(*e) for e in EXAMPLES) >= 7
