"""Records compare by value: answer totals by field name, versions without their places."""

from __future__ import annotations

from pathlib import Path

import pytest

from limnorm.core.errors import Location
from limnorm.core.models import normalise_answer
from limnorm.core.records import content, same_content
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
    assert plan != elsewhere  # tuples compare where they were read, too
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
