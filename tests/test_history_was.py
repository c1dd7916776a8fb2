"""The earlier deadline git's history shows ("verschoven van … naar …" without an
``oorspronkelijk`` in the file): where it comes from and what wins."""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.core.models import Action
from limnorm.core.period import Period, PeriodKind

Q1_27 = Period(date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL)
WAS_IN_CELL = Period(date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL, was="Q3 26")


@pytest.mark.parametrize(
    ("oorspronkelijk", "period", "history_was", "expected"),
    [
        (None, Q1_27, None, None),
        (None, Q1_27, "Q2 26", "Q2 26"),
        ("Q4 25", Q1_27, "Q2 26", "Q4 25"),  # the user's own field wins
        (None, WAS_IN_CELL, "Q2 26", "Q3 26"),  # so does the cell's "(was …)"
        ("Q4 25", WAS_IN_CELL, None, "Q4 25"),
    ],
)
def test_postponed_from_prefers_what_the_user_wrote(
    oorspronkelijk: str | None, period: Period, history_was: str | None, expected: str | None
) -> None:
    """The history's earlier deadline is only the last resort: what the user wrote, in the
    field or in the cell, is what they mean."""
    action = Action(
        "1.1", 1, "Scan", "Q1 27", period, ("OOV",),
        oorspronkelijk=oorspronkelijk, history_was=history_was,
    )  # fmt: skip
    assert action.postponed_from == expected
