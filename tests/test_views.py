"""The output layer: every result type has a view, and every view gives every format for real.

A view that lacks a form cannot be made (its methods are abstract); these tests
catch a result type without a view, a view the registry does not list, and a
format whose output is not what it says (JSON that does not parse, CSV with more
than one table or header row, Markdown that is not tables). The documents (report,
agenda, schema) are run in every format they declare, and each is checked by the
rules of its format (HTML that nests, iCalendar lines as RFC 5545 writes them).
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
import shutil
import typing
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from limnorm.core.errors import UsageError
from limnorm.files import updates
from limnorm.output import views
from limnorm.output.formats import Document, DocumentFormat, OutputFormat, View, render
from limnorm.queries import history, plan, region

from .conftest import SAMPLE, Invoke
from .test_git import Repo
from .test_region import _regio  # noqa: F401  (the "regio" fixture)

QUERY_MODULES = (plan, region, history, updates)


def _namespace() -> dict[str, object]:
    names: dict[str, object] = {}
    for module in QUERY_MODULES:
        names.update(vars(module))
    return names


def _result_types() -> set[type]:
    """The types the public query and edit functions return, when a command shows them."""
    found = set()
    for module in QUERY_MODULES:
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            returned = typing.get_type_hints(func, None, _namespace()).get("return")
            if isinstance(returned, type) and returned.__name__.endswith(
                ("Report", "Result", "Detail")
            ):
                found.add(returned)
    return found


def _view_type(view: View[object]) -> type:
    hints = typing.get_type_hints(type(view).data, None, _namespace())
    result: type = hints["result"]
    return result


def test_every_result_type_has_exactly_one_view() -> None:
    """Each type a query returns for display has one view in the registry, and no view is
    registered for a type nothing returns."""
    registered = [_view_type(view) for view in views.VIEWS]
    assert len(registered) == len(set(registered))
    assert set(registered) == _result_types()
    assert len(_result_types()) >= 12


def test_every_view_class_is_registered() -> None:
    """A view written but left out of VIEWS would not be checked here."""
    classes = {
        cls
        for cls in vars(views).values()
        if isinstance(cls, type) and issubclass(cls, View) and cls is not View
    }
    assert classes == {type(view) for view in views.VIEWS}


def test_a_view_without_a_form_cannot_be_made() -> None:
    """Leaving out the sheet form is an error when the view is made, not when a user asks
    for CSV."""

    class Partial(View[object]):
        def table(self, result: object) -> str:
            return ""

        def data(self, result: object) -> object:
            return None

    with pytest.raises(TypeError, match="sheets"):
        Partial()  # type: ignore[abstract]


@pytest.fixture(name="git_data")
def _git_data(tmp_path: Path) -> Path:
    """A repository with two commits: 1.1 done in the second."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    repo.git("tag", "begin")
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: 4-3-24\n        actiehouder: OOV\n",
        "wanneer: 4-3-24\n        actiehouder: OOV\n        status: gereed\n"
        "        gereed_op: 2024-03-04\n",
    )
    repo.commit("Voortgang", "2024-04-01T10:00:00")
    return repo.data


def _commands(tmp: Path, git_data: Path, regio: Path) -> dict[str, list[str]]:
    """One command line per view (the edits each on a fresh copy of the sample)."""

    def copy() -> str:
        target = tmp / f"copy{len(list(tmp.glob('copy*')))}"
        shutil.copytree(SAMPLE, target)
        return str(target)

    day = ["--as-of", "2024-10-01"]
    return {
        "DueView": ["due", *day, "--data", str(SAMPLE)],
        "StatusView": ["status", *day, "--data", str(SAMPLE)],
        "ThemeView": ["status", "thema", "4", *day, "--data", str(SAMPLE)],
        "ChecklistView": ["checklist", *day, "--data", str(SAMPLE)],
        "CheckView": ["check", *day, "--data", str(regio / "kapot")],
        "WhenView": ["when", "Q3 24", "mrt. 24", "doorlopend"],
        "EditView": ["set", "1.2", "toelichting", "=nieuw; met puntkomma", "--data", copy()],
        "HistoryView": ["history", *day, "--data", str(git_data)],
        "DiffView": ["diff", "begin", "--data", str(git_data)],
        "CompareView": ["compare", "--regio", str(regio), *day],
        "RegionDueView": ["due", "--regio", str(regio), *day],
        "RegionStatusView": ["status", "--regio", str(regio), *day],
        "TimelineView": ["timeline", *day, "--data", str(SAMPLE)],
    }


def _check_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    header = rows[0]
    assert all(header), header  # a header row: no empty names
    assert len(set(header)) == len(header)
    for row in rows[1:]:
        assert len(row) == len(header), row  # one table: every row as wide as the header
        assert row != header  # ... and one header row
    return rows


def _check_markdown(text: str) -> None:
    blocks = [block.splitlines() for block in text.split("\n\n")]
    assert any(len(lines) > 2 or lines == ["_Geen._"] for lines in blocks), text
    for lines in blocks:
        if len(lines) == 1 and (lines[0].startswith("### ") or lines[0] == "_Geen._"):
            continue
        assert all(line.startswith("|") and line.endswith("|") for line in lines), lines
        assert set(lines[1]) <= {"|", "-"}
        widths = {line.count(" | ") for line in lines if line != lines[1]}
        assert len(widths) == 1, lines


def test_every_view_gives_every_format(
    invoke: Invoke, tmp_path: Path, git_data: Path, regio: Path
) -> None:
    """For every view, on real data through the command: the table is shown, JSON parses,
    CSV is one table with one header row, Markdown is headings and tables, xlsx a workbook."""
    commands = _commands(tmp_path, git_data, regio)
    assert set(commands) == {type(view).__name__ for view in views.VIEWS}
    for name, command in commands.items():
        for fmt in OutputFormat:
            args = command if name != "EditView" else _commands(tmp_path, git_data, regio)[name]
            result = invoke([*args, "--format", fmt.value])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                name,
                fmt,
                result.exception,
            )
            # check exits 2 on the region's deliberately broken member (fataal).
            allowed = (0, 1, 2) if name == "CheckView" else (0, 1)
            assert result.exit_code in allowed, (name, fmt, result.output)
            if fmt is OutputFormat.XLSX:  # a workbook: one sheet per table, header first
                import openpyxl

                book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
                assert book.sheetnames, name
                assert all(cell.font.bold for cell in book.worksheets[0][1]), name
                continue
            text = result.stdout_bytes.decode("utf-8")
            assert text.strip(), (name, fmt)
            if fmt is OutputFormat.JSON:
                json.loads(text)
            elif fmt is OutputFormat.CSV:
                assert len(_check_csv(text)) >= 2, (name, text)
            elif fmt is OutputFormat.MARKDOWN:
                _check_markdown(text.rstrip("\n"))


def test_csv_of_a_theme_is_its_actions_or_the_table_asked_for(invoke: Invoke) -> None:
    """``status thema 4 --format csv`` used to write two tables with title rows into one
    file; it writes the actions, and ``--tabel normen`` the norms."""
    base = ["status", "thema", "4", "--as-of", "2024-10-01", "--data", str(SAMPLE), "--format"]
    actions = _check_csv(invoke([*base, "csv"]).stdout_bytes.decode("utf-8"))
    assert actions[0][:3] == ["Id", "Thema", "Actie"]
    assert actions[0][-1] == "Stand"
    assert {row[1] for row in actions[1:]} == {"4"}
    norms = _check_csv(invoke([*base, "csv", "--tabel", "normen"]).stdout_bytes.decode("utf-8"))
    assert norms[0] == ["Thema", "Norm", "Titel", "Antwoord", "Toelichting", "Acties"]
    assert [row[1] for row in norms[1:]] == ["4.1", "4.2"]
    wrong = invoke([*base, "csv", "--tabel", "piramide"])
    assert wrong.exit_code == 2
    assert "er is geen tabel 'piramide'; kies uit: Acties, Normen" in wrong.stderr


# --- documents ---------------------------------------------------------------------------


def test_every_document_class_is_registered() -> None:
    """A document written but left out of DOCUMENTS would not be run below."""
    classes = {
        cls
        for cls in vars(views).values()
        if isinstance(cls, type) and issubclass(cls, Document) and cls is not Document
    }
    assert classes == {type(document) for document in views.DOCUMENTS}
    assert all(document.formats for document in views.DOCUMENTS)


def _markdown_tables(text: str) -> None:
    """A Markdown document: its tables have a header, a separator and rows as wide."""
    assert text.startswith("# ")
    assert text.endswith("\n")
    tables = re.findall(r"(?m)(?:^\|.*\n?)+", text)
    assert tables, text
    for table in tables:
        lines = table.splitlines()
        cells = [len(re.split(r"(?<!\\)\|", line)) for line in lines]
        assert len(lines) >= 3, lines
        assert set(lines[1]) <= set("|-: "), lines
        assert len(set(cells)) == 1, lines


#: Elements HTML writes without an end tag.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "path", "rect", "circle", "line", "polygon"}  # fmt: skip


class _Nesting(HTMLParser):
    """Every element ends, in the order it began (a void element needs no end)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            assert self.open[-1:] == [tag], (tag, self.open[-3:])
            self.open.pop()


def _html(text: str) -> None:
    """One HTML page whose elements nest."""
    assert text.lower().startswith("<!doctype html>")
    parser = _Nesting()
    parser.feed(text)
    parser.close()
    assert parser.open == []
    assert {"html", "head", "title", "body"} <= parser.seen


def _ics(text: str) -> None:
    """iCalendar as RFC 5545 3.1 writes it: CRLF lines of at most 75 octets, folded lines
    go on with a space, every content line is NAME[;PARAM]:VALUE, BEGIN and END nest."""
    import icalendar

    assert text.endswith("\r\n")
    lines = text.removesuffix("\r\n").split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line[:1] in (" ", "\t"):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    blocks: list[str] = []
    for line in unfolded:
        assert re.match(r"[A-Za-z0-9-]+(;[^:]*)?:", line), line
        name, _, value = line.partition(":")
        if name == "BEGIN":
            blocks.append(value)
        elif name == "END":
            assert blocks.pop() == value
    assert blocks == []
    assert unfolded[0] == "BEGIN:VCALENDAR"
    assert unfolded[-1] == "END:VCALENDAR"
    assert {"VERSION:2.0"} <= set(unfolded)
    assert any(u.startswith("PRODID:") for u in unfolded)
    assert icalendar.Calendar.from_ical(text).walk("VEVENT")


def _json_schema(text: str) -> None:
    """JSON that parses, and a JSON Schema."""
    assert json.loads(text)["$schema"].startswith("https://json-schema.org/")


#: How each document format is checked; a format without a check fails below.
DOCUMENT_CHECKS: dict[DocumentFormat, Callable[[str], None]] = {
    DocumentFormat.MARKDOWN: _markdown_tables,
    DocumentFormat.HTML: _html,
    DocumentFormat.ICS: _ics,
    DocumentFormat.JSON: _json_schema,
}


def _document_commands(regio: Path) -> dict[str, list[list[str]]]:
    """The command lines that write each document (``--format`` added where it has one)."""
    day = ["--as-of", "2024-10-01"]
    return {
        "ReportDocument": [["report", *day, "--data", str(SAMPLE)]],
        "RegionReportDocument": [["report", "--regio", str(regio), *day]],
        "CalendarDocument": [["ics", *day, "--data", str(SAMPLE)]],
        "SchemaDocument": [["schema", "spoorboekje"], ["schema", "checklist"]],
    }


def test_every_document_is_written_in_every_format_it_declares(
    invoke: Invoke, regio: Path
) -> None:
    """Each document, through the command, in each of its formats: Markdown with well-formed
    tables, HTML that nests, iCalendar by RFC 5545's line rules, JSON Schema that parses."""
    assert set(DOCUMENT_CHECKS) == set(DocumentFormat)
    commands = _document_commands(regio)
    assert set(commands) == {type(document).__name__ for document in views.DOCUMENTS}
    for document in views.DOCUMENTS:
        for command in commands[type(document).__name__]:
            for fmt in document.formats:
                # A document with one format has no --format: the command line stays as it is.
                args = [*command, "--format", fmt.value] if len(document.formats) > 1 else command
                result = invoke(args)
                assert result.exit_code == 0, (args, result.output)
                DOCUMENT_CHECKS[fmt](result.stdout_bytes.decode("utf-8"))


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# T\n\n| a | b |\n|---|---|\n| 1 |\n", "a row narrower than the header"),
        ("# T\n\n| a | b |\n| 1 | 2 |\n", "no separator"),
    ],
)
def test_the_markdown_check_sees_broken_tables(source: str, problem: str) -> None:
    """The Markdown check above fails on a table that is not one."""
    with pytest.raises(AssertionError):
        _markdown_tables(source)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("<!DOCTYPE html><html><head><title>x</title></head><body><p>a</body></html>",
         "an element that does not end"),
        ("<html><head><title>x</title></head><body></body></html>", "no doctype"),
    ],
)  # fmt: skip
def test_the_html_check_sees_broken_pages(source: str, problem: str) -> None:
    """The HTML check above fails on a page that does not nest."""
    with pytest.raises(AssertionError):
        _html(source)


_EVENT = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (_EVENT + "END:VEVENT\r\nEND:VCALENDAR\n", "a bare LF"),
        (_EVENT + f"SUMMARY:{'x' * 80}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "a long line"),
        (_EVENT + "END:VCALENDAR\r\n", "an event that does not end"),
        (_EVENT + "geen regel\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no name:value"),
    ],
)
def test_the_ics_check_sees_broken_lines(source: str, problem: str) -> None:
    """The iCalendar check above fails on what RFC 5545 does not allow."""
    with pytest.raises(AssertionError):
        _ics(source)


def test_a_format_a_document_does_not_declare_is_a_usage_error() -> None:
    """The switch refuses a format a document does not have with a message, not a
    KeyError or a wrong file."""
    with pytest.raises(UsageError, match="het schema is er niet als html; kies uit: json"):
        render(views.SCHEMA, "spoorboekje", DocumentFormat.HTML)
    with pytest.raises(UsageError, match="kies uit: markdown, html"):
        render(views.REPORT, None, DocumentFormat.ICS)  # type: ignore[arg-type]


#: Commands that show no result through the switch, and what they write instead.
NO_RESULT = {
    "init": "makes the data folder and says which files it wrote",
    "remind": "writes e-mails (drafts or sent) and shows a preview of them",
    "completion": "prints a shell script",
}


def _command_calls() -> dict[str, set[str]]:
    """Per command of ``cli/app.py``: the names of the functions its body calls."""
    import ast

    from limnorm.cli import app as cli

    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and ast.unparse(d.func) == "app.command"
            for d in node.decorator_list
        ):
            calls = {ast.unparse(c.func) for c in ast.walk(node) if isinstance(c, ast.Call)}
            found[node.name] = calls
    return found


def test_every_command_shows_its_result_through_the_switch() -> None:
    """Each command writes its result with ``_emit`` (a view) or ``_write`` (a document),
    both of which go through ``render``; the few that show no result say what they do."""
    from limnorm.cli.app import app

    calls = _command_calls()
    assert len(calls) == len(app.registered_commands)
    bypassing = {name for name, called in calls.items() if not called & {"_emit", "_write"}}
    assert bypassing == set(NO_RESULT)


def test_report_format_choices_are_the_documents_formats() -> None:
    """``report --format`` offers exactly the formats the report documents declare."""
    from limnorm.cli.app import ReportFormat

    choices = [f.value for f in ReportFormat]
    assert choices == [f.value for f in views.REPORT.formats]
    assert choices == [f.value for f in views.REGION_REPORT.formats]
