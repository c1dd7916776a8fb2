"""Who gets a reminder, and with what: a pure selection from the plan and a date.

One reminder per actiehouder with at least one action late or due within the window
(the same selection as ``due``). An action without an owner goes to nobody; an owner
with nothing late or due gets nothing. Composing the message is
:mod:`limnorm.output.mail`; writing and sending it is :mod:`limnorm.files.mailer`.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from limnorm.core.models import Plan
from limnorm.queries.plan import Category, DueItem, due


class Reminder(NamedTuple):
    """What one actiehouder is reminded of."""

    code: str
    #: The owner's full name from ``actiehouders``, if the plan gives one.
    naam: str | None
    #: The owner's e-mail address from ``actiehouders``; None when the plan has none.
    email: str | None
    late: tuple[DueItem, ...]
    soon: tuple[DueItem, ...]


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


def owner_contact(plan: Plan, code: str) -> tuple[str | None, str | None]:
    """(full name, e-mail address) of an owner code, each None when the plan has none."""
    entry = plan.actiehouders.get(code)
    if entry is None or isinstance(entry, str):
        return entry, None
    return entry.naam, entry.email


def reminders(plan: Plan, as_of: date, *, until: date, owner: str | None = None) -> RemindReport:
    """One reminder per owner (or only ``owner``) with actions late or due by ``until``.

    Args:
        plan: the spoorboekje.
        as_of: the date to judge from (never read from the clock here).
        until: the last day of the "binnenkort" window.
        owner: only this owner (a code as returned by ``resolve_owner``).
    """
    report = due(plan, as_of, until=until, owner=owner)
    known = set(plan.actiehouders)
    used = {code for item in report.items for code in item.action.actiehouders}
    result = []
    for group in report.groups:
        # due() may group actions without an owner under a placeholder: they go to nobody.
        if group.code not in known and group.code not in used:
            continue
        naam, email = owner_contact(plan, group.code)
        result.append(
            Reminder(
                group.code,
                naam,
                email,
                tuple(i for i in group.items if i.category is Category.TE_LAAT),
                tuple(i for i in group.items if i.category is Category.BINNENKORT),
            )
        )
    return RemindReport(plan.organisatie, as_of, until, tuple(result))
