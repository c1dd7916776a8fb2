"""Queries that mutation testing (scripts/mutation.py) found unguarded in queries/plan.py.

A small plan with owners in and out of the ``actiehouders`` list, an action without an
owner, undated actions, a progress percentage and a completion date after the as-of date.
Every expectation is written out by hand.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from limnorm.core.errors import UsageError
from limnorm.core.models import NO_OWNER, Checklist, Plan, Severity
from limnorm.files.checklist import load_checklist
from limnorm.files.loader import load_plan
from limnorm.queries.plan import (
    Link,
    State,
    checklist_report,
    cross_findings,
    date_findings,
    due,
    error_counts,
    owner_order,
    status,
    theme_detail,
    timeline,
)

PLAN = textwrap.dedent(
    """\
    organisatie: Gemeente Proef
    actiehouders:
      OOV: Openbare Orde en Veiligheid
      HRM: Human Resource Management
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - id: "1.10"
            actie: Tiende
            wanneer: Q3 2026
            actiehouder: OOV
          - id: "1.2"
            actie: Tweede
            wanneer: doorlopend
            actiehouder: HRM
          - id: "1.3"
            actie: Derde
            wanneer: Q1 2026
            actiehouder: Zeta
            status: lopend
            voortgang: 50
          - id: "1.4"
            actie: Vierde
            wanneer: Q1 2026
            actiehouder: alfa
            status: vervallen
      - nr: 2
        titel: Integriteit
        acties:
          - id: "2.1"
            actie: Gedaan
            wanneer: Q1 2026
            actiehouder: HRM
            status: gereed
            gereed_op: 2026-05-01
          - id: "2.2"
            actie: Niemands
            wanneer: Q2 2026
      - nr: 3
        titel: Alleen vervallen
        acties:
          - id: "3.1"
            actie: Weg
            wanneer: 2026
            actiehouder: OOV
            status: vervallen
    """
)


@pytest.fixture(name="plan")
def _plan(tmp_path: Path) -> Plan:
    path = tmp_path / "spoorboekje.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return load_plan(path).require()


def test_timeline_filters_by_theme_and_owner(plan: Plan) -> None:
    """Only the chosen theme's and owner's actions, dated ones per theme in natural id
    order (1.3 before 1.10), undated ones apart."""
    report = timeline(plan, date(2026, 4, 1), theme=1)
    assert report.organisatie == "Gemeente Proef"
    assert report.as_of == date(2026, 4, 1)
    assert [(g.nr, g.titel, [r.action.id for r in g.rows]) for g in report.groups] == [
        (1, "Bewustwording", ["1.3", "1.4", "1.10"])
    ]
    assert [r.action.id for r in report.undated] == ["1.2"]
    by_owner = timeline(plan, date(2026, 4, 1), owner="HRM")
    assert [(g.nr, [r.action.id for r in g.rows]) for g in by_owner.groups] == [(2, ["2.1"])]
    assert [(r.action.id, r.state) for r in by_owner.undated] == [("1.2", State.OPEN)]
    later_theme = timeline(plan, date(2026, 4, 1), theme=2)
    assert [(g.nr, [r.action.id for r in g.rows]) for g in later_theme.groups] == [
        (2, ["2.1", "2.2"])
    ]


def test_due_for_one_owner_and_for_all(plan: Plan) -> None:
    """On 1 April 2026 until the end of the year: open actions with a deadline, per owner
    in owner order, the ownerless last; with an owner, only that owner's."""
    report = due(plan, date(2026, 4, 1), until=date(2026, 12, 31))
    assert [(g.code, [i.action.id for i in g.items]) for g in report.groups] == [
        ("OOV", ["1.10"]),
        ("Zeta", ["1.3"]),
        (NO_OWNER, ["2.2"]),
    ]
    mine = due(plan, date(2026, 4, 1), until=date(2026, 12, 31), owner="OOV")
    assert [i.action.id for i in mine.items] == ["1.10"]
    assert [g.code for g in mine.groups] == ["OOV"]


def test_a_completion_date_after_the_as_of_date_is_a_warning(plan: Plan) -> None:
    """gereed_op 2026-05-01 is in the future on 30 April, not on 1 May itself."""
    (finding,) = date_findings(plan, date(2026, 4, 30))
    assert finding.severity is Severity.WAARSCHUWING
    assert finding.message == (
        "actie 2.1: gereed_op 1 mei 2026 ligt na de peildatum 30 apr 2026, in de toekomst; "
        "klopt de datum?"
    )
    assert finding.location.file.endswith("spoorboekje.yaml")
    assert finding.location.line == 36  # the gereed_op line
    assert date_findings(plan, date(2026, 5, 1)) == []


def test_progress_counts_done_work_over_actions_that_count(plan: Plan) -> None:
    """Theme 1: 1.3 is half done (voortgang 50) and 1.4 vervallen does not count, so
    0.5 of 3 actions; theme 2: one of two gereed; theme 3: nothing counts, 0."""
    report = status(plan, date(2026, 4, 1))
    assert [(t.nr, t.titel, t.totaal, t.vervallen, t.voortgang) for t in report.themes] == [
        (1, "Bewustwording", 4, 1, pytest.approx(0.5 / 3)),
        (2, "Integriteit", 2, 0, 0.5),
        (3, "Alleen vervallen", 1, 1, 0.0),
    ]


def test_owner_order(plan: Plan) -> None:
    """The actiehouders map's order first, then the others by name whatever their case
    (alfa before Zeta), then the actions without an owner."""
    assert owner_order(plan, plan.actions()) == ["OOV", "HRM", "alfa", "Zeta", NO_OWNER]
    owned = [a for a in plan.actions() if a.actiehouders]
    assert owner_order(plan, owned) == ["OOV", "HRM", "alfa", "Zeta"]


def test_an_unknown_theme_names_the_plans_themes(plan: Plan) -> None:
    """thema 9: the message lists the plan's theme numbers."""
    with pytest.raises(UsageError) as caught:
        theme_detail(plan, 9, date(2026, 4, 1))
    assert caught.value.message == "thema 9 staat niet in het spoorboekje; kies uit 1, 2, 3"


def test_theme_detail_counts_that_theme(plan: Plan) -> None:
    """status thema 2: its number, title and organisation, and each action's state."""
    detail = theme_detail(plan, 2, date(2026, 7, 1))
    assert detail.organisatie == "Gemeente Proef"
    assert (detail.counts.nr, detail.counts.titel, detail.counts.gereed) == (2, "Integriteit", 1)
    assert detail.states == (State.GEREED, State.TE_LAAT)


CROSS_PLAN = textwrap.dedent(
    """\
    organisatie: Gemeente Proef
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - {id: "1.1", actie: Een, wanneer: Q1 2026, actiehouder: OOV}
      - nr: 2
        titel: Integriteit
        acties:
          - {id: "2.1", actie: Twee, wanneer: Q1 2026, actiehouder: OOV, status: gereed}
          - {id: "2.2", actie: Weg, wanneer: Q1 2026, actiehouder: OOV, status: vervallen}
      - nr: 7
        titel: Eigen thema
        acties:
          - {id: "7.1", actie: Zeven, wanneer: Q1 2026, actiehouder: OOV}
    """
)
CROSS_CHECKLIST = textwrap.dedent(
    """\
    norm:
      naam: Proefnorm
    themas:
      - nr: 1
        titel: Bewustwording
        normen:
          - nr: "1.1"
            titel: Een
            antwoord: uitgevoerd
            acties: ["1.1", "9.9"]
          - nr: "1.2"
            titel: Twee
            antwoord: ontbreekt
      - nr: 2
        titel: Integriteit
        normen:
          - nr: "2.1"
            titel: Drie
            antwoord: ontbreekt
            acties: ["2.1"]
      - nr: 3
        titel: Nog zonder acties
        normen:
          - nr: "3.1"
            titel: Vier
            antwoord: uitgevoerd
    """
)


@pytest.fixture(name="cross")
def _cross(tmp_path: Path) -> tuple[Plan, Checklist]:
    plan_path = tmp_path / "spoorboekje.yaml"
    plan_path.write_text(CROSS_PLAN, encoding="utf-8")
    checklist_path = tmp_path / "checklist.yaml"
    checklist_path.write_text(CROSS_CHECKLIST, encoding="utf-8")
    return load_plan(plan_path).require(), load_checklist(checklist_path).require()


def test_cross_findings_between_checklist_and_plan(cross: tuple[Plan, Checklist]) -> None:
    """A plan theme the checklist lacks and a link to an unknown action are fouten; an
    uitgevoerd norm with an open action, and an ontbreekt norm in a theme whose counted
    actions are all gereed (2.2 vervallen does not count), are warnings. Each names the
    file and line where it is."""
    plan, checklist = cross
    found = [
        (f.severity, f.message, Path(f.location.file).name, f.location.line)
        for f in cross_findings(checklist, plan)
    ]
    assert found == [
        (
            Severity.FOUT,
            "thema 7 staat niet in de checklist (Proefnorm); die kent de thema's 1, 2, 3. "
            "Verbeter het nummer, of voeg het thema toe aan checklist.yaml als het plan "
            "een andere norm volgt",
            "spoorboekje.yaml",
            12,
        ),
        (
            Severity.WAARSCHUWING,
            "norm 1.1 is 'uitgevoerd', maar gekoppelde actie 1.1 is nog 'open'",
            "checklist.yaml",
            9,
        ),
        (
            Severity.FOUT,
            f"norm 1.1 verwijst naar actie '9.9', maar die staat niet in {plan.source}",
            "checklist.yaml",
            10,
        ),
        (
            Severity.WAARSCHUWING,
            "alle acties van thema 2 zijn gereed, maar norm 2.1 staat nog op 'ontbreekt'; "
            "is het antwoord nog actueel?",
            "checklist.yaml",
            19,
        ),
    ]


def test_error_counts_per_file(cross: tuple[Plan, Checklist]) -> None:
    """One fout in each file: the unknown theme in the plan, the unknown link in the
    checklist; the warnings are not counted."""
    plan, checklist = cross
    counts = {Path(file).name: n for file, n in error_counts(plan, checklist).items()}
    assert counts == {"spoorboekje.yaml": 1, "checklist.yaml": 1}
    assert {Path(f).name: n for f, n in error_counts(plan, None).items()} == {"spoorboekje.yaml": 0}


def test_checklist_report_links_and_filters(cross: tuple[Plan, Checklist]) -> None:
    """Links carry the linked action's state (None for an unknown id); ``only_open``
    leaves out the uitgevoerd norms; without an organisation in the checklist the plan's
    is shown; an unknown theme lists the checklist's."""
    plan, checklist = cross
    report = checklist_report(checklist, plan, date(2026, 2, 1), theme=1)
    assert report.organisatie == "Gemeente Proef"
    assert [(r.norm.nr, r.links) for r in report.themes[0].rows] == [
        ("1.1", (Link("1.1", State.OPEN), Link("9.9", None))),
        ("1.2", ()),
    ]
    only_open = checklist_report(checklist, plan, date(2026, 2, 1), only_open=True)
    assert only_open.only_open is True
    assert [[r.norm.nr for r in t.rows] for t in only_open.themes] == [["1.2"], ["2.1"], []]
    with pytest.raises(UsageError) as caught:
        checklist_report(checklist, plan, date(2026, 2, 1), theme=5)
    assert caught.value.message == "thema 5 staat niet in de checklist; kies uit 1, 2, 3"


def test_a_theme_only_in_the_checklist_has_a_detail(cross: tuple[Plan, Checklist]) -> None:
    """status thema 3: the plan has no actions for it yet; the checklist's title and
    norms are shown, with zero actions."""
    plan, checklist = cross
    detail = theme_detail(plan, 3, date(2026, 2, 1), checklist)
    assert (detail.theme.nr, detail.theme.titel, detail.theme.acties) == (
        3,
        "Nog zonder acties",
        (),
    )
    assert (detail.counts.nr, detail.counts.titel, detail.counts.totaal) == (
        3,
        "Nog zonder acties",
        0,
    )
    assert detail.answers is not None
    assert [r.norm.nr for r in detail.answers.rows] == ["3.1"]
