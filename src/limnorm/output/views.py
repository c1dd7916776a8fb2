"""One view per result type: its table, data and sheet forms, registered in one place.

A new command adds its result type to a query module, its forms to
:mod:`~limnorm.output.terminal` (table), :mod:`~limnorm.output.data` (JSON) and
:mod:`~limnorm.output.sheets` (sheets), and a view here; the command passes the
view to :func:`limnorm.output.formats.render`. ``tests/test_views.py`` fails
when a result type has no view, or a view's form does not give real output.

The results that are one whole file (the report, the agenda, a JSON Schema) are
documents, registered here too (``DOCUMENTS``), each with the formats it declares;
they go through the same :func:`~limnorm.output.formats.render`.

The table forms are imported when called: Rich is needed only for tables
(JSON, CSV and Markdown start ~50 ms faster without it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from limnorm.output import data as data_forms
from limnorm.output import sheets as sheet_forms
from limnorm.output.formats import Document, DocumentFormat, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from limnorm.files.updates import EditResult
    from limnorm.output.ics import Calendar
    from limnorm.output.report import RegionReport, Report
    from limnorm.output.sheets import Sheet
    from limnorm.queries.history import DiffReport, HistoryReport
    from limnorm.queries.plan import (
        ChecklistReport,
        CheckReport,
        DueReport,
        StatusReport,
        ThemeDetail,
        TimelineReport,
        WhenReport,
    )
    from limnorm.queries.region import CompareReport, RegionDueReport, RegionStatusReport


class DueView(View["DueReport"]):
    """``due``: late and upcoming actions per owner."""

    def table(self, result: DueReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.due_table(result)

    def data(self, result: DueReport) -> Any:
        return data_forms.due(result)

    def sheets(self, result: DueReport) -> Sequence[Sheet]:
        return sheet_forms.due(result)


class StatusView(View["StatusReport"]):
    """``status``: progress per theme."""

    def table(self, result: StatusReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.status_table(result)

    def data(self, result: StatusReport) -> Any:
        return data_forms.status(result)

    def sheets(self, result: StatusReport) -> Sequence[Sheet]:
        return sheet_forms.status(result)


class ThemeView(View["ThemeDetail"]):
    """``status thema N``: one theme's actions, norms and pyramid."""

    def table(self, result: ThemeDetail) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.theme_table(result)

    def data(self, result: ThemeDetail) -> Any:
        return data_forms.theme(result)

    def sheets(self, result: ThemeDetail) -> Sequence[Sheet]:
        return sheet_forms.theme(result)


class ChecklistView(View["ChecklistReport"]):
    """``checklist``: the norms with their answers and linked actions."""

    def table(self, result: ChecklistReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.checklist_view(result)

    def data(self, result: ChecklistReport) -> Any:
        return data_forms.checklist(result)

    def sheets(self, result: ChecklistReport) -> Sequence[Sheet]:
        return sheet_forms.checklist(result)


class CheckView(View["CheckReport"]):
    """``check``: the findings in the data files."""

    def table(self, result: CheckReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.check_lines(result)

    def data(self, result: CheckReport) -> Any:
        return data_forms.check(result)

    def sheets(self, result: CheckReport) -> Sequence[Sheet]:
        return sheet_forms.check(result)


class WhenView(View["WhenReport"]):
    """``when``: how deadline texts are read."""

    def table(self, result: WhenReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.when_table(result)

    def data(self, result: WhenReport) -> Any:
        return data_forms.when(result)

    def sheets(self, result: WhenReport) -> Sequence[Sheet]:
        return sheet_forms.when(result)


class EditView(View["EditResult"]):
    """``done``, ``set``, ``answer``: what an edit changed."""

    def table(self, result: EditResult) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.edit_lines(result)

    def data(self, result: EditResult) -> Any:
        return data_forms.edit(result)

    def sheets(self, result: EditResult) -> Sequence[Sheet]:
        return sheet_forms.edit(result)


class HistoryView(View["HistoryReport"]):
    """``history``: changes per action, completions per month, answers then and now."""

    def table(self, result: HistoryReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.history_view(result)

    def data(self, result: HistoryReport) -> Any:
        return data_forms.history(result)

    def sheets(self, result: HistoryReport) -> Sequence[Sheet]:
        return sheet_forms.history(result)


class DiffView(View["DiffReport"]):
    """``diff``: what changed between two versions."""

    def table(self, result: DiffReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.diff_view(result)

    def data(self, result: DiffReport) -> Any:
        return data_forms.diff(result)

    def sheets(self, result: DiffReport) -> Sequence[Sheet]:
        return sheet_forms.diff(result)


class CompareView(View["CompareReport"]):
    """``compare``: the organisations of a region side by side."""

    def table(self, result: CompareReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.compare_table(result)

    def data(self, result: CompareReport) -> Any:
        return data_forms.compare(result)

    def sheets(self, result: CompareReport) -> Sequence[Sheet]:
        return sheet_forms.compare(result)


class RegionDueView(View["RegionDueReport"]):
    """``due --regio``: late and upcoming actions of a region."""

    def table(self, result: RegionDueReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.region_due_table(result)

    def data(self, result: RegionDueReport) -> Any:
        return data_forms.region_due(result)

    def sheets(self, result: RegionDueReport) -> Sequence[Sheet]:
        return sheet_forms.region_due(result)


class RegionStatusView(View["RegionStatusReport"]):
    """``status --regio``: progress per organisation."""

    def table(self, result: RegionStatusReport) -> RenderableType | str:
        from limnorm.output import terminal

        return terminal.region_status_table(result)

    def data(self, result: RegionStatusReport) -> Any:
        return data_forms.region_status(result)

    def sheets(self, result: RegionStatusReport) -> Sequence[Sheet]:
        return sheet_forms.region_status(result)


class TimelineView(View["TimelineReport"]):
    """``timeline``: the actions over time (a chart in the terminal)."""

    def table(self, result: TimelineReport) -> RenderableType | str:
        from limnorm.output.timeline import Chart

        return Chart(result)

    def data(self, result: TimelineReport) -> Any:
        return data_forms.timeline(result)

    def sheets(self, result: TimelineReport) -> Sequence[Sheet]:
        return sheet_forms.timeline(result)


DUE = DueView()
STATUS = StatusView()
THEME = ThemeView()
CHECKLIST = ChecklistView()
CHECK = CheckView()
WHEN = WhenView()
EDIT = EditView()
HISTORY = HistoryView()
DIFF = DiffView()
COMPARE = CompareView()
REGION_DUE = RegionDueView()
REGION_STATUS = RegionStatusView()
TIMELINE = TimelineView()

#: Every view: the registry the tests check against the result types.
VIEWS: tuple[View[Any], ...] = (
    DUE, STATUS, THEME, CHECKLIST, CHECK, WHEN, EDIT, HISTORY, DIFF, COMPARE, REGION_DUE,
    REGION_STATUS, TIMELINE,
)  # fmt: skip


# --- documents: one whole file each ------------------------------------------------------


class ReportDocument(Document["Report"]):
    """``report``: the progress report for the board and the council."""

    name = "het rapport"
    formats = (DocumentFormat.MARKDOWN, DocumentFormat.HTML)

    def write(self, result: Report, fmt: DocumentFormat) -> str:
        from limnorm.output import report

        return report.to_html(result) if fmt is DocumentFormat.HTML else report.to_markdown(result)


class RegionReportDocument(Document["RegionReport"]):
    """``report --regio``: the region's organisations side by side."""

    name = "het regiorapport"
    formats = (DocumentFormat.MARKDOWN, DocumentFormat.HTML)

    def write(self, result: RegionReport, fmt: DocumentFormat) -> str:
        from limnorm.output import report

        if fmt is DocumentFormat.HTML:
            return report.region_html(result)
        return report.region_markdown(result)


class CalendarDocument(Document["Calendar"]):
    """``ics``: the actions on their deadlines, for Outlook and other calendars."""

    name = "de agenda"
    formats = (DocumentFormat.ICS,)

    def write(self, result: Calendar, fmt: DocumentFormat) -> str:
        from limnorm.output.ics import to_ics

        return to_ics(result)


class SchemaDocument(Document[str]):
    """``schema``: the JSON Schema of a data file; the result is its kind
    (``spoorboekje`` or ``checklist``)."""

    name = "het schema"
    formats = (DocumentFormat.JSON,)

    def write(self, result: str, fmt: DocumentFormat) -> str:
        from limnorm.files.schema import schema_json

        return schema_json(result)


REPORT = ReportDocument()
REGION_REPORT = RegionReportDocument()
CALENDAR = CalendarDocument()
SCHEMA = SchemaDocument()

#: Every document: the registry the tests run in each of its formats.
DOCUMENTS: tuple[Document[Any], ...] = (REPORT, REGION_REPORT, CALENDAR, SCHEMA)
