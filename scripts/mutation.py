"""Mutation testing of the grammar, the queries and the edits, with mutmut.

Not part of `.ci/run`: a run takes minutes to hours. The script brings its own tool:

1. `.venv-mutation/` (gitignored) gets the pinned mutmut and limnorm's dependencies, but
   NOT limnorm itself. With limnorm installed (editable or not) the tests can import the
   unmutated package instead of mutmut's `mutants/src` copy, and every mutant "survives";
   without it, the mutated copy is the only limnorm the tests can find.
2. Each module runs in a scratch copy of the work tree as it is when the script
   starts (tracked and new files), `.mutation/<module>/` (gitignored), with a
   `[tool.mutmut]` section naming that one source file and the test
   files that exercise it, so that a run fits on a shared two-core machine.
3. mutmut runs at low priority with one worker; the counts are printed, and every
   surviving mutant's diff is written to `.mutation/<module>/survivors.txt`.

Score: (killed + timeout) / (total - skipped), mutmut's "no tests" counting as not killed.

Usage: python scripts/mutation.py MODULE [MODULE ...]    (no MODULE: list them)
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-mutation"
WORK = ROOT / ".mutation"
MUTMUT = "mutmut==3.8.1"
NICE = ["nice", "-n", "15"]


@dataclass(frozen=True, slots=True)
class Target:
    """One module to mutate and the test files that exercise it."""

    source: str
    tests: tuple[str, ...]


GRAMMAR_TESTS = (
    "tests/test_deadlines.py",
    "tests/test_deadline_corpus.py",
    "tests/test_two_deadlines.py",
    "tests/test_calendar.py",
    "tests/test_mutation_grammar.py",
)
EDIT_TESTS = (
    "tests/test_edits.py",
    "tests/test_cli_edits.py",
    "tests/test_edges_errors.py",
    "tests/test_hostile.py",
    "tests/test_import.py",
    "tests/test_mutation_edits.py",
)
TARGETS = {
    "deadlines": Target("src/limnorm/core/deadlines.py", GRAMMAR_TESTS),
    "period": Target("src/limnorm/core/period.py", GRAMMAR_TESTS),
    "calendar": Target("src/limnorm/core/calendar.py", GRAMMAR_TESTS),
    "plan": Target(
        "src/limnorm/queries/plan.py",
        (
            "tests/test_queries.py",
            "tests/test_records.py",
            "tests/test_checklist.py",
            "tests/test_cli_checklist.py",
            "tests/test_cli.py",
            "tests/test_mutation_queries.py",
        ),
    ),
    "yamledit": Target("src/limnorm/files/yamledit.py", EDIT_TESTS),
    "updates": Target(
        "src/limnorm/files/updates.py", (*EDIT_TESTS, "tests/test_mutation_updates.py")
    ),
    "remind": Target(
        "src/limnorm/queries/remind.py",
        (
            "tests/test_remind.py",
            "tests/test_ics.py",
            "tests/test_views.py",
            "tests/test_unreadable.py",
            "tests/test_cli_dutch.py",
            "tests/test_mutation_remind.py",
        ),
    ),
    "region": Target(
        "src/limnorm/queries/region.py",
        (
            "tests/test_region.py",
            "tests/test_records.py",
            "tests/test_findings_count.py",
            "tests/test_period_display.py",
            "tests/test_json_contract.py",
            "tests/test_views.py",
            "tests/test_cli_options.py",
            "tests/test_cli_widths.py",
            "tests/test_edges_errors.py",
            "tests/test_unreadable.py",
            "tests/test_mutation_region.py",
        ),
    ),
    "history": Target(
        "src/limnorm/queries/history.py",
        (
            "tests/test_git.py",
            "tests/test_history_was.py",
            "tests/test_history_quick.py",
            "tests/test_history_reading.py",
            "tests/test_json_contract.py",
            "tests/test_views.py",
            "tests/test_cli_options.py",
            "tests/test_edges_errors.py",
            "tests/test_mutation_history.py",
        ),
    ),
}


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    """Create `.venv-mutation` with mutmut and limnorm's dependencies (not limnorm)."""
    if not (VENV / "bin" / "mutmut").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
        # The same pins as .ci/run, so the exact-output tests see the same Rich.
        env = {**os.environ, "PIP_CONSTRAINT": str(ROOT / "constraints.txt")}
        subprocess.run(
            [str(venv_python()), "-m", "pip", "install", "--quiet", MUTMUT, *requirements],
            check=True,
            env=env,
        )
    # The guard against the pitfall above: limnorm must not be importable from the venv.
    found = subprocess.run(
        [str(venv_python()), "-c", "import importlib.util as u; print(u.find_spec('limnorm'))"],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if found != "None":
        sys.exit(f"mutation: limnorm is installed in {VENV} ({found}); remove it first")


def scratch_copy(name: str, target: Target) -> Path:
    """A copy of the work tree (tracked and new files) configured for one module."""
    scratch = WORK / name
    shutil.rmtree(scratch, ignore_errors=True)
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for relative in filter(None, listed):
        source = ROOT / relative
        if source.is_file():
            (scratch / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, scratch / relative)
    configure(scratch, target)
    return scratch


#: What a scratch copy holds besides the work tree's files.
_OWN = {"src", "tests", "mutants", "run.log", "survivors.txt", ".hypothesis"}


def configure(scratch: Path, target: Target) -> None:
    """Write the `[tool.mutmut]` section of a scratch copy (replacing an earlier one)."""
    tests = [test for test in target.tests if (scratch / test).exists()]
    # mutmut copies src/ and tests/ into mutants/; the tests also read the sample data,
    # the examples, the schemas and the README from there.
    tops = sorted(path.name for path in scratch.iterdir() if path.name not in _OWN)
    config = {
        "source_paths": ["src"],
        "also_copy": tops,
        "only_mutate": [target.source],
        "pytest_add_cli_args_test_selection": tests,
        # Fewer hypothesis examples per mutant (the profile is in tests/conftest.py).
        "pytest_add_cli_args": [
            "-p",
            "no:cacheprovider",
            "--hypothesis-profile=mutation",
            *(f"--deselect={test}" for test in installed_tests(scratch, tests)),
        ],
    }
    pyproject = scratch / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").split("\n[tool.mutmut]\n")[0]
    lines = [text.rstrip("\n"), "", "[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    pyproject.write_text("\n".join(lines) + "\n", encoding="utf-8")


#: What a test that runs the command in a subprocess calls (test_edges.run, _hook_run).
_SUBPROCESS = re.compile(r"sys\.executable|subprocess\.|(?<![\w.])(?:_\w+_)?run\(|shutil\.which")


def installed_tests(scratch: Path, tests: list[str]) -> list[str]:
    """The tests that run the command in a subprocess: without limnorm installed in the
    venv they cannot run, and a subprocess would not see the mutant anyway."""
    found = []
    for test in tests:
        source = (scratch / test).read_text(encoding="utf-8")
        functions = [node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]
        # Helpers that start Python in a subprocess (test_region._modules_used): a test
        # that calls one runs the command there too.
        helpers = [
            node.name
            for node in functions
            if not node.name.startswith("test")
            and "sys.executable" in (ast.get_source_segment(source, node) or "")
        ]
        names = "|".join(map(re.escape, helpers))
        calls = re.compile(rf"(?<![\w.])(?:{names})\(") if helpers else None
        for node in functions:
            if node.name.startswith("test"):
                segment = ast.get_source_segment(source, node) or ""
                if _SUBPROCESS.search(segment) or (calls and calls.search(segment)):
                    found.append(f"{test}::{node.name}")
    return found


def selection(target: Target, new_only: bool) -> Target:
    """The target, or with only its `test_mutation_*` files: every survivor of the last
    run passed the other files already, and the tests do not depend on each other."""
    if not new_only:
        return target
    return Target(target.source, tuple(t for t in target.tests if "/test_mutation_" in t))


def refresh_tests(scratch: Path, target: Target) -> None:
    """Bring the new mutation tests into an earlier copy, leaving its code (and its other
    tests) as they were, so that its survivors meet exactly the tests added since."""
    for test in (ROOT / "tests").glob("test_mutation_*.py"):
        shutil.copy2(test, scratch / "tests" / test.name)
    configure(scratch, target)
    # mutmut maps tests to the functions they run once, at the start: map them again.
    (scratch / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)


def mutmut(scratch: Path, *args: str, log: Path | None = None) -> str:
    """Run mutmut in a scratch copy; its output goes to `log` when given."""
    env = {**os.environ, "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    command = [*NICE, str(VENV / "bin" / "mutmut"), *args]
    if log is None:
        return subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, check=False
        ).stdout
    with log.open("w", encoding="utf-8") as handle:
        subprocess.run(command, cwd=scratch, env=env, stdout=handle, stderr=subprocess.STDOUT)
    return ""


#: mutmut's exit codes by what they mean (mutmut/stats.py); anything else is suspicious.
STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    None: "not checked",
}
KINDS = ("killed", "survived", "no tests", "timeout", "suspicious", "skipped", "not checked")


def results(scratch: Path, target: Target) -> dict[str, str]:
    """Each mutant's status, from mutmut's record of the run."""
    meta = scratch / "mutants" / f"{target.source}.meta"
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {key: STATUS.get(code, "suspicious") for key, code in codes.items()}


def diffs(scratch: Path, target: Target, names: list[str]) -> str:
    """The diff of each named mutant against the original function.

    Read from mutmut's mutated file (every mutant is a copy of its function there):
    `mutmut show` per mutant costs a second each."""
    text = (scratch / "mutants" / target.source).read_text(encoding="utf-8")
    lines = text.splitlines()
    functions: dict[str, list[str]] = {}
    for node in ast.parse(text).body:
        members = node.body if isinstance(node, ast.ClassDef) else [node]
        for member in members:
            if isinstance(member, ast.FunctionDef) and member.end_lineno is not None:
                functions[member.name] = lines[member.lineno - 1 : member.end_lineno]
    out = []
    for key in names:
        mutant = key.rsplit(".", 1)[1]
        function = mutant.rsplit("__mutmut_", 1)[0]
        original = functions.get(f"{function}__mutmut_orig", [])
        changed = [
            line.replace(mutant, f"{function}__mutmut_orig", 1)
            for line in functions.get(mutant, [])
        ]
        out.append(f"## {key}")
        out += [
            line
            for line in difflib.unified_diff(original, changed, lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]
    return "\n".join(out) + "\n"


def run(
    name: str, target: Target, scratch: Path, *, survivors_only: bool = False, execute: bool = True
) -> None:
    """Run mutmut on one module (or only on what survived its last run) and report."""
    saved = WORK / f"{name}.json"
    previous: dict[str, object] = {}
    names: list[str] = []
    if survivors_only:
        if not saved.exists():
            sys.exit(f"mutation: {name}: no earlier run to take the survivors from")
        previous = json.loads(saved.read_text(encoding="utf-8"))
        names = list(previous["survivors"])  # type: ignore[call-overload]
    print(f"== {name}: {target.source}, tests: {' '.join(target.tests)}", flush=True)
    if execute and (names or not survivors_only):
        mutmut(scratch, "run", "--max-children", "1", *names, log=scratch / "run.log")
    status = results(scratch, target)
    if not status:
        # mutmut 3 mutates function bodies only: a module of records and enums has none.
        print(f"   no mutants (or no results: see {scratch / 'run.log'})", flush=True)
        return
    if survivors_only:
        # Tests were only added since: what was killed stays killed; rerun the rest.
        old = dict(previous["status"])  # type: ignore[call-overload]
        status = {**old, **{key: status[key] for key in names}}
    counts = {kind: sum(1 for s in status.values() if s == kind) for kind in KINDS}
    alive = sorted(key for key, s in status.items() if s in ("survived", "no tests"))
    saved.write_text(
        json.dumps({"status": status, "survivors": alive, "counts": counts}, indent=1),
        encoding="utf-8",
    )
    (scratch / "survivors.txt").write_text(diffs(scratch, target, alive), encoding="utf-8")
    tested = len(status) - counts["skipped"] - counts["not checked"]
    detected = counts["killed"] + counts["timeout"]
    score = 100 * detected / tested if tested else 0.0
    print(
        f"   mutants {len(status)}, "
        + ", ".join(f"{kind} {count}" for kind, count in counts.items())
        + f": score {score:.1f}%"
        + (" (survivors of the last run tested again)" if survivors_only else ""),
        flush=True,
    )
    print(f"   survivors: {scratch / 'survivors.txt'}", flush=True)
    if counts["killed"] == 0:
        # Nothing killed at all means the tests did not run the mutated copy.
        sys.exit(f"mutation: {name}: no mutant killed; the tests did not see the mutants")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(TARGETS))
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="test again only the mutants that survived the last run (after adding tests)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="run in the copy an earlier start left in .mutation/MODULE, if there is one",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="only report the last run found in .mutation/MODULE (no new run)",
    )
    parser.add_argument(
        "--new-tests-only",
        action="store_true",
        help="with --survivors --reuse: run only the tests/test_mutation_*.py files (the "
        "survivors already passed the others; minutes instead of a full run)",
    )
    options = parser.parse_args()
    unknown = [name for name in options.modules if name not in TARGETS]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    if not options.modules:
        for name, target in TARGETS.items():
            print(f"{name:10} {target.source}  ({', '.join(target.tests)})")
        return
    if options.report:
        for name in options.modules:
            run(name, TARGETS[name], WORK / name, execute=False)
        return
    ensure_venv()
    # Every copy first: each module is tested against the tree as it was at the start,
    # whatever is edited while the runs go on.
    scratches = {}
    for name in options.modules:
        if options.reuse and (WORK / name / "pyproject.toml").exists():
            scratches[name] = WORK / name
            if options.survivors:
                refresh_tests(WORK / name, selection(TARGETS[name], options.new_tests_only))
        else:
            scratches[name] = scratch_copy(name, TARGETS[name])
    for name, scratch in scratches.items():
        target = selection(TARGETS[name], options.new_tests_only and options.survivors)
        run(name, target, scratch, survivors_only=options.survivors)


if __name__ == "__main__":
    main()
