"""Shell completion through the completion protocol, on the installed command.

The shell scripts run ``limnorm`` with ``_LIMNORM_COMPLETE`` and the words typed so
far; these tests do the same in a subprocess, and once through bash itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE
from .test_git import Repo

SCRIPT = Path(sys.executable).with_name("limnorm")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "limnorm"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_LIMNORM", "LIMNORM"))}
    return {**env, "LIMNORM_DATA": str(SAMPLE), **extra}


def bash_complete(words: str, cwd: Path, **env: str) -> list[str]:
    """What ``limnorm`` answers bash for the line ``words`` (the cursor on the last word)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = subprocess.run(
        COMMAND,
        env=_env(_LIMNORM_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword), **env),
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.split()


COMPLETIONS = [
    ("limnorm st", ["status"]),
    ("limnorm done 1.", ["1.1", "1.2", "1.3", "1.4", "1.5"]),
    ("limnorm history 6", ["6.1", "6.2", "6.3"]),
    ("limnorm set 4", ["4.1", "4.2", "4.3"]),
    # every field 'set' accepts (the list in README's 'limnorm set' section)
    ("limnorm set 1.1 ", ["status", "wanneer", "actiehouder", "toelichting", "voortgang",
                          "mijlpaal", "oorspronkelijk", "gereed_op"]),
    ("limnorm set 1.1 m", ["mijlpaal"]),
    ("limnorm set 1.1 mijlpaal ", ["ja", "nee"]),
    ("limnorm set 1.1 status ", ["open", "lopend", "gereed", "vervallen"]),
    ("limnorm set 1.1 actiehouder ", ["OOV", "HRM", "F&I"]),
    ("limnorm answer 4", ["4.1", "4.2"]),
    ("limnorm answer 4.1 ", ["uitgevoerd", "in_ontwikkeling", "ontbreekt", "nvt"]),
    ("limnorm due --owner ", ["OOV", "HRM", "F&I"]),
    ("limnorm timeline -a H", ["HRM"]),
    ("limnorm due --format ", ["table", "json", "csv", "markdown", "xlsx"]),
    ("limnorm report --format ", ["markdown", "html"]),
    ("limnorm --format m", ["markdown"]),
    ("limnorm status ", ["thema"]),
    ("limnorm status thema ", ["0", "1", "2", "3", "4", "5", "6"]),
    ("limnorm checklist 5", ["5"]),
    ("limnorm schema ", ["spoorboekje", "checklist"]),
    ("limnorm completion ", ["bash", "zsh", "fish"]),
    ("limnorm due --f", ["--fail-on-overdue", "--format"]),
    # the plan named before the command (examples/ingevuld has fewer actions)
    (f"limnorm --data {ROOT / 'examples' / 'ingevuld'} done 1", ["1.1", "1.2"]),
    (f"limnorm done --data {ROOT / 'examples' / 'ingevuld'} 1", ["1.1", "1.2"]),
]  # fmt: skip


def test_every_command_is_completed(tmp_path: Path) -> None:
    """'limnorm <TAB>' lists every command the app has, in the order of the help."""
    from limnorm.cli.app import app

    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert {"due", "status", "done", "completion"} <= set(names)
    assert bash_complete("limnorm ", tmp_path) == names


@pytest.mark.parametrize(("words", "expected"), COMPLETIONS)
def test_bash_completion(tmp_path: Path, words: str, expected: list[str]) -> None:
    """Commands, options, option values, action ids, norms and themes from the plan."""
    assert bash_complete(words, tmp_path) == expected


def test_no_plan_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    """Without readable data a completion is empty, never an error on the screen."""
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "spoorboekje.yaml").write_text("acties: [\n", encoding="utf-8")
    assert bash_complete("limnorm done ", tmp_path, LIMNORM_DATA=str(broken)) == []
    assert bash_complete("limnorm done ", tmp_path, LIMNORM_DATA=str(tmp_path / "weg")) == []


def test_git_refs_for_at_and_diff(tmp_path: Path) -> None:
    """--at, --sinds and diff complete the tags (newest first) and branches of the data."""
    repo = Repo(tmp_path / "repo")
    repo.git("add", ".")
    repo.git("commit", "-q", "-m", "Begin", date="2024-02-01T10:00:00")
    repo.git("tag", "rib-1")
    repo.git("commit", "-q", "--allow-empty", "-m", "Verder", date="2024-05-01T10:00:00")
    repo.git("tag", "rib-2")
    repo.git("branch", "concept")
    data = str(repo.data)
    assert bash_complete("limnorm diff ", tmp_path, LIMNORM_DATA=data) == [
        "rib-2", "rib-1", "concept", "main",
    ]  # fmt: skip
    assert bash_complete("limnorm due --at rib", tmp_path, LIMNORM_DATA=data) == ["rib-2", "rib-1"]
    assert bash_complete("limnorm report --sinds c", tmp_path, LIMNORM_DATA=data) == ["concept"]
    assert bash_complete("limnorm diff rib-1 m", tmp_path, LIMNORM_DATA=data) == ["main"]


def test_zsh_and_fish_answers_carry_descriptions(tmp_path: Path) -> None:
    """zsh gets value:description pairs, fish value<TAB>description lines."""
    zsh = subprocess.run(
        COMMAND,
        env=_env(_LIMNORM_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="limnorm due -a "),
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert zsh.stdout == (
        '_arguments \'*: :(("OOV":"Openbare Orde en Veiligheid"\n'
        '"HRM":"Human Resource Management"\n'
        '"F&I"))\'\n'
    )
    fish = subprocess.run(
        COMMAND,
        env=_env(
            _LIMNORM_COMPLETE="complete_fish",
            _TYPER_COMPLETE_FISH_ACTION="get-args",
            _TYPER_COMPLETE_ARGS="limnorm answer 4",
        ),
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert fish.stdout.splitlines() == [
        "4.1\tInterne informatiepositie op ondermijning zichtbaar en rechtmatig gebruikt",
        "4.2\tCentraal (anoniem) meldpunt voor signalen, actief onder de aandacht gebracht",
    ]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script(tmp_path: Path, shell: str) -> None:
    """'limnorm completion SHELL' prints a script that calls back with _LIMNORM_COMPLETE."""
    result = subprocess.run(
        [*COMMAND, "completion", shell], env=_env(), capture_output=True, text=True, check=True
    )
    assert f"_LIMNORM_COMPLETE=complete_{shell}" in result.stdout
    assert result.stdout.endswith("\n")
    if shell == "bash":
        path = tmp_path / "limnorm.bash"
        path.write_text(result.stdout, encoding="utf-8")
        assert subprocess.run(["bash", "-n", str(path)], check=False).returncode == 0


@pytest.mark.skipif(
    shutil.which("bash") is None or not SCRIPT.exists(), reason="needs bash and the script"
)
def test_through_bash_itself(tmp_path: Path) -> None:
    """The bash script, sourced in bash, fills COMPREPLY with the plan's action ids."""
    script = subprocess.run(
        [*COMMAND, "completion", "bash"], env=_env(), capture_output=True, text=True, check=True
    ).stdout
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "limnorm").symlink_to(SCRIPT)
    line = (
        f"{script}\n"
        "COMP_WORDS=(limnorm done 1.); COMP_CWORD=2\n"
        "_limnorm_completion limnorm\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = _env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", line],
        env=env, capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert result.stdout.splitlines() == ["1.1", "1.2", "1.3", "1.4", "1.5"]
