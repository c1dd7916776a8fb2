"""The one format switch: a result and its view in, the output for ``--format`` out.

Every result type a command lists has a :class:`View` (see :mod:`limnorm.output.views`)
with a table form for people (Rich, on the terminal), a data form (JSON) and a sheet
form (plain tables: CSV, Markdown, Excel). A view cannot lack a form: the
methods are abstract, so a view without one cannot be made.

A result that is one whole file (the report, the agenda, a JSON Schema) has a
:class:`Document` instead, which declares the formats it is written in. Both go
through :func:`render`, the one place where a format is chosen. Renderers never print.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, assert_never, overload

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


class DocumentFormat(StrEnum):
    """The formats a document is written in, each a whole file."""

    MARKDOWN = "markdown"
    HTML = "html"
    ICS = "ics"
    JSON = "json"


class Document(ABC, Generic[R]):
    """A result written as one whole file, in the formats it declares."""

    #: What the document is, for a message: ``het rapport``.
    name: ClassVar[str]
    #: The formats it is written in; the first is the command's default.
    formats: ClassVar[tuple[DocumentFormat, ...]]

    @abstractmethod
    def write(self, result: R, fmt: DocumentFormat) -> str:
        """The whole file in ``fmt`` (one of :attr:`formats`), ending in a newline."""


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


@overload
def render(
    view: View[R], result: R, fmt: OutputFormat, *, sheet: str | None = None
) -> RenderableType | str | bytes: ...


@overload
def render(view: Document[R], result: R, fmt: DocumentFormat) -> str: ...


def render(
    view: View[R] | Document[R],
    result: R,
    fmt: OutputFormat | DocumentFormat,
    *,
    sheet: str | None = None,
) -> RenderableType | str | bytes:
    """The output for ``result`` in ``fmt``: a Rich renderable for tables, a string for
    JSON, CSV and Markdown, the bytes of a workbook for xlsx. CSV holds one table: the
    main one, or the one named ``sheet``; Markdown and xlsx all, or the one named.
    A document gives its whole file in one of the formats it declares.
    This is the one place where the format is chosen.

    Raises:
        UsageError: a format the view or document does not have, or no such sheet.
    """
    if isinstance(view, Document):
        if not isinstance(fmt, DocumentFormat) or fmt not in view.formats:
            names = ", ".join(f.value for f in view.formats)
            raise UsageError(f"{view.name} is er niet als {fmt.value}; kies uit: {names}")
        return view.write(result, fmt)
    if not isinstance(fmt, OutputFormat):
        names = ", ".join(f.value for f in OutputFormat)
        raise UsageError(f"deze uitvoer is er niet als {fmt.value}; kies uit: {names}")
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
