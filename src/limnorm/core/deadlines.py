"""The deadline engine: Dutch deadline text in, a calendar period out.

``parse_deadline("Q3/Q4 24")`` gives the period 2024-07-01 .. 2024-12-31. The
module is pure: it never reads today's date, so a form without a year takes the
plan's ``year`` or is an error, never a guess. Every form is a short anchored
regular expression without nested repetition, and input is capped in length, so
no text can make matching slow.

Two layers. The *forms* (days, months, quarters, seasons, spans, and words such
as ``begin``/``medio``/``eind`` that change a form) are read by :func:`_single`
and :func:`_parse_text`. The *cell* around a form (a note in parentheses, a
postponement, a second deadline, a label before a colon, words that name no
date or a status) is read by :func:`_read`, which tries a plain form first.

Conventions: ``begin <jaar>`` is Q1, ``medio <jaar>`` June-July, ``eind <jaar>``
Q4, ``begin/medio/eind <maand>`` days 1-10/11-20/21-end; ``voor eind X``,
``uiterlijk eind X`` and ``tot eind X`` are ``eind X``; ``voor X`` is the day
before X begins, whatever X is; ``tot X`` without ``eind`` is refused (it may or
may not include X). See README, "Hoe wanneer gelezen wordt".
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from limnorm.core.calendar import days_in_month, month_end
from limnorm.core.errors import DeadlineError
from limnorm.core.period import Period, PeriodKind, nl_date

__all__ = ["Period", "PeriodKind", "is_postponed", "parse_deadline", "shift_days"]

#: Longer text is certainly not a deadline; the cap keeps matching time bounded.
MAX_LENGTH = 200


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


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regex compiled on first use. Most cells need only the forms; compiling every
    pattern of the cell grammar at import cost about 8 ms of each command's start-up."""
    return functools.cache(lambda: re.compile(pattern, flags))


_SEP = r"[ -]?"
_Y = r"(?P<y>\d{4}|'?\d{2})"
_OY = rf"(?:{_SEP}{_Y})?"
# Any word; the handlers look it up in _MONTHS. A 40-word alternation here cost
# several milliseconds of regex compilation at every start-up. Possessive (``++``):
# what follows is never a letter, and giving letters back one by one made a failed
# match of a long word (every cell that is not one form) six times slower.
_MON = r"(?P<mon>[a-z]++)"


class _NoMatch(Exception):
    """No form matched; the caller may still try to read the text as a span."""


class _NoYear(Exception):
    """A form matched but its year is missing; a span may supply the year."""


class _Invalid(Exception):
    """A form matched but names a period that does not exist."""


class _Misfit(_Invalid):
    """A word such as "begin" before a form it does not fit ("begin 1 maart 2026")."""

    def __init__(self, word: str, kind: PeriodKind) -> None:
        super().__init__(f"'{word}' past niet bij een {kind}")
        self.kind = kind


# A message names a piece of the text as the user wrote it ("Q2", "Start", "31 Feb. 2026"),
# not as the grammar reads it (lower case, dots and quotes folded). The grammar has only the
# normalised text at hand, so it marks the piece, and parse_deadline, which has the text as
# written, puts the written piece in its place (_as_written). Control characters, because
# normalise keeps none of them in what it reads: a mark never meets a written one.
_MARK_OPEN, _MARK_CLOSE = "\x1e", "\x1f"
_MARKED = re.compile(f"{_MARK_OPEN}([^{_MARK_CLOSE}]*){_MARK_CLOSE}")


def _mark(piece: str) -> str:
    """``piece`` of the normalised text, to be shown in a message as the user wrote it."""
    return f"{_MARK_OPEN}{piece}{_MARK_CLOSE}"


def _quoted(piece: str) -> str:
    """``piece`` in quotes, as the user wrote it (see :func:`_mark`)."""
    return f"'{_mark(piece)}'"


def _as_written(message: str, value: str) -> str:
    """``message`` with every marked piece as it stands in ``value``, the text as written:
    its capitals, dots and quotes. A piece the grammar made itself (not in ``value``)
    stays as it is."""
    if _MARK_OPEN not in message:
        return message
    folded = value.translate(_QUOTES)  # one character for one: positions stay valid

    def written(piece: re.Match[str]) -> str:
        # What normalise left of the writing: any case, a dot after a letter, a colon or
        # more spaces where it wrote one.
        pattern = "".join(
            r"[\s:]*" if char == " " else re.escape(char) + (r"\.?" if char.isalpha() else "")
            for char in piece[1]
        )
        found = re.search(pattern, folded, re.IGNORECASE) if piece[1] else None
        return value[found.start() : found.end()].strip() if found else piece[1]

    return _MARKED.sub(written, message)


def _year(text: str) -> int:
    text = text.lstrip("'")
    year = int(text)
    if len(text) == 2:
        return 2000 + year
    if not 1900 <= year <= 2199:
        raise _Invalid(f"jaar {year} ligt niet tussen 1900 en 2199")
    return year


def _months(year: int, first: int, count: int, kind: PeriodKind) -> Period:
    """The period of ``count`` months starting at ``first`` (may run into next year)."""
    # The carry into the next year by hand: calendar.month_span (relativedelta) took
    # 13 µs here against 2 µs, on every quarter, half, season and month read.
    last = first + count - 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return Period(date(year, first, 1), month_end(end_year, end_month), kind)


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise _Invalid(f"maand {month} bestaat niet (een jaar heeft 12 maanden)")
    return month


def _day(year: int, month: int, day: int, written: str) -> Period:
    _check_month(month)
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        raise _Invalid(
            f"{_mark(written)} bestaat niet ({MONTH_NAMES[month - 1]} {year} heeft {length} dagen)"
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
@_form(r"(?P<d>\d{1,2})[-/.](?P<mo>\d{1,2})", starts="digit")  # "1-7": only with the plan's year
def _numeric_day(m: re.Match[str], year: int) -> Period:
    return _day(year, int(m["mo"]), int(m["d"]), m[0])


@_form(rf"(?P<d>\d{{1,2}})(?:e|ste|de)?{_SEP}{_MON}{_OY}", starts="digit")
def _named_day(m: re.Match[str], year: int) -> Period:
    return _day(year, _month(m["mon"]), int(m["d"]), m[0])


@_form(r"(?P<y>\d{4})[-/](?P<mo>\d{1,2})", r"(?P<mo>\d{1,2})[-/.](?P<y>\d{4})", starts="digit")
def _numeric_month(m: re.Match[str], year: int) -> Period:
    number = int(m["mo"])
    if number > 12 and m[0][:4] == m["y"] and len(m["mo"]) == 2 and 2000 + number > year:
        # "2024-25", "2026/27": two years (like "2024-2025"), not a month 25.
        return Period(date(year, 1, 1), date(2000 + number, 12, 31), PeriodKind.PERIODE)
    return _months(year, _check_month(number), 1, PeriodKind.MAAND)


@_form(rf"{_MON}{_OY}", starts="letter")
def _named_month(m: re.Match[str], year: int) -> Period:
    word = m["mon"]
    if word == "winter":
        # A meteorological winter runs December to February: "winter 2026" may mean
        # the one that ends in 2026 or the one that starts in it. Never guessed.
        raise _Invalid(
            f"een winter loopt over twee jaren; schrijf 'winter {year - 1}/{year}' "
            f"of 'winter {year}/{year + 1}'"
        )
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
    **dict.fromkeys(("q", "kw", "k", "kwartaal"), _quarter),
    **dict.fromkeys(("h", "hj", "helft", "halfjaar", "half jaar"), _half),
    **dict.fromkeys(("t", "tertiaal"), _tertial),
    **dict.fromkeys(("w", "wk", "week"), _week),
}


@_form(
    rf"(?P<unit>kwartaal|tertiaal|halfjaar|week|hj|kw|wk|[qkhtw]) ?(?P<n>\d{{1,2}}){_OY}",
    r"(?P<y>\d{4})[ -]?(?P<unit>[qhw])-?(?P<n>\d{1,2})",
    rf"(?:(?P<n>\d{{1,2}})(?:e|ste|de)?|(?P<w>[a-z]++)) "
    rf"(?P<unit>kwartaal|kw|q|helft|halfjaar|half jaar|tertiaal|t){_OY}",
)
def _unit_form(m: re.Match[str], year: int) -> Period:
    word = m["w"] if "w" in m.groupdict() else None
    if word is not None and word not in _ORDINALS:
        raise _NoMatch(word)
    return _UNITS[m["unit"]](year, _ORDINALS[word] if word else int(m["n"]))


@_form(r"winter (?P<y>\d{4}|'?\d{2}) ?[/-] ?(?P<y2>\d{4}|'?\d{2})", starts="letter")
def _winter_two_years(m: re.Match[str], year: int) -> Period:
    if _year(m["y2"]) != year + 1:
        raise _Invalid(
            "de twee jaren moeten op elkaar volgen; schrijf bijvoorbeeld "
            f"'winter {year}/{year + 1}'"
        )
    return _months(year, 12, 3, PeriodKind.SEIZOEN)


@_form(r"(?P<y>\d{4})", starts="digit")
@_form(r"'(?P<y>\d{2})", starts="letter")
def _year_form(m: re.Match[str], year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.JAAR)


_YEAR_ONLY = [(re.compile(r"(?P<y>\d{4})"), _year_form)]


def _match_form(text: str, default_year: int | None) -> Period:
    if text[:1].isdigit():
        # Only a year is all digits: skipping the other forms' regexes for "2026" made
        # the engine a tenth faster on the benchmark's lists.
        forms = _YEAR_ONLY if text.isdigit() else _DIGIT_FIRST
    else:
        forms = _LETTER_FIRST
    for pattern, handler in forms:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        written = match["y"] if "y" in pattern.groupindex else None
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


def _month_or_day(text: str, plan_year: int | None) -> None:
    """Refuse a cell "juni 15" in a plan that gives a year: June 2015 or 15 June (of the
    plan's year)? Without a plan year only the month and year can be meant ("mrt 26");
    with an apostrophe ("juni '15") it is a year. (In a span, "nov 24 - feb 25", the
    other side shows how the numbers are meant.)"""
    if plan_year is None or not text[-1:].isdigit():
        return
    match = _MONTH_NUMBER().fullmatch(text)
    if match is None:
        return
    word, written = match["mon"], match["n"]
    month = _MONTHS.get(word)
    if month is None or not 1 <= int(written) <= _DAYS[month]:
        return
    name = _MONTH_NAMES[month - 1]
    raise _Invalid(
        f"dit kan {name} 20{written} zijn of {int(written)} {name} "
        f"{plan_year}; schrijf '{name} 20{written}' of '{int(written)} {name}'"
    )


def _week_glued(text: str) -> None:
    """Refuse "week 2026" and "wk 526": a week number with a two-digit year written
    against it (week 20 of 2026? week 5 of 2026?) is not split by guessing."""
    if text[:1] == "w" and text[-1:].isdigit() and _WEEK_GLUED().fullmatch(text):
        raise _Invalid(
            "het weeknummer en het jaar staan aan elkaar; schrijf ze met een spatie "
            "ertussen, zoals 'week 12 2026'"
        )


_WEEK_GLUED = _lazy(r"(?:week|wk|w) ?\d{3,4}")
_MONTH_NUMBER = _lazy(r"(?:(?:uiterlijk|voor|eind|einde|begin|medio|in|op|per) )?"
                      r"(?P<mon>[a-z]+)[ -](?P<n>\d{2})")
#: The most days a month can have, and the months' names as messages spell them.
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip


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
    raise _Misfit("begin", p.kind)


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
    raise _Misfit("medio", p.kind)


def _end_of(p: Period) -> Period:
    assert p.begin is not None
    assert p.deadline is not None
    if p.kind is PeriodKind.JAAR:
        return _quarter(p.begin.year, 4)
    if p.kind is PeriodKind.MAAND:
        return Period(p.begin + timedelta(days=20), p.deadline, PeriodKind.PERIODE)
    if p.kind in _MULTI_MONTH:
        return _months(p.deadline.year, p.deadline.month, 1, PeriodKind.MAAND)
    raise _Misfit("eind", p.kind)


def _primo(p: Period) -> Period:
    if p.kind is PeriodKind.JAAR:
        assert p.begin is not None
        return _months(p.begin.year, 1, 1, PeriodKind.MAAND)
    return _begin_of(p)


def _ultimo(p: Period) -> Period:
    if p.kind in (PeriodKind.DAG, PeriodKind.WEEK):
        raise _Misfit("ultimo", p.kind)
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


def _until(p: Period) -> Period:
    # Only reached for "tot X" where X is not an end ("tot eind 2026" is read as
    # "eind 2026" by its own prefix): "tot 1 juli" may or may not include 1 July.
    raise _Invalid(
        "'tot' kan 'tot en met' of 'tot het begin van' betekenen; schrijf 't/m' of 'voor'"
    )


#: Words that frame a form without changing it: "in", "rond", "in de loop van".
_FRAMING = (
    "in|op|per|rond|rondom|omstreeks|circa|ca|ongeveer|gedurende|tijdens|ergens in|"
    "in de loop|in de loop van|kalenderjaar|maand|de maand|het|de|in het|in de|uiterlijk|"
    "uiterlijk in|uiterlijk op|uiterlijk per|t/m|tm|tot en met|by|streven|streefdatum|"
    "streefdatum is|uiterste datum|planning|gepland|gepland in|verwacht|verwacht in|beoogd|"
    "deadline|einddatum|"
    "gereed|gereed in|gereed per|klaar|klaar in|afgerond|afgerond in|afronding|oplevering|"
    "realisatie|implementatie|loopt|loopt door|loopt tot|lopend|doorlopend|doorlopend tot|"
    "continu|structureel|voortdurend|looptijd|periode|datum|heel|hele jaar|het hele jaar|geheel|"
    "begrotingsjaar|~|±|+/-"
)
# Longest first: "voor eind" must win over "voor", "einde" over "eind".
_PREFIX_WORDS: tuple[tuple[str, Callable[[Period], Period]], ...] = (
    (_FRAMING, _same),
    (
        "voor eind|voor einde|voor het eind|voor het einde|uiterlijk eind|uiterlijk einde|"
        "uiterlijk aan het eind|tot eind|tot einde|tot het eind|tot het einde|"
        "eind|einde|eind van|einde van|aan het eind|aan het einde|tegen het eind|"
        "tegen het einde|tegen eind|tegen einde|het eind|het einde|in het eind|"
        "by end of|before end of|by the end of|before the end of|end of|end|late",
        _end_of,
    ),
    ("begin|start|early|begin van|start van|aan het begin|in het begin|het begin", _begin_of),
    ("medio|half|midden|mid|halverwege|midden van|in het midden|het midden", _middle_of),
    ("primo", _primo),
    ("ultimo|tot ultimo|uiterlijk ultimo", _ultimo),
    ("voor|before|uiterlijk voor|ruim voor", _before),
    ("vanaf|from|sinds|since|miv|met ingang van|ingaande|start per|ingang|ingangsdatum", _from),
    ("tot", _until),
)
#: Prefixes after which a two-digit number is a year ("eind '26", "medio 27").
_TWO_DIGIT_YEAR_AFTER = frozenset((_begin_of, _middle_of, _end_of, _primo, _ultimo))
# Phrases grouped by their first word, longest first: "voor eind" must win over
# "voor". Looking up the first word beats trying forty startswith() calls.
_PREFIXES: dict[str, list[tuple[str, Callable[[Period], Period]]]] = {}
for _words, _apply in _PREFIX_WORDS:
    for _phrase in _words.split("|"):
        _PREFIXES.setdefault(_phrase.split(" ")[0], []).append((_phrase, _apply))
for _phrases in _PREFIXES.values():
    _phrases.sort(key=lambda item: len(item[0]), reverse=True)
_FIRST_WORD = re.compile(r"[a-z/]+|[~±]|\+/-")
_TWO_DIGITS = _lazy(r"'?\d{2}")
_SUFFIXES: list[tuple[str, Callable[[Period], Period]]] = [
    (" en verder", _from),
    (" ev", _from),
    (" onwards", _from),
    (" e v", _from),
    (" gereed", _same),
    (" klaar", _same),
    (" afgerond", _same),
    (" opgeleverd", _same),
    (" gerealiseerd", _same),
]
_SUFFIX_WORDS = frozenset(suffix.rsplit(" ", 1)[1] for suffix, _ in _SUFFIXES)
_SPECIAL: list[tuple[Callable[[], re.Pattern[str]], Callable[[int], Period]]] = [
    # "voor de zomer" is the Dutch planning convention for the end of June: the day
    # before the summer recess (July-August), which is what "voor X" means for any X.
    (
        _lazy(rf"voor (?:de |het )?zomer(?:vakantie|reces)?{_OY}"),
        lambda y: Period(date(y, 6, 30), date(y, 6, 30), PeriodKind.DAG),
    ),
    (_lazy(rf"na (?:de |het )?zomer(?:vakantie|reces)?{_OY}"), lambda y: _season(y, 9)),
]


def _single(text: str, default_year: int | None, *, fast_tried: bool = False) -> Period:
    """Read one (non-span) expression, applying modifier words recursively.

    ``fast_tried``: the caller already tried the fast path on this very text.
    """
    if _USE_FAST and not fast_tried and (fast := _fast(text, default_year)) is not None:
        return fast
    if text[text.rfind(" ") + 1 :] in _SUFFIX_WORDS:  # one lookup instead of nine endswith()
        for suffix, apply in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                return _dated(apply, _single(text[: -len(suffix)].strip(), default_year), text)
    first = _FIRST_WORD.match(text)
    if first is None:
        return _match_form(text, default_year)
    if first[0] in ("voor", "na"):
        for pattern, make in _SPECIAL:
            match = pattern().fullmatch(text)
            if match:
                written = match["y"]
                if written is None and default_year is None:
                    raise _NoYear(text)
                return make(_year(written) if written else default_year)  # type: ignore[arg-type]
    for prefix, apply in _PREFIXES.get(first[0], ()):
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1] in (" ", "-"):
            rest = text[len(prefix) + 1 :].strip()
            if apply in _TWO_DIGIT_YEAR_AFTER:
                if _TWO_DIGITS().fullmatch(rest):
                    rest = str(_year(rest))
                elif _modified(rest) or rest.startswith(("tm ", "t/m ", "tot en met ")):
                    # "medio tot eind 2027" is a span, not the middle of "tot eind 2027";
                    # "medio t/m eind 2026" is mid-2026 to the end of 2026, not November
                    # ("t/m X" alone is X); "begin eind 2026" is nothing.
                    raise _NoMatch(text)
            period = _single(rest, default_year)
            try:
                return _dated(apply, period, text)
            except _Misfit as misfit:
                # Name the word as written: "start 1 maart 2026" says 'start', not 'begin'.
                raise _Invalid(f"{_quoted(prefix)} past niet bij een {misfit.kind}") from None
    weekday, _, rest = text.partition(" ")
    if weekday.rstrip(",") in _WEEKDAYS and rest:
        period = _single(rest, default_year)
        wanted = _WEEKDAYS[weekday.rstrip(",")]
        if period.kind is not PeriodKind.DAG or period.begin is None:
            raise _Invalid(f"een weekdag ({_quoted(weekday)}) hoort alleen bij een dag")
        actual = period.begin.weekday()
        if actual != wanted:
            raise _Invalid(
                f"{nl_date(period.begin)} is een {WEEKDAY_NAMES[actual]}, "
                f"geen {WEEKDAY_NAMES[wanted]}"
            )
        return period
    return _match_form(text, default_year)


def _modified(text: str) -> bool:
    """Whether ``text`` starts with a word that changes the period after it (not "in")."""
    first = _FIRST_WORD.match(text)
    return first is not None and any(
        apply is not _same
        and text.startswith(prefix)
        and text[len(prefix) : len(prefix) + 1] in (" ", "-")
        for prefix, apply in _PREFIXES.get(first[0], ())
    )


def _dated(apply: Callable[[Period], Period], period: Period, text: str) -> Period:
    if apply is _same or (apply is _from and period.kind is PeriodKind.VANAF):
        return period  # "vanaf 2027 e.v." says "from" twice
    if period.begin is None or period.deadline is None:
        raise _Invalid(f"{_quoted(text)} heeft geen vaste periode om naar te verwijzen")
    return apply(period)


# --- the fast path: the most common exact forms in one regex ---------------------
#
# Most cells are one plain form ("Q2 2026", "30 juni 2026", "eind 2026"). The general
# reader tries form after form, and a span or a cell reads its sides again and again;
# one anchored regex with an alternative per common form, read without exceptions,
# made the engine about twice as fast (benchmarks/deadlines.py). It only ever answers
# what :func:`_single` answers for the same text; anything it is not sure of
# (a year missing, a day that does not exist, a word it does not know) returns None
# and the general reader decides, with its own messages. tests/test_deadlines_fast.py
# checks the two agree, with expectations from the stdlib ``calendar``.

#: Switched off by the tests that compare the fast path with the general reader.
_USE_FAST = True
#: The framing words read by the fast path, longest first as in _PREFIXES.
_FAST_MOD_WORDS = (
    "in de loop van", "aan het einde", "aan het eind", "tegen het eind", "uiterlijk eind",
    "in de loop", "uiterlijk in", "uiterlijk op", "voor eind", "tegen eind", "gereed in",
    "uiterlijk", "planning", "looptijd", "in het", "begin", "medio", "einde", "eind", "voor",
    "vanaf", "in de", "in", "op", "rond",
)  # fmt: skip
_FAST = re.compile(
    rf"(?:(?P<mod>{'|'.join(_FAST_MOD_WORDS)}) )?"
    r"(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"  # 2026-06-30
    r"|(?P<nd>\d{1,2})(?P<ns>[-/.])(?P<nm>\d{1,2})(?P=ns)(?P<ny>\d{4}|\d{2})"  # 30-6-2026
    r"|(?P<mm>\d{1,2})[-/.](?P<my>\d{4})"  # 6-2026, 3.2026
    # 2e kwartaal 2026, tweede helft 2026
    r"|(?:(?P<on>\d{1,2})(?:e|ste|de)?|(?P<ow>eerste|tweede|derde|vierde)) "
    r"(?P<ou>kwartaal|kw|q|helft|halfjaar|half jaar|tertiaal|t)(?:[ -]?(?P<oy>\d{4}|'?\d{2}))?"
    # 30 juni 2026
    r"|(?P<dd>\d{1,2})(?:e|ste|de)?[ -]?(?P<dm>[a-z]++)(?:[ -]?(?P<dy>\d{4}|'?\d{2}))?"
    # Q2 2026, Q2/2026, week 12 2026
    r"|(?P<u>kwartaal|tertiaal|halfjaar|week|hj|kw|wk|[qkhtw]) ?(?P<un>\d{1,2})"
    r"(?:(?P<us>[ /-])?(?P<uy>\d{4}|'?\d{2}))?"
    r"|(?P<w>[a-z]++)(?:[ -]?(?P<wy>\d{4}|'?\d{2}))?"  # juni 2026, najaar 2025
    r"|(?P<y>\d{4}|'?\d{2}))"  # 2026, '26 (and 26 after begin, medio, eind)
)
_FAST_MODS: dict[str, Callable[[Period], Period]] = {
    phrase: apply
    for words, apply in _PREFIX_WORDS
    for phrase in words.split("|")
    if phrase in _FAST_MOD_WORDS
}
#: Month and season words the fast path reads: none is also a prefix or a weekday.
_FAST_WORDS = frozenset((*_MONTHS, *_SEASONS)) - frozenset((*_PREFIXES, *_WEEKDAYS))
_FAST_MONTHS = {word: month for word, month in _MONTHS.items() if word in _FAST_WORDS}


def _fast(text: str, default_year: int | None, *, whole: bool = False) -> Period | None:
    """``_single(text, default_year)`` for the common exact forms, or None if unsure.

    With ``whole`` the text is a whole cell, and "Q2/2026" (read by :func:`_span`,
    not by :func:`_single`) is a form too.
    """
    match = _FAST.fullmatch(text)
    if match is None or (match["us"] == "/" and not whole):
        return None
    try:
        period = _fast_form(match, default_year)
        mod = match["mod"]
        if period is None or mod is None:
            return period
        apply = _FAST_MODS[mod]
        return period if apply is _same else _dated(apply, period, text)
    except _Invalid:
        return None


def _fast_form(m: re.Match[str], default_year: int | None) -> Period | None:
    year: int | None
    if (written := m["y"]) is not None:
        if len(written) == 2 and m["mod"] not in _FAST_TWO_DIGIT:
            return None  # "26" is a year only after begin, medio, eind
        year = _year(written)
        return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.JAAR)
    # The year written, else the plan's; each branch returns None without one.
    if (word := m["w"]) is not None:
        if word not in _FAST_WORDS or (word == "zomer" and m["mod"] == "voor"):
            return None  # "voor de zomer" has its own reading (_SPECIAL)
        year = default_year if (written := m["wy"]) is None else _year(written)
        if year is None:
            return None
        if word in _SEASONS:
            return _season(year, _SEASONS[word])
        return _months(year, _MONTHS[word], 1, PeriodKind.MAAND)
    if (unit := m["u"]) is not None:
        written = m["uy"]
        year = default_year if written is None else _year(written)
        if year is None or (written is not None and len(written) == 2 and m["us"] != " "):
            # "wk 12/26": week 12 of 2026 or weeks 12 to 26 (see _span); "week 2026"
            # may be read as a word and a year first (see _match_form).
            return None
        return _UNITS[unit](year, int(m["un"]))
    if (day := m["dd"]) is not None:
        year = default_year if (written := m["dy"]) is None else _year(written)
        month = _FAST_MONTHS.get(m["dm"])
        if year is None or month is None:
            return None
        return _day(year, month, int(day), "")
    if (ordinal_unit := m["ou"]) is not None:
        year = default_year if (written := m["oy"]) is None else _year(written)
        if year is None:
            return None
        return _UNITS[ordinal_unit](year, _ORDINALS[m["ow"]] if m["ow"] else int(m["on"]))
    if m["iy"] is not None:
        return _day(_year(m["iy"]), int(m["im"]), int(m["id"]), "")
    if m["nd"] is not None:
        return _day(_year(m["ny"]), int(m["nm"]), int(m["nd"]), "")
    number = int(m["mm"])
    if not 1 <= number <= 12:
        return None
    return _months(_year(m["my"]), number, 1, PeriodKind.MAAND)


_FAST_TWO_DIGIT = frozenset(
    phrase for phrase, apply in _FAST_MODS.items() if apply in _TWO_DIGIT_YEAR_AFTER
)


_UNIT_PREFIX = _lazy(r"(q|kw|k|h|t|week|wk|w) ?\d{1,2}")
_ORDINAL_WORD = r"(?:\d{1,2}(?:e|ste|de)?|eerste|tweede|derde|vierde)"
_ORDINAL_LEFT = _lazy(rf"{_ORDINAL_WORD}|begin|medio|eind|einde|half|midden|start|primo|ultimo")
# "2e kwartaal 2026", "15 maart 2026": what an ordinal or a bare day on the left borrows.
_ORDINAL_RIGHT = _lazy(
    rf"(?:tot )?(?:{_ORDINAL_WORD}|begin|medio|eind|einde|half|midden|start|primo|ultimo)[ -]"
    r"(?P<rest>[a-z0-9'].*)"
)
_BARE_YEAR = _lazy(r"\d{4}|'?\d{2}")
_WEEK_FORM = _lazy(r"(?:week|wk|w) ?\d{1,2}")
_SPAN_SEPARATORS = (
    " t/m ", " tm ", " tot en met ", " en ", " & ", " + ", " of ", " tot ", " - ", "/", "-",
)  # fmt: skip


def _side(text: str, other: str, default_year: int | None) -> Period:
    """Read the left side of a span, borrowing the unit written on the right if needed."""
    if _ORDINAL_LEFT().fullmatch(text):
        right = _ORDINAL_RIGHT().fullmatch(other)
        if right is not None:
            # "1e/2e kwartaal 2026", "4-8 mrt 2024", "medio/eind 2026": the left side is
            # the same unit (a bare ordinal or day is never a form of its own).
            return _single(f"{text} {right['rest']}", default_year)
    return _single(text, default_year)


def _span(left: str, right: str, default_year: int | None, separator: str = "-") -> Period:
    """Read ``left``-``right`` as one period, sharing a year or unit written once."""
    if separator in (",", "/") and len(left) == 4 and left.isdigit():
        # "2026, Q2", "2026/Q3": the year written first, then the form.
        try:
            _single(right, None)
        except _NoYear:
            return _single(right, int(left))
        except _NoMatch:
            pass
    through = separator.strip() not in ("/", "-", "")  # "t/m", "tot en met", "en", ...
    if _BARE_YEAR().fullmatch(right) and not (
        through and len(right) == 2 and _WEEK_FORM().fullmatch(left)
    ):
        # "week 12 t/m 14" is weeks 12 to 14: after "t/m" two digits are a week.
        # "Q2/2026", "H1/2026", "Q3/24": a form and its year, not a span from Q2
        # (in some year) to the whole of 2026.
        try:
            _single(left, None)
        except _NoYear:
            if _WEEK_FORM().fullmatch(left) and right[:1] != "'" and len(right) == 2:
                raise _Invalid(
                    f"{_quoted(left + separator + right)} kan week {left.split()[-1]} van "
                    f"20{right} zijn of weken {left.split()[-1]} t/m {right}; "
                    "schrijf het jaar voluit"
                ) from None
            if through and separator != ",":
                raise _Invalid(_bare_end(left, separator.strip(), right)) from None
            return _single(left, _year(right))
        except _NoMatch:
            pass
    try:
        end = _single(right, None)
    except _NoMatch:
        unit = _UNIT_PREFIX().fullmatch(left)
        if unit is None or not right[:1].isdigit():
            raise
        # "Q2/3 2024", "week 10-12 2024": the right side borrows the unit.
        end = _single(f"{unit[1]} {right}", default_year)
    except _NoYear:
        try:
            start = _side(left, right, None)
        except _NoYear:
            if default_year is None:
                raise
            start = _side(left, right, default_year)
            end = _single(right, default_year)
            if end.begin is not None and start.begin is not None and end.begin < start.begin:
                raise _Invalid(
                    f"{_quoted(left)} tot {_quoted(right)} loopt over de jaargrens; "
                    "schrijf de jaren erbij"
                ) from None
            return _join(start, end)
        assert start.begin is not None
        end = _single(right, start.begin.year)
        if end.begin is not None and end.begin < start.begin:
            end = _single(right, start.begin.year + 1)
        return _join(start, end)
    if end.begin is None or end.deadline is None:
        raise _Invalid(f"{_quoted(right)} kan niet het eind van een periode zijn")
    # A year written on the left wins; the right side's year only fills a gap.
    start = _side(left, right, end.deadline.year)
    if start.begin is not None and start.begin > end.begin:
        # "nov - feb 25": the first month lies in the year before (when no year was
        # written on the left this changes the reading; otherwise it changes nothing).
        start = _side(left, right, end.deadline.year - 1)
    return _join(start, end)


#: The end to suggest after "t/m" for a form of each kind: the last of its kind in the year.
_LAST_OF_KIND = {PeriodKind.KWARTAAL: "Q4", PeriodKind.HALFJAAR: "H2", PeriodKind.TERTIAAL: "T3",
                 PeriodKind.MAAND: "dec"}  # fmt: skip


def _bare_end(left: str, separator: str, right: str) -> str:
    """The message for "Q2 t/m 26", "jan en 2026": a form without a year, "t/m" (or "en",
    "of") and a bare number. Never read as "Q2 2026": "26" after "t/m" may be week 26 or
    the 26th as well as 2026, and even a year written in full leaves "Q2 2026" or "Q2 t/m
    the end of 2026" open. (With "/" or "-", "Q2/26", "Q2 - 2026", a form and its year.)"""
    year = _year(right)
    period = _single(left, year)  # a form that does not exist says so first ("Q5 t/m 26")
    last = _LAST_OF_KIND.get(period.kind, "eind")
    through = f"'{_mark(left)} t/m {last} {year}'"
    number = int(right.lstrip("'"))
    if right[:1] != "'" and len(right) == 2 and 1 <= number <= 53:
        what = "een jaar, een week of een dag" if number <= 31 else "een jaar of een week"
        return (
            f"na {_quoted(separator)} kan {_quoted(right)} {what} zijn; schrijf het eind voluit, "
            f"zoals {through} of '{_mark(left)} {year} t/m week {number}'"
        )
    return (
        f"na {_quoted(separator)} staat alleen een jaar: is het {_mark(left)} {year}, of "
        f"{_mark(left)} t/m {last} {year}? Schrijf '{_mark(left)} {year}' of {through}"
    )


def _join(start: Period, end: Period) -> Period:
    if start.begin is None or start.deadline is None or end.deadline is None:
        raise _Invalid("een periode heeft een vast begin en eind nodig aan beide kanten")
    if start.begin > end.deadline:
        raise _Invalid(
            f"het begin ({nl_date(start.begin)}) ligt na het eind ({nl_date(end.deadline)})"
        )
    return Period(start.begin, end.deadline, PeriodKind.PERIODE)


_VAN_RANGE = _lazy(r"(?:van|vanaf) (?P<a>.+?) (?P<sep>tot en met|t/m|tm|tot|-) (?P<b>.+)")
_LIST_SEPARATOR = _lazy(r" *(?:,| en | & | \+ ) *")


def _parse_text(text: str, default_year: int | None, *, fast_tried: bool = False) -> Period:
    if _USE_FAST and (span := _fast_span(text, default_year)) is not None:
        return span
    if _USE_FAST and "," in text and text[-1:].isdigit() and not _may_start_a_form(text):
        # "jan, feb en mrt 2026": no form holds a comma, and no word before one
        # (a prefix, a weekday, "voor"/"na") or after it (a suffix) reads it as one.
        return _spans(text, default_year)
    try:
        return _single(text, default_year, fast_tried=fast_tried)
    except _NoMatch:
        pass
    return _spans(text, default_year)


# Two forms and one separator ("Q1 en Q2 2026", "Q1 tm Q3 2026", "Q3/Q4 24", "1e/2e
# kwartaal 2026", "medio/eind 2026", "nov 24 - feb 25"). The general reader first
# tries the whole text as one form and then every separator at every place; here,
# where neither side can hold a separator, that one place is the only one _spans
# would find, and the whole is no single form (see _fast_span). Made such spans
# about twice as fast.
_FAST_SPAN = re.compile(
    r"(?P<a>[a-z0-9']++(?: [a-z0-9']++)?)(?P<sep> t/m | tm | tot en met | en | - |/|-)"
    r"(?P<b>[a-z0-9' ]++)"
)


def _fast_span(text: str, default_year: int | None) -> Period | None:
    """``_parse_text(text, default_year)`` for two plain forms and one separator, or None."""
    match = _FAST_SPAN.fullmatch(text)
    if match is None:
        return None
    left, separator, right = match["a"], match["sep"], match["b"]
    right_form = _FAST.fullmatch(right)
    if right_form is None or (
        right_form["mod"] is not None and not _ORDINAL_LEFT().fullmatch(left)
    ):
        return None
    core, (first, _, after) = left, left.partition(" ")
    if first == "winter":
        return None  # "winter 2026-2027" is one form
    if (first in _PREFIXES or first in _WEEKDAYS) and (separator != "/" or " " in left):
        # "medio tm eind 2026" is read as one form by _single (a prefix before a prefix);
        # "medio/eind 2026" is not ("medio/eind" is no word). A word that changes
        # nothing ("looptijd 2024-2027") leaves the rest to be read as a span.
        if not (after and _framing_only(left, first)):
            return None
        core = after
        if core.partition(" ")[0] in _PREFIXES and separator != "/":
            return None  # "in medio tm eind 2026": as above, after "in"
    core_form = _FAST.fullmatch(core)
    if core_form is None:
        if not _ORDINAL_LEFT().fullmatch(core):
            return None
    elif core_form["mod"] is not None or core_form["us"] is not None:
        return None
    if separator in ("/", "-") and not (
        # Not a form of its own with a dash or slash inside ("mrt-24", "2024-Q3", "4-3-24").
        core.strip("0123456789' ")  # a letter: none of the forms below
        or " " in right
        or (len(core) == len(right) == 4 and core.isdigit() and right.isdigit())
    ):
        return None
    try:
        if (
            core is left
            and core_form is not None
            and not _ORDINAL_LEFT().fullmatch(left)
            and not _BARE_YEAR().fullmatch(right)
            and not (separator == "/" and len(left) == 4 and left.isdigit())
        ):
            # What _span does in its general case, with the matches made above.
            end = _fast_form(right_form, None)
            if end is None or end.begin is None or end.deadline is None:
                return None
            start = _fast_form(core_form, end.deadline.year)
            if start is not None and start.begin is not None and start.begin > end.begin:
                start = _fast_form(core_form, end.deadline.year - 1)
            return None if start is None else _join(start, end)
        return _span(left, right, default_year, separator)
    except (_NoMatch, _NoYear, _Invalid):
        return None  # the general reader gives the message


def _may_start_a_form(text: str) -> bool:
    """Whether _single could read ``text`` by a word at its start (see _parse_text)."""
    first = _FIRST_WORD.match(text)
    return first is not None and (
        first[0] in _PREFIXES
        or first[0] in ("voor", "na")
        or text.partition(" ")[0].rstrip(",") in _WEEKDAYS
    )


def _framing_only(text: str, first: str) -> bool:
    """Whether the prefix _single would take at the start of ``text`` is ``first``
    alone and changes nothing (``looptijd``, ``in``)."""
    for prefix, apply in _PREFIXES.get(first, ()):
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1] in (" ", "-"):
            return prefix == first and apply is _same
    return False


def _spans(text: str, default_year: int | None) -> Period:
    """Read a text that is not one form as a span or a list of forms."""
    van = _VAN_RANGE().fullmatch(text)
    if van is not None:
        # "van januari t/m maart 2026"; "tot" only before an end ("tot eind mei").
        right = van["b"] if van["sep"] != "tot" else f"tot {van['b']}"
        return _span(van["a"], right, default_year, f" {van['sep']} ")
    items = _LIST_SEPARATOR().split(text)
    if len(items) == 2 and "," in text and _DIGIT().search(items[1]):
        # "eind 2026, begin 2027" like "eind 2026/begin 2027"; anything else after a
        # comma is a note, read by the caller. Only with a year on the right: "mei
        # 2026, maart" is no span into the next year.
        with contextlib.suppress(_Invalid, _NoYear, _NoMatch):
            return _span(items[0], items[1], default_year, ",")
    if len(items) > 2:
        # "Q1, Q2 en Q3 2026": from the first to the last; every item must be readable.
        # The last separator ("en") counts as the span's: "Q1, Q2 en 26" is refused as
        # "Q2 en 26" is (see _bare_end), not read as Q1 2026.
        last = list(_LIST_SEPARATOR().finditer(text))[-1][0]
        period = _span(items[0], items[-1], default_year, last if "," not in last else "-")
        assert period.begin is not None
        for item in items[1:-1]:
            _side(item, items[-1], period.begin.year)
        return period
    first_error: _Invalid | _NoYear | None = None
    for separator in _SPAN_SEPARATORS:
        start = text.find(separator)
        while start > 0:
            left, right = text[:start].strip(), text[start + len(separator) :].strip()
            if separator == " tot ":
                right = f"tot {right}"  # read only as "tot eind ...": see _until
            if left and right:
                try:
                    return _span(left, right, default_year, separator)
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
    # Every character _QUOTES folds but the backtick is outside ASCII: skipping the
    # translation for plain text saves a third of this function, called several times
    # for every cell that is more than one form.
    text = (text.translate(_QUOTES) if not text.isascii() or "`" in text else text).lower()
    if ":" in text:
        text = text.replace(":", " ")  # "planning: Q3 2026"
    if "~" in text or "±" in text:
        text = text.replace("~", "~ ").replace("±", "± ")  # "~Q3 2026": about
    if "." in text or "," in text:
        # A comma stays (it separates list items and notes), always followed by a space.
        text = _DOT_AFTER_LETTER.sub("", text).replace(",", ", ").replace(" .", " ")
    return " ".join(text.split()).rstrip(".")


# --- the cell around the form: notes, postponements, two deadlines, no date -------

#: Status words written where the deadline belongs, by the status they mean.
_STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("gereed", "afgerond", "klaar", "voltooid", "uitgevoerd", "gerealiseerd", "opgeleverd",
         "afgehandeld", "is afgerond", "is gereed", "reeds afgerond", "al afgerond", "gedaan",
         "done", "ok", "behaald", "geimplementeerd"),
        "gereed",
    ),
    **dict.fromkeys(
        ("in uitvoering", "loopt", "lopend", "loopt nog", "in behandeling", "in gang gezet",
         "gestart", "opgestart", "bezig", "in voorbereiding", "onderhanden", "in progress",
         "in gang", "in ontwikkeling", "wordt uitgevoerd", "is gestart"),
        "lopend",
    ),
    **dict.fromkeys(("vervallen", "geschrapt", "komt te vervallen", "vervalt"), "vervallen"),
    **dict.fromkeys(("nog niet gestart", "niet gestart", "nog te starten", "open"), "open"),
}  # fmt: skip
_UNDATED_EXTRA: dict[str, PeriodKind] = {
    **dict.fromkeys(
        ("nnb", "n n b", "tzt", "te zijner tijd", "zo snel mogelijk", "zo spoedig mogelijk",
         "asap", "zsm", "z s m", "--", "---", "??", "???", "...", "…", "nog onbekend",
         "nader te bepalen", "nog niet bepaald", "volgt", "volgt nog", "nog te plannen",
         "nog niet gepland", "wordt nog bepaald", "in overleg", "ntb", "n t b", "p m",
         "per direct", "direct", "onmiddellijk", "nader in te vullen", "x", "tba",
         "nog vast te stellen", "in te plannen", "te bepalen", "nog nader te bepalen",
         "nog niet vastgesteld"),
        PeriodKind.ONBEKEND,
    ),
    **dict.fromkeys(("continue", "doorlopende", "permanent", "blijvend", "doorgaand"),
                    PeriodKind.DOORLOPEND),
}  # fmt: skip
_UNDATED.update(_UNDATED_EXTRA)  # one lookup for every word without a date
_ONGOING = frozenset(
    ("doorlopend", "doorlopende", "continu", "continue", "voortdurend", "voortdurende",
     "structureel", "structurele", "permanent", "permanente", "blijvend", "blijvende",
     "doorgaand", "doorgaande", "fulltime", "altijd")
)  # fmt: skip
_UNITS_RE = (
    r"(?:dag|week|weken|maand|maanden|kwartaal|kwartalen|jaar|jaren|half jaar|halfjaar"
    r"|tertiaal|schooljaar|begrotingsjaar|begrotingscyclus|p&c-cyclus|cyclus|voorjaar|najaar"
    r"|zomer|winter)"
)
_RECURRING = _lazy(
    rf"\b(?:\w+lijks|periodiek|cyclisch|terugkerend\w*|jaarlijkse|maandelijkse|wekelijkse"
    rf"|per {_UNITS_RE}|(?:elk|elke|ieder|iedere|eens per|eens in de|om de|1 ?x per)"
    rf"(?: \w+)? {_UNITS_RE}|(?:\d+ ?x|\w+ (?:keer|maal)|\w+maal) (?:per|in het|in de|per half)\b)"
)
_DEPENDS = _lazy(r"\s*(?:afhankelijk|afh\.?|hangt af)\s*(?:van|v\.)?\s*:?\s*(?P<rest>.*)",
                      re.IGNORECASE | re.DOTALL)  # fmt: skip
_DIGIT = _lazy(r"\d")
_PARENS = _lazy(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_WAS = _lazy(
    r"\s*(?:was|eerder|oorspronkelijk|oorspr\.?|oud|oude planning|oude datum|voorheen|eerst"
    r"|i\.?p\.?v\.?|in plaats van|(?:uitgesteld|verschoven|verplaatst|doorgeschoven) van(?:af)?)"
    r"(?![a-z])\s*:?\s*(?P<was>.+)",
    re.IGNORECASE | re.DOTALL,
)
_MOVED_WORD = _lazy(
    r"\s*(?:uitgesteld|verschoven|verplaatst|doorgeschoven|opgeschoven|vertraagd|bijgesteld"
    r"|uitstel|vertraging)\s*",
    re.IGNORECASE,
)
_MOVED = _lazy(
    r"(?:uitgesteld|verschoven|verplaatst|doorgeschoven|opgeschoven|vertraagd|bijgesteld|"
    r"gewijzigd|aangepast)(?: van (?P<was>.+?))?(?: (?:naar|tot|in|tot in|op|per)|\s*:) (?P<new>.+)"
    r"|(?:nieuwe datum|nieuwe deadline|nieuwe planning|nieuw|herzien|herziene planning|nu)"
    r"(?![a-z])\s*:?\s*(?P<new2>.+)",
    re.IGNORECASE | re.DOTALL,
)
_ARROW = _lazy(r"(?P<was>.+?)(?:\s*(?:->|→|=>|>>|⇒)\s*|\s>\s)(?P<new>.+)", re.DOTALL)
_INSTEAD = _lazy(r"(?P<new>.+?)\s+(?:i\.?p\.?v\.?|in plaats van)\s+(?P<was>.+)",
                      re.IGNORECASE | re.DOTALL)  # fmt: skip
_HARD = _lazy(r"(?:uiterlijk|deadline|uiterste datum|harde deadline|hard)\b", re.IGNORECASE)
_HARD_SPLIT = _lazy(
    r"\s*(?:[,;/]|\s-\s|\s)\s*(?=(?:uiterlijk|uiterste datum|harde deadline|deadline)\b)",
    re.IGNORECASE,
)
_PARTS = _lazy(r"\s*[,;]\s*")


class _Cell:
    """What a cell says besides its form: a note, a postponement, the earlier deadline."""

    __slots__ = ("notes", "postponed", "was")

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.postponed = False
        self.was: str | None = None

    def finish(self, period: Period) -> Period:
        if not (self.notes or self.postponed or self.was) or period.kind is PeriodKind.STATUS:
            return period  # a status keeps only the status it names in its note
        return period._replace(
            note="; ".join([*([period.note] if period.note else []), *self.notes]) or None,
            postponed=self.postponed or period.postponed,
            was=self.was or period.was,
        )


def _read(value: str, year: int | None, fast_tried: str | None = None) -> Period:
    """Read a whole cell: the form and what is written around it.

    ``fast_tried``: a text the caller already tried on the fast path, in vain (each
    failed try costs a regex match; a cell that is more than one form had three).
    """
    text = normalise(value)
    tried_fast = text == fast_tried
    kind = _UNDATED.get(text)
    if kind is not None:
        return Period(None, None, kind)
    # The common case first: a bare form ("Q3 24") needs none of the work below.
    # With fewer than three words a marker changes nothing the fast path could read
    # ("uiterlijk 2026" is 2026; "nu 2027" is not read and falls through).
    tried = None
    if (
        text.count(" ") < 2
        or (_CELL_MARK.search(text) is None and _CELL_WORDS.isdisjoint(_after_first_hard(text)))
    ) and not (text.partition(" ")[0] in _ONGOING or _RECURRING_HINT().search(text)):
        try:
            if text in _STATUS_WORDS or text.endswith("jaar") or " van " in text:
                return _core(text, year)
            # what _core would do, minus its checks
            return _parse_text(text, year, fast_tried=tried_fast)
        except _NoMatch:
            tried = text
    cell = _Cell()
    stripped = value.strip().rstrip("*").rstrip()  # a footnote mark: "Q2 2026*"
    if stripped.endswith("?") and len(stripped) > 1:
        cell.notes.append("?")  # "Q3 2026?": the writer's doubt, kept
        stripped = stripped.rstrip("?").rstrip()
    if stripped != value:
        value, text = stripped, normalise(stripped)
        tried_fast = False
    if "(" in value or "[" in value:
        value = _take_parentheses(value, cell)
        text = normalise(value)
        tried_fast = False
        notes = list(cell.notes)  # what the parentheses said, the earlier deadline aside
        if any(_YEARISH().search(note) for note in [*notes, cell.was or ""]):
            # "Q3 (2026)", "december (2026)", "Q3 (was Q1 2026)": the plan's year (or
            # none) would silently take the place of the one written in parentheses.
            _year_written(value, "de deadline buiten de haakjes")
        period = cell.finish(_around(value, text, year, cell, tried, fast_tried=tried_fast))
        _no_second_period(period, notes)
        return period
    return cell.finish(_around(value, text, year, cell, tried, fast_tried=tried_fast))


def _year_written(value: str, what: str) -> None:
    """Refuse ``value`` when it reads only with a year it does not write itself."""
    try:
        _around(value, normalise(value), None, _Cell())
    except _NoYear:
        raise _Invalid(
            f"bij {what} ('{value.strip()}') staat geen jaar; het jaar van het spoorboekje "
            "kan een ander zijn dan bedoeld; schrijf het jaar erbij"
        ) from None
    except (_NoMatch, _Invalid):
        pass  # the reading itself says what is wrong


def _no_second_period(period: Period, notes: list[str]) -> None:
    """Refuse "2026 (Q3)": a note in parentheses that names a narrower or another period
    than the deadline would change it; one that only repeats it ("1 juli 2026 (week
    27)") is a note."""
    if period.begin is None or period.deadline is None:
        return
    for note in notes:
        if _SOFT().match(normalise(note)):
            continue  # "(streven 1 mei)": a soft deadline next to the hard one is a note
        try:
            other = _core(normalise(note), period.begin.year)
        except (_NoMatch, _NoYear, _Invalid):
            continue
        if other.begin is None or other.deadline is None:
            continue
        if not other.begin <= period.begin <= period.deadline <= other.deadline:
            raise _Invalid(
                f"tussen haakjes staat een andere periode ('{note}') dan de deadline; "
                "schrijf één deadline, en tussen haakjes alleen een toelichting"
            )


_SOFT = _lazy(r"streef|streven|planning|gepland|verwacht|indicatie|indicatief|richt|doel|was ")
_YEARISH = _lazy(r"(?<!\d)(?:19|20)\d{2}(?!\d)|'\d{2}(?!\d)")


def _after_first_hard(text: str) -> list[str]:
    """The words of ``text``, less a leading "uiterlijk": "uiterlijk 1 juli 2026" is a
    plain form with a framing word, not a cell with a second deadline."""
    words = text.split(" ")
    return words[1:] if words[0] in ("uiterlijk", "deadline") else words


#: What may make a cell more than one form: a note, a postponement, a second deadline.
#: A character class and a set of words: one regex with twenty alternatives cost a
#: quarter of the time of reading a plain "Q3 24".
_CELL_MARK = re.compile(r"[(\[,;>→⇒*?]")
_CELL_WORDS = frozenset(
    [
        "afhankelijk",
        "afh",
        "hangt",
        "uiterlijk",
        "deadline",
        "uiterste",
        "naar",
        "ipv",
        "plaats",
        "nieuw",
        "nieuwe",
        "herzien",
        "herziene",
        "nu",
        "was",
        "uitgesteld",
        "verschoven",
        "verplaatst",
        "doorgeschoven",
        "opgeschoven",
        "vertraagd",
        "bijgesteld",
        "uitstel",
        "vertraging",
    ]
)


def _take_parentheses(value: str, cell: _Cell) -> str:
    """Keep what is written in parentheses as a note or as the earlier deadline."""
    outside = value
    for match in _PARENS().finditer(value):
        inner = (match[1] if match[1] is not None else match[2]).strip()
        outside = outside.replace(match[0], " ", 1)
        if not inner:
            continue
        was = _WAS().fullmatch(inner)
        if _HARD().match(inner):
            # "maart 2026 (uiterlijk april)": the hard deadline, read as if after a comma.
            outside = f"{outside.rstrip()}, {inner}"
        elif was is not None:
            cell.was, cell.postponed = was["was"].strip(), True
        elif _MOVED_WORD().fullmatch(inner):
            cell.postponed = True
        else:
            cell.notes.append(inner)
    if (
        not outside.strip(" ,;")
        and len(cell.notes) == 1
        and not cell.postponed
        and _DIGIT().search(cell.notes[0])
    ):
        return cell.notes.pop()  # "(Q3 2026)": the whole cell in parentheses
    return outside.strip()


def _around(
    value: str,
    text: str,
    year: int | None,
    cell: _Cell,
    tried: str | None = None,
    *,
    fast_tried: bool = False,
) -> Period:
    """Read a cell whose text is more than one form (parentheses already taken out)."""
    if _USE_FAST and not fast_tried and (fast := _fast(text, year, whole=True)) is not None:
        # What is left of a cell is often one plain form ("Q2 2026" before a note, after
        # "uitgesteld naar" or a label): none of the checks below reads such a form.
        return fast
    kind = _UNDATED.get(text) or (
        PeriodKind.DOORLOPEND if text.split(" ")[0] in _ONGOING and not _DIGIT().search(text)
        else None
    )  # fmt: skip
    if kind is PeriodKind.DOORLOPEND and any(_RECURRING().search(normalise(n)) for n in cell.notes):
        return Period(None, None, PeriodKind.TERUGKEREND)  # "structureel (jaarlijks)"
    if kind is not None:
        return Period(None, None, kind)
    # Each regex below runs only when a word it needs is there: together they cost
    # more than reading the form itself.
    depends = _DEPENDS().fullmatch(value) if text.startswith(("afh", "hangt")) else None
    if depends is not None:
        return Period(None, None, PeriodKind.AFHANKELIJK, note=depends["rest"].strip() or None)
    status = _STATUS_WORDS.get(text)
    if status is not None:
        return Period(None, None, PeriodKind.STATUS, note=status)
    first, _, rest = value.strip().partition(" ")
    if (
        _UNDATED.get(normalise(first)) is PeriodKind.ONBEKEND
        and first
        and not _DIGIT().search(rest)
    ):
        # "z.s.m. na vaststelling": not known yet; the rest is kept.
        return Period(None, None, PeriodKind.ONBEKEND, note=rest.strip() or None)
    if _RECURRING_HINT().search(text) and _RECURRING().search(text):
        return Period(None, None, PeriodKind.TERUGKEREND)
    hard = _two_deadlines(value, year, cell) if _HARD_HINT().search(text) else None
    if hard is not None:
        return hard
    for pattern in _postponement_patterns(text):
        moved = pattern.fullmatch(value.strip())
        if moved is not None:
            new = moved["new"] if "new2" not in moved.groupdict() else moved["new"] or moved["new2"]
            assert new is not None
            cell.postponed = True
            if moved["was"]:
                cell.was = moved["was"].strip()
            if year is not None and "jaar" not in new:
                _year_written(new, "een uitstel")
            return _around(new, normalise(new), year, cell)
    if text != tried:  # the caller already read this very text as a form, in vain
        with contextlib.suppress(_NoMatch):
            return _core(text, year, fast_tried=_USE_FAST)  # tried at the top
    label, colon, rest = value.partition(":")
    if colon and rest.strip() and "," not in label and ":" not in rest:
        # "Besluitvorming raad: Q2 2026": the label is kept as a note.
        with contextlib.suppress(_NoMatch):
            period = _around(rest, normalise(rest), year, cell)
            cell.notes.insert(0, label.strip())
            return period
    if "," not in value and ";" not in value:
        raise _NoMatch(text)
    return _parts(value, year, cell)


_RECURRING_HINT = _lazy(r"lijks|per |keer|maal|elk|ieder|eens|om de|periodiek|cycl|terugk")
_HARD_HINT = _lazy(r"uiterlijk|deadline|uiterste")


def _postponement_patterns(text: str) -> list[re.Pattern[str]]:
    """The postponement patterns worth trying on ``text`` (normalised)."""
    patterns = []
    if not _CELL_WORDS.isdisjoint(text.split(" ")):
        patterns.append(_MOVED())
    if ">" in text or "→" in text or "⇒" in text:
        patterns.append(_ARROW())
    if "ipv" in text or "plaats van" in text:
        patterns.append(_INSTEAD())
    return patterns


def _two_deadlines(value: str, year: int | None, cell: _Cell) -> Period | None:
    """ "streven maart, uiterlijk 30 april 2026": the hard deadline; the soft one is a note."""
    pieces = _HARD_SPLIT().split(value.strip())
    if len(pieces) < 2:
        # "uiterlijk 30 april 2026, streven maart": the hard part first. Read as a
        # span, "streven maart" would end it in March of the next year.
        pieces = _PARTS().split(value.strip())
        if len(pieces) < 2:
            return None
    hard = [p for p in pieces if _HARD().match(p)]
    soft = [p for p in pieces if not _HARD().match(p)]
    if len(hard) != 1 or not soft:
        return None
    soft_text = normalise(" ".join(soft))
    try:
        period = _core(normalise(hard[0]), year)
    except _NoYear:
        # "streven maart 2026, uiterlijk april": the year written once serves both.
        try:
            soft_period = _core(soft_text.removeprefix("streven ").strip(), year)
        except (_NoMatch, _NoYear, _Invalid):
            raise _NoYear(hard[0]) from None
        if soft_period.begin is None:
            raise
        period = _core(normalise(hard[0]), soft_period.begin.year)
    cell.notes.insert(0, " ".join(s.strip(" ,;/-.") for s in soft))
    return period


def _parts(value: str, year: int | None, cell: _Cell) -> Period:
    """A cell of comma-separated parts: a list of forms, or one form and notes."""
    parts = [p for p in _PARTS().split(value.strip()) if p]
    readings: list[tuple[str, Period]] = []
    for part in parts:
        try:
            readings.append((part, _around(part, normalise(part), year, cell)))
        except _NoMatch:
            continue
    dated = [(part, p) for part, p in readings if p.begin is not None]
    chosen: list[tuple[str, Period]]
    if len(dated) > 1:
        # "uiterlijk 2027; streven 2026": the hard one, if exactly one part is hard.
        chosen = [(part, p) for part, p in dated if _HARD().match(part)]
    elif dated:
        chosen = dated
    else:
        # Parts without a date ("nog te bepalen, afhankelijk van capaciteit"): the first.
        chosen = readings[:1]
    if len(chosen) != 1:
        raise _NoMatch(normalise(value))
    part, period = chosen[0]
    for other in parts:
        if other is not part and not _earlier_part(other, year, cell):
            cell.notes.append(other.strip())
    return period


def _earlier_part(part: str, year: int | None, cell: _Cell) -> bool:
    """Take "was Q3 26" in "was Q3 26, nu Q1 27" as the earlier deadline (only when what
    follows "was" is itself a date: "eerst overleg" stays a note)."""
    was = _WAS().fullmatch(part)
    if was is None or cell.was is not None:
        return False
    try:
        earlier = _core(normalise(was["was"]), year)
    except (_NoMatch, _NoYear, _Invalid):
        return False
    if earlier.begin is None:
        return False
    cell.was, cell.postponed = was["was"].strip(), True
    return True


def _core(text: str, year: int | None, *, fast_tried: bool = False) -> Period:
    """Read a form with its framing words, or a word that names no date.

    ``fast_tried``: the caller already tried the fast path on ``text``.
    """
    kind = _UNDATED.get(text)
    if kind is not None:
        return Period(None, None, kind)
    status = _STATUS_WORDS.get(text)
    if status is not None:
        return Period(None, None, PeriodKind.STATUS, note=status)
    written = text
    if text.endswith("jaar"):
        text = _plan_year(text, year)
    if " van " in text:
        # "tweede kwartaal van 2026", "in het voorjaar van 2026": "van" before a year.
        text = _VAN_YEAR().sub(" ", text)
    return _parse_text(text, year, fast_tried=fast_tried and text == written)


def _plan_year(text: str, year: int | None) -> str:
    """Put the plan's year for "dit jaar", "het jaar", "einde jaar" (never today's)."""
    if _VAGUE_YEAR().fullmatch(text):
        if year is None:
            raise _NoYear(text)
        return f"{text[: -len(' jaar')]} {year}"
    for this_year in _THIS_YEAR:
        if text.endswith(this_year):
            if year is None:
                raise _NoYear(text)
            return f"{text[: -len(this_year)]}{year}"
    return text


_VAGUE_YEAR = _lazy(r"(?:eind|einde|begin|medio|midden|start|halverwege) jaar")
_VAN_YEAR = _lazy(r"(?<!ingang) van (?:het jaar )?(?=(?:\d{4}|'\d{2})(?:$| ))")
_THIS_YEAR = ("dit jaar", "het jaar", "dit kalenderjaar", "het kalenderjaar", "het lopende jaar",
              "lopend jaar")  # fmt: skip


def parse_deadline(value: str | int | date | None, *, year: int | None = None) -> Period:
    """Resolve a ``wanneer`` value into a :class:`Period`.

    Args:
        value: the text as written, or what YAML made of it: an ``int`` for a
            bare year (``2024``), a ``date`` for an ISO date, ``None`` for empty.
        year: the year the plan or theme gives (``jaar:``), for forms written
            without one (``1 juli``); without it such forms are an error.

    Returns:
        The period; ``deadline`` is its last day. Text around the form is kept:
        a note in parentheses or a soft deadline next to a hard one in ``note``,
        a postponement in ``postponed`` and ``was``.

    Raises:
        DeadlineError: the value is not a known form, names a period that does
            not exist (``Q5``, ``31-02-2024``) or has no year. The message
            quotes the value and names the part not understood, in Dutch.
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
    plain = None
    try:
        _month_or_day(value.strip().lower(), year)
        _week_glued(value.strip().lower())
    except _Invalid as error:
        raise DeadlineError(f"'{value}': {_as_written(str(error), value)}") from None
    if _USE_FAST and value.isascii():
        # A plain form needs neither normalising (it is lower-case ASCII with single
        # spaces) nor the cell reader: the fast path reads it as _read would.
        plain = value.strip().lower()
        fast = _fast(plain, year, whole=True)
        if fast is not None:
            return fast
    try:
        return _read(value, year, plain)
    except _Invalid as error:
        raise DeadlineError(
            _two_numbers(value, year, False) or f"'{value}': {_as_written(str(error), value)}"
        ) from None
    except _NoYear:
        raise DeadlineError(
            _two_numbers(value, year, True)
            or f"'{value}': het jaar ontbreekt; schrijf het jaar erbij, of zet 'jaar:' bovenaan "
            "het spoorboekje of bij het thema"
        ) from None
    except _NoMatch:
        raise DeadlineError(_not_understood(value, year)) from None


_TWO_NUMBERS = re.compile(r"(?:(?P<word>[a-z ]*[a-z]) )?(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})")


def _two_numbers(value: str, year: int | None, no_year: bool) -> str | None:
    """The message for "12/26", "03-26": two numbers without a year, read day-first
    only ("1/7" with the plan's year). When they cannot be a day and a month, or
    when no year is given, the writer may have meant a month and a year ("december
    2026") or, written the American way, a month and a day ("26 december"). Never
    guessed: the message names the readings that exist, and suggests one only when
    exactly one does. None when the text is not two such numbers, when they can
    only be a day and a month, or when they are no reading at all and the usual
    message (``no_year`` False: "29-2 bestaat niet ...") says why."""
    match = _TWO_NUMBERS.fullmatch(normalise(value))
    if match is None or (
        match["word"] is not None
        and not any(
            match["word"] == phrase for phrase, _ in _PREFIXES.get(match["word"].split()[0], ())
        )
    ):
        return None  # "week 12/26" is another question (see _span)
    a, b, written = int(match["a"]), int(match["b"]), f"{match['a']}{match['sep']}{match['b']}"
    with_year = f" {year}" if year is not None else ""

    def is_day(day: int, month: int) -> bool:
        # Without a year, 29 February may exist: the year decides, not this message.
        return 1 <= month <= 12 and 1 <= day <= days_in_month(year or 2024, month)

    readings = []  # (how it is read, what to write for it)
    day_month = is_day(a, b)
    if day_month:
        readings.append(f"{a} {MONTH_NAMES[b - 1]}{with_year} (dag-maand)")
    if 1 <= a <= 12 and len(match["b"]) == 2:
        readings.append(f"{MONTH_NAMES[a - 1]} {2000 + b} (maand-jaar)")
    if not day_month and is_day(b, a):
        readings.append(f"{b} {MONTH_NAMES[a - 1]}{with_year} (maand-dag)")
    if day_month and len(readings) == 1:
        return None
    need_year = "" if year is not None else "; bij een dag hoort ook het jaar"
    if not readings:
        if not no_year:
            return None
        return (
            f"'{value}': '{written}' is geen dag en maand, en geen maand en jaar; "
            f"schrijf bijvoorbeeld {_EXAMPLES}"
        )
    if len(readings) == 1:
        reading, _, how = readings[0].rpartition(" (")
        return (
            f"'{value}': '{written}' is geen dag en maand; bedoelt u {reading} ({how}? "
            f"Schrijf dan '{reading}'"
        )
    written_out = " of ".join(f"'{r.rpartition(' (')[0]}'" for r in readings)
    return (
        f"'{value}': '{written}' is niet eenduidig: het kan {' of '.join(readings)} zijn; "
        f"schrijf de maand als woord: {written_out}{need_year}"
    )


_KNOWN_WORDS = (
    "kwartaal kwartalen tertiaal halfjaar helft half jaar week wk kw winter van en of tot met "
    "na zomer zomervakantie zomerreces vakantie reces het de aan tegen eerste tweede derde "
    "vierde e ste q h t k w verder ev afhankelijk was nu naar uitgesteld verschoven een twee "
    "drie vier keer maal x per elk elke ieder iedere dit"
)


def _not_understood(value: str, year: int | None) -> str:
    """The message for a text that is no known form: the word not understood, and a
    suggestion only when reading the text with it gives a period."""
    import difflib  # only on the error path

    text = normalise(value)
    vocabulary = {*_MONTHS, *_SEASONS, *_WEEKDAYS, *_ORDINALS, *_STATUS_WORDS,
                  *_KNOWN_WORDS.split(), *(w for p in _PREFIXES.values() for ph, _ in p
                                           for w in ph.split())}  # fmt: skip
    vocabulary |= {w for key in (*_UNDATED, *_UNDATED_EXTRA) for w in key.split()}
    unknown = [w for w in re.findall(r"[a-z]+", text) if w not in vocabulary]
    if not unknown:
        return f"'{value}' is geen bekende datum of periode; schrijf bijvoorbeeld {_EXAMPLES}"
    word = unknown[0]
    hint = ""
    for close in difflib.get_close_matches(word, sorted(vocabulary), n=4, cutoff=0.75):
        if (close.startswith(word) or word.startswith(close)) and abs(len(close) - len(word)) > 2:
            # A longer or shorter word, not a typo: "voorjaarsnota 2026" is not the
            # spring of 2026, and "begroting 2027" is not "begrotingsjaar 2027".
            continue
        try:
            _read(re.sub(rf"\b{word}\b", close, text, count=1), year)
        except (_NoMatch, _NoYear, _Invalid):
            continue
        hint = f" (bedoelt u '{close}'?)"
        break
    if word == text:
        return f"'{value}' is geen bekende datum of periode{hint}; schrijf bijvoorbeeld {_EXAMPLES}"
    return (
        f"'{value}' is geen bekende datum of periode: {_as_written(_quoted(word), value)} "
        f"begrijp ik niet{hint}; "
        f"schrijf bijvoorbeeld {_EXAMPLES}"
    )


# --- how far a deadline moved ------------------------------------------------------


def shift_days(
    period: Period, earlier: str | None = None, *, year: int | None = None
) -> int | None:
    """Days from the earlier deadline (``earlier``, else the cell's own "(was …)") to the
    current one: positive when postponed, negative when brought forward; None when either
    is unknown. An earlier text without a year reads with ``year`` (the plan's ``jaar:``, as
    ``wanneer`` does), never with a guessed one."""
    earlier = earlier or period.was
    if not earlier or period.deadline is None:
        return None
    try:
        before = parse_deadline(earlier, year=year).deadline
    except DeadlineError:
        return None
    return (period.deadline - before).days if before is not None else None


def is_postponed(period: Period, earlier: str | None = None, *, year: int | None = None) -> bool:
    """Whether a deadline was postponed: the cell says so ("uitgesteld naar 2027", "(was
    Q3 26)") or the earlier deadline is known (``earlier``: ``Action.postponed_from``),
    unless that earlier deadline is not before the current one (then it was not put off)."""
    if not (period.postponed or earlier or period.was):
        return False
    days = shift_days(period, earlier, year=year)
    return days is None or days > 0
