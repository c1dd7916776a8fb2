"""The one exception family of limnorm, with Dutch messages and a location.

The CLI turns every :class:`LimnormError` into a message on stderr and the
error's ``exit_code``; nothing else in the package prints or exits.
"""

from __future__ import annotations

import errno
from enum import StrEnum
from typing import NamedTuple


class Location(NamedTuple):
    """A place in a file: 1-based line and column; both 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class Input(StrEnum):
    """A value the user gives, by what it is; the command line knows its option.

    Messages below the command line never name an option: an error says which
    value it is ``about`` (and which would be its ``remedy``), and the command
    line writes the option's name (``--regio``, ``--data``) into the message.
    """

    DATA = "gegevensmap"
    VERSION = "versie"
    REGION = "regiomap"
    SORT_THEME = "sorteerthema"
    DONE_DAY = "dag van gereedkomen"
    NOTE = "toelichting"
    TABLE = "tabel"
    IMPORT_FOLDER = "doelmap van import"


class LimnormError(Exception):
    """An error the user can act on; ``str()`` is the Dutch message with its location.

    ``about`` names the value the message is about and ``remedy`` the value that
    would fix it; the command line adds their options (see ``cli.arguments.describe``).
    """

    #: 2: the input cannot be used (usage error or unreadable data).
    exit_code: int = 2

    def __init__(
        self,
        message: str,
        location: Location | None = None,
        *,
        about: Input | None = None,
        remedy: Input | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.about = about
        self.remedy = remedy

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class DeadlineError(LimnormError, ValueError):
    """A ``wanneer`` text that cannot be read as a period."""


class DataError(LimnormError):
    """A data file that is missing, unreadable or invalid."""


class UsageError(LimnormError):
    """A command-line value that makes no sense (an unknown owner, a bad window)."""


def missing_module(error: ImportError) -> LimnormError:
    """The error for a library limnorm needs that this installation lacks (exit 2)."""
    return LimnormError(
        f"de module '{error.name}' ontbreekt in deze installatie van limnorm; installeer "
        "limnorm opnieuw (pip install --force-reinstall limnorm)"
    )


_OS_MESSAGES = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ELOOP: "verwijst naar zichzelf (een lus van symbolische koppelingen)",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
}


def describe_os_error(error: OSError) -> str:
    """A short Dutch description of an operating-system error."""
    known = _OS_MESSAGES.get(error.errno or 0)
    if known:
        return known
    return error.strerror or str(error)
