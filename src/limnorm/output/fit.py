"""Tables that fit the terminal: words are never broken, columns give way, records last.

A :class:`FitTable` measures its cells when it is printed, at the width it gets:

1. every column at its natural width, if that fits;
2. else the text columns (``wrap``) narrower, wrapping at spaces, but never narrower
   than their longest word (a word longer than :data:`LONGEST_WORD` ends in "…");
3. else the columns with the highest ``drop`` go first (a toelichting before the
   action itself), and a dim line says which are left out;
4. else, when even the columns that must stay do not fit, each row becomes a record:
   a heading line and one "Kolom: waarde" line per cell, as ``gh`` and ``kubectl`` do.

:class:`Trimmed` prints any renderable without trailing spaces (Rich pads every
line of a table to its width; a pipe or a diff should not see that).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

#: Longer words may end in "…" rather than force a column this wide.
LONGEST_WORD = 24
#: A text column is not made narrower than this (unless its text is shorter).
NARROWEST_TEXT = 10
#: Text this short ("30 sep 2024", "92 dagen te laat") is kept on one line before longer
#: text gets more room.
SHORT_TEXT = 17
#: Between two columns: the cell's right padding and the (blank) rule.
GAP = 2


class Column(NamedTuple):
    """One column: ``wrap`` text may wrap at spaces; ``drop`` > 0 may be left out when
    the width is short, the highest first; ``whole_first_line``: the first line of each
    cell never wraps (a deadline's date, with its note wrapping under it)."""

    name: str
    wrap: bool = False
    justify: Literal["left", "right"] = "left"
    drop: int = 0
    whole_first_line: bool = False


class Row(NamedTuple):
    """One row of cells; ``style`` for the whole row, ``end_section`` draws a rule under it."""

    cells: tuple[Text, ...]
    style: str = ""
    end_section: bool = False


def _lines(text: Text) -> list[str]:
    return text.plain.split("\n") if text.plain else [""]


def _natural(name: str, cells: Iterable[Text]) -> int:
    return max([cell_len(name), *(cell_len(line) for c in cells for line in _lines(c))])


def _longest_word(name: str, cells: Iterable[Text]) -> int:
    words = [w for c in cells for w in c.plain.split()] + name.split()
    return max((min(cell_len(w), LONGEST_WORD) for w in words), default=1)


class FitTable:
    """A table that fits the width it is printed at (see the module docstring)."""

    def __init__(
        self,
        title: str | Text | None,
        columns: Sequence[Column],
        rows: Sequence[Row | tuple[Text, ...]],
        *,
        heading: int = 2,
    ) -> None:
        self.title = Text(title) if isinstance(title, str) else title
        self.columns = tuple(columns)
        self.rows = tuple(r if isinstance(r, Row) else Row(tuple(r)) for r in rows)
        self.heading = heading  # the leading columns that name a record

    def _widths(self, shown: list[int], width: int) -> list[int] | None:
        """Column widths for the ``shown`` columns within ``width``; None when they cannot fit."""
        natural, least = [], []
        for index in shown:
            column = self.columns[index]
            cells = [row.cells[index] for row in self.rows]
            content = _natural("", cells)
            # A header may wrap at its spaces ("Te laat" over two lines); its words may not.
            header = _longest_word(column.name, [])
            natural.append(max(content, cell_len(column.name)))
            if column.wrap:
                floor = max(_longest_word(column.name, cells), min(content, NARROWEST_TEXT))
                if column.whole_first_line:
                    floor = max([floor, *(cell_len(_lines(cell)[0]) for cell in cells)])
                least.append(min(natural[-1], floor))
            else:
                least.append(max(content, header))
        room = width - GAP * (len(shown) - 1)
        if sum(natural) <= room:
            return natural
        if sum(least) > room:
            return None
        widths = list(least)
        extra = room - sum(least)
        # First whole headers ("Te laat" on one line), then the text columns, each by how
        # much more it wants.
        for position, index in enumerate(shown):
            column = self.columns[index]
            if column.whole_first_line:
                continue  # its first line is in its floor; what wraps under it waits
            if not column.wrap or natural[position] <= SHORT_TEXT:
                more = min(extra, natural[position] - widths[position])
                widths[position] += more
                extra -= more
        # Then the narrowest text column that wants more gets the next character, so the
        # text columns end up about as wide as each other (as far as their text needs).
        while extra > 0:
            open_ = [p for p in range(len(widths)) if widths[p] < natural[p]]
            if not open_:
                break
            narrowest = min(open_, key=lambda p: widths[p])
            widths[narrowest] += 1
            extra -= 1
        return widths

    def _layout(self, width: int) -> tuple[list[int], list[int], list[int]] | None:
        """(shown columns, their widths, dropped columns); None: records instead."""
        # A column that may go and has nothing in it goes without a word.
        shown = [
            i
            for i, column in enumerate(self.columns)
            if not column.drop or any(row.cells[i].plain for row in self.rows)
        ]
        dropped: list[int] = []
        while True:
            widths = self._widths(shown, width)
            if widths is not None:
                return shown, widths, dropped
            candidates = [i for i in shown if self.columns[i].drop > 0]
            if not candidates:
                return None
            victim = max(candidates, key=lambda i: (self.columns[i].drop, i))
            shown.remove(victim)
            dropped.append(victim)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        layout = self._layout(width) if self.rows else None
        if layout is None:
            yield from self._records()
            return
        shown, widths, dropped = layout
        table = Table(
            title=self.title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, 1, 0, 0),
        )
        for index, column_width in zip(shown, widths, strict=True):
            column = self.columns[index]
            table.add_column(
                column.name,
                width=column_width,
                overflow="ellipsis",
                justify=column.justify,
            )
        for row in self.rows:
            table.add_row(
                *(row.cells[i] for i in shown), style=row.style or None, end_section=row.end_section
            )
        yield table
        if dropped:
            names = ", ".join(self.columns[i].name for i in sorted(dropped))
            yield Text(f"Niet getoond (te smal): {names}".rstrip(".") + ".", style="dim")

    def _records(self) -> Iterable[RenderableType]:
        if self.title is not None:
            yield Text(self.title.plain, style="bold")
        if not self.rows:
            return
        for row in self.rows:
            head = [c for c in row.cells[: self.heading] if c.plain]
            line = Text(" · ").join(head) if head else Text("")
            line.stylize(row.style)
            yield line
            pieces = []
            for column, cell in zip(self.columns[self.heading :], row.cells[self.heading :],
                                    strict=True):  # fmt: skip
                if cell.plain:
                    piece = Text(f"{column.name}: ", style="dim")
                    piece.append_text(cell)
                    pieces.append(piece)
            if pieces:
                yield _Details(pieces)


class _Details:
    """A record's cells, ``Kolom: waarde``, as many on a line as fit, indented."""

    def __init__(self, pieces: list[Text]) -> None:
        self.pieces = pieces

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line: Text | None = None
        for piece in self.pieces:
            if line is not None and cell_len(line.plain) + 3 + cell_len(piece.plain) <= width:
                line.append(" · ", style="dim")
                line.append_text(piece)
                continue
            if line is not None:
                yield line
            if 2 + cell_len(piece.plain) <= width and "\n" not in piece.plain:
                line = Text("  ") + piece
            else:
                line = None
                yield _Indented(Text("  ") + piece)
        if line is not None:
            yield line


class _Indented:
    """A record's detail line: wrapped at spaces, continued under its value."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = self.text.wrap(console, max(width - 4, 8), overflow="ellipsis")
        for number, line in enumerate(lines):
            if number:
                yield Text("    ") + line
            else:
                yield line


class Trimmed:
    """Any renderable, printed without the spaces Rich pads its lines with."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False):
            yield from _rstrip(line)
            yield Segment.line()


def _rstrip(line: list[Segment]) -> list[Segment]:
    """A line of segments without its trailing spaces."""
    end = len(line)
    while end and (not line[end - 1].text.strip() and not line[end - 1].control):
        end -= 1
    if end == 0:
        return []
    last = line[end - 1]
    kept = [*line[: end - 1]]
    if last.control:
        return [*kept, last]
    return [*kept, Segment(last.text.rstrip(), last.style)]
