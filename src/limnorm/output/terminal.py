"""Rich renderables for people: the terminal output of every command.

The table forms of :mod:`limnorm.output.views`. Renderers never print; user text
always enters Rich as :class:`~rich.text.Text` (never as markup) and is
stripped of control characters first, so a toelichting cannot restyle or
rewrite the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from limnorm.core.models import Action, Answer, Pyramid
from limnorm.output.text import (
    MONTH_ABBREVIATIONS,
    clean,
    deadline_text,
    nl_date,
    progress_bar,
    when_text,
)
from limnorm.queries.plan import (
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
)

if TYPE_CHECKING:  # imported for real only by the commands that make these results
    from limnorm.files.updates import EditResult
    from limnorm.queries.history import DiffReport, HistoryReport
    from limnorm.queries.region import (
        CompareReport,
        NormDifference,
        Organisation,
        RegionDueReport,
        RegionStatusReport,
    )


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


def _text(value: str | None, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _days(days: int) -> Text:
    if days < 0:
        return Text(f"{-days} dag{'en' if days != -1 else ''} te laat", style="bold red")
    if days == 0:
        return Text("vandaag", style="bold yellow")
    return Text(f"nog {days} dag{'en' if days != 1 else ''}", style="yellow")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


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


def _moved(actions: Iterable[Action]) -> str:
    """``|Wanneer`` when a postponement makes that column long enough to need wrapping."""
    return "|Wanneer" if any(a.postponed_from for a in actions) else ""


def _add_columns(table: Table, names: str, wrap: str) -> None:
    """Add columns; those named in ``wrap`` may wrap, the others keep their width."""
    for name in names.split("|"):
        if name in wrap.split("|"):
            table.add_column(name, overflow="fold", ratio=1)
        else:
            table.add_column(name, no_wrap=True)


def due_table(report: DueReport) -> RenderableType:
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
        wrap = "Actie|Toelichting" + _moved(i.action for i in group.items)
        _add_columns(table, "Id|Actie|Wanneer|Deadline|Dagen|Toelichting", wrap)
        for item in group.items:
            table.add_row(*_due_cells(item))
        parts.append(table)
    return Group(*parts)


def _due_cells(item: DueItem) -> tuple[Text, ...]:
    action = item.action
    return (
        _text(action.id),
        _text(action.actie),
        _text(when_text(action)),
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


def status_table(report: StatusReport) -> RenderableType:
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


def checklist_view(report: ChecklistReport) -> RenderableType:
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


def theme_table(detail: ThemeDetail) -> RenderableType:
    counts = detail.counts
    title = "0-meting" if detail.theme.nr == 0 else f"Thema {detail.theme.nr}"
    summary = Text(
        f"{_plural(counts.totaal, 'actie', 'acties')}: {counts.gereed} gereed, "
        f"{counts.lopend} lopend, {counts.open} open, {counts.te_laat} te laat · "
        f"voortgang {progress_bar(counts.voortgang)}"
    )
    table = _table(f"{title} · {clean(detail.theme.titel)} · stand op {nl_date(detail.as_of)}")
    _add_columns(
        table,
        "Id|Actie|Wanneer|Deadline|Actiehouder|Status|Toelichting",
        "Actie|Toelichting" + _moved(detail.theme.acties),
    )
    for action, state in zip(detail.theme.acties, detail.states, strict=True):
        table.add_row(
            _text(action.id),
            _text(action.actie),
            _text(when_text(action)),
            _text(deadline_text(action)),
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


def check_lines(report: CheckReport) -> str:
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


def when_table(report: WhenReport) -> RenderableType:
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


def edit_lines(result: EditResult) -> str:
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


def history_view(report: HistoryReport) -> RenderableType:
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


def diff_view(report: DiffReport) -> RenderableType:
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
        # When the rows fit, Rich's word wrapping is skipped (it was most of the time this
        # view took to print); on a narrow terminal they wrap, so no theme is cut off.
        fits = name_width + cells <= options.max_width
        yield Text(header.rstrip(), style="bold", no_wrap=fits)
        yield Text("─" * min(name_width + cells, options.max_width))
        for name, row in zip(names, report.rows, strict=True):
            label = name if len(name) <= name_width else name[: name_width - 1] + "…"
            line = Text(label.ljust(name_width), no_wrap=fits)
            for cell in row.cells:
                line.append("  ")
                line.append_text(_compare_cell(cell))
            yield line
        yield from _region_notes(report.broken, report.differences)


def compare_table(report: CompareReport) -> RenderableType:
    return _CompareView(report)


def region_due_table(report: RegionDueReport) -> RenderableType:
    whom = f" · actiehouder {clean(report.owner)}" if report.owner else ""
    until = nl_date(report.until)
    table = _table(f"Regio · peildatum {nl_date(report.as_of)} · binnenkort = t/m {until}{whom}")
    # With --owner the title names the actiehouder: the column would only repeat it, and
    # on 80 columns its width is better spent on the organisation and the action.
    owners = "" if report.owner else "|Actiehouder"
    _add_columns(
        table, f"Organisatie|Id|Actie|Wanneer|Deadline|Dagen{owners}", "Organisatie|Actie|Wanneer"
    )
    for entry in report.items:
        item = entry.item
        cells = [
            _text(entry.organisation),
            _text(item.action.id),
            _text(item.action.actie),
            _text(when_text(item.action)),
            Text(nl_date(item.deadline)),
            _days(item.days),
        ]
        if owners:
            cells.append(_text(", ".join(item.action.actiehouders)))
        table.add_row(*cells)
    body: RenderableType = table if report.items else Text("Niets te laat en niets binnenkort.")
    return Group(body, *_region_notes(report.broken))


def region_status_table(report: RegionStatusReport) -> RenderableType:
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
            Text(progress_bar(row.voortgang, width=5)),
            Text(f"{row.norms_done}/{row.norms_applicable}"),
            Text(f"{row.themes_meeting}/6"),
        )
    return Group(table, *_region_notes(report.broken, report.differences))
