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
        (["set", "1.1", "actiehouder", " "], "limnorm: fout: geef minstens één actiehouder"),
        (["set", "1.1", "mijlpaal", "soms"], "limnorm: fout: mijlpaal 'soms': schrijf true of"),
        (["set", "1.9", "status", "gereed"], "limnorm: fout: actie '1.9' staat niet in"),
        (["done", "1.1", "--op", "Q3 24"], "limnorm: fout: --op 'Q3 24' is geen dag"),
        (
            ["done", "1.1", "--op", "morgen"],
            "limnorm: fout: --op 'morgen' is geen dag; schrijf bijvoorbeeld 15-3-2026 of "
            "2026-03-15 (zonder --op: de peildatum)\n",
        ),
        (
            ["set", "1.1", "wanneer", "Q3", "2026"],
            "limnorm: fout: te veel argumenten: 2026. Zet de tekst tussen aanhalingstekens: "
            'limnorm set 1.1 wanneer "Q3 2026"\n',
        ),
        # The days as the tables write them, not 2024-04-02.
        (
            ["done", "1.1", "--op", "2-4-24", "--as-of", "2024-04-01"],
            "limnorm: fout: --op: 2 apr 2024 ligt na de peildatum 1 apr 2024; een actie kan "
            "niet in de toekomst gereed zijn\n",
        ),
        (["answer", "4.1", "nvt"], "limnorm: fout: antwoord 'nvt' vraagt een toelichting"),
        (["answer", "4.1", "ja"], "limnorm: fout: onbekend antwoord 'ja'"),
    ],
)
def test_refusals_exit_2_and_change_nothing(
    invoke: Invoke, data: Path, args: list[str], message: str
) -> None:
    """Refused edits explain why on stderr, exit 2, and leave both files byte for byte;
    a day for --op gets day examples only (not 'Q3 24' or 'doorlopend'), and a value the
    shell split gets the quoting that makes it one."""
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


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("voortgang", "60", "        voortgang: 60\n"),
        ("voortgang", "75%", "        voortgang: 75\n"),
        ("mijlpaal", "ja", "        mijlpaal: true\n"),
        ("mijlpaal", "false", "        mijlpaal: false\n"),
    ],
)
def test_set_writes_numbers_and_yes_no_as_yaml_values(
    invoke: Invoke, data: Path, field: str, value: str, line: str
) -> None:
    """voortgang is written as a number (like 'voortgang: 40') and mijlpaal as true/false,
    never as quoted text the loader would refuse."""
    result = invoke(["set", "1.2", field, value, "--data", str(data)])
    assert result.exit_code == 0, result.output
    text = (data / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert f'        actiehouder: OOV\n{line}      - id: "1.3"' in text
    check = invoke(["check", "--data", str(data)])
    assert (check.exit_code, check.stdout.strip()) == (
        0,
        "Geen problemen gevonden in data/spoorboekje.yaml, data/checklist.yaml.",
    ), check.output


OWNER_WARNING = (
    "limnorm: data/spoorboekje.yaml:45:22: waarschuwing: actie 1.3: actiehouder '{}' staat "
    "niet onder 'actiehouders'{}; bekend: OOV, HRM, F&I. Een team of partner mag; anders: "
    "voeg de code toe of verbeter de spelling\n"
)


@pytest.mark.parametrize(
    ("value", "written", "stderr"),
    [
        ("HRM/F&I", "HRM/F&I", ""),
        ("OOV en HRM", "OOV en HRM", ""),
        ("oov,hrm", "[OOV, HRM]", ""),
        ("Openbare Orde en Veiligheid", "OOV", ""),
        ("OOV/JZ", "OOV/JZ", OWNER_WARNING.format("OOV/JZ", " (bedoelt u 'OOV'?)")),
        ("team handhaving", "team handhaving", OWNER_WARNING.format("team handhaving", "")),
    ],
)
def test_set_owner_accepts_what_the_plan_accepts(
    invoke: Invoke, data: Path, value: str, written: str, stderr: str
) -> None:
    """set actiehouder takes compound owners and free text as the plan format does; free
    text gets the warning check gives, on stderr, and the edit is made (exit 0)."""
    result = invoke(["set", "1.3", "actiehouder", value, "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert result.stderr == stderr
    text = (data / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert f"        actiehouder: {written}\n        toelichting: In samenspraak" in text


def test_set_corrects_the_day_an_action_was_done(invoke: Invoke, data: Path) -> None:
    """set gereed_op (listed with the other fields) corrects the completion day of an action
    done on another day; the day is read as done --op reads it."""
    done = ["done", "1.1", "--op", "4-3-24", "--as-of", "2024-04-01", "--data", str(data)]
    assert invoke(done).exit_code == 0
    result = invoke(["set", "1.1", "gereed_op", "5-3-24", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == (
        "data/spoorboekje.yaml · actie 1.1 bijgewerkt:\n  gereed_op: 2024-03-04 → 2024-03-05"
    )
    assert "        gereed_op: 2024-03-05\n" in (data / "spoorboekje.yaml").read_text("utf-8")
