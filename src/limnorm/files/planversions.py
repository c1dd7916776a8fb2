"""A source's files at many commits, streamed (:class:`VersionStream`), and what ``history``
and the postponements from history need of a plan at each: per action its id, ``actie``,
``wanneer``, deadline, status and ``gereed_op`` (:class:`PlanReader`).

Imported only where the history is read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.errors import DataError, Location
from limnorm.core.models import Action, Checklist, Finding, Owner, Plan, Severity, Status
from limnorm.files.discovery import DataSource, Version
from limnorm.files.loader import (
    CHECKLIST_FILE,
    PLAN_FILE,
    Loaded,
    T,
    deadline_of,
    parse_actions,
    parse_plan,
    parse_text,
)
from limnorm.files.yamlsource import MAX_NODES, decode

if TYPE_CHECKING:
    from limnorm.files.git import BlobStream, Commit


class Blob(NamedTuple):
    """A file's contents at a commit, with git's id for them (equal ids: equal bytes)."""

    id: str
    data: bytes


class FilesAt(NamedTuple):
    """Both data files at one commit, unparsed; None for a file not there."""

    version: Version
    plan: Blob | None
    checklist: Blob | None


class VersionStream:
    """A source's files at many commits, oldest first, read as they come through one
    ``git cat-file --batch`` process (:class:`~limnorm.files.git.BlobStream`), for
    ``history``: one commit's files in memory at a time, parsed only when asked
    (:meth:`plan`, :meth:`checklist`), so that a file whose blob id was seen need not be.
    Use as a context manager."""

    def __init__(
        self,
        source: DataSource,
        cwd: Path,
        top: Path,
        commits: list[Commit],
        *,
        checklist: bool = True,
    ) -> None:
        from limnorm.files.git import BlobStream, relative_to_top  # only history needs git

        self.top, self.commits, self.with_checklist = top, commits, checklist
        # Resolved once: a realpath per commit and file was a tenth of history's time.
        self._names = {
            filename: source.display(filename, cwd) for filename in (PLAN_FILE, CHECKLIST_FILE)
        }
        files = [relative_to_top(top, source.file(PLAN_FILE))]
        if checklist:  # the postponements from history need the plan alone
            files.append(relative_to_top(top, source.file(CHECKLIST_FILE)))
        self._stream: BlobStream = BlobStream(
            top, [f"{c.hash}:{file}" for c in commits for file in files]
        )

    def __enter__(self) -> VersionStream:
        self._stream.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.__exit__(*exc)

    def __iter__(self) -> Iterator[FilesAt]:
        blobs = iter(self._stream)
        for commit in self.commits:
            plan = next(blobs)
            checklist = next(blobs) if self.with_checklist else None
            yield FilesAt(
                Version(commit.short, commit, self.top),
                None if plan is None else Blob(*plan),
                None if checklist is None else Blob(*checklist),
            )

    def name(self, filename: str, version: Version) -> str:
        """How a file at ``version`` is named in messages: ``spoorboekje.yaml@abc1234``."""
        return f"{self._names[filename]}@{version.label}"

    def _parsed(
        self,
        filename: str,
        version: Version,
        blob: Blob,
        parse: Callable[[str, str], Loaded[T]],
    ) -> Loaded[T]:
        name = self.name(filename, version)
        try:
            return parse_text(decode(blob.data, name), name, parse)
        except DataError as error:
            location = error.location or Location(name)
            return Loaded(None, (Finding(Severity.FATAAL, error.message, location),), name)

    def plan(self, files: FilesAt) -> Loaded[Plan] | None:
        """The spoorboekje of ``files``, parsed; None when it was absent."""
        if files.plan is None:
            return None
        return self._parsed(PLAN_FILE, files.version, files.plan, parse_plan)

    def checklist(self, files: FilesAt) -> Loaded[Checklist] | None:
        """The checklist of ``files``, parsed; None when it was absent."""
        from limnorm.files.checklist import parse_checklist

        if files.checklist is None:
            return None
        return self._parsed(CHECKLIST_FILE, files.version, files.checklist, parse_checklist)


class ActionAt(NamedTuple):
    """What ``history`` needs of one action at one version (not the whole Action: a
    version is read, compared with the one before it and dropped)."""

    id: str
    actie: str
    wanneer: str
    deadline: date | None
    status: Status
    gereed_op: date | None


class PlanAt(NamedTuple):
    """What ``history`` needs of a plan at one version."""

    organisatie: str
    #: Every action in file order (a duplicate id too: ``gereed`` months count each).
    items: tuple[ActionAt, ...]
    #: By id; the last of two with one id, as a dict built over ``items`` keeps it.
    by_id: dict[str, ActionAt]


def _action_at(action: Action) -> ActionAt:
    return ActionAt(
        action.id,
        action.actie,
        action.wanneer,
        action.period.deadline,
        action.status,
        action.gereed_op,
    )


def plan_at(plan: Plan) -> PlanAt:
    items = tuple(_action_at(a) for a in plan.actions())
    return PlanAt(plan.organisatie, items, {item.id: item for item in items})


def plan_of(loaded: Loaded[Plan] | None) -> PlanAt | None:
    return None if loaded is None or loaded.value is None else plan_at(loaded.value)


class _Block(NamedTuple):
    """Where one action stands in a plan's lines, to be read again alone."""

    #: Index of the line with its ``-``, and of the line after its last (blank and
    #: comment lines after it belong to it).
    start: int
    end: int
    #: The column of its ``-``.
    indent: int
    theme: int
    #: The year for its deadlines written without one (the theme's or the plan's).
    year: int | None
    #: Where its ``wanneer`` value stands when it is one plain value on one line: lines
    #: after ``start``, and column.
    wanneer: tuple[int, int] | None


class _Base(NamedTuple):
    """The last plan :class:`PlanReader` read, with its lines and its actions' places."""

    lines: list[str]
    #: Per action of ``state.items``, where it stands; None where it cannot be cut out.
    blocks: list[_Block | None]
    state: PlanAt
    owners: dict[str, Owner]


#: What keeps a piece of a plan from being read on its own: a tab in the indentation,
#: a byte-order mark, or a line break YAML knows besides ``\n`` (with one, YAML numbers
#: the lines otherwise than ``str.split``).
_NOT_ALONE = re.compile(r"^ *\t|[\x85\u2028\u2029\ufeff]|\r(?!\n)", re.M)
#: What may be an anchor, an alias or a directive: a node that is also elsewhere, or a
#: file whose reading depends on its top. A plan with one is parsed in full, each version
#: (an anchor or alias follows no letter or digit: "F&I" is none).
_SHARED = re.compile(r"(?<!\w)[&*]|^%", re.M)


@functools.cache
def _items_at(indent: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How a list item at ``indent`` begins, and a line that is not blank, a comment,
    deeper, or such an item (one search over a piece instead of a test per line)."""
    item = rf" {{{indent}}}-(?:[ \r\n]|$)"
    return re.compile(item), re.compile(rf"^(?! {{{indent + 1}}}|{item}| *(?:#|\r?$))", re.M)


#: A ``wanneer`` value that may be taken over from a line unparsed: plain text of letters,
#: digits and a few signs on one line. YAML keeps such a value as written, whatever type
#: it reads (``2024``, ``no``): it cannot start a comment, a key, a quote, a list, a tag
#: or an alias. The text of the line before the value must be the key alone.
_PLAIN_VALUE = re.compile(r"[0-9A-Za-z][0-9A-Za-z .,/()+\-]*(?<! )")
_WANNEER_KEY = re.compile(r" *(?:- +)*wanneer: +")


class PlanReader:
    """Plans of successive commits as :class:`PlanAt`, parsed in full only when needed.

    Most commits of a plan change one action or a few: a deadline moved, a status set,
    a line added to a note. Compared with the plan read before, the changed lines then
    lie within actions that follow each other in one theme. When they are only plain
    ``wanneer`` values, those deadlines are read again from the lines; else those actions
    alone are read again (:func:`~limnorm.files.loader.parse_actions`). Either replaces
    parsing and checking the whole file, which at 500 commits was most of ``history``'s
    time (benchmarks/history.py). Anything else (a theme, the top of the file, an action
    added, removed or renamed, text YAML might read across the cut) is parsed in full, so
    what the reader gives is what parsing gives (tests/test_history_quick.py).
    """

    def __init__(self, files: VersionStream) -> None:
        self.files = files
        self.base: _Base | None = None

    def read(self, at: FilesAt) -> PlanAt | None:
        assert at.plan is not None
        name = self.files.name(PLAN_FILE, at.version)
        try:
            text = decode(at.plan.data, name)
        except DataError:
            text = None
        if text is not None and self.base is not None and len(text) <= MAX_NODES:
            # Without aliases (none in the base, none in a piece read again) a value
            # takes at least a character: a text no longer than MAX_NODES cannot be too
            # large as a whole where its parts are not.
            quick = self._edited(self.base, text.split("\n"), name)
            if quick is not None:
                return quick
        loaded = self.files.plan(at)
        state = plan_of(loaded)
        plan = loaded.value if loaded is not None else None
        if state is not None and plan is not None and text is not None:
            self.base = _base(plan, state, text)
        return state

    def _edited(self, base: _Base, lines: list[str], name: str) -> PlanAt | None:
        """The plan in ``lines`` from ``base`` with the changed actions read again; None
        when the change is not within actions that can be read alone."""
        old = base.lines
        shortest = min(len(old), len(lines))
        same = 0  # lines equal at the start...
        while same < shortest and old[same] == lines[same]:
            same += 1
        tail = 0  # ... and at the end
        while tail < shortest - same and old[-1 - tail] == lines[-1 - tail]:
            tail += 1
        # Old lines [same, old_end) became [same, len(lines) - tail).
        old_end = len(old) - tail
        items = list(base.state.items)
        blocks = base.blocks
        if len(lines) == len(old):
            # Line for line: each changed line by itself (the actions of two themes).
            changed = [i for i in range(same, old_end) if lines[i] != old[i]]
            moved = _deadlines_moved(base, lines, changed, items)
            spans = [] if moved else _spans(blocks, changed)
        else:  # lines only added go with the line before them
            first_line = same if old_end > same else same - 1
            span = _covering(blocks, first_line, max(old_end, first_line + 1))
            spans = [span] if span is not None else None
        if spans is None:
            return None
        if spans:
            blocks = list(blocks)
        shift = len(lines) - len(old)
        for first, last in spans:  # a single one when lines were added or removed
            read = _actions_read(base, lines, (first, last), name)
            if read is None:
                return None
            items[first : last + 1] = read.items
            blocks[first : last + 1] = read.blocks
            if shift:
                blocks[last + 1 :] = [
                    b and b._replace(start=b.start + shift, end=b.end + shift)
                    for b in blocks[last + 1 :]
                ]
        state = base.state._replace(items=tuple(items), by_id={item.id: item for item in items})
        self.base = _Base(lines, blocks, state, base.owners)
        return state


def _spans(blocks: list[_Block | None], changed: list[int]) -> list[tuple[int, int]] | None:
    """The runs of actions (first, last) that cover the ``changed`` lines, in order; None
    when a line is not within an action that can be cut out."""
    spans: list[tuple[int, int]] = []
    for i in changed:
        if spans and (block := blocks[spans[-1][1]]) is not None and i < block.end:
            continue
        span = _covering(blocks, i, i + 1)
        if span is None:
            return None
        spans.append(span)
    return spans


def _deadlines_moved(
    base: _Base, lines: list[str], changed: list[int], items: list[ActionAt]
) -> bool:
    """Whether every changed line is a plain ``wanneer`` value, taking the new deadlines
    into ``items``. The deadline is read as the plan's parser reads it."""
    block_of = {
        block.start + block.wanneer[0]: (index, block.wanneer[1], block.year)
        for index, block in enumerate(base.blocks)
        if block is not None and block.wanneer is not None
    }
    moved = []
    for i in changed:
        line = lines[i]
        if i not in block_of:
            return False
        index, column, year = block_of[i]
        value = line[column:].removesuffix("\r")  # a line break to YAML
        if line[:column] != base.lines[i][:column] or not _PLAIN_VALUE.fullmatch(value):
            return False
        moved.append((index, value, year))
    for index, value, year in moved:
        items[index] = items[index]._replace(wanneer=value, deadline=deadline_of(value, year))
    return True


class _Read(NamedTuple):
    """Actions read again, and where they now stand."""

    items: list[ActionAt]
    blocks: list[_Block | None]


def _actions_read(base: _Base, lines: list[str], span: tuple[int, int], name: str) -> _Read | None:
    """The actions of ``span`` read again from ``lines``; None when they cannot be read
    alone, or are not the same actions (by id, in order)."""
    first, last = span
    top, bottom = base.blocks[first], base.blocks[last]
    assert top is not None
    assert bottom is not None
    end = bottom.end + len(lines) - len(base.lines)
    piece = "\n".join(lines[top.start : end]) + ("\n" if end < len(lines) else "")
    if not _cut_out(piece, top.indent):
        return None
    try:
        actions = parse_actions(piece, name, top.theme, top.year, base.owners)
    except DataError:
        return None
    if actions is None or [a.id for a in actions] != [
        item.id for item in base.state.items[first : last + 1]
    ]:
        return None
    return _Read(
        [_action_at(a) for a in actions],
        [_block(lines, action, top.start, top.theme, top.year) for action in actions],
    )


def _covering(blocks: list[_Block | None], start: int, end: int) -> tuple[int, int] | None:
    """The first and last of the actions that follow each other in one theme and together
    cover lines [start, end); None when no such actions do."""
    first = next(
        (n for n, b in enumerate(blocks) if b is not None and b.start <= start < b.end), None
    )
    if first is None:
        return None
    last = first
    while (block := blocks[last]) is not None and block.end < end:
        following = blocks[last + 1] if last + 1 < len(blocks) else None
        if following is None or following.start != block.end or following.theme != block.theme:
            return None
        last += 1
    return first, last


def _cut_out(piece: str, indent: int) -> bool:
    """Whether ``piece`` can be read as list items on their own, as it reads in its plan:
    it begins with an item at ``indent``, every other line is blank, a comment, deeper, or
    another item there, and nothing in it YAML might read across the cut or share."""
    item, outside = _items_at(indent)
    return bool(item.match(piece)) and not outside.search(piece) and not _odd(piece)


#: The characters :data:`_NOT_ALONE` and :data:`_SHARED` look for.
_ODD_CHARACTERS = "\t\r\x85\u2028\u2029\ufeff&*%"


def _odd(text: str) -> bool:
    """Whether ``text`` has what :data:`_NOT_ALONE` or :data:`_SHARED` find. A search for
    each character first: most pieces have none, and the two searches cost 15 µs a piece,
    a tenth of reading one (benchmarks/history.py --ook-status)."""
    return any(c in text for c in _ODD_CHARACTERS) and bool(
        _NOT_ALONE.search(text) or _SHARED.search(text)
    )


def _base(plan: Plan, state: PlanAt, text: str) -> _Base:
    """Where each action of ``plan`` stands in its ``text``."""
    lines = text.split("\n")
    # Without shared nodes each action is its own text: a change to it changes no other;
    # with lines as YAML counts them, each action's place is its line.
    regular = not _odd(text)
    blocks = [
        _block(lines, action, 0, theme.nr, theme.jaar or plan.jaar) if regular else None
        for theme in plan.themas
        for action in theme.acties
    ]
    return _Base(lines, blocks, state, dict(plan.actiehouders))


def _block(
    lines: list[str], action: Action, offset: int, theme: int, year: int | None
) -> _Block | None:
    """Where ``action``, read from ``lines`` from line ``offset`` on, stands: from its
    ``-`` to the next line no deeper than that (not blank, not a comment). None when its
    mapping does not begin on the line of its ``-``."""
    if action.location is None:
        return None
    line, column = offset + action.location.line - 1, action.location.column - 1
    if not 0 <= line < len(lines):
        return None
    head = lines[line][:column]
    dash = head.rstrip(" ")
    indent = len(dash) - 1
    if indent < 0 or dash[indent] != "-" or dash[:indent].strip(" ") or len(head) == len(dash):
        return None
    end = line + 1
    while end < len(lines) and ((deeper := _indent(lines[end])) is None or deeper > indent):
        end += 1
    return _Block(line, end, indent, theme, year, _wanneer(lines, action, offset, line, end))


def _wanneer(
    lines: list[str], action: Action, offset: int, start: int, end: int
) -> tuple[int, int] | None:
    """Where ``action``'s ``wanneer`` stands (lines after ``start``, column) when it is one
    plain value alone on its line (the value read is the line's text: no line after it
    continues it)."""
    place = action.where.get("wanneer")
    if place is None or not place.line or not place.column:
        return None
    i, column = offset + place.line - 1, place.column - 1
    if not start <= i < end:
        return None
    line = lines[i]
    key = _WANNEER_KEY.fullmatch(line[:column])
    if (
        key is None
        or line[column:].removesuffix("\r") != action.wanneer
        or not _PLAIN_VALUE.fullmatch(action.wanneer)
    ):
        return None
    return i - start, column


def _indent(line: str) -> int | None:
    """The indentation of a line with content; None for a blank or comment line."""
    text = line.lstrip(" ")
    if not text or text[0] == "#" or text == "\r":
        return None
    return len(line) - len(text)
