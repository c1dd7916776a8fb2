"""Results as plain tables, written as CSV (for Excel) or Markdown.

CSV is written for Excel with Dutch regional settings: semicolons between
fields (Dutch Excel uses the comma as decimal separator and expects ``;`` as
list separator), UTF-8 with a byte-order mark (without it Excel reads the file
as Windows-1252 and mangles ``ë`` and ``·``), and CRLF line endings. Text
cells that Excel would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are prefixed with an apostrophe, as OWASP
advises against CSV injection; numbers computed by limnorm stay numbers.

Markdown tables escape the characters that would break the table or be read
as markup or HTML, so user text is shown literally.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date

from limnorm.output.sheets import Cell, Percent, Sheet
from limnorm.output.text import CONTROL

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str | int | None) -> str | int | None:
    """A text cell that spreadsheets would evaluate, made literal with a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def plain(cell: Cell | float) -> str | int | None:
    """A cell as CSV and Markdown write it: a day in ISO form, a percentage as a whole
    number, text without control characters."""
    if isinstance(cell, str):
        return CONTROL.sub("", cell)
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, Percent):
        return cell.whole
    if isinstance(cell, float):
        return str(cell)
    return cell


def to_csv(sheet: Sheet) -> str:
    """One table as CSV for Excel (``;``, UTF-8 with BOM, CRLF), one header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([neutralise(plain(cell)) for cell in row])
    return "\ufeff" + buffer.getvalue().removesuffix("\r\n")


# Characters that start markup, links, HTML or break the table; parentheses are
# harmless once "[" and "]" are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~])")


def md_escape(cell: Cell | float) -> str:
    """A Markdown table cell showing ``cell`` literally (no markup, no HTML, one line)."""
    value = plain(cell)
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    # "&" only where it would start an HTML entity: "F&I" stays readable.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", "<br>", text.strip())


def md_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell | float]],
    *,
    trusted: frozenset[int] = frozenset(),
) -> list[str]:
    """The lines of a Markdown table; cells in ``trusted`` columns are written as they are
    (markup made by limnorm itself), all others are escaped."""
    if not rows:
        return ["_Geen._"]
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    for row in rows:
        cells = [str(c) if i in trusted else md_escape(c) for i, c in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(sheets: Sequence[Sheet]) -> str:
    """GitHub-flavoured Markdown: a heading and a table per sheet."""
    parts = []
    for sheet in sheets:
        lines = [f"### {md_escape(sheet.title)}", ""] if sheet.title else []
        lines += md_table(sheet.header, sheet.rows)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
