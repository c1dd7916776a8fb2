"""Read a YAML file into values that remember where they were written.

Reading and decoding the file (with Dutch messages for every way that fails),
the :class:`Node` value and the limits live here; the parsing itself is in
:mod:`limnorm.files.yamltree`, imported only when a file is parsed.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from limnorm.core.errors import DataError, Location, describe_os_error
from limnorm.core.models import Finding

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


def read_bytes(path: Path, file: str) -> bytes:
    """A data file's bytes, refusing files far larger than any plan.

    Raises:
        DataError: the file is missing, unreadable, a folder, or too large.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(
                f"het bestand is {size / 1_048_576:.0f} MB; een spoorboekje of checklist is "
                f"hooguit enkele honderden kB (grens {MAX_FILE_BYTES // 1_048_576} MB). Is dit "
                "het goede bestand?",
                Location(file),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError("bestand niet gevonden", Location(file)) from None
    except OSError as error:
        raise DataError(
            f"het bestand kan niet gelezen worden: {describe_os_error(error)}", Location(file)
        ) from None


def read_file(path: Path, file: str) -> str:
    """Read and decode a data file, turning every OS error into a Dutch message."""
    return decode(read_bytes(path, file), file)


def parse_yaml(text: str, file: str) -> tuple[Node | None, list[Finding]]:
    """Parse YAML text into a :class:`Node` tree plus non-fatal findings.

    Returns ``None`` for a document that holds nothing (empty or only comments).

    Raises:
        DataError: the text is not YAML, uses a forbidden tag, or is too deep or
            too large, with the line and column of the problem.
    """
    # PyYAML is imported on the first parse, not with this module: a region read
    # entirely from the cache parses nothing, and the import is ~25 ms of its start-up.
    from limnorm.files.yamltree import parse_tree

    return parse_tree(text, file)
