"""Two deadlines in one cell, in either order: the hard one (uiterlijk) is the deadline.

Protects against a silent wrong date found in review: with the hard part first
("uiterlijk 30 april 2026, streven maart"), the cell was read as a span from
the hard date to the soft month *of the next year*. Expected dates are written
out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError


@pytest.mark.parametrize(
    ("text", "begin", "deadline", "note"),
    [
        ("uiterlijk 30 april 2026, streven maart", date(2026, 4, 30), date(2026, 4, 30),
         "streven maart"),
        ("uiterlijk Q2 2026, streven Q1", date(2026, 4, 1), date(2026, 6, 30), "streven Q1"),
        ("uiterlijk juni 2026, streven mei", date(2026, 6, 1), date(2026, 6, 30), "streven mei"),
        ("Uiterlijk 1-9-2025; streven 1-6-2025", date(2025, 9, 1), date(2025, 9, 1),
         "streven 1-6-2025"),
        ("streven maart, uiterlijk 30 april 2026", date(2026, 4, 30), date(2026, 4, 30),
         "streven maart"),
    ],
)  # fmt: skip
def test_the_hard_deadline_wins_in_either_order(
    text: str, begin: date, deadline: date, note: str
) -> None:
    """The uiterlijk part gives the period; the other part is kept as the note."""
    period = parse_deadline(text)
    assert (period.begin, period.deadline) == (begin, deadline)
    assert period.note == note


@pytest.mark.parametrize("text", ["mei 2026, maart", "november 2026, februari"])
def test_a_yearless_part_after_a_comma_is_no_span_into_next_year(text: str) -> None:
    """ "mei 2026, maart" names no year for maart: refused, never March of 2027."""
    with pytest.raises(DeadlineError, match="jaar ontbreekt"):
        parse_deadline(text)


def test_a_comma_span_with_both_years_still_reads() -> None:
    """ "eind 2026, begin 2027" keeps its reading: the last part of 2026 to the first of 2027."""
    period = parse_deadline("eind 2026, begin 2027")
    assert (period.begin, period.deadline) == (date(2026, 10, 1), date(2027, 3, 31))
