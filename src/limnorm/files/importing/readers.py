"""Read Word (``.docx``), Excel (``.xlsx``) and CSV files into the neutral table model.

The file's kind is told from its bytes, not its name: a ``.docx`` that is really
an old ``.doc``, a workbook saved with a password (an encrypted Office file is an
OLE compound file, not a zip) or a PDF renamed to ``.csv`` each get a message
saying what it is and what to do. python-docx and openpyxl are imported here,
inside the functions that need them: no other command pays for them (~170 and
~270 ms of imports).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from limnorm.core.errors import DataError, Location, describe_os_error, missing_module
from limnorm.files.importing.table import RawCell, RawDocument, RawTable, Row
from limnorm.files.yamlsource import NotRegularError, TooLargeError, read_regular

if TYPE_CHECKING:
    from docx.table import Table

#: Larger files are refused before anything is parsed (a plan is a few hundred kB).
MAX_BYTES = 50 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OFFICE_SUFFIXES = (".docx", ".docm", ".xlsx", ".xlsm", ".doc", ".xls")


def read_document(path: Path, name: str) -> RawDocument:
    """The tables of a Word, Excel or CSV file.

    Args:
        path: the file.
        name: how messages name it.

    Raises:
        DataError: the file cannot be read, is damaged, protected with a password, or is
            no Word, Excel or CSV file; the message says which and what to do.
    """
    data = _read_bytes(path, name)
    where = Location(name)
    if not data:
        raise DataError("het bestand is leeg", where)
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(data, name)
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise DataError(
                "het bestand is beveiligd met een wachtwoord; open het in Word of Excel, "
                "haal het wachtwoord weg (Bestand > Info > Beveiligen) en sla het opnieuw op",
                where,
            )
        raise DataError(
            "dit is een oud Word- of Excel-bestand (.doc of .xls); open het en sla het op "
            "als .docx of .xlsx",
            where,
        )
    if data.startswith(b"%PDF"):
        raise DataError(
            "dit is een PDF; open het in Word (of kopieer de tabel naar Excel) en sla het op "
            "als .docx of .xlsx",
            where,
        )
    if path.suffix.lower() in _OFFICE_SUFFIXES:
        raise DataError(
            f"het bestand is beschadigd: het is geen geldig {path.suffix.lower()}-bestand; "
            "open het in Word of Excel en sla het opnieuw op",
            where,
        )
    return read_csv(data, name)


def _read_bytes(path: Path, name: str) -> bytes:
    # Regular files only, opened without blocking: a FIFO would wait for a writer forever.
    try:
        return read_regular(path, MAX_BYTES)
    except NotRegularError:
        raise DataError(
            "dit is geen gewoon bestand (een map, FIFO of apparaat); geef het bestand zelf",
            Location(name),
        ) from None
    except TooLargeError:
        raise DataError(
            f"het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB; dat is geen spoorboekje",
            Location(name),
        ) from None
    except OSError as error:
        raise DataError(f"kan niet lezen: {describe_os_error(error)}", Location(name)) from None


def _read_zip(data: bytes, name: str) -> RawDocument:
    where = Location(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    # zipfile raises BadZipFile, but also NotImplementedError, RuntimeError, EOFError,
    # zlib and struct errors on damaged archives; all mean a damaged file here.
    except Exception:  # noqa: BLE001
        raise DataError(
            "het bestand is beschadigd (geen geldig Word- of Excel-bestand); open het in Word "
            "of Excel en sla het opnieuw op",
            where,
        ) from None
    if "word/document.xml" in names:
        return _guarded(_read_docx, data, name, "Word")
    if "xl/workbook.xml" in names:
        return _guarded(_read_xlsx, data, name, "Excel")
    if b"opendocument" in mimetype:
        raise DataError(
            "dit is een OpenDocument-bestand (.odt of .ods); sla het in LibreOffice op als "
            ".docx (Word) of .xlsx (Excel)",
            where,
        )
    raise DataError("dit is geen Word-, Excel- of CSV-bestand", where)


def _guarded(read: Any, data: bytes, name: str, kind: str) -> RawDocument:
    """Run a library reader; any failure inside the library means a damaged file."""
    try:
        document: RawDocument = read(data)
    except ImportError as error:  # a broken installation, not a damaged file
        raise missing_module(error) from None
    # python-docx, openpyxl and lxml raise many types for damaged parts (KeyError,
    # ValueError, XMLSyntaxError, their own); each means the same thing to the user.
    except Exception:  # noqa: BLE001
        raise DataError(
            f"het bestand is beschadigd; het {kind}-bestand kan niet gelezen worden. Open het "
            f"in {kind} en sla het opnieuw op",
            Location(name),
        ) from None
    return document


# --- Word ----------------------------------------------------------------------------


def _read_docx(data: bytes) -> RawDocument:
    import docx  # only 'limnorm import' reads Word files
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    tables: list[RawTable] = []
    heading: str | None = None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables.append(RawTable(f"tabel {len(tables) + 1}", heading, tuple(_docx_rows(block))))
            heading = None
        elif block.text.strip():
            heading = block.text.strip()
    return RawDocument("Word", tuple(tables))


def _docx_rows(table: Table) -> Iterator[Row]:
    spans: dict[int, int] = {}  # one number per cell element: merged grid cells share it
    for row in table.rows:
        cells = [RawCell("")] * row.grid_cols_before
        for cell in row.cells:
            span = spans.setdefault(id(cell._tc), len(spans) + 1)
            cells.append(RawCell(cell.text, None, span))
        yield tuple(cells)


# --- Excel ---------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> RawDocument:
    import openpyxl  # only 'limnorm import' reads Excel files

    # Not read-only: merged cells are only known in the full reader. Values, not
    # formulas: a cell shows what Excel last computed.
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    formulas = _formula_cells(data)
    tables = []
    notes = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        empty = [c for c in formulas.get(sheet.title, ()) if sheet[c].value is None]
        if empty:  # saved by a program that does not compute (a script): said, not hidden
            more = f" en {len(empty) - 10} meer" if len(empty) > 10 else ""
            shown = ", ".join(empty[:10]) + more
            notes.append(
                f"formule zonder berekende waarde in blad '{sheet.title}', cel {shown}; "
                "die is leeg overgenomen. Open het bestand in Excel, sla het op en "
                "importeer opnieuw"
            )
        merged: dict[tuple[int, int], tuple[int, Any, str]] = {}
        for number, area in enumerate(sheet.merged_cells.ranges, start=1):
            top = sheet.cell(area.min_row, area.min_col)
            for row_nr in range(area.min_row, area.max_row + 1):
                for col_nr in range(area.min_col, area.max_col + 1):
                    merged[(row_nr, col_nr)] = (number, top.value, top.number_format)
        rows = []
        for row_nr, row in enumerate(sheet.iter_rows(), start=1):
            cells = []
            for col_nr, cell in enumerate(row, start=1):
                span, value, number_format = merged.get(
                    (row_nr, col_nr), (0, cell.value, cell.number_format)
                )
                cells.append(_xlsx_cell(value, str(number_format or ""), span))
            rows.append(tuple(cells))
        tables.append(RawTable(f"blad '{sheet.title}'", sheet.title, tuple(rows)))
    return RawDocument("Excel", tuple(tables), tuple(notes))


def _formula_cells(data: bytes) -> dict[str, list[str]]:
    """Per sheet, the cells that hold a formula (a second, read-only pass: the values
    pass cannot tell a formula without a computed value from an empty cell)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    found = {
        sheet.title: [
            cell.coordinate
            for row in sheet.iter_rows()
            for cell in row
            if getattr(cell, "data_type", None) == "f"
        ]
        for sheet in book.worksheets
    }
    book.close()
    return found


def _xlsx_cell(value: object, number_format: str, span: int) -> RawCell:
    """A cell as Excel shows it; a date cell keeps its day."""
    if value is None:
        return RawCell("", None, span)
    if isinstance(value, datetime):
        return RawCell("", value.date(), span)
    if isinstance(value, date):
        return RawCell("", value, span)
    if isinstance(value, bool):
        return RawCell("ja" if value else "nee", None, span)
    if isinstance(value, int | float):
        if "%" in number_format:
            return RawCell(f"{value * 100:g}%".replace(".", ","), None, span)
        if isinstance(value, float) and value.is_integer():
            return RawCell(str(int(value)), None, span, int(value))
        return RawCell(str(value), None, span, value)
    return RawCell(str(value), None, span)


# --- CSV -----------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Text of a CSV file and a note on its encoding when it was not UTF-8.

    UTF-8 with or without a byte-order mark; UTF-16 with one (Excel's "Unicode text");
    else Windows-1252, what Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)".
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    note = "gelezen als Windows-1252 (het bestand is geen UTF-8); controleer letters met accenten"
    try:
        return data.decode("cp1252"), note
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined
        return data.decode("latin-1"), note


def sniff_separator(text: str) -> str:
    """``;`` (Dutch Excel), ``,`` or a tab: the one that splits most lines alike."""

    def score(separator: str) -> tuple[int, int]:
        sample = text.splitlines()[:50]
        widths = [len(r) for r in csv.reader(sample, delimiter=separator) if any(r)]
        wide = [w for w in widths if w > 1]
        if not wide:
            return (0, 0)
        common = max(set(wide), key=wide.count)
        return (wide.count(common), common)

    return max((";", ",", "\t"), key=score)  # max keeps the first of equals: ';' wins ties


def read_csv(data: bytes, name: str) -> RawDocument:
    """The table of a CSV file (separator and encoding found from its content).

    Raises:
        DataError: the bytes are no text (a binary file).
    """
    text, note = decode_text(data)
    if "\x00" in text:
        raise DataError("dit is geen Word-, Excel- of CSV-bestand", Location(name))
    separator = sniff_separator(text)
    rows = tuple(
        tuple(RawCell(value) for value in row)
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    )
    names = {";": "puntkomma", ",": "komma", "\t": "tab"}
    notes = (f"scheidingsteken: {names[separator]}", *((note,) if note else ()))
    return RawDocument("CSV", (RawTable("tabel", None, rows),), notes)
