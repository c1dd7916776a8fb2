"""Small text helpers every output form shares: dates in Dutch, a progress bar, clean text."""

from __future__ import annotations

import re

from limnorm.core.deadlines import is_postponed, shift_days
from limnorm.core.models import Action

# Re-exported: the views take Dutch dates from here; the one home is the core's.
from limnorm.core.period import MONTH_ABBREVIATIONS as MONTH_ABBREVIATIONS
from limnorm.core.period import nl_date as nl_date

CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str | None) -> str:
    """User text without escape sequences or control characters (newlines stay)."""
    return CONTROL.sub("", text) if text else ""


def postponement(action: Action) -> str | None:
    """How the deadline moved: ``verschoven van Q3 26 naar 31 mrt 2027`` when the earlier
    deadline is known (``oorspronkelijk``, the cell's own "(was …)"), ``verschoven naar 31
    dec 2027`` when only the cell says it moved ("uitgesteld naar 2027"), ``vervroegd van
    Q3 2026 naar 30 jun 2026`` when it moved earlier; None when it did not move."""
    was = action.postponed_from
    period = action.period
    deadline = period.deadline
    days = shift_days(period, was, year=action.jaar)
    if days is not None and days <= 0:  # not put off: brought forward, or the same day
        return f"vervroegd van {was or period.was} naar {nl_date(deadline)}" if days else None
    if not is_postponed(period, was, year=action.jaar):
        return None
    if not was:  # "vanaf 2027 (uitgesteld)": no date to name, the cell says the rest
        return f"verschoven naar {nl_date(deadline)}" if deadline else "verschoven"
    return f"verschoven van {was} naar {nl_date(deadline) if deadline else action.wanneer}"


def when_text(action: Action) -> str:
    """``wanneer`` as written, with the postponement when there is one."""
    moved = postponement(action)
    return f"{action.wanneer} ({moved})" if moved else action.wanneer


def deadline_text(action: Action, between: str = " ") -> str:
    """The deadline as a date with the note written with it ("30 apr 2026 (streven
    maart)"; ``between`` goes before the note), or what is wrong with ``wanneer``
    ("wanneer onleesbaar")."""
    period = action.period
    if period.deadline is not None:
        day = nl_date(period.deadline)
        return f"{day}{between}({period.note})" if period.note else day
    return next((f for f in action.fouten if f.startswith("wanneer")), "")


def progress_bar(share: float, width: int = 10) -> str:
    """``███░░░░░░░  30%``: readable without colour."""
    filled = round(share * width)
    return f"{'█' * filled}{'░' * (width - filled)} {round(share * 100):>3}%"
