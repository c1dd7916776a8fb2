"""Options where people put them: shared options before the command, env vars, one meaning
per flag."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from limnorm.cli.app import app

from .conftest import ROOT, SAMPLE, Invoke

DAY = ["--as-of", "2024-07-01"]


@pytest.mark.parametrize(
    ("before", "command", "after"),
    [
        (["--data", str(SAMPLE), *DAY, "--format", "json"], ["due"], ["-a", "OOV"]),
        (["--data", str(SAMPLE), *DAY], ["status"], []),
        (["--format", "csv", "--data", str(SAMPLE)], ["checklist"], [*DAY]),
        (["--format=markdown", "--data", str(SAMPLE), *DAY], ["timeline"], []),
        (["--data", str(SAMPLE), "--format", "json"], ["check"], [*DAY]),
        (["--data", str(SAMPLE), "--no-cache"], ["when"], ["Q3 24"]),
    ],
)
def test_shared_options_before_the_command_mean_the_same(
    invoke: Invoke, before: list[str], command: list[str], after: list[str]
) -> None:
    """'limnorm --data X due' gives exactly what 'limnorm due --data X' gives."""
    if command == ["when"]:  # takes no --data/--no-cache: the second form must fail instead
        result = invoke([*before, *command, *after])
        assert result.exit_code == 2
        assert result.stderr.startswith("limnorm: fout: 'limnorm when' kent de optie --data niet.")
        return
    in_front = invoke([*before, *command, *after])
    behind = invoke([*command, *after, *before])
    assert in_front.exit_code == 0, in_front.output
    assert in_front.stdout == behind.stdout
    assert in_front.stdout.strip()


def test_an_option_after_the_command_wins(invoke: Invoke) -> None:
    """Given twice, the one closest to the command's own options counts (after the command)."""
    result = invoke(["--format", "csv", "due", "--format", "json", *DAY, "--data", str(SAMPLE)])
    assert result.stdout.startswith("[\n")


def test_regio_before_the_command(invoke: Invoke, tmp_path: Path) -> None:
    """--regio and --no-cache before 'compare' work as after it (--regio is required there)."""
    regio = tmp_path / "regio"
    shutil.copytree(SAMPLE, regio / "een")
    shutil.copytree(ROOT / "examples" / "ingevuld", regio / "twee")
    in_front = invoke(["--regio", str(regio), "--no-cache", "compare", *DAY, "--format", "json"])
    behind = invoke(["compare", "--regio", str(regio), "--no-cache", *DAY, "--format", "json"])
    assert in_front.exit_code == 0, in_front.output
    assert in_front.stdout == behind.stdout


@pytest.mark.parametrize(
    ("env", "args", "starts"),
    [
        ({"LIMNORM_FORMAT": "json"}, ["due"], "[\n"),
        ({"LIMNORM_FORMAT": "JSON"}, ["due"], "[\n"),
        ({"LIMNORM_FORMAT": "json"}, ["due", "--format", "csv"], "\ufeffId;"),
        ({"LIMNORM_FORMAT": "json"}, ["--format", "csv", "due"], "\ufeffId;"),
        # a form this command does not know is left out for it: the table
        ({"LIMNORM_FORMAT": "html"}, ["due"], "Gemeente Eijsden-Margraten"),
        ({"LIMNORM_FORMAT": "html"}, ["report"], "<!DOCTYPE html>"),
    ],
)
def test_limnorm_format_env_var(
    invoke: Invoke, env: dict[str, str], args: list[str], starts: str
) -> None:
    """$LIMNORM_FORMAT sets the output form where it fits; a flag always wins."""
    result = invoke([*args, *DAY], env={"LIMNORM_DATA": str(SAMPLE), **env})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(starts)


def test_a_misspelt_env_var_value_is_reported(invoke: Invoke) -> None:
    """LIMNORM_FORMAT=jsno is no form at all: said, with the choices, exit 2."""
    result = invoke(["due", *DAY], env={"LIMNORM_DATA": str(SAMPLE), "LIMNORM_FORMAT": "jsno"})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "limnorm: fout: LIMNORM_FORMAT=jsno: onbekende uitvoervorm; kies uit csv, html, json, "
        "markdown, table, xlsx."
    )


def test_an_option_before_a_command_without_it_is_an_error(invoke: Invoke) -> None:
    """'limnorm --regio R check': check has no --regio; said, not ignored."""
    result = invoke(["--regio", "r", "check"])
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == "limnorm: fout: 'limnorm check' kent de optie --regio niet."
    )


def _flags() -> dict[str, set[str]]:
    """Every short flag of every command, with the long options it belongs to."""
    from typer.main import get_command

    group = get_command(app)
    meanings: dict[str, set[str]] = {}
    for command in [group, *group.commands.values()]:  # type: ignore[attr-defined]
        for param in command.params:
            short = [o for o in param.opts if o.startswith("-") and not o.startswith("--")]
            long = [o for o in param.opts if o.startswith("--")]
            for flag in short:
                meanings.setdefault(flag, set()).update(long)
    return meanings


def test_one_meaning_per_short_flag() -> None:
    """A short flag means one long option in every command: -a --owner, -o --output."""
    assert _flags() == {"-a": {"--owner"}, "-o": {"--output"}}


def test_old_o_for_owner_says_where_it_went(invoke: Invoke) -> None:
    """'due -o OOV' (the old spelling) names the new flags instead of writing a file."""
    result = invoke(["due", "-o", "OOV", "--data", str(SAMPLE)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "limnorm: fout: -o OOV: -o is overal --output; een actiehouder kiest u met --owner of "
        "-a. Een bestand geeft u een extensie, zoals -o OOV.xlsx"
    )
    assert not Path("OOV").exists()  # nothing written in the working folder


def _options_of(name: str) -> set[str]:
    from typer.main import get_command

    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    return {opt for param in command.params for opt in param.opts}


READS_THE_PLAN = ["due", "status", "checklist", "check", "done", "history", "diff", "ics",
                  "report", "timeline", "compare"]  # fmt: skip
PRINTS_DATA = ["due", "status", "checklist", "compare", "when", "check", "done", "set", "answer",
               "history", "diff", "timeline"]  # fmt: skip


@pytest.mark.parametrize("name", READS_THE_PLAN)
def test_as_of_on_every_command_that_reads_the_plan(name: str) -> None:
    """--as-of is there wherever a date can matter (README: every command reading the plan)."""
    assert "--as-of" in _options_of(name)


@pytest.mark.parametrize("name", PRINTS_DATA)
def test_format_on_every_command_that_prints_data(name: str) -> None:
    """--format is there wherever a result is printed."""
    assert "--format" in _options_of(name)


def test_when_json_is_kept_as_alias(invoke: Invoke) -> None:
    """'when --json' still writes what 'when --format json' writes."""
    alias = invoke(["when", "--json", "Q3 24"])
    assert alias.exit_code == 0
    assert alias.stdout == invoke(["when", "--format", "json", "Q3 24"]).stdout
