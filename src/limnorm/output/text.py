"""Small text helpers every output form shares: dates in Dutch, a progress bar, clean text."""

from __future__ import annotations

import re
from datetime import date

from limnorm.core.models import Action
from limnorm.core.period import Period

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


def is_postponed(period: Period, earlier: str | None = None) -> bool:
    """Whether a deadline was postponed: the cell says so ("uitgesteld naar 2027", "(was
    Q3 26)") or the earlier deadline is known (``earlier``: ``Action.postponed_from``)."""
    return period.postponed or bool(earlier or period.was)


def postponement(action: Action) -> str | None:
    """How the deadline moved: ``verschoven van Q3 26 naar 31 mrt 2027`` when the earlier
    deadline is known (``oorspronkelijk``, the cell's own "(was …)"), ``verschoven naar 31
    dec 2027`` when only the cell says it moved ("uitgesteld naar 2027"); None when the
    action was not postponed."""
    was = action.postponed_from
    if not is_postponed(action.period, was):
        return None
    deadline = action.period.deadline
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
