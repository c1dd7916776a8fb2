"""Region scale: wall time of ``compare`` and ``due --regio --format json``, cold and warm.

Generates a synthetic region (default 33 organisations x 500 actions, each with
the full checklist and random answers) and prints, in one run:

- cold (empty cache) against loading the same files with PyYAML's C loader
  alone, in a fresh interpreter (goal: at most 1.3x);
- warm (second run, cache filled) against cold (goal: at most 0.3x) and against
  the C loader (goal: well under it);
- how cold and warm times grow with 1, 33 and 330 organisations.

Every figure is the best of ``--runs`` runs (start-up noise on a shared machine
only ever adds time). Next to wall time the CPU time of the same run is printed
(all processes, so a cold run's worker processes count in full): on a noisy
machine it shows whether a difference in wall time is real.
Usage: python benchmarks/region.py [--orgs 33] [--actions 500] [--runs 10]
[--scaling 1,33,330]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from limnorm.core.norm import PLAN_THEMES

ROOT = Path(__file__).resolve().parents[1]
FORMS = ["Q1 25", "Q2 25", "Q3 25", "Q4 25", "mrt. 25", "jun. 25", "4-3-25", "2025", "Q3/Q4 25",
         "eind 2025", "doorlopend", "n.t.b.", "week 12 2025", "medio 2025", "1e helft 2025",
         "nov 24 - feb 25", "vanaf Q2 25", "2-4-25", "sep 25", "begin 2026"]  # fmt: skip
ANSWERS = ["uitgevoerd", "in_ontwikkeling", "ontbreekt", ""]


def generate(folder: Path, organisations: int, actions: int, seed: int = 7) -> None:
    """Write a synthetic region into ``folder``."""
    rng = random.Random(seed)
    checklist = (ROOT / "data" / "checklist.yaml").read_text(encoding="utf-8")
    for number in range(organisations):
        org = folder / f"org{number:03d}"
        org.mkdir(parents=True)
        lines = [
            f"organisatie: Gemeente {number:03d}",
            "actiehouders:",
            "  OOV: Openbare Orde en Veiligheid",
            "  HRM: Human Resource Management",
            "  F&I:",
            "themas:",
        ]
        per_theme = -(-actions // len(PLAN_THEMES))
        made = 0
        for theme in PLAN_THEMES:
            lines += [f"  - nr: {theme}", f"    titel: Thema {theme}", "    acties:"]
            for index in range(1, per_theme + 1):
                if made == actions:
                    break
                made += 1
                lines += [
                    f'      - id: "{theme}.{index}"',
                    f"        actie: Actie {index} van thema {theme}, met een beschrijving",
                    f"        wanneer: {rng.choice(FORMS)}",
                    f"        actiehouder: {rng.choice(['OOV', 'HRM', 'F&I'])}",
                    f"        status: {rng.choice(['open', 'open', 'lopend', 'gereed'])}",
                ]
                if rng.random() < 0.3:
                    lines.append("        toelichting: In samenspraak met directie en RIEC")
        (org / "spoorboekje.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        answered = "\n".join(
            line.replace("antwoord:", f"antwoord: {rng.choice(ANSWERS)}".rstrip())
            if line.strip() == "antwoord:"
            else line
            for line in checklist.splitlines()
        ).replace("acties: [", "acties: []  # [")
        (org / "checklist.yaml").write_text(answered + "\n", encoding="utf-8")


C_LOADER = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*/*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (the command and its worker processes) of one run."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, _children_cpu() - cpu


def measure(region: Path, runs: int, env: dict[str, str]) -> dict[str, float]:
    """Best cold and warm times of both commands, and of the C loader.

    The runs are interleaved (C loader, cold, warm, C loader, ...) so that a
    slow spell of the machine hits every figure alike.
    """
    cache = Path(env["LIMNORM_CACHE_DIR"])
    # The installed command, as people run it (as benchmarks/startup.py does).
    script = Path(sys.executable).with_name("limnorm")
    limnorm = [str(script)] if script.exists() else [sys.executable, "-m", "limnorm"]
    commands = {
        "compare": [*limnorm, "compare", "--regio", str(region), "--as-of", "2025-06-01"],
        "due --regio --format json": [
            *limnorm, "due", "--regio", str(region), "--as-of", "2025-06-01", "--format", "json",
        ],
    }  # fmt: skip
    figures: dict[str, float] = {}

    def keep(name: str, seconds: tuple[float, float]) -> None:
        figures[name] = min(figures.get(name, float("inf")), seconds[0])
        figures[f"{name} cpu"] = min(figures.get(f"{name} cpu", float("inf")), seconds[1])

    for _ in range(runs):
        keep("C loader", timed([sys.executable, "-c", C_LOADER, str(region)], env))
        for name, command in commands.items():
            shutil.rmtree(cache, ignore_errors=True)
            keep(f"{name} cold", timed(command, env))
            keep(f"{name} warm", timed(command, env))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=33)
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--scaling", default="1,33,330")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "LIMNORM_CACHE_DIR": f"{folder}/cache", "COLUMNS": "200"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        region = Path(folder) / "regio"
        generate(region, args.orgs, args.actions)
        figures = measure(region, args.runs, env)
        loader = figures["C loader"]
        print(f"regio: {args.orgs} organisaties x {args.actions} acties, beste van {args.runs}")
        print(
            f"  PyYAML C-loader alleen:            {loader:7.2f} s"
            f"   (cpu {figures['C loader cpu']:.2f} s)"
        )
        for name in ("compare", "due --regio --format json"):
            cold, warm = figures[f"{name} cold"], figures[f"{name} warm"]
            cold_cpu, warm_cpu = figures[f"{name} cold cpu"], figures[f"{name} warm cpu"]
            print(
                f"  {name:26} koud {cold:6.2f} s ({cold / loader:.2f}x C-loader)   "
                f"warm {warm:6.2f} s ({warm / cold:.2f}x koud, {warm / loader:.2f}x C-loader)"
                f"   (cpu koud {cold_cpu:.2f} s, warm {warm_cpu:.2f} s)"
            )
        print("groei (compare):")
        for size in (int(s) for s in args.scaling.split(",") if s):
            scaled = Path(folder) / f"regio{size}"
            generate(scaled, size, args.actions)
            sized = measure(scaled, 1 if size > 100 else args.runs, env)
            print(
                f"  {size:4d} organisaties: koud {sized['compare cold']:7.2f} s, "
                f"warm {sized['compare warm']:6.2f} s, C-loader {sized['C loader']:6.2f} s"
            )
            shutil.rmtree(scaled)


if __name__ == "__main__":
    main()
