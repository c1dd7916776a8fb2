"""Small text helpers every output form shares: dates in Dutch, a progress bar, clean text."""

from __future__ import annotations

import re
from datetime import date

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


def progress_bar(share: float, width: int = 10) -> str:
    """``███░░░░░░░  30%``: readable without colour."""
    filled = round(share * width)
    return f"{'█' * filled}{'░' * (width - filled)} {round(share * 100):>3}%"
