"""Questions asked of a plan: what is due, how does each theme stand.

Pure functions from a :class:`Plan` and an as-of date to frozen result
objects; the renderers turn those into tables or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError, Location, UsageError
from limnorm.core.ids import by_id, id_key
from limnorm.core.models import (
    NO_OWNER,
    Action,
    Answer,
    Checklist,
    Finding,
    Norm,
    NormTheme,
    Plan,
    Pyramid,
    Severity,
    Status,
    Theme,
)
from limnorm.core.norm import BASELINE_THEME
from limnorm.core.period import Period, PeriodKind, nl_date
from limnorm.core.suggest import suggest
from limnorm.files.loader import Loaded


class Category(StrEnum):
    """Why an action shows up in ``due``."""

    TE_LAAT = "te_laat"
    BINNENKORT = "binnenkort"
    #: Open, but its ``wanneer`` cannot be read (or is missing): it cannot be planned.
    #: Never a :class:`DueItem` (that has a deadline); listed in ``DueReport.unreadable``.
    WANNEER_ONLEESBAAR = "wanneer_onleesbaar"


class State(StrEnum):
    """An action's state on the as-of date: its status, or ``te laat``."""

    GEREED = "gereed"
    VERVALLEN = "vervallen"
    TE_LAAT = "te laat"
    LOPEND = "lopend"
    OPEN = "open"


def state_of(action: Action, as_of: date) -> State:
    """The state to show: an open or running action past its deadline is late."""
    if action.is_late(as_of):
        return State.TE_LAAT
    return State(action.status.value)


class DueItem(NamedTuple):
    """An action that is late or due soon, with days to its deadline."""

    action: Action
    category: Category
    #: Deadline minus as-of date; negative when late.
    days: int

    @property
    def deadline(self) -> date:
        """The action's deadline (always set for a due item)."""
        assert self.action.period.deadline is not None
        return self.action.period.deadline


class OwnerGroup(NamedTuple):
    """The due items of one actiehouder."""

    code: str
    name: str | None
    items: tuple[DueItem, ...]


class DueReport(NamedTuple):
    """Result of ``due``: items per owner, most urgent first."""

    organisatie: str
    as_of: date
    until: date
    owner: str | None
    items: tuple[DueItem, ...]
    groups: tuple[OwnerGroup, ...]
    #: Open actions (of ``owner``) whose ``wanneer`` cannot be read, in id order: no
    #: date is guessed for them, and they are shown apart ("wanneer onleesbaar").
    unreadable: tuple[Action, ...] = ()

    @property
    def late(self) -> int:
        """How many actions are late."""
        return sum(item.category is Category.TE_LAAT for item in self.items)


def due_items(plan: Plan, as_of: date, *, until: date, owner: str | None = None) -> list[DueItem]:
    """Open actions that are late or have their deadline from ``as_of`` to ``until``,
    by deadline and then id (1.2 before 1.10).

    Args:
        plan: the spoorboekje.
        as_of: the date to judge from (never read from the clock here).
        until: last day of the "binnenkort" window.
        owner: only this owner's actions (as returned by
            :func:`~limnorm.core.owners.resolve_owner`).
    """
    items = []
    for action in plan.actions():
        deadline = action.period.deadline
        if deadline is None or deadline > until or not action.is_open:
            continue
        if owner is not None and not action.owned_by(owner):
            continue
        category = Category.TE_LAAT if deadline < as_of else Category.BINNENKORT
        items.append(DueItem(action, category, (deadline - as_of).days))
    items.sort(key=lambda item: (item.deadline, id_key(item.action.id)))
    return items


def due(plan: Plan, as_of: date, *, until: date, owner: str | None = None) -> DueReport:
    """The items of :func:`due_items`, also grouped per owner; actions without an owner
    last, under :data:`NO_OWNER`."""
    items = due_items(plan, as_of, until=until, owner=owner)
    codes = [owner] if owner else owner_order(plan, (item.action for item in items))
    groups = []
    for code in codes:
        entry = plan.actiehouders.get(code)
        mine = tuple(i for i in items if i.action.owned_by(code))
        if mine:
            groups.append(OwnerGroup(code, entry.naam if entry else None, mine))
    return DueReport(
        plan.organisatie,
        as_of,
        until,
        owner,
        tuple(items),
        tuple(groups),
        unreadable(plan, owner=owner),
    )


def unreadable(plan: Plan, *, owner: str | None = None) -> tuple[Action, ...]:
    """Open actions (of ``owner``) that cannot be planned because their ``wanneer`` is
    unreadable or missing (a fout ``check`` reports), in natural id order."""
    return by_id(
        [
            action
            for action in plan.actions()
            if action.period.kind is PeriodKind.ONLEESBAAR
            and action.is_open
            and (owner is None or action.owned_by(owner))
        ]
    )


def owner_order(plan: Plan, actions: Iterable[Action]) -> list[str]:
    """The owners of ``actions`` in the order of the ``actiehouders`` map, then any
    others by name, then :data:`NO_OWNER` when some action has none."""
    used: set[str] = set()
    ownerless = False
    for action in actions:
        used.update(action.actiehouders)
        ownerless = ownerless or not action.actiehouders
    ordered = [code for code in plan.actiehouders if code in used]
    return ordered + sorted(used - set(ordered), key=str.casefold) + [NO_OWNER] * ownerless


class ThemeStatus(NamedTuple):
    """Counts of a theme's actions by state on the as-of date, and its progress."""

    nr: int | None
    titel: str
    totaal: int
    gereed: int
    lopend: int
    open: int
    vervallen: int
    te_laat: int
    #: Share of the work done, 0-1, over the actions that still count (not vervallen):
    #: a gereed action counts in full, another its ``voortgang`` percentage where the plan
    #: gives one, else nothing.
    voortgang: float = 0.0


def _count(nr: int | None, titel: str, actions: Sequence[Action], as_of: date) -> ThemeStatus:
    by_status = {s: sum(a.status is s for a in actions) for s in Status}
    counted = len(actions) - by_status[Status.VERVALLEN]
    done = sum(
        1.0 if a.status is Status.GEREED else (a.voortgang or 0) / 100
        for a in actions
        if a.status is not Status.VERVALLEN
    )
    return ThemeStatus(
        nr=nr,
        titel=titel,
        totaal=len(actions),
        gereed=by_status[Status.GEREED],
        lopend=by_status[Status.LOPEND],
        open=by_status[Status.OPEN],
        vervallen=by_status[Status.VERVALLEN],
        te_laat=sum(a.is_late(as_of) for a in actions),
        voortgang=done / counted if counted else 0.0,
    )


class StatusReport(NamedTuple):
    """Result of ``status``: one row per theme and a total."""

    organisatie: str
    as_of: date
    themes: tuple[ThemeStatus, ...]
    total: ThemeStatus
    #: The checklist per theme (norm themes 1-6); empty without a checklist.
    answers: tuple[ThemeAnswers, ...] = ()


class ThemeDetail(NamedTuple):
    """Result of ``status thema N``: the theme's counts and each action's state."""

    organisatie: str
    as_of: date
    theme: Theme
    counts: ThemeStatus
    states: tuple[State, ...]
    #: The theme's norms and answers, when the checklist has the theme.
    answers: ThemeAnswers | None = None
    pyramid: Pyramid | None = None


def status(plan: Plan, as_of: date, checklist: Checklist | None = None) -> StatusReport:
    """Counts of actions per theme and in total, and the checklist's answers per theme."""
    themes = tuple(_count(t.nr, t.titel, t.acties, as_of) for t in plan.themas)
    total = _count(None, "Totaal", list(plan.actions()), as_of)
    answers = tuple(theme_answers(t, plan, as_of) for t in checklist.themas) if checklist else ()
    return StatusReport(plan.organisatie, as_of, themes, total, answers)


def theme_detail(
    plan: Plan, nr: int, as_of: date, checklist: Checklist | None = None
) -> ThemeDetail:
    """One theme: each action's state and, with a checklist, its norms and phase.

    Raises:
        UsageError: neither the plan nor the checklist has theme ``nr``.
    """
    norm_theme = checklist.theme(nr) if checklist else None
    theme = plan.theme(nr)
    if theme is None and norm_theme is not None:
        theme = Theme(nr, norm_theme.titel, ())  # a theme the plan has no actions for yet
    if theme is None:
        numbers = ", ".join(str(t.nr) for t in plan.themas)
        raise UsageError(f"thema {nr} staat niet in het spoorboekje; kies uit {numbers}")
    theme = theme._replace(acties=by_id(theme.acties))
    return ThemeDetail(
        plan.organisatie,
        as_of,
        theme,
        _count(theme.nr, theme.titel, theme.acties, as_of),
        tuple(state_of(a, as_of) for a in theme.acties),
        theme_answers(norm_theme, plan, as_of) if norm_theme else None,
        checklist.piramide if checklist else None,
    )


class Reading(NamedTuple):
    """How one ``wanneer`` text is read, or why it cannot be."""

    wanneer: str
    period: Period | None
    error: str | None


class WhenReport(NamedTuple):
    """Result of ``when``: one reading per expression."""

    readings: tuple[Reading, ...]

    @property
    def failed(self) -> bool:
        """Whether any expression could not be read."""
        return any(r.error is not None for r in self.readings)


def read_expressions(texts: Sequence[str], *, year: int | None = None) -> WhenReport:
    """Resolve each text with the deadline engine, keeping errors as messages; ``year``
    serves texts without one, as a plan's ``jaar:`` does."""
    readings = []
    for text in texts:
        try:
            readings.append(Reading(text, parse_deadline(text, year=year), None))
        except DeadlineError as error:
            readings.append(Reading(text, None, error.message))
    return WhenReport(tuple(readings))




class CheckReport(NamedTuple):
    """Result of ``check``: every finding in the files that were checked."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    #: The files that cannot be used at all (fataal: not YAML, no mapping at the top).
    unusable: tuple[str, ...] = ()

    @property
    def fatal(self) -> int:
        """How many findings make a file unusable (fataal)."""
        return sum(f.severity is Severity.FATAAL for f in self.findings)

    @property
    def errors(self) -> int:
        """How many findings are errors (fout) in a usable file."""
        return sum(f.severity is Severity.FOUT for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(f.severity is Severity.WAARSCHUWING for f in self.findings)


def date_findings(plan: Plan, as_of: date) -> list[Finding]:
    """Findings that depend on the as-of date: completion dates in the future."""
    findings = []
    for action in plan.actions():
        where = action.where.get("gereed_op")
        if action.gereed_op is not None and action.gereed_op > as_of and where is not None:
            findings.append(
                Finding(
                    Severity.WAARSCHUWING,
                    f"actie {action.id}: gereed_op {nl_date(action.gereed_op)} ligt na de "
                    f"peildatum {nl_date(as_of)}, in de toekomst; klopt de datum?",
                    where,
                )
            )
    return findings


def check_files(files: Sequence[Loaded[object]], as_of: date) -> CheckReport:
    """Everything ``check`` reports: each file's findings, date-dependent ones, and
    the cross-checks between checklist and spoorboekje."""
    findings: list[Finding] = []
    plans = [f.value for f in files if isinstance(f.value, Plan)]
    checklists = [f.value for f in files if isinstance(f.value, Checklist)]
    for loaded in files:
        findings.extend(loaded.findings)
    for plan in plans:
        findings.extend(date_findings(plan, as_of))
        for checklist in checklists:
            findings.extend(cross_findings(checklist, plan))
    order = {loaded.file: index for index, loaded in enumerate(files)}
    findings.sort(key=lambda f: (order.get(f.location.file, 0), f.location.line, f.location.column))
    unusable = tuple(loaded.file for loaded in files if loaded.value is None)
    return CheckReport(tuple(loaded.file for loaded in files), tuple(findings), unusable)


# --- the checklist (0-meting) ---------------------------------------------------


class AnswerCounts(NamedTuple):
    """How a theme's norms are answered."""

    uitgevoerd: int = 0
    in_ontwikkeling: int = 0
    ontbreekt: int = 0
    nvt: int = 0
    onbeantwoord: int = 0

    # The totals name their fields: a sum over the tuple would silently count a field
    # added later.

    @property
    def total(self) -> int:
        """Every norm, answered or not."""
        return (
            self.uitgevoerd + self.in_ontwikkeling + self.ontbreekt + self.nvt + self.onbeantwoord
        )

    @property
    def answered(self) -> int:
        """The norms with an answer (nvt included)."""
        return self.total - self.onbeantwoord

    @property
    def applicable(self) -> int:
        """The norms that apply: every norm but the nvt ones (unanswered ones apply)."""
        return self.total - self.nvt

    @property
    def meets_norm(self) -> bool:
        """Every applicable norm (not nvt) is uitgevoerd, and there is at least one."""
        return self.applicable > 0 and self.uitgevoerd == self.applicable


def count_answers(norms: Sequence[Norm]) -> AnswerCounts:
    """Count the answers of ``norms`` (criteria do not count: the norm's answer does)."""
    answers = [n.antwoord for n in norms]
    return AnswerCounts(
        uitgevoerd=answers.count(Answer.UITGEVOERD),
        in_ontwikkeling=answers.count(Answer.IN_ONTWIKKELING),
        ontbreekt=answers.count(Answer.ONTBREEKT),
        nvt=answers.count(Answer.NVT),
        onbeantwoord=answers.count(None),
    )


class Link(NamedTuple):
    """A linked action id with the action's state; ``state`` is None for an unknown id."""

    id: str
    state: State | None


class NormRow(NamedTuple):
    """A norm with its linked actions resolved against the plan."""

    norm: Norm
    links: tuple[Link, ...]


class ThemeAnswers(NamedTuple):
    """One theme of the checklist: its norms (possibly filtered) and counts of all."""

    theme: NormTheme
    rows: tuple[NormRow, ...]
    counts: AnswerCounts


class ChecklistReport(NamedTuple):
    """Result of ``checklist``: themes with norms, answers and linked actions."""

    organisatie: str
    as_of: date
    themes: tuple[ThemeAnswers, ...]
    only_open: bool = False
    #: The norm's name, e.g. "Limburgse Norm".
    norm: str = ""
    peildatum: date | None = None


def _links(norm: Norm, actions: Mapping[str, Action], as_of: date) -> tuple[Link, ...]:
    return tuple(
        Link(i, state_of(actions[i], as_of) if i in actions else None) for i in norm.acties
    )


def theme_answers(
    theme: NormTheme, plan: Plan | None, as_of: date, *, only_open: bool = False
) -> ThemeAnswers:
    """A theme's norms with linked action states; ``only_open`` drops uitgevoerd norms."""
    actions = {a.id: a for a in plan.actions()} if plan else {}
    rows = tuple(
        NormRow(n, _links(n, actions, as_of))
        for n in theme.normen
        if not (only_open and n.antwoord is Answer.UITGEVOERD)
    )
    return ThemeAnswers(theme, rows, count_answers(theme.normen))


def checklist_report(
    checklist: Checklist,
    plan: Plan | None,
    as_of: date,
    *,
    theme: int | None = None,
    only_open: bool = False,
) -> ChecklistReport:
    """The checklist per theme, or one theme.

    Raises:
        UsageError: the checklist has no theme ``theme``.
    """
    themes = checklist.themas
    if theme is not None:
        themes = tuple(t for t in themes if t.nr == theme)
        if not themes:
            numbers = ", ".join(str(t.nr) for t in checklist.themas)
            raise UsageError(f"thema {theme} staat niet in de checklist; kies uit {numbers}")
    organisatie = checklist.organisatie or (plan.organisatie if plan else "")
    return ChecklistReport(
        organisatie,
        as_of,
        tuple(theme_answers(t, plan, as_of, only_open=only_open) for t in themes),
        only_open,
        checklist.naam,
        checklist.peildatum,
    )


def cross_findings(checklist: Checklist, plan: Plan) -> list[Finding]:
    """Findings that need both files: links to unknown actions, answers that disagree.

    Errors: a norm links an action id the spoorboekje does not have. Warnings: a
    norm is ``uitgevoerd`` while a linked action is not gereed; all actions of a
    theme are gereed while a norm of that theme stays ``ontbreekt``.
    """
    actions = {a.id: a for a in plan.actions()}
    findings: list[Finding] = []
    numbers = [t.nr for t in checklist.themas]
    for block in plan.themas:
        # 0 is the 0-meting (the checklist itself); every other theme must be the norm's.
        if block.nr != BASELINE_THEME and block.nr not in numbers:
            findings.append(
                Finding(
                    Severity.FOUT,
                    f"thema {block.nr} staat niet in de checklist"
                    f"{f' ({checklist.naam})' if checklist.naam else ''}; die kent de thema's "
                    f"{', '.join(map(str, numbers))}. Verbeter het nummer, of voeg het thema "
                    "toe aan checklist.yaml als het plan een andere norm volgt",
                    block.location or Location(plan.source),
                )
            )
    for norm in checklist.norms():
        fallback = norm.location or Location(checklist.source)
        for index, action_id in enumerate(norm.acties):
            place = norm.where.get(f"actie:{index}", fallback)
            action = actions.get(action_id)
            if action is None:
                findings.append(
                    Finding(
                        Severity.FOUT,
                        f"norm {norm.nr} verwijst naar actie '{action_id}', maar die staat niet "
                        f"in {plan.source or 'het spoorboekje'}"
                        f"{suggest(action_id, actions)}",
                        place,
                    )
                )
            elif norm.antwoord is Answer.UITGEVOERD and action.status not in (
                Status.GEREED,
                Status.VERVALLEN,
            ):
                findings.append(
                    Finding(
                        Severity.WAARSCHUWING,
                        f"norm {norm.nr} is 'uitgevoerd', maar gekoppelde actie {action_id} is "
                        f"nog '{action.status}'",
                        norm.where.get("antwoord", fallback),
                    )
                )
    for theme in checklist.themas:
        plan_theme = plan.theme(theme.nr)
        counted = (
            [a for a in plan_theme.acties if a.status is not Status.VERVALLEN] if plan_theme else []
        )
        if not counted or any(a.status is not Status.GEREED for a in counted):
            continue
        for norm in theme.normen:
            if norm.antwoord is Answer.ONTBREEKT:
                findings.append(
                    Finding(
                        Severity.WAARSCHUWING,
                        f"alle acties van thema {theme.nr} zijn gereed, maar norm {norm.nr} "
                        "staat nog op 'ontbreekt'; is het antwoord nog actueel?",
                        norm.where.get("antwoord", norm.location or Location(checklist.source)),
                    )
                )
    return findings


def error_counts(plan: Plan, checklist: Checklist | None) -> dict[str, int]:
    """How many fouten ``check`` reports per file for this plan: its own (counted while
    loading) and those of the cross-checks with the checklist (a theme the checklist
    does not have; a norm linking an action the plan does not have)."""
    counts = {plan.source: plan.fouten}
    if checklist is not None:
        for finding in cross_findings(checklist, plan):
            if finding.severity is Severity.FOUT:
                file = finding.location.file
                counts[file] = counts.get(file, 0) + 1
    return counts


class TimelineRow(NamedTuple):
    """An action on the timeline, with its state on the as-of date."""

    action: Action
    state: State


class TimelineGroup(NamedTuple):
    """The dated actions of one theme on the timeline."""

    nr: int
    titel: str
    rows: tuple[TimelineRow, ...]


class TimelineReport(NamedTuple):
    """Result of ``timeline``: dated actions per theme and the undated ones."""

    organisatie: str
    as_of: date
    groups: tuple[TimelineGroup, ...]
    undated: tuple[TimelineRow, ...]


def timeline(
    plan: Plan, as_of: date, *, owner: str | None = None, theme: int | None = None
) -> TimelineReport:
    """The actions for the timeline, filtered by owner and theme, each with its state."""
    groups = []
    undated = []
    for item in plan.themas:
        if theme is not None and item.nr != theme:
            continue
        rows = []
        for action in by_id(item.acties):
            if owner is not None and not action.owned_by(owner):
                continue
            row = TimelineRow(action, state_of(action, as_of))
            if action.period.begin is None:
                undated.append(row)
            else:
                rows.append(row)
        if rows:
            groups.append(TimelineGroup(item.nr, item.titel, tuple(rows)))
    return TimelineReport(plan.organisatie, as_of, tuple(groups), tuple(undated))
