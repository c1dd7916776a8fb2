"""Command-line values read into what the core takes: dates, windows, themes, kinds.

These are the only parsers of option and argument texts, so their messages
name the option; the core and the queries never do (they say what is wrong,
and :func:`limnorm.cli.app.describe` adds which option gives the value).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from limnorm.core.calendar import add_months
from limnorm.core.errors import Input, LimnormError, UsageError

DEFAULT_WINDOW = "30d"
#: The years a peildatum may have: those the deadline grammar reads.
FIRST_YEAR, LAST_YEAR = 1900, 2199

#: The option that gives each kind of value, for messages.
OPTIONS = {
    Input.DATA: "--data",
    Input.VERSION: "--at",
    Input.REGION: "--regio",
    Input.SORT_THEME: "--sorteer",
    Input.DONE_DAY: "--op",
    Input.NOTE: "--toelichting",
    Input.TABLE: "--tabel",
    Input.IMPORT_FOLDER: "--naar",
}

#: What the user can do about an error, by the option that would fix it.
REMEDIES = {
    Input.DATA: "kies een map met --data",
    Input.NOTE: "geef --toelichting met de reden",
    Input.IMPORT_FOLDER: "of kies met --naar een andere map",
}


def describe(error: LimnormError) -> str:
    """The whole message of ``error``: where, which option, what is wrong, what to do."""
    parts = [str(error.location)] if error.location is not None else []
    if error.about is not None:
        parts.append(OPTIONS[error.about])
    text = ": ".join([*parts, error.message])
    if error.remedy is not None:
        text += "; " + REMEDIES[error.remedy]
    return text


def parse_as_of(text: str) -> date:
    """The ``--as-of`` value: exactly ``YYYY-MM-DD``.

    Raises:
        UsageError: anything else, or a day that does not exist.
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(f"--as-of '{text}': die dag bestaat niet") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            # Windows and timelines reach past the day; dates beyond these years are
            # not read in the files either (the same years as --op and 'wanneer').
            raise UsageError(
                f"--as-of '{text}': kies een dag in de jaren {FIRST_YEAR} tot en met "
                f"{LAST_YEAR}, dezelfde jaren als bij --op en in 'wanneer'"
            )
        return day
    raise UsageError(f"--as-of '{text}' moet de vorm JJJJ-MM-DD hebben, bijvoorbeeld 2024-07-01")


def window_end(as_of: date, window: str) -> date:
    """The last day of a ``--within`` window such as ``30d``, ``6w`` or ``2m`` after ``as_of``.

    Raises:
        UsageError: the window is not a number with unit d, w or m.
    """
    match = re.fullmatch(
        r"\s*(\d{1,4})\s*(d|dag|dagen|w|wk|week|weken|m|mnd|maand|maanden)?\s*", window.lower()
    )
    if match is None:
        raise UsageError(
            f"'{window}' is geen termijn; schrijf een aantal dagen, weken of maanden, "
            "zoals 30d, 6w of 2m"
        )
    count, unit = int(match[1]), (match[2] or "d")[0]
    if unit == "d":
        return as_of + timedelta(days=count)
    if unit == "w":
        return as_of + timedelta(weeks=count)
    return add_months(as_of, count)


def parse_theme_selector(words: Sequence[str]) -> int | None:
    """``[]`` -> None; ``["thema", "4"]``, ``["4"]`` or ``["thema4"]`` -> 4.

    Raises:
        UsageError: anything else.
    """
    text = "".join(words).lower().replace(" ", "")
    if not text:
        return None
    match = re.fullmatch(r"(?:thema|t)?(\d{1,2})", text)
    if match is None:
        raise UsageError(f"'{' '.join(words)}' is geen thema; schrijf bijvoorbeeld 'thema 4'")
    return int(match[1])


def refuse_theme_for_region(nr: int | None) -> None:
    """``status thema N --regio`` is not a thing: one theme is looked at per organisation.

    Raises:
        UsageError: a theme was named.
    """
    if nr is not None:
        raise UsageError(
            "'status thema N' werkt per organisatie; gebruik voor de regio "
            "'limnorm compare --regio MAP --sorteer N'"
        )


def schema_kind(text: str) -> str:
    """``spoorboekje`` or ``checklist`` (case-insensitive, ``.yaml`` allowed).

    Raises:
        UsageError: anything else.
    """
    kind = text.strip().lower().removesuffix(".yaml")
    if kind not in ("spoorboekje", "checklist"):
        raise UsageError(f"'{text}': kies 'spoorboekje' of 'checklist'")
    return kind


def alarm_days(text: str) -> int:
    """``--alarm``: ``14d`` or ``2w`` (or a bare number of days) as days before the deadline.

    Raises:
        UsageError: anything else.
    """
    match = re.fullmatch(r"\s*(\d{1,3})\s*(d|dag|dagen|w|wk|weken)?\s*", text.lower())
    if match is None:
        raise UsageError(f"--alarm '{text}': schrijf een aantal dagen of weken, zoals 14d of 2w")
    days = int(match[1])
    return days * 7 if (match[2] or "d").startswith("w") else days
