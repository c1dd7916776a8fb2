"""Parses per second of limnorm's deadline engine against ``dateutil.parser.parse``.

Both parse the same list of expressions in the same run. dateutil cannot read
most Dutch forms (it raises, or reads "mrt. 24" as the 24th of a month), so
three lists are timed: the sample's own deadlines plus common Dutch forms,
realistic cells from real plans (notes, postponements, lists, words without a
date), and a subset of purely numeric days that dateutil does read correctly
with ``dayfirst=True``. The goal is at least 2x dateutil's rate.

Every call parses its text: the engine keeps no cache of readings, so nothing here
measures memo hits. Rates vary a lot on a busy machine; for a steadier comparison,
count instructions per text with valgrind (``--tool=callgrind``) on both parsers.

Usage: python benchmarks/deadlines.py [--seconds S] [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable
from datetime import datetime

from dateutil.parser import ParserError, parse

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError

MIXED = [
    "mrt. 24", "jun. 24", "4-3-24", "2-4-24", "Q4 24", "Q3 24", "Q3/Q4 24", "2024", "apr 24",
    "4 maart 2024", "2024-03-04", "1-jul-24", "3e kwartaal 2024", "week 12 2024", "medio 2024",
    "eind 2024", "H2 24", "doorlopend", "n.t.b.", "nov 24 - feb 25",
]  # fmt: skip
# Cells as civil servants write them in real plans (see tests/test_deadline_corpus.py):
# framing words, lists with the year written once, notes, postponements, no date.
REALISTIC = [
    "Q2/2026", "2e kwartaal 2026", "Uiterlijk 1 juli 2026", "eind '26", "medio 27",
    "Q1 en Q2 2026", "1e/2e kwartaal 2026", "Q1 tm Q3 2026", "tweede kwartaal van 2026",
    "in het voorjaar van 2026", "aan het eind van 2026", "m.i.v. 1 januari 2027",
    "voor het zomerreces 2026", "in de loop van 2026", "Q2 2026 (onder voorbehoud)",
    "uitgesteld naar 2027", "verschoven naar Q1 2027", "Q1 2027 (was Q3 26)",
    "streven maart, uiterlijk 30 april 2026", "n.n.b.", "t.z.t.", "z.s.m.", "PM",
    "afhankelijk van besluitvorming", "doorlopende inzet", "2x per jaar", "jaarlijks in Q1",
    "structureel (jaarlijks)", "gereed", "in uitvoering", "winter 2026-2027", "3.2026",
    "2026 e.v.", "jan, feb en mrt 2026", "Planning: 2e helft 2026", "voor eind 2026",
    "Besluitvorming raad: Q2 2026", "medio/eind 2026", "Looptijd 2024-2027", "Najaar 2025",
]  # fmt: skip
NUMERIC = ["4-3-24", "2-4-24", "04-03-2024", "4/3/2024", "2024-03-04", "31-12-2025", "1.7.2024"]
DEFAULT = datetime(2000, 1, 1)


def limnorm_parse(text: str) -> None:
    with contextlib.suppress(DeadlineError):
        parse_deadline(text)


def dateutil_parse(text: str) -> None:
    with contextlib.suppress(ParserError, ValueError, OverflowError):
        parse(text, dayfirst=True, default=DEFAULT)


def rate(func: Callable[[str], None], texts: list[str], seconds: float) -> float:
    count = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for text in texts:
            func(text)
        count += len(texts)
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="total time per parser")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    lists = (
        ("gemengde lijst", MIXED),
        ("realistische cellen", REALISTIC),
        ("alleen numerieke dagen", NUMERIC),
    )
    for name, texts in lists:
        # Short alternating rounds, best rate of each: a slow spell of the machine
        # then hits both parsers instead of one.
        ours = theirs = 0.0
        for _ in range(args.rounds):
            ours = max(ours, rate(limnorm_parse, texts, args.seconds / args.rounds))
            theirs = max(theirs, rate(dateutil_parse, texts, args.seconds / args.rounds))
        print(
            f"{name:24} limnorm {ours:9,.0f}/s   dateutil {theirs:9,.0f}/s   "
            f"{ours / theirs:.1f}x ({len(texts)} uitdrukkingen)"
        )


if __name__ == "__main__":
    main()
