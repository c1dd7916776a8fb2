"""Real plans as organisations write them (issue 11): three levels of finding, owners as
they come, free ids, the plan's own fields and keys, and ``jaar:`` for year-less forms."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.ids import id_key

from .conftest import Invoke, strip_lines

#: One plan with everything the issue's "Done when" names: an unreadable wanneer (1.2), a
#: compound owner (1.1), a free-text owner (1.10), a missing owner (2.1), an unknown key
#: (budget), and jaar: at the top and on a theme with year-less forms (1 juli, najaar).
REAL_PLAN = textwrap.dedent("""\
    organisatie: Gemeente Voorbeeld
    titel: Programma Ondermijning 2026
    jaar: 2026
    actiehouders:
      OOV: Openbare Orde en Veiligheid
      JZ: {naam: Juridische Zaken, email: jz@voorbeeld.nl}
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - id: "1.10"
            actie: Samenwerking met partners
            wanneer: najaar
            actiehouder: RIEC
            voortgang: 50
          - id: "1.2"
            actie: Weerbaarheidsscan
            wanneer: Q5 2026
            actiehouder: OOV
          - id: "1.1"
            actie: Sessie met het college
            wanneer: 1 juli
            oorspronkelijk: 1 mei
            mijlpaal: true
            actiehouder: OOV/JZ
            budget: 5000
      - nr: 2
        titel: Integriteit
        jaar: 2025
        acties:
          - id: "2.1"
            actie: Integriteitsbeleid herzien
            wanneer: 1 juli
    """)
ERRORS_LINE = "limnorm: 1 fout in plan/spoorboekje.yaml; zie 'limnorm check'\n"


@pytest.fixture(name="real_plan")
def _real_plan(invoke: Invoke, tmp_path: Path) -> Path:
    """The plan next to the full checklist 'limnorm init' writes, in ./plan."""
    assert invoke(["init", "plan", "--organisatie", "Gemeente Voorbeeld"]).exit_code == 0
    (tmp_path / "plan" / "spoorboekje.yaml").write_text(REAL_PLAN, encoding="utf-8")
    return tmp_path / "plan"


def _run(invoke: Invoke, *args: str) -> tuple[int, str, str]:
    result = invoke([*args, "--data", "plan", "--as-of", "2026-06-20"])
    return result.exit_code, strip_lines(result.stdout), result.stderr


def test_check_names_the_unreadable_action_and_exits_1(invoke: Invoke, real_plan: Path) -> None:
    """check lists the fout with file:line:col and the action's id (exit 1); the free-text
    and missing owners are warnings; the compound owner, the unknown key and the year-less
    forms with jaar: are fine."""
    code, out, err = _run(invoke, "check")
    assert (code, err) == (1, "")
    assert out == (
        "plan/spoorboekje.yaml:14:22: waarschuwing: actie 1.10: actiehouder 'RIEC' staat niet "
        "onder 'actiehouders'; bekend: OOV, JZ. Een team of partner mag; anders: voeg de code "
        "toe of verbeter de spelling\n"
        "plan/spoorboekje.yaml:18:18: fout: actie 1.2: wanneer: 'Q5 2026': Q5 bestaat niet; een "
        "jaar heeft er 4 (Q1 t/m Q4)\n"
        "plan/spoorboekje.yaml:31:9: waarschuwing: actie 2.1: geen actiehouder; vul "
        "'actiehouder:' in ('limnorm due' toont de actie onder '(geen actiehouder)')\n"
        "1 fout, 2 waarschuwingen in plan/spoorboekje.yaml, plan/checklist.yaml"
    )


def test_warnings_alone_pass_check_unless_strict(invoke: Invoke, real_plan: Path) -> None:
    """With the fout fixed, check exits 0 on warnings alone, and 1 with --streng."""
    plan = real_plan / "spoorboekje.yaml"
    plan.write_text(REAL_PLAN.replace("Q5 2026", "Q4 2026"), encoding="utf-8")
    assert _run(invoke, "check")[0] == 0
    assert _run(invoke, "check", "--streng")[0] == 1


def test_due_runs_on_the_rest(invoke: Invoke, real_plan: Path) -> None:
    """due runs (exit 0) with one stderr line; the compound owner's action is under both
    owners, the postponement is shown, the ownerless action has its own group, the
    theme's jaar: 2025 dates 2.1 a year before the plan's 1 juli, and the action whose
    wanneer is unreadable is listed last, with what is wrong instead of a date."""
    code, out, err = _run(invoke, "due")
    assert (code, err) == (0, ERRORS_LINE)
    # The empty Toelichting column is left out; the postponement fits on one line.
    group = (
        "Id   Actie                   Wanneer                                        Deadline    "
        "Dagen\n"
        f"{'─' * 100}\n"
        "1.1  Sessie met het college  1 juli (verschoven van 1 mei naar 1 jul 2026)  1 jul 2026  "
        "nog 11 dagen\n"
    )
    assert out == (
        "Gemeente Voorbeeld · peildatum 20 jun 2026 · binnenkort = t/m 20 jul 2026\n"
        "OOV (Openbare Orde en Veiligheid): 0 te laat, 1 binnenkort\n"
        f"{group}"
        "\n"
        "JZ (Juridische Zaken): 0 te laat, 1 binnenkort\n"
        f"{group}"
        "\n"
        "(geen actiehouder): 1 te laat, 0 binnenkort\n"
        "Id   Actie                       Wanneer  Deadline    Dagen\n"
        f"{'─' * 71}\n"
        "2.1  Integriteitsbeleid herzien  1 juli   1 jul 2025  354 dagen te laat\n"
        "\n"
        "Niet te plannen (wanneer onleesbaar): 1 actie\n"
        "Id   Actie              Actiehouder  Wanneer  Fout\n"
        f"{'─' * 64}\n"
        "1.2  Weerbaarheidsscan  OOV          Q5 2026  wanneer onleesbaar"
    )


@pytest.mark.parametrize(
    ("owner", "group"),
    [
        ("-", "(geen actiehouder): 1 te laat, 0 binnenkort"),
        ("juridische ZAKEN", "JZ (Juridische Zaken): 0 te laat, 1 binnenkort"),
        ("jz", "JZ (Juridische Zaken): 0 te laat, 1 binnenkort"),
        ("oov", "OOV (Openbare Orde en Veiligheid): 0 te laat, 1 binnenkort"),
    ],
)
def test_owner_by_code_name_or_none(
    invoke: Invoke, real_plan: Path, owner: str, group: str
) -> None:
    """--owner matches a code or full name case-insensitively; '-' selects the actions
    without an owner."""
    code, out, _ = _run(invoke, "due", "--owner", owner)
    assert code == 0
    assert out.splitlines()[1] == group
    assert len([line for line in out.splitlines() if "te laat," in line]) == 1


def test_unknown_owner_is_a_usage_error(invoke: Invoke, real_plan: Path) -> None:
    """An unknown --owner: exit 2, listing the known owners (free text ones too)."""
    code, out, err = _run(invoke, "due", "--owner", "XX")
    assert (code, out) == (2, "")
    assert err == ERRORS_LINE + (
        "limnorm: fout: actiehouder 'XX' komt niet voor in plan/spoorboekje.yaml; bekend: OOV, "
        "JZ, RIEC, of '-' voor acties zonder actiehouder\n"
    )


def test_theme_detail_shows_what_is_wrong(invoke: Invoke, real_plan: Path) -> None:
    """status thema 1, in natural id order: the unreadable action with 'wanneer onleesbaar'
    instead of a date, the postponement, and progress from voortgang (50% of one of three actions: 17%)."""
    code, out, err = _run(invoke, "status", "thema", "1")
    assert (code, err) == (0, ERRORS_LINE)
    assert out.split("\n\nNormen")[0] == (
        "Thema 1 · Bewustwording · stand op 20 jun 2026\n"
        "Id    Actie                      Wanneer                     Deadline            "
        "Actiehouder  Status\n"
        f"{'─' * 100}\n"
        "1.1   Sessie met het college     1 juli (verschoven van 1    1 jul 2026          "
        "OOV, JZ      open\n"
        "                                 mei naar 1 jul 2026)\n"
        "1.2   Weerbaarheidsscan          Q5 2026                     wanneer onleesbaar  "
        "OOV          open\n"
        "1.10  Samenwerking met partners  najaar                      30 nov 2026         "
        "RIEC         open\n"
        "3 acties: 0 gereed, 0 lopend, 3 open, 0 te laat · voortgang ██░░░░░░░░  17%"
    )


def test_json_carries_the_unknown_key_and_the_new_fields(invoke: Invoke, real_plan: Path) -> None:
    """due --format json: the organisation's own key under its own name, the compound
    owner split, milestone and original deadline, no owner as an empty list, and the
    unreadable action last, without a date or days."""
    code, out, err = _run(invoke, "due", "--format", "json")
    assert (code, err) == (0, ERRORS_LINE)
    first, second, third = json.loads(out)
    assert (third["id"], third["wanneer"], third["deadline"], third["categorie"]) == (
        "1.2", "Q5 2026", None, "wanneer_onleesbaar"
    )
    assert (third["dagen"], third["fouten"]) == (None, ["wanneer onleesbaar"])
    assert (first["id"], first["actiehouder"], first["deadline"]) == ("2.1", [], "2025-07-01")
    assert second == {
        "id": "1.1", "thema": 1, "actie": "Sessie met het college", "wanneer": "1 juli",
        "begin": "2026-07-01", "deadline": "2026-07-01", "soort": "dag", "notitie": None,
        "uitgesteld": True, "oorspronkelijk": "1 mei",
        "actiehouder": ["OOV", "JZ"], "status": "open", "gereed_op": None, "toelichting": None,
        "voortgang": None, "mijlpaal": True, "fouten": [],
        "categorie": "binnenkort", "dagen": 11, "budget": 5000,
    }  # fmt: skip


def test_timeline_marks_the_milestone_and_the_unreadable(invoke: Invoke, real_plan: Path) -> None:
    """timeline: the milestone as one mark on its day, the unreadable action undated with
    what is wrong."""
    code, out, err = _run(invoke, "timeline")
    assert (code, err) == (0, ERRORS_LINE)
    lines = out.splitlines()
    assert "1.1 Sessie met het college                                                 │ ◆" in lines
    assert "█ gereed  ▓ te laat  ▒ lopend  ░ open  · vervallen  ◆ mijlpaal  │ peildatum" in lines
    assert lines[-1] == "  1.2 Weerbaarheidsscan · Q5 2026 (wanneer onleesbaar) · open"


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["checklist"],
        ["report"],
        ["report", "--format", "html"],
        ["ics"],
        ["timeline", "--owner", "-"],
        ["status", "--format", "json"],
        ["due", "--format", "csv"],
        ["due", "--format", "markdown"],
    ],
)
def test_every_command_runs(invoke: Invoke, real_plan: Path, args: list[str]) -> None:
    """Every reading command runs on the plan (exit 0) and prints the one stderr line."""
    code, out, err = _run(invoke, *args)
    assert (code, err) == (0, ERRORS_LINE)
    assert out


def test_report_names_the_postponement_and_the_milestone(invoke: Invoke, real_plan: Path) -> None:
    """The report marks the milestone and lists the postponement from 'oorspronkelijk'."""
    _, out, _ = _run(invoke, "report")
    lines = out.splitlines()
    assert (
        "| 1.1 | ◆ mijlpaal: Sessie met het college | 1 juli (verschoven van 1 mei naar 1 jul "
        "2026) | 1 jul 2026 | OOV, JZ |  |"
    ) in lines
    assert "| 1.1 | Sessie met het college | 1 mei | 1 juli | 61 dagen later |" in lines


def test_without_jaar_year_less_forms_are_a_fout(invoke: Invoke, real_plan: Path) -> None:
    """Without jaar:, '1 juli' is a fout saying the year is missing; never today's year."""
    text = REAL_PLAN.replace("jaar: 2026\n", "").replace("    jaar: 2025\n", "")
    (real_plan / "spoorboekje.yaml").write_text(text, encoding="utf-8")
    code, out, _ = _run(invoke, "check")
    assert code == 1
    unreadable = [line for line in out.splitlines() if ": fout: " in line]
    assert [line.split(": fout: ")[1].split(":")[0] for line in unreadable] == [
        "actie 1.10", "actie 1.2", "actie 1.1", "actie 2.1",
    ]  # fmt: skip
    assert all("jaar ontbreekt" in line for line in unreadable if "Q5" not in line)


@pytest.mark.parametrize(
    ("ids", "ordered"),
    [
        (["1.10", "1.2", "1.1"], ["1.1", "1.2", "1.10"]),
        (["102.1.1", "2.1.1", "10.1", "2.1.10", "2.1.2"],
         ["2.1.1", "2.1.2", "2.1.10", "10.1", "102.1.1"]),
        (["A3", "A10", "a2", "B1", "1"], ["1", "a2", "A3", "A10", "B1"]),
        (["1.a", "1.2", "1"], ["1", "1.2", "1.a"]),
    ],
)  # fmt: skip
def test_ids_sort_naturally(ids: list[str], ordered: list[str]) -> None:
    """Free-text ids sort naturally: numbers by value (1.2 before 1.10), text ignoring case."""
    assert sorted(ids, key=id_key) == ordered


@given(st.lists(st.lists(st.integers(0, 300), min_size=1, max_size=4), max_size=12))
def test_numeric_ids_sort_as_numbers(parts: list[list[int]]) -> None:
    """For ids of dot-separated numbers, the natural order is that of the number tuples
    (compared by the stdlib, not by id_key): 1.2 before 1.10, 1 before 1.0."""
    ids = [".".join(map(str, p)) for p in parts]
    assert [tuple(map(int, i.split("."))) for i in sorted(ids, key=id_key)] == sorted(
        tuple(p) for p in parts
    )


def test_html_report_marks_the_milestone_on_its_day(invoke: Invoke, real_plan: Path) -> None:
    """The HTML report's timeline labels the milestone as one."""
    code, out, _ = _run(invoke, "report", "--format", "html")
    assert code == 0
    assert '<th scope="row">1.1 ◆ mijlpaal: Sessie met het college</th>' in out
