"""The data files of a source, read at a version: each with its findings, or required.

Where the files are is :mod:`limnorm.files.discovery`; parsing them is
:mod:`limnorm.files.loader` and :mod:`limnorm.files.checklist`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from limnorm.core.errors import DataError, Input, Location
from limnorm.core.models import Checklist, Finding, Plan, Severity
from limnorm.files.discovery import WORKING_TREE, DataSource, Version
from limnorm.files.loader import (
    CHECKLIST_FILE,
    PLAN_FILE,
    Loaded,
    T,
    load_plan,
    parse_plan,
    parse_text,
)
from limnorm.files.yamlsource import decode, read_file

# The checklist and git modules are imported where they are used: 'due' needs
# neither, and every module imported at start-up costs every command.


def _read(source: DataSource, cwd: Path, filename: str, version: Version) -> tuple[str | None, str]:
    """(text, name for messages) of a data file in ``version``; text None when absent."""
    name = source.display(filename, cwd)
    path = source.file(filename)
    if version.commit is None or version.top is None:
        if not path.exists():
            return None, name
        return read_file(path, name), name
    from limnorm.files.git import show

    name = f"{name}@{version.label}"
    data = show(version.top, version.commit, path)
    return (None if data is None else decode(data, name)), name


def _loaded(
    source: DataSource,
    cwd: Path,
    filename: str,
    version: Version,
    parse: Callable[[str, str], Loaded[T]],
) -> Loaded[T] | None:
    try:
        text, name = _read(source, cwd, filename, version)
    except DataError as error:
        location = error.location or Location(source.display(filename, cwd))
        return Loaded(None, (Finding(Severity.FATAAL, error.message, location),), location.file)
    return None if text is None else parse_text(text, name, parse)


def loaded_plan(source: DataSource, cwd: Path, version: Version) -> Loaded[Plan] | None:
    """The spoorboekje in ``version`` with all findings; None when the file is absent."""
    return _loaded(source, cwd, PLAN_FILE, version, parse_plan)


def loaded_checklist(source: DataSource, cwd: Path, version: Version) -> Loaded[Checklist] | None:
    """The checklist in ``version`` with all findings; None when the file is absent."""
    from limnorm.files.checklist import parse_checklist

    return _loaded(source, cwd, CHECKLIST_FILE, version, parse_checklist)


def require_plan(
    source: DataSource, cwd: Path, version: Version = WORKING_TREE, *, history: bool = True
) -> Plan:
    """The source's spoorboekje; a DataError only when it is unusable (``fataal``).

    A plan with ``fout`` findings is returned without (or marking) what they concern;
    ``Plan.fouten`` counts them, for the one line the commands print about them. With
    ``history``, the working tree's actions carry the earlier deadline their git history
    shows (:mod:`limnorm.files.postponements`; cached, so no git process runs while
    nothing was committed).
    """
    loaded = loaded_plan(source, cwd, version)
    if loaded is None:
        where = f" in {version.label}" if version.commit else ""
        raise DataError(
            f"niet gevonden{where}; maak een spoorboekje met 'limnorm init MAP'",
            Location(source.display(PLAN_FILE, cwd)),
            remedy=Input.DATA,
        )
    plan = loaded.require()
    if history and version.commit is None and not source.sample:
        from limnorm.files.postponements import with_history

        plan = with_history(plan, source)
    return plan


def require_checklist(
    source: DataSource, cwd: Path, *, required: bool, version: Version = WORKING_TREE
) -> Checklist | None:
    """The source's checklist; ``None`` when it is absent and not required.

    Raises:
        DataError: the checklist has errors, or is required and absent.
    """
    loaded = loaded_checklist(source, cwd, version)
    if loaded is None:
        if not required:
            return None
        raise DataError(
            "checklist niet gevonden; maak een nieuwe met 'limnorm init MAP' en neem "
            "checklist.yaml over",
            Location(source.display(CHECKLIST_FILE, cwd)),
        )
    return loaded.require_clean()


def files_to_check(source: DataSource, cwd: Path) -> list[Loaded[Plan] | Loaded[Checklist]]:
    """Both files as loaded, errors and all, for ``check``; a missing checklist is skipped."""
    files: list[Loaded[Plan] | Loaded[Checklist]] = [
        load_plan(source.file(PLAN_FILE), source.display(PLAN_FILE, cwd))
    ]
    checklist = loaded_checklist(source, cwd, WORKING_TREE)
    if checklist is not None:
        files.append(checklist)
    return files


def changed_at(source: DataSource, version: Version) -> datetime | None:
    """When the spoorboekje of ``version`` last changed: the commit's date, or the file's
    modification time in the working tree; None when it cannot be read."""
    if version.commit is not None:
        return version.commit.date.astimezone(UTC)
    try:
        seconds = source.file(PLAN_FILE).stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(seconds, UTC)
