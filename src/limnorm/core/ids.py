"""Action ids as people write them ("2.1.1", "102.1.1", "A3"): the one natural order.

Every output that lists actions by id sorts with :func:`id_key`, so 1.2 comes
before 1.10 everywhere (terminal, JSON, report, region).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

_RUNS = re.compile(r"\d+|\D+")


@functools.cache  # ids repeat across a region's organisations and across sorts
def id_key(action_id: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key in natural order: runs of digits by value, other text case-insensitively.

    Numbers come before text in the same place ("1.2" before "1.a"); equal values keep
    a stable order by the text as written ("A3" and "a3").
    """
    runs = _RUNS.findall(action_id.strip())
    return (
        *((0, int(run), run) if run.isdigit() else (1, 0, run.casefold()) for run in runs),
        (-1, 0, action_id),  # ends before any longer id: "1" before "1.2"
    )


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_Identified)


def by_id(records: Iterable[_T]) -> tuple[_T, ...]:
    """Records (actions) in natural id order (102.1.2 before 102.1.10), not in file order."""
    return tuple(sorted(records, key=lambda record: id_key(record.id)))
