"""Realistic deadline phrases, as civil servants write them in a Wanneer column.

Protects the reading of whole cells the way they come from real plans (municipal
OOV programmes, ondermijning projects, multi-year plans, agency step plans):
every phrase has its expected period written out here, computed only with the
standard library (``calendar``, ``datetime``), never with the engine's helpers.
A phrase that cannot be read without guessing is expected to be refused.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import NamedTuple

import pytest

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError
from limnorm.core.period import PeriodKind as K


class Want(NamedTuple):
    """The expected reading: dates and kind, and what the cell says besides."""

    begin: date | None
    deadline: date | None
    kind: K
    note: str | None = None
    postponed: bool = False
    was: str | None = None


def _last(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def day(y: int, m: int, d: int) -> Want:
    return Want(date(y, m, d), date(y, m, d), K.DAG)


def month(y: int, m: int) -> Want:
    return Want(date(y, m, 1), _last(y, m), K.MAAND)


def months(y: int, first: int, count: int, kind: K) -> Want:
    last_y, last_m = divmod(first - 1 + count - 1, 12)
    return Want(date(y, first, 1), _last(y + last_y, last_m + 1), kind)


def quarter(y: int, q: int) -> Want:
    return months(y, 3 * q - 2, 3, K.KWARTAAL)


def half(y: int, h: int) -> Want:
    return months(y, 6 * h - 5, 6, K.HALFJAAR)


def tertial(y: int, t: int) -> Want:
    return months(y, 4 * t - 3, 4, K.TERTIAAL)


def season(y: int, first: int) -> Want:
    return months(y, first, 3, K.SEIZOEN)


def year(y: int) -> Want:
    return Want(date(y, 1, 1), date(y, 12, 31), K.JAAR)


def week(y: int, w: int) -> Want:
    monday = date.fromisocalendar(y, w, 1)
    return Want(monday, monday + timedelta(days=6), K.WEEK)


def span(a: Want, b: Want) -> Want:
    return Want(a.begin, b.deadline, K.PERIODE)


def part(y: int, m: int, first: int, last: int | None = None) -> Want:
    """Days ``first``..``last`` of a month (begin/medio/eind of a month)."""
    return Want(date(y, m, first), date(y, m, last) if last else _last(y, m), K.PERIODE)


def before(w: Want) -> Want:
    assert w.begin is not None
    d = w.begin - timedelta(days=1)
    return Want(d, d, K.DAG)


def start(w: Want) -> Want:
    return Want(w.begin, None, K.VANAF)


def mid_year(y: int) -> Want:
    return Want(date(y, 6, 1), date(y, 7, 31), K.PERIODE)


def undated(kind: K, note: str | None = None) -> Want:
    return Want(None, None, kind, note)


def noted(w: Want, note: str) -> Want:
    return w._replace(note=note)


def moved(w: Want, was: str | None = None, note: str | None = None) -> Want:
    return w._replace(postponed=True, was=was, note=note)


REFUSED = None  # the phrase cannot be read without guessing: an error is right

#: (phrase as written, expected reading or REFUSED, the plan's ``jaar:`` or None)
CORPUS: list[tuple[str, Want | None, int | None]] = [
    # --- days -------------------------------------------------------------------
    ("1 juli 2026", day(2026, 7, 1), None),
    ("01-07-2026", day(2026, 7, 1), None),
    ("1-7-2026", day(2026, 7, 1), None),
    ("1/7/2026", day(2026, 7, 1), None),
    ("1.7.2026", day(2026, 7, 1), None),
    ("2026-07-01", day(2026, 7, 1), None),
    ("1 jul. 2026", day(2026, 7, 1), None),
    ("1-jul-26", day(2026, 7, 1), None),
    ("31 december 2025", day(2025, 12, 31), None),
    ("31-12-2025", day(2025, 12, 31), None),
    ("15 maart 2027", day(2027, 3, 15), None),
    ("15 mrt 2027", day(2027, 3, 15), None),
    ("1 januari 2026", day(2026, 1, 1), None),
    ("uiterlijk 1 oktober 2026", day(2026, 10, 1), None),
    ("uiterlijk 31-12-2026", day(2026, 12, 31), None),
    ("op 1 september 2026", day(2026, 9, 1), None),
    ("per 1 januari 2027", day(2027, 1, 1), None),
    ("per 1-1-2027", day(2027, 1, 1), None),
    ("vóór 1 juli 2026", day(2026, 6, 30), None),
    ("voor 1 januari 2027", day(2026, 12, 31), None),
    ("Voor 1 april 2026", day(2026, 3, 31), None),
    ("donderdag 2 juli 2026", day(2026, 7, 2), None),
    ("do 2 juli 2026", day(2026, 7, 2), None),
    ("1 juli", day(2026, 7, 1), 2026),
    ("1 juli", REFUSED, None),
    ("uiterlijk 30 april", day(2026, 4, 30), 2026),
    ("29 februari 2028", day(2028, 2, 29), None),
    ("29 februari 2027", REFUSED, None),
    ("31 april 2026", REFUSED, None),
    # --- months -----------------------------------------------------------------
    ("maart 2026", month(2026, 3), None),
    ("Maart 2026", month(2026, 3), None),
    ("mrt. 2026", month(2026, 3), None),
    ("mrt 26", month(2026, 3), None),
    ("mrt-26", month(2026, 3), None),
    ("maart '26", month(2026, 3), None),
    ("03-2026", month(2026, 3), None),
    ("3-2026", month(2026, 3), None),
    ("3/2026", month(2026, 3), None),
    ("3.2026", month(2026, 3), None),
    ("03.2026", month(2026, 3), None),
    ("2026-03", month(2026, 3), None),
    ("sept. 2026", month(2026, 9), None),
    ("september 2026", month(2026, 9), None),
    ("okt 2027", month(2027, 10), None),
    ("in juni 2026", month(2026, 6), None),
    ("in de maand juni 2026", month(2026, 6), None),
    ("februari 2028", month(2028, 2), None),
    ("in mei", month(2026, 5), 2026),
    ("mei", REFUSED, None),
    ("december", month(2025, 12), 2025),
    # --- quarters -----------------------------------------------------------------
    ("Q1 2026", quarter(2026, 1), None),
    ("Q2 2026", quarter(2026, 2), None),
    ("Q3 2026", quarter(2026, 3), None),
    ("Q4 2026", quarter(2026, 4), None),
    ("Q3 26", quarter(2026, 3), None),
    ("Q3-2026", quarter(2026, 3), None),
    ("Q3 '26", quarter(2026, 3), None),
    ("Q2/2026", quarter(2026, 2), None),
    ("Q4/2025", quarter(2025, 4), None),
    ("Q3/24", quarter(2024, 3), None),
    ("q3 2026", quarter(2026, 3), None),
    ("2026-Q3", quarter(2026, 3), None),
    ("2026 Q3", quarter(2026, 3), None),
    ("3e kwartaal 2026", quarter(2026, 3), None),
    ("3de kwartaal 2026", quarter(2026, 3), None),
    ("derde kwartaal 2026", quarter(2026, 3), None),
    ("Derde kwartaal van 2026", quarter(2026, 3), None),
    ("tweede kwartaal van 2026", quarter(2026, 2), None),
    ("het tweede kwartaal van 2026", quarter(2026, 2), None),
    ("in het derde kwartaal van 2026", quarter(2026, 3), None),
    ("1e kwartaal 2027", quarter(2027, 1), None),
    ("1e kw. 2027", quarter(2027, 1), None),
    ("kw 1 2027", quarter(2027, 1), None),
    ("kw1 2027", quarter(2027, 1), None),
    ("K1 2027", quarter(2027, 1), None),
    ("uiterlijk Q4 2026", quarter(2026, 4), None),
    ("in Q2 2026", quarter(2026, 2), None),
    ("rond Q3 2026", quarter(2026, 3), None),
    ("ca. Q3 2026", quarter(2026, 3), None),
    ("in de loop van Q3 2026", quarter(2026, 3), None),
    ("gedurende Q2 2026", quarter(2026, 2), None),
    ("Q3", quarter(2026, 3), 2026),
    ("Q3", REFUSED, None),
    ("in het 4e kwartaal", quarter(2026, 4), 2026),
    # --- halves and tertials ------------------------------------------------------
    ("H1 2026", half(2026, 1), None),
    ("H2 2026", half(2026, 2), None),
    ("H1/2026", half(2026, 1), None),
    ("H2-2026", half(2026, 2), None),
    ("1e helft 2026", half(2026, 1), None),
    ("2e helft 2026", half(2026, 2), None),
    ("tweede helft 2026", half(2026, 2), None),
    ("tweede helft van 2026", half(2026, 2), None),
    ("eerste halfjaar 2027", half(2027, 1), None),
    ("1e halfjaar 2027", half(2027, 1), None),
    ("in de tweede helft van 2026", half(2026, 2), None),
    ("T1 2026", tertial(2026, 1), None),
    ("T2 2026", tertial(2026, 2), None),
    ("2e tertiaal 2026", tertial(2026, 2), None),
    ("derde tertiaal 2026", tertial(2026, 3), None),
    # --- years ----------------------------------------------------------------------
    ("2026", year(2026), None),
    ("in 2026", year(2026), None),
    ("gedurende 2026", year(2026), None),
    ("in de loop van 2026", year(2026), None),
    ("kalenderjaar 2026", year(2026), None),
    ("in kalenderjaar 2027", year(2027), None),
    ("uiterlijk 2027", year(2027), None),
    ("'27", year(2027), None),
    ("in de loop van het jaar", year(2026), 2026),
    ("dit jaar", year(2025), 2025),
    ("dit jaar", REFUSED, None),
    # --- seasons --------------------------------------------------------------------
    ("voorjaar 2026", season(2026, 3), None),
    ("Voorjaar 2026", season(2026, 3), None),
    ("in het voorjaar van 2026", season(2026, 3), None),
    ("lente 2026", season(2026, 3), None),
    ("zomer 2026", season(2026, 6), None),
    ("de zomer van 2026", season(2026, 6), None),
    ("najaar 2026", season(2026, 9), None),
    ("in het najaar van 2026", season(2026, 9), None),
    ("najaar '26", season(2026, 9), None),
    ("herfst 2026", season(2026, 9), None),
    ("winter 2026/2027", months(2026, 12, 3, K.SEIZOEN), None),
    ("winter 2026-2027", months(2026, 12, 3, K.SEIZOEN), None),
    ("winter 26/27", months(2026, 12, 3, K.SEIZOEN), None),
    ("winter 26-27", months(2026, 12, 3, K.SEIZOEN), None),
    ("winter 2027/28", months(2027, 12, 3, K.SEIZOEN), None),
    ("in het najaar", season(2026, 9), 2026),
    ("in het najaar", REFUSED, None),
    ("voorjaar", season(2027, 3), 2027),
    ("voor de zomer 2026", day(2026, 6, 30), None),
    ("voor de zomer van 2026", day(2026, 6, 30), None),
    ("voor het zomerreces 2026", day(2026, 6, 30), None),
    ("voor de zomervakantie 2026", day(2026, 6, 30), None),
    ("voor de zomer", day(2026, 6, 30), 2026),
    ("voor de zomer '26", day(2026, 6, 30), None),
    ("na de zomer 2026", season(2026, 9), None),
    ("na het zomerreces 2026", season(2026, 9), None),
    ("na de zomervakantie 2026", season(2026, 9), None),
    ("voorjaar/zomer 2026", span(season(2026, 3), season(2026, 6)), None),
    ("zomer-najaar 2026", span(season(2026, 6), season(2026, 9)), None),
    ("najaar 2026 - voorjaar 2027", span(season(2026, 9), season(2027, 3)), None),
    # --- begin, medio, eind ---------------------------------------------------------
    ("begin 2026", quarter(2026, 1), None),
    ("Begin 2026", quarter(2026, 1), None),
    ("begin '26", quarter(2026, 1), None),
    ("begin 26", quarter(2026, 1), None),
    ("start 2027", quarter(2027, 1), None),
    ("aan het begin van 2027", quarter(2027, 1), None),
    ("medio 2026", mid_year(2026), None),
    ("Medio 2026", mid_year(2026), None),
    ("medio 27", mid_year(2027), None),
    ("medio '27", mid_year(2027), None),
    ("halverwege 2026", mid_year(2026), None),
    ("midden 2026", mid_year(2026), None),
    ("eind 2026", quarter(2026, 4), None),
    ("Eind 2026", quarter(2026, 4), None),
    ("einde 2026", quarter(2026, 4), None),
    ("eind '26", quarter(2026, 4), None),
    ("eind 26", quarter(2026, 4), None),
    ("eind van 2026", quarter(2026, 4), None),
    ("aan het eind van 2026", quarter(2026, 4), None),
    ("aan het einde van 2026", quarter(2026, 4), None),
    ("tegen het eind van 2026", quarter(2026, 4), None),
    ("voor eind 2026", quarter(2026, 4), None),
    ("vóór eind 2026", quarter(2026, 4), None),
    ("uiterlijk eind 2026", quarter(2026, 4), None),
    ("uiterlijk einde 2026", quarter(2026, 4), None),
    ("voor het einde van 2026", quarter(2026, 4), None),
    ("tot eind 2026", quarter(2026, 4), None),
    ("eind dit jaar", quarter(2026, 4), 2026),
    ("aan het eind van het jaar", quarter(2026, 4), 2026),
    ("eind dit jaar", REFUSED, None),
    ("primo 2027", month(2027, 1), None),
    ("ultimo 2026", day(2026, 12, 31), None),
    ("ultimo maart 2026", day(2026, 3, 31), None),
    ("ultimo Q2 2026", day(2026, 6, 30), None),
    ("begin maart 2026", part(2026, 3, 1, 10), None),
    ("medio maart 2026", part(2026, 3, 11, 20), None),
    ("half maart 2026", part(2026, 3, 11, 20), None),
    ("eind maart 2026", part(2026, 3, 21), None),
    ("eind februari 2028", part(2028, 2, 21), None),
    ("eind feb. 2027", part(2027, 2, 21), None),
    ("uiterlijk eind juni 2026", part(2026, 6, 21), None),
    ("voor eind juni 2026", part(2026, 6, 21), None),
    ("eind juni", part(2026, 6, 21), 2026),
    ("begin Q3 2026", month(2026, 7), None),
    ("medio Q3 2026", month(2026, 8), None),
    ("eind Q3 2026", month(2026, 9), None),
    ("eind Q4 2026", month(2026, 12), None),
    ("uiterlijk eind Q1 2027", month(2027, 3), None),
    ("eind H1 2026", month(2026, 6), None),
    ("eind 2e kwartaal 2026", month(2026, 6), None),
    ("eind voorjaar 2026", month(2026, 5), None),
    ("voor Q3 2026", day(2026, 6, 30), None),
    ("voor medio 2026", day(2026, 5, 31), None),
    ("voor 2027", day(2026, 12, 31), None),
    ("voor begin 2027", day(2026, 12, 31), None),
    # --- open-ended and starts --------------------------------------------------------
    ("vanaf 2026", start(year(2026)), None),
    ("vanaf Q3 2026", start(quarter(2026, 3)), None),
    ("vanaf 1 januari 2027", start(day(2027, 1, 1)), None),
    ("m.i.v. 1 januari 2027", start(day(2027, 1, 1)), None),
    ("m.i.v. 2027", start(year(2027)), None),
    ("met ingang van 1 juli 2026", start(day(2026, 7, 1)), None),
    ("met ingang van 2026", start(year(2026)), None),
    ("2026 e.v.", start(year(2026)), None),
    ("2026 ev", start(year(2026)), None),
    ("2026 en verder", start(year(2026)), None),
    ("Q3 2026 e.v.", start(quarter(2026, 3)), None),
    ("1-1-2027 e.v.", start(day(2027, 1, 1)), None),
    ("najaar 2026 e.v.", start(season(2026, 9)), None),
    ("sinds 2025", start(year(2025)), None),
    # --- spans and lists, the year written once ----------------------------------------
    ("Q1 en Q2 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("Q1 & Q2 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("Q1 t/m Q3 2026", span(quarter(2026, 1), quarter(2026, 3)), None),
    ("Q1 tm Q3 2026", span(quarter(2026, 1), quarter(2026, 3)), None),
    ("Q1 tot en met Q3 2026", span(quarter(2026, 1), quarter(2026, 3)), None),
    ("Q1-Q2 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("Q1 - Q2 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("Q3/Q4 2026", span(quarter(2026, 3), quarter(2026, 4)), None),
    ("Q3/Q4 26", span(quarter(2026, 3), quarter(2026, 4)), None),
    ("Q2/3 2026", span(quarter(2026, 2), quarter(2026, 3)), None),
    ("Q4 2026/Q1 2027", span(quarter(2026, 4), quarter(2027, 1)), None),
    ("Q4 26 - Q1 27", span(quarter(2026, 4), quarter(2027, 1)), None),
    ("1e/2e kwartaal 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("1e en 2e kwartaal 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("eerste en tweede kwartaal 2026", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("2e t/m 4e kwartaal 2026", span(quarter(2026, 2), quarter(2026, 4)), None),
    ("Q1, Q2 en Q3 2026", span(quarter(2026, 1), quarter(2026, 3)), None),
    ("H1/H2 2026", span(half(2026, 1), half(2026, 2)), None),
    ("T1-T2 2026", span(tertial(2026, 1), tertial(2026, 2)), None),
    ("jan-mrt 2026", span(month(2026, 1), month(2026, 3)), None),
    ("jan t/m mrt 2026", span(month(2026, 1), month(2026, 3)), None),
    ("januari t/m maart 2026", span(month(2026, 1), month(2026, 3)), None),
    ("januari tot en met maart 2026", span(month(2026, 1), month(2026, 3)), None),
    ("van januari t/m maart 2026", span(month(2026, 1), month(2026, 3)), None),
    ("van januari tot eind maart 2026", span(month(2026, 1), part(2026, 3, 21)), None),
    ("jan/feb 2026", span(month(2026, 1), month(2026, 2)), None),
    ("januari en februari 2026", span(month(2026, 1), month(2026, 2)), None),
    ("jan, feb en mrt 2026", span(month(2026, 1), month(2026, 3)), None),
    ("mei - juni 2026", span(month(2026, 5), month(2026, 6)), None),
    ("sept/okt 2026", span(month(2026, 9), month(2026, 10)), None),
    ("september-december 2026", span(month(2026, 9), month(2026, 12)), None),
    ("nov 2026 - feb 2027", span(month(2026, 11), month(2027, 2)), None),
    ("nov - feb 2027", span(month(2026, 11), month(2027, 2)), None),
    ("okt 2026 t/m mrt 2027", span(month(2026, 10), month(2027, 3)), None),
    ("2026-2027", span(year(2026), year(2027)), None),
    ("2026 - 2027", span(year(2026), year(2027)), None),
    ("2026/2027", span(year(2026), year(2027)), None),
    ("2026-27", span(year(2026), year(2027)), None),
    ("2026/27", span(year(2026), year(2027)), None),
    ("2024-25", span(year(2024), year(2025)), None),
    ("2026 t/m 2028", span(year(2026), year(2028)), None),
    ("van 2026 t/m 2028", span(year(2026), year(2028)), None),
    ("eind 2026/begin 2027", span(quarter(2026, 4), quarter(2027, 1)), None),
    ("eind 2026 - begin 2027", span(quarter(2026, 4), quarter(2027, 1)), None),
    ("1 t/m 15 maart 2026", span(day(2026, 3, 1), day(2026, 3, 15)), None),
    ("4-8 mei 2026", span(day(2026, 5, 4), day(2026, 5, 8)), None),
    ("15 maart - 1 april 2026", span(day(2026, 3, 15), day(2026, 4, 1)), None),
    ("1-1-2026 t/m 31-12-2026", span(day(2026, 1, 1), day(2026, 12, 31)), None),
    ("week 10-12 2026", span(week(2026, 10), week(2026, 12)), None),
    ("Q3 of Q4 2026", span(quarter(2026, 3), quarter(2026, 4)), None),
    ("februari / maart", span(month(2026, 2), month(2026, 3)), 2026),
    ("februari / maart", REFUSED, None),
    ("nov - feb", REFUSED, 2026),
    ("Q1 en Q2", span(quarter(2027, 1), quarter(2027, 2)), 2027),
    # --- weeks ----------------------------------------------------------------------
    ("week 12 2026", week(2026, 12), None),
    ("wk 12 2026", week(2026, 12), None),
    ("week 12-2026", week(2026, 12), None),
    ("2026-W12", week(2026, 12), None),
    ("week 53 2026", week(2026, 53), None),
    ("week 53 2027", REFUSED, None),
    ("week 12/26", REFUSED, None),
    # --- notes --------------------------------------------------------------------------
    ("Q2 2026 (onder voorbehoud)", noted(quarter(2026, 2), "onder voorbehoud"), None),
    ("Q2 2026 (o.v.b.)", noted(quarter(2026, 2), "o.v.b."), None),
    ("eind 2026 (indicatief)", noted(quarter(2026, 4), "indicatief"), None),
    ("najaar 2026 (na besluit college)", noted(season(2026, 9), "na besluit college"), None),
    (
        "2027 (afhankelijk van financiering)",
        noted(year(2027), "afhankelijk van financiering"),
        None,
    ),
    ("Q2 2026, onder voorbehoud", noted(quarter(2026, 2), "onder voorbehoud"), None),
    ("1 juli 2026 [concept]", noted(day(2026, 7, 1), "concept"), None),
    ("Q3 2026 (fase 1)", noted(quarter(2026, 3), "fase 1"), None),
    ("in uitvoering, gereed Q3 2026", noted(quarter(2026, 3), "in uitvoering"), None),
    # --- postponements --------------------------------------------------------------------
    ("uitgesteld naar 2027", moved(year(2027)), None),
    ("Uitgesteld naar 2027", moved(year(2027)), None),
    ("verschoven naar Q1 2027", moved(quarter(2027, 1)), None),
    ("verplaatst naar najaar 2026", moved(season(2026, 9)), None),
    ("doorgeschoven naar 2027", moved(year(2027)), None),
    ("uitgesteld tot Q2 2027", moved(quarter(2027, 2)), None),
    ("Q1 2027 (was Q3 26)", moved(quarter(2027, 1), "Q3 26"), None),
    ("Q1 2027 (was: Q3 2026)", moved(quarter(2027, 1), "Q3 2026"), None),
    ("eind 2027 (oorspronkelijk eind 2026)", moved(quarter(2027, 4), "eind 2026"), None),
    ("Q2 2027 (eerder Q4 2026)", moved(quarter(2027, 2), "Q4 2026"), None),
    ("2027 (uitgesteld)", moved(year(2027)), None),
    ("Q3 2026 (verschoven)", moved(quarter(2026, 3)), None),
    ("verschoven van Q3 2026 naar Q1 2027", moved(quarter(2027, 1), "Q3 2026"), None),
    ("Q3 2026 -> Q1 2027", moved(quarter(2027, 1), "Q3 2026"), None),
    ("Q3 2026 → Q1 2027", moved(quarter(2027, 1), "Q3 2026"), None),
    ("Q1 2027 i.p.v. Q3 2026", moved(quarter(2027, 1), "Q3 2026"), None),
    ("nieuwe datum: 1 maart 2027", moved(day(2027, 3, 1)), None),
    ("was Q3 2026, nu Q1 2027", moved(quarter(2027, 1), note="was Q3 2026"), None),
    # --- two deadlines in one cell -----------------------------------------------------------
    ("streven maart, uiterlijk 30 april 2026", noted(day(2026, 4, 30), "streven maart"), None),
    ("streven maart 2026, uiterlijk april", noted(month(2026, 4), "streven maart 2026"), None),
    ("streven Q1 2026, uiterlijk Q2 2026", noted(quarter(2026, 2), "streven Q1 2026"), None),
    (
        "streefdatum 1 juni 2026; uiterlijk 1 september 2026",
        noted(day(2026, 9, 1), "streefdatum 1 juni 2026"),
        None,
    ),
    ("maart 2026 (uiterlijk april 2026)", noted(month(2026, 4), "maart 2026"), None),
    # --- placeholders -------------------------------------------------------------------------
    *(
        (text, undated(K.ONBEKEND), None)
        for text in (
            "n.n.b.",
            "nnb",
            "NNB",
            "n.t.b.",
            "ntb",
            "N.T.B.",
            "nog te bepalen",
            "Nog te bepalen",
            "nader te bepalen",
            "t.z.t.",
            "tzt",
            "zo snel mogelijk",
            "z.s.m.",
            "zsm",
            "ZSM",
            "asap",
            "ASAP",
            "?",
            "??",
            "--",
            "-",
            "PM",
            "p.m.",
            "P.M.",
            "nog niet bekend",
            "onbekend",
            "nog onbekend",
            "volgt",
            "in overleg",
            "nog te plannen",
            "",
        )
    ),
    ("n.v.t.", undated(K.NVT), None),
    ("niet van toepassing", undated(K.NVT), None),
    # --- depends on ---------------------------------------------------------------------------
    ("afhankelijk van besluitvorming", undated(K.AFHANKELIJK, "besluitvorming"), None),
    (
        "Afhankelijk van landelijke wetgeving",
        undated(K.AFHANKELIJK, "landelijke wetgeving"),
        None,
    ),
    ("afh. van aanbesteding", undated(K.AFHANKELIJK, "aanbesteding"), None),
    (
        "afhankelijk van uitkomst pilot Q2 2026",
        undated(K.AFHANKELIJK, "uitkomst pilot Q2 2026"),
        None,
    ),
    # --- ongoing --------------------------------------------------------------------------------
    *(
        (text, undated(K.DOORLOPEND), None)
        for text in (
            "doorlopend",
            "Doorlopend",
            "DOORLOPEND",
            "continu",
            "Continu",
            "voortdurend",
            "structureel",
            "Structureel",
            "permanent",
            "doorlopende inzet",
            "doorlopend proces",
            "continue aandacht",
            "structurele inzet",
            "voortdurende aandacht",
        )
    ),
    ("doorlopend vanaf 2026", start(year(2026)), None),
    ("doorlopend tot eind 2027", quarter(2027, 4), None),
    # --- recurring ------------------------------------------------------------------------------
    *(
        (text, undated(K.TERUGKEREND), None)
        for text in (
            "jaarlijks",
            "Jaarlijks",
            "halfjaarlijks",
            "driemaandelijks",
            "maandelijks",
            "wekelijks",
            "tweejaarlijks",
            "per kwartaal",
            "elk kwartaal",
            "ieder jaar",
            "per jaar",
            "2x per jaar",
            "2 x per jaar",
            "twee keer per jaar",
            "drie keer per jaar",
            "1x per kwartaal",
            "jaarlijks in Q1",
            "jaarlijks in maart",
            "jaarlijks, voor 1 april",
            "periodiek",
            "elke maand",
            "eens per jaar",
            "jaarlijks terugkerend",
        )
    ),
    ("cyclisch (P&C-cyclus)", undated(K.TERUGKEREND, "P&C-cyclus"), None),
    ("structureel (jaarlijks)", undated(K.TERUGKEREND, "jaarlijks"), None),
    ("doorlopend (jaarlijks)", undated(K.TERUGKEREND, "jaarlijks"), None),
    # --- a status where the deadline belongs ------------------------------------------------------
    ("gereed", undated(K.STATUS, "gereed"), None),
    ("Gereed", undated(K.STATUS, "gereed"), None),
    ("afgerond", undated(K.STATUS, "gereed"), None),
    ("Afgerond", undated(K.STATUS, "gereed"), None),
    ("uitgevoerd", undated(K.STATUS, "gereed"), None),
    ("in uitvoering", undated(K.STATUS, "lopend"), None),
    ("In uitvoering", undated(K.STATUS, "lopend"), None),
    ("loopt", undated(K.STATUS, "lopend"), None),
    ("lopend", undated(K.STATUS, "lopend"), None),
    ("vervallen", undated(K.STATUS, "vervallen"), None),
    ("nog niet gestart", undated(K.STATUS, "open"), None),
    ("gereed in Q3 2026", quarter(2026, 3), None),
    ("afronding Q4 2026", quarter(2026, 4), None),
    ("oplevering medio 2027", mid_year(2027), None),
    ("loopt tot eind 2026", quarter(2026, 4), None),
    # --- framing words ----------------------------------------------------------------------------
    ("planning: Q3 2026", quarter(2026, 3), None),
    ("gepland Q3 2026", quarter(2026, 3), None),
    ("verwacht Q4 2026", quarter(2026, 4), None),
    ("streven Q2 2026", quarter(2026, 2), None),
    ("streefdatum 1 juli 2026", day(2026, 7, 1), None),
    ("deadline 1 juli 2026", day(2026, 7, 1), None),
    ("omstreeks juni 2026", month(2026, 6), None),
    ("rond de zomer van 2026", season(2026, 6), None),
    ("tijdens de zomer 2026", season(2026, 6), None),
    # --- ambiguous or not a date: refused, never guessed ----------------------------------------
    ("tot 1 juli 2026", REFUSED, None),
    ("tot juli 2026", REFUSED, None),
    ("binnenkort", REFUSED, None),
    ("na vaststelling", REFUSED, None),
    ("volgend jaar", REFUSED, None),
    ("3/24", REFUSED, None),
    ("Q5 2026", REFUSED, None),
    ("2026-13", REFUSED, None),
    ("na vaststelling begroting", REFUSED, None),
    ("Q3 2026 blabla", REFUSED, None),
    # --- a second batch, written down before it was run (149 phrases, 118 read right then) ---
    ("2e kwartaal 2026", quarter(2026, 2), None),
    ("Q2-2026", quarter(2026, 2), None),
    ("Uiterlijk 1 juli 2026", day(2026, 7, 1), None),
    ("Looptijd 2024-2027", span(year(2024), year(2027)), None),
    ("Periode 2025 - 2026", span(year(2025), year(2026)), None),
    ("Oplevering Q4 2026", quarter(2026, 4), None),
    ("Besluitvorming raad: Q2 2026", noted(quarter(2026, 2), "Besluitvorming raad"), None),
    ("Kwartaal 3 2026", quarter(2026, 3), None),
    ("KW3 2026", quarter(2026, 3), None),
    ("Sep. 2026", month(2026, 9), None),
    ("1 sept 2026", day(2026, 9, 1), None),
    ("1 september '26", day(2026, 9, 1), None),
    ("vanaf september 2026", start(month(2026, 9)), None),
    ("Vanaf 2026 jaarlijks", undated(K.TERUGKEREND), None),
    ("Jaarlijks (Q4)", undated(K.TERUGKEREND, "Q4"), None),
    ("Elk voorjaar", undated(K.TERUGKEREND), None),
    ("Ieder half jaar", undated(K.TERUGKEREND), None),
    ("4x per jaar", undated(K.TERUGKEREND), None),
    ("Eens per 2 jaar", undated(K.TERUGKEREND), None),
    ("tweemaal per jaar", undated(K.TERUGKEREND), None),
    ("Continu proces", undated(K.DOORLOPEND), None),
    ("Nvt", undated(K.NVT), None),
    ("N.v.t.", undated(K.NVT), None),
    ("Nog niet bekend", undated(K.ONBEKEND), None),
    ("afhankelijk van Rijksbeleid", undated(K.AFHANKELIJK, "Rijksbeleid"), None),
    ("Na vaststelling RES", REFUSED, None),
    ("Q1 2026 - Q4 2026", span(quarter(2026, 1), quarter(2026, 4)), None),
    ("2026: Q1-Q2", span(quarter(2026, 1), quarter(2026, 2)), None),
    ("Eind 2026, begin 2027", span(quarter(2026, 4), quarter(2027, 1)), None),
    ("Q2 2026 / Q3 2026", span(quarter(2026, 2), quarter(2026, 3)), None),
    ("medio/eind 2026", span(mid_year(2026), quarter(2026, 4)), None),
    ("begin/medio 2027", span(quarter(2027, 1), mid_year(2027)), None),
    ("eind Q2/begin Q3 2026", span(month(2026, 6), month(2026, 7)), None),
    ("Uiterlijk eind Q2 2026", month(2026, 6), None),
    ("Uiterlijk 31 december 2026", day(2026, 12, 31), None),
    ("Q4 2026 (was Q2 2026)", moved(quarter(2026, 4), "Q2 2026"), None),
    ("Q4 2026 (eerder: Q2 2026)", moved(quarter(2026, 4), "Q2 2026"), None),
    ("Vertraagd, nu Q1 2027", moved(quarter(2027, 1), note="Vertraagd"), None),
    ("Q1 2027 (vertraagd)", moved(quarter(2027, 1)), None),
    ("Planning: 2e helft 2026", half(2026, 2), None),
    ("Datum: 1-7-2026", day(2026, 7, 1), None),
    ("Gereed: Q4 2026", quarter(2026, 4), None),
    ("Klaar voor de zomer 2026", day(2026, 6, 30), None),
    ("Voor de zomer", REFUSED, None),
    ("Na de zomer", season(2026, 9), 2026),
    ("september", month(2026, 9), 2026),
    ("Week 37 2026", week(2026, 37), None),
    ("Wk 37", week(2026, 37), 2026),
    ("Begin september 2026", part(2026, 9, 1, 10), None),
    ("Eind september 2026", part(2026, 9, 21), None),
    ("Half september 2026", part(2026, 9, 11, 20), None),
    ("Medio september", part(2026, 9, 11, 20), 2026),
    ("Eind sept.", part(2026, 9, 21), 2026),
    ("Voor 1-1-2027", day(2026, 12, 31), None),
    ("Voor de kerst 2026", REFUSED, None),
    ("Voor het einde van het jaar", quarter(2026, 4), 2026),
    ("Einde jaar", quarter(2026, 4), 2026),
    ("Q2", REFUSED, None),
    ("Q2 2026*", quarter(2026, 2), None),
    ("± Q3 2026", quarter(2026, 3), None),
    ("~Q3 2026", quarter(2026, 3), None),
    (
        "Q3 2026 - Q4 2026 (afhankelijk van subsidie)",
        noted(span(quarter(2026, 3), quarter(2026, 4)), "afhankelijk van subsidie"),
        None,
    ),
    ("2026 (gehele jaar)", noted(year(2026), "gehele jaar"), None),
    ("Heel 2026", year(2026), None),
    ("Hele jaar 2026", year(2026), None),
    ("Schooljaar 2026-2027", REFUSED, None),
    ("Begrotingsjaar 2027", year(2027), None),
    ("Raadsperiode 2022-2026", REFUSED, None),
    ("Q1 2026 t/m Q4 2027", span(quarter(2026, 1), quarter(2027, 4)), None),
    ("Tot en met 2027", year(2027), None),
    ("t/m 2027", year(2027), None),
    ("Tot 2027", REFUSED, None),
    ("Uiterlijk in 2026", year(2026), None),
    ("In 2026 gereed", year(2026), None),
    ("Uitgesteld tot 2027", moved(year(2027)), None),
    ("Verschoven naar 2027 (was 2026)", moved(year(2027), "2026"), None),
    ("2027 (uitstel)", moved(year(2027)), None),
    ("Q3 2026 => Q1 2027", moved(quarter(2027, 1), "Q3 2026"), None),
    ("Q1 2027 (oorspr. Q3 2026)", moved(quarter(2027, 1), "Q3 2026"), None),
    ("Q1 2027 (oude planning Q3 2026)", moved(quarter(2027, 1), "Q3 2026"), None),
    ("Nieuwe planning: Q1 2027", moved(quarter(2027, 1)), None),
    ("Streven: Q1 2026. Uiterlijk: Q2 2026", noted(quarter(2026, 2), "Streven: Q1 2026"), None),
    ("Q1 2026, uiterlijk Q2 2026", noted(quarter(2026, 2), "Q1 2026"), None),
    ("Planning Q1 2026 (uiterlijk Q2)", noted(quarter(2026, 2), "Planning Q1 2026"), None),
    ("Uiterlijk Q2 2026, liefst eerder", noted(quarter(2026, 2), "liefst eerder"), None),
    ("1e kwartaal", quarter(2026, 1), 2026),
    ("begin volgend jaar", REFUSED, 2026),
    ("medio", REFUSED, None),
    ("Q1, Q3 2026", span(quarter(2026, 1), quarter(2026, 3)), None),
    ("april en oktober 2026", span(month(2026, 4), month(2026, 10)), None),
    ("06-2026", month(2026, 6), None),
    ("2026-6", month(2026, 6), None),
    ("1-2027", month(2027, 1), None),
    ("30-06-26", day(2026, 6, 30), None),
    ("1-7", day(2026, 7, 1), 2026),
    ("30/6", day(2026, 6, 30), 2026),
    ("30/6", REFUSED, None),
    ("Q3 2026?", noted(quarter(2026, 3), "?"), None),
    ("eind 2025 / begin 2026", span(quarter(2025, 4), quarter(2026, 1)), None),
    ("Najaar 2025", season(2025, 9), None),
    ("Voorjaar 2027", season(2027, 3), None),
    ("Q4 2025", quarter(2025, 4), None),
    ("december 2025", month(2025, 12), None),
    ("dec. 2025", month(2025, 12), None),
    ("Dec 25", month(2025, 12), None),
    ("jan. 2026", month(2026, 1), None),
    ("Januari 2026", month(2026, 1), None),
    ("2025 Q4", quarter(2025, 4), None),
    ("Eerste helft 2026", half(2026, 1), None),
    ("1e helft '26", half(2026, 1), None),
    ("H2 '25", half(2025, 2), None),
    ("Zomer '26", season(2026, 6), None),
    ("Eind Q1 '26", month(2026, 3), None),
    ("Begin Q2 '26", month(2026, 4), None),
    ("Medio Q2 2026", month(2026, 5), None),
    ("Halverwege 2027", mid_year(2027), None),
    ("Uiterlijk medio 2026", mid_year(2026), None),
    ("Voor medio 2027", day(2027, 5, 31), None),
    ("Per 1 juli 2026", day(2026, 7, 1), None),
    ("Per 01-01-2027", day(2027, 1, 1), None),
    ("Ingangsdatum 1-1-2027", start(day(2027, 1, 1)), None),
    ("Start 1 maart 2026", REFUSED, None),
    ("Continu, jaarlijkse evaluatie", undated(K.TERUGKEREND), None),
    ("Doorlopend, evaluatie Q4 2026", undated(K.DOORLOPEND, "evaluatie Q4 2026"), None),
    ("Structureel vanaf 2026", start(year(2026)), None),
    ("Loopt", undated(K.STATUS, "lopend"), None),
    (
        "Afgerond (2025)",
        undated(
            K.STATUS,
            "gereed",
        ),
        None,
    ),
    ("Gereed (Q4 2025)", undated(K.STATUS, "gereed"), None),
    ("Gestart", undated(K.STATUS, "lopend"), None),
    ("Nog te starten", undated(K.STATUS, "open"), None),
    ("Z.s.m.", undated(K.ONBEKEND), None),
    ("zsm, uiterlijk Q3 2026", noted(quarter(2026, 3), "zsm"), None),
    ("Asap", undated(K.ONBEKEND), None),
    ("n.t.b", undated(K.ONBEKEND), None),
    ("nog nader te bepalen", undated(K.ONBEKEND), None),
    ("Nader te bepalen", undated(K.ONBEKEND), None),
    ("TZT", undated(K.ONBEKEND), None),
    ("–", undated(K.ONBEKEND), None),
    ("n.n.b", undated(K.ONBEKEND), None),
    ("Afhankelijk van planning politie", undated(K.AFHANKELIJK, "planning politie"), None),
    (
        "Afhankelijk van besluit college (verwacht Q3 2026)",
        undated(K.AFHANKELIJK, "besluit college; verwacht Q3 2026"),
        None,
    ),
    ("2e helft 2026 / 1e helft 2027", span(half(2026, 2), half(2027, 1)), None),
    ("Q4 2026 - Q2 2027", span(quarter(2026, 4), quarter(2027, 2)), None),
    ("sept 2026 t/m juni 2027", span(month(2026, 9), month(2027, 6)), None),
    ("2026 en 2027", span(year(2026), year(2027)), None),
    ("2026-2030", span(year(2026), year(2030)), None),
    ("2025 - heden", REFUSED, None),
]


def _read(text: str, year_: int | None) -> Want | None:
    try:
        period = parse_deadline(text, year=year_)
    except DeadlineError:
        return REFUSED
    return Want(*period)


@pytest.mark.parametrize(("text", "want", "year_"), CORPUS)
def test_realistic_phrases(text: str, want: Want | None, year_: int | None) -> None:
    """Each realistic phrase gets exactly the period its writer meant, or is refused
    where reading it would take a guess."""
    assert _read(text, year_) == want


def test_corpus_size() -> None:
    """The list stays a realistic sample: several hundred phrases."""
    assert len(CORPUS) >= 300
