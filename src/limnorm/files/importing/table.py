"""The neutral table model that every reader produces: rows of cells as displayed."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class RawCell(NamedTuple):
    """One cell: its text as the document shows it (line breaks kept).

    ``day`` is set for a cell that holds a date rather than text (Excel stores
    "4-3-24" typed into a cell as a date). Cells of one merged region share a
    non-zero ``span``, so "one merged cell across the row" can be told from
    "the same text typed in every cell". ``number`` is set for an Excel number cell
    (not a percentage), so a column limnorm does not know keeps it as a number.
    """

    text: str
    day: date | None = None
    span: int = 0
    number: int | float | None = None


Row = tuple[RawCell, ...]


class RawTable(NamedTuple):
    """One table of a document, or one sheet of a workbook."""

    #: How the summary names it: "tabel 2", "blad 'Acties'".
    origin: str
    #: The text just above the table (a heading that may name its theme), if any.
    heading: str | None
    rows: tuple[Row, ...]


class RawDocument(NamedTuple):
    """What a reader found in a file: its tables and what the user should know."""

    #: "Word", "Excel" or "CSV".
    kind: str
    tables: tuple[RawTable, ...]
    #: Notes for the summary, e.g. the encoding a CSV file was read with.
    notes: tuple[str, ...] = ()
