"""Find the data: the folder given, ``$LIMNORM_DATA``, an ancestor, or the sample; and the
version to read (the working tree or a git commit). Reading the files is
:mod:`limnorm.files.datafiles`."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.errors import DataError, Input, Location, UsageError, describe_os_error
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE

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


def _given(path: Path, variable: str | None) -> DataSource:
    """The data folder named on the command line (``variable`` None) or in an environment
    variable (named in messages: it is the user's setting, not an option)."""
    about = Input.DATA if variable is None else None
    prefix = f"{variable}: " if variable else ""
    try:
        path.stat()
    except OSError as error:
        raise DataError(
            prefix + describe_os_error(error), Location(str(path)), about=about
        ) from None
    if path.is_file():
        if path.suffix.lower() in (".yaml", ".yml"):  # a data file itself: use its folder
            return DataSource(path.parent)
        raise DataError(
            f"{prefix}dit is een bestand, geen map; geef de map met spoorboekje.yaml",
            Location(str(path)),
            about=about,
        )
    if not path.is_dir():
        raise DataError(f"{prefix}dit is geen map", Location(str(path)), about=about)
    if not (path / PLAN_FILE).is_file() and (path / "data" / PLAN_FILE).is_file():
        return DataSource(path / "data")
    return DataSource(path)


def locate(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> DataSource:
    """Decide where the data is, in the order the README documents.

    Raises:
        DataError: the folder given, or ``$LIMNORM_DATA``, names something that does not
            exist.
    """
    if explicit is not None:
        return _given(explicit, None)
    if env.get(ENV_VAR):
        return _given(Path(env[ENV_VAR]), ENV_VAR)
    for folder in (cwd, *cwd.parents):
        for candidate in (folder, folder / "data"):
            # exists(), not is_file(): a FIFO or folder named spoorboekje.yaml is found
            # and refused when read (fataal), never passed over for the sample.
            if (candidate / PLAN_FILE).exists():
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
            "de voorbeeldgegevens staan niet in git", about=Input.VERSION, remedy=Input.DATA
        )
    from limnorm.files.git import resolve, toplevel

    top = toplevel(source.directory)
    return Version(ref, resolve(top, ref), top)


def sources_of(paths: Sequence[Path]) -> list[DataSource]:
    """The data folders of the given data files (each folder once, in the order given).

    Raises:
        UsageError: a path that is not a spoorboekje or checklist, or a folder.
    """
    folders: dict[Path, DataSource] = {}
    for path in paths:
        if path.name not in (PLAN_FILE, CHECKLIST_FILE):
            raise UsageError(
                f"geen {PLAN_FILE} of {CHECKLIST_FILE}; geef die bestanden",
                Location(str(path)),
                remedy=Input.DATA,
            )
        folders.setdefault(path.parent, DataSource(path.parent))
    return list(folders.values())


def editable(source: DataSource) -> DataSource:
    """The source, if limnorm may write to it.

    Raises:
        UsageError: it is the built-in sample, which belongs to the installation,
            however it was reached (the fallback, ``--data`` naming its folder, or
            the command run inside that folder).
    """
    if source.sample or _same_folder(source.directory, sample_directory()):
        raise UsageError(
            "de voorbeeldgegevens worden niet gewijzigd; maak eigen gegevens met "
            "'limnorm init MAP'",
            remedy=Input.DATA,
        )
    return source
