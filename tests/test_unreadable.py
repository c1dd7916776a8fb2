"""An open action whose ``wanneer`` cannot be read: shown apart, never with a date.

Issue 11, "three levels of finding": every command but ``check`` runs on the rest of the
plan and shows such an action with what is wrong ("wanneer onleesbaar") instead of a
date: ``due`` in its own group and in every format, the report in the theme tables and
with what needs attention, the reminders without a date; the calendar leaves it out.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import SAMPLE, Invoke, strip_lines
from .test_json_contract import validator

#: 1.1 is late; 1.2, 1.3, 1.5 and 1.10 are open (or lopend) with an unreadable wanneer;
#: 1.4 (gereed) and 1.6 (vervallen) are unreadable too, but no work remains.
PLAN = """\
organisatie: Proef
actiehouders:
  OOV: Openbare Orde en Veiligheid
  HRM: Human Resource Management
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - id: "1.1"
        actie: Sessie directie
        wanneer: Q2 24
        actiehouder: OOV
      - id: "1.2"
        actie: Sessie college
        wanneer: Q5 24
        actiehouder: OOV
        toelichting: Datum volgt
      - id: "1.3"
        actie: Training
        wanneer: als het kan
        actiehouder: HRM
      - id: "1.4"
        actie: Gereed maar onleesbaar
        wanneer: Q7
        actiehouder: HRM
        status: gereed
      - id: "1.5"
        actie: Zonder eigenaar
        wanneer: ooit eens
      - id: "1.6"
        actie: Vervallen en onleesbaar
        wanneer: Q9 24
        actiehouder: OOV
        status: vervallen
      - id: "1.10"
        actie: Lopend
        wanneer: Q0 24
        actiehouder: OOV
        status: lopend
"""
AS_OF = ["--as-of", "2024-07-01"]
HEADER = "Proef · peildatum 1 jul 2024 · binnenkort = t/m 31 jul 2024\n"
OOV_LATE = (
    "OOV (Openbare Orde en Veiligheid): 1 te laat, 0\n"
    "binnenkort\n"
    "Id   Actie            Wanneer  Deadline     Dagen\n"
    f"{'─' * 57}\n"
    "1.1  Sessie directie  Q2 24    30 jun 2024  1 dag te laat\n"
)


@pytest.fixture(name="folder")
def _folder(write_plan: Callable[[str], Path]) -> Path:
    return write_plan(PLAN)


def _due(invoke: Invoke, folder: Path, *args: str) -> tuple[str, str]:
    result = invoke(["due", *AS_OF, "--data", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


@pytest.mark.parametrize(
    ("owner", "expected"),
    [
        (
            [],
            f"{HEADER}{OOV_LATE}\n"
            "Niet te plannen (wanneer onleesbaar): 4 acties\n"
            "Id    Actie            Actiehouder  Wanneer      Fout                Toelichting\n"
            f"{'─' * 80}\n"
            "1.2   Sessie college   OOV          Q5 24        wanneer onleesbaar  Datum volgt\n"
            "1.3   Training         HRM          als het kan  wanneer onleesbaar\n"
            "1.5   Zonder eigenaar               ooit eens    wanneer onleesbaar\n"
            "1.10  Lopend           OOV          Q0 24        wanneer onleesbaar",
        ),
        (
            ["--owner", "OOV"],
            f"{HEADER}{OOV_LATE}\n"
            "Niet te plannen (wanneer onleesbaar): 2 acties\n"
            "Id    Actie           Actiehouder  Wanneer  Fout                Toelichting\n"
            f"{'─' * 75}\n"
            "1.2   Sessie college  OOV          Q5 24    wanneer onleesbaar  Datum volgt\n"
            "1.10  Lopend          OOV          Q0 24    wanneer onleesbaar",
        ),
        (
            ["--owner", "hrm"],
            f"{HEADER}"
            "Niets te laat en niets binnenkort voor HRM.\n"
            "\n"
            "Niet te plannen (wanneer onleesbaar): 1 actie\n"
            "Id   Actie     Actiehouder  Wanneer      Fout\n"
            f"{'─' * 59}\n"
            "1.3  Training  HRM          als het kan  wanneer onleesbaar",
        ),
        (
            ["--owner", "-"],
            f"{HEADER}"
            "Niets te laat en niets binnenkort voor (geen actiehouder).\n"
            "\n"
            "Niet te plannen (wanneer onleesbaar): 1 actie\n"
            "Id   Actie            Wanneer    Fout\n"
            f"{'─' * 51}\n"
            "1.5  Zonder eigenaar  ooit eens  wanneer onleesbaar",
        ),
    ],
)
def test_due_lists_them_in_their_own_group(
    invoke: Invoke, folder: Path, owner: list[str], expected: str
) -> None:
    """After the late and soon groups, one group of the open actions (of --owner, also
    '-') whose wanneer is unreadable: as written, with what is wrong and no date; gereed
    and vervallen ones are not listed. The fouten line stays on stderr."""
    out, err = _due(invoke, folder, *owner)
    assert strip_lines(out) == expected
    assert err.endswith("fouten in plan0/spoorboekje.yaml; zie 'limnorm check'\n")


def test_due_json_lists_them_after_the_others_without_a_date(
    invoke: Invoke, folder: Path
) -> None:
    """JSON: the same objects as every due item, categorie "wanneer_onleesbaar", no
    begin or deadline and dagen null; the list follows the published schema."""
    out, _ = _due(invoke, folder, "--format", "json")
    data = json.loads(out)
    validator("due").validate(data)
    assert [(d["id"], d["categorie"], d["dagen"]) for d in data] == [
        ("1.1", "te_laat", -1),
        ("1.2", "wanneer_onleesbaar", None),
        ("1.3", "wanneer_onleesbaar", None),
        ("1.5", "wanneer_onleesbaar", None),
        ("1.10", "wanneer_onleesbaar", None),
    ]
    assert data[1] == {
        "id": "1.2", "thema": 1, "actie": "Sessie college", "wanneer": "Q5 24",
        "begin": None, "deadline": None, "soort": "onleesbaar", "notitie": None,
        "uitgesteld": False, "oorspronkelijk": None, "actiehouder": ["OOV"],
        "status": "open", "gereed_op": None, "toelichting": "Datum volgt", "voortgang": None,
        "mijlpaal": False, "fouten": ["wanneer onleesbaar"],
        "categorie": "wanneer_onleesbaar", "dagen": None,
    }  # fmt: skip
    owned, _ = _due(invoke, folder, "--format", "json", "--owner", "-")
    assert [d["id"] for d in json.loads(owned)] == ["1.5"]


def test_due_csv_is_one_table_with_the_category(invoke: Invoke, folder: Path) -> None:
    """CSV: one header row; the unreadable rows follow with their Categorie and empty
    Begin, Deadline and Dagen."""
    out, _ = _due(invoke, folder, "--format", "csv", "--owner", "OOV")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["Id", "Thema", "Actie", "Wanneer", "Begin", "Deadline", "Actiehouder", "Status",
         "Gereed op", "Toelichting", "Notitie", "Uitgesteld", "Oorspronkelijk", "Categorie",
         "Dagen"],
        ["1.1", "1", "Sessie directie", "Q2 24", "2024-04-01", "2024-06-30", "OOV", "open",
         "", "", "", "nee", "", "te_laat", "-1"],
        ["1.2", "1", "Sessie college", "Q5 24", "", "", "OOV", "open", "", "Datum volgt",
         "", "nee", "", "wanneer_onleesbaar", ""],
        ["1.10", "1", "Lopend", "Q0 24", "", "", "OOV", "lopend", "", "",
         "", "nee", "", "wanneer_onleesbaar", ""],
    ]  # fmt: skip


def test_due_markdown_and_xlsx_carry_them(invoke: Invoke, folder: Path, tmp_path: Path) -> None:
    """Markdown has the row with an empty deadline; Excel has it in the one sheet, with
    empty date cells (no date typed in)."""
    from openpyxl import load_workbook

    out, _ = _due(invoke, folder, "--format", "markdown", "--owner", "HRM")
    assert out.splitlines()[-1] == (
        "| 1.3 | 1 | Training | als het kan |  |  | HRM | open |  |  |  | nee |  | "
        "wanneer\\_onleesbaar |  |"
    )
    target = tmp_path / "due.xlsx"
    _due(invoke, folder, "--format", "xlsx", "-o", str(target))
    sheet = load_workbook(target).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert list(by_id) == ["1.1", "1.2", "1.3", "1.5", "1.10"]
    assert by_id["1.3"]["Categorie"] == "wanneer_onleesbaar"
    assert (by_id["1.3"]["Deadline"], by_id["1.3"]["Dagen"]) == (None, None)


def test_the_calendar_invents_no_date_for_them(invoke: Invoke, folder: Path) -> None:
    """ics: only the action with a deadline becomes an event."""
    result = invoke(["ics", *AS_OF, "--data", str(folder)])
    assert result.exit_code == 0, result.output
    uids = [line for line in result.stdout.splitlines() if line.startswith("UID:")]
    assert uids == ["UID:proef-actie-1-1@limnorm"]


def test_report_marks_them_and_lists_them(invoke: Invoke, folder: Path) -> None:
    """The report's theme table says "wanneer onleesbaar" where it said "open", and a
    section after "Wat nu af moet" lists them with what to do."""
    result = invoke(["report", *AS_OF, "--data", str(folder)])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert (
        "## Niet te plannen (wanneer onleesbaar)\n"
        "\n"
        "Deze open acties hebben geen leesbare deadline; ze staan niet bij 'te laat' of 'wat "
        "nu af moet'. Vul bij 'wanneer' een deadline in ('limnorm check' zegt wat er mis is).\n"
        "\n"
        "| Id | Actie | Wanneer | Actiehouder | Fout |\n"
        "|---|---|---|---|---|\n"
        "| 1.2 | Sessie college | Q5 24 | OOV | wanneer onleesbaar |\n"
        "| 1.3 | Training | als het kan | HRM | wanneer onleesbaar |\n"
        "| 1.5 | Zonder eigenaar | ooit eens |  | wanneer onleesbaar |\n"
        "| 1.10 | Lopend | Q0 24 | OOV | wanneer onleesbaar |\n"
    ) in md
    assert md.index("## Wat nu af moet") < md.index("## Niet te plannen")
    assert (
        "| 1.1 | Sessie directie | Q2 24 | OOV | te laat |\n"
        "| 1.2 | Sessie college | Q5 24 | OOV | wanneer onleesbaar |\n"
        "| 1.3 | Training | als het kan | HRM | wanneer onleesbaar |\n"
        "| 1.4 | Gereed maar onleesbaar | Q7 | HRM | gereed |\n"
        "| 1.5 | Zonder eigenaar | ooit eens |  | wanneer onleesbaar |\n"
        "| 1.6 | Vervallen en onleesbaar | Q9 24 | OOV | vervallen |\n"
        "| 1.10 | Lopend | Q0 24 | OOV | wanneer onleesbaar |\n"
    ) in md
    html = invoke(["report", *AS_OF, "--data", str(folder), "--format", "html"]).stdout
    assert "<h2>Niet te plannen (wanneer onleesbaar)</h2>" in html
    assert (
        "<tr><td>1.3</td><td>Training</td><td>als het kan</td><td>HRM</td>"
        '<td><span class="late">wanneer onleesbaar</span></td></tr>'
    ) in html
    assert "<td>1.2</td><td>Sessie college</td><td>Q5 24</td><td>OOV</td>" in html
    assert "<td>Q5 24</td><td>OOV</td><td>wanneer onleesbaar</td></tr>" in html


def test_remind_names_them_without_a_date(invoke: Invoke, folder: Path) -> None:
    """A reminder mentions the owner's unreadable actions with no date (never a guessed
    one); an owner with only such actions gets one too; the ownerless one goes to nobody."""
    result = invoke(["remind", *AS_OF, "--data", str(folder)])
    assert result.exit_code == 0, result.output
    mails = result.stdout.split("\n\n" + "-" * 72 + "\n\n")
    assert [mail.splitlines()[1] for mail in mails] == [
        "Onderwerp: Spoorboekje Proef: 1 actie te laat, 2 acties zonder leesbare deadline (OOV)",
        "Onderwerp: Spoorboekje Proef: 1 actie zonder leesbare deadline (HRM)",
    ]
    assert (
        "Zonder leesbare deadline (2):\n"
        "- 1.2 Sessie college\n"
        "  wanneer: Q5 24 (geen deadline te lezen; vul een deadline in bij 'wanneer')\n"
        "  toelichting: Datum volgt\n"
        "- 1.10 Lopend\n"
        "  wanneer: Q0 24 (geen deadline te lezen; vul een deadline in bij 'wanneer')\n"
    ) in mails[0]
    assert "waarvan de deadline niet te lezen is." in " ".join(mails[1].split())
    assert "1.5" not in result.stdout
    assert "2024" not in mails[1].split("Zonder leesbare deadline")[1]


def test_due_over_a_region_lists_them_per_organisation(
    invoke: Invoke, folder: Path, tmp_path: Path
) -> None:
    """due --regio: after the region's table, the unreadable open actions with their
    organisation (of --owner where given); in JSON with organisatie, by the schema."""
    region = tmp_path / "regio"
    (region / "proef").mkdir(parents=True)
    shutil.copy(folder / "spoorboekje.yaml", region / "proef")
    shutil.copy(SAMPLE / "checklist.yaml", region / "proef")
    shutil.copytree(SAMPLE, region / "eijsden")
    common = ["due", "--regio", str(region), *AS_OF, "--no-cache"]
    result = invoke([*common, "--owner", "HRM"])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout).endswith(
        "Niet te plannen (wanneer onleesbaar): 1 actie\n"
        "Organisatie  Id   Actie     Wanneer      Fout\n"
        f"{'─' * 59}\n"
        "Proef        1.3  Training  als het kan  wanneer onleesbaar"
    )
    data = json.loads(invoke([*common, "--format", "json"]).stdout)
    validator("due").validate(data)
    assert [(d["organisatie"], d["id"]) for d in data if d["dagen"] is None] == [
        ("Proef", "1.2"), ("Proef", "1.3"), ("Proef", "1.5"), ("Proef", "1.10"),
    ]  # fmt: skip
    assert {d["categorie"] for d in data if d["dagen"] is None} == {"wanneer_onleesbaar"}
