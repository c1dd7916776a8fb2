"""Month arithmetic, in one place: month lengths, month ends, steps of whole months.

Steps of months use dateutil's ``relativedelta``: a step that lands on a day the
month does not have ends on that month's last day (31 January + 1 month is
28 or 29 February), which is what people mean by "a month later". Month lengths
come from a table with the leap rule (see below): the deadline grammar asks for
them for every action, and a relativedelta to the month end takes 13 µs.
Measured on top of limnorm's own imports: ``calendar`` 1.5-2.5 ms,
``dateutil.relativedelta`` (which imports ``calendar``) 2.9-3.8 ms.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

# Month lengths from a table and the Gregorian leap rule rather than
# ``calendar.monthrange``, which also computes the weekday of the 1st: the grammar asks
# for a month end for almost every deadline, and the table keeps the engine at 2x
# dateutil (benchmarks/deadlines.py: mixed list 1.8x with monthrange). Tested against
# the standard library's ``calendar`` in tests/test_calendar.py.
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The number of days in a month (``month`` 1-12)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def month_end(year: int, month: int) -> date:
    """The last day of a month (``month`` 1-12)."""
    return date(year, month, days_in_month(year, month))


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (negative: back), kept within the month it lands in:
    31 January + 1 month is the last day of February."""
    result: date = day + relativedelta(months=months)
    return result


def months_after(year: int, month: int, count: int) -> tuple[int, int]:
    """The ``(year, month)`` that lies ``count`` months after ``month`` of ``year``
    (``count`` may be negative, ``month`` above 12 runs into later years)."""
    moved = add_months(date(year, 1, 1), month - 1 + count)
    return moved.year, moved.month


def month_span(year: int, first: int, count: int) -> tuple[date, date]:
    """First and last day of ``count`` months from ``first`` of ``year`` (may cross years)."""
    last_year, last_month = months_after(year, first, count - 1)
    return date(year, first, 1), month_end(last_year, last_month)


def quarter(day: date) -> int:
    """The quarter (1-4) ``day`` falls in."""
    return (day.month - 1) // 3 + 1


def quarter_start(day: date) -> date:
    """The first day of the quarter ``day`` falls in."""
    return date(day.year, 3 * quarter(day) - 2, 1)
