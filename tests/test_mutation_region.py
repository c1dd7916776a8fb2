"""The region's queries (queries/region.py) in the places mutation testing
(scripts/mutation.py) found unguarded: ``due --regio --owner`` over organisations that do
not all have the owner, undated actions of every organisation, the report's window and
broken members, and an organisation without a checklist in ``status --regio``. The
region is built from plan and checklist texts; expected figures are written by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.core.errors import UsageError
from limnorm.core.models import Checklist, Norm, NormTheme
from limnorm.files.checklist import parse_checklist
from limnorm.files.loader import parse_plan
from limnorm.files.region import Organisation, Region
from limnorm.queries.region import compare, norm_differences, region_due, region_status


def _plan(name: str, owners: str, actions: str) -> str:
    return (
        f"organisatie: {name}\nactiehouders:\n{owners}themas:\n  - nr: 1\n"
        f"    titel: Bewustwording\n    acties:\n{actions}"
    )


NOORD = _plan(
    "Gemeente Noord",
    "  HRM: Human Resource Management\n",
    '      - {id: "1.1", actie: Scan, wanneer: 2024-03-01, actiehouder: HRM}\n'
    '      - {id: "1.2", actie: Ooit, wanneer: ooit, actiehouder: HRM}\n',
)
ZUID = _plan(
    "Gemeente Zuid",
    "  OOV: Openbare Orde en Veiligheid\n  HRM: Human Resource Management\n",
    '      - {id: "1.1", actie: Sessie, wanneer: 2024-03-20, actiehouder: OOV}\n'
    '      - {id: "1.2", actie: Code, wanneer: 2024-03-05, actiehouder: HRM}\n'
    '      - {id: "1.3", actie: Later, wanneer: 2024-09-01, actiehouder: OOV, status: lopend}\n'
    '      - {id: "1.4", actie: Wanneer dan, wanneer: binnenkort, actiehouder: OOV}\n',
)
WEST = _plan(
    "Gemeente West",
    "  OOV: Openbare Orde en Veiligheid\n",
    '      - {id: "1.1", actie: Werkbezoek, wanneer: 2024-03-10, actiehouder: OOV}\n',
)

CHECKLIST = """\
norm: {naam: Limburgse Norm}
themas:
  - nr: 1
    titel: Bewustwording
    normen:
      - {nr: "1.1", titel: Scan, antwoord: uitgevoerd}
      - {nr: "1.2", titel: Sessie, antwoord: nvt, toelichting: Regionaal}
      - {nr: "1.3", titel: Code}
"""


def _member(folder: str, plan: str, checklist: str | None = CHECKLIST) -> Organisation:
    loaded = parse_plan(plan, f"{folder}/spoorboekje.yaml").require()
    norms = None
    if checklist is not None:
        norms = parse_checklist(checklist, f"{folder}/checklist.yaml").require()
    return Organisation(folder, loaded.organisatie, loaded, norms)


#: Noord has no OOV; it comes first, and the members after it still count.
REGION = Region(
    "regio",
    (_member("noord", NOORD), _member("zuid", ZUID, None), _member("west", WEST)),
    (Organisation("kapot", "kapot", None, None),),
)
AS_OF, UNTIL = date(2024, 3, 10), date(2024, 4, 1)


@pytest.mark.parametrize(
    ("owner", "items", "undated"),
    [
        (
            None,
            [("Gemeente Noord", "1.1", -9), ("Gemeente Zuid", "1.2", -5),
             ("Gemeente West", "1.1", 0), ("Gemeente Zuid", "1.1", 10)],
            [("Gemeente Noord", "1.2"), ("Gemeente Zuid", "1.4")],
        ),
        (
            "OOV",
            [("Gemeente West", "1.1", 0), ("Gemeente Zuid", "1.1", 10)],
            [("Gemeente Zuid", "1.4")],
        ),
        (
            "HRM",
            [("Gemeente Noord", "1.1", -9), ("Gemeente Zuid", "1.2", -5)],
            [("Gemeente Noord", "1.2")],
        ),
    ],
)  # fmt: skip
def test_region_due_over_every_member(
    owner: str | None, items: list[tuple[str, str, int]], undated: list[tuple[str, str]]
) -> None:
    """Every member's late and soon-due actions by days, then organisation; the undated
    ones of every member; an owner only some members have is looked up in each."""
    report = region_due(REGION, AS_OF, until=UNTIL, owner=owner)
    assert [(i.organisation, i.item.action.id, i.item.days) for i in report.items] == items
    assert [(u.organisation, u.action.id) for u in report.unreadable] == undated
    assert (report.as_of, report.until, report.owner) == (AS_OF, UNTIL, owner)
    assert [o.folder for o in report.broken] == ["kapot"]
    assert report.late == sum(days < 0 for _, _, days in items)


def test_region_due_for_an_owner_nobody_has() -> None:
    """An owner no member has is refused, naming it."""
    with pytest.raises(UsageError) as caught:
        region_due(REGION, AS_OF, until=UNTIL, owner="JZ")
    assert (
        caught.value.message == "actiehouder 'JZ' komt bij geen enkele organisatie in de regio voor"
    )


def test_region_status_rows() -> None:
    """Per member: actions by state and the norms; a member without a checklist has no
    count of answered norms (None: "niet ingevuld"), not 0 and not an empty text."""
    report = region_status(REGION, AS_OF)
    rows = [
        (r.organisation, r.totaal, r.te_laat, r.norms_done, r.norms_applicable, r.norms_answered)
        for r in report.rows
    ]
    assert rows == [
        ("Gemeente Noord", 2, 1, 1, 2, 2),
        ("Gemeente West", 1, 0, 1, 2, 2),
        ("Gemeente Zuid", 4, 1, 0, 0, None),
    ]


# --- compare and status over members with different checklists ------------------------

#: The 0-meting (theme 0) and two themes: theme 1 half done, theme 2 done.
TWO_THEMES = """\
norm: {naam: Limburgse Norm}
themas:
  - nr: 0
    titel: 0-meting
    normen:
      - {nr: "0.1", titel: Nulmeting, antwoord: uitgevoerd}
  - nr: 1
    titel: Bewustwording
    fase: 2
    normen:
      - {nr: "1.1", titel: Scan, antwoord: uitgevoerd}
      - {nr: "1.2", titel: Sessie, antwoord: ontbreekt}
  - nr: 2
    titel: Integriteit
    normen:
      - {nr: "2.1", titel: Code, antwoord: uitgevoerd}
"""
#: Theme 1 only, nothing done.
ONE_THEME = """\
norm: {naam: Limburgse Norm}
themas:
  - nr: 1
    titel: Bewustwording
    normen:
      - {nr: "1.1", titel: Scan, antwoord: ontbreekt}
      - {nr: "1.2", titel: Sessie, antwoord: ontbreekt}
"""

#: A name in lower case: the order by name ignores case.
MIXED = Region(
    "regio",
    (
        _member("noord", NOORD, TWO_THEMES),
        _member("zuid", ZUID, None),
        _member("beek", WEST.replace("Gemeente West", "gemeente beek"), ONE_THEME),
    ),
    (),
)


def _cells(report: object) -> list[tuple[object, ...]]:
    return [
        (
            row.organisation,
            [(c.share, c.phase, c.late, c.lowest, c.done, c.applicable, c.answered)
             for c in row.cells],
        )
        for row in report.rows  # type: ignore[attr-defined]
    ]  # fmt: skip


def test_compare_cells_of_members_with_other_themes() -> None:
    """Themes are those the checklists name (not the 0-meting); a theme a checklist lacks
    is answered 0 times with no share; no checklist at all: answered None; the lowest
    share of a theme is marked; rows by name whatever its case."""
    report = compare(MIXED, AS_OF)
    assert report.themes == (1, 2)
    assert report.sort_theme is None
    assert _cells(report) == [
        ("gemeente beek", [(0.0, None, 0, True, 0, 2, 2), (None, None, 0, False, 0, 0, 0)]),
        ("Gemeente Noord", [(0.5, 2, 1, False, 1, 2, 2), (1.0, None, 0, False, 1, 1, 1)]),
        ("Gemeente Zuid", [(None, None, 1, False, 0, 0, None),
                           (None, None, 0, False, 0, 0, None)]),
    ]  # fmt: skip


def test_compare_sorted_by_a_theme_puts_the_lowest_share_first() -> None:
    """By theme 1: 0% before 50%, a member without a share last; the report says so."""
    report = compare(MIXED, AS_OF, sort_theme=1)
    assert [row.organisation for row in report.rows] == [
        "gemeente beek", "Gemeente Noord", "Gemeente Zuid",
    ]  # fmt: skip
    assert report.sort_theme == 1
    by_two = compare(MIXED, AS_OF, sort_theme=2)
    assert [row.organisation for row in by_two.rows] == [
        "Gemeente Noord", "Gemeente Zuid", "gemeente beek",
    ]  # fmt: skip


def test_without_checklists_the_themes_are_the_norms_six() -> None:
    """No member has a checklist: the columns are the Limburgse Norm's themes 1-6."""
    assert compare(REGION_WITHOUT_CHECKLISTS, AS_OF).themes == (1, 2, 3, 4, 5, 6)


REGION_WITHOUT_CHECKLISTS = Region(
    "regio", (_member("zuid", ZUID, None), _member("west", WEST, None)), ()
)


def test_region_status_counts_every_theme() -> None:
    """Actions by state, and the norms over every theme of the checklist (the 0-meting
    included): uitgevoerd, applicable, answered, themes meeting the norm."""
    report = region_status(MIXED, AS_OF)
    assert [tuple(row) for row in report.rows] == [
        ("gemeente beek", 1, 0, 0, 1, 0, 0.0, 0, 2, 0, 2),
        ("Gemeente Noord", 2, 0, 0, 2, 1, 0.0, 3, 4, 2, 4),
        ("Gemeente Zuid", 4, 0, 1, 3, 1, 0.0, 0, 0, 0, None),
    ]


def test_missing_norms_in_natural_order() -> None:
    """The norms a member lacks against the region are in natural order (1.2 before
    1.10), as its extra ones are."""

    def checklist(numbers: list[str]) -> Checklist:
        norms = tuple(Norm(nr, 1, f"Norm {nr}") for nr in numbers)
        return Checklist("Limburgse Norm", (NormTheme(1, "Thema", norms),))

    full = ["1.1", "1.2", "1.10"]
    members = [Organisation(f"org{i}", f"Org {i}", None, checklist(full)) for i in range(2)]
    members.append(Organisation("org9", "Org 9", None, checklist(["1.1"])))
    (difference,) = norm_differences(Region("regio", tuple(members), ()))
    assert (difference.organisation, difference.extra, difference.missing) == (
        "Org 9",
        (),
        ("1.2", "1.10"),
    )
