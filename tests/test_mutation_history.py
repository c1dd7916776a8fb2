"""What changed between two points (queries/history.py ``diff``), in the places mutation
testing (scripts/mutation.py) found unguarded: an added action listed before the others,
actions that lapse (vervallen) next to removed ones, a point without a checklist or with
a new norm, and the message for a point whose plan cannot be read. The two points are
built from plan and checklist texts (the dates of ``diff`` in a real repository);
expected changes are written out by hand.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from limnorm.core.errors import DataError
from limnorm.core.models import Answer, Checklist, Plan
from limnorm.files.checklist import parse_checklist
from limnorm.files.discovery import WORKING_TREE, Version
from limnorm.files.git import Commit
from limnorm.files.loader import parse_plan
from limnorm.queries.history import Snapshot, diff

from .conftest import Invoke
from .test_git import Repo

BEFORE = """\
organisatie: Gemeente Proef
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - {id: "1.1", actie: Scan, wanneer: Q1 24}
      - {id: "1.2", actie: Sessie, wanneer: Q2 24}
      - {id: "1.3", actie: Al vervallen, wanneer: Q2 24, status: vervallen}
      - {id: "1.4", actie: Geschrapt, wanneer: 2024-03-01}
      - {id: "1.5", actie: Vervalt nu, wanneer: Q3 24}
"""
AFTER = """\
organisatie: Gemeente Proef
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - {id: "1.6", actie: Nieuw bovenaan, wanneer: Q4 24}
      - {id: "1.1", actie: Scan, wanneer: Q1 24, status: gereed}
      - {id: "1.2", actie: Sessie, wanneer: Q3 24}
      - {id: "1.3", actie: Al vervallen, wanneer: Q2 24, status: vervallen}
      - {id: "1.5", actie: Vervalt nu, wanneer: Q3 24, status: vervallen}
"""


def _checklist(norms: str) -> Checklist:
    text = (
        "norm: {naam: Limburgse Norm}\nthemas:\n  - nr: 4\n    titel: Informatie\n"
        f"    normen:\n{norms}"
    )
    return parse_checklist(text, "checklist.yaml").require()


def _plan(text: str) -> Plan:
    return parse_plan(text, "spoorboekje.yaml").require()


WHEN = datetime(2024, 2, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
RIB_1 = Version("rib-1", Commit("a" * 40, WHEN, "Anna", "Spoorboekje vastgesteld"))


def test_what_changed_between_two_points() -> None:
    """Completed, added (also when listed first), lapsed next to removed, and moved by
    how many days; the labels and dates of both points."""
    report = diff(Snapshot(RIB_1, _plan(BEFORE), None), Snapshot(WORKING_TREE, _plan(AFTER), None))
    assert [a.id for a in report.completed] == ["1.1"]
    assert [a.id for a in report.added] == ["1.6"]
    # 1.3 lapsed before the first point: not again; 1.4 is gone from the plan.
    assert [a.id for a in report.dropped] == ["1.5", "1.4"]
    # Q2 24 ends 30 June, Q3 24 ends 30 September.
    assert [(m.action.id, m.old_wanneer, m.days) for m in report.moved] == [("1.2", "Q2 24", 92)]
    assert (report.organisatie, report.old_label, report.new_label) == (
        "Gemeente Proef", "rib-1", "werkkopie"
    )  # fmt: skip
    assert (report.old_when, report.new_when) == (WHEN, None)
    assert report.answers == ()


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        # No checklist at the first point: every answer now is a change.
        (
            None,
            '      - {nr: "4.1", titel: Positie, antwoord: uitgevoerd}\n'
            '      - {nr: "4.2", titel: Meldpunt}\n',
            [("4.1", None, Answer.UITGEVOERD)],
        ),
        # A norm added since: its answer is new.
        (
            '      - {nr: "4.1", titel: Positie, antwoord: ontbreekt}\n',
            '      - {nr: "4.1", titel: Positie, antwoord: uitgevoerd}\n'
            '      - {nr: "4.3", titel: Nieuw, antwoord: in_ontwikkeling}\n',
            [("4.1", Answer.ONTBREEKT, Answer.UITGEVOERD), ("4.3", None, Answer.IN_ONTWIKKELING)],
        ),
    ],
)
def test_answers_that_changed(
    old: str | None, new: str, changes: list[tuple[str, Answer | None, Answer | None]]
) -> None:
    """Each norm whose answer differs, with the answer before (None: none yet)."""
    plan = _plan(BEFORE)
    report = diff(
        Snapshot(RIB_1, plan, None if old is None else _checklist(old)),
        Snapshot(WORKING_TREE, plan, _checklist(new)),
    )
    assert [(a.nr, a.old, a.new) for a in report.answers] == changes


@pytest.mark.parametrize(
    ("broken", "why"),
    [
        ((), "spoorboekje.yaml ontbreekt"),
        (
            ("spoorboekje.yaml@aaaaaaa", "checklist.yaml@aaaaaaa"),
            "spoorboekje.yaml@aaaaaaa, checklist.yaml@aaaaaaa",
        ),
    ],
)
def test_a_point_without_a_readable_plan(broken: tuple[str, ...], why: str) -> None:
    """The message names the point and why its plan cannot be read, and what to do."""
    with pytest.raises(DataError) as caught:
        diff(Snapshot(RIB_1, None, None, broken), Snapshot(WORKING_TREE, _plan(AFTER), None))
    assert caught.value.message == (
        f"het spoorboekje in rib-1 kan niet gelezen worden ({why}); "
        "kies een ander punt in de geschiedenis"
    )


def test_diff_to_the_working_tree_is_dated_by_the_as_of_date(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The files as they are now have no commit date: `diff` dates them by --as-of, in
    the table's heading and in JSON; between two commits, each has its own date."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.git("tag", "rib-1")
    repo.replace("spoorboekje.yaml", "wanneer: 4-3-24\n", "wanneer: 11-3-24\n")
    table = invoke(["diff", "rib-1", "--as-of", "2024-07-01", "--data", str(repo.data)])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0] == (
        "Gemeente Eijsden-Margraten · wijzigingen van rib-1 (1 feb 2024) tot werkkopie (1 jul 2024)"
    )
    data = json.loads(
        invoke(["diff", "rib-1", "--as-of", "2024-07-01", "--format", "json",
                "--data", str(repo.data)]).stdout
    )  # fmt: skip
    assert (data["van_datum"], data["tot_datum"]) == (
        "2024-02-01T10:00:00+01:00", "2024-07-01T00:00:00"
    )  # fmt: skip
    repo.commit("Verschoven", "2024-03-01T09:30:00")
    commits = json.loads(
        invoke(["diff", "rib-1", "HEAD", "--as-of", "2024-07-01", "--format", "json",
                "--data", str(repo.data)]).stdout
    )  # fmt: skip
    assert commits["tot_datum"] == "2024-03-01T09:30:00+01:00"
