"""Questions asked of a plan: what is due, how does each theme stand.

Pure functions from a :class:`Plan` and an as-of date to frozen result
objects; the renderers turn those into tables or JSON.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from limnorm.deadlines import Period, days_in_month, parse_deadline
from limnorm.errors import DeadlineError, UsageError
from limnorm.loader import Loaded
from limnorm.models import Action, Finding, Plan, Severity, Status, Theme
from limnorm.validation import suggest

DEFAULT_WINDOW = "30d"


class Category(StrEnum):
    """Why an action shows up in ``due``."""

    TE_LAAT = "te_laat"
    BINNENKORT = "binnenkort"


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

    @property
    def late(self) -> int:
        """How many actions are late."""
        return sum(item.category is Category.TE_LAAT for item in self.items)


def window_end(as_of: date, window: str) -> date:
    """The last day of a window such as ``30d``, ``6w`` or ``2m`` after ``as_of``.

    Raises:
        UsageError: the window is not a number with unit d, w or m.
    """
    match = re.fullmatch(
        r"\s*(\d{1,4})\s*(d|dag|dagen|w|wk|week|weken|m|mnd|maand|maanden)?\s*", window.lower()
    )
    if match is None:
        raise UsageError(
            f"'{window}' is geen termijn; schrijf een aantal dagen, weken of maanden, "
            "zoals 30d, 6w of 2m"
        )
    count, unit = int(match[1]), (match[2] or "d")[0]
    if unit == "d":
        return as_of + timedelta(days=count)
    if unit == "w":
        return as_of + timedelta(weeks=count)
    month = as_of.month - 1 + count
    year, month = as_of.year + month // 12, month % 12 + 1
    return date(year, month, min(as_of.day, days_in_month(year, month)))


def resolve_owner(plan: Plan, code: str) -> str:
    """The owner code as the plan writes it, matched case-insensitively.

    Raises:
        UsageError: no owner has that code; the message suggests the nearest.
    """
    known = list(plan.actiehouders) or sorted({h for a in plan.actions() for h in a.actiehouders})
    for candidate in known:
        if candidate.lower() == code.strip().lower():
            return candidate
    raise UsageError(
        f"actiehouder '{code}' komt niet voor in {plan.source or 'het spoorboekje'}"
        f"{suggest(code, known)}; bekend: {', '.join(known)}"
    )


def due(plan: Plan, as_of: date, *, until: date, owner: str | None = None) -> DueReport:
    """Open actions that are late or have their deadline from ``as_of`` to ``until``.

    Args:
        plan: the spoorboekje.
        as_of: the date to judge from (never read from the clock here).
        until: last day of the "binnenkort" window.
        owner: only this owner's actions (a code as returned by :func:`resolve_owner`).
    """
    items = []
    for action in plan.actions():
        deadline = action.period.deadline
        if not action.is_open or deadline is None or deadline > until:
            continue
        if owner is not None and owner not in action.actiehouders:
            continue
        category = Category.TE_LAAT if deadline < as_of else Category.BINNENKORT
        items.append(DueItem(action, category, (deadline - as_of).days))
    items.sort(key=lambda item: (item.deadline, _id_key(item.action.id)))
    codes = [owner] if owner else _owner_order(plan, items)
    groups = tuple(
        OwnerGroup(
            code,
            plan.actiehouders.get(code),
            tuple(i for i in items if code in i.action.actiehouders),
        )
        for code in codes
    )
    return DueReport(
        plan.organisatie, as_of, until, owner, tuple(items), tuple(g for g in groups if g.items)
    )


def _owner_order(plan: Plan, items: Sequence[DueItem]) -> list[str]:
    """Owners in the order of the ``actiehouders`` map, then any others by name."""
    used = {code for item in items for code in item.action.actiehouders}
    ordered = [code for code in plan.actiehouders if code in used]
    return ordered + sorted(used - set(ordered))


def _id_key(action_id: str) -> tuple[int | str, ...]:
    """Sort ids such as 1.2 before 1.10."""
    return tuple(int(p) if p.isdigit() else p for p in action_id.split("."))


class ThemeStatus(NamedTuple):
    """Counts of a theme's actions by state on the as-of date."""

    nr: int | None
    titel: str
    totaal: int
    gereed: int
    lopend: int
    open: int
    vervallen: int
    te_laat: int

    @property
    def voortgang(self) -> float:
        """Share of the actions that still count (not vervallen) that are gereed."""
        counted = self.totaal - self.vervallen
        return self.gereed / counted if counted else 0.0


def _count(nr: int | None, titel: str, actions: Sequence[Action], as_of: date) -> ThemeStatus:
    by_status = {s: sum(a.status is s for a in actions) for s in Status}
    return ThemeStatus(
        nr=nr,
        titel=titel,
        totaal=len(actions),
        gereed=by_status[Status.GEREED],
        lopend=by_status[Status.LOPEND],
        open=by_status[Status.OPEN],
        vervallen=by_status[Status.VERVALLEN],
        te_laat=sum(a.is_late(as_of) for a in actions),
    )


class StatusReport(NamedTuple):
    """Result of ``status``: one row per theme and a total."""

    organisatie: str
    as_of: date
    themes: tuple[ThemeStatus, ...]
    total: ThemeStatus


class ThemeDetail(NamedTuple):
    """Result of ``status thema N``: the theme's counts and each action's state."""

    organisatie: str
    as_of: date
    theme: Theme
    counts: ThemeStatus
    states: tuple[State, ...]


def status(plan: Plan, as_of: date) -> StatusReport:
    """Counts per theme and in total."""
    themes = tuple(_count(t.nr, t.titel, t.acties, as_of) for t in plan.themas)
    total = _count(None, "Totaal", list(plan.actions()), as_of)
    return StatusReport(plan.organisatie, as_of, themes, total)


def theme_detail(plan: Plan, nr: int, as_of: date) -> ThemeDetail:
    """One theme with the state of each action.

    Raises:
        UsageError: the plan has no theme ``nr``.
    """
    theme = plan.theme(nr)
    if theme is None:
        numbers = ", ".join(str(t.nr) for t in plan.themas)
        raise UsageError(f"thema {nr} staat niet in het spoorboekje; kies uit {numbers}")
    return ThemeDetail(
        plan.organisatie,
        as_of,
        theme,
        _count(theme.nr, theme.titel, theme.acties, as_of),
        tuple(state_of(a, as_of) for a in theme.acties),
    )


def parse_theme_selector(words: Sequence[str]) -> int | None:
    """``[]`` -> None; ``["thema", "4"]``, ``["4"]`` or ``["thema4"]`` -> 4.

    Raises:
        UsageError: anything else.
    """
    text = "".join(words).lower().replace(" ", "")
    if not text:
        return None
    match = re.fullmatch(r"(?:thema|t)?(\d{1,2})", text)
    if match is None:
        raise UsageError(f"'{' '.join(words)}' is geen thema; schrijf bijvoorbeeld 'thema 4'")
    return int(match[1])


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


def read_expressions(texts: Sequence[str]) -> WhenReport:
    """Resolve each text with the deadline engine, keeping errors as messages."""
    readings = []
    for text in texts:
        try:
            readings.append(Reading(text, parse_deadline(text), None))
        except DeadlineError as error:
            readings.append(Reading(text, None, error.message))
    return WhenReport(tuple(readings))


def parse_as_of(text: str) -> date:
    """The ``--as-of`` value: exactly ``YYYY-MM-DD``.

    Raises:
        UsageError: anything else, or a day that does not exist.
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(f"--as-of '{text}': die dag bestaat niet") from None
    raise UsageError(f"--as-of '{text}' moet de vorm JJJJ-MM-DD hebben, bijvoorbeeld 2024-07-01")


class CheckReport(NamedTuple):
    """Result of ``check``: every finding in the files that were checked."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity is Severity.FOUT for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors


def date_findings(plan: Plan, as_of: date) -> list[Finding]:
    """Findings that depend on the as-of date: completion dates in the future."""
    findings = []
    for action in plan.actions():
        where = action.where.get("gereed_op")
        if action.gereed_op is not None and action.gereed_op > as_of and where is not None:
            findings.append(
                Finding(
                    Severity.WAARSCHUWING,
                    f"gereed_op {action.gereed_op.isoformat()} ligt na {as_of.isoformat()}, "
                    "in de toekomst; klopt de datum?",
                    where,
                )
            )
    return findings


def check_files(files: Sequence[Loaded[object]], as_of: date) -> CheckReport:
    """Everything ``check`` reports: the loaders' findings plus date-dependent ones."""
    findings: list[Finding] = []
    for loaded in files:
        findings.extend(loaded.findings)
        if isinstance(loaded.value, Plan):
            findings.extend(date_findings(loaded.value, as_of))
    order = {loaded.file: index for index, loaded in enumerate(files)}
    findings.sort(key=lambda f: (order.get(f.location.file, 0), f.location.line, f.location.column))
    return CheckReport(tuple(loaded.file for loaded in files), tuple(findings))
