"""done, set and answer from the command line: messages, exit codes, files untouched on refusal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import SAMPLE, Invoke, strip_lines


@pytest.fixture(name="data")
def _data(tmp_path: Path) -> Path:
    """A writable copy of the sample in a folder called data."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return target


def test_done(invoke: Invoke, data: Path) -> None:
    """done marks the action gereed on the given day and reports each changed value."""
    result = invoke(["done", "1.1", "--op", "4-3-24", "--as-of", "2024-04-01", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == (
        "data/spoorboekje.yaml · actie 1.1 bijgewerkt:\n"
        "  status: (leeg) → gereed\n"
        "  gereed_op: (leeg) → 2024-03-04"
    )
    text = (data / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert (
        "        actiehouder: OOV\n        status: gereed\n        gereed_op: 2024-03-04\n" in text
    )
    again = invoke(
        ["done", "1.1", "--op", "2024-03-04", "--as-of", "2024-04-01", "--data", str(data)]
    )
    assert (
        again.stdout.strip()
        == "data/spoorboekje.yaml · actie 1.1: had deze waarden al; niets gewijzigd."
    )


def test_done_defaults_to_the_as_of_date(invoke: Invoke, data: Path) -> None:
    """Without --op the completion day is the as-of date (today by default)."""
    result = invoke(
        ["done", "0.2", "--as-of", "2024-06-28", "--data", str(data), "--format", "json"]
    )
    assert json.loads(result.stdout)["wijzigingen"][1] == {
        "veld": "gereed_op", "was": None, "nu": "2024-06-28",
    }  # fmt: skip


def test_set_and_answer(invoke: Invoke, data: Path) -> None:
    """set changes one field; answer fills the checklist; status then shows it."""
    assert invoke(["set", "4.1", "wanneer", "Q4 24", "--data", str(data)]).exit_code == 0
    assert invoke(["set", "2.1", "actiehouder", "hrm,oov", "--data", str(data)]).exit_code == 0
    result = invoke(
        [
            "answer",
            "4.1",
            "in ontwikkeling",
            "--toelichting",
            "Protocol in concept",
            "--data",
            str(data),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "antwoord: (leeg) → in_ontwikkeling" in result.stdout
    status = json.loads(
        invoke(["status", "--as-of", "2024-10-01", "--format", "json", "--data", str(data)]).stdout
    )
    assert status["themas"][4]["normen"]["in_ontwikkeling"] == 1
    due = json.loads(
        invoke(
            ["due", "-a", "OOV", "--as-of", "2024-12-01", "--format", "json", "--data", str(data)]
        ).stdout
    )
    assert ["2.1" in [i["id"] for i in due]] == [True]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "1.1", "wanneer", "Q5 24"], "limnorm: fout: wanneer: 'Q5 24': Q5 bestaat niet"),
        (["set", "1.1", "actiehouder", "XYZ"], "limnorm: fout: actiehouder 'XYZ' komt niet voor"),
        (["set", "1.9", "status", "gereed"], "limnorm: fout: actie '1.9' staat niet in"),
        (["done", "1.1", "--op", "Q3 24"], "limnorm: fout: --op 'Q3 24' is geen dag"),
        (["answer", "4.1", "nvt"], "limnorm: fout: antwoord 'nvt' vraagt een toelichting"),
        (["answer", "4.1", "ja"], "limnorm: fout: onbekend antwoord 'ja'"),
    ],
)
def test_refusals_exit_2_and_change_nothing(
    invoke: Invoke, data: Path, args: list[str], message: str
) -> None:
    """Refused edits explain why on stderr, exit 2, and leave both files byte for byte."""
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = invoke([*args, "--data", str(data)])
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_the_sample_is_never_edited(invoke: Invoke) -> None:
    """Without data of its own, an edit refuses to touch the built-in sample."""
    before = (SAMPLE / "spoorboekje.yaml").read_bytes()
    result = invoke(["done", "1.1", "--as-of", "2024-04-01"])
    assert result.exit_code == 2
    assert "de voorbeeldgegevens worden niet gewijzigd" in result.stderr
    assert (SAMPLE / "spoorboekje.yaml").read_bytes() == before
