"""``limnorm history`` on plans with many commits, against ``git log -p --follow``.

Builds repositories (with ``git fast-import``) whose spoorboekje changes one action's
deadline in every commit and whose checklist never changes after the first (with
``--ook-status``, every other commit also sets or clears that action's status: a line
added or removed, so the reader parses that action again instead of reading the deadline
from its line), then
times the installed ``limnorm history --format json`` against ``git log -p --follow``
on the same file (best of N runs each, alternating), and reports the peak memory (max
RSS) of the limnorm process at each history length, all in one run.
Goals: within 15x of git log -p at 500 commits; memory flat in the number of commits.

Usage: python benchmarks/history.py [--commits 250,500,1000] [--runs 3] [--ook-status]
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = (ROOT / "data" / "spoorboekje.yaml").read_text(encoding="utf-8")
CHECKLIST = (ROOT / "data" / "checklist.yaml").read_text(encoding="utf-8")
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def build(folder: Path, commits: int, status: bool = False) -> Path:
    """A repository with ``commits`` commits of data/spoorboekje.yaml; returns data/."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    stream = bytearray()
    for n in range(commits):
        month = MONTHS[n % 12]
        plan = PLAN.replace("wanneer: apr 24", f"wanneer: {month} {24 + n // 12 % 70}")
        if status and n % 2:
            plan = plan.replace("        actiehouder: OOV\n        toelichting: RIB",
                                "        actiehouder: OOV\n        status: lopend\n"
                                "        toelichting: RIB")  # fmt: skip
        stream += b"commit refs/heads/main\n"
        stream += b"committer Anna <a@example.invalid> %d +0100\n" % (1_700_000_000 + n * 3600)
        stream += _data(f"Wijziging {n}")
        stream += b"M 100644 inline data/spoorboekje.yaml\n" + _data(plan)
        if n == 0:
            stream += b"M 100644 inline data/checklist.yaml\n" + _data(CHECKLIST)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=bytes(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=folder, check=True)
    return folder / "data"


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak memory (kB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command[0]} failed ({status})")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", default="250,500,1000", help="history lengths, e.g. 250,500")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ook-status", action="store_true", help="also change a status")
    args = parser.parse_args()
    # Bytecode as an installed limnorm has it (pip compiles at install): with
    # PYTHONDONTWRITEBYTECODE set, every run would compile the changed modules again.
    import limnorm

    compileall.compile_dir(Path(limnorm.__file__).parent, quiet=1)
    lengths = sorted(int(n) for n in args.commits.split(","))
    script = Path(sys.executable).with_name("limnorm")
    limnorm = [str(script)] if script.exists() else [sys.executable, "-m", "limnorm"]
    memory = {}
    with tempfile.TemporaryDirectory() as tmp:
        for commits in lengths:
            data = build(Path(tmp) / f"repo{commits}", commits, args.ook_status)
            history = [*limnorm, "history", "--as-of", "2024-07-01", "--format", "json",
                       "--data", str(data)]  # fmt: skip
            git = ["git", "log", "-p", "--follow", "--", "data/spoorboekje.yaml"]
            ours, theirs, start, peak = [], [], [], 0
            for _ in range(args.runs):
                seconds, rss = run(history, data)
                ours.append(seconds)
                peak = max(peak, rss)
                theirs.append(run(git, data.parent)[0])
                # What no history length changes: Python and the imports of a command.
                start.append(run([*limnorm, "--version"], data)[0])
            memory[commits] = peak
            print(f"{commits:5} commits: limnorm history {min(ours) * 1000:7.0f} ms "
                  f"(start-up {min(start) * 1000:4.0f} ms), "
                  f"git log -p --follow {min(theirs) * 1000:6.0f} ms: "
                  f"{min(ours) / min(theirs):5.1f}x; peak RSS {peak / 1024:5.1f} MiB")  # fmt: skip
    first = lengths[0]
    for commits in lengths[1:]:
        print(f"peak RSS at {commits} commits / at {first}: {memory[commits] / memory[first]:.2f}x "
              f"({commits / first:.0f}x the commits)")  # fmt: skip


if __name__ == "__main__":
    main()
