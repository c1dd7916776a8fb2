"""``--format xlsx``: workbooks read back with openpyxl, every cell of the right type."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from limnorm.output.sheets import Percent, Sheet
from limnorm.output.xlsx import to_xlsx

from .conftest import SAMPLE, Invoke

JULY = ["--as-of", "2024-07-01", "--data", str(SAMPLE)]


def _book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def _column(sheet: Any, header: str) -> list[Any]:
    headers = [c.value for c in sheet[1]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def test_due_workbook_cells_are_typed(invoke: Invoke, tmp_path: Path) -> None:
    """Dates are dates shown d-m-yyyy, numbers numbers, Wanneer and ids text in the Text
    format; the header is bold and frozen, with an autofilter and fitting widths."""
    result = invoke(["due", *JULY, "--format", "xlsx", "-o", "te-laat.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "limnorm: geschreven naar te-laat.xlsx\n"
    book = _book(tmp_path / "te-laat.xlsx")
    assert book.sheetnames == ["Te laat en binnenkort"]
    sheet = book.active
    assert [c.value for c in sheet[1]] == [
        "Id", "Thema", "Actie", "Wanneer", "Begin", "Deadline", "Actiehouder", "Status",
        "Gereed op", "Toelichting", "Notitie", "Uitgesteld", "Oorspronkelijk", "Categorie",
        "Dagen",
    ]  # fmt: skip
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:O6"
    ids = _column(sheet, "Id")
    assert [c.value for c in ids] == ["1.1", "0.1", "1.2", "6.1", "0.2"]
    assert {(c.data_type, c.number_format) for c in ids} == {("s", "@")}
    wanneer = _column(sheet, "Wanneer")
    assert [c.value for c in wanneer] == ["4-3-24", "mrt. 24", "2-4-24", "apr 24", "jun. 24"]
    assert {(c.data_type, c.number_format) for c in wanneer} == {("s", "@")}
    deadlines = _column(sheet, "Deadline")
    assert [c.value for c in deadlines] == [
        datetime(2024, 3, 4), datetime(2024, 3, 31), datetime(2024, 4, 2), datetime(2024, 4, 30),
        datetime(2024, 6, 30),
    ]  # fmt: skip
    assert {(c.data_type, c.number_format) for c in deadlines} == {("d", "d-m-yyyy")}
    days = _column(sheet, "Dagen")
    assert [c.value for c in days] == [-119, -92, -90, -62, -1]
    assert {c.data_type for c in days} == {"n"}
    assert {c.data_type for c in _column(sheet, "Thema")} == {"n"}
    assert [c.value for c in _column(sheet, "Gereed op")] == [None] * 5
    width = sheet.column_dimensions
    assert width["C"].width == len("Startmemo voor directie en college") + 2  # the longest Actie
    assert width["A"].width == len("1.1") + 2
    assert width["E"].width == len("00-00-0000") + 2


def test_status_percentages_are_percentages(invoke: Invoke, tmp_path: Path) -> None:
    """Progress is a number shown as a percentage (0.4 shown as 40%), not the text '40'."""
    result = invoke(["status", *JULY, "--format", "xlsx", "-o", "stand.xlsx"])
    assert result.exit_code == 0, result.output
    sheet = _book(tmp_path / "stand.xlsx")["Stand per thema"]
    progress = _column(sheet, "Voortgang %")
    assert {(c.data_type, c.number_format) for c in progress} == {("n", "0%")}
    assert all(isinstance(c.value, int | float) and 0 <= c.value <= 1 for c in progress)
    assert [c.value for c in _column(sheet, "Thema")][:7] == [0, 1, 2, 3, 4, 5, 6]


def test_one_sheet_per_table_with_dutch_names(invoke: Invoke, tmp_path: Path) -> None:
    """A result of several tables gives one worksheet each, named in Dutch; --tabel keeps
    only the one named."""
    result = invoke(["status", "thema", "4", *JULY, "--format", "xlsx", "-o", "t4.xlsx"])
    assert result.exit_code == 0, result.output
    book = _book(tmp_path / "t4.xlsx")
    assert book.sheetnames == ["Acties", "Normen"]
    assert [c.value for c in _column(book["Acties"], "Id")] == ["4.1", "4.2", "4.3"]
    args = ["status", "thema", "4", *JULY, "--format", "xlsx", "--tabel", "normen", "-o", "n.xlsx"]
    assert invoke(args).exit_code == 0
    assert _book(tmp_path / "n.xlsx").sheetnames == ["Normen"]


def test_formula_like_text_stays_text(invoke: Invoke, tmp_path: Path) -> None:
    """Text starting with '=', '+', '-' or '@' is stored as text with a quote prefix and
    never as a formula, whatever a plan holds."""
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "spoorboekje.yaml").write_text(
        "organisatie: X\nactiehouders:\n  OOV:\nthemas:\n  - nr: 1\n    titel: T\n    acties:\n"
        '      - id: "1.1"\n        actie: \'=HYPERLINK("http://x","klik")\'\n'
        "        wanneer: 4-3-24\n        actiehouder: OOV\n"
        "        toelichting: '+31 6 12345678'\n",
        encoding="utf-8",
    )
    result = invoke(["due", "--data", "org", "--as-of", "2024-07-01", "--format", "xlsx",
                     "-o", "x.xlsx"])  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = _book(tmp_path / "x.xlsx").active
    actie, note = _column(sheet, "Actie")[0], _column(sheet, "Toelichting")[0]
    assert (actie.value, actie.data_type, actie.quotePrefix) == (
        '=HYPERLINK("http://x","klik")', "s", True,
    )  # fmt: skip
    assert (note.value, note.data_type, note.quotePrefix) == ("+31 6 12345678", "s", True)
    xml = zipfile.ZipFile(tmp_path / "x.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    assert b"<f " not in xml


def test_to_xlsx_cell_types_and_names() -> None:
    """The writer on its own: moments with their time, percentages, control characters
    dropped (Excel refuses them), sheet names made valid and unique."""
    sheets = [
        Sheet("Wijzigingen: a/b", "Titel & meer", ("Wanneer", "Aandeel", "Tekst", "Dag"),
              ((datetime(2024, 3, 4, 9, 30), Percent(0.25), "a\x1bb\nc", date(2024, 1, 2)),)),
        Sheet("wijzigingen: A/B", "Tweede", ("X",), ()),
        Sheet("Een naam die veel langer is dan eenendertig tekens", "Lang", ("Y",), ((None,),)),
    ]  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(sheets)))
    assert book.sheetnames == [
        "Wijzigingen  a b", "wijzigingen  A B (2)", "Een naam die veel langer is dan",
    ]  # fmt: skip
    moment, share, text, day = next(book.worksheets[0].iter_rows(min_row=2))
    assert (moment.value, moment.number_format) == (datetime(2024, 3, 4, 9, 30), "d-m-yyyy hh:mm")
    assert (share.value, share.number_format) == (0.25, "0%")
    assert (text.value, text.alignment.wrap_text) == ("ab\nc", True)
    assert (day.value, day.number_format) == (datetime(2024, 1, 2), "d-m-yyyy")
    assert book.worksheets[0].oddHeader.center.text == "Titel && meer"
    assert book.worksheets[1].auto_filter.ref == "A1:A1"


def test_refuses_binary_on_a_terminal(tmp_path: Path) -> None:
    """Without -o, a workbook is never written to a terminal (exit 2, a message saying to
    use -o); into a pipe or a file it is (a valid workbook)."""
    primary, secondary = pty.openpty()
    # The cache in the test's folder: the sample lies in git, so 'due' caches its history.
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1",
           "LIMNORM_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    command = [sys.executable, "-m", "limnorm", "due", *JULY, "--format", "xlsx"]
    try:
        done = subprocess.run(command, stdout=secondary, stderr=subprocess.PIPE, env=env,
                              cwd=tmp_path, check=False)  # fmt: skip
    finally:
        os.close(secondary)
        os.close(primary)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "limnorm: fout: een Excel-bestand (--format xlsx) kan niet op het scherm worden "
        "getoond; geef een bestand met -o, bijvoorbeeld -o overzicht.xlsx\n"
    )
    piped = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, check=True)
    book = openpyxl.load_workbook(io.BytesIO(piped.stdout))
    assert book.sheetnames == ["Te laat en binnenkort"]


@pytest.mark.parametrize(
    "command",
    [
        ["due"], ["status"], ["checklist"], ["when", "Q3 24"], ["check"], ["timeline"],
    ],
    ids=lambda c: c[0],
)  # fmt: skip
def test_every_format_command_writes_a_workbook(
    invoke: Invoke, tmp_path: Path, command: list[str]
) -> None:
    """Each command with --format writes a workbook with -o, its tables as sheets."""
    extra = [] if command[0] == "when" else JULY
    result = invoke([*command, *extra, "--format", "xlsx", "-o", "uit.xlsx"])
    assert result.exit_code == 0, result.output
    book = _book(tmp_path / "uit.xlsx")
    assert book.sheetnames
    assert all(cell.font.bold for cell in book.worksheets[0][1])
