"""Small text helpers every output form shares: dates in Dutch, a progress bar, clean text."""

from __future__ import annotations

import re
from datetime import date

from limnorm.core.models import Action

MONTH_ABBREVIATIONS = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip
CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str | None) -> str:
    """User text without escape sequences or control characters (newlines stay)."""
    return CONTROL.sub("", text) if text else ""


def nl_date(day: date | None) -> str:
    """``4 mrt 2024``; an empty string for no date."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}" if day else ""


def postponement(action: Action) -> str | None:
    """``verschoven van Q3 26 naar 31 mrt 2027``: from ``oorspronkelijk`` or the cell's
    own "(was …)"; None when the action was not postponed."""
    was = action.postponed_from
    if was is None:
        return None
    deadline = action.period.deadline
    return f"verschoven van {was} naar {nl_date(deadline) if deadline else action.wanneer}"


def when_text(action: Action) -> str:
    """``wanneer`` as written, with the postponement when there is one."""
    moved = postponement(action)
    return f"{action.wanneer} ({moved})" if moved else action.wanneer


def deadline_text(action: Action) -> str:
    """The deadline as a date, or what is wrong with ``wanneer`` ("wanneer onleesbaar")."""
    deadline = action.period.deadline
    if deadline is not None:
        return nl_date(deadline)
    return next((f for f in action.fouten if f.startswith("wanneer")), "")


def progress_bar(share: float, width: int = 10) -> str:
    """``███░░░░░░░  30%``: readable without colour."""
    filled = round(share * width)
    return f"{'█' * filled}{'░' * (width - filled)} {round(share * 100):>3}%"
