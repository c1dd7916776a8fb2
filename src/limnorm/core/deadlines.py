"""The deadline engine: Dutch deadline text in, a calendar period out.

``parse_deadline("Q3/Q4 24")`` gives the period 2024-07-01 .. 2024-12-31. The
module is pure: it never reads today's date, so a form without a year is an
error instead of a guess. Every form is a short anchored regular expression
without nested repetition, and input is capped in length, so no text can make
matching slow.

Conventions for the vague words follow the issue that specified them:
``begin <jaar>`` is Q1, ``medio <jaar>`` June-July, ``eind <jaar>`` Q4,
``begin/medio/eind <maand>`` days 1-10/11-20/21-end, ``voor X`` the day before
X begins, and so on; see :func:`parse_deadline`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from limnorm.core.errors import DeadlineError
from limnorm.core.period import Period, PeriodKind

__all__ = ["Period", "PeriodKind", "days_in_month", "parse_deadline"]

#: Longer text is certainly not a deadline; the cap keeps matching time bounded.
MAX_LENGTH = 120


_UNDATED: dict[str, PeriodKind] = {
    **dict.fromkeys(
        ("doorlopend", "continu", "continue", "structureel", "permanent"), PeriodKind.DOORLOPEND
    ),
    **dict.fromkeys(
        (
            "jaarlijks",
            "halfjaarlijks",
            "tweejaarlijks",
            "maandelijks",
            "wekelijks",
            "kwartaallijks",
            "periodiek",
            "elk kwartaal",
            "ieder kwartaal",
            "per kwartaal",
            "elk jaar",
            "ieder jaar",
            "elke maand",
            "iedere maand",
        ),
        PeriodKind.TERUGKEREND,
    ),
    **dict.fromkeys(
        (
            "",
            "ntb",
            "tbd",
            "pm",
            "zsm",
            "?",
            "-",
            "onbekend",
            "nog te bepalen",
            "nader te bepalen",
            "nog niet bekend",
        ),
        PeriodKind.ONBEKEND,
    ),
    **dict.fromkeys(("nvt", "n/a", "niet van toepassing"), PeriodKind.NVT),
}

_MONTHS: dict[str, int] = {
    **dict.fromkeys(("jan", "januari", "january"), 1),
    **dict.fromkeys(("feb", "febr", "februari", "february"), 2),
    **dict.fromkeys(("mrt", "maart", "mar", "march", "mrz"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("aug", "augustus", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oktober", "oct", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december"), 12),
}
MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAYS: dict[str, int] = {}
for _i, (_nl, _short, _en) in enumerate(
    zip(
        WEEKDAY_NAMES,
        ("ma", "di", "wo", "do", "vr", "za", "zo"),
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        strict=True,
    )
):
    for _name in (_nl, _short, _en, _en[:3]):
        _WEEKDAYS[_name] = _i
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
_SEASONS: dict[str, int] = {  # first month of the meteorological season
    **dict.fromkeys(("voorjaar", "lente", "spring"), 3),
    **dict.fromkeys(("zomer", "summer"), 6),
    **dict.fromkeys(("najaar", "herfst", "autumn", "fall"), 9),
}


_SEP = r"[ -]?"
_Y = r"(?P<y>\d{4}|'?\d{2})"
_OY = rf"(?:{_SEP}{_Y})?"
# Any word; the handlers look it up in _MONTHS. A 40-word alternation here cost
# several milliseconds of regex compilation at every start-up.
_MON = r"(?P<mon>[a-z]+)"


class _NoMatch(Exception):
    """No form matched; the caller may still try to read the text as a span."""


class _NoYear(Exception):
    """A form matched but its year is missing; a span may supply the year."""


class _Invalid(Exception):
    """A form matched but names a period that does not exist."""


def _year(text: str) -> int:
    text = text.lstrip("'")
    year = int(text)
    if len(text) == 2:
        return 2000 + year
    if not 1900 <= year <= 2199:
        raise _Invalid(f"jaar {year} ligt niet tussen 1900 en 2199")
    return year


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The number of days in a month (``month`` 1-12)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def _month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def _months(year: int, first: int, count: int, kind: PeriodKind) -> Period:
    """The period of ``count`` months starting at ``first`` (may run into next year)."""
    last = first + count - 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return Period(date(year, first, 1), _month_end(end_year, end_month), kind)


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise _Invalid(f"maand {month} bestaat niet (een jaar heeft 12 maanden)")
    return month


def _day(year: int, month: int, day: int, written: str) -> Period:
    _check_month(month)
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        raise _Invalid(
            f"{written} bestaat niet ({MONTH_NAMES[month - 1]} {year} heeft {length} dagen)"
        )
    the_day = date(year, month, day)
    return Period(the_day, the_day, PeriodKind.DAG)


def _week(year: int, week: int) -> Period:
    weeks = date(year, 12, 28).isocalendar()[1]
    if not 1 <= week <= weeks:
        raise _Invalid(f"week {week} bestaat niet in {year} (dat jaar heeft {weeks} weken)")
    monday = date.fromisocalendar(year, week, 1)
    return Period(monday, monday + timedelta(days=6), PeriodKind.WEEK)


def _part(year: int, n: int, size: int, kind: PeriodKind, label: str, names: str) -> Period:
    count = 12 // size
    if not 1 <= n <= count:
        raise _Invalid(f"{label}{n} bestaat niet; een jaar heeft er {count} ({names})")
    return _months(year, (n - 1) * size + 1, size, kind)


def _quarter(year: int, n: int) -> Period:
    return _part(year, n, 3, PeriodKind.KWARTAAL, "Q", "Q1 t/m Q4")


def _half(year: int, n: int) -> Period:
    return _part(year, n, 6, PeriodKind.HALFJAAR, "H", "H1 en H2")


def _tertial(year: int, n: int) -> Period:
    return _part(year, n, 4, PeriodKind.TERTIAAL, "T", "T1 t/m T3")


def _season(year: int, first_month: int) -> Period:
    return _months(year, first_month, 3, PeriodKind.SEIZOEN)


_Handler = Callable[[re.Match[str], int], Period]


_WORDS = frozenset((*_MONTHS, *_SEASONS, "winter"))
_OPTIONAL_ORDINAL = frozenset((None, *_ORDINALS))


# Forms by what their text can start with: a digit or a letter. Trying only the
# forms that can match at all made the engine a third faster.
_DIGIT_FIRST: list[tuple[re.Pattern[str], _Handler]] = []
_LETTER_FIRST: list[tuple[re.Pattern[str], _Handler]] = []


def _form(*patterns: str, starts: str = "both") -> Callable[[_Handler], _Handler]:
    """Register a handler for regexes that must match the whole (normalised) text.

    ``starts`` says what the text can begin with: ``digit``, ``letter`` or ``both``.
    """

    def register(handler: _Handler) -> _Handler:
        for pattern in patterns:
            compiled = re.compile(pattern)
            if starts != "letter":
                _DIGIT_FIRST.append((compiled, handler))
            if starts != "digit":
                _LETTER_FIRST.append((compiled, handler))
        return handler

    return register


@_form(r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})", starts="digit")
def _iso_day(m: re.Match[str], year: int) -> Period:
    return _day(year, int(m["mo"]), int(m["d"]), m[0])


@_form(r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<mo>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})", starts="digit")
def _numeric_day(m: re.Match[str], year: int) -> Period:
    return _day(year, int(m["mo"]), int(m["d"]), m[0])


@_form(rf"(?P<d>\d{{1,2}})(?:e|ste|de)?{_SEP}{_MON}{_OY}", starts="digit")
def _named_day(m: re.Match[str], year: int) -> Period:
    return _day(year, _month(m["mon"]), int(m["d"]), m[0])


@_form(r"(?P<y>\d{4})-(?P<mo>\d{1,2})", r"(?P<mo>\d{1,2})[-/](?P<y>\d{4})", starts="digit")
def _numeric_month(m: re.Match[str], year: int) -> Period:
    return _months(year, _check_month(int(m["mo"])), 1, PeriodKind.MAAND)


@_form(rf"{_MON}{_OY}", starts="letter")
def _named_month(m: re.Match[str], year: int) -> Period:
    word = m["mon"]
    if word == "winter":
        # Meteorological winter: December of the year named through February.
        return _months(year, 12, 3, PeriodKind.SEIZOEN)
    if word in _SEASONS:
        return _season(year, _SEASONS[word])
    return _months(year, _month(word), 1, PeriodKind.MAAND)


def _month(word: str) -> int:
    month = _MONTHS.get(word)
    if month is None:
        raise _NoMatch(word)
    return month


# Quarters, halves, tertials and ISO weeks share three shapes: "Q3 24",
# "3e kwartaal 2024" / "derde kwartaal 2024", and "2024-Q3". One regex per
# shape keeps compilation, paid at every start-up, small.
_UNITS: dict[str, Callable[[int, int], Period]] = {
    **dict.fromkeys(("q", "kw", "k", "kwartaal"), lambda y, n: _quarter(y, n)),
    **dict.fromkeys(("h", "hj", "helft", "halfjaar", "half jaar"), lambda y, n: _half(y, n)),
    **dict.fromkeys(("t", "tertiaal"), lambda y, n: _tertial(y, n)),
    **dict.fromkeys(("w", "wk", "week"), lambda y, n: _week(y, n)),
}


@_form(
    rf"(?P<unit>kwartaal|week|hj|kw|wk|[qkhtw]) ?(?P<n>\d{{1,2}}){_OY}",
    r"(?P<y>\d{4})[ -]?(?P<unit>[qhw])-?(?P<n>\d{1,2})",
    rf"(?:(?P<n>\d{{1,2}})(?:e|ste|de)?|(?P<w>[a-z]+)) "
    rf"(?P<unit>kwartaal|kw|q|helft|halfjaar|half jaar|tertiaal|t){_OY}",
)
def _unit_form(m: re.Match[str], year: int) -> Period:
    word = m["w"] if "w" in m.groupdict() else None
    if word is not None and word not in _ORDINALS:
        raise _NoMatch(word)
    return _UNITS[m["unit"]](year, _ORDINALS[word] if word else int(m["n"]))


@_form(r"winter (?P<y>\d{4}|'?\d{2}) ?/ ?(?P<y2>\d{4}|'?\d{2})", starts="letter")
def _winter_two_years(m: re.Match[str], year: int) -> Period:
    if _year(m["y2"]) != year + 1:
        raise _Invalid(f"{m[0]}: de twee jaren moeten op elkaar volgen")
    return _months(year, 12, 3, PeriodKind.SEIZOEN)


@_form(r"(?P<y>\d{4})", starts="digit")
def _year_form(m: re.Match[str], year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.JAAR)


def _match_form(text: str, default_year: int | None) -> Period:
    for pattern, handler in _DIGIT_FIRST if text[:1].isdigit() else _LETTER_FIRST:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        written = match.groupdict().get("y")
        if written is not None:
            year = _year(written)
        elif default_year is not None:
            year = default_year
        else:
            words = match.groupdict()
            if words.get("mon", "jan") not in _WORDS or words.get("w") not in _OPTIONAL_ORDINAL:
                continue  # not a date word at all: no reason to ask for a year
            raise _NoYear(text)
        try:
            return handler(match, year)
        except _NoMatch:
            continue
    raise _NoMatch(text)


# --- modifiers: words before (or after) a form that change the period -------


def _begin_of(p: Period) -> Period:
    assert p.begin is not None
    assert p.deadline is not None
    if p.kind is PeriodKind.JAAR:
        return _quarter(p.begin.year, 1)
    if p.kind is PeriodKind.MAAND:
        return Period(p.begin, p.begin + timedelta(days=9), PeriodKind.PERIODE)
    if p.kind in _MULTI_MONTH:
        return _months(p.begin.year, p.begin.month, 1, PeriodKind.MAAND)
    raise _Invalid(f"'begin' past niet bij een {p.kind}")


def _middle_of(p: Period) -> Period:
    assert p.begin is not None
    assert p.deadline is not None
    if p.kind is PeriodKind.JAAR:
        return _months(p.begin.year, 6, 2, PeriodKind.PERIODE)
    if p.kind is PeriodKind.MAAND:
        return Period(
            p.begin + timedelta(days=10), p.begin + timedelta(days=19), PeriodKind.PERIODE
        )
    if p.kind in (PeriodKind.KWARTAAL, PeriodKind.SEIZOEN):
        second = p.begin.replace(day=28) + timedelta(days=4)  # a day in the next month
        return _months(second.year, second.month, 1, PeriodKind.MAAND)
    raise _Invalid(f"'medio' past niet bij een {p.kind}")


def _end_of(p: Period) -> Period:
    assert p.begin is not None
    assert p.deadline is not None
    if p.kind is PeriodKind.JAAR:
        return _quarter(p.begin.year, 4)
    if p.kind is PeriodKind.MAAND:
        return Period(p.begin + timedelta(days=20), p.deadline, PeriodKind.PERIODE)
    if p.kind in _MULTI_MONTH:
        return _months(p.deadline.year, p.deadline.month, 1, PeriodKind.MAAND)
    raise _Invalid(f"'eind' past niet bij een {p.kind}")


def _primo(p: Period) -> Period:
    if p.kind is PeriodKind.JAAR:
        assert p.begin is not None
        return _months(p.begin.year, 1, 1, PeriodKind.MAAND)
    return _begin_of(p)


def _ultimo(p: Period) -> Period:
    if p.kind in (PeriodKind.DAG, PeriodKind.WEEK):
        raise _Invalid(f"'ultimo' past niet bij een {p.kind}")
    return Period(p.deadline, p.deadline, PeriodKind.DAG)


def _before(p: Period) -> Period:
    assert p.begin is not None
    day = p.begin - timedelta(days=1)
    return Period(day, day, PeriodKind.DAG)


def _from(p: Period) -> Period:
    return Period(p.begin, None, PeriodKind.VANAF)


def _same(p: Period) -> Period:
    return p


_MULTI_MONTH = frozenset(
    (
        PeriodKind.KWARTAAL,
        PeriodKind.TERTIAAL,
        PeriodKind.HALFJAAR,
        PeriodKind.SEIZOEN,
        PeriodKind.PERIODE,
    )
)

# Longest first: "voor eind" must win over "voor", "einde" over "eind".
_PREFIX_WORDS: tuple[tuple[str, Callable[[Period], Period]], ...] = (
    ("in|uiterlijk|per|t/m|tm|tot en met|by", _same),
    ("voor eind|voor einde|voor het eind van|voor het einde van", _same),
    ("by end of|before end of|by the end of|before the end of", _same),
    ("begin|start|early|begin van|start van", _begin_of),
    ("medio|half|midden|mid|halverwege|midden van", _middle_of),
    ("eind|einde|eind van|einde van|end of|end|late", _end_of),
    ("primo", _primo),
    ("ultimo", _ultimo),
    ("voor|before", _before),
    ("vanaf|from|sinds|since", _from),
)
# Phrases grouped by their first word, longest first: "voor eind" must win over
# "voor". Looking up the first word beats trying forty startswith() calls.
_PREFIXES: dict[str, list[tuple[str, Callable[[Period], Period]]]] = {}
for _words, _apply in _PREFIX_WORDS:
    for _phrase in _words.split("|"):
        _PREFIXES.setdefault(_phrase.split(" ")[0], []).append((_phrase, _apply))
for _phrases in _PREFIXES.values():
    _phrases.sort(key=lambda item: len(item[0]), reverse=True)
_FIRST_WORD = re.compile(r"[a-z/]+")
_SUFFIXES: list[tuple[str, Callable[[Period], Period]]] = [
    (" en verder", _from),
    (" ev", _from),
    (" onwards", _from),
]
_SPECIAL: list[tuple[re.Pattern[str], Callable[[int], Period]]] = [
    # "voor de zomer" is the Dutch planning convention for the end of June
    # (before the summer recess), not the day before meteorological summer.
    (
        re.compile(rf"voor de zomer(?:vakantie|reces)?{_OY}"),
        lambda y: Period(date(y, 6, 30), date(y, 6, 30), PeriodKind.DAG),
    ),
    (re.compile(rf"na de zomer(?:vakantie|reces)?{_OY}"), lambda y: _season(y, 9)),
]


def _single(text: str, default_year: int | None) -> Period:
    """Read one (non-span) expression, applying modifier words recursively."""
    first = _FIRST_WORD.match(text)
    if first is None:
        return _match_form(text, default_year)
    if first[0] in ("voor", "na"):
        for pattern, make in _SPECIAL:
            match = pattern.fullmatch(text)
            if match:
                written = match["y"]
                if written is None and default_year is None:
                    raise _NoYear(text)
                return make(_year(written) if written else default_year)  # type: ignore[arg-type]
    for prefix, apply in _PREFIXES.get(first[0], ()):
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1] in (" ", "-"):
            return _dated(apply, _single(text[len(prefix) + 1 :].strip(), default_year), text)
    for suffix, apply in _SUFFIXES:
        if text.endswith(suffix):
            return _dated(apply, _single(text[: -len(suffix)].strip(), default_year), text)
    weekday, _, rest = text.partition(" ")
    if weekday.rstrip(",") in _WEEKDAYS and rest:
        period = _single(rest, default_year)
        wanted = _WEEKDAYS[weekday.rstrip(",")]
        if period.kind is not PeriodKind.DAG or period.begin is None:
            raise _Invalid(f"een weekdag ('{weekday}') hoort alleen bij een dag")
        actual = period.begin.weekday()
        if actual != wanted:
            raise _Invalid(f"{rest} is een {WEEKDAY_NAMES[actual]}, geen {WEEKDAY_NAMES[wanted]}")
        return period
    return _match_form(text, default_year)


def _dated(apply: Callable[[Period], Period], period: Period, text: str) -> Period:
    if period.begin is None or period.deadline is None:
        raise _Invalid(f"'{text}' heeft geen vaste periode om naar te verwijzen")
    return apply(period)


_UNIT_PREFIX = re.compile(r"(q|kw|k|h|t|week|wk|w) ?\d{1,2}")
_SPAN_SEPARATORS = (" t/m ", " tot en met ", " of ", " - ", "/", "-")


def _span(left: str, right: str) -> Period:
    """Read ``left``-``right`` as one period, sharing a year or unit written once."""
    try:
        end = _single(right, None)
    except _NoMatch:
        unit = _UNIT_PREFIX.fullmatch(left)
        if unit is None or not right[:1].isdigit():
            raise
        # "Q2/3 2024", "week 10-12 2024": the right side borrows the unit.
        end = _single(f"{unit[1]} {right}", None)
    except _NoYear:
        start = _single(left, None)
        assert start.begin is not None
        end = _single(right, start.begin.year)
        if end.begin is not None and end.begin < start.begin:
            end = _single(right, start.begin.year + 1)
        return _join(start, end)
    if end.begin is None or end.deadline is None:
        raise _Invalid(f"'{right}' kan niet het eind van een periode zijn")
    if left.isdigit() and len(left) <= 2 and end.kind is PeriodKind.DAG:
        # "4-8 mrt 2024": a bare day borrows the month and year of the right side.
        start = _day(end.begin.year, end.begin.month, int(left), f"{left} {right}")
        return _join(start, end)
    # A year written on the left wins; the right side's year only fills a gap.
    start = _single(left, end.deadline.year)
    if start.begin is not None and start.begin > end.begin:
        # "nov - feb 25": the first month lies in the year before (when no year was
        # written on the left this changes the reading; otherwise it changes nothing).
        start = _single(left, end.deadline.year - 1)
    return _join(start, end)


def _join(start: Period, end: Period) -> Period:
    if start.begin is None or start.deadline is None or end.deadline is None:
        raise _Invalid("een periode heeft een vast begin en eind nodig aan beide kanten")
    if start.begin > end.deadline:
        raise _Invalid(
            f"het begin ({start.begin.isoformat()}) ligt na het eind ({end.deadline.isoformat()})"
        )
    return Period(start.begin, end.deadline, PeriodKind.PERIODE)


def _parse_text(text: str) -> Period:
    try:
        return _single(text, None)
    except _NoMatch:
        pass
    first_error: _Invalid | _NoYear | None = None
    for separator in _SPAN_SEPARATORS:
        start = text.find(separator)
        while start > 0:
            left, right = text[:start].strip(), text[start + len(separator) :].strip()
            if left and right:
                try:
                    return _span(left, right)
                except (_Invalid, _NoYear) as error:
                    first_error = first_error or error
                except _NoMatch:
                    pass
            start = text.find(separator, start + 1)
    if first_error is not None:
        raise first_error
    raise _NoMatch(text)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-",
                         "ó": "o", "ò": "o", "é": "e", "è": "e", "\u00a0": " "})  # fmt: skip
_DOT_AFTER_LETTER = re.compile(r"(?<=[a-z])\.")
_EXAMPLES = "'4-3-24', 'mrt 24', 'Q3 24', 'Q3/Q4 24', '2024', 'doorlopend' of 'n.t.b.'"


def normalise(text: str) -> str:
    """Lower-case, fold quotes, dashes and accents, drop abbreviation dots."""
    text = text.translate(_QUOTES).lower()
    if "." in text or "," in text:
        text = _DOT_AFTER_LETTER.sub("", text).replace(",", " ").replace(" .", " ")
    return " ".join(text.split()).rstrip(".")


def parse_deadline(value: str | int | date | None, *, year: int | None = None) -> Period:
    """Resolve a ``wanneer`` value into a :class:`Period`.

    Args:
        value: the text as written, or what YAML made of it: an ``int`` for a
            bare year (``2024``), a ``date`` for an ISO date, ``None`` for empty.
        year: the year the plan or theme gives (``jaar:``), for forms written
            without one (``1 juli``); without it such forms are an error.

    Returns:
        The period; ``deadline`` is its last day.

    Raises:
        DeadlineError: the value is not a known form, names a period that does
            not exist (``Q5``, ``31-02-2024``) or has no year. The message
            quotes the value and says what is wrong, in Dutch.
    """
    if value is None:
        return Period(None, None, PeriodKind.ONBEKEND)
    if isinstance(value, bool):
        raise DeadlineError(f"'{value}' is geen datum; schrijf bijvoorbeeld {_EXAMPLES}")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Period(value, value, PeriodKind.DAG)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise DeadlineError(f"'{value}' is geen datum; schrijf bijvoorbeeld {_EXAMPLES}")
    if len(value) > MAX_LENGTH:
        raise DeadlineError(
            f"'{value[:40]}…' is te lang voor een datum ({len(value)} tekens); "
            f"schrijf bijvoorbeeld {_EXAMPLES}"
        )
    text = normalise(value)
    kind = _UNDATED.get(text)
    if kind is not None:
        return Period(None, None, kind)
    try:
        try:
            return _parse_text(text)
        except _NoYear:
            if year is None:
                raise
            return _parse_with_year(text, year)
    except _Invalid as error:
        raise DeadlineError(f"'{value}': {error}") from None
    except _NoYear:
        raise DeadlineError(
            f"'{value}': het jaar ontbreekt; schrijf het erbij, bijvoorbeeld '{value.strip()} 24'"
        ) from None
    except _NoMatch:
        raise DeadlineError(
            f"'{value}' is geen bekende datum of periode{_suggest(text)}; "
            f"schrijf bijvoorbeeld {_EXAMPLES}"
        ) from None


def _parse_with_year(text: str, year: int) -> Period:
    """Read a form that has no year of its own with the plan's ``year``."""
    return _single(text, year)


def _suggest(text: str) -> str:
    """Name a month or keyword the text probably misspells, for the error message."""
    import difflib  # only on the error path

    vocabulary = [*_MONTHS, *_SEASONS, "kwartaal", "tertiaal", "halfjaar", "week", "winter",
                  "begin", "medio", "eind", "uiterlijk", "vanaf", "doorlopend"]  # fmt: skip
    for word in re.findall(r"[a-z]{3,}", text):
        if word in vocabulary:
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if close:
            return f" (bedoelt u '{close[0]}' in plaats van '{word}'?)"
    return ""
