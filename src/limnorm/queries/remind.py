"""Who gets a reminder, and with what: a pure selection from the plan and a date.

One reminder per actiehouder with at least one action late or due within the window
(the same selection as ``due``), or an open action whose ``wanneer`` cannot be read
(mentioned without a date). An action without an owner goes to nobody; an owner
with nothing late or due gets nothing. Composing the message is
:mod:`limnorm.output.mail`; writing and sending it is :mod:`limnorm.files.mailer`.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from limnorm.core.models import NO_OWNER, Action, Plan
from limnorm.queries.plan import Category, DueItem, due, owner_order


class Reminder(NamedTuple):
    """What one actiehouder is reminded of."""

    code: str
    #: The owner's full name from ``actiehouders``, if the plan gives one.
    naam: str | None
    #: The owner's e-mail address from ``actiehouders``; None when the plan has none.
    email: str | None
    late: tuple[DueItem, ...]
    soon: tuple[DueItem, ...]
    #: Open actions whose ``wanneer`` cannot be read: mentioned without a date (never a
    #: guessed one), so that the owner can fill in a deadline.
    unreadable: tuple[Action, ...] = ()


class RemindReport(NamedTuple):
    """Result of ``remind``: the reminders, in the order of the ``actiehouders`` map."""

    organisatie: str
    as_of: date
    until: date
    reminders: tuple[Reminder, ...]

    @property
    def without_address(self) -> tuple[Reminder, ...]:
        """The reminders that cannot be sent: their owner has no e-mail address."""
        return tuple(r for r in self.reminders if not r.email)


def reminders(plan: Plan, as_of: date, *, until: date, owner: str | None = None) -> RemindReport:
    """One reminder per owner (or only ``owner``) with actions late or due by ``until``.

    Args:
        plan: the spoorboekje.
        as_of: the date to judge from (never read from the clock here).
        until: the last day of the "binnenkort" window.
        owner: only this owner (a code as returned by ``resolve_owner``).
    """
    if owner == NO_OWNER:
        return RemindReport(plan.organisatie, as_of, until, ())
    report = due(plan, as_of, until=until, owner=owner)
    items = {group.code: group.items for group in report.groups}
    # An owner with only unreadable actions gets a reminder too: otherwise such an action
    # would drop out of every reminder, as it drops out of every date.
    actions = [*(item.action for item in report.items), *report.unreadable]
    codes = [owner] if owner else owner_order(plan, actions)
    result = []
    for code in codes:
        if code == NO_OWNER:  # actions without an owner go to nobody
            continue
        mine = items.get(code, ())
        unreadable = tuple(a for a in report.unreadable if a.owned_by(code))
        if not mine and not unreadable:  # nothing to remind this owner of
            continue
        entry = plan.actiehouders.get(code)
        result.append(
            Reminder(
                code,
                entry.naam if entry else None,
                entry.email if entry else None,
                tuple(i for i in mine if i.category is Category.TE_LAAT),
                tuple(i for i in mine if i.category is Category.BINNENKORT),
                unreadable,
            )
        )
    return RemindReport(plan.organisatie, as_of, until, tuple(result))

