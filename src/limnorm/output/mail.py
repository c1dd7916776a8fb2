"""The reminder e-mail to one actiehouder: Dutch plain text with an HTML alternative.

No images, no links, no remote anything: the HTML is a table with inline styles, so
mail clients that block remote content show it whole, and nothing tracks the reader.
The text part says the same, for clients that show only text.

:func:`compose` makes the parts (pure); :func:`to_email` makes the RFC 5322 message
(the stdlib ``email`` package is imported there, only by ``remind``).
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.models import Action
from limnorm.output.text import clean, nl_date
from limnorm.queries.plan import DueItem
from limnorm.queries.remind import Reminder, RemindReport

if TYPE_CHECKING:
    from email.message import EmailMessage


class Mail(NamedTuple):
    """One reminder, composed: addressee, subject and the two bodies."""

    code: str
    naam: str | None
    email: str | None
    subject: str
    text: str
    html: str
    late: int
    soon: int
    #: Open actions mentioned without a date: their wanneer cannot be read.
    unreadable: int = 0


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def subject(organisatie: str, reminder: Reminder) -> str:
    """``Spoorboekje Gemeente X: 2 acties te laat, 1 binnenkort (OOV)``."""
    parts = []
    if reminder.late:
        parts.append(f"{_count(len(reminder.late), 'actie', 'acties')} te laat")
    if reminder.soon:
        noun = "" if reminder.late else (" actie" if len(reminder.soon) == 1 else " acties")
        parts.append(f"{len(reminder.soon)}{noun} binnenkort")
    if reminder.unreadable:
        parts.append(
            f"{_count(len(reminder.unreadable), 'actie', 'acties')} zonder leesbare deadline"
        )
    return f"Spoorboekje {_line(organisatie)}: {', '.join(parts)} ({_line(reminder.code)})"


def _line(text: str | None) -> str:
    """User text on one line (headers and list items): control characters and newlines out."""
    return " ".join(clean(text).split())


def _days(item: DueItem) -> str:
    if item.days < 0:
        return f"{_count(-item.days, 'dag', 'dagen')} te laat"
    if item.days == 0:
        return "vandaag"
    return f"over {_count(item.days, 'dag', 'dagen')}"


#: Plain-text lines are wrapped here: mail programs show text parts as written.
WIDTH = 76


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """``text`` in lines of at most WIDTH characters (a longer word stays whole)."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _text_items(items: tuple[DueItem, ...]) -> list[str]:
    lines = []
    for item in items:
        action = item.action
        lines += _wrap(f"{_line(action.id)} {_line(action.actie)}", "  ", first="- ")
        when = f"deadline {nl_date(item.deadline)}, {_days(item)}"
        lines += _wrap(f"wanneer: {_line(action.wanneer)} ({when})", "  ")
        if len(action.actiehouders) > 1:
            lines += _wrap(f"samen met: {', '.join(_line(c) for c in action.actiehouders)}", "  ")
        if action.toelichting:
            lines += _wrap(f"toelichting: {_line(action.toelichting)}", "  ")
    return lines


#: Said of an action whose wanneer cannot be read, in place of a date (never a guess).
UNREADABLE = "geen deadline te lezen; vul een deadline in bij 'wanneer'"


def _text_unreadable(actions: tuple[Action, ...]) -> list[str]:
    lines = []
    for action in actions:
        lines += _wrap(f"{_line(action.id)} {_line(action.actie)}", "  ", first="- ")
        lines += _wrap(f"wanneer: {_line(action.wanneer)} ({UNREADABLE})", "  ")
        if action.toelichting:
            lines += _wrap(f"toelichting: {_line(action.toelichting)}", "  ")
    return lines


def _greeting(reminder: Reminder) -> str:
    return f"Beste {_line(reminder.naam) or _line(reminder.code)},"


def _intro(report: RemindReport, reminder: Reminder) -> str:
    which = "die te laat zijn of binnenkort af moeten"
    if not reminder.late and not reminder.soon:
        which = "waarvan de deadline niet te lezen is"
    elif reminder.unreadable:
        which += ", en acties waarvan de deadline niet te lezen is"
    return (
        f"Dit is een herinnering uit het spoorboekje van {_line(report.organisatie)} voor de "
        f"Limburgse Norm, stand op {nl_date(report.as_of)}. Hieronder staan de acties van uw "
        f"afdeling {which}."
    )


_CLOSING = (
    "Is een actie klaar, of verschuift de planning? Antwoord dan op deze e-mail, dan wordt "
    "het spoorboekje bijgewerkt."
)


def _text(report: RemindReport, reminder: Reminder) -> str:
    lines = [_greeting(reminder), "", *_wrap(_intro(report, reminder)), ""]
    if reminder.late:
        lines += [f"Te laat ({len(reminder.late)}):", *_text_items(reminder.late), ""]
    if reminder.soon:
        lines += [
            f"Binnenkort, tot en met {nl_date(report.until)} ({len(reminder.soon)}):",
            *_text_items(reminder.soon),
            "",
        ]
    if reminder.unreadable:
        lines += [
            f"Zonder leesbare deadline ({len(reminder.unreadable)}):",
            *_text_unreadable(reminder.unreadable),
            "",
        ]
    lines += [*_wrap(_CLOSING), "", "Met vriendelijke groet,", ""]
    lines.append("Deze herinnering is gemaakt met limnorm.")
    return "\n".join(lines) + "\n"


def _e(text: str) -> str:
    return escape(text, quote=True)


_CELL = "padding:4px 8px;border-bottom:1px solid #d5dee6;text-align:left;vertical-align:top"


def _html_items(items: tuple[DueItem, ...]) -> str:
    head = "".join(
        f'<th scope="col" style="{_CELL};background:#eef3f7">{h}</th>'
        for h in ("Id", "Actie", "Wanneer", "Deadline", "Termijn")
    )
    rows = []
    for item in items:
        action = item.action
        extra = []
        if len(action.actiehouders) > 1:
            extra.append(f"samen met {', '.join(_line(c) for c in action.actiehouders)}")
        if action.toelichting:
            extra.append(_line(action.toelichting))
        note = f'<br/><span style="color:#4f5d6b">{_e("; ".join(extra))}</span>' if extra else ""
        colour = "#b3261e" if item.days < 0 else "#1d2733"
        rows.append(
            f'<tr><td style="{_CELL}">{_e(_line(action.id))}</td>'
            f'<td style="{_CELL}">{_e(_line(action.actie))}{note}</td>'
            f'<td style="{_CELL}">{_e(_line(action.wanneer))}</td>'
            f'<td style="{_CELL};white-space:nowrap">{_e(nl_date(item.deadline))}</td>'
            f'<td style="{_CELL};color:{colour};white-space:nowrap">{_e(_days(item))}</td></tr>'
        )
    return (
        '<table style="border-collapse:collapse;margin:4px 0 16px">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _html_unreadable(actions: tuple[Action, ...]) -> str:
    head = "".join(
        f'<th scope="col" style="{_CELL};background:#eef3f7">{h}</th>'
        for h in ("Id", "Actie", "Wanneer", "Deadline")
    )
    rows = "".join(
        f'<tr><td style="{_CELL}">{_e(_line(action.id))}</td>'
        f'<td style="{_CELL}">{_e(_line(action.actie))}</td>'
        f'<td style="{_CELL}">{_e(_line(action.wanneer))}</td>'
        f'<td style="{_CELL};color:#b3261e">{_e(UNREADABLE)}</td></tr>'
        for action in actions
    )
    return (
        '<table style="border-collapse:collapse;margin:4px 0 16px">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _html(report: RemindReport, reminder: Reminder) -> str:
    parts = [f"<p>{_e(_greeting(reminder))}</p>", f"<p>{_e(_intro(report, reminder))}</p>"]
    if reminder.late:
        parts += [
            f'<h2 style="font-size:16px;color:#b3261e">Te laat ({len(reminder.late)})</h2>',
            _html_items(reminder.late),
        ]
    if reminder.soon:
        parts += [
            f'<h2 style="font-size:16px;color:#0b4f71">Binnenkort, tot en met '
            f"{_e(nl_date(report.until))} ({len(reminder.soon)})</h2>",
            _html_items(reminder.soon),
        ]
    if reminder.unreadable:
        parts += [
            f'<h2 style="font-size:16px;color:#b3261e">Zonder leesbare deadline '
            f"({len(reminder.unreadable)})</h2>",
            _html_unreadable(reminder.unreadable),
        ]
    parts += [
        f"<p>{_e(_CLOSING)}</p>",
        "<p>Met vriendelijke groet,</p>",
        '<p style="color:#4f5d6b;font-size:12px">Deze herinnering is gemaakt met limnorm.</p>',
    ]
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/>'
        f"<title>{_e(subject(report.organisatie, reminder))}</title></head>"
        '<body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#1d2733">'
        f"{''.join(parts)}</body></html>\n"
    )


def compose(report: RemindReport) -> tuple[Mail, ...]:
    """The reminder of every owner in ``report``, composed."""
    return tuple(
        Mail(
            r.code,
            r.naam,
            r.email,
            subject(report.organisatie, r),
            _text(report, r),
            _html(report, r),
            len(r.late),
            len(r.soon),
            len(r.unreadable),
        )
        for r in report.reminders
    )


def to_email(
    mail: Mail, *, sender: str | None, moment: datetime, draft: bool = False
) -> EmailMessage:
    """The RFC 5322 message: text and HTML as ``multipart/alternative``, UTF-8.

    Args:
        sender: the From address; a draft may leave it to the mail program.
        moment: the Date header (the caller reads the clock), timezone-aware.
        draft: mark it as unsent, so Outlook opens it as a draft to review and send.
    """
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, make_msgid

    message = EmailMessage(policy=SMTP)
    if mail.email:
        local, _, domain = mail.email.rpartition("@")
        message["To"] = Address(_line(mail.naam) or mail.code, local, domain)
    if sender:
        message["From"] = sender
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(moment)
    domain = sender.rpartition("@")[2] if sender and "@" in sender else "limnorm.invalid"
    message["Message-ID"] = make_msgid("limnorm", domain=domain)
    if draft:
        message["X-Unsent"] = "1"  # Outlook: open as a draft with a Send button
    message.set_content(mail.text, charset="utf-8")
    message.add_alternative(mail.html, subtype="html", charset="utf-8")
    return message


def ownerless_notice(items: tuple[DueItem, ...], unreadable: tuple[Action, ...]) -> str:
    """For stderr: open actions without an actiehouder that are late or due soon (``items``)
    or have no readable deadline (``unreadable``). Nobody can be mailed about them, so
    ``remind`` says so and lists them instead of keeping quiet; empty when there are none."""
    count = len(items) + len(unreadable)
    if not count:
        return ""
    what = "te laat of binnenkort"
    if unreadable:
        what = "zonder leesbare deadline"
        if items:
            what = "te laat, binnenkort of " + what
    verb = "is" if count == 1 else "zijn"
    lines = [
        f"limnorm: {_count(count, 'actie', 'acties')} zonder actiehouder {verb} {what}; "
        "daarover gaat geen e-mail. Geef ze een actiehouder "
        "(limnorm set ID actiehouder CODE):"
    ]
    lines += [
        f"  {_line(item.action.id)} {_line(item.action.actie)}: deadline "
        f"{nl_date(item.deadline)}, {_days(item)}"
        for item in items
    ]
    lines += [f"  {_line(a.id)} {_line(a.actie)}: wanneer onleesbaar" for a in unreadable]
    return "\n".join(lines)


def preview(mails: tuple[Mail, ...]) -> str:
    """What would be sent, for the terminal: addressee, subject and the text of each."""
    blocks = []
    for mail in mails:
        name = _line(mail.naam) or _line(mail.code)
        to = f"{name} <{mail.email}>" if mail.email else f"{name} (geen adres)"
        blocks.append(f"Aan: {to}\nOnderwerp: {mail.subject}\n\n{mail.text}".rstrip("\n"))
    separator = "\n\n" + "-" * 72 + "\n\n"
    return separator.join(blocks) + "\n" if blocks else ""
