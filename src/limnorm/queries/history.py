"""The past as data: how actions and answers changed over the git history.

:func:`history` walks every commit that touched the data files (plus
uncommitted changes) and reports each change of ``wanneer`` (with how far the
deadline moved) and of ``status``, the actions completed per month, and each
norm's answer at the 0-meting against now. :func:`diff` compares two points,
the material for the next raadsinformatiebrief.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from limnorm.core.errors import DataError
from limnorm.core.models import Action, Answer, Checklist, Plan, Status
from limnorm.core.records import same_content
from limnorm.files.datafiles import CommitFiles, loaded_checklist, loaded_plan
from limnorm.files.discovery import WORKING_TREE, DataSource, Version
from limnorm.files.git import is_shallow, log, toplevel
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE


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


def snapshot(
    source: DataSource, cwd: Path, version: Version, files: CommitFiles | None = None
) -> Snapshot:
    """Both files at ``version`` (through ``files`` for a commit, when given); a file that
    cannot be used is recorded as broken, not raised. A plan with a fout in one action is
    used for the rest, as every command does."""
    if files is not None and version.commit is not None:
        plan, checklist = files.plan(version), files.checklist(version)
    else:
        plan = loaded_plan(source, cwd, version)
        checklist = loaded_checklist(source, cwd, version)
    broken = tuple(
        loaded.file
        for loaded in (plan, checklist)
        if loaded is not None
        and (loaded.value is None or (loaded is checklist and loaded.errors))
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


def action_events(old: Snapshot, new: Snapshot) -> list[ActionEvent]:
    """The changes to actions from one snapshot to the next."""
    if old.plan is None or new.plan is None:
        return []
    commit = new.version.commit.short if new.version.commit else "werkkopie"

    def event(
        action_id: str, kind: str, was: str | None, now: str | None, days: int | None = None
    ) -> ActionEvent:
        # By name: a field added to ActionEvent cannot shift the others.
        return ActionEvent(
            when=new.when, author=new.author, commit=commit, id=action_id, kind=kind, old=was,
            new=now, days=days,
        )  # fmt: skip

    before = {a.id: a for a in old.plan.actions()}
    after = {a.id: a for a in new.plan.actions()}
    events = []
    for action_id, action in after.items():
        previous = before.get(action_id)
        if previous is None:
            events.append(event(action_id, "nieuw", None, action.actie))
            continue
        if previous.wanneer != action.wanneer:
            events.append(
                event(
                    action_id, "wanneer", previous.wanneer, action.wanneer, _moved(previous, action)
                )
            )
        if previous.status is not action.status:
            events.append(event(action_id, "status", previous.status.value, action.status.value))
    events += [
        event(action_id, "verwijderd", action.actie, None)
        for action_id, action in before.items()
        if action_id not in after
    ]
    return events


def _done_month(action: Action, snapshots: Sequence[Snapshot], as_of: date) -> str | None:
    """The month an action became gereed: its gereed_op, else the commit that said so
    (``as_of`` for a change not yet committed)."""
    if action.gereed_op is not None:
        return action.gereed_op.strftime("%Y-%m")
    for snap in snapshots:
        if snap.plan is None:
            continue
        found = next((a for a in snap.plan.actions() if a.id == action.id), None)
        if found is not None and found.status is Status.GEREED:
            when = snap.when
            return (when.date() if when else as_of).strftime("%Y-%m")
    return None  # pragma: no cover - the last snapshot has it gereed


def history(source: DataSource, cwd: Path, as_of: date, action: str | None = None) -> HistoryReport:
    """Walk the git history of the data files.

    Raises:
        DataError: the data is not in git, or ``action`` never existed.
    """
    top = toplevel(source.directory)
    commits = log(top, [source.file(PLAN_FILE), source.file(CHECKLIST_FILE)])
    with CommitFiles(source, cwd, top) as files:
        snapshots = [snapshot(source, cwd, Version(c.short, c, top), files) for c in commits]
    current = snapshot(source, cwd, WORKING_TREE)
    if not snapshots or _differs(snapshots[-1], current):
        snapshots.append(current)
    events: list[ActionEvent] = []
    for old, new in itertools.pairwise(snapshots):
        events += action_events(old, new)
    latest = next((s for s in reversed(snapshots) if s.plan is not None), None)
    if action is not None:
        events = [e for e in events if e.id == action]
        plan = latest.plan if latest is not None else None
        if not events and not (plan and any(a.id == action for a in plan.actions())):
            raise DataError(f"actie '{action}' komt niet voor in de geschiedenis van {PLAN_FILE}")
    months: dict[str, int] = {}
    if latest is not None and latest.plan is not None:
        for item in latest.plan.actions():
            if item.status is Status.GEREED and (action is None or item.id == action):
                month = _done_month(item, snapshots, as_of)
                if month:
                    months[month] = months.get(month, 0) + 1
    return HistoryReport(
        organisatie=latest.plan.organisatie if latest and latest.plan else "",
        action=action,
        events=tuple(events),
        done_per_month=tuple(sorted(months.items())),
        answers=_answers(snapshots) if action is None else (),
        commits=len(commits),
        shallow=is_shallow(top),
        broken=tuple(sorted({f"{name}" for s in snapshots for name in s.broken})),
    )


def _differs(committed: Snapshot, current: Snapshot) -> bool:
    """Whether the working tree says something else than the last commit. The records
    hold where each value was read (``spoorboekje.yaml@abc1234`` against
    ``spoorboekje.yaml``), so they are compared without it: as tuples they always
    differed, and every history got a working-tree step that changed nothing."""
    return not same_content(
        (committed.plan, committed.checklist), (current.plan, current.checklist)
    )


def _answers(snapshots: Sequence[Snapshot]) -> tuple[NormAnswers, ...]:
    """Each norm that was ever answered: its first answer (the 0-meting) and the latest."""
    latest = next((s.checklist for s in reversed(snapshots) if s.checklist is not None), None)
    if latest is None:
        return ()
    rows = []
    for norm in latest.norms():
        first, first_when = None, None
        for snap in snapshots:
            found = (
                next((n for n in snap.checklist.norms() if n.nr == norm.nr), None)
                if snap.checklist
                else None
            )
            if found is not None and found.antwoord is not None:
                first, first_when = found.antwoord, snap.when
                break
        if first is not None or norm.antwoord is not None:
            rows.append(NormAnswers(norm.nr, norm.titel, first, first_when, norm.antwoord))
    return tuple(rows)


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
