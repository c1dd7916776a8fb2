"""Rich renderables for people: the terminal output of every command.

The table forms of :mod:`limnorm.output.views`. Renderers never print; user text
always enters Rich as :class:`~rich.text.Text` (never as markup) and is
stripped of control characters first, so a toelichting cannot restyle or
rewrite the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from limnorm.core.models import Action, Answer, Pyramid
from limnorm.core.norm import BASELINE_THEME, BASELINE_TITLE
from limnorm.core.period import Period, PeriodKind
from limnorm.output.fit import Column, FitTable, Row
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
    from limnorm.files.region import Organisation
    from limnorm.files.updates import EditResult
    from limnorm.queries.history import DiffReport, HistoryReport
    from limnorm.queries.region import (
        CompareReport,
        NormDifference,
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


def _columns(spec: str) -> list[Column]:
    """Columns from ``Id|Actie*|Toelichting*~2|Acties>``: ``*`` text that may wrap, ``~N``
    left out first when the width is short (highest N first), ``>`` right-aligned, ``=``
    the first line kept whole (``Deadline*=``: the date, with the note under it)."""
    columns = []
    for part in spec.split("|"):
        name, _, drop = part.partition("~")
        whole = name.endswith("=")
        name = name.removesuffix("=")
        wrap = name.endswith("*") or name.endswith("*>")
        right = name.endswith(">")
        columns.append(
            Column(
                name.rstrip("*>"),
                wrap=wrap,
                justify="right" if right else "left",
                drop=int(drop or 0),
                whole_first_line=whole,
            )
        )
    return columns


def due_table(report: DueReport) -> RenderableType:
    whom = f" voor {report.owner}" if report.owner else ""
    header = Text(
        f"{clean(report.organisatie)} · peildatum {nl_date(report.as_of)} · "
        f"binnenkort = t/m {nl_date(report.until)}",
        style="bold",
    )
    unreadable: list[RenderableType] = (
        [Text(""), _unreadable_table(report.unreadable)] if report.unreadable else []
    )
    if not report.groups:
        nothing = Text(f"Niets te laat en niets binnenkort{whom}.", style="green")
        return Group(header, nothing, *unreadable)
    parts: list[RenderableType] = [header]
    for index, group in enumerate(report.groups):
        if index:
            parts.append(Text(""))
        late = sum(i.category is Category.TE_LAAT for i in group.items)
        soon = len(group.items) - late
        name = f" ({clean(group.name)})" if group.name else ""
        parts.append(
            FitTable(
                f"{clean(group.code)}{name}: {late} te laat, {soon} binnenkort",
                _columns("Id|Actie*|Wanneer*~1|Deadline*=|Dagen*|Toelichting*~2"),
                [_due_cells(item) for item in group.items],
            )
        )
    return Group(*parts, *unreadable)


def _unreadable_table(actions: tuple[Action, ...]) -> FitTable:
    """Open actions without a readable ``wanneer``: what is wrong instead of a date."""
    return FitTable(
        f"Niet te plannen (wanneer onleesbaar): {_plural(len(actions), 'actie', 'acties')}",
        _columns("Id|Actie*|Actiehouder*~1|Wanneer*|Fout*|Toelichting*~2"),
        [
            (
                _text(action.id),
                _text(action.actie),
                _text(", ".join(action.actiehouders)),
                _text(action.wanneer),
                Text(", ".join(action.fouten), style="bold red"),
                _text(action.toelichting),
            )
            for action in actions
        ],
    )


def _due_cells(item: DueItem) -> tuple[Text, ...]:
    action = item.action
    return (
        _text(action.id),
        _text(action.actie),
        _text(when_text(action)),
        _text(deadline_text(action, "\n")),  # as status thema N: the note under the date
        _days(item.days),
        _text(action.toelichting),
    )


STATUS_COLUMNS = "Nr>|Thema*|Acties>|Gereed>|Lopend>|Open>|Te laat>|Voortgang~1"


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
    last = len(report.themes) - 1
    rows = [Row(_status_cells(r), end_section=i == last) for i, r in enumerate(report.themes)]
    rows.append(Row(_status_cells(report.total), style="bold"))
    table = FitTable(
        f"{clean(report.organisatie)} · stand op {nl_date(report.as_of)}",
        _columns(STATUS_COLUMNS),
        rows,
    )
    if not report.answers:
        return table
    return Group(table, Text(""), _norms_overview(report.answers))


def _norms_overview(answers: tuple[ThemeAnswers, ...]) -> FitTable:
    # The theme names stand in the table above, by the same numbers: they go first.
    spec = "Nr>|Thema*~3|Uitgevoerd>|In ontw.>|Ontbreekt>|N.v.t.>~2|Onbeantw.>|Voldoet>|Fase>"
    rows = []
    for item in answers:
        counts = item.counts
        rows.append(
            (
                Text(str(item.theme.nr)),
                _text(item.theme.titel),
                *(Text(str(n)) for n in counts),
                Text("ja", style="green") if counts.meets_norm else Text("nee", style="red"),
                Text(str(item.theme.fase) if item.theme.fase else "–"),
            )
        )
    return FitTable("Normen (0-meting)", _columns(spec), rows)


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
    rows: list[tuple[Text, ...]] = []
    for row in item.rows:
        rows += _norm_rows(row)
    table = FitTable(
        heading if title else "Normen",
        _columns("Norm|Titel*|Antwoord*|Toelichting*~2|Acties*~1"),
        rows,
    )
    verdict = "Voldoet aan de norm" if item.counts.meets_norm else "Voldoet nog niet aan de norm"
    phase = f"fase {theme.fase} (eigen inschatting)" if theme.fase else "fase niet ingeschat"
    summary = Text(f"Normen: {_counts_sentence(item.counts)}\n{verdict} · {phase}")
    if not item.rows:
        return Group(Text(heading, style="bold"), Text("Geen open normen."), summary)
    return Group(table, summary)


def _norm_rows(row: NormRow) -> list[tuple[Text, ...]]:
    norm = row.norm
    rows: list[tuple[Text, ...]] = [
        (
            _text(norm.nr),
            _text(norm.titel),
            _answer(norm.antwoord),
            _text(norm.toelichting),
            _link_text(row.links),
        )
    ]
    for criterion in norm.criteria:
        rows.append(
            (
                Text(""),
                Text(f"· {clean(criterion.titel)}", style="dim"),
                _answer(criterion.antwoord, blank=True),
                _text(criterion.toelichting),
                Text(""),
            )
        )
    return rows


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
    title = BASELINE_TITLE if detail.theme.nr == BASELINE_THEME else f"Thema {detail.theme.nr}"
    summary = Text(
        f"{_plural(counts.totaal, 'actie', 'acties')}: {counts.gereed} gereed, "
        f"{counts.lopend} lopend, {counts.open} open, {counts.te_laat} te laat · "
        f"voortgang {progress_bar(counts.voortgang)}"
    )
    table = FitTable(
        f"{title} · {clean(detail.theme.titel)} · stand op {nl_date(detail.as_of)}",
        _columns("Id|Actie*|Wanneer*~2|Deadline*=|Actiehouder*~1|Status|Toelichting*~3"),
        [
            (
                _text(action.id),
                _text(action.actie),
                _text(when_text(action)),
                _text(deadline_text(action, "\n")),  # the date stays whole, the note under it
                _text(", ".join(action.actiehouders)),
                Text(str(state), style=_STATE_STYLE[state]),
                _text(action.toelichting),
            )
            for action, state in zip(detail.theme.acties, detail.states, strict=True)
        ],
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
        fatal = f"{report.fatal} fataal, " if report.fatal else ""
        lines.append(
            f"{fatal}{_plural(report.errors, 'fout', 'fouten')}, "
            f"{_plural(report.warnings, 'waarschuwing', 'waarschuwingen')} in {files}"
        )
    else:
        lines.append(f"Geen problemen gevonden in {files}.")
    return "\n".join(lines)


#: What ``when`` shows under a reading besides its dates: the label of a period's note by
#: kind (the note of "afhankelijk van de raad" says what it depends on).
_NOTE_LABEL = {PeriodKind.AFHANKELIJK: "Afhankelijk van", PeriodKind.STATUS: "Status"}


def _period_rows(period: Period) -> list[tuple[Text, ...]]:
    """A reading's note and postponement, one indented row each ("Uitgesteld: ja")."""
    lines = []
    if period.note:
        lines.append(f"{_NOTE_LABEL.get(period.kind, 'Notitie')}: {period.note}")
    if period.postponed or period.was:
        lines.append("Uitgesteld: ja")
    if period.was:
        lines.append(f"Was: {period.was}")
    return [(_text(f"  {line}", "dim"), Text(""), Text(""), Text("")) for line in lines]


def when_table(report: WhenReport) -> RenderableType:
    rows: list[tuple[Text, ...]] = []
    errors = []
    for reading in report.readings:
        if reading.period is None:
            failed = Text("fout", style="bold red")
            rows.append((_text(reading.wanneer), Text(""), Text(""), failed))
            errors.append(Text(f"fout: {clean(reading.error)}", style="red"))
        else:
            period = reading.period
            rows.append(
                (
                    _text(reading.wanneer),
                    Text(nl_date(period.begin)),
                    Text(nl_date(period.deadline)),
                    Text(str(period.kind)),
                )
            )
            rows += _period_rows(period)
    return Group(FitTable(None, _columns("Wanneer*|Van|Tot en met|Soort*"), rows), *errors)


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
            " · ".join(
                part
                for part in (
                    f"Geschiedenis van {subject}",
                    clean(report.organisatie),  # none when no version had a usable plan
                    _plural(report.commits, "commit", "commits"),
                )
                if part
            ),
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
    table = FitTable(
        "Wijzigingen per actie",
        _columns("Datum|Auteur*~2|Commit~3|Actie|Wat*|Van*|Naar*|Verschuiving*~1"),
        [
            (
                Text(_when(event.when)),
                _text(event.author),
                Text(event.commit),
                _text(event.id),
                Text(event.kind),
                _text(event.old),
                _text(event.new),
                _shift(event.days),
            )
            for event in report.events
        ],
    )
    parts += [Text(""), table if report.events else Text("Geen wijzigingen aan acties gevonden.")]
    if report.done_per_month:
        total = 0
        months = []
        for month, count in report.done_per_month:
            total += count
            year, number = month.split("-")
            label = f"{MONTH_ABBREVIATIONS[int(number) - 1]} {year}"
            months.append((Text(label), Text(str(count)), Text(str(total))))
        done = FitTable("Acties gereed per maand", _columns("Maand|Gereed|Totaal"), months)
        parts += [Text(""), done]
    if report.answers:
        answers = FitTable(
            "Antwoorden per norm: 0-meting en nu",
            _columns("Norm|Titel*|0-meting*|Op~1|Nu*"),
            [
                (
                    _text(row.nr),
                    _text(row.titel),
                    _answer(row.first),
                    Text(_when(row.first_when) if row.first else ""),
                    _answer(row.now),
                )
                for row in report.answers
            ],
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
    sections: list[tuple[str, str, list[tuple[Text, ...]]]] = [
        ("Afgerond", "Id|Actie*|Actiehouder*~1|Gereed op", [
            (_text(a.id), _text(a.actie), _text(", ".join(a.actiehouders)),
             Text(nl_date(a.gereed_op)))
            for a in report.completed
        ]),
        ("Nieuw", "Id|Actie*|Wanneer*|Actiehouder*~1", [
            (_text(a.id), _text(a.actie), _text(a.wanneer), _text(", ".join(a.actiehouders)))
            for a in report.added
        ]),
        ("Vervallen of verwijderd", "Id|Actie*", [
            (_text(a.id), _text(a.actie)) for a in report.dropped
        ]),
        ("Deadline verschoven", "Id|Actie*|Was*|Nu*|Verschuiving*~1", [
            (_text(m.action.id), _text(m.action.actie), _text(m.old_wanneer),
             _text(m.action.wanneer), _shift(m.days))
            for m in report.moved
        ]),
        ("Antwoorden gewijzigd", "Norm|Titel*|Was*|Nu*", [
            (_text(c.nr), _text(c.titel), _answer(c.old), _answer(c.new)) for c in report.answers
        ]),
    ]  # fmt: skip
    for title, columns, rows in sections:
        if rows:
            parts += [Text(""), FitTable(f"{title} ({len(rows)})", _columns(columns), rows)]
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
        width = options.max_width
        cells = len(report.themes) * 13
        names = [clean(row.organisation) for row in report.rows]
        longest = max([len("Organisatie"), *map(len, names)])
        name_width = min(longest, width - cells)
        if name_width < min(longest, COMPARE_NAME):
            yield from self._records(names, width)
        else:
            yield from self._table(names, name_width)
        yield from _region_notes(report.broken, report.differences)


    def _table(self, names: list[str], name_width: int) -> Iterator[Text]:
        # Rich's word wrapping is skipped (no_wrap): it was most of the time this view took
        # to print, and these lines fit by construction.
        report = self.report
        header = "Organisatie".ljust(name_width) + "".join(
            f"  Thema {theme}".ljust(13) for theme in report.themes
        )
        yield Text(header.rstrip(), style="bold", no_wrap=True)
        yield Text("─" * (name_width + len(report.themes) * 13), no_wrap=True)
        for name, row in zip(names, report.rows, strict=True):
            line = Text(_shorten(name, name_width).ljust(name_width), no_wrap=True)
            for cell in row.cells:
                line.append("  ")
                line.append_text(_compare_cell(cell))
            yield line

    def _records(self, names: list[str], width: int) -> Iterator[Text]:
        """Too narrow for a row per organisation: its name, then its themes, as many on a
        line as fit (each theme as in the table: share, phase, late)."""
        report = self.report
        per_line = max(1, (width - 2) // 21)
        for name, row in zip(names, report.rows, strict=True):
            yield Text(_shorten(name, width), style="bold", no_wrap=True)
            pairs = list(zip(report.themes, row.cells, strict=True))
            for start in range(0, len(pairs), per_line):
                line = Text(" ", no_wrap=True)
                for theme, cell in pairs[start : start + per_line]:
                    line.append(f" Thema {theme:<2}")
                    line.append_text(_compare_cell(cell))
                    line.append("  ")
                line.rstrip()
                yield line


#: The organisation column of 'compare' is at least this wide (or as wide as the
#: longest name); narrower, each organisation becomes a record.
COMPARE_NAME = 20


def _shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` after a whole word, marked "…" (inside a word only when
    that would leave less than half)."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space].rstrip(" ·,")
    return cut + "…"


def compare_table(report: CompareReport) -> RenderableType:
    return _CompareView(report)


def region_due_table(report: RegionDueReport) -> RenderableType:
    whom = f" · actiehouder {clean(report.owner)}" if report.owner else ""
    until = nl_date(report.until)
    # With --owner the title names the actiehouder: the column would only repeat it.
    owners = "" if report.owner else "|Actiehouder*~2"
    rows = []
    for entry in report.items:
        item = entry.item
        cells = [
            _text(entry.organisation),
            _text(item.action.id),
            _text(item.action.actie),
            _text(when_text(item.action)),
            _text(deadline_text(item.action, "\n")),
            _days(item.days),
        ]
        if owners:
            cells.append(_text(", ".join(item.action.actiehouders)))
        rows.append(tuple(cells))
    table = FitTable(
        f"Regio · peildatum {nl_date(report.as_of)} · binnenkort = t/m {until}{whom}",
        _columns(f"Organisatie*|Id|Actie*|Wanneer*~1|Deadline*=|Dagen*{owners}"),
        rows,
        heading=3,
    )
    body: RenderableType = table if report.items else Text("Niets te laat en niets binnenkort.")
    unreadable: list[RenderableType] = []
    if report.unreadable:
        count = _plural(len(report.unreadable), "actie", "acties")
        unreadable = [
            Text(""),
            FitTable(
                f"Niet te plannen (wanneer onleesbaar): {count}",
                _columns(f"Organisatie*|Id|Actie*{owners}|Wanneer*|Fout*"),
                [
                    (
                        _text(entry.organisation),
                        _text(entry.action.id),
                        _text(entry.action.actie),
                        *([_text(", ".join(entry.action.actiehouders))] if owners else []),
                        _text(entry.action.wanneer),
                        Text(", ".join(entry.action.fouten), style="bold red"),
                    )
                    for entry in report.unreadable
                ],
            ),
        ]
    return Group(body, *unreadable, *_region_notes(report.broken))


def region_status_table(report: RegionStatusReport) -> RenderableType:
    table = FitTable(
        f"Regio · stand op {nl_date(report.as_of)}",
        _columns(
            "Organisatie*|Acties>|Gereed>|Lopend>|Open>|Te laat>|Voortgang~1|Normen>|Op norm>"
        ),
        [
            (
                _text(row.organisation),
                *(Text(str(n)) for n in (row.totaal, row.gereed, row.lopend, row.open)),
                Text(str(row.te_laat), style="bold red" if row.te_laat else ""),
                Text(progress_bar(row.voortgang, width=5)),
                Text(f"{row.norms_done}/{row.norms_applicable}"),
                Text(f"{row.themes_meeting}/6"),
            )
            for row in report.rows
        ],
        heading=1,
    )
    return Group(table, *_region_notes(report.broken, report.differences))
