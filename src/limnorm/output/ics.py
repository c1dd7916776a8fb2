"""An iCalendar (RFC 5545) feed of the actions, for Outlook and other calendars.

Each action with a deadline becomes one all-day event on its deadline (not
spanning the whole period: Outlook shows a multi-month all-day event as a bar
across every day of it, which hides the deadline people need to see). The
period as written and resolved is in the description.

A calendar that imported or subscribed to an earlier file only learns that an
action is finished or dropped if the event is still there: such actions stay
in the feed with ``STATUS:CANCELLED``, so calendars remove or strike them.

The UID is built from the organisation and the action id only (never the
deadline), so a newer file updates the events instead of adding copies. The
id is encoded injectively: ``1.1`` and ``1-1`` are different actions and get
different UIDs.

SEQUENCE and LAST-MODIFIED come from the moment the spoorboekje last changed
(the file's modification time, or the commit's date with ``--at``): limnorm
keeps no memory of the files it wrote before, so it cannot count revisions per
event, but any change to a deadline or status is a change of the file, and
that moment only moves forward. So a newer version of the spoorboekje always
gives a higher SEQUENCE for every event (moved earlier or later, finished,
dropped), calendars accept it as the newer revision, and exporting the same
file twice gives the same numbers. DTSTAMP is the moment of writing; the
caller passes the clock in.

Text is escaped and long lines are folded as RFC 5545 sections 3.1 and 3.3.11
require.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from limnorm.core.models import NO_OWNER, Action, Plan, Theme
from limnorm.output.text import nl_date

PRODID = "-//limnorm//Limburgse Norm spoorboekje//NL"

#: SEQUENCE counts seconds from here. Seconds, not minutes: ``done`` followed by
#: ``ics`` within the same minute must still give the cancelled event a higher
#: number. An RFC 5545 INTEGER is 32 bits; seconds since 2024 fill it in 2092,
#: after which the number stays at the maximum.
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
SEQUENCE_MAX = 2**31 - 1


class CalendarEvent(NamedTuple):
    """One all-day calendar item for an action."""

    uid: str
    day: date
    summary: str
    description: str
    category: str
    #: Days before the deadline for the reminder; None: no reminder.
    alarm_days: int | None
    cancelled: bool = False


class Calendar(NamedTuple):
    """Result of ``ics``: the events, the calendar's name and its moments."""

    name: str
    #: The moment of writing (DTSTAMP), in UTC.
    written: datetime
    #: When the spoorboekje last changed (LAST-MODIFIED and SEQUENCE), in UTC.
    changed: datetime
    events: tuple[CalendarEvent, ...]

    @property
    def sequence(self) -> int:
        """The revision number of every event: seconds from SEQUENCE_EPOCH to ``changed``."""
        seconds = int((self.changed - SEQUENCE_EPOCH).total_seconds())
        return min(SEQUENCE_MAX, max(0, seconds))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "organisatie"


def _uid_part(action_id: str) -> str:
    """The action id as it appears in the UID, different for every different id.

    Ids of digits and dots keep the form earlier versions wrote (``1.1`` ->
    ``1-1``, only digits and hyphens), so existing calendars keep recognising
    their events. Any other id keeps its letters, digits and dots and writes
    every other character as ``_`` plus its UTF-8 bytes in hex: such a result
    always holds a letter or ``_``, which the first form never does, so no
    two ids meet (``1-1`` -> ``1_2d1``).
    """
    if re.fullmatch(r"[0-9.]+", action_id):
        return action_id.replace(".", "-")
    return "".join(
        char
        if char.isascii() and (char.isalnum() or char == ".")
        else "".join(f"_{byte:02x}" for byte in char.encode("utf-8"))
        for char in action_id
    )


def event_uid(organisatie: str, action_id: str) -> str:
    """The UID of an action's event: stable per organisation and action."""
    return f"{_slug(organisatie)}-actie-{_uid_part(action_id)}@limnorm"


def _alarm(day: date, as_of: date, wanted: int) -> int | None:
    """Days before ``day`` for the reminder, so that it never fires on or before ``as_of``.

    Importing a file must not set off a reminder for every late action at once;
    an action due within the reminder period gets it the day after ``as_of``.
    """
    latest = (day - as_of).days - 1
    return None if latest < 0 else min(wanted, latest)


def _event(plan: Plan, theme: Theme, action: Action, day: date, alarm: int | None) -> CalendarEvent:
    period = action.period
    owners = ", ".join(action.actiehouders)
    when = f"Wanneer: {action.wanneer}"
    if period.begin and period.deadline and period.begin != period.deadline:
        when += f" ({nl_date(period.begin)} t/m {nl_date(period.deadline)})"
    lines = [
        action.actie,
        "",
        when,
        f"Thema: {theme.nr} {theme.titel}",
        f"Actiehouder: {owners}",
        f"Status: {action.status.value}"
        + (f" op {nl_date(action.gereed_op)}" if action.gereed_op else ""),
    ]
    if action.toelichting:
        lines.append(f"Toelichting: {action.toelichting}")
    lines.append(f"Spoorboekje: {plan.organisatie}, actie {action.id}")
    return CalendarEvent(
        uid=event_uid(plan.organisatie, action.id),
        day=day,
        summary=f"[{owners}] {action.id} {action.actie}"
        if owners
        else f"{action.id} {action.actie}",
        description="\n".join(lines),
        category=f"Thema {theme.nr} {theme.titel}" if theme.nr else theme.titel,
        alarm_days=None if not action.is_open else alarm,
        cancelled=not action.is_open,
    )


def calendar(
    plan: Plan,
    as_of: date,
    *,
    written: datetime,
    changed: datetime,
    owner: str | None = None,
    alarm: int = 14,
) -> Calendar:
    """The actions with a deadline (of one owner, if given) as calendar events.

    Open actions are events on their deadline; finished and dropped ones are
    cancelled events (on their deadline, or the day they were finished when
    they never had one), so calendars that have them remove them.

    Args:
        plan: the spoorboekje.
        as_of: no reminder fires on or before this day.
        written: the moment of writing (the caller reads the clock).
        changed: when the spoorboekje last changed; never later than ``written``.
        owner: only this owner's actions (a code as the plan writes it).
        alarm: days before the deadline for the reminder.
    """
    events = []
    for theme in plan.themas:
        for action in theme.acties:
            if owner is not None and not action.owned_by(owner):
                continue
            day = action.period.deadline or (None if action.is_open else action.gereed_op)
            if day is None:
                continue
            events.append(_event(plan, theme, action, day, _alarm(day, as_of, alarm)))
    suffix = (
        "" if owner is None else (" (zonder actiehouder)" if owner == NO_OWNER else f" ({owner})")
    )
    written = written.astimezone(UTC)
    return Calendar(
        f"Spoorboekje {plan.organisatie}{suffix}",
        written,
        min(changed.astimezone(UTC), written),
        tuple(events),
    )


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def to_ics(cal: Calendar) -> str:
    """The calendar as iCalendar text with CRLF line endings."""
    stamp, changed, sequence = _utc(cal.written), _utc(cal.changed), cal.sequence
    name = escape_text(cal.name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{name}",  # RFC 7986
        f"X-WR-CALNAME:{name}",  # the name Outlook, Google and Apple read
        f"LAST-MODIFIED:{changed}",
    ]
    for event in cal.events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{changed}",
            f"SEQUENCE:{sequence}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            f"CATEGORIES:{escape_text(event.category)}",
            f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
            "TRANSP:TRANSPARENT",
        ]
        if event.alarm_days is not None:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"TRIGGER:-P{event.alarm_days}D",
                f"DESCRIPTION:{escape_text('Deadline: ' + event.summary)}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
