"""An iCalendar (RFC 5545) feed of the open actions, for Outlook and other calendars.

Each open action with a deadline becomes one all-day event on its deadline
(not spanning the whole period: Outlook shows a multi-month all-day event as
a bar across every day of it, which hides the deadline people need to see).
The period as written and resolved is in the description. The UID is built
from the organisation and the action id only, so importing a newer file
updates the events instead of adding copies. Text is escaped and long lines
are folded as RFC 5545 section 3.1 and 3.3.11 require.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from limnorm.core.errors import UsageError
from limnorm.core.models import Action, Plan, Theme
from limnorm.output.formats import nl_date

PRODID = "-//limnorm//Limburgse Norm spoorboekje//NL"


class CalendarEvent(NamedTuple):
    """One all-day calendar item for an action."""

    uid: str
    day: date
    summary: str
    description: str
    category: str
    alarm_days: int


class Calendar(NamedTuple):
    """Result of ``ics``: the events and the calendar's name."""

    name: str
    stamp: date
    events: tuple[CalendarEvent, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "organisatie"


def alarm_days(text: str) -> int:
    """``14d`` or ``2w`` (or a bare number of days) as days before the deadline.

    Raises:
        UsageError: anything else.
    """
    match = re.fullmatch(r"\s*(\d{1,3})\s*(d|dag|dagen|w|wk|weken)?\s*", text.lower())
    if match is None:
        raise UsageError(f"--alarm '{text}': schrijf een aantal dagen of weken, zoals 14d of 2w")
    days = int(match[1])
    return days * 7 if (match[2] or "d").startswith("w") else days


def _event(plan: Plan, theme: Theme, action: Action, alarm: int) -> CalendarEvent:
    period = action.period
    assert period.deadline is not None  # calendar() passes dated actions only
    owners = ", ".join(action.actiehouders)
    lines = [
        action.actie,
        "",
        f"Wanneer: {action.wanneer} ({nl_date(period.begin)} t/m {nl_date(period.deadline)})"
        if period.begin and period.begin != period.deadline
        else f"Wanneer: {action.wanneer}",
        f"Thema: {theme.nr} {theme.titel}",
        f"Actiehouder: {owners}",
        f"Status: {action.status.value}",
    ]
    if action.toelichting:
        lines.append(f"Toelichting: {action.toelichting}")
    lines.append(f"Spoorboekje: {plan.organisatie}, actie {action.id}")
    return CalendarEvent(
        uid=f"{_slug(plan.organisatie)}-actie-{_slug(action.id)}@limnorm",
        day=period.deadline,
        summary=f"[{owners}] {action.id} {action.actie}",
        description="\n".join(lines),
        category=f"Thema {theme.nr} {theme.titel}" if theme.nr else theme.titel,
        alarm_days=alarm,
    )


def calendar(plan: Plan, as_of: date, *, owner: str | None = None, alarm: int = 14) -> Calendar:
    """The open actions with a deadline (of one owner, if given) as calendar events."""
    events = tuple(
        _event(plan, theme, action, alarm)
        for theme in plan.themas
        for action in theme.acties
        if action.is_open
        and action.period.deadline is not None
        and (owner is None or owner in action.actiehouders)
    )
    suffix = f" ({owner})" if owner else ""
    return Calendar(f"Spoorboekje {plan.organisatie}{suffix}", as_of, events)


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


def to_ics(cal: Calendar) -> str:
    """The calendar as iCalendar text with CRLF line endings."""
    stamp = f"{cal.stamp:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(cal.name)}",
    ]
    for event in cal.events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
            f"CATEGORIES:{escape_text(event.category)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:-P{event.alarm_days}D",
            f"DESCRIPTION:{escape_text('Deadline: ' + event.summary)}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
