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
from typing import Any

import pytest

from limnorm.core.errors import DataError
from limnorm.core.models import Answer, Checklist, Plan
from limnorm.files.checklist import parse_checklist
from limnorm.files.discovery import WORKING_TREE, Version
from limnorm.files.git import Commit
from limnorm.files.loader import parse_plan
from limnorm.files.planversions import Blob
from limnorm.queries.history import Snapshot, _remembered, diff

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


def _history(invoke: Invoke, repo: Repo) -> dict[str, Any]:
    result = invoke(
        ["history", "--as-of", "2024-07-01", "--format", "json", "--data", str(repo.data)]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _events(data: dict[str, Any]) -> list[tuple[object, ...]]:
    return [
        (e["datum"], e["auteur"], e["id"], e["soort"], e["van"], e["naar"], e["dagen"])
        for e in data["wijzigingen"]
    ]


NORM_1_1 = "Structureel aandacht voor de aanpak van georganiseerde criminaliteit"
NORM_4_1 = "Interne informatiepositie op ondermijning zichtbaar en rechtmatig gebruikt"


def test_history_of_new_actions_undated_deadlines_and_uncommitted_answers(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A new action listed before changed ones (their changes still count), a deadline
    set where there was none (no days moved), two actions done in one month (one dated
    by its commit), and both files changed but not committed: the working tree's changes,
    a norm answered only there (its 0-meting is that answer, without a date) and a norm
    whose answer was cleared (still listed, now without one)."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.replace(
        "spoorboekje.yaml",
        '      - id: "1.1"\n',
        '      - id: "1.0"\n        actie: Startbijeenkomst\n        wanneer: n.t.b.\n'
        '        actiehouder: OOV\n      - id: "1.1"\n',
    )
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: 4-3-24\n        actiehouder: OOV\n",
        "wanneer: 4-3-24\n        actiehouder: OOV\n        status: gereed\n"
        "        gereed_op: 2024-03-04\n",
    )
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: 2-4-24\n        actiehouder: OOV\n",
        "wanneer: 2-4-24\n        actiehouder: OOV\n        status: gereed\n",
    )
    repo.replace(
        "checklist.yaml",
        "georganiseerde criminaliteit\n        antwoord:\n",
        "georganiseerde criminaliteit\n        antwoord: ontbreekt\n",
    )
    repo.commit("Voortgang maart", "2024-03-15T10:00:00", author="Bert")
    repo.replace("spoorboekje.yaml", "wanneer: n.t.b.\n", "wanneer: 1-5-24\n")
    repo.commit("Datum gepland", "2024-04-10T10:00:00")
    # Not committed: both files.
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: Q4 24\n        actiehouder: OOV\n        toelichting: In samenspraak",
        "wanneer: Q4 24\n        actiehouder: OOV\n        status: lopend\n"
        "        toelichting: In samenspraak",
    )
    repo.replace("checklist.yaml", "antwoord: ontbreekt\n", "antwoord:\n")
    repo.replace(
        "checklist.yaml",
        "rechtmatig gebruikt\n        antwoord:\n",
        "rechtmatig gebruikt\n        antwoord: uitgevoerd\n",
    )
    data = _history(invoke, repo)
    march, april = "2024-03-15T10:00:00+01:00", "2024-04-10T10:00:00+01:00"
    assert _events(data) == [
        (march, "Bert", "1.0", "nieuw", None, "Startbijeenkomst", None),
        (march, "Bert", "1.1", "status", "open", "gereed", None),
        (march, "Bert", "1.2", "status", "open", "gereed", None),
        (april, "Anna", "1.0", "wanneer", "n.t.b.", "1-5-24", None),
        (None, "", "1.3", "status", "open", "lopend", None),
    ]
    assert [e["commit"] for e in data["wijzigingen"]][-1] == "werkkopie"
    # 1.1 by its gereed_op, 1.2 by the month of its commit: both March.
    assert data["gereed_per_maand"] == [{"maand": "2024-03", "aantal": 2}]
    assert data["antwoorden"] == [
        {"nr": "1.1", "titel": NORM_1_1, "nulmeting": "ontbreekt", "nulmeting_datum": march,
         "nu": None},
        {"nr": "4.1", "titel": NORM_4_1, "nulmeting": "uitgevoerd", "nulmeting_datum": None,
         "nu": "uitgevoerd"},
    ]  # fmt: skip
    assert data["commits"] == 3


def test_history_with_a_checklist_not_yet_committed(invoke: Invoke, tmp_path: Path) -> None:
    """Only the plan is in git; the checklist next to it is new: its answers are the
    working tree's (no crash over a file the commits do not have)."""
    repo = Repo(tmp_path / "repo")
    checklist = (repo.data / "checklist.yaml").read_text(encoding="utf-8")
    (repo.data / "checklist.yaml").unlink()
    repo.commit("Alleen het spoorboekje", "2024-02-01T10:00:00")
    (repo.data / "checklist.yaml").write_text(
        checklist.replace(
            "rechtmatig gebruikt\n        antwoord:\n",
            "rechtmatig gebruikt\n        antwoord: in_ontwikkeling\n",
        ),
        encoding="utf-8",
    )
    since = json.loads(
        invoke(["diff", "HEAD", "--format", "json", "--data", str(repo.data)]).stdout
    )
    assert since["antwoorden"] == [
        {"nr": "4.1", "titel": NORM_4_1, "was": None, "nu": "in_ontwikkeling"}
    ]
    data = _history(invoke, repo)
    assert _events(data) == []
    assert data["antwoorden"] == [
        {"nr": "4.1", "titel": NORM_4_1, "nulmeting": "in_ontwikkeling",
         "nulmeting_datum": None, "nu": "in_ontwikkeling"},
    ]  # fmt: skip
    assert data["commits"] == 1
    # A file the commit does not have is not a file it could not read.
    assert data["overgeslagen"] == []


def test_a_commit_with_a_checklist_in_error_is_named_and_its_answers_unused(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A checklist with a fout at a commit is named as skipped (name@commit), and its
    answers do not become anyone's 0-meting; the next good version's do."""
    repo = Repo(tmp_path / "repo")
    repo.replace(
        "checklist.yaml",
        "rechtmatig gebruikt\n        antwoord:\n",
        "rechtmatig gebruikt\n        antwoord: misschien\n",
    )
    repo.replace(
        "checklist.yaml",
        "georganiseerde criminaliteit\n        antwoord:\n",
        "georganiseerde criminaliteit\n        antwoord: ontbreekt\n",
    )
    repo.commit("Met een fout", "2024-02-01T10:00:00")
    broken = repo.git("rev-parse", "--short=7", "HEAD").strip()
    repo.replace("checklist.yaml", "antwoord: misschien\n", "antwoord: uitgevoerd\n")
    repo.commit("Verbeterd", "2024-03-01T10:00:00")
    data = _history(invoke, repo)
    assert data["overgeslagen"] == [f"repo/data/checklist.yaml@{broken}"]
    assert [(a["nr"], a["nulmeting"], a["nulmeting_datum"]) for a in data["antwoorden"]] == [
        ("1.1", "ontbreekt", "2024-03-01T10:00:00+01:00"),
        ("4.1", "uitgevoerd", "2024-03-01T10:00:00+01:00"),
    ]


def test_remembered_states_are_bounded() -> None:
    """At most 256 states are kept: a new blob pushes out the oldest, so memory stays flat
    over a long history; a blob seen is not made again."""
    known: dict[str, str | None] = {f"blob{i}": f"state{i}" for i in range(256)}
    made = _remembered(known, Blob("new", b"x"), lambda: "new state")
    assert made == "new state"
    assert len(known) == 256
    assert "blob0" not in known
    assert next(iter(known)) == "blob1"
    assert _remembered(known, Blob("blob5", b""), lambda: "made again") == "state5"


def test_history_before_the_first_commit(invoke: Invoke, tmp_path: Path) -> None:
    """A repository whose data is not committed yet: the working tree is the only
    version, with nothing changed and nothing skipped."""
    repo = Repo(tmp_path / "repo")
    data = _history(invoke, repo)
    assert (data["commits"], data["wijzigingen"], data["overgeslagen"]) == (0, [], [])
    assert data["organisatie"] == "Gemeente Eijsden-Margraten"


def test_history_of_a_removed_action(invoke: Invoke, tmp_path: Path) -> None:
    """'history 1.5' after 1.5 was removed: its events, not "komt niet voor"."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.replace(
        "spoorboekje.yaml",
        '      - id: "1.5"\n        actie: Samenwerking met relevante partners\n'
        "        wanneer: Q3 24\n        actiehouder: OOV\n"
        "        toelichting: O.a. woningcorporaties en ondernemers\n",
        "",
    )
    repo.commit("Geschrapt", "2024-03-01T10:00:00")
    result = invoke(
        ["history", "1.5", "--as-of", "2024-07-01", "--format", "json", "--data", str(repo.data)]
    )
    assert result.exit_code == 0, result.output
    assert _events(json.loads(result.stdout)) == [
        ("2024-03-01T10:00:00+01:00", "Anna", "1.5", "verwijderd",
         "Samenwerking met relevante partners", None, None),
    ]  # fmt: skip


def test_the_working_tree_with_a_fout_and_a_broken_checklist(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Not committed: a plan with a fout in one action is still read (its change is an
    event, the file is not skipped); a checklist with a fout is named as skipped and its
    answers are not used."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.replace("spoorboekje.yaml", "wanneer: 2-4-24\n", "wanneer: Q5 24\n")
    repo.replace(
        "checklist.yaml",
        "rechtmatig gebruikt\n        antwoord:\n",
        "rechtmatig gebruikt\n        antwoord: misschien\n",
    )
    data = _history(invoke, repo)
    assert _events(data) == [(None, "", "1.2", "wanneer", "2-4-24", "Q5 24", None)]
    assert data["overgeslagen"] == ["repo/data/checklist.yaml"]
    assert data["antwoorden"] == []


def test_uncommitted_changes_of_the_same_size_in_both_files(invoke: Invoke, tmp_path: Path) -> None:
    """Both files changed but not committed, neither grown: still the working tree's
    changes (a deadline moved, an answer changed), not taken for the last commit."""
    repo = Repo(tmp_path / "repo")
    repo.replace(
        "checklist.yaml",
        "georganiseerde criminaliteit\n        antwoord:\n",
        "georganiseerde criminaliteit\n        antwoord: uitgevoerd\n",
    )
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: Q4 24\n        actiehouder: OOV\n        toelichting: In samenspraak",
        "wanneer: Q1 25\n        actiehouder: OOV\n        toelichting: In samenspraak",
    )
    repo.replace("checklist.yaml", "antwoord: uitgevoerd\n", "antwoord: ontbreekt\n")
    data = _history(invoke, repo)
    # Q4 24 ends 31 December 2024, Q1 25 on 31 March 2025.
    assert _events(data) == [(None, "", "1.3", "wanneer", "Q4 24", "Q1 25", 90)]
    assert data["antwoorden"] == [
        {"nr": "1.1", "titel": NORM_1_1, "nulmeting": "uitgevoerd",
         "nulmeting_datum": "2024-02-01T10:00:00+01:00", "nu": "ontbreekt"},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("damage", "skipped"),
    [("unusable", ["repo/data/spoorboekje.yaml"]), ("deleted", [])],
)
def test_history_when_the_working_tree_plan_is_unusable_or_gone(
    invoke: Invoke, tmp_path: Path, damage: str, skipped: list[str]
) -> None:
    """The committed history is still shown when the plan in the working tree cannot be
    used (named as skipped) or was deleted (nothing to name); no traceback."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    plan = repo.data / "spoorboekje.yaml"
    if damage == "deleted":
        plan.unlink()
    else:  # a tab in the indentation: the file cannot be read at all (fataal)
        repo.replace(
            "spoorboekje.yaml",
            "wanneer: 4-3-24\n        actiehouder",
            "wanneer: 4-3-24\n\tactiehouder",
        )
    data = _history(invoke, repo)
    assert (data["overgeslagen"], data["wijzigingen"]) == (skipped, [])
    assert (data["organisatie"], data["commits"]) == ("Gemeente Eijsden-Margraten", 1)


def test_history_without_a_usable_plan_in_any_version(invoke: Invoke, tmp_path: Path) -> None:
    """The only commit's plan cannot be used (and the working tree is the same): the
    commit is named as skipped, with no organisation, events or months; no traceback."""
    repo = Repo(tmp_path / "repo")
    repo.replace(
        "spoorboekje.yaml", "wanneer: 4-3-24\n        actiehouder", "wanneer: 4-3-24\n\tactiehouder"
    )
    repo.commit("Met een tab", "2024-02-01T10:00:00")
    short = repo.git("rev-parse", "--short=7", "HEAD").strip()
    data = _history(invoke, repo)
    assert data["overgeslagen"] == [f"repo/data/spoorboekje.yaml@{short}"]
    assert (data["organisatie"], data["wijzigingen"], data["gereed_per_maand"]) == ("", [], [])
