"""Month arithmetic (core.calendar) against independent oracles: the standard library's
``calendar`` for month steps, day counting with ``date`` ordinals for month lengths."""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core import calendar

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
MONTHS = st.tuples(st.integers(1900, 2199), st.integers(1, 12))


def _length_by_counting(year: int, month: int) -> int:
    """Days from the first of the month to the first of the next, counted by ordinals."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return following.toordinal() - date(year, month, 1).toordinal()


@given(MONTHS)
def test_days_in_month_counts_the_days(year_month: tuple[int, int]) -> None:
    """Every month of 1900-2199 has as many days as lie between its first and the next."""
    assert calendar.days_in_month(*year_month) == _length_by_counting(*year_month)


@pytest.mark.parametrize(
    ("year", "days"), [(2024, 29), (2023, 28), (1900, 28), (2000, 29), (2100, 28), (2096, 29)]
)
def test_february_follows_the_leap_year_rule(year: int, days: int) -> None:
    """Every fourth year, except centuries, except every fourth century."""
    assert calendar.days_in_month(year, 2) == days
    assert calendar.month_end(year, 2) == date(year, 2, days)


@given(DAYS, st.integers(-60, 60))
def test_add_months_against_the_standard_calendar(day: date, months: int) -> None:
    """A month step lands on the same day of the month, or on the month's last day when
    that month is shorter (31 jan + 1 = 29 feb in 2024), per stdlib ``monthrange``."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        return
    last = stdlib_calendar.monthrange(year, month)[1]
    assert calendar.add_months(day, months) == date(year, month, min(day.day, last))


@given(MONTHS, st.integers(1, 24))
def test_month_span_runs_from_first_to_last_day(year_month: tuple[int, int], count: int) -> None:
    """``count`` months from a first month: begins on its first day, ends on a month's last
    day, and covers exactly ``count`` months."""
    year, first = year_month
    begin, end = calendar.month_span(year, first, count)
    assert begin == date(year, first, 1)
    assert (end + timedelta(days=1)).day == 1
    assert (end.year * 12 + end.month) - (year * 12 + first) == count - 1


@pytest.mark.parametrize(
    ("day", "quarter", "start"),
    [(date(2024, 1, 1), 1, date(2024, 1, 1)), (date(2024, 3, 31), 1, date(2024, 1, 1)),
     (date(2024, 4, 1), 2, date(2024, 4, 1)), (date(2024, 12, 31), 4, date(2024, 10, 1))],
)  # fmt: skip
def test_quarters(day: date, quarter: int, start: date) -> None:
    """Quarters of three months from January."""
    assert calendar.quarter(day) == quarter
    assert calendar.quarter_start(day) == start


def test_days_in_month_agrees_with_the_standard_library() -> None:
    """The month-length table and leap rule give what ``calendar.monthrange`` gives, for
    every month limnorm accepts (1900-2199)."""
    wrong = [
        (year, month)
        for year in range(1900, 2200)
        for month in range(1, 13)
        if calendar.days_in_month(year, month) != stdlib_calendar.monthrange(year, month)[1]
    ]
    assert wrong == []
