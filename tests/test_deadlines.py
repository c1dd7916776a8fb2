"""The deadline engine: every documented form, its errors, and its properties."""

from __future__ import annotations

import calendar
import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.deadlines import MONTH_NAMES, parse_deadline
from limnorm.core.errors import DeadlineError
from limnorm.core.period import Period, PeriodKind

K = PeriodKind
D = date

VALID = [
    # The sample's own deadlines, exactly as written in the source document.
    ("mrt. 24", D(2024, 3, 1), D(2024, 3, 31), K.MAAND),
    ("jun. 24", D(2024, 6, 1), D(2024, 6, 30), K.MAAND),
    ("4-3-24", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("2-4-24", D(2024, 4, 2), D(2024, 4, 2), K.DAG),
    ("Q4 24", D(2024, 10, 1), D(2024, 12, 31), K.KWARTAAL),
    ("Q3 24", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("Q3/Q4 24", D(2024, 7, 1), D(2024, 12, 31), K.PERIODE),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), K.JAAR),
    ("apr 24", D(2024, 4, 1), D(2024, 4, 30), K.MAAND),
    # days, always day-first
    ("04-03-2024", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("4/3/2024", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("4.3.24", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("2024-03-04", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("4 maart 2024", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("4 mrt. 24", D(2024, 3, 4), D(2024, 3, 4), K.DAG),
    ("1-jul-24", D(2024, 7, 1), D(2024, 7, 1), K.DAG),
    ("di 4 mrt 2025", D(2025, 3, 4), D(2025, 3, 4), K.DAG),
    ("dinsdag 4 maart 2025", D(2025, 3, 4), D(2025, 3, 4), K.DAG),
    ("29-2-2024", D(2024, 2, 29), D(2024, 2, 29), K.DAG),
    # months
    ("mrt-24", D(2024, 3, 1), D(2024, 3, 31), K.MAAND),
    ("maart 2024", D(2024, 3, 1), D(2024, 3, 31), K.MAAND),
    ("2024-03", D(2024, 3, 1), D(2024, 3, 31), K.MAAND),
    ("03-2024", D(2024, 3, 1), D(2024, 3, 31), K.MAAND),
    ("3/2024", D(2024, 3, 1), D(2024, 3, 31), K.MAAND),
    ("juni '24", D(2024, 6, 1), D(2024, 6, 30), K.MAAND),
    ("juni ’24", D(2024, 6, 1), D(2024, 6, 30), K.MAAND),
    ("Febr. 2025", D(2025, 2, 1), D(2025, 2, 28), K.MAAND),
    ("October 2024", D(2024, 10, 1), D(2024, 10, 31), K.MAAND),
    # quarters
    ("Q3-2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("3e kwartaal 2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("derde kwartaal 2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("kw3 2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("K3 2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("1e kw. 2025", D(2025, 1, 1), D(2025, 3, 31), K.KWARTAAL),
    # halves, tertials, seasons, weeks, years
    ("H2 24", D(2024, 7, 1), D(2024, 12, 31), K.HALFJAAR),
    ("1e helft 2024", D(2024, 1, 1), D(2024, 6, 30), K.HALFJAAR),
    ("tweede halfjaar 2024", D(2024, 7, 1), D(2024, 12, 31), K.HALFJAAR),
    ("T2 2024", D(2024, 5, 1), D(2024, 8, 31), K.TERTIAAL),
    ("2e tertiaal 2024", D(2024, 5, 1), D(2024, 8, 31), K.TERTIAAL),
    ("T3 2024", D(2024, 9, 1), D(2024, 12, 31), K.TERTIAAL),
    ("voorjaar 2024", D(2024, 3, 1), D(2024, 5, 31), K.SEIZOEN),
    ("lente 2024", D(2024, 3, 1), D(2024, 5, 31), K.SEIZOEN),
    ("zomer 2024", D(2024, 6, 1), D(2024, 8, 31), K.SEIZOEN),
    ("najaar 2024", D(2024, 9, 1), D(2024, 11, 30), K.SEIZOEN),
    ("herfst 2024", D(2024, 9, 1), D(2024, 11, 30), K.SEIZOEN),
    ("winter 24/25", D(2024, 12, 1), D(2025, 2, 28), K.SEIZOEN),
    ("winter 2023/2024", D(2023, 12, 1), D(2024, 2, 29), K.SEIZOEN),
    ("week 12 2024", D(2024, 3, 18), D(2024, 3, 24), K.WEEK),
    ("wk 12-2024", D(2024, 3, 18), D(2024, 3, 24), K.WEEK),
    ("2024-W12", D(2024, 3, 18), D(2024, 3, 24), K.WEEK),
    ("week 1 2025", D(2024, 12, 30), D(2025, 1, 5), K.WEEK),
    ("in 2025", D(2025, 1, 1), D(2025, 12, 31), K.JAAR),
    # vague words
    ("begin 2025", D(2025, 1, 1), D(2025, 3, 31), K.KWARTAAL),
    ("medio 2024", D(2024, 6, 1), D(2024, 7, 31), K.PERIODE),
    ("half 2024", D(2024, 6, 1), D(2024, 7, 31), K.PERIODE),
    ("midden 2024", D(2024, 6, 1), D(2024, 7, 31), K.PERIODE),
    ("eind 2024", D(2024, 10, 1), D(2024, 12, 31), K.KWARTAAL),
    ("einde 2024", D(2024, 10, 1), D(2024, 12, 31), K.KWARTAAL),
    ("primo 2025", D(2025, 1, 1), D(2025, 1, 31), K.MAAND),
    ("ultimo 2024", D(2024, 12, 31), D(2024, 12, 31), K.DAG),
    ("begin mrt 2024", D(2024, 3, 1), D(2024, 3, 10), K.PERIODE),
    ("medio mrt 2024", D(2024, 3, 11), D(2024, 3, 20), K.PERIODE),
    ("eind februari 2024", D(2024, 2, 21), D(2024, 2, 29), K.PERIODE),
    ("ultimo feb 2025", D(2025, 2, 28), D(2025, 2, 28), K.DAG),
    ("begin Q3 2024", D(2024, 7, 1), D(2024, 7, 31), K.MAAND),
    ("eind Q3 2024", D(2024, 9, 1), D(2024, 9, 30), K.MAAND),
    ("uiterlijk 1-7-2024", D(2024, 7, 1), D(2024, 7, 1), K.DAG),
    ("per 1-7-2024", D(2024, 7, 1), D(2024, 7, 1), K.DAG),
    ("t/m Q3 2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("voor eind 2024", D(2024, 10, 1), D(2024, 12, 31), K.KWARTAAL),
    ("by Q3 2024", D(2024, 7, 1), D(2024, 9, 30), K.KWARTAAL),
    ("vóór 4-3-2024", D(2024, 3, 3), D(2024, 3, 3), K.DAG),
    ("voor 1 jan 2025", D(2024, 12, 31), D(2024, 12, 31), K.DAG),
    ("voor de zomer 2024", D(2024, 6, 30), D(2024, 6, 30), K.DAG),
    ("na de zomer 2024", D(2024, 9, 1), D(2024, 11, 30), K.SEIZOEN),
    ("early 2025", D(2025, 1, 1), D(2025, 3, 31), K.KWARTAAL),
    ("mid 2024", D(2024, 6, 1), D(2024, 7, 31), K.PERIODE),
    ("end of 2024", D(2024, 10, 1), D(2024, 12, 31), K.KWARTAAL),
    # spans
    ("mrt-apr 24", D(2024, 3, 1), D(2024, 4, 30), K.PERIODE),
    ("Q2/3 2024", D(2024, 4, 1), D(2024, 9, 30), K.PERIODE),
    ("week 10-12 2024", D(2024, 3, 4), D(2024, 3, 24), K.PERIODE),
    ("Q4 24/Q1 25", D(2024, 10, 1), D(2025, 3, 31), K.PERIODE),
    ("nov 24 - feb 25", D(2024, 11, 1), D(2025, 2, 28), K.PERIODE),
    ("nov - feb 25", D(2024, 11, 1), D(2025, 2, 28), K.PERIODE),
    ("2024-2025", D(2024, 1, 1), D(2025, 12, 31), K.PERIODE),
    ("eind 2024/begin 2025", D(2024, 10, 1), D(2025, 3, 31), K.PERIODE),
    ("jan t/m mrt 2024", D(2024, 1, 1), D(2024, 3, 31), K.PERIODE),
    ("Q3 of Q4 2024", D(2024, 7, 1), D(2024, 12, 31), K.PERIODE),
    ("4-8 mrt 2024", D(2024, 3, 4), D(2024, 3, 8), K.PERIODE),
    # open-ended
    ("vanaf Q3 24", D(2024, 7, 1), None, K.VANAF),
    ("Q3 24 e.v.", D(2024, 7, 1), None, K.VANAF),
    ("vanaf 1-9-2024", D(2024, 9, 1), None, K.VANAF),
]


@pytest.mark.parametrize(("text", "begin", "deadline", "kind"), VALID)
def test_documented_forms(text: str, begin: date, deadline: date | None, kind: K) -> None:
    """Every form the README promises resolves to the right first and last day."""
    assert parse_deadline(text) == Period(begin, deadline, kind)


UNDATED = [
    ("doorlopend", K.DOORLOPEND),
    ("Continu", K.DOORLOPEND),
    ("structureel", K.DOORLOPEND),
    ("jaarlijks", K.TERUGKEREND),
    ("maandelijks", K.TERUGKEREND),
    ("elk kwartaal", K.TERUGKEREND),
    ("n.t.b.", K.ONBEKEND),
    ("nog te bepalen", K.ONBEKEND),
    ("PM", K.ONBEKEND),
    ("z.s.m.", K.ONBEKEND),
    ("?", K.ONBEKEND),
    ("-", K.ONBEKEND),
    ("", K.ONBEKEND),
    ("  ", K.ONBEKEND),
    ("n.v.t.", K.NVT),
]


@pytest.mark.parametrize(("text", "kind"), UNDATED)
def test_words_without_a_date(text: str, kind: K) -> None:
    """Words that name no date give a kind and neither begin nor deadline."""
    assert parse_deadline(text) == Period(None, None, kind)


def test_yaml_values() -> None:
    """What YAML makes of a bare year, an ISO date or an empty value is accepted."""
    assert parse_deadline(2024) == Period(D(2024, 1, 1), D(2024, 12, 31), K.JAAR)
    assert parse_deadline(D(2024, 3, 4)) == Period(D(2024, 3, 4), D(2024, 3, 4), K.DAG)
    assert parse_deadline(None) == Period(None, None, K.ONBEKEND)


ERRORS = [
    ("Q5 24", "'Q5 24': Q5 bestaat niet"),
    ("31-02-2024", "'31-02-2024': 31-02-2024 bestaat niet (februari 2024 heeft 29 dagen)"),
    ("29-2-2023", "februari 2023 heeft 28 dagen"),
    ("2024-13", "maand 13 bestaat niet"),
    ("H3 2024", "H3 bestaat niet"),
    ("T4 2024", "T4 bestaat niet"),
    ("week 53 2024", "week 53 bestaat niet in 2024 (dat jaar heeft 52 weken)"),
    ("wo 4 mrt 2025", "4 mrt 2025 is een dinsdag, geen woensdag"),
    ("mrt", "'mrt': het jaar ontbreekt"),
    ("Q3", "het jaar ontbreekt"),
    ("4 maart", "het jaar ontbreekt"),
    ("mrtt 24", "'mrtt' begrijp ik niet (bedoelt u 'mrt'?)"),
    ("binnenkort", "'binnenkort' is geen bekende datum of periode; schrijf"),
    ("Q4 24/Q1 24", "'Q4 24/Q1 24': het begin (1 okt 2024) ligt na het eind (31 mrt 2024)"),
    ("winter 24/26", "de twee jaren moeten op elkaar volgen"),
    ("winter 2024", "een winter loopt over twee jaren; schrijf 'winter 2023/2024' of 'winter 2024/2025'"),
    ("eind winter 26", "schrijf 'winter 2025/2026' of 'winter 2026/2027'"),
    ("begin week 3 2024", "'begin' past niet bij een week"),
    ("vanaf doorlopend", "geen bekende datum"),
    ("1850", "jaar 1850 ligt niet tussen 1900 en 2199"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_errors_quote_the_text_and_say_what_is_wrong(text: str, message: str) -> None:
    """An unreadable deadline raises DeadlineError with a Dutch, specific message."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert message in str(caught.value)


def test_non_text_values_are_refused() -> None:
    """A boolean or a float from YAML is not a deadline."""
    for value in (True, 4.3):
        with pytest.raises(DeadlineError, match="is geen datum"):
            parse_deadline(value)  # type: ignore[arg-type]


def test_huge_input_is_refused_quickly() -> None:
    """A 100,000-character text is refused by its length (its speed: benchmarks/deadlines.py)."""
    for text in ("1" * 100_000, "q" * 100_000, "4-" * 50_000, "mrt " * 25_000):
        with pytest.raises(DeadlineError, match="te lang"):
            parse_deadline(text)


def test_near_limit_input_is_fast() -> None:
    """Texts just under the length cap are read or refused, whatever they hold (their speed
    is measured in benchmarks/deadlines.py, not asserted here)."""
    for text in ("1-" * 59, "q3/" * 39, "- " * 59, "mrt-" * 29 + "24"):
        with contextlib.suppress(DeadlineError):
            parse_deadline(text)


# --- properties ---------------------------------------------------------------

YEARS = st.integers(2000, 2099)
_ABBREVIATIONS = {
    1: ["jan", "jan."],
    2: ["feb", "febr", "febr.", "February"],
    3: ["mrt", "mrt.", "March"],
    4: ["apr", "apr."],
    5: ["mei", "May"],
    6: ["jun", "jun.", "juni"],
    7: ["jul", "jul.", "juli"],
    8: ["aug", "aug."],
    9: ["sep", "sept", "sept."],
    10: ["okt", "okt.", "oct"],
    11: ["nov", "nov."],
    12: ["dec", "dec."],
}


def _month_spellings(year: int, month: int) -> list[str]:
    yy = f"{year % 100:02d}"
    names = [MONTH_NAMES[month - 1], MONTH_NAMES[month - 1].capitalize(), *_ABBREVIATIONS[month]]
    spellings = [f"{n} {year}" for n in names] + [f"{n} {yy}" for n in names]
    spellings += [f"{names[0]} '{yy}", f"{names[2]}-{yy}"]
    spellings += [f"{year}-{month:02d}", f"{month:02d}-{year}", f"{month}/{year}"]
    return spellings


@given(YEARS, st.integers(1, 12))
def test_every_month_in_every_spelling(year: int, month: int) -> None:
    """Each month of 2000-2099 resolves to its first and last day in every spelling."""
    expected = Period(
        D(year, month, 1), D(year, month, calendar.monthrange(year, month)[1]), K.MAAND
    )
    for text in _month_spellings(year, month):
        assert parse_deadline(text) == expected, text


@given(YEARS, st.integers(1, 4))
def test_every_quarter_in_every_spelling(year: int, quarter: int) -> None:
    """Each quarter of 2000-2099 is read alike in all its usual spellings."""
    first = 3 * quarter - 2
    expected = Period(
        D(year, first, 1), D(year, first + 2, calendar.monthrange(year, first + 2)[1]), K.KWARTAAL
    )
    ordinal = ["eerste", "tweede", "derde", "vierde"][quarter - 1]
    yy = f"{year % 100:02d}"
    for text in (
        f"Q{quarter} {yy}", f"q{quarter} {year}", f"Q{quarter}-{year}", f"{year}-Q{quarter}",
        f"{quarter}e kwartaal {year}", f"{ordinal} kwartaal {year}", f"kw{quarter} {year}",
        f"K{quarter} {year}", f"{quarter}e kw. {year}", f"Q{quarter} '{yy}",
    ):  # fmt: skip
        assert parse_deadline(text) == expected, text


@given(YEARS, st.integers(1, 53))
def test_every_iso_week(year: int, week: int) -> None:
    """ISO weeks run Monday to Sunday; a week a year does not have is an error."""
    weeks = D(year, 12, 28).isocalendar()[1]
    for text in (f"week {week} {year}", f"wk {week}-{year}", f"{year}-W{week:02d}"):
        if week > weeks:
            with pytest.raises(DeadlineError, match="bestaat niet"):
                parse_deadline(text)
            continue
        period = parse_deadline(text)
        assert period.begin is not None
        assert period.deadline is not None
        assert period.begin.isocalendar() == (year, week, 1)
        assert period.deadline - period.begin == timedelta(days=6)


@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)))
def test_every_day_day_first(day: date) -> None:
    """Numeric days are always day-first, with two- or four-digit years."""
    for text in (
        f"{day.day}-{day.month}-{day.year % 100:02d}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day}.{day.month}.{day.year % 100:02d}",
        day.isoformat(),
        f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}",
    ):
        assert parse_deadline(text) == Period(day, day, K.DAG), text


DATEISH = st.text(alphabet="0123456789-/. qQkKwWhHtT'’ejanmrtpvbgdiuzoc?", max_size=25)


@given(st.one_of(st.text(max_size=60), DATEISH))
def test_any_text_gives_a_period_or_a_deadline_error(text: str) -> None:
    """Whatever the text, the engine returns a period or raises DeadlineError, nothing else,
    and a period never ends before it begins."""
    try:
        period = parse_deadline(text)
    except DeadlineError as error:
        message = str(error)
        assert message
        return
    if period.begin is not None and period.deadline is not None:
        assert period.begin <= period.deadline


@given(YEARS, st.integers(1, 4), st.integers(1, 4))
def test_quarter_spans(year: int, first: int, last: int) -> None:
    """``Qa/Qb yyyy`` runs from the start of Qa to the end of Qb; when Qa comes after Qb
    (``Q4/Q1 25``) the year written once belongs to Qb and Qa lies in the year before."""
    period = parse_deadline(f"Q{first}/Q{last} {year}")
    start_year = year if first <= last else year - 1
    assert period.begin == D(start_year, 3 * first - 2, 1)
    assert period.deadline == parse_deadline(f"Q{last} {year}").deadline


def test_a_year_less_form_takes_the_plans_year() -> None:
    """``year=`` (the plan's ``jaar:``) completes a form written without a year, and only
    such a form: a year written in the text wins."""
    assert parse_deadline("1 juli", year=2026) == Period(D(2026, 7, 1), D(2026, 7, 1), K.DAG)
    assert parse_deadline("Q3", year=2026) == Period(D(2026, 7, 1), D(2026, 9, 30), K.KWARTAAL)
    assert parse_deadline("Q3 2025", year=2026).begin == D(2025, 7, 1)
    with pytest.raises(DeadlineError, match="het jaar ontbreekt"):
        parse_deadline("1 juli")


# --- properties of the second round -------------------------------------------------


def _quarter(year: int, quarter: int) -> Period:
    last = 3 * quarter
    return Period(
        D(year, last - 2, 1), D(year, last, calendar.monthrange(year, last)[1]), K.KWARTAAL
    )


@given(
    YEARS,
    st.integers(1, 4),
    st.sampled_from(["Q{q}/{y}", "Q{q}/{yy}", "Q{q} '{yy}", "{q}e kwartaal van {y}", "kw{q}-{y}"]),
)
def test_a_quarter_with_its_year_after_a_slash_is_that_quarter(
    year: int, quarter: int, form: str
) -> None:
    """``Q2/2026`` is Q2 2026, never a span from Q2 of the year before (the silent wrong
    date of the first round)."""
    text = form.format(q=quarter, y=year, yy=f"{year % 100:02d}")
    assert parse_deadline(text) == _quarter(year, quarter), text


@given(YEARS, st.integers(1, 12), st.sampled_from(["{m}", "in {m}", "eind {m}", "voor {m}"]))
def test_the_plans_year_completes_a_year_less_form(year: int, month: int, form: str) -> None:
    """With ``year=`` a year-less form reads exactly as if the year were written; without
    it the error says the year is missing."""
    text = form.format(m=MONTH_NAMES[month - 1])
    assert parse_deadline(text, year=year) == parse_deadline(f"{text} {year}")
    with pytest.raises(DeadlineError, match="het jaar ontbreekt"):
        parse_deadline(text)


#: Words that can make a note a period of its own ("(autumn)", "(in mei)", "(eind jaar)",
#: "(na de zomervakantie)"): a note that names another period than the deadline is refused
#: (_no_second_period), so a note that is only kept may not hold one, even inside a word.
#: Hypothesis found "autumn".
_PERIOD_WORDS = (
    "jan", "feb", "mrt", "maart", "mar", "mrz", "apr", "mei", "may", "jun", "jul", "aug",
    "sep", "okt", "oct", "nov", "dec", "voorjaar", "lente", "spring", "zomer", "summer",
    "najaar", "herfst", "autumn", "fall", "winter", "jaar",
)  # fmt: skip
NOTES = st.text(alphabet="abcdefghijklmnoprstuvwz ", min_size=1, max_size=30).filter(
    lambda note: (
        note.strip()
        and not any(word in note for word in _PERIOD_WORDS)
        and not note.lstrip().startswith(
            (
                "was",
                "eerder",
                "oud",
                "oorspr",
                "voorheen",
                "eerst",
                "uitgesteld",
                "verschoven",
                "verplaatst",
                "doorgeschoven",
                "opgeschoven",
                "vertraagd",
                "bijgesteld",
                "uitstel",
                "vertraging",
                "uiterlijk",
                "deadline",
                "uiterste",
                "hard",
                "in plaats",
                "ipv",
            )
        )
    )
)


@given(YEARS, st.integers(1, 4), NOTES)
def test_a_note_in_parentheses_keeps_the_period(year: int, quarter: int, note: str) -> None:
    """Text in parentheses after a form is kept as the note and changes nothing else."""
    period = parse_deadline(f"Q{quarter} {year} ({note})")
    assert period == _quarter(year, quarter)._replace(note=note.strip())


@given(YEARS, st.integers(1, 4), YEARS, st.integers(1, 4))
def test_a_postponement_gives_the_new_period_and_keeps_the_old(
    year: int, quarter: int, old_year: int, old_quarter: int
) -> None:
    """``Qa yyyy (was Qb yyyy)`` is the new quarter, marked postponed, the old as written."""
    old = f"Q{old_quarter} {old_year}"
    period = parse_deadline(f"Q{quarter} {year} (was {old})")
    assert period == _quarter(year, quarter)._replace(postponed=True, was=old)


@given(YEARS, st.integers(1, 3), st.sampled_from([" en ", " t/m ", " tm ", "/", "-"]))
def test_a_list_of_quarters_with_the_year_written_once(
    year: int, first: int, separator: str
) -> None:
    """``Q1 en Q2 2026``: from the start of the first quarter to the end of the last."""
    period = parse_deadline(f"Q{first}{separator}Q{first + 1} {year}")
    assert (period.begin, period.deadline, period.kind) == (
        _quarter(year, first).begin,
        _quarter(year, first + 1).deadline,
        K.PERIODE,
    )


SUGGESTED = [
    ("mrtt 24", "mrt"),
    ("najar 2026", "najaar"),
    ("kwartal 3 2026", "kwartaal"),
    ("zomr 2026", "zomer"),
    ("medoi 2026", "medio"),
    ("uiterlik 1 juli 2026", "uiterlijk"),
]


@pytest.mark.parametrize(("text", "word"), SUGGESTED)
def test_a_suggestion_leads_to_a_reading(text: str, word: str) -> None:
    """A misspelt word gets a suggestion, and the text with the suggestion is read."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert f"(bedoelt u '{word}'?)" in str(caught.value)
    wrong = str(caught.value).split("'")[3]
    assert parse_deadline(text.replace(wrong, word)).deadline is not None


@pytest.mark.parametrize(
    "text", ["jaar", "van 2026", "twee keer jaar", "eind vna 2026", "Q3 2026 blabla"]
)
def test_no_suggestion_that_would_mislead(text: str) -> None:
    """No suggestion where following it would not give the right reading (the first round
    offered 'najaar' for 'jaar', 'week' for 'keer', 'vanaf' for 'van')."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert "bedoelt u" not in str(caught.value)


def test_the_error_names_the_word_not_understood() -> None:
    """An unknown word in an otherwise readable text is named in the message."""
    with pytest.raises(DeadlineError, match="'blabla' begrijp ik niet"):
        parse_deadline("Q3 2026 blabla")
