"""The one exception family of limnorm, with Dutch messages and a location.

The CLI turns every :class:`LimnormError` into a message on stderr and the
error's ``exit_code``; nothing else in the package prints or exits.
"""

from __future__ import annotations

import errno
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


class LimnormError(Exception):
    """An error the user can act on; ``str()`` is the complete Dutch message."""

    #: 2: the input cannot be used (usage error or unreadable data).
    exit_code: int = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

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
