"""Find the data folder (``--data``, ``$LIMNORM_DATA``, an ancestor, the sample) and load it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from limnorm.checklist import CHECKLIST_FILE, load_checklist
from limnorm.errors import DataError, Location
from limnorm.loader import PLAN_FILE, Loaded, load_plan
from limnorm.models import Checklist, Plan

ENV_VAR = "LIMNORM_DATA"


class DataSource(NamedTuple):
    """Where the data files are, and whether it is the built-in sample."""

    directory: Path
    sample: bool = False

    def file(self, name: str) -> Path:
        """The path of one data file in this folder."""
        return self.directory / name

    def display(self, name: str, cwd: Path) -> str:
        """How to name a data file in messages: relative to ``cwd`` when below it."""
        path = self.file(name)
        try:
            return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)
        except ValueError:  # another drive on Windows
            return str(path)


def sample_directory() -> Path:
    """The sample data: inside the installed package, else in the source checkout."""
    installed = Path(__file__).parent / "data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "data"


def _given(path: Path, how: str) -> DataSource:
    if path.is_file():  # a data file itself: use its folder
        return DataSource(path.parent)
    if not path.is_dir():
        raise DataError(f"{how}: de map bestaat niet", Location(str(path)))
    if not (path / PLAN_FILE).is_file() and (path / "data" / PLAN_FILE).is_file():
        return DataSource(path / "data")
    return DataSource(path)


def locate(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> DataSource:
    """Decide where the data is, in the order the README documents.

    Raises:
        DataError: ``--data`` or ``$LIMNORM_DATA`` names something that does not exist.
    """
    if explicit is not None:
        return _given(explicit, "--data")
    if env.get(ENV_VAR):
        return _given(Path(env[ENV_VAR]), ENV_VAR)
    for folder in (cwd, *cwd.parents):
        for candidate in (folder, folder / "data"):
            if (candidate / PLAN_FILE).is_file():
                return DataSource(candidate)
    return DataSource(sample_directory(), sample=True)


def load_plan_from(source: DataSource, cwd: Path) -> Plan:
    """The source's spoorboekje, or a DataError listing every error in it."""
    return load_plan(source.file(PLAN_FILE), source.display(PLAN_FILE, cwd)).require()


def load_checklist_from(source: DataSource, cwd: Path, *, required: bool) -> Checklist | None:
    """The source's checklist; ``None`` when it is absent and not required.

    Raises:
        DataError: the checklist has errors, or is required and absent.
    """
    path = source.file(CHECKLIST_FILE)
    name = source.display(CHECKLIST_FILE, cwd)
    if not required and not path.exists():
        return None
    if required and not path.exists():
        raise DataError(
            "checklist niet gevonden; maak een nieuwe met 'limnorm init MAP' en neem "
            "checklist.yaml over",
            Location(name),
        )
    return load_checklist(path, name).require()


def load_all(source: DataSource, cwd: Path) -> list[Loaded[Plan] | Loaded[Checklist]]:
    """Both files as loaded, errors and all, for ``check``; a missing checklist is skipped."""
    files: list[Loaded[Plan] | Loaded[Checklist]] = [
        load_plan(source.file(PLAN_FILE), source.display(PLAN_FILE, cwd))
    ]
    if source.file(CHECKLIST_FILE).exists():
        files.append(
            load_checklist(source.file(CHECKLIST_FILE), source.display(CHECKLIST_FILE, cwd))
        )
    return files
