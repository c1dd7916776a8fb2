"""Cells that got a date their writer did not mean (review of 2 December 2026): a year
written only in parentheses, a second period in parentheses, a postponement without a
year, a month and two digits that may be a day. Each is now refused with a message that
names both readings or asks for the year; the forms next to them keep their reading."""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError
from limnorm.core.period import Period, PeriodKind

_NO_YEAR = "het jaar van het spoorboekje kan een ander zijn dan bedoeld; schrijf het jaar erbij"

REFUSED = [
    # A year only in parentheses: the plan's year (2025) would have taken its place.
    ("Q3 (was Q1 2026)", 2025,
     f"'Q3 (was Q1 2026)': bij de deadline buiten de haakjes ('Q3') staat geen jaar; {_NO_YEAR}"),
    ("december (2026)", 2025,
     f"'december (2026)': bij de deadline buiten de haakjes ('december') staat geen jaar; "
     f"{_NO_YEAR}"),
    ("Q3 (2026)", None,
     f"'Q3 (2026)': bij de deadline buiten de haakjes ('Q3') staat geen jaar; {_NO_YEAR}"),
    ("1 juli ('27)", 2026,
     f"'1 juli ('27)': bij de deadline buiten de haakjes ('1 juli') staat geen jaar; {_NO_YEAR}"),
    # A narrower or another period in parentheses would change the deadline.
    ("2026 (Q3)", None,
     "'2026 (Q3)': tussen haakjes staat een andere periode ('Q3') dan de deadline; schrijf "
     "één deadline, en tussen haakjes alleen een toelichting"),
    ("Q2 2026 (september)", None,
     "'Q2 2026 (september)': tussen haakjes staat een andere periode ('september') dan de "
     "deadline; schrijf één deadline, en tussen haakjes alleen een toelichting"),
    # A postponement read with the plan's year may lie before the deadline it replaced.
    ("uitgesteld naar Q1", 2026,
     f"'uitgesteld naar Q1': bij een uitstel ('Q1') staat geen jaar; {_NO_YEAR}"),
    ("verschoven naar januari", 2026,
     f"'verschoven naar januari': bij een uitstel ('januari') staat geen jaar; {_NO_YEAR}"),
    # A month and two digits, in a plan with a year: a day, or a two-digit year?
    ("juni 15", 2026,
     "'juni 15': dit kan juni 2015 zijn of 15 juni 2026; schrijf 'juni 2015' of '15 juni'"),
    ("Sep 30", 2026,
     "'Sep 30': dit kan september 2030 zijn of 30 september 2026; schrijf 'september 2030' "
     "of '30 september'"),
    ("mrt-26", 2026,
     "'mrt-26': dit kan maart 2026 zijn of 26 maart 2026; schrijf 'maart 2026' of '26 maart'"),
    # A week number and a two-digit year written against each other (was: week 20 of 2026).
    ("week 2026", None,
     "'week 2026': het weeknummer en het jaar staan aan elkaar; schrijf ze met een spatie "
     "ertussen, zoals 'week 12 2026'"),
    ("wk 526", 2026,
     "'wk 526': het weeknummer en het jaar staan aan elkaar; schrijf ze met een spatie "
     "ertussen, zoals 'week 12 2026'"),
    # "-" between a week and two digits stays ambiguous; the message quotes it as written.
    ("week 12 - 14", 2026,
     "'week 12 - 14': 'week 12 - 14' kan week 12 van 2014 zijn of weken 12 t/m 14; schrijf "
     "het jaar voluit"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "message"), REFUSED)
def test_a_cell_with_two_readings_is_refused(text: str, year: int | None, message: str) -> None:
    """Never a date the writer did not mean: the exact message, naming what to write."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, year=year)
    assert str(caught.value) == message


K = PeriodKind

KEPT = [
    # The same forms with the year where it belongs.
    ("Q3 2026 (was Q1 2026)", 2025,
     Period(date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL, postponed=True, was="Q1 2026")),
    ("december 2026 (2026)", None,
     Period(date(2026, 12, 1), date(2026, 12, 31), K.MAAND, note="2026")),
    ("uitgesteld naar Q1 2027", 2026,
     Period(date(2027, 1, 1), date(2027, 3, 31), K.KWARTAAL, postponed=True)),
    # "dit jaar" names the plan's year itself.
    ("uitgesteld naar eind dit jaar", 2026,
     Period(date(2026, 10, 1), date(2026, 12, 31), K.KWARTAAL, postponed=True)),
    # A note that repeats (contains) the deadline, or is a soft deadline, stays a note.
    ("1 juli 2026 (week 27)", None,
     Period(date(2026, 7, 1), date(2026, 7, 1), K.DAG, note="week 27")),
    ("Q2 2026 (onder voorbehoud)", 2025,
     Period(date(2026, 4, 1), date(2026, 6, 30), K.KWARTAAL, note="onder voorbehoud")),
    ("Uiterlijk 1 juli 2026 (streven 1 mei)", None,
     Period(date(2026, 7, 1), date(2026, 7, 1), K.DAG, note="streven 1 mei")),
    ("Q3 2026 (besluit 2025)", None,
     Period(date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL, note="besluit 2025")),
    # A month and two digits: a year without a plan year, or with an apostrophe, or when
    # the number cannot be a day of that month.
    ("juni 15", None, Period(date(2015, 6, 1), date(2015, 6, 30), K.MAAND)),
    ("juni '15", 2026, Period(date(2015, 6, 1), date(2015, 6, 30), K.MAAND)),
    ("jun 45", 2026, Period(date(2045, 6, 1), date(2045, 6, 30), K.MAAND)),
    ("nov 24 - feb 25", 2026, Period(date(2024, 11, 1), date(2025, 2, 28), K.PERIODE)),
    # After "t/m" two digits are the last week, not a year (was refused as week 12 of 2014).
    ("week 12 t/m 14", 2026, Period(date(2026, 3, 16), date(2026, 4, 5), K.PERIODE)),
    ("wk 12 tm 14", 2026, Period(date(2026, 3, 16), date(2026, 4, 5), K.PERIODE)),
    ("week 12 2026", None, Period(date(2026, 3, 16), date(2026, 3, 22), K.WEEK)),
    # "was X, nu Y" names the earlier deadline, as "(was X)" does; "eerst overleg" is a note.
    ("was Q3 26, nu Q1 27", None,
     Period(date(2027, 1, 1), date(2027, 3, 31), K.KWARTAAL, postponed=True, was="Q3 26")),
    ("eerst overleg, Q3 2026", None,
     Period(date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL, note="eerst overleg")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "period"), KEPT)
def test_the_forms_next_to_them_keep_their_reading(
    text: str, year: int | None, period: Period
) -> None:
    """The refusals above take nothing from the forms that were right."""
    assert parse_deadline(text, year=year) == period
