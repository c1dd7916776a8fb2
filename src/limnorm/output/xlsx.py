"""The sheet form of a result as an Excel workbook (``--format xlsx``).

CSV loses what a spreadsheet needs: Excel and LibreOffice turn the Wanneer
column ("4-3-24", "mrt. 24") into dates and ids such as "1.10" into numbers. A
workbook states each cell's type instead:

- days are dates shown the Dutch way (``d-m-jjjj``), moments dates with a time;
- whole numbers are numbers, percentages numbers shown as a percentage;
- every text (Wanneer, ids, codes) is text in the Text format (``@``), so
  editing it does not convert it either; text that looks like a formula
  (``=…``, ``+…``) is stored as text and never as a formula.

One worksheet per table, named by the view (Dutch, at most 31 characters), the
header row bold and frozen, an autofilter over the table, and column widths
from the longest value (capped, long texts wrapped). openpyxl is imported only
when this module is (only for ``--format xlsx``; ~270 ms).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from limnorm.output.sheets import Cell, Percent, Sheet

#: Number formats as Dutch Excel shows them.
DAY_FORMAT = "d-m-yyyy"
MOMENT_FORMAT = "d-m-yyyy hh:mm"
PERCENT_FORMAT = "0%"
TEXT_FORMAT = "@"

_MAX_WIDTH = 60
_FORMULA_START = ("=", "+", "-", "@")
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``, not
    empty, unique (Excel compares names without case)."""
    base = _BAD_NAME.sub(" ", name).strip("' ")[:31] or "Blad"
    candidate, counter = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({counter})"
        candidate, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(candidate.casefold())
    return candidate


def _shown(cell: Cell | float) -> str:
    """Roughly the text Excel shows, for the column width."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return "00-00-0000 00:00"
    if isinstance(cell, date):
        return "00-00-0000"
    if isinstance(cell, Percent):
        return f"{cell.whole}%"
    return str(cell)


def _put(sheet: Worksheet, row: int, column: int, value: Cell | float) -> None:
    """One typed cell."""
    if value is None:
        return
    target = sheet.cell(row, column)
    if isinstance(value, bool):  # not a sheet cell type, but never a 1 or 0 in a table
        target.value = "ja" if value else "nee"
        target.number_format = TEXT_FORMAT
    elif isinstance(value, datetime):
        target.value = value.replace(tzinfo=None)  # Excel has no time zones
        target.number_format = MOMENT_FORMAT
    elif isinstance(value, date):
        target.value = value
        target.number_format = DAY_FORMAT
    elif isinstance(value, Percent):
        target.value = value.share
        target.number_format = PERCENT_FORMAT
    elif isinstance(value, int | float):
        target.value = value
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        target.value = text
        # openpyxl makes any text starting with "=" a formula; this one stays text, and
        # the quote prefix keeps Excel from reading it as one when the cell is edited.
        target.data_type = "s"
        target.number_format = TEXT_FORMAT
        if text.startswith(_FORMULA_START):
            target.quotePrefix = True
        if "\n" in text or len(text) > _MAX_WIDTH:
            target.alignment = Alignment(wrap_text=True, vertical="top")


def _fill(sheet: Worksheet, table: Sheet) -> None:
    bold = Font(bold=True)
    widths = [len(header) for header in table.header]
    for column, header in enumerate(table.header, start=1):
        cell = sheet.cell(1, column, ILLEGAL_CHARACTERS_RE.sub("", header))
        cell.data_type = "s"
        cell.font = bold
    for row_nr, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_nr, column, value)
            longest = max((len(line) for line in _shown(value).split("\n")), default=0)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width, _MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    if table.header:
        last = get_column_letter(len(table.header))
        sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    # The table's title (organisation, as-of date) is printed at the top of each page.
    page_header = sheet.oddHeader
    if page_header is not None:
        page_header.center.text = ILLEGAL_CHARACTERS_RE.sub("", table.title).replace("&", "&&")


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one worksheet per table, as the bytes of an ``.xlsx`` file."""
    book = Workbook()
    book.remove(book.worksheets[0])
    taken: set[str] = set()
    for table in sheets:
        _fill(book.create_sheet(_sheet_name(table.name, taken)), table)
    if sheets:
        book.properties.title = ILLEGAL_CHARACTERS_RE.sub("", sheets[0].title)
    else:
        book.create_sheet("Leeg")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
