"""history reads a commit that only moved deadlines without parsing the plan again; what it
gives must be what parsing gives, for any value and any other change."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limnorm.files.discovery import DataSource
from limnorm.files.planversions import PlanReader
from limnorm.queries import history as past

from .conftest import SAMPLE

PLAN = (SAMPLE / "spoorboekje.yaml").read_text(encoding="utf-8")
CHECKLIST = (SAMPLE / "checklist.yaml").read_text(encoding="utf-8")
#: The line of action 1.3 ("Q4 24") and of 6.1 ("apr 24") in the sample.
LINE_13 = "        wanneer: Q4 24\n        actiehouder: OOV\n        toelichting: In samenspraak met directie"
LINE_61 = "        wanneer: apr 24\n"


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def _repo(folder: Path, plans: list[str]) -> Path:
    """A repository with one commit per plan text (the checklist in the first); data/."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    stream = bytearray()
    for n, plan in enumerate(plans):
        stream += b"commit refs/heads/main\n"
        stream += b"committer Anna <a@example.invalid> %d +0100\n" % (1_700_000_000 + n * 86400)
        stream += _data(f"Wijziging {n}")
        stream += b"M 100644 inline data/spoorboekje.yaml\n" + _data(plan)
        if n == 0:
            stream += b"M 100644 inline data/checklist.yaml\n" + _data(CHECKLIST)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=bytes(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=folder, check=True)
    return folder / "data"


def _both(data: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The history read with the quick path and with every plan parsed in full."""
    source = DataSource(data)
    quick = past.history(source, data, date(2024, 7, 1))
    with monkeypatch.context() as patch:
        patch.setattr(PlanReader, "_deadlines_moved", lambda *_: None)
        full = past.history(source, data, date(2024, 7, 1))
    return quick, full


def _moved(wanneer_13: str, wanneer_61: str = "apr 24", plan: str = PLAN) -> str:
    text = plan.replace(LINE_13, LINE_13.replace("Q4 24", wanneer_13, 1))
    return text.replace(LINE_61, f"        wanneer: {wanneer_61}\n")


DUPLICATE = PLAN.replace('- id: "1.4"', '- id: "1.3"')
EDITS = [
    pytest.param([_moved("Q1 25"), _moved("Q2 25", "mei 24")], id="plain moves"),
    pytest.param([_moved("Q1 25"), _moved('"Q2 25"')], id="quoted"),
    pytest.param([_moved("Q1 25"), _moved("Q2 25 # uitgesteld")], id="comment"),
    pytest.param([_moved("Q1 25"), _moved("Q2 25   ")], id="trailing spaces"),
    pytest.param([_moved("Q1 25"), _moved("Q2\n          25")], id="two lines"),
    pytest.param([_moved("Q1 25"), _moved("[Q2 25]")], id="a list"),
    pytest.param([_moved("Q1 25"), _moved("1 juli")], id="no year"),
    pytest.param([_moved("1 juli"), _moved("1 juli", plan="jaar: 2026\n" + PLAN)], id="jaar"),
    pytest.param([_moved("Q1 25"), _moved("2024"), _moved("no"), _moved("null")], id="types"),
    pytest.param([_moved("Q1 25"), _moved("Q5 25"), _moved("Q1 26")], id="unreadable"),
    pytest.param(
        [PLAN, PLAN.replace("status", "staat"), _moved("Q2 25", plan=PLAN + "# eind\n")],
        id="other lines",
    ),
    pytest.param([PLAN, DUPLICATE, _moved("Q2 25", plan=DUPLICATE)], id="duplicate id"),
]


@pytest.mark.parametrize("plans", EDITS)
def test_quick_reading_gives_what_parsing_gives(
    plans: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Table: moves the quick path takes and changes it must leave to the parser."""
    quick, full = _both(_repo(tmp_path / "repo", [PLAN, *plans]), monkeypatch)
    assert quick == full


_VALUES = st.text(
    st.sampled_from(list("Qq1234 5-/.,:#'\"[]{}&*!|>%@`~?\\\tabcjulimei()+é\n")), max_size=12
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_VALUES, min_size=1, max_size=4))
def test_any_value_reads_as_parsing_reads_it(
    values: list[str], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever is written as the new deadline (quotes, colons, comments, tabs, line
    breaks, nothing), history says what parsing every plan in full says."""
    data = _repo(tmp_path_factory.mktemp("repo"), [PLAN, *(_moved(v) for v in values)])
    quick, full = _both(data, monkeypatch)
    assert quick == full


def test_a_moved_deadline_is_read_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick path is taken for plain moves (else the tests above compare the parser
    with itself), and not for a quoted value; a plain move elsewhere in a plan read in full
    is quick again."""
    taken = []
    original = PlanReader._deadlines_moved

    def spy(self: PlanReader, *args: object) -> object:
        result = original(self, *args)  # type: ignore[arg-type]
        taken.append(result is not None)
        return result

    monkeypatch.setattr(PlanReader, "_deadlines_moved", spy)
    plans = [PLAN, _moved("Q1 25"), _moved('"Q2 25"'), _moved('"Q2 25"', "mei 24")]
    report = past.history(DataSource(_repo(tmp_path / "repo", plans)), tmp_path, date(2024, 7, 1))
    assert taken == [True, False, True]
    assert [(e.id, e.old, e.new, e.days) for e in report.events] == [
        ("1.3", "Q4 24", "Q1 25", 90),
        ("1.3", "Q1 25", "Q2 25", 91),
        ("6.1", "apr 24", "mei 24", 31),
    ]
