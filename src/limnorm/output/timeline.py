"""A Gantt chart of the actions in the terminal, fitted to its width.

One row per action, grouped by theme; months across (or quarters, or years
when months do not fit); a bar from begin to deadline in a character that
says the state, so the chart reads without colour; a line at the as-of date;
actions without a date listed below.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from limnorm.core.calendar import add_months, quarter, quarter_start
from limnorm.output.text import MONTH_ABBREVIATIONS, clean, nl_date
from limnorm.queries.plan import State, TimelineReport, TimelineRow

#: Bar character and colour per state; the characters alone tell the states apart.
BARS = {
    State.GEREED: ("█", "green"),
    State.TE_LAAT: ("▓", "bold red"),
    State.LOPEND: ("▒", "cyan"),
    State.OPEN: ("░", ""),
    State.VERVALLEN: ("·", "dim"),
}
MARKER = "│"
#: A milestone (``mijlpaal: true``), drawn on its deadline instead of a bar.
MILESTONE = "◆"


class Chart:
    """The chart of a :class:`TimelineReport`, drawn at the width Rich gives it."""

    def __init__(self, report: TimelineReport) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from draw(self.report, options.max_width)


class _Unit(NamedTuple):
    start: date
    end: date  # inclusive
    label: str


def _units(first: date, last: date, kind: str) -> list[_Unit]:
    units = []
    if kind == "jaar":
        for year in range(first.year, last.year + 1):
            units.append(_Unit(date(year, 1, 1), date(year, 12, 31), str(year)))
        return units
    step = 1 if kind == "maand" else 3
    current = first.replace(day=1) if kind == "maand" else quarter_start(first)
    while current <= last:
        following = add_months(current, step)
        if kind == "maand":
            label = MONTH_ABBREVIATIONS[current.month - 1]
        else:
            label = f"Q{quarter(current)} {current.year % 100:02d}"
        units.append(_Unit(current, following - timedelta(days=1), label))
        current = following
    return units


def _scale(timeline: TimelineReport, columns: int) -> tuple[list[_Unit], int]:
    """The units across and the characters per unit that fit in ``columns``."""
    actions = [r.action for g in timeline.groups for r in g.rows]
    begins = [a.period.begin for a in actions if a.period.begin] + [timeline.as_of]
    ends = [a.period.deadline or a.period.begin for a in actions if a.period.begin]
    first, last = min(begins), max([*ends, timeline.as_of])
    for kind, minimum in (("maand", 4), ("kwartaal", 6), ("jaar", 5)):
        units = _units(first, last, kind)
        if len(units) * minimum <= columns:
            return units, columns // len(units)
    units = _units(first, last, "jaar")
    return units, max(columns // len(units), 1)


def _column(day: date, units: list[_Unit], width: int) -> int:
    for index, unit in enumerate(units):
        if unit.start <= day <= unit.end:
            fraction = (day - unit.start).days / ((unit.end - unit.start).days + 1)
            return index * width + min(int(fraction * width), width - 1)
    return 0 if day < units[0].start else len(units) * width - 1


def _label(text: str, width: int) -> str:
    """``text`` in ``width`` characters: cut after a whole word and marked "…" when it is
    longer (inside a word when that would leave less than half the width)."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:  # else the first word alone is long: cut inside it
        cut = cut[:space].rstrip(" ·,")
    return cut + "…"


def _legend(width: int, milestones: bool) -> Iterator[str]:
    """The legend, as many entries on a line as fit (an entry is never split)."""
    entries = [f"{char} {state}" for state, (char, _) in BARS.items()]
    if milestones:
        entries.append(f"{MILESTONE} mijlpaal")
    entries.append(f"{MARKER} peildatum")
    line = ""
    for entry in entries:
        if line and len(line) + 2 + len(entry) > width:
            yield line
            line = ""
        line = f"{line}  {entry}" if line else entry
    yield line


def draw(timeline: TimelineReport, width: int) -> Iterator[Text]:
    """The chart as lines of Rich Text, ``width`` characters wide at most."""
    yield Text(
        f"{clean(timeline.organisatie)} · tijdlijn · peildatum {nl_date(timeline.as_of)}",
        style="bold",
    )
    if timeline.groups:
        label_width = max(14, min(32, width // 3))
        units, unit_width = _scale(timeline, max(width - label_width - 1, 8))
        chart_width = len(units) * unit_width
        today = _column(timeline.as_of, units, unit_width)
        header = "".join(_label(u.label, unit_width - 1).ljust(unit_width) for u in units)
        if units[0].label in MONTH_ABBREVIATIONS:  # months: the years go on a line of their own
            years = [" "] * (len(units) * unit_width)
            for index, unit in enumerate(units):
                if unit.start.month == 1 or index == 0:
                    for offset, char in enumerate(str(unit.start.year)):
                        if index * unit_width + offset < len(years):
                            years[index * unit_width + offset] = char
            yield Text(" " * (label_width + 1) + "".join(years).rstrip())
        yield Text(" " * (label_width + 1) + header.rstrip())
        for group in timeline.groups:
            yield Text(_label(f"Thema {group.nr} · {clean(group.titel)}", width), style="bold")
            for row in group.rows:
                yield _bar_line(row, units, unit_width, chart_width, today, label_width)
    milestones = any(r.action.mijlpaal for g in timeline.groups for r in g.rows)
    for legend in _legend(width, milestones):
        yield Text(legend, style="dim")
    if timeline.undated:
        yield Text("Zonder datum:", style="bold")
        for row in timeline.undated:
            action = row.action
            wanneer = clean(action.wanneer) or "leeg"
            if action.fouten:
                wanneer = f"{wanneer} ({', '.join(action.fouten)})"
            yield Text(
                _label(
                    f"  {clean(action.id)} {clean(action.actie)} · {wanneer} · {row.state}", width
                )
            )


def _bar_line(
    row: TimelineRow,
    units: list[_Unit],
    unit_width: int,
    chart_width: int,
    today: int,
    label_width: int,
) -> Text:
    action = row.action
    assert action.period.begin is not None  # dated rows only
    start = _column(action.period.begin, units, unit_width)
    open_ended = action.period.deadline is None
    end = chart_width - 1 if open_ended else _column(action.period.deadline, units, unit_width)  # type: ignore[arg-type]
    char, style = BARS[row.state]
    if action.mijlpaal and not open_ended:
        start, char = end, MILESTONE  # a milestone is a moment: one mark on its deadline
    line = Text(
        _label(f"{clean(action.id)} {clean(action.actie)}", label_width).ljust(label_width + 1)
    )
    for column in range(chart_width):
        if start <= column <= end:
            piece = "→" if open_ended and column == end else char
            line.append(piece, style=style)
        elif column == today:
            line.append(MARKER, style="dim")
        else:
            line.append(" ")
    line.rstrip()
    return line
