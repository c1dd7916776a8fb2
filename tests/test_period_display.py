"""What the deadline grammar reads besides the dates (issue 11 §2): a note, a postponement
written in the cell, the earlier deadline. Shown in JSON (one spelling, validated against
the schemas), in ``when``'s table, and where due, status thema N and the report show a
deadline."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke, strip_lines
from .test_json_contract import validator

#: A plan with each thing a cell may say next to its deadline; read on 1 june 2026.
PLAN = textwrap.dedent("""\
    organisatie: Gemeente Voorbeeld
    actiehouders:
      OOV: Openbare Orde en Veiligheid
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - id: "1.1"
            actie: Sessie met het college
            wanneer: Q2 2026 (onder voorbehoud)
            actiehouder: OOV
          - id: "1.2"
            actie: Weerbaarheidsscan
            wanneer: streven maart, uiterlijk 30 april 2026
            actiehouder: OOV
          - id: "1.3"
            actie: Integriteitsbeleid herzien
            wanneer: uitgesteld naar 2027
            actiehouder: OOV
          - id: "1.4"
            actie: Screening bij inhuur
            wanneer: verschoven naar Q1 2027
            actiehouder: OOV
          - id: "1.5"
            actie: Vastgoedbeleid
            wanneer: Q3 2026 (was Q3 25)
            actiehouder: OOV
          - id: "1.6"
            actie: Bibob-beleid
            wanneer: Q2 2026
            oorspronkelijk: eind 2025
            actiehouder: OOV
          - id: "1.7"
            actie: Meldpunt
            wanneer: 1-7-2026
            actiehouder: OOV
    """)
AS_OF = ["--as-of", "2026-06-01"]


@pytest.fixture(name="plan")
def _plan(invoke: Invoke, tmp_path: Path) -> Path:
    """The plan next to the full checklist 'limnorm init' writes, in ./plan."""
    assert invoke(["init", "plan", "--organisatie", "Gemeente Voorbeeld"]).exit_code == 0
    (tmp_path / "plan" / "spoorboekje.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path / "plan"


def _json(invoke: Invoke, *args: str, code: int = 0) -> Any:
    result = invoke([*args, "--format", "json"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


#: id -> (notitie, uitgesteld, oorspronkelijk) as JSON gives them.
EXPECTED = {
    "1.1": ("onder voorbehoud", False, None),
    "1.2": ("streven maart", False, None),
    "1.3": (None, True, None),
    "1.4": (None, True, None),
    "1.5": (None, True, "Q3 25"),
    "1.6": (None, True, "eind 2025"),
    "1.7": (None, False, None),
}


def _period_keys(action: dict[str, Any]) -> tuple[Any, ...]:
    return action["notitie"], action["uitgesteld"], action["oorspronkelijk"]


def test_due_json_carries_note_and_postponement(invoke: Invoke, plan: Path) -> None:
    """due: every action's note, postponement and earlier deadline; valid by the schema."""
    data = _json(invoke, "due", *AS_OF, "--within", "24m", "--data", str(plan))
    validator("due").validate(data)
    assert {a["id"]: _period_keys(a) for a in data} == EXPECTED


def test_theme_json_carries_note_and_postponement(invoke: Invoke, plan: Path) -> None:
    """status thema N: the same keys for each action; valid by the schema."""
    data = _json(invoke, "status", "thema", "1", *AS_OF, "--data", str(plan))
    validator("thema").validate(data)
    assert {a["id"]: _period_keys(a) for a in data["thema"]["acties"]} == EXPECTED


def test_timeline_json_uses_the_same_keys(invoke: Invoke, plan: Path) -> None:
    """timeline writes actions with the same period keys as due (one home)."""
    data = _json(invoke, "timeline", *AS_OF, "--data", str(plan))
    assert {a["id"]: _period_keys(a) for a in data["acties"]} == EXPECTED


@pytest.mark.parametrize(
    ("wanneer", "expected"),
    [
        ("Q2 2026 (onder voorbehoud)",
         ("2026-04-01", "2026-06-30", "kwartaal", "onder voorbehoud", False, None, None)),
        ("streven maart, uiterlijk 30 april 2026",
         ("2026-04-30", "2026-04-30", "dag", "streven maart", False, None, None)),
        ("uitgesteld naar 2027",
         ("2027-01-01", "2027-12-31", "jaar", None, True, None, None)),
        ("verschoven naar Q1 2027",
         ("2027-01-01", "2027-03-31", "kwartaal", None, True, None, None)),
        ("Q1 2027 (was Q3 26)",
         ("2027-01-01", "2027-03-31", "kwartaal", None, True, "Q3 26", None)),
        ("afhankelijk van de raad",
         (None, None, "afhankelijk", "de raad", False, None, None)),
        ("Q3 24", ("2024-07-01", "2024-09-30", "kwartaal", None, False, None, None)),
        ("Q5 2026", (None, None, None, None, None, None, "Q5")),
    ],
)  # fmt: skip
def test_when_json(invoke: Invoke, wanneer: str, expected: tuple[Any, ...]) -> None:
    """when --format json: the period keys of an action, and ``fout``; valid by the schema.
    Nothing read: every period key null (uitgesteld too: not known)."""
    data = _json(invoke, "when", wanneer, code=1 if expected[-1] else 0)
    validator("when").validate(data)
    (reading,) = data
    keys = ("begin", "deadline", "soort", "notitie", "uitgesteld", "oorspronkelijk")
    assert reading["wanneer"] == wanneer
    assert tuple(reading[k] for k in keys) == expected[:-1]
    assert (reading["fout"] is None) == (expected[-1] is None)
    if expected[-1]:
        assert expected[-1] in reading["fout"]


def test_schemas_refuse_a_wrong_period(invoke: Invoke) -> None:
    """The when schema is not vacuous: a missing key or a wrong type fails it."""
    when = validator("when")
    (reading,) = _json(invoke, "when", "Q2 2026 (onder voorbehoud)")
    for broken in (
        {k: v for k, v in reading.items() if k != "notitie"},
        {**reading, "uitgesteld": "ja"},
        {**reading, "extra": 1},
    ):
        assert not when.is_valid([broken]), broken


def _run(invoke: Invoke, *args: str, width: int = 80) -> str:
    result = invoke([*args], env={"COLUMNS": str(width)})
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return strip_lines(result.stdout)
