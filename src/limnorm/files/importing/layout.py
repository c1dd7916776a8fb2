"""Find a plan in a document's tables: header rows, themes and actions (pure functions).

Documents lay their plans out in a few ways, all handled here:

- the header row may follow title rows, and may be repeated under each theme;
- a theme is a row with one (merged) cell or with text only in its first cell,
  a heading above the table, or a value in a Thema column;
- one document may hold several tables, one workbook several sheets.

Texts are kept as written; only line breaks inside a cell are joined.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from limnorm.core.norm import BASELINE_THEME, BASELINE_TITLE, THEME_TITLES
from limnorm.files.importing.table import RawCell, RawDocument, Row

#: Header words (normalised: lower case, no accents or punctuation) and the field they
#: fill. Ordered by field; a header of several words also matches on its first word.
HEADER_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("actie", "acties", "actiepunt", "actiepunten", "wat", "activiteit", "activiteiten",
         "maatregel", "maatregelen", "omschrijving"),
        "actie",
    ),
    **dict.fromkeys(
        ("wanneer", "planning", "termijn", "gereed", "deadline", "datum", "periode"),
        "wanneer",
    ),
    **dict.fromkeys(
        ("actiehouder", "actiehouders", "wie", "eigenaar", "trekker", "verantwoordelijke",
         "verantwoordelijk", "uitvoerder"),
        "actiehouder",
    ),
    **dict.fromkeys(
        ("toelichting", "opmerking", "opmerkingen", "bijzonderheden", "hoe"), "toelichting"
    ),
    **dict.fromkeys(("status", "voortgang"), "status"),
    **dict.fromkeys(("nr", "id", "nummer", "no", "#"), "id"),
    "thema": "thema",
    **dict.fromkeys(("gereed op", "afgerond op"), "gereed_op"),
}  # fmt: skip

#: Keys an action has in spoorboekje.yaml; a column it does not know gets its own key.
ACTION_KEYS = ("id", "actie", "wanneer", "actiehouder", "toelichting", "status", "gereed_op")

#: Status words as organisations write them, and the status they mean. Anything else is
#: kept as written (``check`` then names it).
STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(("open", "niet gestart", "nog niet gestart", "gepland", "nog te starten"),
                    "open"),
    **dict.fromkeys(("lopend", "loopt", "in uitvoering", "bezig", "gestart", "in behandeling"),
                    "lopend"),
    **dict.fromkeys(("gereed", "afgerond", "klaar", "voltooid", "uitgevoerd"), "gereed"),
    **dict.fromkeys(("vervallen", "geschrapt", "komt te vervallen"), "vervallen"),
}  # fmt: skip

_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")
_BULLET = re.compile(r"[-•*–·▪o]\s|\d{1,2}[.)]\s")
_THEMA_NR = re.compile(r"thema\s*(\d{1,2})\b\s*[:.)\-–]?\s*(.*)", re.IGNORECASE)
_NUMBERED = re.compile(r"(\d{1,2})\s*[:.)\-–]?\s+(\D.*)")
_ZERO = re.compile(r"(?:0|nul)[\s-]?meting\b.*", re.IGNORECASE)
_SIMPLE_CODE = re.compile(r"[^\W\d][\w&.\-]{0,14}")
_OWNER_SEPARATORS = re.compile(r"\s*[/,;+]\s*|\s+(?:en|&)\s+")


class Column(NamedTuple):
    """A column of an action table: its place, its header as written, the key it fills."""

    position: int
    header: str
    key: str
    #: False for a column limnorm does not know (kept as an extra key on the action).
    known: bool


class ImportedAction(NamedTuple):
    """One action as found in the document, before ids are filled in."""

    id: str | None
    actie: str
    wanneer: str
    #: Owner codes (several when a cell names several), the text as written when it is not
    #: a list of codes, or None for an empty cell or no owner column.
    actiehouder: tuple[str, ...] | str | None
    toelichting: str | None = None
    status: str | None = None
    gereed_op: date | str | None = None
    #: Columns limnorm does not know: (key, value) in column order.
    extra: tuple[tuple[str, str | int | float], ...] = ()


class ImportedTheme(NamedTuple):
    """A theme with its number and its actions."""

    nr: int
    titel: str
    acties: tuple[ImportedAction, ...]


class ImportedPlan(NamedTuple):
    """Everything found: themes with actions, owners, and what was used to find them."""

    titel: str | None
    themas: tuple[ImportedTheme, ...]
    #: Every distinct owner, in order of first appearance.
    owners: tuple[str, ...]
    #: Whether any table had an owner column.
    owner_column: bool
    #: The tables that held actions ("tabel 1", "blad 'Acties'").
    tables: tuple[str, ...]
    #: Distinct (header as written, key written) pairs, in order; a status column of
    #: percentages names 'voortgang', of both 'status en voortgang'.
    columns: tuple[tuple[str, str], ...]
    #: What the user should know (a theme made up, a column without header).
    notes: tuple[str, ...]
    #: The plan's year (``jaar:``) for deadlines written without one, from the title.
    jaar: int | None = None


# --- Cells ---------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: for matching words."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w#]+", " ", plain).split())


def snake_case(header: str) -> str:
    """A header as a YAML key: ``Budget (€)`` → ``budget``, ``Bron nummer`` → ``bron_nummer``."""
    key = normalise(header).replace("#", "nr").replace(" ", "_")
    key = re.sub(r"\W+", "_", key, flags=re.ASCII).strip("_")
    return key if key and not key[0].isdigit() else f"kolom_{key}".rstrip("_")


def join_lines(text: str) -> str:
    """Cell text with the line breaks of wrapped lines joined by a space.

    Lines that start a list item (``- x``, ``• x``, ``1. x``) keep their own line, so a
    list in a cell stays a list; blank lines and runs of spaces go.
    """
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if lines and not _BULLET.match(line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def one_line(text: str) -> str:
    """Cell text on one line (for 'wanneer', ids and owners)."""
    return " ".join(text.split())


def dutch_day(day: date) -> str:
    """A day written the Dutch way, ``4-3-2024``, which limnorm reads back as that day."""
    return f"{day.day}-{day.month}-{day.year}"


def _cell_text(cell: RawCell) -> str:
    return dutch_day(cell.day) if cell.day is not None else cell.text


def _is_empty(row: Row) -> bool:
    return not any(cell.day or cell.text.strip() for cell in row)


def lone_text(row: Row) -> str | None:
    """The text of a row that has text in one place only: one (merged) cell spanning
    the row, or the first cell alone. ``None`` for any other row."""
    filled = [(i, c) for i, c in enumerate(row) if c.day or c.text.strip()]
    if not filled:
        return None
    first_index, first = filled[0]
    same_span = first.span != 0 and all(c.span == first.span for _, c in filled)
    if len(filled) == 1 or same_span:
        spans_row = same_span and sum(c.span == first.span for c in row) > 1
        if first_index == 0 or spans_row:
            return join_lines(_cell_text(first))
    return None


# --- Header rows -----------------------------------------------------------------------


def header_key(text: str) -> str | None:
    """The field a header cell names, or None: exact match first, then its first word."""
    words = normalise(text)
    if not words:
        return None
    return HEADER_WORDS.get(words) or HEADER_WORDS.get(words.split()[0])


def header_columns(row: Row) -> tuple[Column, ...] | None:
    """The columns of an action table if ``row`` is its header row, else None.

    A header row names at least what (Actie or a synonym) and when (Wanneer or a
    synonym). Each field is filled from the first column that names it; a later
    column naming it again, and a column with a header limnorm does not know, are
    kept under their own key.
    """
    found: dict[int, str] = {}
    taken: set[str] = set()
    firsts: list[int] = []  # one index per cell as shown: merged cells count once
    seen_spans: set[int] = set()
    for index, cell in enumerate(row):
        if cell.span and cell.span in seen_spans:
            continue
        seen_spans.add(cell.span)
        firsts.append(index)
        key = header_key(cell.text)
        if key is not None and key not in taken:
            found[index] = key
            taken.add(key)
    if not {"actie", "wanneer"} <= taken:
        return None
    columns: list[Column] = []
    used = set(ACTION_KEYS) | {"thema"}
    for index in firsts:
        header = one_line(row[index].text)
        if index in found:
            columns.append(Column(index, header, found[index], True))
        elif header:
            key = snake_case(header)
            base, counter = key, 2
            while key in used:
                key, counter = f"{base}_{counter}", counter + 1
            used.add(key)
            columns.append(Column(index, header, key, False))
    return tuple(columns)


# --- Themes ----------------------------------------------------------------------------


def _known_theme(title: str) -> int | None:
    wanted = normalise(title)
    for nr, titles in THEME_TITLES.items():
        if any(normalise(t) == wanted for t in titles):
            return nr
    return None


def theme_of(text: str) -> tuple[int | None, str]:
    """The number and title a theme text gives: ``Thema 1 Bewustwording en organisatie``
    → (1, "Bewustwording en organisatie"); a title of the Limburgse Norm gets its number
    even without one; an unknown title gets ``None`` (numbered later, in order)."""
    text = one_line(text).rstrip(":").strip()
    if _ZERO.fullmatch(text):
        return BASELINE_THEME, text
    match = _THEMA_NR.fullmatch(text) or _NUMBERED.fullmatch(text)
    if match:
        nr = int(match[1])
        title = match[2].strip(" :.-–")
        if title:
            return nr, title
        return nr, THEME_TITLES.get(nr, (f"Thema {nr}",))[0]
    if text.isascii() and text.isdigit() and len(text) <= 2:  # not "²": int() refuses it
        nr = int(text)
        if nr == BASELINE_THEME:
            return nr, BASELINE_TITLE
        return nr, THEME_TITLES.get(nr, (f"Thema {nr}",))[0]
    return _known_theme(text), text


def is_theme_title(text: str) -> bool:
    """Whether a text names a theme by itself (a number or a title of the norm)."""
    return theme_of(text)[0] is not None


# --- Owners and statuses -----------------------------------------------------------------


def owners_of(text: str) -> tuple[str, ...] | str | None:
    """An owner cell: one code, several codes ("OOV/JZ", "OOV en HRM"), or the text as
    written when it is not a list of simple codes ("team veiligheid")."""
    text = one_line(text)
    if not text:
        return None
    parts = [p for p in _OWNER_SEPARATORS.split(text) if p]
    if len(parts) > 1 and all(_SIMPLE_CODE.fullmatch(p) for p in parts):
        return tuple(dict.fromkeys(parts))
    return text


def status_of(text: str) -> str:
    """A status word as limnorm's status, or the text as written."""
    return STATUS_WORDS.get(normalise(text), one_line(text))


# --- Reading the tables ----------------------------------------------------------------


class _Draft:
    """A theme being filled while the tables are read."""

    __slots__ = ("actions", "nr", "title")

    def __init__(self, nr: int | None, title: str) -> None:
        self.nr = nr
        self.title = title
        self.actions: list[ImportedAction] = []


class _Reader:
    """Walks the tables once, collecting themes, actions, columns and owners."""

    def __init__(self) -> None:
        self.drafts: dict[object, _Draft] = {}
        self.loose: list[ImportedAction] = []  # actions before any theme
        self.titles: list[str] = []
        self.tables: list[str] = []
        self.columns: dict[tuple[str, str], None] = {}
        self.owner_column = False
        self.current: _Draft | None = None
        #: The keys a status column's cells were written as ("status", "voortgang" for
        #: percentages), so the summary names the field actually written.
        self.status_keys: dict[tuple[str, str], dict[str, None]] = {}

    def theme(self, text: str) -> _Draft:
        nr, title = theme_of(text)
        key: object = nr if nr is not None else normalise(title)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(nr, title)
        return draft

    def table(self, rows: Sequence[Row], origin: str, heading: str | None) -> None:
        # A table may start further right (column B of a sheet): its first column is
        # then the leftmost one with any text, for "text only in the first cell".
        left = min((_first_filled(row) for row in rows if not _is_empty(row)), default=0)
        rows = [row[left:] for row in rows]
        columns: tuple[Column, ...] | None = None
        if heading and is_theme_title(heading):
            self.current = self.theme(heading)
        used = False
        titles: list[str] = []  # kept only if this table holds actions
        for row in rows:
            if _is_empty(row):
                continue
            found = header_columns(row)
            if found is not None:
                columns = found
                for column in found:
                    self.columns[(column.header, column.key)] = None
                    self.owner_column |= column.key == "actiehouder"
                continue
            single = lone_text(row)
            if columns is None:  # rows before the first header: titles, or a theme
                if single is not None and is_theme_title(single):
                    self.current = self.theme(single)
                else:
                    titles.append(one_line(_first_text(row)))
                continue
            if single is not None:
                self.current = self.theme(single)
                continue
            if self.action(row, columns):
                used = True
        if used:  # a table without actions (a budget) gives no title
            self.tables.append(origin)
            self.titles += titles

    def action(self, row: Row, columns: Sequence[Column]) -> bool:
        values: dict[str, RawCell] = {}
        for column in columns:
            if column.position < len(row):
                cell = row[column.position]
                if cell.day or cell.text.strip():
                    values[column.key] = cell
        if not values:
            return False
        thema = values.pop("thema", None)
        if thema is not None:
            self.current = self.theme(_cell_text(thema))
        extra: list[tuple[str, str | int | float]] = []
        status = None
        if "status" in values:
            text = one_line(_cell_text(values["status"]))
            percent = _PERCENT.fullmatch(text)
            if percent:  # progress written as a percentage: kept as 'voortgang'
                extra.append(("voortgang", round(float(percent[1].replace(",", ".")))))
            else:
                status = status_of(text)
            column = next(c for c in columns if c.key == "status")
            keys = self.status_keys.setdefault((column.header, column.key), {})
            keys["voortgang" if percent else "status"] = None
        for column in columns:
            if not column.known and column.key in values:
                cell = values[column.key]
                # An Excel number stays a number (a budget of 12000 is not text).
                value = cell.number if cell.number is not None else join_lines(_cell_text(cell))
                extra.append((column.key, value))
        found = ImportedAction(
            id=one_line(_cell_text(values["id"])) if "id" in values else None,
            actie=join_lines(_cell_text(values["actie"])) if "actie" in values else "",
            wanneer=one_line(_cell_text(values["wanneer"])) if "wanneer" in values else "",
            actiehouder=owners_of(values["actiehouder"].text) if "actiehouder" in values else None,
            toelichting=join_lines(_cell_text(values["toelichting"]))
            if "toelichting" in values
            else None,
            status=status,
            gereed_op=_done_on(values["gereed_op"]) if "gereed_op" in values else None,
            extra=tuple(extra),
        )
        if self.current is None:
            self.loose.append(found)
        else:
            self.current.actions.append(found)
        return True


def _first_filled(row: Row) -> int:
    return next(i for i, c in enumerate(row) if c.day or c.text.strip())


def _first_text(row: Row) -> str:
    return next(_cell_text(c) for c in row if c.day or c.text.strip())


def _done_on(cell: RawCell) -> date | str:
    if cell.day is not None:
        return cell.day
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", one_line(cell.text))
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    return one_line(cell.text)


def _number(
    drafts: Iterable[_Draft], loose: Sequence[ImportedAction]
) -> tuple[list[_Draft], list[str]]:
    """Give every theme a number: its own, else the next free one in order of appearance.

    Actions found before any theme go to the theme their id starts with ("2.1" → 2), or
    else to one theme "Acties" (the user divides them)."""
    notes: list[str] = []
    drafts = [d for d in drafts if d.actions]
    by_nr = {d.nr: d for d in drafts if d.nr is not None}
    rest: list[ImportedAction] = []
    for action in loose:
        prefix = (action.id or "").partition(".")[0]
        if prefix.isdigit() and action.id and "." in action.id:
            nr = int(prefix)
            if nr not in by_nr:
                by_nr[nr] = _Draft(nr, theme_of(str(nr))[1])
                drafts.append(by_nr[nr])
            by_nr[nr].actions.append(action)
        else:
            rest.append(action)
    if rest:
        fallback = _Draft(None, "Acties")
        fallback.actions = rest
        drafts.append(fallback)
        notes.append(
            f"{len(rest)} actie(s) zonder thema staan onder thema 'Acties'; "
            "verdeel ze over de thema's"
        )
    taken = {d.nr for d in drafts if d.nr is not None}
    free = (n for n in range(1, 10_000) if n not in taken)
    for draft in drafts:
        if draft.nr is None:
            draft.nr = next(free)
    return sorted(drafts, key=lambda d: d.nr or 0), notes


def _with_ids(draft: _Draft, used: set[str]) -> tuple[ImportedAction, ...]:
    counter = 0
    actions = []
    for action in draft.actions:
        if action.id is None:
            while True:
                counter += 1
                candidate = f"{draft.nr}.{counter}"
                if candidate not in used:
                    break
            action = action._replace(id=candidate)
            used.add(candidate)
        actions.append(action)
    return tuple(actions)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def title_year(title: str | None) -> int | None:
    """The one year a title names ("Uitvoeringsplan weerbaarheid 2025"), else None (no
    year, or several: "2024-2026" names no single year)."""
    years = set(_YEAR.findall(title or ""))
    return int(years.pop()) if len(years) == 1 else None


def find_plan(document: RawDocument) -> ImportedPlan | None:
    """The plan in a document's tables, or None when no table has a header row with at
    least an action and a 'when' column."""
    reader = _Reader()
    for table in document.tables:
        reader.table(table.rows, table.origin, table.heading)
    if not reader.tables:
        return None
    drafts, notes = _number(reader.drafts.values(), reader.loose)
    used = {a.id for d in drafts for a in d.actions if a.id is not None}
    themes = tuple(ImportedTheme(d.nr or 0, d.title, _with_ids(d, used)) for d in drafts)
    owners: dict[str, None] = {}
    for theme in themes:
        for action in theme.acties:
            holders = action.actiehouder
            owners.update(dict.fromkeys((holders,) if isinstance(holders, str) else holders or ()))
    # A Word paragraph above the first table may be the title; a sheet name is not one.
    headings = [t.heading for t in document.tables if t.heading and document.kind == "Word"]
    titles = reader.titles or [h for h in headings[:1] if not is_theme_title(h)]
    return ImportedPlan(
        titel=titles[0] if titles else None,
        themas=themes,
        owners=tuple(owners),
        owner_column=reader.owner_column,
        tables=tuple(reader.tables),
        columns=tuple(
            (header, " en ".join(reader.status_keys.get((header, key), {key: None})))
            for header, key in reader.columns
        ),
        notes=(*document.notes, *notes),
    )
