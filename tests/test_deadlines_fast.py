"""The engine's fast path reads the common exact forms as the general reader does.

Expectations come from the stdlib (``calendar.monthrange``, ``date.fromisocalendar``)
and from the rules in README ("Hoe wanneer gelezen wordt"), never from the engine:
each generated text is read once with the fast path and once without it, and both
readings must equal the expectation. A second property generates near misses of
the fast-path forms (wrong numbers, unknown words, missing years) and checks that
both readers give the same answer, period or message.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from limnorm.core import deadlines
from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError
from limnorm.core.period import Period, PeriodKind

K = PeriodKind
D = date
NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
         "september", "oktober", "november", "december")  # fmt: skip
SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
ORDINALS = ("eerste", "tweede", "derde", "vierde")
SEASONS = {"voorjaar": 3, "lente": 3, "zomer": 6, "najaar": 9, "herfst": 9}


def last_day(year: int, month: int) -> date:
    return D(year, month, calendar.monthrange(year, month)[1])


def months(year: int, first: int, count: int, kind: K) -> Period:
    end = first + count - 1
    return Period(D(year, first, 1), last_day(year + (end - 1) // 12, (end - 1) % 12 + 1), kind)


# A base form: (text, expected period). Each strategy writes one class several ways.
Base = tuple[str, Period]
YEARS = st.integers(1990, 2120)
YEARS_2000S = st.integers(2000, 2099)  # two-digit years mean 20yy


@st.composite
def days(draw: st.DrawFn) -> Base:
    day = draw(st.dates(D(2000, 1, 1), D(2099, 12, 31)))
    d, m, y = day.day, day.month, day.year
    text = draw(
        st.sampled_from(
            [
                day.isoformat(),
                f"{d}-{m}-{y}",
                f"{d:02d}/{m:02d}/{y}",
                f"{d}.{m}.{y % 100:02d}",
                f"{d} {NAMES[m - 1]} {y}",
                f"{d} {SHORT[m - 1]} {y}",
                f"{d}-{SHORT[m - 1]}-{y % 100:02d}",
                f"{d}e {NAMES[m - 1]} {y}",
            ]
        )
    )
    return text, Period(day, day, K.DAG)


@st.composite
def named_months(draw: st.DrawFn) -> Base:
    y, m = draw(YEARS_2000S), draw(st.integers(1, 12))
    text = draw(
        st.sampled_from(
            [f"{NAMES[m - 1]} {y}", f"{SHORT[m - 1]} {y}", f"{NAMES[m - 1]} '{y % 100:02d}",
             f"{SHORT[m - 1]}-{y % 100:02d}", f"{m}-{y}", f"{m:02d}.{y}", f"{m}/{y}"]
        )
    )  # fmt: skip
    return text, months(y, m, 1, K.MAAND)


@st.composite
def parts(draw: st.DrawFn) -> Base:
    y = draw(YEARS)
    unit, size, kind, letters = draw(
        st.sampled_from(
            [
                ("kwartaal", 3, K.KWARTAAL, ("Q", "q", "K", "kw", "KW")),
                ("helft", 6, K.HALFJAAR, ("H", "h")),
                ("tertiaal", 4, K.TERTIAAL, ("T", "t")),
            ]
        )
    )
    n = draw(st.integers(1, 12 // size))
    letter = draw(st.sampled_from(letters))
    texts = [f"{letter}{n} {y}", f"{letter}{n}-{y}", f"{letter}{n}/{y}", f"{n}e {unit} {y}"]
    if n <= len(ORDINALS):
        texts.append(f"{ORDINALS[n - 1]} {unit} {y}")
    if 2000 <= y <= 2099:
        texts.append(f"{letter}{n} {y % 100:02d}")
    return draw(st.sampled_from(texts)), months(y, (n - 1) * size + 1, size, kind)


@st.composite
def weeks(draw: st.DrawFn) -> Base:
    y = draw(YEARS)
    w = draw(st.integers(1, D(y, 12, 28).isocalendar()[1]))
    monday = D.fromisocalendar(y, w, 1)
    text = draw(st.sampled_from([f"week {w} {y}", f"wk {w} {y}", f"W{w} {y}", f"week {w}-{y}"]))
    return text, Period(monday, monday + timedelta(days=6), K.WEEK)


@st.composite
def seasons(draw: st.DrawFn) -> Base:
    y, word = draw(YEARS), draw(st.sampled_from(sorted(SEASONS)))
    return f"{word} {y}", months(y, SEASONS[word], 3, K.SEIZOEN)


@st.composite
def years(draw: st.DrawFn) -> Base:
    y = draw(YEARS_2000S)
    text = draw(st.sampled_from([str(y), f"'{y % 100:02d}"]))
    return text, Period(D(y, 1, 1), D(y, 12, 31), K.JAAR)


BASES = {"dag": days(), "maand": named_months(), "kwartaal, helft, tertiaal": parts(),
         "week": weeks(), "seizoen": seasons(), "jaar": years()}  # fmt: skip


def begin_of(p: Period) -> Period | None:
    assert p.begin is not None
    if p.kind is K.JAAR:
        return months(p.begin.year, 1, 3, K.KWARTAAL)
    if p.kind is K.MAAND:
        return Period(p.begin, p.begin.replace(day=10), K.PERIODE)
    if p.kind in (K.KWARTAAL, K.HALFJAAR, K.TERTIAAL, K.SEIZOEN):
        return months(p.begin.year, p.begin.month, 1, K.MAAND)
    return None


def middle_of(p: Period) -> Period | None:
    assert p.begin is not None
    if p.kind is K.JAAR:
        return months(p.begin.year, 6, 2, K.PERIODE)
    if p.kind is K.MAAND:
        return Period(p.begin.replace(day=11), p.begin.replace(day=20), K.PERIODE)
    if p.kind in (K.KWARTAAL, K.SEIZOEN):
        return months(p.begin.year, p.begin.month + 1, 1, K.MAAND)
    return None


def end_of(p: Period) -> Period | None:
    assert p.deadline is not None
    if p.kind is K.JAAR:
        return months(p.deadline.year, 10, 3, K.KWARTAAL)
    if p.kind is K.MAAND:
        return Period(p.deadline.replace(day=21), p.deadline, K.PERIODE)
    if p.kind in (K.KWARTAAL, K.HALFJAAR, K.TERTIAAL, K.SEIZOEN):
        return months(p.deadline.year, p.deadline.month, 1, K.MAAND)
    return None


def before(p: Period) -> Period:
    assert p.begin is not None
    day = p.begin - timedelta(days=1)
    return Period(day, day, K.DAG)


# The README's rules for the words before a form; None: the word does not fit the form.
MODIFIERS: dict[str, Callable[[Period], Period | None]] = {
    "": lambda p: p,
    "in ": lambda p: p,
    "op ": lambda p: p,
    "rond ": lambda p: p,
    "uiterlijk ": lambda p: p,
    "in de loop van ": lambda p: p,
    "in het ": lambda p: p,
    "planning ": lambda p: p,
    "looptijd ": lambda p: p,
    "uiterlijk op ": lambda p: p,
    "aan het eind ": end_of,
    "tegen eind ": end_of,
    "begin ": begin_of,
    "medio ": middle_of,
    "eind ": end_of,
    "einde ": end_of,
    "voor eind ": end_of,
    "uiterlijk eind ": end_of,
    "voor ": before,
    "vanaf ": lambda p: Period(p.begin, None, K.VANAF),
}


def read_both(text: str) -> tuple[Period | str, Period | str]:
    """The reading with and without the fast path: a period, or the error message."""
    readings: list[Period | str] = []
    for fast in (True, False):
        with mock.patch.object(deadlines, "_USE_FAST", fast):
            try:
                readings.append(parse_deadline(text))
            except DeadlineError as error:
                readings.append(str(error))
    return readings[0], readings[1]


def capitalised(text: str, how: str) -> str:
    return {"lower": text, "upper": text.upper(), "title": text.capitalize()}[how]


@pytest.mark.parametrize("modifier", sorted(MODIFIERS))
@pytest.mark.parametrize("form", sorted(BASES))
@settings(max_examples=15)
@given(data=st.data(), how=st.sampled_from(["lower", "upper", "title"]))
def test_fast_and_general_reader_give_the_stdlib_period(
    modifier: str, form: str, data: st.DataObject, how: str
) -> None:
    """Each plain form, alone or after each framing word, is the period the calendar
    says, with and without the fast path; a word that does not fit the form (``begin``
    before a day) is refused by both."""
    text, period = data.draw(BASES[form])
    assert period.begin is not None
    expected: Period | None
    if modifier == "voor " and text.startswith("zomer "):
        # "voor de zomer" is the day before the summer recess (README).
        expected = Period(D(period.begin.year, 6, 30), D(period.begin.year, 6, 30), K.DAG)
    else:
        expected = MODIFIERS[modifier](period)
    written = capitalised(modifier + text, how)
    fast, general = read_both(written)
    if expected is None:
        assert isinstance(fast, str), written
    else:
        assert fast == expected, written
    assert general == fast, written


@given(YEARS_2000S, st.sampled_from(["begin", "medio", "eind", "einde"]))
def test_a_two_digit_year_after_begin_medio_eind(year: int, word: str) -> None:
    """``eind 26`` and ``eind '26`` are the end of 2026, with and without the fast path."""
    expected = MODIFIERS[f"{word} "](Period(D(year, 1, 1), D(year, 12, 31), K.JAAR))
    for text in (f"{word} {year % 100:02d}", f"{word} '{year % 100:02d}"):
        assert read_both(text) == (expected, expected), text


TOKENS = st.sampled_from(
    ["voor", "eind", "begin", "medio", "uiterlijk", "vanaf", "in", "per", "na", "van", "tot",
     "looptijd", "aan het eind", "in de loop van", "in het", "tegen", "het", "planning", "de",
     "dinsdag", "di", "zo",
     "juni", "jun", "mrt", "december", "zomer", "najaar", "winter", "jaar", "foo", "ma", "di",
     "kwartaal", "helft", "tertiaal", "week", "wk", "q2", "Q5", "h3", "t4", "w12", "W53", "kw2",
     "2e", "5e", "tweede", "vijfde", "1", "8", "12", "13", "29", "31", "32", "53", "54", "99",
     "26", "'26", "2026", "2024", "2027", "1899", "2200", "0", "00"]
)  # fmt: skip
SEPARATORS = st.sampled_from(
    [" ", " ", " ", "-", "/", ".", "", " en ", " t/m ", " tm ", " - ", " tot en met ", " tot ", ", "]
)
#: What a cell may carry around its forms: the fast path also reads what is left of it.
CELLS = st.sampled_from(
    ["{}", "{}", "{}", "{} (onder voorbehoud)", "uitgesteld naar {}", "Planning: {}", "{}*",
     "({})", "Q1 2027 (was {})", "streven {}, uiterlijk 2027", "{}?"]
)  # fmt: skip


@settings(max_examples=1500)
@given(
    st.lists(st.tuples(TOKENS, SEPARATORS), min_size=1, max_size=4),
    st.one_of(st.none(), st.just(2026)),
    CELLS,
)
@example([("voor", " "), ("zomer", " "), ("2026", "")], None, "{}")
@example([("voor", " "), ("26", "")], None, "{}")
@example([("w12", "/"), ("26", "")], None, "{}")
@example([("wk", " "), ("12", "/"), ("26", "")], None, "{}")
@example([("q2", "/"), ("26", "")], None, "{}")
@example([("eind", " "), ("q2", "/"), ("2026", "")], None, "{}")
@example([("3", ""), ("december", " "), ("2026", "")], None, "{}")
@example([("2024", "-"), ("26", "")], None, "{}")
@example([("1", "-"), ("8", "")], 2026, "{}")
@example([("29", " "), ("jun", "")], 2026, "{}")
@example([("31", " "), ("jun", " "), ("2026", "")], None, "{}")
@example([("13", "-"), ("2026", "")], None, "{}")
@example([("W53", " "), ("2026", "")], None, "{}")
@example([("medio", " "), ("w12", " "), ("2026", "")], None, "{}")
@example([("medio", " tm "), ("eind", " "), ("2026", "")], None, "{}")
@example([("in", " "), ("medio", " tm "), ("eind", " "), ("2026", "")], None, "{}")
@example([("looptijd", " "), ("2024", "-"), ("2027", "")], None, "{}")
@example([("jun", ", "), ("juni", " en "), ("december", " "), ("2026", "")], None, "{}")
@example([("di", ", "), ("31", " "), ("december", " "), ("2024", "")], None, "{}")
@example([("eind", " "), ("2026", ", "), ("begin", " "), ("2027", "")], None, "{}")
@example([("q2", ", "), ("Q5", " en "), ("h3", " "), ("2026", "")], None, "{}")
@example([("in", " "), ("medio", "/"), ("eind", " "), ("2026", "")], None, "{}")
@example([("2024", "-"), ("q3", "")], None, "{}")
@example([("w12", "-"), ("26", "")], None, "{}")
@example([("q1", " en "), ("q2", " "), ("2026", "")], None, "Besluitvorming: {}")
@example([("in", " "), ("jaar", " "), ("2026", "")], None, "{}")
@example([("juni", "-"), ("w12", "/"), ("'26", "")], None, "{}")
def test_near_misses_read_alike(
    pieces: list[tuple[str, str]], plan_year: int | None, cell: str
) -> None:
    """Texts made of the fast-path forms' words and numbers, in or out of range, with or
    without a year and a plan's year, get the same answer with and without the fast
    path: the same period, or the same message."""
    text = cell.format("".join(token + separator for token, separator in pieces).strip())
    readings = []
    for fast in (True, False):
        with mock.patch.object(deadlines, "_USE_FAST", fast):
            try:
                readings.append(parse_deadline(text, year=plan_year))
            except DeadlineError as error:
                readings.append(str(error))  # type: ignore[arg-type]
    assert readings[0] == readings[1], text


@pytest.mark.parametrize(
    "text",
    ["Q2 2026", "2026-06-30", "30 juni 2026", "juni 2026", "eind 2026", "2e kwartaal 2026",
     "Q2/2026", "najaar 2025", "3.2026", "week 12 2026", "2026"],
)  # fmt: skip
def test_the_fast_path_reads_the_common_forms(text: str) -> None:
    """The common forms really take the fast path (else the speed-up silently went away)."""
    with mock.patch.object(deadlines, "_read", side_effect=AssertionError("general reader")):
        parse_deadline(text)
