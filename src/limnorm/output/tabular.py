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
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from limnorm.core.models import Action, Answer

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
        WhenReport,
    )
    from limnorm.queries.region import CompareReport, RegionDueReport, RegionStatusReport

Cell = str | int | float | None


class Sheet(NamedTuple):
    """One table: a title (used in Markdown and between CSV tables), headers and rows."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def neutralise(cell: Cell) -> Cell:
    """A text cell that spreadsheets would evaluate, made literal with a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def to_csv(sheets: Sequence[Sheet]) -> str:
    """CSV for Excel (``;``, UTF-8 with BOM, CRLF); several tables are separated by a blank
    line and their title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for index, sheet in enumerate(sheets):
        if len(sheets) > 1:
            if index:
                writer.writerow([])
            writer.writerow([neutralise(sheet.title)])
        writer.writerow(sheet.headers)
        for row in sheet.rows:
            writer.writerow([neutralise(_plain(cell)) for cell in row])
    return "\ufeff" + buffer.getvalue().removesuffix("\r\n")


def _plain(cell: Cell) -> Cell:
    return _CONTROL.sub("", cell) if isinstance(cell, str) else cell


# Characters that start markup, links, HTML or break the table; parentheses are
# harmless once "[" and "]" are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~])")


def md_escape(cell: Cell) -> str:
    """A Markdown table cell showing ``cell`` literally (no markup, no HTML, one line)."""
    if cell is None:
        return ""
    if isinstance(cell, int | float):
        return str(cell)
    # "&" only where it would start an HTML entity: "F&I" stays readable.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", _CONTROL.sub("", cell))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", "<br>", text.strip())


def md_table(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, trusted: frozenset[int] = frozenset()
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
        lines += md_table(sheet.headers, sheet.rows)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _iso(day: date | datetime | None) -> str | None:
    return day.isoformat() if day else None


def _answer(answer: Answer | None) -> str:
    return answer.value if answer else ""


_ACTION_HEADERS = ("Id", "Thema", "Actie", "Wanneer", "Begin", "Deadline", "Actiehouder",
                   "Status", "Gereed op", "Toelichting")  # fmt: skip


def _action_cells(action: Action) -> tuple[Cell, ...]:
    return (
        action.id,
        action.thema,
        action.actie,
        action.wanneer,
        _iso(action.period.begin),
        _iso(action.period.deadline),
        ", ".join(action.actiehouders),
        action.status.value,
        _iso(action.gereed_op),
        action.toelichting,
    )


def _due(report: DueReport) -> list[Sheet]:
    title = f"{report.organisatie}: te laat en binnenkort (peildatum {report.as_of.isoformat()})"
    return [
        Sheet(
            title,
            (*_ACTION_HEADERS, "Categorie", "Dagen"),
            tuple((*_action_cells(i.action), i.category.value, i.days) for i in report.items),
        )
    ]


def _counts(row: ThemeStatus) -> tuple[Cell, ...]:
    return (row.totaal, row.gereed, row.lopend, row.open, row.vervallen, row.te_laat,
            round(row.voortgang * 100))  # fmt: skip


_COUNT_HEADERS = ("Acties", "Gereed", "Lopend", "Open", "Vervallen", "Te laat", "Voortgang %")
_ANSWER_HEADERS = ("Uitgevoerd", "In ontwikkeling", "Ontbreekt", "N.v.t.", "Onbeantwoord",
                   "Voldoet", "Fase")  # fmt: skip


def _status(report: StatusReport) -> list[Sheet]:
    answers = {item.theme.nr: item for item in report.answers}
    rows = []
    for row in (*report.themes, report.total):
        item = answers.get(row.nr) if row.nr is not None else None
        norm_cells: tuple[Cell, ...] = (
            (*item.counts, "ja" if item.counts.meets_norm else "nee", item.theme.fase)
            if item
            else (None,) * len(_ANSWER_HEADERS)
        )
        rows.append((row.nr, row.titel, *_counts(row), *norm_cells))
    title = f"{report.organisatie}: stand op {report.as_of.isoformat()}"
    return [Sheet(title, ("Thema", "Titel", *_COUNT_HEADERS, *_ANSWER_HEADERS), tuple(rows))]


def _theme(detail: ThemeDetail) -> list[Sheet]:
    actions = Sheet(
        f"Thema {detail.theme.nr} {detail.theme.titel}: acties op {detail.as_of.isoformat()}",
        (*_ACTION_HEADERS, "Stand"),
        tuple(
            (*_action_cells(a), state.value)
            for a, state in zip(detail.theme.acties, detail.states, strict=True)
        ),
    )
    if detail.answers is None:
        return [actions]
    return [actions, _norm_sheet(f"Thema {detail.theme.nr}: normen", [detail.answers])]


def _norm_sheet(title: str, themes: Sequence[ThemeAnswers]) -> Sheet:
    rows = []
    for item in themes:
        for row in item.rows:
            norm = row.norm
            links = ", ".join(f"{link.id} ({link.state or 'onbekend'})" for link in row.links)
            rows.append(
                (norm.thema, norm.nr, norm.titel, _answer(norm.antwoord), norm.toelichting, links)
            )
    return Sheet(
        title, ("Thema", "Norm", "Titel", "Antwoord", "Toelichting", "Acties"), tuple(rows)
    )


def _checklist(report: ChecklistReport) -> list[Sheet]:
    return [_norm_sheet(f"{report.organisatie}: checklist {report.norm}", report.themes)]


def _check(report: CheckReport) -> list[Sheet]:
    rows = tuple(
        (f.location.file, f.location.line, f.location.column, f.severity.value, f.message)
        for f in report.findings
    )
    return [Sheet("Controle", ("Bestand", "Regel", "Kolom", "Ernst", "Melding"), rows)]


def _when(report: WhenReport) -> list[Sheet]:
    rows = tuple(
        (
            r.wanneer,
            _iso(r.period.begin) if r.period else None,
            _iso(r.period.deadline) if r.period else None,
            r.period.kind.value if r.period else None,
            r.error,
        )
        for r in report.readings
    )
    return [Sheet("Wanneer", ("Wanneer", "Van", "Tot en met", "Soort", "Fout"), rows)]


def _edit(result: EditResult) -> list[Sheet]:
    rows = tuple((result.target, c.key, c.old, c.new) for c in result.changes)
    return [Sheet(result.file, ("Doel", "Veld", "Was", "Nu"), rows)]


def _history(report: HistoryReport) -> list[Sheet]:
    events = Sheet(
        "Wijzigingen per actie",
        ("Datum", "Auteur", "Commit", "Actie", "Wat", "Van", "Naar", "Dagen verschoven"),
        tuple(
            (_iso(e.when), e.author, e.commit, e.id, e.kind, e.old, e.new, e.days)
            for e in report.events
        ),
    )
    months = Sheet("Acties gereed per maand", ("Maand", "Gereed"), tuple(report.done_per_month))
    answers = Sheet(
        "Antwoorden per norm: 0-meting en nu",
        ("Norm", "Titel", "0-meting", "Op", "Nu"),
        tuple(
            (r.nr, r.titel, _answer(r.first), _iso(r.first_when), _answer(r.now))
            for r in report.answers
        ),
    )
    return [events, months, answers] if report.action is None else [events]


def _diff(report: DiffReport) -> list[Sheet]:
    rows: list[tuple[Cell, ...]] = []
    rows += [("afgerond", a.id, a.actie, None, _iso(a.gereed_op), None) for a in report.completed]
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
    return [Sheet(title, ("Soort", "Id", "Titel", "Was", "Nu", "Dagen"), tuple(rows))]


def _compare(report: CompareReport) -> list[Sheet]:
    headers = ["Organisatie"]
    for theme in report.themes:
        headers += [f"Thema {theme} uitgevoerd %", f"Thema {theme} fase", f"Thema {theme} te laat"]
    rows = []
    for row in report.rows:
        cells: list[Cell] = [row.organisation]
        for cell in row.cells:
            share = None if cell.share is None else round(cell.share * 100)
            cells += [share, cell.phase, cell.late]
        rows.append(tuple(cells))
    return [Sheet(f"Regio: stand op {report.as_of.isoformat()}", tuple(headers), tuple(rows))]


def _region_due(report: RegionDueReport) -> list[Sheet]:
    return [
        Sheet(
            f"Regio: te laat en binnenkort (peildatum {report.as_of.isoformat()})",
            ("Organisatie", *_ACTION_HEADERS, "Categorie", "Dagen"),
            tuple(
                (e.organisation, *_action_cells(e.item.action), e.item.category.value, e.item.days)
                for e in report.items
            ),
        )
    ]


def _region_status(report: RegionStatusReport) -> list[Sheet]:
    return [
        Sheet(
            f"Regio: stand op {report.as_of.isoformat()}",
            ("Organisatie", "Acties", "Gereed", "Lopend", "Open", "Te laat", "Voortgang %",
             "Normen uitgevoerd", "Normen van toepassing", "Thema's op norm"),
            tuple(
                (r.organisation, r.totaal, r.gereed, r.lopend, r.open, r.te_laat,
                 round(r.voortgang * 100), r.norms_done, r.norms_applicable, r.themes_meeting)
                for r in report.rows
            ),
        )
    ]  # fmt: skip


_SHEETS: dict[str, Callable[[Any], list[Sheet]]] = {
    "DueReport": _due,
    "StatusReport": _status,
    "ThemeDetail": _theme,
    "ChecklistReport": _checklist,
    "CheckReport": _check,
    "WhenReport": _when,
    "EditResult": _edit,
    "HistoryReport": _history,
    "DiffReport": _diff,
    "CompareReport": _compare,
    "RegionDueReport": _region_due,
    "RegionStatusReport": _region_status,
}


def sheets(result: object) -> list[Sheet]:
    """The tables of a result, for CSV and Markdown."""
    make: Callable[[Any], list[Sheet]] = _SHEETS[type(result).__name__]
    return make(result)
