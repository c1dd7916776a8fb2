"""Typer's and Click's own words in Dutch: help of every command, every kind of usage error."""

from __future__ import annotations

import re

import pytest

from limnorm.cli.app import app

from .conftest import SAMPLE, Invoke

COMMANDS = sorted(
    c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
)

# Words Typer and Click write when left to themselves.
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|default:|\[required\]|Error|"
    r"Try '|Invalid value|Missing|No such|Did you mean|Possible options|is not|"
    r"Got unexpected|requires an|does not take|env var|Aborted",
)


def test_the_walk_covers_every_command() -> None:
    """The parametrised walk below reaches every registered command (none forgotten)."""
    assert len(COMMANDS) >= 16
    assert {"due", "status", "set", "timeline", "completion"} <= set(COMMANDS)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_of_every_command_is_dutch(invoke: Invoke, command: str) -> None:
    """Every --help page has Dutch headings and markers and no word of Typer's English."""
    result = invoke([*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Gebruik: limnorm {command}".replace("  ", " "))
    assert "Opties:" in result.stdout
    assert "--help" in result.stdout
    assert "Toon deze hulp en stop." in result.stdout
    assert not ENGLISH.search(result.stdout), ENGLISH.search(result.stdout)
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_help_of_a_command_exactly(invoke: Invoke) -> None:
    """The help page of 'done', line for line: usage, text, arguments, options, defaults."""
    result = invoke(["done", "--help"], env={"COLUMNS": "80"})
    assert result.stdout == (
        "Gebruik: limnorm done [OPTIES] ID\n"
        "\n"
        "  Zet een actie op gereed, met de dag waarop ze af was.\n"
        "\n"
        "Argumenten:\n"
        "  ID  Id van de actie, bijv. 1.2. [verplicht]\n"
        "\n"
        "Opties:\n"
        "  --op TEKST            Dag van gereedkomen (standaard: de peildatum).\n"
        "  --data PAD            Map met spoorboekje.yaml (anders: $LIMNORM_DATA, de\n"
        "                        dichtstbijzijnde map erboven met spoorboekje.yaml of\n"
        "                        data/spoorboekje.yaml, of de voorbeeldgegevens).\n"
        "  --as-of JJJJ-MM-DD    Peildatum (standaard: vandaag).\n"
        "  --format FORMAAT      Uitvoer als tabel, JSON, CSV, Markdown of een\n"
        "                        Excel-werkboek (xlsx, met -o). [kies uit: table, json,\n"
        "                        csv, markdown, xlsx] [standaard: table]\n"
        "  --output, -o BESTAND  Schrijf naar dit bestand (- is het scherm).\n"
        "  --help                Toon deze hulp en stop.\n"
    )


ERRORS = [
    # (arguments, the first line on stderr)
    (["stauts"], "limnorm: fout: onbekende opdracht 'stauts'. Bedoelt u 'status'?"),
    (["xyzzy"], "limnorm: fout: onbekende opdracht 'xyzzy'."),
    (
        ["due", "--fromat", "json"],
        "limnorm: fout: onbekende optie --fromat. Bedoelt u --at of --format?",
    ),
    (["due", "-x"], "limnorm: fout: onbekende optie -x."),
    (["--bestaatniet"], "limnorm: fout: onbekende optie --bestaatniet."),
    (
        ["due", "--format", "xx"],
        "limnorm: fout: ongeldige waarde voor --format: 'xx' kan niet; kies uit 'table', 'json', 'csv', 'markdown', 'xlsx'.",
    ),
    (
        ["compare", "--regio", "r", "--sorteer", "abc"],
        "limnorm: fout: ongeldige waarde voor --sorteer: 'abc' is geen getal.",
    ),
    (["done"], "limnorm: fout: argument ID ontbreekt."),
    (["compare"], "limnorm: fout: optie --regio ontbreekt."),
    (["due", "--owner"], "limnorm: fout: optie --owner heeft een waarde nodig."),
    (["due", "extra"], "limnorm: fout: te veel argumenten: extra."),
    (["due", "--no-cache=ja"], "limnorm: fout: optie --no-cache neemt geen waarde."),
    (["--data", "x"], "limnorm: fout: geef een opdracht."),
    (["--format"], "limnorm: fout: optie --format heeft een waarde nodig."),
    (
        ["set", "1.1", "toelichting", "-vooraf"],
        "limnorm: fout: onbekende optie -v. Begint een waarde met '-', zet er dan -- voor: "
        "limnorm set ... -- -vooraf",
    ),
]


@pytest.mark.parametrize(("args", "first_line"), ERRORS)
def test_every_kind_of_usage_error_is_dutch(
    invoke: Invoke, args: list[str], first_line: str
) -> None:
    """Each kind of Typer/Click usage error: a Dutch message, usage, where help is; exit 2."""
    result = invoke([*args, "--data", str(SAMPLE)] if args[0] == "done" else args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == first_line
    assert not ENGLISH.search(result.stderr), result.stderr
    assert result.stdout == ""


def test_usage_error_shows_usage_and_help_hint(invoke: Invoke) -> None:
    """After the message: the usage line of the command and the way to its help."""
    result = invoke(["done"])
    assert result.stderr == (
        "limnorm: fout: argument ID ontbreekt.\n"
        "Gebruik: limnorm done [OPTIES] ID\n"
        "Meer uitleg: limnorm done --help\n"
    )


def test_values_may_start_with_a_dash(invoke: Invoke, sample_dir: object) -> None:
    """'set 1.1 toelichting "-5 dagen"' sets the text; '--' passes any value through."""
    result = invoke(["set", "1.1", "toelichting", "-5 dagen", "--data", str(sample_dir)])
    assert result.exit_code == 0, result.output
    assert "toelichting: (leeg) → -5 dagen" in result.stdout
    result = invoke(["set", "--data", str(sample_dir), "1.1", "toelichting", "--", "-vooraf"])
    assert result.exit_code == 0, result.output
    assert "→ -vooraf" in result.stdout


@pytest.mark.parametrize("width", [40, 60])
def test_help_fits_a_narrow_terminal_without_breaking_words(invoke: Invoke, width: int) -> None:
    """At 40 and 60 columns no help line is wider than the terminal (Click's floor is 50)
    and no word is split: 'spoorboekje.yaml' and 'git-commit' stay whole."""
    for command in ("", "ics", "set"):
        result = invoke([*command.split(), "--help"], env={"COLUMNS": str(width)})
        assert all(len(line) <= width for line in result.stdout.splitlines()), result.stdout
        assert "spoorb" not in result.stdout.replace("spoorboekje", "")
    ics = invoke(["ics", "--help"], env={"COLUMNS": str(width)}).stdout
    assert "git-commit," in ics


def test_no_arguments_shows_help_on_stderr(invoke: Invoke) -> None:
    """'limnorm' alone shows the Dutch overview of commands (as Click does: exit 2)."""
    result = invoke([])
    assert result.exit_code == 2
    assert result.stderr.startswith("Gebruik: limnorm [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Opdrachten:" in result.stderr


def _command_paths() -> list[list[str]]:
    """Every command and subcommand of the installed app, as argument lists."""
    import typer.main

    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        paths.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("width", [80, 120])
def test_no_help_text_is_cut_off(invoke: Invoke, width: int) -> None:
    """Every command's --help at 80 and 120 columns: brackets balanced on the usage line
    and in every option's name ('--smtp HOST[:POORT]', not 'HOST[:POORT'), and over the
    whole text; no doubled dots ('[BESTAND]......]' once came from a metavar with its own
    brackets and dots)."""
    paths = _command_paths()
    assert len(paths) > 15  # the walk found the commands, not just the top
    for path in paths:
        result = invoke([*path, "--help"], env={"COLUMNS": str(width)})
        assert result.exit_code == 0, (path, result.output)
        text = result.stdout
        assert "...." not in text, (path, text)
        assert "]...]" not in text, (path, text)
        assert _balanced(text), (path, text)
        for line in text.splitlines():
            if line.startswith("Gebruik:") or line.lstrip().startswith("-"):
                term = line.strip().split("  ")[0]
                assert _balanced(term), (path, line)
    check = invoke(["check", "--help"], env={"COLUMNS": str(width)}).stdout
    assert check.startswith("Gebruik: limnorm check [OPTIES] [BESTAND...]\n")
    remind = invoke(["remind", "--help"], env={"COLUMNS": str(width)}).stdout
    assert "  --smtp HOST[:POORT]  Mailserver" in remind
