"""Records compare by value: answer totals by field name, records and versions without
their places."""

from __future__ import annotations

from pathlib import Path

import pytest

from limnorm.core import models
from limnorm.core.errors import Location
from limnorm.core.models import Action, Theme, normalise_answer
from limnorm.core.period import Period, PeriodKind
from limnorm.core.records import PLACE_FIELDS, content, same_content
from limnorm.files.discovery import WORKING_TREE, DataSource, Version
from limnorm.files.git import log, toplevel
from limnorm.files.loader import PLAN_FILE, load_plan
from limnorm.queries import history
from limnorm.queries.plan import AnswerCounts

from .conftest import SAMPLE
from .test_git import Repo


@pytest.mark.parametrize(
    ("counts", "total", "answered", "applicable", "meets"),
    [
        (AnswerCounts(), 0, 0, 0, False),
        (AnswerCounts(uitgevoerd=2), 2, 2, 2, True),
        (AnswerCounts(uitgevoerd=2, nvt=1), 3, 3, 2, True),
        (AnswerCounts(nvt=3), 3, 3, 0, False),  # all n.v.t.: nothing to meet
        (AnswerCounts(uitgevoerd=1, onbeantwoord=1), 2, 1, 2, False),
        (AnswerCounts(1, 2, 3, 4, 5), 15, 10, 11, False),
    ],
)
def test_answer_totals(
    counts: AnswerCounts, total: int, answered: int, applicable: int, meets: bool
) -> None:
    """Totals come from the named fields (n.v.t. counts as answered, not as applicable)."""
    assert (counts.total, counts.answered, counts.applicable) == (total, answered, applicable)
    assert counts.meets_norm is meets


def test_content_leaves_out_places_only() -> None:
    """The same plan read under another name is the same content; another value is not."""
    plan = load_plan(SAMPLE / PLAN_FILE, "spoorboekje.yaml").require()
    elsewhere = load_plan(SAMPLE / PLAN_FILE, "spoorboekje.yaml@abc1234").require()
    assert plan == elsewhere  # records compare by value, not by where they were read
    assert same_content(plan, elsewhere)
    theme = plan.themas[0]
    moved = theme._replace(acties=(theme.acties[0]._replace(wanneer="Q4 24"), *theme.acties[1:]))
    assert not same_content(plan, plan._replace(themas=(moved, *plan.themas[1:])))
    assert content(Location("a", 1, 1)) == content(Location("b", 2, 2))


def test_history_compares_the_working_tree_by_content(tmp_path: Path) -> None:
    """A working tree equal to the last commit does not differ from it (it always did:
    the file names differ); a changed one does."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    source, top = DataSource(repo.data), toplevel(repo.data)
    [commit] = log(top, [repo.data / PLAN_FILE])
    committed = history.snapshot(source, tmp_path, Version(commit.short, commit, top))
    current = history.snapshot(source, tmp_path, WORKING_TREE)
    assert committed.plan is not None
    assert current.plan is not None
    assert not history._differs(committed, current)
    repo.replace(PLAN_FILE, "wanneer: apr 24", "wanneer: mei 24")
    assert history._differs(committed, history.snapshot(source, tmp_path, WORKING_TREE))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("uitgevoerd", "uitgevoerd"), (" In ontwikkeling ", "in_ontwikkeling"),
     ("in-ontwikkeling", "in_ontwikkeling"), ("n.v.t.", "nvt"), ("NVT", "nvt"),
     ("Ontbreekt", "ontbreekt"), ("weet niet", "weet_niet")],
)  # fmt: skip
def test_answers_are_normalised_in_one_place(typed: str, expected: str) -> None:
    """The checklist reader and 'limnorm answer' read an answer the same way."""
    assert normalise_answer(typed) == expected


def _action(**changes: object) -> Action:
    base = Action("1.1", 1, "Sessie", "Q3 24", Period(None, None, PeriodKind.ONBEKEND), ("OOV",))
    return base._replace(**changes)


@pytest.mark.parametrize(
    ("first", "second", "equal"),
    [
        (_action(), _action(location=Location("a.yaml", 3, 5)), True),
        (_action(location=Location("a.yaml", 3, 5)), _action(location=Location("b", 9, 1)), True),
        (_action(where={"id": Location("a", 1, 1)}), _action(), True),
        (_action(), _action(wanneer="Q4 24"), False),
        (_action(), _action(actiehouders=("OOV", "HRM")), False),
        (_action(extra={"budget": 100}), _action(extra={"budget": 200}), False),
    ],
)
def test_actions_compare_by_value_not_by_place(first: Action, second: Action, equal: bool) -> None:
    """An action equals the same action read elsewhere, and differs in any value."""
    assert (first == second) is equal
    assert (first != second) is not equal
    assert (Theme(1, "T", (first,)) == Theme(1, "T", (second,))) is equal  # nested too


def test_equal_records_hash_alike() -> None:
    """Equal records (here themes read at two places) have one hash, so sets and dict keys
    agree with ==."""
    here = Theme(1, "T", (), location=Location("a.yaml", 1, 1))
    there = Theme(1, "T", (), location=Location("b.yaml", 7, 3))
    assert here == there
    assert hash(here) == hash(there)
    assert len({here, there}) == 1
    assert here != Theme(2, "T", ())


def test_every_record_that_carries_places_compares_by_value() -> None:
    """A record with a place field (location, where, source) added to the models compares
    by value; a finding is about its place and keeps it in ==."""
    carrying = {
        record
        for record in vars(models).values()
        if isinstance(record, type) and issubclass(record, tuple) and hasattr(record, "_fields")
        and PLACE_FIELDS & set(record._fields)
    }  # fmt: skip
    by_value = {record for record in carrying if record.__eq__ is not tuple.__eq__}
    assert carrying - by_value == {models.Finding}
    assert len(by_value) >= 6
