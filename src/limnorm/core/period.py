"""A resolved deadline: the record the grammar produces and the models carry.

Kept apart from the grammar (:mod:`limnorm.core.deadlines`) so that the models
never import the grammar.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

__all__ = ["MONTH_ABBREVIATIONS", "Period", "PeriodKind", "nl_date"]

#: Month names as every output and message writes them ("4 mrt 2024"). Here, in the core,
#: so that findings (queries) and views (output) share one home.
MONTH_ABBREVIATIONS = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip


def nl_date(day: date | None) -> str:
    """``4 mrt 2024``; an empty string for no date."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}" if day else ""


class PeriodKind(StrEnum):
    """What kind of period a ``wanneer`` describes (shown as ``soort``)."""

    DAG = "dag"
    WEEK = "week"
    MAAND = "maand"
    KWARTAAL = "kwartaal"
    TERTIAAL = "tertiaal"
    HALFJAAR = "halfjaar"
    SEIZOEN = "seizoen"
    JAAR = "jaar"
    PERIODE = "periode"
    VANAF = "vanaf"
    DOORLOPEND = "doorlopend"
    TERUGKEREND = "terugkerend"
    ONBEKEND = "onbekend"
    NVT = "nvt"
    #: "afhankelijk van ...": no date until something else happens; ``note`` keeps what.
    AFHANKELIJK = "afhankelijk"
    #: A status written where the deadline belongs ("gereed", "in uitvoering"); ``note``
    #: holds the status it means (open, lopend, gereed, vervallen) so that ``check`` can
    #: suggest moving it to ``status:``.
    STATUS = "status"
    #: Not set by the grammar: a loader may mark an action whose ``wanneer`` is unreadable.
    ONLEESBAAR = "onleesbaar"


class Period(NamedTuple):
    """A resolved deadline: first day, last day (the deadline), kind, and what came with it.

    ``begin`` and ``deadline`` are both ``None`` for kinds without a date
    (doorlopend, terugkerend, onbekend, nvt, afhankelijk, status); ``deadline`` is
    ``None`` for an open-ended period (``vanaf``).
    """

    begin: date | None
    deadline: date | None
    kind: PeriodKind
    #: Text written with the deadline and kept to be shown: "onder voorbehoud", or the
    #: soft deadline next to a hard one ("streven maart").
    note: str | None = None
    #: Whether the cell itself says the deadline moved ("uitgesteld naar 2027").
    postponed: bool = False
    #: The earlier deadline as written ("Q3 26" in "Q1 2027 (was Q3 26)").
    was: str | None = None
