"""What the deadline grammar reads besides the dates (issue 11 §2): a note, a postponement
written in the cell, the earlier deadline. Shown in JSON (one spelling, validated against
the schemas), in ``when``'s table, and where due, status thema N and the report show a
deadline."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from limnorm.core.deadlines import is_postponed
from limnorm.core.models import Action
from limnorm.core.period import Period, PeriodKind
from limnorm.output.text import deadline_text, postponement, when_text

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


WHEN_80 = """\
Wanneer                                 Van          Tot en met   Soort
─────────────────────────────────────────────────────────────────────────────
Q2 2026 (onder voorbehoud)              1 apr 2026   30 jun 2026  kwartaal
  Notitie: onder voorbehoud
streven maart, uiterlijk 30 april 2026  30 apr 2026  30 apr 2026  dag
  Notitie: streven maart
uitgesteld naar 2027                    1 jan 2027   31 dec 2027  jaar
  Uitgesteld: ja
verschoven naar Q1 2027                 1 jan 2027   31 mrt 2027  kwartaal
  Uitgesteld: ja
Q1 2027 (was Q3 26)                     1 jan 2027   31 mrt 2027  kwartaal
  Uitgesteld: ja
  Was: Q3 26
afhankelijk van de raad                                           afhankelijk
  Afhankelijk van: de raad
Q3 24                                   1 jul 2024   30 sep 2024  kwartaal"""


def test_when_table_shows_note_and_postponement_rows(invoke: Invoke) -> None:
    """when at 80 columns: under a reading, one row each for its note (by kind: what it
    depends on), "Uitgesteld: ja" and the earlier deadline; a plain reading gets none."""
    phrases = [line[:40].rstrip() for line in WHEN_80.splitlines()[2:] if line[0] != " "]
    assert _run(invoke, "when", *phrases) == WHEN_80


@pytest.mark.parametrize(
    ("wanneer", "rows"),
    [
        ("Q2 2026 (onder voorbehoud)", ["  Notitie: onder voorbehoud"]),
        ("Q2 2026 (ovb)", ["  Notitie: ovb"]),
        ("streven maart, uiterlijk 30 april 2026", ["  Notitie: streven maart"]),
        ("uitgesteld naar 2027", ["  Uitgesteld: ja"]),
        ("verschoven naar Q1 2027", ["  Uitgesteld: ja"]),
        ("Q1 2027 (was Q3 26)", ["  Uitgesteld: ja", "  Was: Q3 26"]),
        ("verschoven van Q3 2026 naar Q1 2027", ["  Uitgesteld: ja", "  Was: Q3 2026"]),
        ("afhankelijk van de raad", ["  Afhankelijk van: de raad"]),
        ("Q3 24", []),
        ("doorlopend", []),
    ],
)  # fmt: skip
def test_when_rows_per_phrase(invoke: Invoke, wanneer: str, rows: list[str]) -> None:
    """when, one phrase at a time: exactly the reading's row and the rows under it."""
    lines = _run(invoke, "when", wanneer).splitlines()
    assert lines[2].startswith(wanneer)
    assert [line.rstrip() for line in lines[3:]] == rows


DUE_80 = """\
Gemeente Voorbeeld · peildatum 1 jun 2026 · binnenkort = t/m 1 jun 2028
OOV (Openbare Orde en Veiligheid): 1 te laat, 6 binnenkort
Id   Actie               Wanneer             Deadline           Dagen
────────────────────────────────────────────────────────────────────────────────
1.2  Weerbaarheidsscan   streven maart,      30 apr 2026        32 dagen te laat
                         uiterlijk 30 april  (streven maart)
                         2026
1.1  Sessie met het      Q2 2026 (onder      30 jun 2026        nog 29 dagen
     college             voorbehoud)         (onder
                                             voorbehoud)
1.6  Bibob-beleid        Q2 2026             30 jun 2026        nog 29 dagen
                         (verschoven van
                         eind 2025 naar 30
                         jun 2026)
1.7  Meldpunt            1-7-2026            1 jul 2026         nog 30 dagen
1.5  Vastgoedbeleid      Q3 2026 (was Q3     30 sep 2026        nog 121 dagen
                         25) (verschoven
                         van Q3 25 naar 30
                         sep 2026)
1.4  Screening bij       verschoven naar Q1  31 mrt 2027        nog 303 dagen
     inhuur              2027 (verschoven
                         naar 31 mrt 2027)
1.3  Integriteitsbeleid  uitgesteld naar     31 dec 2027        nog 578 dagen
     herzien             2027 (verschoven
                         naar 31 dec 2027)"""


def test_due_marks_every_postponement_at_80_columns(invoke: Invoke, plan: Path) -> None:
    """due: a postponement from oorspronkelijk or "(was …)" says from what to what; one the
    cell only states ("uitgesteld naar 2027") says to what; the note under the deadline, its
    date whole, as status thema N shows them; all within 80 columns."""
    assert _run(invoke, "due", *AS_OF, "--within", "24m", "--data", str(plan)) == DUE_80


#: Short notes: without a floor for the date, a narrow Deadline column broke it ("30 jun" /
#: "2026"), the note's longest word being shorter than the date.
SHORT_NOTES = textwrap.dedent("""\
    organisatie: Gemeente Proef
    actiehouders:
      OOV: Openbare Orde en Veiligheid
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - {id: "1.1", actie: Weerbaarheidsscan van de hele organisatie,
             wanneer: "Q2 2026 (streven mei)", actiehouder: OOV}
          - {id: "1.2", actie: Integriteitsbeleid, wanneer: "30-6-2026 (zo mogelijk)",
             actiehouder: OOV}
    """)

DUE_60 = """\
Gemeente Proef · peildatum 15 jun 2026 · binnenkort = t/m 15
jul 2026
OOV (Openbare Orde en Veiligheid): 0 te laat, 2 binnenkort
Id   Actie               Wanneer     Deadline     Dagen
────────────────────────────────────────────────────────────
1.1  Weerbaarheidsscan   Q2 2026     30 jun 2026  nog 15
     van de hele         (streven    (streven     dagen
     organisatie         mei)        mei)
1.2  Integriteitsbeleid  30-6-2026   30 jun 2026  nog 15
                         (zo         (zo          dagen
                         mogelijk)   mogelijk)"""


def test_due_keeps_the_date_whole_over_a_short_note_at_60_columns(
    invoke: Invoke, tmp_path: Path
) -> None:
    """due at 60 columns: the note wraps under the deadline, the date itself never does."""
    data = tmp_path / "kort"
    data.mkdir()
    (data / "spoorboekje.yaml").write_text(SHORT_NOTES, encoding="utf-8")
    out = _run(invoke, "due", "--as-of", "2026-06-15", "--data", str(data), width=60)
    assert out == DUE_60


THEME_80 = """\
Thema 1 · Bewustwording · stand op 1 jun 2026
Id   Actie               Wanneer           Deadline         Actiehouder  Status
────────────────────────────────────────────────────────────────────────────────
1.1  Sessie met het      Q2 2026 (onder    30 jun 2026      OOV          open
     college             voorbehoud)       (onder
                                           voorbehoud)
1.2  Weerbaarheidsscan   streven maart,    30 apr 2026      OOV          te laat
                         uiterlijk 30      (streven maart)
                         april 2026
1.3  Integriteitsbeleid  uitgesteld naar   31 dec 2027      OOV          open
     herzien             2027 (verschoven
                         naar 31 dec
                         2027)
1.4  Screening bij       verschoven naar   31 mrt 2027      OOV          open
     inhuur              Q1 2027
                         (verschoven naar
                         31 mrt 2027)
1.5  Vastgoedbeleid      Q3 2026 (was Q3   30 sep 2026      OOV          open
                         25) (verschoven
                         van Q3 25 naar
                         30 sep 2026)
1.6  Bibob-beleid        Q2 2026           30 jun 2026      OOV          open
                         (verschoven van
                         eind 2025 naar
                         30 jun 2026)
1.7  Meldpunt            1-7-2026          1 jul 2026       OOV          open
7 acties: 0 gereed, 0 lopend, 7 open, 1 te laat · voortgang ░░░░░░░░░░   0%"""


def test_theme_shows_note_under_the_deadline_at_80_columns(invoke: Invoke, plan: Path) -> None:
    """status thema N: the note under the deadline (the date stays on one line), the
    postponements marked as in due; within 80 columns."""
    out = _run(invoke, "status", "thema", "1", *AS_OF, "--data", str(plan))
    assert out.split("\n\n")[0] == THEME_80
    assert all(len(line) <= 80 for line in out.splitlines())


def test_theme_at_60_columns_keeps_the_date_whole(invoke: Invoke, plan: Path) -> None:
    """Narrower, the columns give way but a deadline's date is never broken."""
    out = _run(invoke, "status", "thema", "1", *AS_OF, "--data", str(plan), width=60)
    assert all(len(line) <= 60 for line in out.splitlines())
    for day in ("30 jun 2026", "30 apr 2026", "31 dec 2027", "1 jul 2026"):
        assert day in out


def _report(invoke: Invoke, plan: Path, *args: str) -> str:
    return _run(invoke, "report", *AS_OF, "--data", str(plan), *args)


def test_report_markdown_notes_and_postponements(invoke: Invoke, plan: Path) -> None:
    """report: the deadline with its note, the postponement in the Wanneer column as in the
    terminal, and the Uitgesteld section with the cell's own postponements (earlier
    deadline and delay 'onbekend')."""
    lines = _report(invoke, plan).splitlines()
    for row in (
        "| 1.2 | Weerbaarheidsscan | streven maart, uiterlijk 30 april 2026 "
        "| 30 apr 2026 (streven maart) | 32 |  |",
        "| 1.1 | Sessie met het college | Q2 2026 (onder voorbehoud) "
        "| 30 jun 2026 (onder voorbehoud) | OOV |  |",
        "| 1.6 | Bibob-beleid | Q2 2026 (verschoven van eind 2025 naar 30 jun 2026) "
        "| 30 jun 2026 | OOV |  |",
    ):
        assert row in lines
    start = lines.index("## Uitgesteld")
    assert lines[start + 2 : start + 8] == [
        "| Id | Actie | Eerder | Nu | Uitstel |",
        "|---|---|---|---|---|",
        "| 1.3 | Integriteitsbeleid herzien | onbekend | uitgesteld naar 2027 | onbekend |",
        "| 1.4 | Screening bij inhuur | onbekend | verschoven naar Q1 2027 | onbekend |",
        "| 1.5 | Vastgoedbeleid | Q3 25 | Q3 2026 (was Q3 25) | 365 dagen later |",
        "| 1.6 | Bibob-beleid | eind 2025 | Q2 2026 | 181 dagen later |",
    ]
    theme = lines[lines.index("### 1 Bewustwording") :]
    assert (
        "| 1.3 | Integriteitsbeleid herzien | uitgesteld naar 2027 (verschoven naar 31 dec 2027) "
        "| OOV | open |"
    ) in theme


def test_report_html_note_on_its_own_line(invoke: Invoke, plan: Path) -> None:
    """report --format html: the note under the deadline, escaped; cell postponements in
    the Uitgesteld section."""
    html = _report(invoke, plan, "--format", "html")
    assert '<td class="num">30 apr 2026<br>(streven maart)</td>' in html
    assert (
        "<tr><td>1.3</td><td>Integriteitsbeleid herzien</td><td>onbekend</td>"
        "<td>uitgesteld naar 2027</td><td>onbekend</td></tr>"
    ) in html


def test_sheets_carry_note_and_postponement(invoke: Invoke, plan: Path) -> None:
    """due --format csv: Notitie, Uitgesteld and Oorspronkelijk after the older columns."""
    result = invoke(["due", *AS_OF, "--within", "24m", "--data", str(plan), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[9:] == [
        "Toelichting", "Notitie", "Uitgesteld", "Oorspronkelijk", "Categorie", "Dagen",
    ]  # fmt: skip
    got = {row[0]: tuple(row[10:13]) for row in rows[1:]}
    assert got == {
        id_: (note or "", "ja" if moved else "nee", was or "")
        for id_, (note, moved, was) in EXPECTED.items()
    }


_Q1_2027 = (date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL)


@pytest.mark.parametrize(
    ("wanneer", "period", "oorspronkelijk", "moved", "deadline"),
    [
        ("Q1 2027", Period(*_Q1_2027), None, None, "31 mrt 2027"),
        ("Q1 2027 (ovb)", Period(*_Q1_2027, note="ovb"), None, None, "31 mrt 2027 (ovb)"),
        ("uitgesteld naar Q1 2027", Period(*_Q1_2027, postponed=True), None,
         "verschoven naar 31 mrt 2027", "31 mrt 2027"),
        ("Q1 2027 (was Q3 26)", Period(*_Q1_2027, postponed=True, was="Q3 26"), None,
         "verschoven van Q3 26 naar 31 mrt 2027", "31 mrt 2027"),
        # The plan's own field (or, later, git history) names the earlier deadline.
        ("Q1 2027", Period(*_Q1_2027), "Q3 26",
         "verschoven van Q3 26 naar 31 mrt 2027", "31 mrt 2027"),
        ("uitgesteld naar Q1 2027", Period(*_Q1_2027, postponed=True), "eind 2026",
         "verschoven van eind 2026 naar 31 mrt 2027", "31 mrt 2027"),
        ("vanaf 2027 (uitgesteld)", Period(date(2027, 1, 1), None, PeriodKind.VANAF,
                                           postponed=True),
         None, "verschoven", ""),
        ("vanaf 2027", Period(date(2027, 1, 1), None, PeriodKind.VANAF), "2026",
         "verschoven van 2026 naar vanaf 2027", ""),
        # Brought forward is not put off (review of 2 Dec: it was "verschoven"/uitgesteld).
        ("Q1 2027", Period(*_Q1_2027), "Q3 2027",
         "vervroegd van Q3 2027 naar 31 mrt 2027", "31 mrt 2027"),
        ("Q3 2027 -> Q1 2027", Period(*_Q1_2027, postponed=True, was="Q3 2027"), None,
         "vervroegd van Q3 2027 naar 31 mrt 2027", "31 mrt 2027"),
        # The same deadline written otherwise did not move.
        ("Q1 2027", Period(*_Q1_2027), "31 maart 2027", None, "31 mrt 2027"),
        # An earlier text without a year is not read with a guessed one: it moved, the
        # writer says so, and how far is not known.
        ("Q1 2027", Period(*_Q1_2027), "december",
         "verschoven van december naar 31 mrt 2027", "31 mrt 2027"),
    ],
)  # fmt: skip
def test_one_wording_for_postponements_and_notes(
    wanneer: str, period: Period, oorspronkelijk: str | None, moved: str | None, deadline: str
) -> None:
    """The one home of the wording (output/text.py): how a postponement reads and the
    deadline with its note, for periods made by hand (not by the grammar)."""
    action = Action("1.1", 1, "Scan", wanneer, period, ("OOV",), oorspronkelijk=oorspronkelijk)
    assert postponement(action) == moved
    assert deadline_text(action) == deadline
    assert when_text(action) == (f"{wanneer} ({moved})" if moved else wanneer)


def test_region_due_json_cold_and_warm(invoke: Invoke, plan: Path, tmp_path: Path) -> None:
    """due --regio: the same keys through the region's cache, first read and cached; valid
    by the due schema (with ``organisatie``); the terminal marks the postponements too."""
    region = tmp_path / "regio"
    shutil.copytree(plan, region / "voorbeeld")
    args = ["due", "--regio", str(region), *AS_OF, "--within", "24m"]
    for _ in range(2):  # cold, then from the cache
        data = _json(invoke, *args)
        validator("due").validate(data)
        assert {a["id"]: _period_keys(a) for a in data} == EXPECTED
    assert "(verschoven naar 31 dec 2027)" in " ".join(_run(invoke, *args, width=200).split())


def test_timeline_actions_follow_the_action_schema(invoke: Invoke, plan: Path) -> None:
    """timeline --format json: each action validates as the schemas' action."""
    data = _json(invoke, "timeline", *AS_OF, "--data", str(plan))
    actie = "https://limnorm.invalid/schemas/due.schema.json#/$defs/actie"
    action = validator("due").evolve(schema={"$ref": actie})
    for item in data["acties"]:
        action.validate(item)
    broken = {**data["acties"][0], "uitgesteld": None}
    assert not action.is_valid(broken)


#: Deadlines moved earlier, by the cell's arrow and by ``oorspronkelijk``; read on 1 june 2026.
EARLIER = textwrap.dedent("""\
    organisatie: Gemeente Voorbeeld
    actiehouders:
      OOV: Openbare Orde en Veiligheid
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - id: "1.1"
            actie: Sessie met het college
            wanneer: Q3 2026 -> Q2 2026
            actiehouder: OOV
          - id: "1.2"
            actie: Weerbaarheidsscan
            wanneer: Q2 2026
            oorspronkelijk: Q3 2026
            actiehouder: OOV
          - id: "1.3"
            actie: Screening bij inhuur
            wanneer: Q3 2026
            oorspronkelijk: Q2 2026
            actiehouder: OOV
    """)


def test_a_deadline_brought_forward_is_not_postponed(invoke: Invoke, plan: Path) -> None:
    """A deadline moved earlier reads "vervroegd", is not ``uitgesteld`` in JSON or the
    sheet, and stays out of the report's Uitgesteld section; the one moved later is."""
    (plan / "spoorboekje.yaml").write_text(EARLIER, encoding="utf-8")
    data = _json(invoke, "status", "thema", "1", *AS_OF, "--data", str(plan))
    moved = {a["id"]: (a["uitgesteld"], a["oorspronkelijk"]) for a in data["thema"]["acties"]}
    assert moved == {
        "1.1": (False, "Q3 2026"), "1.2": (False, "Q3 2026"), "1.3": (True, "Q2 2026"),
    }  # fmt: skip
    table = _run(invoke, "due", *AS_OF, "--within", "6m", "--data", str(plan), width=200)
    assert "Q3 2026 -> Q2 2026 (vervroegd van Q3 2026 naar 30 jun 2026)" in table
    assert "Q2 2026 (vervroegd van Q3 2026 naar 30 jun 2026)" in table
    assert "Q3 2026 (verschoven van Q2 2026 naar 30 sep 2026)" in table
    lines = _report(invoke, plan).splitlines()
    start = lines.index("## Uitgesteld")
    section = lines[start : lines.index("", start + 3)]
    assert [line.split(" | ")[0] for line in section if line.startswith("| 1.")] == ["| 1.3"]


@pytest.mark.parametrize(
    ("jaar", "moved", "uitgesteld"),
    [
        (None, "verschoven van december naar 31 mrt 2027", True),  # how far: not known
        (2026, "verschoven van december naar 31 mrt 2027", True),  # dec 2026: put off
        (2027, "vervroegd van december naar 31 mrt 2027", False),  # dec 2027: brought forward
    ],
)
def test_an_earlier_deadline_without_a_year_reads_with_the_plans_year(
    jaar: int | None, moved: str, uitgesteld: bool
) -> None:
    """``oorspronkelijk: december`` reads with the year the plan gives the action (``jaar:``),
    as ``wanneer`` does; without one the direction is not guessed."""
    action = Action(
        "1.1", 1, "Scan", "Q1 2027", Period(*_Q1_2027), ("OOV",),
        oorspronkelijk="december", jaar=jaar,
    )  # fmt: skip
    assert postponement(action) == moved
    assert is_postponed(action.period, action.postponed_from, year=jaar) is uitgesteld
