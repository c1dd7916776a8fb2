"""The sheet forms of the results: plain tables of typed cells.

One function per result type gives its tables as :class:`Sheet` values; the
writers (CSV and Markdown in :mod:`limnorm.output.tabular`, an Excel writer)
turn them into files. Cells keep their type (a date, a whole number, a
:class:`Percent`, text) so a writer can type them too; the first sheet of a
result is its main table, the one CSV writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from limnorm.core.deadlines import is_postponed
from limnorm.core.models import Action, Answer
from limnorm.core.period import Period

if TYPE_CHECKING:
    from limnorm.files.updates import EditResult
    from limnorm.queries.history import DiffReport, HistoryReport
    from limnorm.queries.plan import (
        ChecklistReport,
        CheckReport,
        DueReport,
        StatusReport,
        ThemeAnswers,
        ThemeDetail,
        ThemeStatus,
        TimelineReport,
        WhenReport,
    )
    from limnorm.queries.region import CompareReport, RegionDueReport, RegionStatusReport


@dataclass(frozen=True, slots=True)
class Percent:
    """A share (0.0 to 1.0) shown as a whole percentage: ``Percent(0.25)`` is 25 %."""

    share: float

    @property
    def whole(self) -> int:
        """The percentage rounded to a whole number, as the tables show it."""
        return round(self.share * 100)


#: A cell: text, a whole number, a day (a datetime for a moment), a percentage, or empty.
Cell = str | int | date | Percent | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of a result.

    ``name`` is short and fit for a worksheet tab (at most 31 characters, no
    ``[]:*?/\\``); ``title`` is the heading Markdown writes above the table.
    """

    name: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _answer(answer: Answer | None) -> str:
    return answer.value if answer else ""


#: What a sheet says of a period besides its dates, as JSON does (notitie, uitgesteld,
#: oorspronkelijk); after the older columns, which keep their places.
_PERIOD_HEADERS = ("Notitie", "Uitgesteld", "Oorspronkelijk")
_ACTION_HEADERS = ("Id", "Thema", "Actie", "Wanneer", "Begin", "Deadline", "Actiehouder",
                   "Status", "Gereed op", "Toelichting", *_PERIOD_HEADERS)  # fmt: skip


def _period_cells(
    period: Period, earlier: str | None = None, year: int | None = None
) -> tuple[Cell, ...]:
    """Notitie, Uitgesteld (ja/nee) and Oorspronkelijk of a period (see :func:`is_postponed`)."""
    postponed = is_postponed(period, earlier, year=year)
    return period.note, "ja" if postponed else "nee", earlier or period.was


def _action_cells(action: Action) -> tuple[Cell, ...]:
    return (
        action.id,
        action.thema,
        action.actie,
        action.wanneer,
        action.period.begin,
        action.period.deadline,
        ", ".join(action.actiehouders),
        action.status.value,
        action.gereed_op,
        action.toelichting,
        *_period_cells(action.period, action.postponed_from, action.jaar),
    )


def due(report: DueReport) -> list[Sheet]:
    """The tables of a :class:`DueReport`."""
    from limnorm.queries.plan import Category  # the types above are for the checker only

    title = f"{report.organisatie}: te laat en binnenkort (peildatum {report.as_of.isoformat()})"
    # One table: the actions that cannot be planned follow, with their categorie and no
    # deadline or days (never a guess).
    unreadable = Category.WANNEER_ONLEESBAAR.value
    return [
        Sheet(
            "Te laat en binnenkort",
            title,
            (*_ACTION_HEADERS, "Categorie", "Dagen"),
            tuple((*_action_cells(i.action), i.category.value, i.days) for i in report.items)
            + tuple((*_action_cells(a), unreadable, None) for a in report.unreadable),
        )
    ]


def _counts(row: ThemeStatus) -> tuple[Cell, ...]:
    return (row.totaal, row.gereed, row.lopend, row.open, row.vervallen, row.te_laat,
            Percent(row.voortgang))  # fmt: skip


_COUNT_HEADERS = ("Acties", "Gereed", "Lopend", "Open", "Vervallen", "Te laat", "Voortgang %")
_ANSWER_HEADERS = ("Uitgevoerd", "In ontwikkeling", "Ontbreekt", "N.v.t.", "Onbeantwoord",
                   "Voldoet", "Fase")  # fmt: skip


def status(report: StatusReport) -> list[Sheet]:
    """The tables of a :class:`StatusReport`."""
    answers = {item.theme.nr: item for item in report.answers}
    rows = []
    for row in (*report.themes, report.total):
        item = answers.get(row.nr) if row.nr is not None else None
        norm_cells: tuple[Cell, ...] = (None,) * len(_ANSWER_HEADERS)
        if item:
            counts = item.counts
            norm_cells = (counts.uitgevoerd, counts.in_ontwikkeling, counts.ontbreekt,
                          counts.nvt, counts.onbeantwoord, "ja" if counts.meets_norm else "nee",
                          item.theme.fase)  # fmt: skip
        rows.append((row.nr, row.titel, *_counts(row), *norm_cells))
    title = f"{report.organisatie}: stand op {report.as_of.isoformat()}"
    header = ("Thema", "Titel", *_COUNT_HEADERS, *_ANSWER_HEADERS)
    return [Sheet("Stand per thema", title, header, tuple(rows))]


def theme(detail: ThemeDetail) -> list[Sheet]:
    """The tables of a :class:`ThemeDetail`."""
    actions = Sheet(
        "Acties",
        f"Thema {detail.theme.nr} {detail.theme.titel}: acties op {detail.as_of.isoformat()}",
        (*_ACTION_HEADERS, "Stand"),
        tuple(
            (*_action_cells(a), state.value)
            for a, state in zip(detail.theme.acties, detail.states, strict=True)
        ),
    )
    if detail.answers is None:
        return [actions]
    return [actions, _norm_sheet("Normen", f"Thema {detail.theme.nr}: normen", [detail.answers])]


def _norm_sheet(name: str, title: str, themes: Sequence[ThemeAnswers]) -> Sheet:
    rows = []
    for item in themes:
        for row in item.rows:
            norm = row.norm
            links = ", ".join(f"{link.id} ({link.state or 'onbekend'})" for link in row.links)
            rows.append(
                (norm.thema, norm.nr, norm.titel, _answer(norm.antwoord), norm.toelichting, links)
            )
    return Sheet(
        name, title, ("Thema", "Norm", "Titel", "Antwoord", "Toelichting", "Acties"), tuple(rows)
    )


def checklist(report: ChecklistReport) -> list[Sheet]:
    """The tables of a :class:`ChecklistReport`."""
    return [_norm_sheet("Normen", f"{report.organisatie}: checklist {report.norm}", report.themes)]


def check(report: CheckReport) -> list[Sheet]:
    """The tables of a :class:`CheckReport`."""
    rows = tuple(
        (f.location.file, f.location.line, f.location.column, f.severity.value, f.message)
        for f in report.findings
    )
    return [Sheet("Controle", "Controle", ("Bestand", "Regel", "Kolom", "Ernst", "Melding"), rows)]


def when(report: WhenReport) -> list[Sheet]:
    """The tables of a :class:`WhenReport`."""
    rows = tuple(
        (
            r.wanneer,
            r.period.begin if r.period else None,
            r.period.deadline if r.period else None,
            r.period.kind.value if r.period else None,
            *(_period_cells(r.period) if r.period else (None,) * len(_PERIOD_HEADERS)),
            r.error,
        )
        for r in report.readings
    )
    header = ("Wanneer", "Van", "Tot en met", "Soort", *_PERIOD_HEADERS, "Fout")
    return [Sheet("Wanneer", "Wanneer", header, rows)]


def timeline(report: TimelineReport) -> list[Sheet]:
    """The tables of a :class:`TimelineReport`: its actions with their state."""
    rows = [row for group in report.groups for row in group.rows] + list(report.undated)
    title = f"{report.organisatie}: tijdlijn (peildatum {report.as_of.isoformat()})"
    return [
        Sheet(
            "Tijdlijn",
            title,
            (*_ACTION_HEADERS, "Staat"),
            tuple((*_action_cells(r.action), r.state.value) for r in rows),
        )
    ]


def edit(result: EditResult) -> list[Sheet]:
    """The tables of a :class:`EditResult`."""
    rows = tuple((result.target, c.key, c.old, c.new) for c in result.changes)
    return [Sheet("Wijzigingen", result.file, ("Doel", "Veld", "Was", "Nu"), rows)]


def history(report: HistoryReport) -> list[Sheet]:
    """The tables of a :class:`HistoryReport`."""
    events = Sheet(
        "Wijzigingen",
        "Wijzigingen per actie",
        ("Datum", "Auteur", "Commit", "Actie", "Wat", "Van", "Naar", "Dagen verschoven"),
        tuple(
            (e.when, e.author, e.commit, e.id, e.kind, e.old, e.new, e.days) for e in report.events
        ),
    )
    months = Sheet(
        "Gereed per maand",
        "Acties gereed per maand",
        ("Maand", "Gereed"),
        tuple((month, count) for month, count in report.done_per_month),
    )
    answers = Sheet(
        "Antwoorden",
        "Antwoorden per norm: 0-meting en nu",
        ("Norm", "Titel", "0-meting", "Op", "Nu"),
        tuple(
            (r.nr, r.titel, _answer(r.first), r.first_when, _answer(r.now)) for r in report.answers
        ),
    )
    return [events, months, answers] if report.action is None else [events]


def diff(report: DiffReport) -> list[Sheet]:
    """The tables of a :class:`DiffReport`."""
    rows: list[tuple[Cell, ...]] = []
    rows += [("afgerond", a.id, a.actie, None, a.gereed_op, None) for a in report.completed]
    rows += [("nieuw", a.id, a.actie, None, a.wanneer, None) for a in report.added]
    rows += [("vervallen", a.id, a.actie, a.wanneer, None, None) for a in report.dropped]
    rows += [
        ("verschoven", m.action.id, m.action.actie, m.old_wanneer, m.action.wanneer, m.days)
        for m in report.moved
    ]
    rows += [
        ("antwoord", c.nr, c.titel, _answer(c.old), _answer(c.new), None) for c in report.answers
    ]
    title = f"{report.organisatie}: wijzigingen van {report.old_label} tot {report.new_label}"
    header = ("Soort", "Id", "Titel", "Was", "Nu", "Dagen")
    return [Sheet("Wijzigingen", title, header, tuple(rows))]


def compare(report: CompareReport) -> list[Sheet]:
    """The tables of a :class:`CompareReport`."""
    headers = ["Organisatie"]
    for theme in report.themes:
        headers += [f"Thema {theme} uitgevoerd %", f"Thema {theme} fase", f"Thema {theme} te laat"]
    rows = []
    for row in report.rows:
        cells: list[Cell] = [row.organisation]
        for cell in row.cells:
            share = None if cell.share is None else Percent(cell.share)
            cells += [share, cell.phase, cell.late]
        rows.append(tuple(cells))
    title = f"Regio: stand op {report.as_of.isoformat()}"
    return [Sheet("Vergelijking", title, tuple(headers), tuple(rows))]


def region_due(report: RegionDueReport) -> list[Sheet]:
    """The tables of a :class:`RegionDueReport`."""
    from limnorm.queries.plan import Category  # the types above are for the checker only

    return [
        Sheet(
            "Te laat en binnenkort",
            f"Regio: te laat en binnenkort (peildatum {report.as_of.isoformat()})",
            ("Organisatie", *_ACTION_HEADERS, "Categorie", "Dagen"),
            tuple(
                (e.organisation, *_action_cells(e.item.action), e.item.category.value, e.item.days)
                for e in report.items
            )
            + tuple(
                (u.organisation, *_action_cells(u.action), Category.WANNEER_ONLEESBAAR.value, None)
                for u in report.unreadable
            ),
        )
    ]


def region_status(report: RegionStatusReport) -> list[Sheet]:
    """The tables of a :class:`RegionStatusReport`."""
    return [
        Sheet(
            "Stand per organisatie",
            f"Regio: stand op {report.as_of.isoformat()}",
            ("Organisatie", "Acties", "Gereed", "Lopend", "Open", "Te laat", "Voortgang %",
             "Normen uitgevoerd", "Normen van toepassing", "Thema's op norm"),
            tuple(
                (r.organisation, r.totaal, r.gereed, r.lopend, r.open, r.te_laat,
                 Percent(r.voortgang), r.norms_done, r.norms_applicable, r.themes_meeting)
                for r in report.rows
            ),
        )
    ]  # fmt: skip
