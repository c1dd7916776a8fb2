"""The README tells the truth: its quick start, its command list and its example output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limnorm.cli import app

from .conftest import ROOT, SAMPLE, strip_lines

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n\$ (limnorm [^\n]+)\n(.*?)```", README, flags=re.S)


def test_quick_start_is_the_two_commands() -> None:
    """The README's quick start shows exactly the install-and-run and the test commands."""
    assert "pip install . && limnorm due --owner OOV" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the same test command the README shows."""
    assert "pip install -e '.[test]' && pytest" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize(
    "command", [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
)
def test_every_command_is_documented(command: str) -> None:
    """Each command has its own section in the README."""
    assert f"### `limnorm {command}" in README


def _runnable(command: str, output: str) -> bool:
    # Examples that depend on today's date or a folder of their own are not replayed.
    return ("--as-of" in command or " when " in f"{command} ") and "  ..." not in output


@pytest.mark.parametrize(
    ("command", "output"), [b for b in BLOCKS if _runnable(*b)], ids=lambda v: v[:40]
)
def test_readme_examples_are_real_output(command: str, output: str, tmp_path: Path) -> None:
    """Every dated README example is exactly what the command prints today."""
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(
        app, args, env={"COLUMNS": "100", "NO_COLOR": "1", "LIMNORM_DATA": str(SAMPLE)}
    )
    assert strip_lines(result.stdout) == output.rstrip("\n")


def test_some_examples_are_replayed() -> None:
    """The example check above is not vacuous: most README examples are replayed."""
    assert sum(_runnable(*b) for b in BLOCKS) >= 5
