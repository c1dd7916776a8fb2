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
from hypothesis import given
from hypothesis import strategies as st

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
    ("Start 1 maart 2026", "'Start 1 maart 2026': 'Start' past niet bij een dag"),
    ("begin 1 maart 2026", "'begin 1 maart 2026': 'begin' past niet bij een dag"),
    ("halverwege week 12 2026", "'halverwege week 12 2026': 'halverwege' past niet bij een week"),
    # A longer word is no typo: the spring memo is not the spring, the budget for 2027
    # is adopted in 2026. No suggestion that would give a wrong date.
    (
        "Voorjaarsnota 2026",
        "'Voorjaarsnota 2026' is geen bekende datum of periode: 'Voorjaarsnota' begrijp ik "
        f"niet; schrijf bijvoorbeeld {EXAMPLES}",
    ),
    (
        "Begroting 2027",
        "'Begroting 2027' is geen bekende datum of periode: 'Begroting' begrijp ik niet; "
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


# A message shows the text as the user wrote it and days as the tables write them ("1 okt
# 2027"), never the grammar's lower-cased text or an ISO day.
AS_WRITTEN = [
    (
        "eind 2027 t/m begin 2027",
        None,
        "'eind 2027 t/m begin 2027': het begin (1 okt 2027) ligt na het eind (31 mrt 2027)",
    ),
    ("Start 1 Maart 2026", None, "'Start 1 Maart 2026': 'Start' past niet bij een dag"),
    ("Eind Week 10 2026", None, "'Eind Week 10 2026': 'Eind' past niet bij een week"),
    (
        "VRIJDAG juli 2026",
        None,
        "'VRIJDAG juli 2026': een weekdag ('VRIJDAG') hoort alleen bij een dag",
    ),
    ("Vrijdag 3-3-2026", None, "'Vrijdag 3-3-2026': 3 mrt 2026 is een dinsdag, geen vrijdag"),
    (
        "31 Feb. 2026",
        None,
        "'31 Feb. 2026': 31 Feb. 2026 bestaat niet (februari 2026 heeft 28 dagen)",
    ),
    (
        "Winter 2026/2028",
        None,
        "'Winter 2026/2028': de twee jaren moeten op elkaar volgen; schrijf bijvoorbeeld "
        "'winter 2026/2027'",
    ),
    (
        "Week 12/26",
        None,
        "'Week 12/26': 'Week 12/26' kan week 12 van 2026 zijn of weken 12 t/m 26; "
        "schrijf het jaar voluit",
    ),
    # "van" and "-" were shown as the grammar joined them: 'week 12-26'.
    (
        "van Week 12 - 26",
        None,
        "'van Week 12 - 26': 'Week 12 - 26' kan week 12 van 2026 zijn of weken 12 t/m 26; "
        "schrijf het jaar voluit",
    ),
    (
        "Nov. - Feb.",
        2026,
        "'Nov. - Feb.': 'Nov.' tot 'Feb.' loopt over de jaargrens; schrijf de jaren erbij",
    ),
    (
        "2026 - Vanaf 2027",
        None,
        "'2026 - Vanaf 2027': 'Vanaf 2027' kan niet het eind van een periode zijn",
    ),
    (
        "Voor Vanaf 2026",
        None,
        "'Voor Vanaf 2026': 'Voor Vanaf 2026' heeft geen vaste periode om naar te verwijzen",
    ),
    (
        "1 Julli 2026",
        None,
        "'1 Julli 2026' is geen bekende datum of periode: 'Julli' begrijp ik niet (bedoelt u "
        f"'juli'?); schrijf bijvoorbeeld {EXAMPLES}",
    ),
]


@pytest.mark.parametrize(("text", "year", "message"), AS_WRITTEN)
def test_messages_show_the_text_as_written_and_days_as_the_tables_do(
    text: str, year: int | None, message: str
) -> None:
    """A civil servant reads "Start" and "1 okt 2027" in the message, as in the cell and the
    tables, not the grammar's 'start' or "2027-10-01"."""
    with pytest.raises(DeadlineError) as refused:
        parse_deadline(text, year=year)
    assert str(refused.value) == message


# A bare number after "t/m" (or "en", "of", "&", "+") and a form without a year: "26" may be
# 2026, week 26 or the 26th, and even "Q2 t/m 2026" may be Q2 2026 or Q2 to the end of 2026.
# A fout that says what to write, never a reading. A "/" or "-" joins a form and its year
# ("Q2/26", "Q2-26", "Q4 - 2026", documented and in the corpus) and stays; so do spans whose
# year is written once at the end ("nov - feb 2027") and weeks after "t/m" ("week 12 t/m 26").
Q2_26 = (
    "na 't/m' kan '26' een jaar, een week of een dag zijn; schrijf het eind voluit, zoals "
    "'Q2 t/m Q4 2026' of 'Q2 2026 t/m week 26'"
)
BARE_END: list[tuple[str, int | None, tuple[date, date] | str]] = [
    ("Q2 t/m 26", None, f"'Q2 t/m 26': {Q2_26}"),
    ("Q2 t/m 26", 2026, f"'Q2 t/m 26': {Q2_26}"),
    ("van Q2 t/m 26", None, f"'van Q2 t/m 26': {Q2_26}"),
    (
        "q2 tm 26",
        None,
        "'q2 tm 26': na 'tm' kan '26' een jaar, een week of een dag zijn; schrijf het eind "
        "voluit, zoals 'q2 t/m Q4 2026' of 'q2 2026 t/m week 26'",
    ),
    (
        "Q2 tot en met 26",
        None,
        "'Q2 tot en met 26': na 'tot en met' kan '26' een jaar, een week of een dag zijn; "
        "schrijf het eind voluit, zoals 'Q2 t/m Q4 2026' of 'Q2 2026 t/m week 26'",
    ),
    (
        "Q2 en 26",
        None,
        "'Q2 en 26': na 'en' kan '26' een jaar, een week of een dag zijn; schrijf het eind "
        "voluit, zoals 'Q2 t/m Q4 2026' of 'Q2 2026 t/m week 26'",
    ),
    (
        "Q1, Q2 en 26",
        None,
        "'Q1, Q2 en 26': na 'en' kan '26' een jaar, een week of een dag zijn; schrijf het "
        "eind voluit, zoals 'Q1 t/m Q4 2026' of 'Q1 2026 t/m week 26'",
    ),
    (
        "jan t/m 26",
        None,
        "'jan t/m 26': na 't/m' kan '26' een jaar, een week of een dag zijn; schrijf het eind "
        "voluit, zoals 'jan t/m dec 2026' of 'jan 2026 t/m week 26'",
    ),
    (
        "H1 t/m 40",
        None,
        "'H1 t/m 40': na 't/m' kan '40' een jaar of een week zijn; schrijf het eind voluit, "
        "zoals 'H1 t/m H2 2040' of 'H1 2040 t/m week 40'",
    ),
    (
        "Q2 t/m '26",
        None,
        "'Q2 t/m '26': na 't/m' staat alleen een jaar: is het Q2 2026, of Q2 t/m Q4 2026? "
        "Schrijf 'Q2 2026' of 'Q2 t/m Q4 2026'",
    ),
    (
        "Q2 t/m 2026",
        None,
        "'Q2 t/m 2026': na 't/m' staat alleen een jaar: is het Q2 2026, of Q2 t/m Q4 2026? "
        "Schrijf 'Q2 2026' of 'Q2 t/m Q4 2026'",
    ),
    (
        "Jan. t/m 2026",
        2026,
        "'Jan. t/m 2026': na 't/m' staat alleen een jaar: is het Jan. 2026, of Jan. t/m dec "
        "2026? Schrijf 'Jan. 2026' of 'Jan. t/m dec 2026'",
    ),
    (
        "Q2 t/m 60",
        None,
        "'Q2 t/m 60': na 't/m' staat alleen een jaar: is het Q2 2060, of Q2 t/m Q4 2060? "
        "Schrijf 'Q2 2060' of 'Q2 t/m Q4 2060'",
    ),
    (
        "week 12 t/m 2026",
        None,
        "'week 12 t/m 2026': na 't/m' staat alleen een jaar: is het week 12 2026, of week 12 "
        "t/m eind 2026? Schrijf 'week 12 2026' of 'week 12 t/m eind 2026'",
    ),
    ("Q5 t/m 26", None, "'Q5 t/m 26': Q5 bestaat niet; een jaar heeft er 4 (Q1 t/m Q4)"),
    # Kept: a form and its year, a year written once at the end, weeks after "t/m".
    ("Q2 - 26", None, (date(2026, 4, 1), date(2026, 6, 30))),
    ("Q2-26", None, (date(2026, 4, 1), date(2026, 6, 30))),
    ("Q2/26", 2026, (date(2026, 4, 1), date(2026, 6, 30))),
    ("Q2 / 2026", None, (date(2026, 4, 1), date(2026, 6, 30))),
    ("jan - 26", None, (date(2026, 1, 1), date(2026, 1, 31))),
    ("Q2 t/m Q4 26", None, (date(2026, 4, 1), date(2026, 12, 31))),
    ("nov - feb 2027", None, (date(2026, 11, 1), date(2027, 2, 28))),
    ("december-januari 2026", None, (date(2025, 12, 1), date(2026, 1, 31))),
    ("week 12 t/m 26", 2026, (date(2026, 3, 16), date(2026, 6, 28))),
    ("2026 t/m 2028", None, (date(2026, 1, 1), date(2028, 12, 31))),
    ("Q1, Q2 en Q3 2026", None, (date(2026, 1, 1), date(2026, 9, 30))),
    # What the messages above suggest is read as meant.
    ("Q2 t/m Q4 2026", None, (date(2026, 4, 1), date(2026, 12, 31))),
    ("Q2 2026 t/m week 26", None, (date(2026, 4, 1), date(2026, 6, 28))),
    ("jan 2026 t/m week 26", None, (date(2026, 1, 1), date(2026, 6, 28))),
    ("jan t/m dec 2026", None, (date(2026, 1, 1), date(2026, 12, 31))),
    ("H1 t/m H2 2040", None, (date(2040, 1, 1), date(2040, 12, 31))),
    ("week 12 t/m eind 2026", None, (date(2026, 3, 16), date(2026, 12, 31))),
]


@pytest.mark.parametrize(("text", "year", "expected"), BARE_END)
def test_a_bare_number_after_through_is_refused_not_guessed(
    text: str, year: int | None, expected: tuple[date, date] | str
) -> None:
    """'Q2 t/m 26' was read as Q2 2026, a guess: "26" may be week 26 or the 26th. It is a
    fout that says what to write; the forms that join a form and its year stay."""
    if isinstance(expected, str):
        with pytest.raises(DeadlineError) as refused:
            parse_deadline(text, year=year)
        assert str(refused.value) == expected
    else:
        period = parse_deadline(text, year=year)
        assert (period.begin, period.deadline) == expected


WRITTEN = st.text(alphabet="0123456789-/.:, QqKkWwHhTtJjAaNnMmRrPpVvBbGgDdIiUuZzOoCcEe'’()", max_size=30)


@given(WRITTEN)
def test_no_message_shows_the_grammars_marks(text: str) -> None:
    """The grammar marks the pieces of a message that parse_deadline shows as written; no
    mark reaches the user, whatever the text, its capitals and dots."""
    try:
        parse_deadline(text)
    except DeadlineError as error:
        shown = str(error).replace(text, "")
        assert "\x1e" not in shown
        assert "\x1f" not in shown
