"""Wall time of ``limnorm due --owner OOV`` (and of help) against the bare imports it cannot avoid.

The floor is ``python -c "import typer, yaml, rich.console, rich.table"`` in the
same environment; the goal is at most 1.2x that floor. Runs alternate between
the two commands so that machine noise hits both alike; medians are printed.

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = [sys.executable, "-c", "import typer, yaml, rich.console, rich.table"]
COMMANDS = {
    "due --owner OOV": ["due", "--owner", "OOV", "--as-of", "2024-07-01"],
    "status": ["status", "--as-of", "2024-07-01"],
    "--version": ["--version"],
    # Help is written as plain text by limnorm.cli.dutch; Typer's Rich help cost 2x.
    "due --help": ["due", "--help"],
    "--help": ["--help"],
    # Completion of action ids: what 'limnorm done <TAB>' costs (reads the plan).
    "done <TAB> (completion)": ["__complete__", "limnorm done "],
}


def _argv_env(argv: list[str], env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """A completion request goes through the environment, as the shell sends it."""
    if argv[:1] != ["__complete__"]:
        return argv, env
    words = argv[1]
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    return [], {**env, "_LIMNORM_COMPLETE": "complete_bash", "COMP_WORDS": words,
                "COMP_CWORD": cword}  # fmt: skip


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = {**os.environ, "LIMNORM_DATA": str(ROOT / "data"), "COLUMNS": "100"}
    # An installed wheel has .pyc files; an editable checkout gets them here.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import limnorm

    compileall.compile_dir(Path(limnorm.__file__).parent, quiet=1)
    script = Path(sys.executable).with_name("limnorm")
    limnorm_cmd = [str(script)] if script.exists() else [sys.executable, "-m", "limnorm"]
    # Warm the file cache and the .pyc files first.
    for argv in COMMANDS.values():
        words, run_env = _argv_env(argv, env)
        wall([*limnorm_cmd, *words], run_env)
    wall(FLOOR, env)
    times: dict[str, list[float]] = {"floor": [], **{name: [] for name in COMMANDS}}
    for _ in range(args.runs):
        times["floor"].append(wall(FLOOR, env))
        for name, argv in COMMANDS.items():
            words, run_env = _argv_env(argv, env)
            times[name].append(wall([*limnorm_cmd, *words], run_env))
    floor = statistics.median(times["floor"])
    print(f"runs: {args.runs} each, alternating; medians")
    print(f"{'import typer, yaml, rich.console, rich.table':48} {floor * 1000:7.1f} ms   1.00x")
    for name in COMMANDS:
        median = statistics.median(times[name])
        print(f"{'limnorm ' + name:48} {median * 1000:7.1f} ms   {median / floor:.2f}x")


if __name__ == "__main__":
    main()
