"""Turn result objects into output: Rich renderables for people, JSON for programs.

:func:`render` is the one place where the output format is chosen. Renderers
never print; user text always enters Rich as :class:`~rich.text.Text` (never
as markup) and is stripped of control characters first, so a toelichting
cannot restyle or rewrite the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from limnorm.deadlines import Period
from limnorm.models import Action, Answer, Finding, Pyramid
from limnorm.queries import (
    AnswerCounts,
    Category,
    ChecklistReport,
    CheckReport,
    DueItem,
    DueReport,
    Link,
    NormRow,
    State,
    StatusReport,
    ThemeAnswers,
    ThemeDetail,
    ThemeStatus,
    WhenReport,
    state_of,
)

if TYPE_CHECKING:  # imported for real only by the commands that make these results
    from limnorm.changes import EditResult
    from limnorm.history import DiffReport, HistoryReport
    from limnorm.region import (
        CompareReport,
        NormDifference,
        Organisation,
        RegionDueReport,
        RegionStatusReport,
    )


class OutputFormat(StrEnum):
    """The ``--format`` choices."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


MONTH_ABBREVIATIONS = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STATE_STYLE = {
    State.GEREED: "green",
    State.LOPEND: "cyan",
    State.OPEN: "",
    State.TE_LAAT: "bold red",
    State.VERVALLEN: "dim",
}


_ANSWER_STYLE = {
    Answer.UITGEVOERD: "green",
    Answer.IN_ONTWIKKELING: "yellow",
    Answer.ONTBREEKT: "bold red",
    Answer.NVT: "dim",
}


def clean(text: str | None) -> str:
    """User text without escape sequences or control characters (newlines stay)."""
    return _CONTROL.sub("", text) if text else ""


def _text(value: str | None, style: str = "") -> Text:
    return Text(clean(value), style=style)


def nl_date(day: date | None) -> str:
    """``4 mrt 2024``; an empty string for no date."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}" if day else ""


def _days(days: int) -> Text:
    if days < 0:
        return Text(f"{-days} dag{'en' if days != -1 else ''} te laat", style="bold red")
    if days == 0:
        return Text("vandaag", style="bold yellow")
    return Text(f"nog {days} dag{'en' if days != 1 else ''}", style="yellow")


def progress_bar(share: float, width: int = 10) -> str:
    """``███░░░░░░░  30%``: readable without colour."""
    filled = round(share * width)
    return f"{'█' * filled}{'░' * (width - filled)} {round(share * 100):>3}%"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# --- tables -----------------------------------------------------------------


def _table(title: str | None = None) -> Table:
    # SIMPLE_HEAD: no vertical rules, so 80 columns leave room for the text.
    # The title is Text, so user text in it is never read as markup.
    return Table(
        title=Text(title) if title else None,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )


def _add_columns(table: Table, names: str, wrap: str) -> None:
    """Add columns; those named in ``wrap`` may wrap, the others keep their width."""
    for name in names.split("|"):
        if name in wrap.split("|"):
            table.add_column(name, overflow="fold", ratio=1)
        else:
            table.add_column(name, no_wrap=True)


def _due_table(report: DueReport) -> RenderableType:
    whom = f" voor {report.owner}" if report.owner else ""
    header = Text(
        f"{clean(report.organisatie)} · peildatum {nl_date(report.as_of)} · "
        f"binnenkort = t/m {nl_date(report.until)}",
        style="bold",
    )
    if not report.groups:
        return Group(header, Text(f"Niets te laat en niets binnenkort{whom}.", style="green"))
    parts: list[RenderableType] = [header]
    for index, group in enumerate(report.groups):
        if index:
            parts.append(Text(""))
        late = sum(i.category is Category.TE_LAAT for i in group.items)
        soon = len(group.items) - late
        name = f" ({clean(group.name)})" if group.name else ""
        table = _table(f"{clean(group.code)}{name}: {late} te laat, {soon} binnenkort")
        _add_columns(table, "Id|Actie|Wanneer|Deadline|Dagen|Toelichting", "Actie|Toelichting")
        for item in group.items:
            table.add_row(*_due_cells(item))
        parts.append(table)
    return Group(*parts)


def _due_cells(item: DueItem) -> tuple[Text, ...]:
    action = item.action
    return (
        _text(action.id),
        _text(action.actie),
        _text(action.wanneer),
        Text(nl_date(item.deadline)),
        _days(item.days),
        _text(action.toelichting),
    )


def _status_columns(table: Table) -> None:
    table.add_column("Nr", justify="right", no_wrap=True)
    table.add_column("Thema", overflow="fold", ratio=1)
    for column in ("Acties", "Gereed", "Lopend", "Open", "Te laat"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("Voortgang", no_wrap=True)


def _status_cells(row: ThemeStatus) -> tuple[Text, ...]:
    late_style = "bold red" if row.te_laat else ""
    return (
        Text("" if row.nr is None else str(row.nr)),
        _text(row.titel),
        Text(str(row.totaal)),
        Text(str(row.gereed)),
        Text(str(row.lopend)),
        Text(str(row.open)),
        Text(str(row.te_laat), style=late_style),
        Text(progress_bar(row.voortgang)),
    )


def _status_table(report: StatusReport) -> RenderableType:
    table = _table(f"{clean(report.organisatie)} · stand op {nl_date(report.as_of)}")
    _status_columns(table)
    for index, row in enumerate(report.themes):
        table.add_row(*_status_cells(row), end_section=index == len(report.themes) - 1)
    table.add_row(*_status_cells(report.total), style="bold")
    if not report.answers:
        return table
    return Group(table, Text(""), _norms_overview(report.answers))


def _norms_overview(answers: tuple[ThemeAnswers, ...]) -> Table:
    table = _table("Normen (0-meting)")
    table.add_column("Nr", justify="right", no_wrap=True)
    table.add_column("Thema", overflow="fold", ratio=1)
    for column in ("Uitgevoerd", "In ontw.", "Ontbreekt", "N.v.t.", "Onbeantw.", "Voldoet", "Fase"):
        table.add_column(column, justify="right", no_wrap=True)
    for item in answers:
        counts = item.counts
        table.add_row(
            Text(str(item.theme.nr)),
            _text(item.theme.titel),
            *(Text(str(n)) for n in counts),
            Text("ja", style="green") if counts.meets_norm else Text("nee", style="red"),
            Text(str(item.theme.fase) if item.theme.fase else "–"),
        )
    return table


def _answer(answer: Answer | None, *, blank: bool = False) -> Text:
    if answer is None:
        return Text("" if blank else "onbeantwoord", style="dim")
    return Text(answer.label, style=_ANSWER_STYLE[answer])


def _link_text(links: tuple[Link, ...]) -> Text:
    return Text(", ".join(f"{clean(link.id)} ({link.state or 'onbekend'})" for link in links))


def _counts_sentence(counts: AnswerCounts) -> str:
    return (
        f"{counts.uitgevoerd} uitgevoerd, {counts.in_ontwikkeling} in ontwikkeling, "
        f"{counts.ontbreekt} ontbreekt, {counts.nvt} n.v.t., {counts.onbeantwoord} onbeantwoord"
    )


def _theme_norms(item: ThemeAnswers, *, title: bool = True) -> RenderableType:
    theme = item.theme
    heading = f"Thema {theme.nr} · {clean(theme.titel)}"
    if not theme.compleet:
        heading += " · onvolledig (openbare tekst afgebroken)"
    table = _table(heading if title else "Normen")
    _add_columns(table, "Norm|Titel|Antwoord|Toelichting|Acties", "Titel|Toelichting|Acties")
    for row in item.rows:
        _norm_rows(table, row)
    verdict = "Voldoet aan de norm" if item.counts.meets_norm else "Voldoet nog niet aan de norm"
    phase = f"fase {theme.fase} (eigen inschatting)" if theme.fase else "fase niet ingeschat"
    summary = Text(f"Normen: {_counts_sentence(item.counts)}\n{verdict} · {phase}")
    if not item.rows:
        return Group(Text(heading, style="bold"), Text("Geen open normen."), summary)
    return Group(table, summary)


def _norm_rows(table: Table, row: NormRow) -> None:
    norm = row.norm
    table.add_row(
        _text(norm.nr),
        _text(norm.titel),
        _answer(norm.antwoord),
        _text(norm.toelichting),
        _link_text(row.links),
    )
    for criterion in norm.criteria:
        table.add_row(
            Text(""),
            Text(f"· {clean(criterion.titel)}", style="dim"),
            _answer(criterion.antwoord, blank=True),
            _text(criterion.toelichting),
            Text(""),
        )


def _checklist_view(report: ChecklistReport) -> RenderableType:
    header = f"{clean(report.organisatie)} · checklist {clean(report.norm)}"
    if report.peildatum:
        header += f" · 0-meting van {nl_date(report.peildatum)}"
    parts: list[RenderableType] = [Text(header, style="bold")]
    for item in report.themes:
        parts += [Text(""), _theme_norms(item)]
    return Group(*parts)


def pyramid_text(pyramid: Pyramid, phase: int | None, theme: int) -> Text:
    """The pyramid as text: the norm's band and the theme's own phase marked in words."""
    names = {p.fase: p.naam for p in pyramid.fasen}
    text = Text(f"{clean(pyramid.naam)}\n", style="bold")
    for level in range(5, 0, -1):
        in_band = pyramid.van <= level <= pyramid.tot
        char = "█" if level == phase else "▒" if in_band else "░"
        marks = ["norm"] if in_band else []
        if level == phase:
            marks.append(f"thema {theme} (eigen inschatting)")
        name = clean(names.get(level)) or "(naam niet openbaar)"
        line = f"fase {level}  {(char * (11 - 2 * level)).center(9)}  {name:<24}"
        if marks:
            line += "  ◀ " + ", ".join(marks)
        text.append(line.rstrip() + "\n", style="bold" if level == phase else "")
    if phase is None:
        text.append(
            f"Thema {theme} heeft nog geen eigen inschatting ('fase:' in checklist.yaml).\n"
        )
    text.rstrip()
    return text


def _theme_table(detail: ThemeDetail) -> RenderableType:
    counts = detail.counts
    title = "0-meting" if detail.theme.nr == 0 else f"Thema {detail.theme.nr}"
    summary = Text(
        f"{_plural(counts.totaal, 'actie', 'acties')}: {counts.gereed} gereed, "
        f"{counts.lopend} lopend, {counts.open} open, {counts.te_laat} te laat · "
        f"voortgang {progress_bar(counts.voortgang)}"
    )
    table = _table(f"{title} · {clean(detail.theme.titel)} · stand op {nl_date(detail.as_of)}")
    _add_columns(
        table, "Id|Actie|Wanneer|Deadline|Actiehouder|Status|Toelichting", "Actie|Toelichting"
    )
    for action, state in zip(detail.theme.acties, detail.states, strict=True):
        table.add_row(
            _text(action.id),
            _text(action.actie),
            _text(action.wanneer),
            Text(nl_date(action.period.deadline)),
            _text(", ".join(action.actiehouders)),
            Text(str(state), style=_STATE_STYLE[state]),
            _text(action.toelichting),
        )
    parts: list[RenderableType] = [table, summary]
    if detail.answers is not None:
        parts += [Text(""), _theme_norms(detail.answers, title=False)]
    if detail.pyramid is not None:
        phase = detail.answers.theme.fase if detail.answers else None
        parts += [Text(""), pyramid_text(detail.pyramid, phase, detail.theme.nr)]
    return Group(*parts)


def _check_lines(report: CheckReport) -> str:
    # Plain lines, never wrapped or cropped: editors and CI parse file:line:col.
    lines = [clean(str(f)) for f in report.findings]
    files = ", ".join(report.files)
    if report.findings:
        lines.append(
            f"{_plural(report.errors, 'fout', 'fouten')}, "
            f"{_plural(report.warnings, 'waarschuwing', 'waarschuwingen')} in {files}"
        )
    else:
        lines.append(f"Geen problemen gevonden in {files}.")
    return "\n".join(lines)


def _when_table(report: WhenReport) -> RenderableType:
    table = _table()
    _add_columns(table, "Wanneer|Van|Tot en met|Soort", "Wanneer")
    errors = []
    for reading in report.readings:
        if reading.period is None:
            table.add_row(_text(reading.wanneer), "", "", Text("fout", style="bold red"))
            errors.append(Text(f"fout: {clean(reading.error)}", style="red"))
        else:
            period = reading.period
            table.add_row(
                _text(reading.wanneer),
                Text(nl_date(period.begin)),
                Text(nl_date(period.deadline)),
                Text(str(period.kind)),
            )
    return Group(table, *errors)


def _when(moment: datetime | None) -> str:
    return nl_date(moment.date()) if moment else "werkkopie"


def _shift(days: int | None) -> Text:
    if days is None or days == 0:
        return Text("")
    word = "later" if days > 0 else "eerder"
    return Text(
        f"{abs(days)} dag{'en' if abs(days) != 1 else ''} {word}",
        style="red" if days > 0 else "green",
    )


def _edit_lines(result: EditResult) -> str:
    what = f"{result.file} · {'norm' if 'checklist' in result.file else 'actie'} {result.target}"
    if not result.changed:
        return f"{what}: had deze waarden al; niets gewijzigd."
    lines = [f"{what} bijgewerkt:"]
    lines += [
        f"  {c.key}: {clean(c.old) or '(leeg)'} → {clean(c.new)}"
        for c in result.changes
        if c.old != c.new
    ]
    return "\n".join(lines)


def _history_view(report: HistoryReport) -> RenderableType:
    subject = f"actie {report.action}" if report.action else "het spoorboekje en de checklist"
    parts: list[RenderableType] = [
        Text(
            f"Geschiedenis van {subject} · {clean(report.organisatie)} · "
            f"{_plural(report.commits, 'commit', 'commits')}",
            style="bold",
        )
    ]
    if report.shallow:
        parts.append(
            Text(
                "Let op: dit is een ondiepe clone (shallow); oudere commits ontbreken. "
                "Haal ze op met 'git fetch --unshallow'.",
                style="yellow",
            )
        )
    if report.broken:
        parts.append(
            Text(
                "Overgeslagen omdat ze toen fouten bevatten: " + ", ".join(report.broken),
                style="yellow",
            )
        )
    table = _table("Wijzigingen per actie")
    _add_columns(table, "Datum|Auteur|Commit|Actie|Wat|Van|Naar|Verschuiving", "Van|Naar")
    for event in report.events:
        table.add_row(
            Text(_when(event.when)),
            _text(event.author),
            Text(event.commit),
            _text(event.id),
            Text(event.kind),
            _text(event.old),
            _text(event.new),
            _shift(event.days),
        )
    parts += [Text(""), table if report.events else Text("Geen wijzigingen aan acties gevonden.")]
    if report.done_per_month:
        done = _table("Acties gereed per maand")
        _add_columns(done, "Maand|Gereed|Totaal", "")
        total = 0
        for month, count in report.done_per_month:
            total += count
            year, number = month.split("-")
            label = f"{MONTH_ABBREVIATIONS[int(number) - 1]} {year}"
            done.add_row(Text(label), Text(str(count)), Text(str(total)))
        parts += [Text(""), done]
    if report.answers:
        answers = _table("Antwoorden per norm: 0-meting en nu")
        _add_columns(answers, "Norm|Titel|0-meting|Op|Nu", "Titel")
        for row in report.answers:
            answers.add_row(
                _text(row.nr),
                _text(row.titel),
                _answer(row.first),
                Text(_when(row.first_when) if row.first else ""),
                _answer(row.now),
            )
        parts += [Text(""), answers]
    elif report.action is None:
        parts += [Text(""), Text("Nog geen enkele norm van de checklist is beantwoord.")]
    return Group(*parts)


def _diff_view(report: DiffReport) -> RenderableType:
    parts: list[RenderableType] = [
        Text(
            f"{clean(report.organisatie)} · wijzigingen van {clean(report.old_label)} "
            f"({_when(report.old_when)}) tot {clean(report.new_label)}"
            + (f" ({_when(report.new_when)})" if report.new_when else ""),
            style="bold",
        )
    ]
    if report.empty:
        return Group(*parts, Text("Geen wijzigingen."))
    sections: list[tuple[str, str, str, list[tuple[Text, ...]]]] = [
        ("Afgerond", "Id|Actie|Actiehouder|Gereed op", "Actie", [
            (_text(a.id), _text(a.actie), _text(", ".join(a.actiehouders)),
             Text(nl_date(a.gereed_op)))
            for a in report.completed
        ]),
        ("Nieuw", "Id|Actie|Wanneer|Actiehouder", "Actie", [
            (_text(a.id), _text(a.actie), _text(a.wanneer), _text(", ".join(a.actiehouders)))
            for a in report.added
        ]),
        ("Vervallen of verwijderd", "Id|Actie", "Actie", [
            (_text(a.id), _text(a.actie)) for a in report.dropped
        ]),
        ("Deadline verschoven", "Id|Actie|Was|Nu|Verschuiving", "Actie", [
            (_text(m.action.id), _text(m.action.actie), _text(m.old_wanneer),
             _text(m.action.wanneer), _shift(m.days))
            for m in report.moved
        ]),
        ("Antwoorden gewijzigd", "Norm|Titel|Was|Nu", "Titel", [
            (_text(c.nr), _text(c.titel), _answer(c.old), _answer(c.new)) for c in report.answers
        ]),
    ]  # fmt: skip
    for title, columns, wrap, rows in sections:
        if not rows:
            continue
        table = _table(f"{title} ({len(rows)})")
        _add_columns(table, columns, wrap)
        for row in rows:
            table.add_row(*row)
        parts += [Text(""), table]
    return Group(*parts)


def _region_notes(
    broken: tuple[Organisation, ...], differences: tuple[NormDifference, ...] = ()
) -> list[RenderableType]:
    notes: list[RenderableType] = []
    if broken:
        notes.append(Text("Niet meegeteld, want de bestanden bevatten fouten:", style="bold red"))
        for organisation in broken:
            notes.append(Text(f"  {clean(organisation.folder)}:", style="bold"))
            notes += [Text(f"    {clean(str(f))}", style="red") for f in organisation.errors]
    for difference in differences:
        parts = []
        if difference.extra:
            parts.append("extra: " + ", ".join(difference.extra))
        if difference.missing:
            parts.append("ontbreekt: " + ", ".join(difference.missing))
        notes.append(
            Text(
                f"Andere normen dan de rest van de regio bij {clean(difference.organisation)} "
                f"({'; '.join(parts)})",
                style="yellow",
            )
        )
    return notes


def _compare_cell(cell: Any) -> Text:
    share = "–" if cell.share is None else f"{round(cell.share * 100)}%"
    phase = f"f{cell.phase}" if cell.phase else "f–"
    text = f"{'▼' if cell.lowest else ' '}{share:>4} {phase} {cell.late:>2}"
    style = "bold red" if cell.lowest else ("red" if cell.late else "")
    return Text(text, style=style)


class _CompareView:
    """The comparison laid out by hand: fixed-width cells, so no table measuring.

    A Rich table measured and wrapped every cell, which took longer than loading a warm
    region of 33 organisations; the cells here have one width by construction.
    """

    def __init__(self, report: CompareReport) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        report = self.report
        sort = f" · gesorteerd op thema {report.sort_theme}" if report.sort_theme else ""
        yield Text(
            f"Regio · stand op {nl_date(report.as_of)}{sort} · per thema: normen uitgevoerd, "
            "eigen fase, acties te laat (▼ = laagste)",
            style="bold",
        )
        cells = len(report.themes) * 13
        names = [clean(row.organisation) for row in report.rows]
        longest = max([len("Organisatie"), *map(len, names)])
        name_width = max(12, min(longest, options.max_width - cells))
        header = "Organisatie".ljust(name_width) + "".join(
            f"  Thema {theme}".ljust(13) for theme in report.themes
        )
        yield Text(header.rstrip(), style="bold")
        yield Text("─" * min(name_width + cells, options.max_width))
        for name, row in zip(names, report.rows, strict=True):
            label = name if len(name) <= name_width else name[: name_width - 1] + "…"
            line = Text(label.ljust(name_width))
            for cell in row.cells:
                line.append("  ")
                line.append_text(_compare_cell(cell))
            yield line
        yield from _region_notes(report.broken, report.differences)


def _compare_table(report: CompareReport) -> RenderableType:
    return _CompareView(report)


def _region_due_table(report: RegionDueReport) -> RenderableType:
    whom = f" · actiehouder {clean(report.owner)}" if report.owner else ""
    until = nl_date(report.until)
    table = _table(f"Regio · peildatum {nl_date(report.as_of)} · binnenkort = t/m {until}{whom}")
    _add_columns(
        table, "Organisatie|Id|Actie|Wanneer|Deadline|Dagen|Actiehouder", "Organisatie|Actie"
    )
    for entry in report.items:
        item = entry.item
        table.add_row(
            _text(entry.organisation),
            _text(item.action.id),
            _text(item.action.actie),
            _text(item.action.wanneer),
            Text(nl_date(item.deadline)),
            _days(item.days),
            _text(", ".join(item.action.actiehouders)),
        )
    body: RenderableType = table if report.items else Text("Niets te laat en niets binnenkort.")
    return Group(body, *_region_notes(report.broken))


def _region_status_table(report: RegionStatusReport) -> RenderableType:
    table = _table(f"Regio · stand op {nl_date(report.as_of)}")
    table.add_column("Organisatie", overflow="fold", ratio=1)
    for column in ("Acties", "Gereed", "Lopend", "Open", "Te laat"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("Voortgang", no_wrap=True)
    table.add_column("Normen", justify="right", no_wrap=True)
    table.add_column("Op norm", justify="right", no_wrap=True)
    for row in report.rows:
        table.add_row(
            _text(row.organisation),
            *(Text(str(n)) for n in (row.totaal, row.gereed, row.lopend, row.open)),
            Text(str(row.te_laat), style="bold red" if row.te_laat else ""),
            Text(progress_bar(row.voortgang)),
            Text(f"{row.norms_done}/{row.norms_applicable}"),
            Text(f"{row.themes_meeting}/6"),
        )
    return Group(table, *_region_notes(report.broken, report.differences))


# --- JSON -------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _action_data(action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "thema": action.thema,
        "actie": action.actie,
        "wanneer": action.wanneer,
        "begin": _iso(action.period.begin),
        "deadline": _iso(action.period.deadline),
        "soort": str(action.period.kind),
        "actiehouder": list(action.actiehouders),
        "status": str(action.status),
        "gereed_op": _iso(action.gereed_op),
        "toelichting": action.toelichting,
    }


def _due_data(report: DueReport) -> list[dict[str, Any]]:
    return [
        {**_action_data(i.action), "categorie": str(i.category), "dagen": i.days}
        for i in report.items
    ]


def _counts_data(row: ThemeStatus) -> dict[str, Any]:
    return {**row._asdict(), "voortgang": round(row.voortgang, 4)}


def _answers_data(counts: AnswerCounts) -> dict[str, Any]:
    return {**counts._asdict(), "voldoet": counts.meets_norm}


def _status_data(report: StatusReport) -> dict[str, Any]:
    by_nr = {item.theme.nr: item for item in report.answers}
    themes = []
    for row in report.themes:
        item = by_nr.get(row.nr) if row.nr is not None else None
        themes.append(
            {
                **_counts_data(row),
                "normen": _answers_data(item.counts) if item else None,
                "fase": item.theme.fase if item else None,
            }
        )
    return {
        "organisatie": report.organisatie,
        "peildatum": report.as_of.isoformat(),
        "themas": themes,
        "totaal": _counts_data(report.total),
    }


def _norm_row_data(row: NormRow) -> dict[str, Any]:
    norm = row.norm
    return {
        "nr": norm.nr,
        "titel": norm.titel,
        "antwoord": norm.antwoord.value if norm.antwoord else None,
        "toelichting": norm.toelichting,
        "acties": [
            {"id": link.id, "staat": str(link.state) if link.state else None} for link in row.links
        ],
        "criteria": [
            {
                "titel": c.titel,
                "antwoord": c.antwoord.value if c.antwoord else None,
                "toelichting": c.toelichting,
            }
            for c in norm.criteria
        ],
    }


def _theme_answers_data(item: ThemeAnswers) -> dict[str, Any]:
    return {
        "nr": item.theme.nr,
        "titel": item.theme.titel,
        "compleet": item.theme.compleet,
        "fase": item.theme.fase,
        "telling": _answers_data(item.counts),
        "normen": [_norm_row_data(row) for row in item.rows],
    }


def _checklist_data(report: ChecklistReport) -> dict[str, Any]:
    return {
        "organisatie": report.organisatie,
        "norm": report.norm,
        "peildatum": _iso(report.peildatum),
        "stand_op": report.as_of.isoformat(),
        "alleen_open": report.only_open,
        "themas": [_theme_answers_data(item) for item in report.themes],
    }


def _theme_data(detail: ThemeDetail) -> dict[str, Any]:
    actions = [
        {**_action_data(a), "staat": str(state_of(a, detail.as_of))} for a in detail.theme.acties
    ]
    pyramid = detail.pyramid
    return {
        "organisatie": detail.organisatie,
        "peildatum": detail.as_of.isoformat(),
        "thema": {**_counts_data(detail.counts), "acties": actions},
        "normen": _theme_answers_data(detail.answers) if detail.answers else None,
        "piramide": {
            "naam": pyramid.naam,
            "fasen": [p._asdict() for p in pyramid.fasen],
            "norm": {"van": pyramid.van, "tot": pyramid.tot},
        }
        if pyramid
        else None,
    }


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "bestand": finding.location.file,
        "regel": finding.location.line,
        "kolom": finding.location.column,
        "ernst": str(finding.severity),
        "melding": finding.message,
    }


def _check_data(report: CheckReport) -> dict[str, Any]:
    return {
        "bestanden": list(report.files),
        "fouten": report.errors,
        "waarschuwingen": report.warnings,
        "meldingen": [_finding_data(f) for f in report.findings],
    }


def _period_data(period: Period | None) -> dict[str, Any]:
    return {
        "begin": _iso(period.begin) if period else None,
        "deadline": _iso(period.deadline) if period else None,
        "soort": str(period.kind) if period else None,
    }


def _when_data(report: WhenReport) -> list[dict[str, Any]]:
    return [
        {"wanneer": r.wanneer, **_period_data(r.period), "fout": r.error} for r in report.readings
    ]


def _edit_data(result: EditResult) -> dict[str, Any]:
    return {
        "bestand": result.file,
        "doel": result.target,
        "gewijzigd": result.changed,
        "wijzigingen": [{"veld": c.key, "was": c.old, "nu": c.new} for c in result.changes],
    }


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _history_data(report: HistoryReport) -> dict[str, Any]:
    return {
        "organisatie": report.organisatie,
        "actie": report.action,
        "commits": report.commits,
        "ondiep": report.shallow,
        "overgeslagen": list(report.broken),
        "wijzigingen": [
            {**e._asdict(), "when": None, "datum": _stamp(e.when)} for e in report.events
        ],
        "gereed_per_maand": [{"maand": m, "aantal": n} for m, n in report.done_per_month],
        "antwoorden": [
            {
                "nr": r.nr,
                "titel": r.titel,
                "nulmeting": r.first.value if r.first else None,
                "nulmeting_datum": _stamp(r.first_when),
                "nu": r.now.value if r.now else None,
            }
            for r in report.answers
        ],
    }


def _diff_data(report: DiffReport) -> dict[str, Any]:
    return {
        "organisatie": report.organisatie,
        "van": report.old_label,
        "van_datum": _stamp(report.old_when),
        "tot": report.new_label,
        "tot_datum": _stamp(report.new_when),
        "afgerond": [_action_data(a) for a in report.completed],
        "nieuw": [_action_data(a) for a in report.added],
        "vervallen": [_action_data(a) for a in report.dropped],
        "verschoven": [
            {**_action_data(m.action), "was": m.old_wanneer, "dagen": m.days} for m in report.moved
        ],
        "antwoorden": [
            {
                "nr": c.nr,
                "titel": c.titel,
                "was": c.old.value if c.old else None,
                "nu": c.new.value if c.new else None,
            }
            for c in report.answers
        ],
    }


def _broken_data(broken: tuple[Organisation, ...]) -> list[dict[str, Any]]:
    return [
        {"map": o.folder, "organisatie": o.name, "meldingen": [_finding_data(f) for f in o.errors]}
        for o in broken
    ]


def _differences_data(differences: tuple[NormDifference, ...]) -> list[dict[str, Any]]:
    return [
        {"organisatie": d.organisation, "extra": list(d.extra), "ontbreekt": list(d.missing)}
        for d in differences
    ]


def _compare_data(report: CompareReport) -> dict[str, Any]:
    return {
        "peildatum": report.as_of.isoformat(),
        "organisaties": [
            {
                "naam": row.organisation,
                "themas": [
                    {
                        "thema": theme,
                        "uitgevoerd": None if c.share is None else round(c.share, 4),
                        "fase": c.phase,
                        "te_laat": c.late,
                        "laagste": c.lowest,
                    }
                    for theme, c in zip(report.themes, row.cells, strict=True)
                ],
            }
            for row in report.rows
        ],
        "niet_meegeteld": _broken_data(report.broken),
        "normverschillen": _differences_data(report.differences),
    }


def _region_due_data(report: RegionDueReport) -> list[dict[str, Any]]:
    return [
        {
            "organisatie": entry.organisation,
            **_action_data(entry.item.action),
            "categorie": str(entry.item.category),
            "dagen": entry.item.days,
        }
        for entry in report.items
    ]


def _region_status_data(report: RegionStatusReport) -> dict[str, Any]:
    return {
        "peildatum": report.as_of.isoformat(),
        "organisaties": [
            {**row._asdict(), "voortgang": round(row.voortgang, 4)} for row in report.rows
        ],
        "niet_meegeteld": _broken_data(report.broken),
        "normverschillen": _differences_data(report.differences),
    }


_Renderers = tuple[Callable[[Any], RenderableType | str], Callable[[Any], Any]]
# Keyed by class name, so that rendering a due list does not import the modules
# behind edits and history (start-up time).
_RENDERERS: dict[str, _Renderers] = {
    "DueReport": (_due_table, _due_data),
    "StatusReport": (_status_table, _status_data),
    "ThemeDetail": (_theme_table, _theme_data),
    "CheckReport": (_check_lines, _check_data),
    "ChecklistReport": (_checklist_view, _checklist_data),
    "EditResult": (_edit_lines, _edit_data),
    "HistoryReport": (_history_view, _history_data),
    "DiffReport": (_diff_view, _diff_data),
    "WhenReport": (_when_table, _when_data),
    "CompareReport": (_compare_table, _compare_data),
    "RegionDueReport": (_region_due_table, _region_due_data),
    "RegionStatusReport": (_region_status_table, _region_status_data),
}


def to_json(data: Any) -> str:
    """JSON text: a list gets one object per line, anything else is indented.

    Python's json module only uses its fast C encoder without indentation; a
    region's due list of ten thousand actions took a third of a second indented.
    """
    import json  # only JSON output needs it

    if isinstance(data, list):
        if not data:
            return "[]"
        # One encoder for all items: json.dumps with options builds a new one per call.
        lines = ",\n  ".join(map(json.JSONEncoder(ensure_ascii=False).encode, data))
        return f"[\n  {lines}\n]"
    return json.dumps(data, indent=2, ensure_ascii=False)


def render(result: object, fmt: OutputFormat) -> RenderableType | str:
    """The output for ``result`` in ``fmt``: a Rich renderable for tables, a string for
    JSON, CSV and Markdown. This is the one place where the format is chosen."""
    table, data = _RENDERERS[type(result).__name__]
    if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN):
        from limnorm import tabular  # only these formats need it

        sheets = tabular.sheets(result)
        return tabular.to_csv(sheets) if fmt is OutputFormat.CSV else tabular.to_markdown(sheets)
    if fmt is OutputFormat.JSON:
        return to_json(data(result))
    return table(result)
