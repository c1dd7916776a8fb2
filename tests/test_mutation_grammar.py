"""Deadline forms and refusals that mutation testing (scripts/mutation.py) found unguarded.

Each row was a surviving mutant of core/deadlines.py: a changed bound, a dropped year, a
crash on a borrowed unit, a span end that no longer rolls into the next year. The
expected periods are written out by hand, never computed with the engine's helpers.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from limnorm.core.deadlines import PeriodKind, parse_deadline
from limnorm.core.errors import DeadlineError

K = PeriodKind

#: (text, plan year, begin, deadline, kind)
READ = [
    # The year range is inclusive at both ends.
    ("1900", None, date(1900, 1, 1), date(1900, 12, 31), K.JAAR),
    ("2199", None, date(2199, 1, 1), date(2199, 12, 31), K.JAAR),
    # A year-less span end after a dated start rolls into the next year when it would
    # otherwise end before the start, and only then.
    ("nov 2026 - feb", None, date(2026, 11, 1), date(2027, 2, 28), K.PERIODE),
    ("okt 2027 t/m jan", None, date(2027, 10, 1), date(2028, 1, 31), K.PERIODE),
    ("maart 2026 - maart", None, date(2026, 3, 1), date(2026, 3, 31), K.PERIODE),
    ("maart - maart", 2026, date(2026, 3, 1), date(2026, 3, 31), K.PERIODE),
    # A span of one day: its begin is its end.
    ("van 1 maart t/m 1 maart 2026", None, date(2026, 3, 1), date(2026, 3, 1), K.PERIODE),
    # The plan's year reaches every part of a span or list.
    ("van januari t/m maart", 2026, date(2026, 1, 1), date(2026, 3, 31), K.PERIODE),
    ("Q1, Q2 en Q3", 2026, date(2026, 1, 1), date(2026, 9, 30), K.PERIODE),
    ("juni/juli", 2026, date(2026, 6, 1), date(2026, 7, 31), K.PERIODE),
    ("Q2/3", 2026, date(2026, 4, 1), date(2026, 9, 30), K.PERIODE),
    ("1e/2e kwartaal", 2026, date(2026, 1, 1), date(2026, 6, 30), K.PERIODE),
    ("Q3, onder voorbehoud", 2026, date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL),
    ("streven maart, uiterlijk 30 april", 2026, date(2026, 4, 30), date(2026, 4, 30), K.DAG),
    # Ordinals in a list borrow the unit written once at the end.
    ("1e, 2e en 3e kwartaal 2026", None, date(2026, 1, 1), date(2026, 9, 30), K.PERIODE),
    ("1e, 2e, 3e en 4e kwartaal 2026", None, date(2026, 1, 1), date(2026, 12, 31), K.PERIODE),
    # The year written first, then the form: that form, not a span from January.
    ("2026/Q3", None, date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL),
    ("2026, Q3", None, date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL),
    # "halverwege jaar" and "midden jaar" take the plan's year like "medio jaar".
    ("halverwege jaar", 2026, date(2026, 6, 1), date(2026, 7, 31), K.PERIODE),
    ("midden jaar", 2026, date(2026, 6, 1), date(2026, 7, 31), K.PERIODE),
    # primo: the first month of a year, the first ten days of a month.
    ("primo 2026", None, date(2026, 1, 1), date(2026, 1, 31), K.MAAND),
    ("primo maart 2026", None, date(2026, 3, 1), date(2026, 3, 10), K.PERIODE),
    ("ultimo maart 2026", None, date(2026, 3, 31), date(2026, 3, 31), K.DAG),
    # A modifier joined to its form with a hyphen.
    ("medio-2026", None, date(2026, 6, 1), date(2026, 7, 31), K.PERIODE),
    # "e.v." after a year-less form, with the plan's year.
    ("juni ev", 2026, date(2026, 6, 1), None, K.VANAF),
    # A weekday with a comma, and with the plan's year (3 July 2026 is a Friday).
    ("vrijdag, 3 juli 2026", None, date(2026, 7, 3), date(2026, 7, 3), K.DAG),
    ("vrijdag 3 juli", 2026, date(2026, 7, 3), date(2026, 7, 3), K.DAG),
    # "about": a plus-minus sign directly before the form.
    ("±Q3 2026", None, date(2026, 7, 1), date(2026, 9, 30), K.KWARTAAL),
    # A label before a colon, with the plan's year after it.
    ("Besluitvorming raad: Q2", 2026, date(2026, 4, 1), date(2026, 6, 30), K.KWARTAAL),
]


@pytest.mark.parametrize(("text", "year", "begin", "deadline", "kind"), READ)
def test_forms_found_by_mutation(
    text: str, year: int | None, begin: date, deadline: date, kind: PeriodKind
) -> None:
    """Each form gives exactly this period (with the plan's year where one is given)."""
    period = parse_deadline(text, year=year)
    assert (period.begin, period.deadline, period.kind) == (begin, deadline, kind)


#: (text, plan year, a part of the message that says what is wrong)
REFUSED = [
    ("1899", None, "jaar 1899 ligt niet tussen 1900 en 2199"),
    ("2200", None, "jaar 2200 ligt niet tussen 1900 en 2199"),
    ("Q5 2026", None, "Q5 bestaat niet; een jaar heeft er 4 (Q1 t/m Q4)"),
    ("H3 2026", None, "H3 bestaat niet; een jaar heeft er 2 (H1 en H2)"),
    ("T4 2026", None, "T4 bestaat niet; een jaar heeft er 3 (T1 t/m T3)"),
    ("medio 15 maart 2026", None, "'medio' past niet bij een dag"),
    ("eind week 10 2026", None, "'eind' past niet bij een week"),
    ("ultimo 1 maart 2026", None, "'ultimo' past niet bij een dag"),
    ("tot 1 juli 2026", None, "'tot' kan 'tot en met' of 'tot het begin van' betekenen"),
    # "tot" between two forms is as ambiguous as before one: refused, never a span.
    ("mei 2026 tot juni 2026", None, "schrijf 't/m' of 'voor'"),
    ("voor vanaf 2026", None, "'voor vanaf 2026' heeft geen vaste periode om naar te verwijzen"),
    ("vrijdag juli 2026", None, "een weekdag ('vrijdag') hoort alleen bij een dag"),
    # An ordinal word that is none: not understood, rather than "the year is missing".
    ("vijfde kwartaal", None, "'vijfde' begrijp ik niet"),
    (
        "3 juli",
        None,
        "het jaar ontbreekt; schrijf het jaar erbij, of zet 'jaar:' bovenaan het "
        "spoorboekje of bij het thema",
    ),
    # A suggestion is tried with the plan's year: "1 juli" reads only with one.
    ("1 julli", 2026, "'julli' begrijp ik niet (bedoelt u 'juli'?)"),
    ("nov - feb", 2026, "'nov' tot 'feb' loopt over de jaargrens; schrijf de jaren erbij"),
    ("2026 - vanaf 2027", None, "'vanaf 2027' kan niet het eind van een periode zijn"),
    ("2026 ev - 2027", None, "een periode heeft een vast begin en eind nodig aan beide kanten"),
    ("week 10/26", None, "kan week 10 van 2026 zijn of weken 10 t/m 26"),
    # Every item of a list must be readable, not only the first and the last.
    ("Q1, Q5 en Q3 2026", None, "Q5 bestaat niet"),
    ("Q1, Q5, Q3 en Q4 2026", None, "Q5 bestaat niet"),
    ("Q1, Q2, Q5 en Q4 2026", None, "Q5 bestaat niet"),
]


@pytest.mark.parametrize(("text", "year", "message"), REFUSED)
def test_refusals_found_by_mutation(text: str, year: int | None, message: str) -> None:
    """Each text is refused with a message that quotes it and says what is wrong."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, year=year)
    assert caught.value.message.startswith(f"'{text}'")
    assert message in caught.value.message


#: (text, the period's note, postponed, was)
CELLS = [
    # An empty pair of parentheses does not hide the note after it.
    ("Q2 2026 () (onder voorbehoud)", "onder voorbehoud", False, None),
    # The soft deadline comes first in the note, before a note in parentheses.
    (
        "streven maart, uiterlijk 30 april 2026 (onder voorbehoud)",
        "streven maart; onder voorbehoud",
        False,
        None,
    ),
    # Every soft part is kept.
    (
        "uiterlijk 30 april 2026, streven maart, liefst eerder",
        "streven maart liefst eerder",
        False,
        None,
    ),
    # Postponements written with a double arrow or in full words.
    ("Q3 2026 ⇒ Q1 2027", None, True, "Q3 2026"),
    ("Q1 2027 in plaats van Q3 2026", None, True, "Q3 2026"),
    # A note after the new period of a postponement, a semicolon, a comma without space.
    ("uitgesteld naar Q1 2027, onder voorbehoud", "onder voorbehoud", True, None),
    ("Q2 2026; onder voorbehoud", "onder voorbehoud", False, None),
    ("Q3 2026,onder voorbehoud", "onder voorbehoud", False, None),
    # The label before a colon comes first in the note.
    (
        "Besluitvorming raad: Q2 2026, onder voorbehoud",
        "Besluitvorming raad; onder voorbehoud",
        False,
        None,
    ),
]


@pytest.mark.parametrize(("text", "note", "postponed", "was"), CELLS)
def test_what_a_cell_says_besides_its_form(
    text: str, note: str | None, postponed: bool, was: str | None
) -> None:
    """The note, the postponement and the earlier deadline are kept as written."""
    period = parse_deadline(text)
    assert (period.note, period.postponed, period.was) == (note, postponed, was)


def test_a_postponed_cell_has_the_new_period() -> None:
    """ "Q3 2026 ⇒ Q1 2027" is the first quarter of 2027, not the third of 2026."""
    period = parse_deadline("Q3 2026 ⇒ Q1 2027")
    assert (period.begin, period.deadline, period.kind) == (
        date(2027, 1, 1),
        date(2027, 3, 31),
        K.KWARTAAL,
    )


def test_the_length_limit_is_inclusive() -> None:
    """200 characters are read (spaces around a form are fine); 201 are refused, and
    the message quotes the first 40 of them."""
    assert parse_deadline("Q3 2026" + " " * 193).begin == date(2026, 7, 1)
    text = "a" * 39 + "bc" + " " * 160
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert caught.value.message.startswith(
        "'" + "a" * 39 + "b…' is te lang voor een datum (201 tekens)"
    )


def test_a_datetime_is_its_day() -> None:
    """YAML makes a datetime of "2026-03-04 10:00": the deadline is that day."""
    period = parse_deadline(datetime(2026, 3, 4, 10, 0))
    assert (period.begin, period.deadline, period.kind) == (
        date(2026, 3, 4),
        date(2026, 3, 4),
        K.DAG,
    )
