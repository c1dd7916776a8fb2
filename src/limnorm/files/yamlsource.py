"""Read a YAML file into values that remember where they were written.

Reading and decoding the file (with Dutch messages for every way that fails),
the :class:`Node` value and the limits live here; the parsing itself is in
:mod:`limnorm.files.yamltree` (:func:`~limnorm.files.yamltree.parse_yaml`), which
imports PyYAML and is imported only where a file is parsed.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from limnorm.core.errors import DataError, Location, describe_os_error

#: Nodes per document; far above any real plan (500 actions is ~5,000 nodes).
MAX_NODES = 500_000
#: Uses of an alias (*name); stops "billion laughs" long before it grows.
MAX_ALIASES = 1_000
#: Files larger than this are refused before reading: a 500-action plan is ~90 kB.
MAX_FILE_BYTES = 8 * 1_048_576
#: Nesting depth; the data formats need 5, so 64 is generous.
MAX_DEPTH = 64


class Node(NamedTuple):
    """A value with its place: a scalar, a list of nodes or a dict of nodes.

    The place is kept as libyaml's mark and turned into a :class:`Location`
    only when a message needs it: most values never do, and building
    thousands of locations was a measurable part of loading a large file.
    """

    value: Any
    file: str
    mark: Any
    #: For mappings: the mark of each key (for messages about the key itself).
    key_marks: Mapping[str, Any] = MappingProxyType({})
    #: The scalar exactly as written (for ``2024`` or ``2024-03-04``); None otherwise.
    text: str | None = None

    @property
    def location(self) -> Location:
        """Where the value starts (1-based line and column)."""
        return Location(self.file, self.mark.line + 1, self.mark.column + 1)

    def key_location(self, key: str) -> Location:
        """Where ``key`` of this mapping is written."""
        mark = self.key_marks[key]
        return Location(self.file, mark.line + 1, mark.column + 1)


def decode(data: bytes, file: str) -> str:
    """Bytes to text: UTF-8 (a BOM is fine), with a located message otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError(
            "het bestand is opgeslagen als UTF-16 ('Unicode' in Kladblok); sla het op als UTF-8",
            Location(file, 1, 1),
        )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise DataError(
            "het bestand bevat NUL-bytes; dit is geen tekstbestand (opgeslagen als UTF-16 of "
            "binair?). Sla het op als UTF-8-tekst.",
            _byte_location(data, offset, file),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        guess = ""
        try:
            data.decode("cp1252")
            guess = " Het lijkt Windows-1252 (cp1252), zoals Word en Kladblok dat opslaan."
        except UnicodeDecodeError:
            pass
        raise DataError(
            f"het bestand is geen geldige UTF-8-tekst (byte 0x{data[error.start]:02x})."
            f"{guess} Sla het op als UTF-8.",
            _byte_location(data, error.start, file),
        ) from None


def _byte_location(data: bytes, offset: int, file: str) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Location(file, data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


#: Open without blocking (a FIFO), without becoming the controlling terminal, not inherited.
#: (Flags a platform lacks, such as Windows, count as 0; there FIFOs cannot be opened anyway.)
READ_FLAGS = sum(getattr(os, flag, 0) for flag in ("O_NONBLOCK", "O_CLOEXEC", "O_NOCTTY"))
NO_FOLLOW: int = getattr(os, "O_NOFOLLOW", 0)


class NotRegularError(OSError):
    """The path is a FIFO, device, socket or folder: nothing to read as a file."""


class TooLargeError(OSError):
    """More bytes than the limit: ``size`` is the file's size when ``stat`` knows it."""

    size: int = 0


def read_regular(
    path: Path,
    limit: int,
    *,
    follow: bool = True,
    check: Callable[[os.stat_result], bool] | None = None,
) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them, without ever blocking.

    The file is opened without blocking (a FIFO would otherwise wait for a writer
    forever) and checked with ``fstat`` on the open file, so what is checked is what
    is read. The limit counts bytes actually read: ``stat`` says 0 for ``/dev/zero``.

    Args:
        follow: whether a symbolic link is followed (else it fails with ``ELOOP``).
        check: a test of the open file's ``fstat``; when false, ``PermissionError``.

    Raises:
        NotRegularError: not a regular file.
        TooLargeError: more than ``limit`` bytes.
        OSError: the file cannot be opened or read.
    """
    flags = os.O_RDONLY | READ_FLAGS
    if not follow:
        flags |= NO_FOLLOW
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularError(
                errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.ENODEV, str(path)
            )
        if check is not None and not check(info):
            raise PermissionError(errno.EPERM, str(path))
        if info.st_size > limit:  # known at once for a regular file: read nothing
            too_large = TooLargeError(errno.EFBIG, str(path))
            too_large.size = info.st_size
            raise too_large
        chunks = []
        total = 0
        while True:
            chunk = os.read(handle, min(limit + 1 - total, 1_048_576) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLargeError(errno.EFBIG, str(path))
        return b"".join(chunks)
    finally:
        os.close(handle)


def read_bytes(path: Path, file: str) -> bytes:
    """A data file's bytes, refusing files far larger than any plan and anything that is
    not a regular file (a FIFO, a device).

    Raises:
        DataError: the file is missing, unreadable, not a regular file, or too large.
    """
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise DataError("bestand niet gevonden", Location(file)) from None
    except NotRegularError as error:
        if error.errno == errno.EISDIR:
            raise DataError("dit is een map, geen bestand", Location(file)) from None
        raise DataError(
            "dit is geen gewoon bestand maar een FIFO, apparaat of socket; limnorm leest alleen "
            "gewone bestanden. Geef het bestand zelf",
            Location(file),
        ) from None
    except TooLargeError as error:
        size = (
            f"{error.size / 1_048_576:.0f} MB"
            if error.size
            else f"groter dan {MAX_FILE_BYTES // 1_048_576} MB"
        )
        raise DataError(
            f"het bestand is {size}; een spoorboekje of checklist is hooguit enkele honderden "
            f"kB (grens {MAX_FILE_BYTES // 1_048_576} MB). Is dit het goede bestand?",
            Location(file),
        ) from None
    except OSError as error:
        raise DataError(
            f"het bestand kan niet gelezen worden: {describe_os_error(error)}", Location(file)
        ) from None


def read_file(path: Path, file: str) -> str:
    """Read and decode a data file, turning every OS error into a Dutch message."""
    return decode(read_bytes(path, file), file)


_CONFLICT = re.compile(r"^<{7}(?: .*)?$", re.MULTILINE)
_CONFLICT_END = re.compile(r"^>{7}(?: .*)?$", re.MULTILINE)


def refuse_conflict(text: str, file: str) -> None:
    """A file with git's conflict markers is refused as what it is, not as broken YAML."""
    start = _CONFLICT.search(text)
    if start is None:
        return
    line = text.count("\n", 0, start.start()) + 1
    end = _CONFLICT_END.search(text, start.end())
    until = f" tot en met {text.count(chr(10), 0, end.start()) + 1}" if end else ""
    count = len(_CONFLICT.findall(text))
    more = f" (en nog {count - 1} verder in het bestand)" if count > 1 else ""
    raise DataError(
        f"het bestand bevat een onopgelost git-conflict op regel {line}{until}{more}: kies "
        "per conflict de goede regels, haal de regels met '<<<<<<<', '=======' en '>>>>>>>' "
        "weg en controleer opnieuw",
        Location(file, line, 1),
    )

