"""The one stderr line of the other commands counts what ``check`` reports as fout.

Issue 11, "three levels of finding": every command but ``check`` runs on the rest of a
plan with a fout and says, in one line per file, how many fouten ``check`` has; a theme
the checklist does not have and a norm linking an unknown action are fouten too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import SAMPLE, Invoke

#: One fout of each kind: an unreadable wanneer, a duplicate id, a wrong type, an unknown
#: status, a duplicate key, and a theme (9) the checklist does not have.
PLAN = """\
organisatie: Proef
actiehouders:
  OOV: Openbare Orde en Veiligheid
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - id: "1.1"
        actie: Sessie
        wanneer: Q5 24
        actiehouder: OOV
      - id: "1.1"
        actie: Tweede sessie
        wanneer: Q3 24
        actiehouder: OOV
      - id: "1.2"
        actie: Training
        wanneer: Q4 24
        actiehouder: [[OOV]]
      - id: "1.3"
        actie: Verslag
        wanneer: Q4 24
        actiehouder: OOV
        status: klaar
      - id: "1.4"
        actie: Plan
        actie: Plan van aanpak
        wanneer: Q2 24
        actiehouder: OOV
  - nr: 9
    titel: Buiten de norm
    acties:
      - id: "9.1"
        actie: Iets
        wanneer: Q3 24
        actiehouder: OOV
"""


@pytest.fixture(name="folder")
def _folder(write_plan: Callable[[str], Path]) -> Path:
    """The plan above with the sample checklist, whose first norm links action 7.7 and
    the others none."""
    folder = write_plan(PLAN)
    text = (SAMPLE / "checklist.yaml").read_text(encoding="utf-8")
    text = re.sub(r"acties: \[[^]]*\]", "acties: []", text)
    text = text.replace("acties: []", 'acties: ["7.7"]', 1)
    (folder / "checklist.yaml").write_text(text, encoding="utf-8")
    return folder


def _check_counts(invoke: Invoke, folder: Path) -> Counter[str]:
    result = invoke(["check", "--format", "json", "--data", str(folder), "--as-of", "2024-07-01"])
    assert result.exit_code == 1, result.output
    return Counter(
        m["bestand"] for m in json.loads(result.stdout)["meldingen"] if m["ernst"] == "fout"
    )


@pytest.mark.parametrize(
    "command",
    [["due"], ["status"], ["status", "thema", "1"], ["timeline"], ["report"], ["ics"],
     ["checklist"], ["due", "--owner", "OOV", "--format", "json"]],
)  # fmt: skip
def test_the_stderr_line_counts_what_check_reports(
    invoke: Invoke, folder: Path, command: list[str]
) -> None:
    """Six fouten in the plan (one of them the theme the checklist lacks) and one in the
    checklist: check reports exactly those, and every other command says the same counts
    on stderr while it runs (exit 0)."""
    plan = os.path.relpath(folder / "spoorboekje.yaml")
    checklist = os.path.relpath(folder / "checklist.yaml")
    counts = _check_counts(invoke, folder)
    assert counts == {plan: 6, checklist: 1}
    result = invoke([*command, "--data", str(folder), "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"limnorm: {counts[plan]} fouten in {plan}; zie 'limnorm check'\n"
        f"limnorm: {counts[checklist]} fout in {checklist}; zie 'limnorm check'\n"
    )


def test_without_a_checklist_the_theme_is_no_fout(
    invoke: Invoke, write_plan: Callable[[str], Path]
) -> None:
    """Without checklist.yaml no theme number is unknown: check and due both count five."""
    folder = write_plan(PLAN)
    plan = os.path.relpath(folder / "spoorboekje.yaml")
    assert _check_counts(invoke, folder) == {plan: 5}
    result = invoke(["due", "--data", str(folder), "--as-of", "2024-07-01"])
    assert result.stderr == f"limnorm: 5 fouten in {plan}; zie 'limnorm check'\n"


def test_a_region_counts_the_theme_too(invoke: Invoke, folder: Path, tmp_path: Path) -> None:
    """due --regio says the same counts for an organisation of the region."""
    region = tmp_path / "regio"
    region.mkdir()
    shutil.copytree(folder, region / "proef")
    result = invoke(["due", "--regio", str(region), "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert "6 fouten in " in result.stderr
