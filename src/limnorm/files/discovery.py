"""Find the data folder (``--data``, ``$LIMNORM_DATA``, an ancestor, the sample) and load it."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.errors import DataError, Location, UsageError, describe_os_error
from limnorm.core.models import Checklist, Finding, Plan, Severity
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

if TYPE_CHECKING:
    from limnorm.files.git import Commit

# The checklist and git modules are imported where they are used: 'due' needs
# neither, and every module imported at start-up costs every command.

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
        return display_path(self.file(name), cwd)


def display_path(path: Path, cwd: Path) -> str:
    """A path as messages show it: relative to ``cwd`` when below it, else as given."""
    try:
        return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def sample_directory() -> Path:
    """The sample data: inside the installed package, else in the source checkout."""
    installed = Path(__file__).parents[1] / "data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "data"


def _given(path: Path, how: str) -> DataSource:
    try:
        path.stat()
    except OSError as error:
        raise DataError(f"{how}: {describe_os_error(error)}", Location(str(path))) from None
    if path.is_file():
        if path.suffix.lower() in (".yaml", ".yml"):  # a data file itself: use its folder
            return DataSource(path.parent)
        raise DataError(
            f"{how}: dit is een bestand, geen map; geef de map met spoorboekje.yaml",
            Location(str(path)),
        )
    if not path.is_dir():
        raise DataError(f"{how}: dit is geen map", Location(str(path)))
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


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


class Version(NamedTuple):
    """Which state of the data files to read: the working tree, or a git commit."""

    label: str
    commit: Commit | None = None
    top: Path | None = None


WORKING_TREE = Version("werkkopie")


def version_at(source: DataSource, ref: str | None) -> Version:
    """The version named by ``--at REF``; the working tree without one.

    Raises:
        DataError: the data is not in git, or the ref is unknown.
    """
    if ref is None:
        return WORKING_TREE
    if source.sample:
        raise DataError(
            "--at leest de gegevens uit git, maar de voorbeeldgegevens staan niet in git; "
            "kies een map met --data"
        )
    from limnorm.files.git import resolve, toplevel

    top = toplevel(source.directory)
    return Version(ref, resolve(top, ref), top)


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
        return Loaded(None, (Finding(Severity.FOUT, error.message, location),), location.file)
    return None if text is None else parse_text(text, name, parse)


def plan_in(source: DataSource, cwd: Path, version: Version) -> Loaded[Plan] | None:
    """The spoorboekje in ``version`` with all findings; None when the file is absent."""
    return _loaded(source, cwd, PLAN_FILE, version, parse_plan)


def checklist_in(source: DataSource, cwd: Path, version: Version) -> Loaded[Checklist] | None:
    """The checklist in ``version`` with all findings; None when the file is absent."""
    from limnorm.files.checklist import parse_checklist

    return _loaded(source, cwd, CHECKLIST_FILE, version, parse_checklist)


def load_plan_from(source: DataSource, cwd: Path, version: Version = WORKING_TREE) -> Plan:
    """The source's spoorboekje; a DataError only when it is unusable (``fataal``).

    A plan with ``fout`` findings is returned without (or marking) what they concern;
    ``Plan.fouten`` counts them, for the one line the commands print about them.
    """
    loaded = plan_in(source, cwd, version)
    if loaded is None:
        where = f" in {version.label}" if version.commit else ""
        raise DataError(
            f"niet gevonden{where}; maak een spoorboekje met 'limnorm init MAP' of kies de map "
            "met --data",
            Location(source.display(PLAN_FILE, cwd)),
        )
    return loaded.require()


def load_checklist_from(
    source: DataSource, cwd: Path, *, required: bool, version: Version = WORKING_TREE
) -> Checklist | None:
    """The source's checklist; ``None`` when it is absent and not required.

    Raises:
        DataError: the checklist has errors, or is required and absent.
    """
    loaded = checklist_in(source, cwd, version)
    if loaded is None:
        if not required:
            return None
        raise DataError(
            "checklist niet gevonden; maak een nieuwe met 'limnorm init MAP' en neem "
            "checklist.yaml over",
            Location(source.display(CHECKLIST_FILE, cwd)),
        )
    return loaded.require_clean()


def sources_of(paths: Sequence[Path]) -> list[DataSource]:
    """The data folders of the given data files (each folder once, in the order given).

    Raises:
        UsageError: a path that is not a spoorboekje or checklist, or a folder.
    """
    folders: dict[Path, DataSource] = {}
    for path in paths:
        if path.name not in (PLAN_FILE, CHECKLIST_FILE):
            raise UsageError(
                f"geen {PLAN_FILE} of {CHECKLIST_FILE}; geef die bestanden, of een map met --data",
                Location(str(path)),
            )
        folders.setdefault(path.parent, DataSource(path.parent))
    return list(folders.values())


def load_all(source: DataSource, cwd: Path) -> list[Loaded[Plan] | Loaded[Checklist]]:
    """Both files as loaded, errors and all, for ``check``; a missing checklist is skipped."""
    files: list[Loaded[Plan] | Loaded[Checklist]] = [
        load_plan(source.file(PLAN_FILE), source.display(PLAN_FILE, cwd))
    ]
    checklist = checklist_in(source, cwd, WORKING_TREE)
    if checklist is not None:
        files.append(checklist)
    return files


def editable(source: DataSource) -> DataSource:
    """The source, if limnorm may write to it.

    Raises:
        UsageError: it is the built-in sample, which belongs to the installation,
            however it was reached (the fallback, ``--data`` naming its folder, or
            the command run inside that folder).
    """
    if source.sample or _same_folder(source.directory, sample_directory()):
        raise UsageError(
            "de voorbeeldgegevens worden niet gewijzigd; kies een map met --data, of maak "
            "eigen gegevens met 'limnorm init MAP'"
        )
    return source


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
