"""Build the Word, Excel and CSV files the import tests read, with the real libraries."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

import docx
import openpyxl


class Merged(NamedTuple):
    """A row that is one cell merged across the table (a theme row), bold."""

    text: str


Cell = str | int | float | date | datetime | None
Row = Merged | Sequence[Cell]

HEADER = ("Actie", "Wanneer", "Actiehouder", "Toelichting")


def _theme(title: str) -> list[Row]:
    return [Merged(title), HEADER]


#: The sample's source table as its Word document lays it out: a bold theme row, the
#: header row repeated under it, then the actions (the OCR damage of the source fixed).
SAMPLE_ROWS: list[Row] = [
    *_theme("0-meting"),
    ("Bespreken en invullen checklist", "mrt. 24", "OOV", "In samenspraak met betrokken functionarissen"),
    ("Startmemo voor directie en college", "jun. 24", "OOV", ""),
    *_theme("Thema 1 Bewustwording en organisatie"),
    ("Bewustwordingssessie directie/MT", "4-3-24", "OOV", ""),
    ("Bewustwordingssessie college", "2-4-24", "OOV", ""),
    ("Bewustwordingssessies afdelingen", "Q4 24", "OOV", "In samenspraak met directie en RIEC"),
    ("Actualisering weerbaarheidsscan", "Q3 24", "OOV", ""),
    ("Samenwerking met relevante partners", "Q3 24", "OOV", "O.a. woningcorporaties en ondernemers"),
    *_theme("Thema 2 Integriteit en veilige werkomgeving"),
    ("Vaststellen en/of actualiseren beleid, code en protocollen", "Q3/Q4 24", "HRM", ""),
    *_theme("Thema 3 Veilige publieke taak"),
    ("Vaststellen en/of actualiseren beleid, code en protocollen", "Q3/Q4 24", "HRM", ""),
    *_theme("Thema 4 Informatiepositie en informatieveiligheid"),
    ("Gestructureerd en op juridisch verantwoorde wijze verzamelen, verwerken en delen van "
     "informatie op het thema ondermijning", "Q3 24", "OOV", ""),
    ("Vaststellen en/of actualiseren beleid, code en protocollen", "Q3 24", "OOV", ""),
    ("Waarborgen adequate en juiste informatiebeveiliging", "2024", "F&I", "Richtlijnen worden gevolgd."),
    *_theme("Thema 5 Beleid en handhaving"),
    ("Vaststellen en/of actualiseren beleid, code en protocollen", "Q3 24", "OOV", "Met name Bibob en Damocles"),
    ("Borgen uitvoeringskracht d.m.v. mono- en multidisciplinaire controles", "2024", "OOV",
     "Borgen capaciteit voor mono controles en bijdrage controles Act!"),
    *_theme("Thema 6 Communicatie"),
    ("Informeren raad, start", "apr 24", "OOV", "RIB, evt. presentatie"),
    ("Interne en externe communicatie-strategie gericht op de aanpak van ondermijning", "Q3 24", "OOV",
     "In samenspraak met communicatie"),
    ("Informeren raad, ingericht", "Q4 24", "OOV", ""),
]  # fmt: skip


class Table(NamedTuple):
    """A Word table with the paragraphs written above it."""

    rows: Sequence[Row]
    above: Sequence[str] = ()
    columns: int = 4


def word(*tables: Table, after: Sequence[str] = ()) -> bytes:
    """A .docx with each table after its paragraphs; merged rows are one bold cell."""
    document = docx.Document()
    for table in tables:
        for text in table.above:
            document.add_paragraph(text)
        grid = document.add_table(rows=0, cols=table.columns)
        for row in table.rows:
            cells = grid.add_row().cells
            if isinstance(row, Merged):
                merged = cells[0].merge(cells[-1])
                merged.paragraphs[0].add_run(row.text).bold = True
                continue
            for cell, value in zip(cells, row, strict=False):
                lines = str(value or "").split("\n")
                cell.paragraphs[0].add_run(lines[0])
                for line in lines[1:]:  # a new paragraph per line, as Enter makes
                    cell.add_paragraph(line)
    for text in after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def workbook(sheets: dict[str, Sequence[Row]], *, columns: int = 4) -> bytes:
    """An .xlsx with one sheet per entry; merged rows span ``columns`` cells."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            if isinstance(row, Merged):
                sheet.cell(number, 1, row.text)
                sheet.merge_cells(start_row=number, start_column=1, end_row=number,
                                  end_column=columns)  # fmt: skip
                continue
            for column, value in enumerate(row, start=1):
                if value is not None and value != "":
                    sheet.cell(number, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
