"""A source's files at many commits, streamed (:class:`VersionStream`), and what ``history``
and the postponements from history need of a plan at each: per action its id, ``actie``,
``wanneer``, deadline, status and ``gereed_op`` (:class:`PlanReader`).

Imported only where the history is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DataError, DeadlineError, Location
from limnorm.core.models import Checklist, Finding, Plan, Severity, Status
from limnorm.files.discovery import DataSource, Version
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE, Loaded, T, parse_plan, parse_text
from limnorm.files.yamlsource import decode

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


def plan_at(plan: Plan) -> PlanAt:
    items = tuple(
        ActionAt(a.id, a.actie, a.wanneer, a.period.deadline, a.status, a.gereed_op)
        for a in plan.actions()
    )
    return PlanAt(plan.organisatie, items, {item.id: item for item in items})


def plan_of(loaded: Loaded[Plan] | None) -> PlanAt | None:
    return None if loaded is None or loaded.value is None else plan_at(loaded.value)


#: A ``wanneer`` value :class:`PlanReader` may take over from a line unparsed: plain text of
#: letters, digits and a few signs on one line. YAML keeps such a value as written, whatever
#: type it reads (``2024``, ``no``): it cannot start a comment, a key, a quote, a list, a
#: tag or an alias. The text of the line before the value must be the key alone.
_PLAIN_VALUE = re.compile(r"[0-9A-Za-z][0-9A-Za-z .,/()+\-]*(?<! )")
_WANNEER_KEY = re.compile(r" *(?:- +)*wanneer: +")


class _Base(NamedTuple):
    """The last plan :class:`PlanReader` read in full, with its lines."""

    lines: list[str]
    #: Line index of each one-line ``wanneer`` -> (its action's index, the value's
    #: column, the year for deadlines without one).
    wanneer: dict[int, tuple[int, int, int | None]]
    state: PlanAt


class PlanReader:
    """Plans of successive commits as :class:`PlanAt`, parsed in full only when needed.

    Most commits of a plan move a deadline: compared with the plan read before, only
    ``wanneer`` lines changed, each still one plain value on its own line. Then the new
    state is the one before with those deadlines read again (each distinct text once)
    instead of the whole file parsed and checked: at 500 commits this is most of
    ``history``'s time (benchmarks/history.py). Any other change, or a value that is not
    plain, is parsed in full, so what the reader gives is what parsing gives.
    """

    def __init__(self, files: VersionStream) -> None:
        self.files = files
        self.base: _Base | None = None
        self.deadlines: dict[tuple[str, int | None], date | None] = {}

    def read(self, at: FilesAt) -> PlanAt | None:
        assert at.plan is not None
        try:
            text = decode(at.plan.data, self.files.name(PLAN_FILE, at.version))
        except DataError:
            text = None
        if text is not None and self.base is not None:
            quick = self._deadlines_moved(self.base, text.split("\n"))
            if quick is not None:
                return quick
        loaded = self.files.plan(at)
        state = plan_of(loaded)
        plan = loaded.value if loaded is not None else None
        if state is not None and plan is not None and text is not None:
            self.base = _base(plan, state, text.split("\n"))
        return state

    def deadline(self, wanneer: str, year: int | None) -> date | None:
        key = (wanneer, year)
        if key not in self.deadlines:
            try:
                self.deadlines[key] = parse_deadline(wanneer, year=year).deadline
            except DeadlineError:
                self.deadlines[key] = None
        return self.deadlines[key]

    def _deadlines_moved(self, base: _Base, lines: list[str]) -> PlanAt | None:
        old = base.lines
        if len(lines) != len(old):
            return None
        changed = [i for i, line in enumerate(lines) if line != old[i]]
        if not changed or any(i not in base.wanneer for i in changed):
            return None
        items = list(base.state.items)
        for i in changed:
            index, column, year = base.wanneer[i]
            line = lines[i]
            value = line[column:]
            if line[:column] != old[i][:column] or not _PLAIN_VALUE.fullmatch(value):
                return None
            items[index] = items[index]._replace(wanneer=value, deadline=self.deadline(value, year))
        state = base.state._replace(items=tuple(items), by_id={item.id: item for item in items})
        self.base = _Base(lines, base.wanneer, state)
        return state


def _base(plan: Plan, state: PlanAt, lines: list[str]) -> _Base:
    """Where each action's ``wanneer`` stands, when it is one plain value on one line."""
    wanneer = {}
    index = 0
    for theme in plan.themas:
        year = theme.jaar or plan.jaar
        for action in theme.acties:
            place = action.where.get("wanneer")
            if place is not None and place.line is not None and place.column is not None:
                i, column = place.line - 1, place.column - 1
                if (
                    0 <= i < len(lines)
                    and _WANNEER_KEY.fullmatch(lines[i][:column])
                    and lines[i][column:] == action.wanneer
                    and _PLAIN_VALUE.fullmatch(action.wanneer)
                    and state.items[index].wanneer == action.wanneer
                    and _ends_value(lines, i, column - len(lines[i][:column].lstrip(" -")))
                ):
                    wanneer[i] = (index, column, year)
            index += 1
    return _Base(lines, wanneer, state)


def _ends_value(lines: list[str], i: int, key_column: int) -> bool:
    """Whether the value on line ``i`` ends there: the next line is a key or item no deeper
    than the key (a deeper line, a blank or a comment line may continue it), or the end."""
    if i + 1 == len(lines) or (i + 2 == len(lines) and lines[i + 1] == ""):
        return True
    following = lines[i + 1]
    stripped = following.lstrip(" ")
    return bool(stripped) and stripped[0] != "#" and len(following) - len(stripped) <= key_column
