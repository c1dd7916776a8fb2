"""The past as data: how actions and answers changed over the git history.

:func:`history` walks every commit that touched the data files (plus
uncommitted changes) and reports each change of ``wanneer`` (with how far the
deadline moved) and of ``status``, the actions completed per month, and each
norm's answer at the 0-meting against now. :func:`diff` compares two points,
the material for the next raadsinformatiebrief.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple, TypeVar

from limnorm.core.errors import DataError
from limnorm.core.models import Action, Answer, Checklist, Plan, Status
from limnorm.core.records import same_content
from limnorm.files.datafiles import loaded_checklist, loaded_plan
from limnorm.files.discovery import WORKING_TREE, DataSource, Version
from limnorm.files.git import is_shallow, log, toplevel
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE, Loaded
from limnorm.files.planversions import (
    ActionAt,
    Blob,
    FilesAt,
    PlanAt,
    PlanReader,
    VersionStream,
    plan_at,
)
from limnorm.files.yamlsource import read_regular

S = TypeVar("S")


class Snapshot(NamedTuple):
    """The data as it was at one version; ``plan``/``checklist`` None when absent or broken."""

    version: Version
    plan: Plan | None
    checklist: Checklist | None
    #: Files that could not be read at this version (with errors), by name.
    broken: tuple[str, ...] = ()

    @property
    def when(self) -> datetime | None:
        """The commit's author date; None for the working tree."""
        return self.version.commit.date if self.version.commit else None

    @property
    def author(self) -> str:
        """The commit's author; empty for the working tree."""
        return self.version.commit.author if self.version.commit else ""


def snapshot(source: DataSource, cwd: Path, version: Version) -> Snapshot:
    """Both files at ``version``; a file that cannot be used is recorded as broken, not
    raised. A plan with a fout in one action is used for the rest, as every command does."""
    plan = loaded_plan(source, cwd, version)
    checklist = loaded_checklist(source, cwd, version)
    broken = tuple(
        loaded.file
        for loaded in (plan, checklist)
        if loaded is not None and (loaded.value is None or (loaded is checklist and loaded.errors))
    )
    return Snapshot(
        version,
        plan.value if plan is not None else None,
        checklist.value if checklist is not None and not checklist.errors else None,
        broken,
    )


class ActionEvent(NamedTuple):
    """One change to an action between two versions."""

    when: datetime | None
    author: str
    commit: str
    id: str
    #: "nieuw", "verwijderd", "wanneer" or "status".
    kind: str
    old: str | None
    new: str | None
    #: For "wanneer": how many days the deadline moved (positive = later).
    days: int | None = None


class NormAnswers(NamedTuple):
    """A norm's answer at the 0-meting (its first answer) and now."""

    nr: str
    titel: str
    first: Answer | None
    first_when: datetime | None
    now: Answer | None


class HistoryReport(NamedTuple):
    """Result of ``history``."""

    organisatie: str
    action: str | None
    events: tuple[ActionEvent, ...]
    done_per_month: tuple[tuple[str, int], ...]
    answers: tuple[NormAnswers, ...]
    commits: int
    shallow: bool
    broken: tuple[str, ...]


def _moved(old: Action, new: Action) -> int | None:
    before, after = old.period.deadline, new.period.deadline
    return (after - before).days if before and after else None


class _NormState(NamedTuple):
    nr: str
    titel: str
    antwoord: Answer | None


def _checklist_state(checklist: Checklist) -> tuple[_NormState, ...]:
    return tuple(_NormState(n.nr, n.titel, n.antwoord) for n in checklist.norms())


def _item_events(
    before: dict[str, ActionAt], after: dict[str, ActionAt], stamp: tuple[datetime | None, str, str]
) -> list[ActionEvent]:
    """The changes from one version's actions to the next."""
    when, author, commit = stamp

    def event(
        action_id: str, kind: str, was: str | None, now: str | None, days: int | None = None
    ) -> ActionEvent:
        # By name: a field added to ActionEvent cannot shift the others.
        return ActionEvent(
            when=when, author=author, commit=commit, id=action_id, kind=kind, old=was,
            new=now, days=days,
        )  # fmt: skip

    events = []
    for action_id, item in after.items():
        previous = before.get(action_id)
        if previous is None:
            events.append(event(action_id, "nieuw", None, item.actie))
            continue
        if previous.wanneer != item.wanneer:
            old, new = previous.deadline, item.deadline
            days = (new - old).days if old and new else None
            events.append(event(action_id, "wanneer", previous.wanneer, item.wanneer, days))
        if previous.status is not item.status:
            events.append(event(action_id, "status", previous.status.value, item.status.value))
    events += [
        event(action_id, "verwijderd", item.actie, None)
        for action_id, item in before.items()
        if action_id not in after
    ]
    return events


class _Walk:
    """The history read one version at a time: the version before is all it keeps of the
    past, besides the small records the report is made of (``history`` on 2,000 commits
    once held every parsed version: 148 MiB)."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.events: list[ActionEvent] = []
        self.broken: set[str] = set()
        self.previous: PlanAt | None = None
        self.previous_blob: tuple[str | None, str | None] = (None, None)
        self.latest: PlanAt | None = None
        self.latest_norms: tuple[_NormState, ...] | None = None
        #: Each id's first version with status gereed: the month, for ``gereed_per_maand``.
        self.done_month: dict[str, str] = {}
        #: Each norm's first answer (the 0-meting) and when.
        self.first_answer: dict[str, tuple[Answer, datetime | None]] = {}
        self.started = False

    def step(
        self,
        when: datetime | None,
        author: str,
        commit: str,
        plan: PlanAt | None,
        norms: tuple[_NormState, ...] | None,
        *,
        new_plan: bool = True,
        new_norms: bool = True,
    ) -> None:
        """Take the next version (``new_*`` False: the same contents as the one before)."""
        if self.started and self.previous is not None and plan is not None:
            self.events += _item_events(self.previous.by_id, plan.by_id, (when, author, commit))
        self.started = True
        if plan is not None:  # a version that cannot be used is passed over, not compared
            self.previous = plan
        if plan is not None:
            self.latest = plan
            if new_plan:
                month = (when.date() if when else self.as_of).strftime("%Y-%m")
                seen: set[str] = set()
                for item in plan.items:  # the first action with an id, as a search finds
                    if item.id not in seen:
                        seen.add(item.id)
                        if item.status is Status.GEREED:
                            self.done_month.setdefault(item.id, month)
        if norms is not None:
            self.latest_norms = norms
            if new_norms:
                seen = set()
                for norm in norms:
                    if norm.nr not in seen:
                        seen.add(norm.nr)
                        if norm.antwoord is not None and norm.nr not in self.first_answer:
                            self.first_answer[norm.nr] = (norm.antwoord, when)

    def months(self, action: str | None) -> tuple[tuple[str, int], ...]:
        months: dict[str, int] = {}
        for item in self.latest.items if self.latest is not None else ():
            if item.status is Status.GEREED and (action is None or item.id == action):
                month = (
                    item.gereed_op.strftime("%Y-%m")
                    if item.gereed_op is not None
                    else self.done_month.get(item.id)
                )
                if month:
                    months[month] = months.get(month, 0) + 1
        return tuple(sorted(months.items()))

    def answers(self) -> tuple[NormAnswers, ...]:
        rows = []
        for norm in self.latest_norms or ():
            first, first_when = self.first_answer.get(norm.nr, (None, None))
            if first is not None or norm.antwoord is not None:
                rows.append(NormAnswers(norm.nr, norm.titel, first, first_when, norm.antwoord))
        return tuple(rows)


def history(source: DataSource, cwd: Path, as_of: date, action: str | None = None) -> HistoryReport:
    """Walk the git history of the data files, one version at a time.

    Raises:
        DataError: the data is not in git, or ``action`` never existed.
    """
    top = toplevel(source.directory)
    commits = log(top, [source.file(PLAN_FILE), source.file(CHECKLIST_FILE)])
    walk = _Walk(as_of)
    # What was made of each blob id seen: a file that goes back to earlier contents is
    # not parsed again. Bounded, so memory stays flat (a state is a few kB).
    plans: dict[str, PlanAt | None] = {}
    lists: dict[str, tuple[_NormState, ...] | None] = {}
    last: FilesAt | None = None
    with VersionStream(source, cwd, top, commits) as files:
        reader = PlanReader(files)
        for at in files:
            commit = at.version.commit
            assert commit is not None
            plan = _remembered(plans, at.plan, lambda: reader.read(at))  # noqa: B023
            norms = _remembered(
                lists,
                at.checklist,
                lambda: _norms_of(files.checklist(at)),  # noqa: B023
            )
            if at.plan is not None and plan is None:
                walk.broken.add(files.name(PLAN_FILE, at.version))
            if at.checklist is not None and norms is None:
                walk.broken.add(files.name(CHECKLIST_FILE, at.version))
            blobs = (at.plan and at.plan.id, at.checklist and at.checklist.id)
            walk.step(
                commit.date, commit.author, commit.short, plan, norms,
                new_plan=last is None or blobs[0] != (last.plan and last.plan.id),
                new_norms=last is None or blobs[1] != (last.checklist and last.checklist.id),
            )  # fmt: skip
            last = at
    # The working tree is parsed only when its bytes differ from the newest commit's
    # (a plan and a checklist parsed in full: ~10-20 ms of every history).
    current = (
        None
        if last is not None and _same_files(source, last)
        else snapshot(source, cwd, WORKING_TREE)
    )
    if current is not None and (last is None or _differs(_committed(files, last), current)):
        walk.broken.update(current.broken)
        walk.step(
            None, "", "werkkopie",
            None if current.plan is None else plan_at(current.plan),
            None if current.checklist is None else _checklist_state(current.checklist),
        )  # fmt: skip
    events = walk.events
    if action is not None:
        events = [e for e in events if e.id == action]
        if not events and not (walk.latest and action in walk.latest.by_id):
            raise DataError(f"actie '{action}' komt niet voor in de geschiedenis van {PLAN_FILE}")
    return HistoryReport(
        organisatie=walk.latest.organisatie if walk.latest else "",
        action=action,
        events=tuple(events),
        done_per_month=walk.months(action),
        answers=walk.answers() if action is None else (),
        commits=len(commits),
        shallow=is_shallow(top),
        broken=tuple(sorted(walk.broken)),
    )


#: How many blobs' states :func:`history` remembers (a state is a few kB).
_REMEMBERED = 256


def _remembered(
    known: dict[str, S | None], blob: Blob | None, make: Callable[[], S | None]
) -> S | None:
    """The state made of ``blob``: from ``known`` when its id was seen, else made (now,
    while the loop is at its commit) and remembered; None for a file not there or unusable."""
    if blob is None:
        return None
    if blob.id in known:
        return known[blob.id]
    value = make()
    if len(known) >= _REMEMBERED:
        del known[next(iter(known))]
    known[blob.id] = value
    return value


def _norms_of(loaded: Loaded[Checklist] | None) -> tuple[_NormState, ...] | None:
    if loaded is None or loaded.value is None or loaded.errors:
        return None
    return _checklist_state(loaded.value)


def _same_files(source: DataSource, last: FilesAt) -> bool:
    """Whether the working tree holds the newest commit's bytes (then it says nothing new)."""
    return all(
        _same_bytes(source.file(name), blob)
        for name, blob in ((PLAN_FILE, last.plan), (CHECKLIST_FILE, last.checklist))
    )


def _committed(files: VersionStream, last: FilesAt) -> Snapshot:
    """The newest commit's files as a snapshot, to compare the working tree with by
    content (a comment changed says nothing)."""
    plan, checklist = files.plan(last), files.checklist(last)
    return Snapshot(
        last.version,
        plan.value if plan is not None else None,
        checklist.value if checklist is not None and not checklist.errors else None,
    )


def _same_bytes(path: Path, blob: Blob | None) -> bool:
    if blob is None:
        return not os.path.lexists(path)
    # A regular file only, bounded: a FIFO put where the plan was must not hang history.
    try:
        return read_regular(path, len(blob.data)) == blob.data
    except OSError:  # unreadable, not regular, or larger: compared by content
        return False


def _differs(committed: Snapshot, current: Snapshot) -> bool:
    """Whether the working tree says something else than the last commit. The records
    hold where each value was read (``spoorboekje.yaml@abc1234`` against
    ``spoorboekje.yaml``), so they are compared without it: as tuples they always
    differed, and every history got a working-tree step that changed nothing."""
    return not same_content(
        (committed.plan, committed.checklist), (current.plan, current.checklist)
    )


# --- diff ---------------------------------------------------------------------------


class Moved(NamedTuple):
    """An action whose deadline moved between the two points."""

    action: Action
    old_wanneer: str
    days: int | None


class AnswerChange(NamedTuple):
    """A norm whose answer changed between the two points."""

    nr: str
    titel: str
    old: Answer | None
    new: Answer | None


class DiffReport(NamedTuple):
    """Result of ``diff``: what changed between two points in the history."""

    organisatie: str
    old_label: str
    new_label: str
    old_when: datetime | None
    new_when: datetime | None
    completed: tuple[Action, ...]
    added: tuple[Action, ...]
    dropped: tuple[Action, ...]
    moved: tuple[Moved, ...]
    answers: tuple[AnswerChange, ...]

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.completed or self.added or self.dropped or self.moved or self.answers)


def _require(snap: Snapshot) -> Plan:
    if snap.plan is None:
        what = ", ".join(snap.broken) or f"{PLAN_FILE} ontbreekt"
        raise DataError(
            f"het spoorboekje in {snap.version.label} kan niet gelezen worden ({what}); "
            "kies een ander punt in de geschiedenis"
        )
    return snap.plan


def diff(old: Snapshot, new: Snapshot) -> DiffReport:
    """What changed from ``old`` to ``new``: completed, added, dropped, moved, answers.

    Raises:
        DataError: the spoorboekje cannot be read at one of the two points.
    """
    before = {a.id: a for a in _require(old).actions()}
    after_plan = _require(new)
    after = {a.id: a for a in after_plan.actions()}
    completed, dropped, moved = [], [], []
    for action_id, action in after.items():
        previous = before.get(action_id)
        if previous is None:
            continue
        if action.status is Status.GEREED and previous.status is not Status.GEREED:
            completed.append(action)
        if action.status is Status.VERVALLEN and previous.status is not Status.VERVALLEN:
            dropped.append(action)
        if previous.wanneer != action.wanneer:
            moved.append(Moved(action, previous.wanneer, _moved(previous, action)))
    dropped += [a for i, a in before.items() if i not in after]
    answers = []
    if new.checklist is not None:
        old_norms = {n.nr: n for n in old.checklist.norms()} if old.checklist else {}
        for norm in new.checklist.norms():
            previous_answer = old_norms[norm.nr].antwoord if norm.nr in old_norms else None
            if previous_answer is not norm.antwoord:
                answers.append(AnswerChange(norm.nr, norm.titel, previous_answer, norm.antwoord))
    return DiffReport(
        organisatie=after_plan.organisatie,
        old_label=old.version.label,
        new_label=new.version.label,
        old_when=old.when,
        new_when=new.when,
        completed=tuple(completed),
        added=tuple(a for i, a in after.items() if i not in before),
        dropped=tuple(dropped),
        moved=tuple(moved),
        answers=tuple(answers),
    )


def diff_refs(
    source: DataSource, cwd: Path, ref: str, ref2: str | None = None, *, as_of: date | None = None
) -> DiffReport:
    """What changed from ``ref`` to ``ref2`` (default: the files as they are now).

    ``as_of`` dates the files as they are now (not committed, so without a date of
    their own), as :func:`history` dates changes not yet committed.

    Raises:
        DataError: the data is not in git, a ref is unknown, or a plan is unreadable.
    """
    from limnorm.files.discovery import version_at

    old = snapshot(source, cwd, version_at(source, ref))
    new = snapshot(source, cwd, version_at(source, ref2))
    report = diff(old, new)
    if report.new_when is None and as_of is not None:
        return report._replace(new_when=datetime.combine(as_of, datetime.min.time()))
    return report
