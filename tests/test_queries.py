"""Queries on the sample plan at fixed dates: due, status, windows and owners."""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.cli.arguments import parse_as_of, parse_theme_selector, window_end
from limnorm.core.errors import UsageError
from limnorm.core.models import Plan, Status
from limnorm.core.owners import resolve_owner
from limnorm.files.loader import load_plan
from limnorm.queries.plan import (
    Category,
    State,
    due,
    state_of,
    status,
    theme_detail,
)

from .conftest import SAMPLE


@pytest.fixture(name="plan", scope="module")
def _plan() -> Plan:
    """The sample spoorboekje."""
    return load_plan(SAMPLE / "spoorboekje.yaml").require()


def test_due_on_first_of_july(plan: Plan) -> None:
    """On 1 July 2024 five OOV actions are late, most urgent first; nothing else is due."""
    report = due(plan, date(2024, 7, 1), until=date(2024, 7, 31), owner="OOV")
    assert [(i.action.id, i.category, i.days) for i in report.items] == [
        ("1.1", Category.TE_LAAT, -119),
        ("0.1", Category.TE_LAAT, -92),
        ("1.2", Category.TE_LAAT, -90),
        ("6.1", Category.TE_LAAT, -62),
        ("0.2", Category.TE_LAAT, -1),
    ]
    assert report.late == 5


def test_due_soon_includes_the_window_end(plan: Plan) -> None:
    """A deadline on the last day of the window is 'binnenkort'; the day after is not."""
    report = due(plan, date(2024, 9, 1), until=date(2024, 9, 30))
    soon = [i.action.id for i in report.items if i.category is Category.BINNENKORT]
    assert soon == ["1.4", "1.5", "4.1", "4.2", "5.1", "6.2"]
    assert all(i.days == 29 for i in report.items if i.category is Category.BINNENKORT)
    later = due(plan, date(2024, 9, 1), until=date(2024, 9, 29))
    assert not [i for i in later.items if i.category is Category.BINNENKORT]


def test_due_groups_per_owner_in_map_order(plan: Plan) -> None:
    """Without --owner, groups follow the actiehouders map: OOV, HRM, F&I."""
    report = due(plan, date(2025, 1, 1), until=date(2025, 1, 31))
    assert [g.code for g in report.groups] == ["OOV", "HRM", "F&I"]
    assert [i.action.id for i in report.groups[1].items] == ["2.1", "3.1"]
    assert report.groups[2].name is None


def test_done_and_dropped_actions_are_never_due(plan: Plan) -> None:
    """Only open and running actions are due."""
    actions = [
        a._replace(status=s)
        for a, s in zip(plan.actions(), [Status.GEREED, Status.VERVALLEN], strict=False)
    ]
    for action in actions:
        assert not action.is_late(date(2030, 1, 1))
        assert state_of(action, date(2030, 1, 1)) == State(action.status.value)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("30d", date(2024, 1, 31)),
        ("30", date(2024, 1, 31)),
        ("6w", date(2024, 2, 12)),
        ("2m", date(2024, 3, 1)),
        ("1 maand", date(2024, 2, 1)),
        ("0d", date(2024, 1, 1)),
    ],
)
def test_windows(window: str, expected: date) -> None:
    """Windows are counted from the as-of date in days, weeks or calendar months."""
    assert window_end(date(2024, 1, 1), window) == expected


def test_month_window_clamps_to_month_end() -> None:
    """31 January plus one month is 29 February in a leap year."""
    assert window_end(date(2024, 1, 31), "1m") == date(2024, 2, 29)


def test_bad_window() -> None:
    """A window without a number is a usage error in Dutch."""
    with pytest.raises(UsageError, match="'soon' is geen termijn"):
        window_end(date(2024, 1, 1), "soon")


def test_owner_codes_match_case_insensitively(plan: Plan) -> None:
    """'oov' and 'f&i' resolve to the codes as written; typos get a suggestion."""
    assert resolve_owner(plan, "oov") == "OOV"
    assert resolve_owner(plan, "f&i") == "F&I"
    with pytest.raises(UsageError, match=r"actiehouder 'OOF' .* \(bedoelt u 'OOV'\?\)"):
        resolve_owner(plan, "OOF")


def test_status_counts(plan: Plan) -> None:
    """Per theme: totals and late counts on 1 October 2024."""
    report = status(plan, date(2024, 10, 1))
    assert [(t.nr, t.totaal, t.te_laat) for t in report.themes] == [
        (0, 2, 2), (1, 5, 4), (2, 1, 0), (3, 1, 0), (4, 3, 2), (5, 2, 1), (6, 3, 2),
    ]  # fmt: skip
    assert (report.total.totaal, report.total.open, report.total.te_laat) == (17, 17, 11)
    assert report.total.voortgang == 0.0


def test_progress_ignores_dropped_actions(plan: Plan) -> None:
    """Voortgang is gereed out of the actions that still count."""
    theme = plan.themas[1]
    acties = tuple(
        a._replace(status=s)
        for a, s in zip(
            theme.acties,
            [Status.GEREED, Status.GEREED, Status.VERVALLEN, Status.LOPEND, Status.OPEN],
            strict=True,
        )
    )
    changed = plan._replace(themas=(theme._replace(acties=acties),))
    row = status(changed, date(2024, 1, 1)).themes[0]
    assert (row.gereed, row.vervallen, row.lopend, row.open) == (2, 1, 1, 1)
    assert row.voortgang == 0.5


def test_theme_detail(plan: Plan) -> None:
    """'status thema 4' lists the theme's actions with their state on the date."""
    detail = theme_detail(plan, 4, date(2024, 10, 1))
    assert [a.id for a in detail.theme.acties] == ["4.1", "4.2", "4.3"]
    assert detail.states == (State.TE_LAAT, State.TE_LAAT, State.OPEN)
    with pytest.raises(UsageError, match="thema 9 staat niet in het spoorboekje"):
        theme_detail(plan, 9, date(2024, 10, 1))


@pytest.mark.parametrize(
    ("words", "expected"),
    [([], None), (["thema", "4"], 4), (["4"], 4), (["thema4"], 4), (["Thema", "0"], 0)],
)
def test_theme_selector(words: list[str], expected: int | None) -> None:
    """The words after 'status' name a theme in the ways people type it."""
    assert parse_theme_selector(words) == expected


def test_bad_theme_selector() -> None:
    """Anything else is refused with an example."""
    with pytest.raises(UsageError, match="schrijf bijvoorbeeld 'thema 4'"):
        parse_theme_selector(["alles"])


@pytest.mark.parametrize(
    ("text", "message"),
    [("2024-02-30", "die dag bestaat niet"), ("1-7-2024", "moet de vorm JJJJ-MM-DD hebben")],
)
def test_as_of_is_strict(text: str, message: str) -> None:
    """--as-of takes exactly YYYY-MM-DD, so a date is never misread."""
    assert parse_as_of("2024-07-01") == date(2024, 7, 1)
    with pytest.raises(UsageError, match=message):
        parse_as_of(text)
