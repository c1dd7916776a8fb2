"""The region: all organisations side by side, so RIEC sees where the dike is lowest.

Pure functions of a loaded :class:`~limnorm.files.region.Region` and a date.
Organisations whose files have errors are reported with their located errors
and left out of the figures.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from limnorm.core.errors import Input, UsageError
from limnorm.core.ids import id_key
from limnorm.core.models import Action
from limnorm.core.norm import BASELINE_THEME, NORM_THEMES
from limnorm.core.owners import resolve_owner
from limnorm.files.region import Organisation, Region
from limnorm.queries.plan import DueItem, count_answers, due_items, unreadable


class NormDifference(NamedTuple):
    """An organisation whose checklist has other norms than most of the region."""

    organisation: str
    extra: tuple[str, ...]
    missing: tuple[str, ...]


def norm_differences(region: Region) -> tuple[NormDifference, ...]:
    """The organisations whose checklist has other norms than most of the region."""
    organisations = region.organisations
    sets = {
        o.name: frozenset(n.nr for n in o.checklist.norms())
        for o in organisations
        if o.checklist is not None
    }
    if len(sets) < 2:
        return ()
    reference, _ = Counter(sets.values()).most_common(1)[0]
    return tuple(
        NormDifference(
            name,
            tuple(sorted(norms - reference, key=id_key)),
            tuple(sorted(reference - norms, key=id_key)),
        )
        for name, norms in sets.items()
        if norms != reference
    )


# --- compare ------------------------------------------------------------------------


class Cell(NamedTuple):
    """One organisation and theme: share of norms uitgevoerd, own phase, actions late.

    ``share`` is None when it would say nothing: no checklist, no such theme in it, or
    no norm of the theme answered yet (an empty checklist is "niet ingevuld", not 0%).
    """

    share: float | None
    phase: int | None
    late: int
    lowest: bool = False
    #: Norms of the theme answered uitgevoerd, and norms that count (all but nvt).
    done: int = 0
    applicable: int = 0
    #: Norms of the theme with any answer; None when the organisation has no checklist.
    answered: int | None = None


class CompareRow(NamedTuple):
    """One organisation across the six themes."""

    organisation: str
    cells: tuple[Cell, ...]


class CompareReport(NamedTuple):
    """Result of ``compare``."""

    as_of: date
    themes: tuple[int, ...]
    rows: tuple[CompareRow, ...]
    broken: tuple[Organisation, ...]
    differences: tuple[NormDifference, ...]
    sort_theme: int | None = None


def _cell(organisation: Organisation, theme: int, as_of: date) -> Cell:
    share = phase = None
    done = counted = 0
    answered: int | None = None
    if organisation.checklist is not None:
        answered = 0
        norm_theme = organisation.checklist.theme(theme)
        if norm_theme is not None:
            phase = norm_theme.fase
            counts = count_answers(norm_theme.normen)
            answered, done, counted = counts.answered, counts.uitgevoerd, counts.applicable
            if counted and answered:
                share = done / counted
    late = 0
    if organisation.plan is not None:
        plan_theme = organisation.plan.theme(theme)
        late = sum(a.is_late(as_of) for a in plan_theme.acties) if plan_theme else 0
    return Cell(share, phase, late, done=done, applicable=counted, answered=answered)


def compare(region: Region, as_of: date, *, sort_theme: int | None = None) -> CompareReport:
    """Organisations down, themes across; the lowest share per theme marked.

    Args:
        sort_theme: sort the organisations by this theme's share, lowest first
            (else by name).

    Raises:
        UsageError: ``sort_theme`` is not a theme of the norm.
    """
    themes = norm_themes(region)
    if sort_theme is not None and sort_theme not in themes:
        raise UsageError(
            f"thema {sort_theme} hoort niet bij de norm; kies een thema van de norm "
            f"({', '.join(map(str, themes))})",
            about=Input.SORT_THEME,
        )
    rows = [
        CompareRow(o.name, tuple(_cell(o, t, as_of) for t in themes)) for o in region.organisations
    ]
    marked = [list(r.cells) for r in rows]
    for column, _ in enumerate(themes):
        shares = [c.share for c in (r.cells[column] for r in rows) if c.share is not None]
        if len(set(shares)) < 2:
            continue  # all equal (or one value): nothing stands out
        lowest = min(shares)
        for index, row in enumerate(rows):
            if row.cells[column].share == lowest:
                marked[index][column] = row.cells[column]._replace(lowest=True)
    result = [
        CompareRow(r.organisation, tuple(cells)) for r, cells in zip(rows, marked, strict=True)
    ]
    if sort_theme is not None:
        column = themes.index(sort_theme)
        result.sort(
            key=lambda r: (
                r.cells[column].share is None,
                r.cells[column].share or 0.0,
                r.organisation,
            )
        )
    else:
        result.sort(key=lambda r: r.organisation.lower())
    return CompareReport(
        as_of, themes, tuple(result), region.broken, norm_differences(region), sort_theme
    )


def norm_themes(region: Region) -> tuple[int, ...]:
    """The themes of the norm the region's checklists name (the Limburgse Norm's 1-6
    when none does); the 0-meting is the checklist itself, not a theme to compare."""
    checklists = [o.checklist for o in region.organisations if o.checklist]
    found = {t.nr for c in checklists for t in c.themas if t.nr != BASELINE_THEME}
    return tuple(sorted(found)) if found else NORM_THEMES


# --- due and status over the region ------------------------------------------------------


class RegionDueItem(NamedTuple):
    """A due item with the organisation it belongs to."""

    organisation: str
    item: DueItem


class RegionUnreadable(NamedTuple):
    """An open action whose ``wanneer`` cannot be read, with its organisation."""

    organisation: str
    action: Action


class RegionDueReport(NamedTuple):
    """Result of ``due --regio``: every organisation's late and soon-due actions."""

    as_of: date
    until: date
    owner: str | None
    items: tuple[RegionDueItem, ...]
    broken: tuple[Organisation, ...]
    #: Open actions without a readable wanneer, per organisation in id order: no date.
    unreadable: tuple[RegionUnreadable, ...] = ()

    @property
    def late(self) -> int:
        """How many actions are late, over the region."""
        return sum(i.item.days < 0 for i in self.items)


def region_due(region: Region, as_of: date, *, until: date, owner: str | None) -> RegionDueReport:
    """Late and soon-due actions of all organisations, most urgent first.

    Raises:
        UsageError: no organisation has the owner code.
    """
    items = []
    unplanned: list[RegionUnreadable] = []
    found = owner is None
    for organisation in region.organisations:
        assert organisation.plan is not None
        code = None
        if owner is not None:
            try:
                code = resolve_owner(organisation.plan, owner)
            except UsageError:
                continue  # this organisation has no such owner
            found = True
        found_items = due_items(organisation.plan, as_of, until=until, owner=code)
        items += [RegionDueItem(organisation.name, item) for item in found_items]
        unplanned += [
            RegionUnreadable(organisation.name, action)
            for action in unreadable(organisation.plan, owner=code)
        ]
    if not found:
        raise UsageError(f"actiehouder '{owner}' komt bij geen enkele organisatie in de regio voor")
    # Each organisation's items are already in deadline and id order (1.2 before 1.10),
    # and sorting is stable: the day and the organisation are all the key needs.
    items.sort(key=lambda r: (r.item.days, r.organisation))
    return RegionDueReport(
        as_of, until, owner, tuple(items), region.broken, tuple(unplanned)
    )


class RegionStatusRow(NamedTuple):
    """One organisation's totals: actions by state and norms answered."""

    organisation: str
    totaal: int
    gereed: int
    lopend: int
    open: int
    te_laat: int
    voortgang: float
    norms_done: int
    norms_applicable: int
    themes_meeting: int
    #: Norms with any answer; None without a checklist (0: "niet ingevuld", not 0%).
    norms_answered: int | None = None


class RegionStatusReport(NamedTuple):
    """Result of ``status --regio``."""

    as_of: date
    rows: tuple[RegionStatusRow, ...]
    broken: tuple[Organisation, ...]
    differences: tuple[NormDifference, ...]


def region_status(region: Region, as_of: date) -> RegionStatusReport:
    """Per organisation: actions by state, progress, norms uitgevoerd, themes meeting the norm."""
    from limnorm.queries.plan import status

    rows = []
    for organisation in region.organisations:
        assert organisation.plan is not None
        total = status(organisation.plan, as_of).total
        done = applicable = meeting = 0
        answered: int | None = None
        if organisation.checklist is not None:
            answered = 0
            for theme in organisation.checklist.themas:
                counts = count_answers(theme.normen)
                answered += counts.answered
                done += counts.uitgevoerd
                applicable += counts.applicable
                meeting += counts.meets_norm
        rows.append(
            RegionStatusRow(
                organisation.name,
                total.totaal,
                total.gereed,
                total.lopend,
                total.open,
                total.te_laat,
                total.voortgang,
                done,
                applicable,
                meeting,
                answered,
            )
        )
    rows.sort(key=lambda r: r.organisation.lower())
    return RegionStatusReport(as_of, tuple(rows), region.broken, norm_differences(region))
