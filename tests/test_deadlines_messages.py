"""Exact messages for deadline texts that are refused, where a vaguer message would mislead.

Two numbers without a year ("12/26", "03-26") are read day-first only. When they
cannot be a day and a month, or no year is given, the message names every reading
that exists (month and year, day and month, or month and day written the American
way) and suggests one only when exactly one exists; it never says "the year is
missing" for a text that may well contain its year.
"""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError

EXAMPLES = "'4-3-24', 'mrt 24', 'Q3 24', 'Q3/Q4 24', '2024', 'doorlopend' of 'n.t.b.'"
MISSING_YEAR = (
    "het jaar ontbreekt; schrijf het jaar erbij, of zet 'jaar:' bovenaan het spoorboekje of "
    "bij het thema"
)

MESSAGES = [
    (
        "12/26",
        None,
        "'12/26': '12/26' is niet eenduidig: het kan december 2026 (maand-jaar) of "
        "26 december (maand-dag) zijn; schrijf de maand als woord: 'december 2026' of "
        "'26 december'; bij een dag hoort ook het jaar",
    ),
    (
        "12/26",
        2026,
        "'12/26': '12/26' is niet eenduidig: het kan december 2026 (maand-jaar) of "
        "26 december 2026 (maand-dag) zijn; schrijf de maand als woord: 'december 2026' of "
        "'26 december 2026'",
    ),
    (
        "03-26",
        None,
        "'03-26': '03-26' is niet eenduidig: het kan maart 2026 (maand-jaar) of 26 maart "
        "(maand-dag) zijn; schrijf de maand als woord: 'maart 2026' of '26 maart'; bij een "
        "dag hoort ook het jaar",
    ),
    (
        "4.27",
        2025,
        "'4.27': '4.27' is niet eenduidig: het kan april 2027 (maand-jaar) of 27 april 2025 "
        "(maand-dag) zijn; schrijf de maand als woord: 'april 2027' of '27 april 2025'",
    ),
    (
        "uiterlijk 12/26",
        None,
        "'uiterlijk 12/26': '12/26' is niet eenduidig: het kan december 2026 (maand-jaar) of "
        "26 december (maand-dag) zijn; schrijf de maand als woord: 'december 2026' of "
        "'26 december'; bij een dag hoort ook het jaar",
    ),
    (
        "12/12",
        None,
        "'12/12': '12/12' is niet eenduidig: het kan 12 december (dag-maand) of december "
        "2012 (maand-jaar) zijn; schrijf de maand als woord: '12 december' of "
        "'december 2012'; bij een dag hoort ook het jaar",
    ),
    # One reading only: then, and only then, a suggestion.
    (
        "3/45",
        None,
        "'3/45': '3/45' is geen dag en maand; bedoelt u maart 2045 (maand-jaar)? "
        "Schrijf dan 'maart 2045'",
    ),
    (
        "2/30",
        2026,
        "'2/30': '2/30' is geen dag en maand; bedoelt u februari 2030 (maand-jaar)? "
        "Schrijf dan 'februari 2030'",
    ),
    # No reading at all: not "the year is missing".
    (
        "13/26",
        None,
        f"'13/26': '13/26' is geen dag en maand, en geen maand en jaar; "
        f"schrijf bijvoorbeeld {EXAMPLES}",
    ),
    (
        "00-26",
        None,
        f"'00-26': '00-26' is geen dag en maand, en geen maand en jaar; "
        f"schrijf bijvoorbeeld {EXAMPLES}",
    ),
    # Only a day and a month: the usual messages are right and stay.
    ("1/7", None, f"'1/7': {MISSING_YEAR}"),
    ("31-12", None, f"'31-12': {MISSING_YEAR}"),
    ("29/2", None, f"'29/2': {MISSING_YEAR}"),
    ("29/2", 2026, "'29/2': 29/2 bestaat niet (februari 2026 heeft 28 dagen)"),
    ("31-04", 2026, "'31-04': 31-04 bestaat niet (april 2026 heeft 30 dagen)"),
]


@pytest.mark.parametrize(("text", "year", "message"), MESSAGES)
def test_two_numbers_without_a_year(text: str, year: int | None, message: str) -> None:
    """Each refused text gets exactly this message."""
    with pytest.raises(DeadlineError) as refused:
        parse_deadline(text, year=year)
    assert str(refused.value) == message


@pytest.mark.parametrize(("text", "year"), [("1/7", 2026), ("12/12", 2026), ("31-12", 2025)])
def test_a_day_and_a_month_with_the_plans_year_is_still_read(text: str, year: int) -> None:
    """Day-first with the plan's year is unchanged: "1/7" is 1 July of that year."""
    period = parse_deadline(text, year=year)
    day, month = (int(n) for n in text.replace("-", "/").split("/"))
    assert period.begin == period.deadline == date(year, month, day)


# Found by printing every refused phrase of tests/test_deadline_corpus.py with its message.
AUDITED = [
    # "week 12/26" is a week and a year or two weeks, not a month: its own message stays.
    (
        "week 12/26",
        "'week 12/26': 'week 12/26' kan week 12 van 2026 zijn of weken 12 t/m 26; "
        "schrijf het jaar voluit",
    ),
    # The word as written, not the word it stands for ("start" is read as "begin").
    ("Start 1 maart 2026", "'Start 1 maart 2026': 'start' past niet bij een dag"),
    ("begin 1 maart 2026", "'begin 1 maart 2026': 'begin' past niet bij een dag"),
    ("halverwege week 12 2026", "'halverwege week 12 2026': 'halverwege' past niet bij een week"),
    # A longer word is no typo: the spring memo is not the spring, the budget for 2027
    # is adopted in 2026. No suggestion that would give a wrong date.
    (
        "Voorjaarsnota 2026",
        "'Voorjaarsnota 2026' is geen bekende datum of periode: 'voorjaarsnota' begrijp ik "
        f"niet; schrijf bijvoorbeeld {EXAMPLES}",
    ),
    (
        "Begroting 2027",
        "'Begroting 2027' is geen bekende datum of periode: 'begroting' begrijp ik niet; "
        f"schrijf bijvoorbeeld {EXAMPLES}",
    ),
    # A real typo still gets its suggestion.
    (
        "maat 2026",
        "'maat 2026' is geen bekende datum of periode: 'maat' begrijp ik niet (bedoelt u "
        f"'maart'?); schrijf bijvoorbeeld {EXAMPLES}",
    ),
]


@pytest.mark.parametrize(("text", "message"), AUDITED)
def test_refused_phrases_say_what_is_wrong(text: str, message: str) -> None:
    """Each refused phrase gets exactly this message, and none misleads."""
    with pytest.raises(DeadlineError) as refused:
        parse_deadline(text)
    assert str(refused.value) == message


@pytest.mark.parametrize("separator", [" t/m ", " tm ", " tot en met ", "/", " - "])
def test_medio_through_end_is_a_span(separator: str) -> None:
    """"medio t/m eind 2026" runs from mid-2026 to the end of 2026; it was read as the
    middle of "t/m eind 2026" (November), a date nobody meant."""
    period = parse_deadline(f"medio{separator}eind 2026")
    assert (period.begin, period.deadline) == (date(2026, 6, 1), date(2026, 12, 31))
