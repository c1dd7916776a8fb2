"""The installed command end to end: exact output, exit codes, data discovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from limnorm.cli.app import app

from .conftest import SAMPLE, Invoke, strip_lines

DUE_OOV_JULY = """\
Gemeente Eijsden-Margraten · peildatum 1 jul 2024 · binnenkort = t/m 31 jul 2024
OOV (Openbare Orde en Veiligheid): 5 te laat, 0 binnenkort
Id   Actie                       Wanneer  Deadline     Dagen              Toelichting
────────────────────────────────────────────────────────────────────────────────────────────────────
1.1  Bewustwordingssessie        4-3-24   4 mrt 2024   119 dagen te laat
     directie/MT
0.1  Bespreken en invullen       mrt. 24  31 mrt 2024  92 dagen te laat   In samenspraak met
     checklist                                                            betrokken functionarissen
1.2  Bewustwordingssessie        2-4-24   2 apr 2024   90 dagen te laat
     college
6.1  Informeren raad, start      apr 24   30 apr 2024  62 dagen te laat   RIB, evt. presentatie
0.2  Startmemo voor directie en  jun. 24  30 jun 2024  1 dag te laat
     college"""


def test_due_owner_exact_output(invoke: Invoke) -> None:
    """The main job: what OOV has overdue on 1 July 2024, as the README shows it."""
    result = invoke(["due", "--owner", "OOV", "--as-of", "2024-07-01", "--data", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == DUE_OOV_JULY
    assert result.stderr == ""


def test_due_owner_is_case_insensitive(invoke: Invoke) -> None:
    """'--owner oov' gives the same list as '--owner OOV'."""
    args = ["due", "--as-of", "2024-07-01", "--data", str(SAMPLE), "--owner"]
    assert invoke([*args, "oov"]).stdout == invoke([*args, "OOV"]).stdout


def test_due_nothing(invoke: Invoke) -> None:
    """When nothing is due the command says so in a sentence and exits 0."""
    result = invoke(["due", "-a", "HRM", "--as-of", "2024-01-01", "--data", str(SAMPLE)])
    assert result.exit_code == 0
    assert strip_lines(result.stdout) == (
        "Gemeente Eijsden-Margraten · peildatum 1 jan 2024 · binnenkort = t/m 31 jan 2024\n"
        "Niets te laat en niets binnenkort voor HRM."
    )


def test_due_json(invoke: Invoke) -> None:
    """JSON gives one object per due action with the documented keys and values."""
    result = invoke(
        [
            "due",
            "--as-of",
            "2024-09-20",
            "--within",
            "2w",
            "--format",
            "json",
            "--data",
            str(SAMPLE),
        ]
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == [
        "1.1", "0.1", "1.2", "6.1", "0.2", "1.4", "1.5", "4.1", "4.2", "5.1", "6.2",
    ]  # fmt: skip
    assert items[0] == {
        "id": "1.1",
        "thema": 1,
        "actie": "Bewustwordingssessie directie/MT",
        "wanneer": "4-3-24",
        "begin": "2024-03-04",
        "deadline": "2024-03-04",
        "soort": "dag",
        "notitie": None,
        "uitgesteld": False,
        "oorspronkelijk": None,
        "actiehouder": ["OOV"],
        "status": "open",
        "gereed_op": None,
        "toelichting": None,
        "voortgang": None,
        "mijlpaal": False,
        "fouten": [],
        "categorie": "te_laat",
        "dagen": -200,
    }
    assert items[-1]["categorie"] == "binnenkort"
    assert items[-1]["dagen"] == 10


def test_fail_on_overdue(invoke: Invoke) -> None:
    """--fail-on-overdue exits 1 only when something is late."""
    base = ["due", "--data", str(SAMPLE), "--fail-on-overdue", "--as-of"]
    assert invoke([*base, "2024-03-04"]).exit_code == 0
    assert invoke([*base, "2024-03-05"]).exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--owner", "OOF"], "limnorm: fout: actiehouder 'OOF' komt niet voor in"),
        (["due", "--within", "straks"], "limnorm: fout: 'straks' is geen termijn"),
        (["due", "--as-of", "1-7-2024"], "limnorm: fout: --as-of '1-7-2024' moet de vorm"),
        (["status", "thema", "9"], "limnorm: fout: thema 9 staat niet in het spoorboekje"),
        (["status", "alles"], "limnorm: fout: 'alles' is geen thema"),
    ],
)
def test_usage_errors_exit_2_with_a_dutch_message(
    invoke: Invoke, args: list[str], message: str
) -> None:
    """Bad command-line values are explained on stderr, exit code 2, no traceback."""
    result = invoke([*args, "--data", str(SAMPLE)])
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr


STATUS_OCTOBER = """\
Gemeente Eijsden-Margraten · stand op 1 okt 2024
Nr  Thema                                     Acties  Gereed  Lopend  Open  Te laat  Voortgang
────────────────────────────────────────────────────────────────────────────────────────────────────
 0  0-meting                                       2       0       0     2        2  ░░░░░░░░░░   0%
 1  Bewustwording en organisatie                   5       0       0     5        4  ░░░░░░░░░░   0%
 2  Integriteit en veilige werkomgeving            1       0       0     1        0  ░░░░░░░░░░   0%
 3  Veilige publieke taak                          1       0       0     1        0  ░░░░░░░░░░   0%
 4  Informatiepositie en                           3       0       0     3        2  ░░░░░░░░░░   0%
    informatieveiligheid
 5  Beleid en handhaving                           2       0       0     2        1  ░░░░░░░░░░   0%
 6  Communicatie                                   3       0       0     3        2  ░░░░░░░░░░   0%

    Totaal                                        17       0       0    17       11  ░░░░░░░░░░   0%

Normen (0-meting)
Nr  Thema                          Uitgevoerd  In ontw.  Ontbreekt  N.v.t.  Onbeantw.  Voldoet  Fase
────────────────────────────────────────────────────────────────────────────────────────────────────
 1  Bewustwording en organisatie            0         0          0       0          4      nee     –
 2  Integriteit en veilige                  0         0          0       0          9      nee     –
    werkomgeving
 3  Veilige publieke taak                   0         0          0       0          5      nee     –
 4  Informatiepositie en                    0         0          0       0          2      nee     –
    informatieveiligheid
 5  Beleid en handhaving                    0         0          0       0          4      nee     –
 6  Communicatie                            0         0          0       0          3      nee     –"""


def test_status_exact_output(invoke: Invoke) -> None:
    """'status' shows each theme's counts and a bar readable without colour."""
    result = invoke(["status", "--as-of", "2024-10-01", "--data", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == STATUS_OCTOBER


def test_status_progress_with_done_actions(invoke: Invoke, sample_dir: Path) -> None:
    """Marking actions gereed moves the counts and the bar."""
    path = sample_dir / "spoorboekje.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "wanneer: 4-3-24\n        actiehouder: OOV\n",
        "wanneer: 4-3-24\n        actiehouder: OOV\n        status: gereed\n"
        "        gereed_op: 2024-03-04\n",
    ).replace(
        "wanneer: 2-4-24\n        actiehouder: OOV\n",
        "wanneer: 2-4-24\n        actiehouder: OOV\n        status: lopend\n",
    )
    path.write_text(text, encoding="utf-8")
    result = invoke(["status", "--as-of", "2024-10-01", "--data", str(sample_dir)])
    lines = strip_lines(result.stdout).splitlines()
    assert lines[4] == (
        " 1  Bewustwording en organisatie                   5       1       1     3        3"
        "  ██░░░░░░░░  20%"
    )


THEME_FOUR = """\
Thema 4 · Informatiepositie en informatieveiligheid · stand op 1 okt 2024
Id   Actie                      Wanneer  Deadline     Actiehouder  Status   Toelichting
────────────────────────────────────────────────────────────────────────────────────────────────────
4.1  Gestructureerd en op       Q3 24    30 sep 2024  OOV          te laat
     juridisch verantwoorde
     wijze verzamelen,
     verwerken en delen van
     informatie op het thema
     ondermijning
4.2  Vaststellen en/of          Q3 24    30 sep 2024  OOV          te laat
     actualiseren beleid, code
     en protocollen
4.3  Waarborgen adequate en     2024     31 dec 2024  F&I          open     Richtlijnen worden
     juiste                                                                 gevolgd.
     informatiebeveiliging
3 acties: 0 gereed, 0 lopend, 3 open, 2 te laat · voortgang ░░░░░░░░░░   0%"""


def test_status_theme_exact_output(invoke: Invoke) -> None:
    """'status thema 4' shows the theme's actions and each one's state, then its norms."""
    result = invoke(["status", "thema", "4", "--as-of", "2024-10-01", "--data", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout).startswith(THEME_FOUR + "\n\nNormen\n")
    assert "Thema 4 heeft nog geen eigen inschatting" in result.stdout


def test_status_json(invoke: Invoke) -> None:
    """Status JSON carries the same figures as the table."""
    result = invoke(["status", "--as-of", "2024-10-01", "--format", "json", "--data", str(SAMPLE)])
    data = json.loads(result.stdout)
    assert data["peildatum"] == "2024-10-01"
    assert data["themas"][1] == {
        "nr": 1, "titel": "Bewustwording en organisatie", "totaal": 5, "gereed": 0,
        "lopend": 0, "open": 5, "vervallen": 0, "te_laat": 4, "voortgang": 0.0,
        "normen": {"uitgevoerd": 0, "in_ontwikkeling": 0, "ontbreekt": 0, "nvt": 0,
                   "onbeantwoord": 4, "voldoet": False},
        "fase": None,
    }  # fmt: skip
    assert data["themas"][0]["normen"] is None  # the 0-meting is no theme of the norm
    assert data["totaal"]["te_laat"] == 11
    detail = invoke(
        ["status", "thema", "4", "--as-of", "2024-10-01", "--format", "json", "--data", str(SAMPLE)]
    )
    thema = json.loads(detail.stdout)["thema"]
    assert [(a["id"], a["staat"]) for a in thema["acties"]] == [
        ("4.1", "te_laat"), ("4.2", "te_laat"), ("4.3", "open"),
    ]  # fmt: skip


WHEN = """\
Wanneer     Van         Tot en met   Soort
───────────────────────────────────────────────
Q3/Q4 24    1 jul 2024  31 dec 2024  periode
mrt. 24     1 mrt 2024  31 mrt 2024  maand
doorlopend                           doorlopend
Q5 24                                fout
fout: 'Q5 24': Q5 bestaat niet; een jaar heeft er 4 (Q1 t/m Q4)"""


def test_when_table(invoke: Invoke) -> None:
    """'when' shows how each text is read; one bad text makes the exit code 1."""
    result = invoke(["when", "Q3/Q4 24", "mrt. 24", "doorlopend", "Q5 24"])
    assert result.exit_code == 1
    assert strip_lines(result.stdout) == WHEN


WHEN_SPANS = """\
Wanneer                   Van         Tot en met   Soort
───────────────────────────────────────────────────────────
eind 2027 t/m begin 2027                           fout
Q2 t/m 26                                          fout
Q2/26                     1 apr 2026  30 jun 2026  kwartaal
fout: 'eind 2027 t/m begin 2027': het begin (1 okt 2027) ligt na het eind (31 mrt 2027)
fout: 'Q2 t/m 26': na 't/m' kan '26' een jaar, een week of een dag zijn; schrijf het eind voluit,
zoals 'Q2 t/m Q4 2026' of 'Q2 2026 t/m week 26'"""


def test_when_says_days_as_the_tables_do_and_never_guesses_a_bare_end(invoke: Invoke) -> None:
    """A span that ends before it begins names its days as the Van and Tot en met columns
    do (not 2027-10-01); "Q2 t/m 26" is a fout that says what to write, not Q2 2026;
    "Q2/26" is Q2 2026."""
    result = invoke(["when", "eind 2027 t/m begin 2027", "Q2 t/m 26", "Q2/26"])
    assert result.exit_code == 1
    assert strip_lines(result.stdout) == WHEN_SPANS


BARE_END_PLAN = """\
organisatie: T
actiehouders: {OOV: Openbare Orde en Veiligheid}
themas:
  - nr: 1
    titel: A
    acties:
      - {id: "1.1", actie: Scan, wanneer: Q2 t/m 26, actiehouder: OOV}
      - {id: "1.2", actie: Sessie, wanneer: Q3 2026, actiehouder: OOV}
"""


def test_a_bare_end_in_a_plan_is_a_fout_and_due_runs_on_the_rest(
    invoke: Invoke, tmp_path: Path
) -> None:
    """In a plan "Q2 t/m 26" is a fout at its place (check exits 1); due still shows the
    other actions and lists this one as not to be planned, with no date guessed."""
    (tmp_path / "spoorboekje.yaml").write_text(BARE_END_PLAN, encoding="utf-8")
    check = invoke(["check", "--data", str(tmp_path)])
    assert check.exit_code == 1
    assert check.stdout == (
        "spoorboekje.yaml:7:43: fout: actie 1.1: wanneer: 'Q2 t/m 26': na 't/m' kan '26' een "
        "jaar, een week of een dag zijn; schrijf het eind voluit, zoals 'Q2 t/m Q4 2026' of "
        "'Q2 2026 t/m week 26'\n1 fout, 0 waarschuwingen in spoorboekje.yaml\n"
    )
    due = invoke(["due", "--as-of", "2026-09-01", "--format", "json", "--data", str(tmp_path)])
    assert due.exit_code == 0
    assert [(a["id"], a["deadline"], a["soort"]) for a in json.loads(due.stdout)] == [
        ("1.2", "2026-09-30", "kwartaal"),
        ("1.1", None, "onleesbaar"),
    ]


def test_when_json(invoke: Invoke) -> None:
    """'when --json' prints wanneer, the period's keys and fout per text."""
    result = invoke(["when", "--json", "Q3/Q4 24", "Q5 24"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"wanneer": "Q3/Q4 24", "begin": "2024-07-01", "deadline": "2024-12-31",
         "soort": "periode", "notitie": None, "uitgesteld": False, "oorspronkelijk": None,
         "fout": None},
        {"wanneer": "Q5 24", "begin": None, "deadline": None, "soort": None, "notitie": None,
         "uitgesteld": None, "oorspronkelijk": None,
         "fout": "'Q5 24': Q5 bestaat niet; een jaar heeft er 4 (Q1 t/m Q4)"},
    ]  # fmt: skip
    assert invoke(["when", "--json", "2024"]).exit_code == 0


def test_when_takes_the_year_for_yearless_texts(invoke: Invoke) -> None:
    """'when --jaar' reads '1 juli' as a plan with 'jaar: 2026' would; without it the year
    is missing, never taken from today."""
    result = invoke(["when", "--json", "--jaar", "2026", "1 juli", "najaar"])
    assert result.exit_code == 0, result.output
    assert [(r["begin"], r["deadline"]) for r in json.loads(result.stdout)] == [
        ("2026-07-01", "2026-07-01"),
        ("2026-09-01", "2026-11-30"),
    ]
    missing = invoke(["when", "--json", "1 juli"])
    assert missing.exit_code == 1
    assert "het jaar ontbreekt" in json.loads(missing.stdout)[0]["fout"]


def test_when_hints_at_quotes_for_a_split_text(invoke: Invoke) -> None:
    """`limnorm when Q3 2026` (unquoted: two texts) fails on 'Q3' and says to quote the
    text; texts that fail on their own get no such hint."""
    split = invoke(["when", "Q3", "2026"])
    assert split.exit_code == 1
    assert split.stderr == (
        "limnorm: tip: zet een tekst met spaties tussen aanhalingstekens: limnorm when 'Q3 "
        "2026'\n"
    )
    separate = invoke(["when", "Q3/Q4 24", "Q5 24"])
    assert separate.exit_code == 1
    assert separate.stderr == ""


BAD_PLAN = """\
organisatie: T
actiehouders: {OOV: Openbare Orde en Veiligheid}
themas:
  - nr: 1
    titel: A
    acties:
      - id: "1.1"
        actie: X
        wanneer: Q5 24
        actiehoudr: OOV
"""


def test_check_reports_located_findings(invoke: Invoke, write_plan: Callable[[str], Path]) -> None:
    """check prints file:line:col: fout or waarschuwing per problem and exits 1 on a fout."""
    folder = write_plan(BAD_PLAN)
    result = invoke(["check", "--data", str(folder)])
    assert result.exit_code == 1
    name = os.path.relpath(folder / "spoorboekje.yaml")
    assert strip_lines(result.stdout) == (
        f"{name}:7:9: waarschuwing: actie 1.1: geen actiehouder; vul 'actiehouder:' in "
        "('limnorm due' toont de actie onder '(geen actiehouder)')\n"
        f"{name}:9:18: fout: actie 1.1: wanneer: 'Q5 24': Q5 bestaat niet; een jaar heeft er 4 (Q1 t/m Q4)\n"
        f"{name}:10:9: waarschuwing: actie 1.1: onbekende sleutel 'actiehoudr' in een actie (bedoelt u "
        "'actiehouder'?); limnorm bewaart hem ongewijzigd maar leest hem niet\n"
        f"1 fout, 2 waarschuwingen in {name}"
    )


def test_check_json(invoke: Invoke, write_plan: Callable[[str], Path]) -> None:
    """check --format json gives machine-readable findings."""
    folder = write_plan(BAD_PLAN)
    result = invoke(["check", "--format", "json", "--data", str(folder)])
    data = json.loads(result.stdout)
    assert (data["fouten"], data["waarschuwingen"]) == (1, 2)
    assert data["meldingen"][1]["regel"] == 9
    assert data["meldingen"][1]["kolom"] == 18
    assert data["meldingen"][1]["ernst"] == "fout"


def test_check_clean_sample(invoke: Invoke) -> None:
    """The sample passes check."""
    result = invoke(["check", "--data", str(SAMPLE), "--as-of", "2024-10-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Geen problemen gevonden in ")


def test_other_commands_run_on_the_rest(invoke: Invoke, write_plan: Callable[[str], Path]) -> None:
    """A fout in one action does not stop due and status: they run (exit 0) and say in
    one stderr line that check has more."""
    folder = write_plan(BAD_PLAN)
    name = os.path.relpath(folder / "spoorboekje.yaml")
    for command in (["due"], ["status"]):
        result = invoke([*command, "--data", str(folder), "--as-of", "2024-07-01"])
        assert result.exit_code == 0, result.output
        assert result.stderr == f"limnorm: 1 fout in {name}; zie 'limnorm check'\n"
        assert result.stdout


def test_yaml_syntax_error_is_located(invoke: Invoke, write_plan: Callable[[str], Path]) -> None:
    """A YAML syntax error names file, line and column in check and elsewhere."""
    folder = write_plan('organisatie: "Test\nthemas: []\n')
    check = invoke(["check", "--data", str(folder)])
    assert check.exit_code == 2  # fataal: the file cannot be used at all
    assert ":3:1: fataal: het bestand houdt op midden in tekst tussen aanhalingstekens" in check.stdout
    due = invoke(["due", "--data", str(folder)])
    assert due.exit_code == 2
    assert ":3:1: fataal: het bestand houdt op midden in tekst tussen aanhalingstekens" in due.stderr


def test_missing_data_folder(invoke: Invoke, tmp_path: Path) -> None:
    """--data naming a folder that does not exist is a clear error, exit 2."""
    result = invoke(["due", "--data", str(tmp_path / "nergens")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"limnorm: fout: {tmp_path / 'nergens'}: --data: bestaat niet")


def test_sample_is_used_with_a_notice(invoke: Invoke) -> None:
    """With no data anywhere, the built-in sample is used and stderr says so in one line."""
    result = invoke(["due", "--owner", "OOV", "--as-of", "2024-07-01"])
    assert result.exit_code == 0
    assert strip_lines(result.stdout) == DUE_OOV_JULY
    assert result.stderr.count("\n") == 1
    assert "voorbeeldgegevens (Eijsden-Margraten) worden gebruikt" in result.stderr


def test_data_found_in_ancestor_folder(
    invoke: Invoke, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like git finds .git: a data/spoorboekje.yaml in a parent folder is used."""
    repo = sample_dir.parent / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "spoorboekje.yaml").write_text(
        (sample_dir / "spoorboekje.yaml")
        .read_text(encoding="utf-8")
        .replace("Gemeente Eijsden-Margraten", "Gemeente Voorbeeld"),
        encoding="utf-8",
    )
    deep = repo / "notities" / "2024"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = invoke(["status", "--as-of", "2024-10-01"])
    assert result.stderr == ""
    assert result.stdout.startswith("Gemeente Voorbeeld · stand op 1 okt 2024")


def test_env_var_names_the_data(invoke: Invoke, sample_dir: Path) -> None:
    """$LIMNORM_DATA is used when --data is not given; --data wins over it."""
    (sample_dir / "spoorboekje.yaml").write_text(
        (SAMPLE / "spoorboekje.yaml")
        .read_text(encoding="utf-8")
        .replace("Gemeente Eijsden-Margraten", "Gemeente Env"),
        encoding="utf-8",
    )
    result = invoke(["status", "--as-of", "2024-10-01"], env={"LIMNORM_DATA": str(sample_dir)})
    assert result.stdout.startswith("Gemeente Env")
    result = invoke(
        ["status", "--as-of", "2024-10-01", "--data", str(SAMPLE)],
        env={"LIMNORM_DATA": str(sample_dir)},
    )
    assert result.stdout.startswith("Gemeente Eijsden-Margraten")


def test_markup_in_user_text_is_printed_literally(
    invoke: Invoke, write_plan: Callable[[str], Path]
) -> None:
    """Rich markup and escape sequences in the data are shown as text, not obeyed."""
    folder = write_plan("""
        organisatie: "[bold red]Gemeente[/] \\e[2J"
        themas:
          - nr: 1
            titel: A
            acties:
              - {id: "1.1", actie: "[blink]X", wanneer: 2024, actiehouder: OOV}
    """)
    result = invoke(["due", "--as-of", "2025-01-01", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert "[bold red]Gemeente[/] " in result.stdout
    assert "[blink]X" in result.stdout
    assert "\x1b" not in result.stdout


def test_no_ansi_codes_without_a_terminal(invoke: Invoke) -> None:
    """Output to a pipe carries no colour codes even when NO_COLOR is not set."""
    result = invoke(["due", "--as-of", "2024-07-01", "--data", str(SAMPLE)], env={"NO_COLOR": ""})
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("command", ["due", "status", "when", "check"])
def test_every_command_has_dutch_help(invoke: Invoke, command: str) -> None:
    """Each command explains itself with --help and documents --as-of where it applies."""
    result = invoke([command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout or "Gebruik" in result.stdout
    registered = {
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    }
    assert command in registered


def test_python_dash_m_and_version() -> None:
    """'python -m limnorm --version' works, so the package is runnable without the script."""
    result = subprocess.run(
        [sys.executable, "-m", "limnorm", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("limnorm ")


def test_lean_app_routes_to_one_command() -> None:
    """The entry point builds only the command being run; help and unknown words get all."""
    from limnorm.cli.app import _lean_app

    lean = _lean_app(["due", "--owner", "OOV"])
    assert [c.callback.__name__ for c in lean.registered_commands if c.callback] == ["due"]
    assert lean.registered_callback is app.registered_callback
    assert _lean_app(["set", "1.1", "status", "open"]).registered_commands[0].name == "set"
    for argv in (["--data", "x", "due"], ["--no-cache", "--format=json", "due"]):
        assert [c.callback.__name__ for c in _lean_app(argv).registered_commands if c.callback] == [
            "due"
        ]
    for argv in ([], ["--help"], ["--version"], ["onbekend"], ["--data", "x"], ["--help", "due"]):
        assert _lean_app(argv) is app


def test_installed_entry_point_runs_commands_and_help(tmp_path: Path) -> None:
    """Through the real entry point: a command runs, and top-level help lists every command."""
    # The cache in the test's folder: the sample lies in git, so 'due' caches its history.
    env = {**os.environ, "LIMNORM_DATA": str(SAMPLE), "COLUMNS": "120", "NO_COLOR": "1",
           "LIMNORM_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    due = subprocess.run(
        [sys.executable, "-m", "limnorm", "due", "-a", "OOV", "--as-of", "2024-07-01", "--format", "json"],
        capture_output=True, text=True, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert due.returncode == 0, due.stderr
    assert [i["id"] for i in json.loads(due.stdout)] == ["1.1", "0.1", "1.2", "6.1", "0.2"]
    helped = subprocess.run(
        [sys.executable, "-m", "limnorm", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    for command in ("due", "status", "checklist", "compare", "history", "timeline"):
        assert command in helped.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [(["when", "Q3 24"], 0), (["when", "Q5 24"], 1), (["due", "--owner", "XYZ"], 2), (["nope"], 2)],
)
def test_entry_point_keeps_exit_codes(args: list[str], code: int, tmp_path: Path) -> None:
    """The entry point ends the process itself after flushing; exit codes and output survive."""
    env = {**os.environ, "LIMNORM_DATA": str(SAMPLE), "NO_COLOR": "1",
           "LIMNORM_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "limnorm", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == code, result.stderr
    assert result.stdout or result.stderr
    assert "Traceback" not in result.stderr


def test_an_exception_in_a_command_fails_the_test(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner catches exceptions (they never reach result.output), so the invoke
    fixture checks result.exception: a command that would show a traceback fails."""
    from limnorm.queries import plan

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(plan, "status", broken)
    with pytest.raises(AssertionError, match=r"limnorm status --data .* raised"):
        invoke(["status", "--data", str(SAMPLE)])


NATURAL_ORDER_PLAN = """
    organisatie: Gemeente Proef
    themas:
      - nr: 1
        titel: Bewustwording
        acties:
          - {id: "102.1.10", actie: Tiende, wanneer: Q3 24, actiehouder: OOV}
          - {id: "102.1.2", actie: Tweede, wanneer: Q4 24, actiehouder: OOV}
"""


def test_theme_timeline_and_report_list_ids_in_natural_order(
    invoke: Invoke, write_plan: Callable[[str], Path]
) -> None:
    """status thema N, timeline and the report's theme table list 102.1.2 before
    102.1.10 (natural id order), not in the order of the file."""
    folder = str(write_plan(NATURAL_ORDER_PLAN))
    common = ["--data", folder, "--as-of", "2024-06-01"]
    theme = json.loads(invoke(["status", "thema", "1", *common, "--format", "json"]).stdout)
    assert [a["id"] for a in theme["thema"]["acties"]] == ["102.1.2", "102.1.10"]
    timeline = json.loads(invoke(["timeline", *common, "--format", "json"]).stdout)
    assert [a["id"] for a in timeline["acties"]] == ["102.1.2", "102.1.10"]
    report = invoke(["report", *common]).stdout
    assert (
        "| 102.1.2 | Tweede | Q4 24 | OOV | open |\n| 102.1.10 | Tiende | Q3 24 | OOV | open |"
        in report
    )


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("- a\n- b\n", "spoorboekje.yaml:1:1: fataal: het spoorboekje moet een blok met sleutels "
         "zijn, maar is een lijst"),
        ("organisatie: Proef\nthemas: [\n", "spoorboekje.yaml:3:1: fataal:"),
    ],
)  # fmt: skip
def test_check_on_a_fataal_file_exits_2(
    invoke: Invoke, write_plan: Callable[[str], Path], text: str, finding: str
) -> None:
    """check on a file that cannot be used at all (a list at the top, broken YAML) exits
    2, the exit code of fataal in README, and labels it "fataal", not "fout"; a fout in
    one action stays exit 1."""
    folder = write_plan(text)
    result = invoke(["check", "--data", str(folder), "--as-of", "2024-06-01"])
    assert result.exit_code == 2, result.output
    assert finding in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 fataal, 0 fouten, 0 waarschuwingen in ")
