"""The output layer: every result type has a view, and every view gives every format for real.

A view that lacks a form cannot be made (its methods are abstract); these tests
catch a result type without a view, a view the registry does not list, and a
format whose output is not what it says (JSON that does not parse, CSV with more
than one table or header row, Markdown that is not tables).
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import shutil
import typing
from pathlib import Path

import pytest

from limnorm.files import updates
from limnorm.output import views
from limnorm.output.formats import OutputFormat, View
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
