"""The one format switch: a result and its view in, the output for ``--format`` out.

Every result type has a :class:`View` (see :mod:`limnorm.output.views`) with a
table form for people (Rich, on the terminal), a data form (JSON) and a sheet
form (plain tables: CSV, Markdown, Excel). A view cannot lack a form: the
methods are abstract, so a view without one cannot be made. Renderers never print.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar, assert_never

from limnorm.core.errors import Input, UsageError, missing_module

if TYPE_CHECKING:
    from rich.console import RenderableType

    from limnorm.output.sheets import Sheet

R = TypeVar("R")


class OutputFormat(StrEnum):
    """The ``--format`` choices."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    XLSX = "xlsx"


class View(ABC, Generic[R]):
    """How one result type is shown, in every format."""

    @abstractmethod
    def table(self, result: R) -> RenderableType | str:
        """The terminal form: a Rich renderable, or plain lines."""

    @abstractmethod
    def data(self, result: R) -> Any:
        """The JSON form: data for the json module, or :class:`~limnorm.output.data.JsonText`."""

    @abstractmethod
    def sheets(self, result: R) -> Sequence[Sheet]:
        """The sheet form: the result's tables, its main table first."""


def sheet_names(sheets: Sequence[Sheet]) -> str:
    """The names of ``sheets`` for a message: ``Acties, Normen``."""
    return ", ".join(sheet.name for sheet in sheets)


def choose_sheet(sheets: Sequence[Sheet], name: str | None) -> Sheet:
    """The sheet called ``name`` (any case), or the main one when no name is given.

    Raises:
        UsageError: no sheet has that name.
    """
    if name is None:
        return sheets[0]
    for sheet in sheets:
        if sheet.name.casefold() == name.strip().casefold():
            return sheet
    raise UsageError(
        f"er is geen tabel '{name}'; kies uit: {sheet_names(sheets)}", about=Input.TABLE
    )


def render(
    view: View[R], result: R, fmt: OutputFormat, *, sheet: str | None = None
) -> RenderableType | str | bytes:
    """The output for ``result`` in ``fmt``: a Rich renderable for tables, a string for
    JSON, CSV and Markdown, the bytes of a workbook for xlsx. CSV holds one table: the
    main one, or the one named ``sheet``; Markdown and xlsx all, or the one named.
    This is the one place where the format is chosen."""
    if fmt is OutputFormat.TABLE:
        return view.table(result)
    if fmt is OutputFormat.JSON:
        from limnorm.output.data import JsonText, to_json

        data = view.data(result)
        return data if isinstance(data, JsonText) else to_json(data)
    sheets = view.sheets(result)
    if fmt is OutputFormat.XLSX:
        try:
            from limnorm.output.xlsx import to_xlsx  # openpyxl: only this format needs it
        except ImportError as error:  # a broken installation: said, not a traceback
            raise missing_module(error) from None

        return to_xlsx(sheets if sheet is None else [choose_sheet(sheets, sheet)])
    from limnorm.output import tabular  # only these formats need it

    if fmt is OutputFormat.CSV:
        return tabular.to_csv(choose_sheet(sheets, sheet))
    if fmt is OutputFormat.MARKDOWN:
        return tabular.to_markdown(sheets if sheet is None else [choose_sheet(sheets, sheet)])
    assert_never(fmt)
