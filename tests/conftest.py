"""Shared fixtures: a CLI runner with fixed width and no colour, and data folders."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from limnorm.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data"

settings.register_profile("ci", deadline=None, max_examples=300)
settings.register_profile("dev", deadline=None)
# scripts/mutation.py: each mutant runs the tests again, so fewer examples per property.
settings.register_profile("mutation", deadline=None, max_examples=25)
settings.load_profile("dev")

Invoke = Callable[..., Result]


def strip_lines(text: str) -> str:
    """Text with trailing spaces removed from every line (Rich pads table lines)."""
    return "\n".join(line.rstrip() for line in text.splitlines())


@pytest.fixture(name="invoke")
def _invoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run ``limnorm`` in an empty folder, 100 columns wide, without colour; an exception
    the command lets through (a traceback for the user) fails the test."""
    monkeypatch.chdir(tmp_path)

    def invoke(args: Sequence[str], env: dict[str, str] | None = None) -> Result:
        base = {
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "LIMNORM_DATA": "",
            "TERM": "dumb",
            "LIMNORM_CACHE_DIR": str(tmp_path / ".limnorm-cache"),
        }
        result = CliRunner().invoke(app, list(args), env={**base, **(env or {})})
        # CliRunner catches what the command raises, so a traceback never shows in
        # result.output; any exception but a deliberate exit fails the test here.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"limnorm {' '.join(args)} raised") from result.exception
        return result

    return invoke


@pytest.fixture(name="sample_dir")
def _sample_dir(tmp_path: Path) -> Path:
    """A writable copy of the sample data folder."""
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(name="write_plan")
def _write_plan(tmp_path: Path) -> Callable[[str], Path]:
    """Write a spoorboekje (dedented) into a fresh folder and return the folder."""
    counter = iter(range(1000))

    def write(text: str) -> Path:
        folder = tmp_path / f"plan{next(counter)}"
        folder.mkdir()
        (folder / "spoorboekje.yaml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return folder

    return write
