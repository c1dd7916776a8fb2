"""The earlier deadline git's history shows ("verschoven van … naar …" without an
``oorspronkelijk`` in the file): where it comes from, what wins, and that it costs no git
process while nothing was committed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from limnorm import __version__
from limnorm.core.models import Action
from limnorm.core.period import Period, PeriodKind
from limnorm.files import cache
from limnorm.files.cache import package_stamp
from limnorm.files.discovery import DataSource
from limnorm.files.postponements import head
from limnorm.queries import history as past

from .conftest import SAMPLE, Invoke, strip_lines
from .test_git import Repo

Q1_27 = Period(date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL)
WAS_IN_CELL = Period(date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL, was="Q3 26")


@pytest.mark.parametrize(
    ("oorspronkelijk", "period", "history_was", "expected"),
    [
        (None, Q1_27, None, None),
        (None, Q1_27, "Q2 26", "Q2 26"),
        ("Q4 25", Q1_27, "Q2 26", "Q4 25"),  # the user's own field wins
        (None, WAS_IN_CELL, "Q2 26", "Q3 26"),  # so does the cell's "(was …)"
        ("Q4 25", WAS_IN_CELL, None, "Q4 25"),
    ],
)
def test_postponed_from_prefers_what_the_user_wrote(
    oorspronkelijk: str | None, period: Period, history_was: str | None, expected: str | None
) -> None:
    """The history's earlier deadline is only the last resort: what the user wrote, in the
    field or in the cell, is what they mean."""
    action = Action(
        "1.1", 1, "Scan", "Q1 27", period, ("OOV",),
        oorspronkelijk=oorspronkelijk, history_was=history_was,
    )  # fmt: skip
    assert action.postponed_from == expected


# --- from a real git history ---------------------------------------------------------


def _move_13(repo: Repo, wanneer: str) -> None:
    """Set the wanneer of action 1.3 ("Bewustwordingssessies afdelingen"; Q4 24 in the
    sample) in the working tree."""
    text = (repo.data / "spoorboekje.yaml").read_text(encoding="utf-8")
    start = text.index("Bewustwordingssessies afdelingen")
    line = text.index("wanneer: ", start)
    end = text.index("\n", line)
    (repo.data / "spoorboekje.yaml").write_text(
        text[:line] + f"wanneer: {wanneer}" + text[end:], encoding="utf-8"
    )


def _row_13(invoke: Invoke, data: Path, *command: str) -> list[str]:
    """The lines of action 1.3 in a table (and that nothing went to stderr)."""
    result = invoke([*command, "--data", str(data), "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = strip_lines(result.stdout).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("1.3 "))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
    )
    return lines[start:end]


def _json_13(invoke: Invoke, data: Path, as_of: str = "2025-07-01") -> dict[str, object]:
    result = invoke(["due", "--data", str(data), "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output
    return next(item for item in json.loads(result.stdout) if item["id"] == "1.3")


@pytest.fixture(name="postponed")
def _postponed(tmp_path: Path) -> Repo:
    """The sample committed, then 1.3 moved from Q4 24 to Q2 25 and committed."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    _move_13(repo, "Q2 25")
    repo.commit("1.3 uitgesteld", "2024-05-01T10:00:00")
    return repo


def test_due_and_status_show_a_postponement_from_history(invoke: Invoke, postponed: Repo) -> None:
    """No oorspronkelijk in the file: the deadline 1.3 had when it first appeared (Q4 24)
    is shown as the one it was moved from, in status thema N and in due's JSON."""
    assert _row_13(invoke, postponed.data, "status", "thema", "1") == [
        "1.3  Bewustwordingssessies  Q2 25 (verschoven   30 jun 2025  OOV          open     In samenspraak",
        "     afdelingen             van Q4 24 naar 30                                      met directie en",
        "                            jun 2025)                                              RIEC",
    ]  # fmt: skip
    item = _json_13(invoke, postponed.data)
    assert (item["wanneer"], item["uitgesteld"], item["oorspronkelijk"]) == ("Q2 25", True, "Q4 24")


def test_due_table_shows_it(invoke: Invoke, postponed: Repo) -> None:
    """'due' shows the move in the Wanneer column."""
    result = invoke(["due", "--data", str(postponed.data), "--as-of", "2025-07-01"])
    assert result.exit_code == 0, result.output
    lines = strip_lines(result.stdout).splitlines()
    start = lines.index(next(line for line in lines if line.startswith("1.3 ")))
    assert lines[start : start + 3] == [
        "1.3  Bewustwordingssessies   Q2 25 (verschoven    30 jun 2025  1 dag te laat      In samenspraak met",
        "     afdelingen              van Q4 24 naar 30                                    directie en RIEC",
        "                             jun 2025)",
    ]  # fmt: skip


def test_moved_earlier_is_not_postponed(invoke: Invoke, tmp_path: Path) -> None:
    """A deadline brought forward (Q4 24 -> Q3 24) is not "verschoven"."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    _move_13(repo, "Q3 24")
    repo.commit("Eerder", "2024-03-01T10:00:00")
    assert _row_13(invoke, repo.data, "status", "thema", "1")[0].split() == [
        "1.3", "Bewustwordingssessies", "Q3", "24", "30", "sep", "2024", "OOV", "open",
        "In", "samenspraak", "met",
    ]  # fmt: skip


def test_later_then_back_is_not_postponed(invoke: Invoke, postponed: Repo) -> None:
    """Moved later and then back to the first deadline: nothing was postponed."""
    _move_13(postponed, "Q4 24")
    postponed.commit("Toch Q4", "2024-06-01T10:00:00")
    assert "verschoven" not in " ".join(_row_13(invoke, postponed.data, "status", "thema", "1"))


def test_the_users_oorspronkelijk_wins(invoke: Invoke, postponed: Repo) -> None:
    """With an oorspronkelijk in the file, that is what is shown (and the file keeps it)."""
    _move_13(postponed, "Q2 25\n        oorspronkelijk: Q3 24")
    item = _json_13(invoke, postponed.data)
    assert item["oorspronkelijk"] == "Q3 24"


def test_uncommitted_change_is_the_present(invoke: Invoke, postponed: Repo) -> None:
    """A change not committed yet is compared with history: moved further, still from Q4 24."""
    _move_13(postponed, "Q3 25")
    item = _json_13(invoke, postponed.data, "2025-10-01")
    assert (item["wanneer"], item["oorspronkelijk"]) == ("Q3 25", "Q4 24")


def test_no_git_process_while_nothing_was_committed(invoke: Invoke, postponed: Repo) -> None:
    """Once read, the history comes from the cache under HEAD's commit: without git on the
    PATH the postponement still shows; after a new commit it is read again."""
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] == "Q4 24"
    no_git = {"PATH": "/nonexistent"}
    result = invoke(["due", "--data", str(postponed.data), "--as-of", "2025-07-01",
                     "--format", "json"], env=no_git)  # fmt: skip
    assert result.exit_code == 0, result.output
    [item] = [i for i in json.loads(result.stdout) if i["id"] == "1.3"]
    assert item["oorspronkelijk"] == "Q4 24"
    _move_13(postponed, "Q4 24")
    postponed.commit("Terug", "2024-06-01T10:00:00")
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] is None


@pytest.mark.parametrize("kind", ["not a repository", "no commits", "no git installed"])
def test_no_history_no_noise(invoke: Invoke, tmp_path: Path, kind: str) -> None:
    """Outside git, in a repository without commits, or without git: no postponement,
    no error, nothing on stderr."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(SAMPLE, data)
    env = {}
    if kind == "no commits":
        subprocess.run(["git", "init", "-q", str(data.parent)], check=True)
    if kind == "no git installed":
        repo = Repo(tmp_path / "other")
        repo.commit("Begin", "2024-02-01T10:00:00")
        _move_13(repo, "Q2 25")
        repo.commit("Later", "2024-03-01T10:00:00")
        data, env = repo.data, {"PATH": "/nonexistent"}
    result = invoke(["status", "thema", "1", "--data", str(data), "--as-of", "2024-07-01"],
                    env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "verschoven" not in result.stdout


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_head_is_read_as_git_reads_it(tmp_path: Path) -> None:
    """HEAD from the files in .git: a branch, packed refs, a detached HEAD, a worktree
    (a .git file), a subfolder; None outside git and before the first commit."""
    assert head(tmp_path) is None
    repo = Repo(tmp_path / "repo")
    assert head(repo.data) is None  # no commits yet
    repo.commit("Begin", "2024-02-01T10:00:00")
    expected = (repo.root, _git(repo.root, "rev-parse", "HEAD"))
    assert head(repo.data) == expected
    assert head(repo.root) == expected
    repo.git("pack-refs", "--all")
    assert not (repo.root / ".git" / "refs" / "heads" / "main").exists()
    assert head(repo.data) == expected
    _move_13(repo, "Q2 25")
    repo.commit("Later", "2024-03-01T10:00:00")
    second = _git(repo.root, "rev-parse", "HEAD")
    assert head(repo.data) == (repo.root, second)
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    assert head(repo.data) == expected
    repo.git("checkout", "-q", "main")
    worktree = tmp_path / "wt"
    repo.git("worktree", "add", "-q", "-b", "other", str(worktree), "HEAD~1")
    assert (worktree / ".git").is_file()
    assert head(worktree / "data") == (worktree, expected[1])
    assert head(repo.data) == (repo.root, second)


def test_a_new_commit_adds_to_what_was_read(invoke: Invoke, postponed: Repo) -> None:
    """After a new commit only the commits since the last reading are read, on top of it:
    moved again, the first deadline is still the one of the first commit."""
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] == "Q4 24"
    _move_13(postponed, "Q3 25")
    postponed.commit("Nog later", "2024-06-01T10:00:00")
    item = _json_13(invoke, postponed.data, "2025-10-01")
    assert (item["wanneer"], item["oorspronkelijk"]) == ("Q3 25", "Q4 24")


def test_a_rewritten_history_is_read_again(invoke: Invoke, postponed: Repo) -> None:
    """A history that no longer holds the commit last read (a rebase, a new start) is read
    from the beginning: here 1.3 was Q2 25 from its first commit on."""
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] == "Q4 24"
    postponed.git("checkout", "-q", "--orphan", "opnieuw")
    postponed.commit("Opnieuw begonnen", "2024-06-01T10:00:00")
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] is None


def test_other_code_does_not_read_what_older_code_cached(
    invoke: Invoke, postponed: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first deadlines are cached under the code that read them: with other code (a
    newer build of the same version) the entry is a miss and history is read again; here,
    without git, there is then none."""
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] == "Q4 24"
    no_git = {"PATH": "/nonexistent"}
    args = ["due", "--data", str(postponed.data), "--as-of", "2025-07-01", "--format", "json"]
    monkeypatch.setattr(cache, "code_stamp", lambda: "0.1.0+nieuwer")
    result = invoke(args, env=no_git)
    [item] = [i for i in json.loads(result.stdout) if i["id"] == "1.3"]
    assert item["oorspronkelijk"] is None


def _tree(root: Path) -> Path:
    for name in ("core/deadlines.py", "core/period.py", "files/loader.py", "files/notes.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x = 1\n", encoding="utf-8")
        os.utime(root / name, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return root


@pytest.mark.parametrize(
    ("change", "differs"),
    [
        ("nothing", False),
        ("an edit of the same size", True),  # a newer modification time
        ("a longer module", True),
        ("a module added", True),
        ("another file touched", False),
        ("a module replaced with the same time and size", True),  # a fixed-time install
    ],
)
def test_the_code_stamp_changes_with_the_modules(
    tmp_path: Path, change: str, differs: bool
) -> None:
    """Table: what changes the stamp of the code that caches readings, and what does not."""
    package = _tree(tmp_path)
    before = package_stamp(str(package))
    if change == "an edit of the same size":
        (package / "core" / "period.py").write_text("x = 2\n", encoding="utf-8")
    elif change == "a longer module":
        (package / "files" / "loader.py").write_text("x = 10\n", encoding="utf-8")
        os.utime(package / "files" / "loader.py", ns=(1_600_000_000_000_000_000,) * 2)
    elif change == "a module added":
        (package / "files" / "new.py").write_text("", encoding="utf-8")
        os.utime(package / "files" / "new.py", ns=(1_600_000_000_000_000_000,) * 2)
    elif change == "another file touched":
        (package / "files" / "notes.txt").write_text("longer text\n", encoding="utf-8")
    elif change == "a module replaced with the same time and size":
        module = package / "core" / "deadlines.py"
        (package / "new.py").write_text("x = 3\n", encoding="utf-8")
        os.replace(package / "new.py", module)
        os.utime(module, ns=(1_700_000_000_000_000_000,) * 2)
    assert (package_stamp(str(package)) != before) is differs
    assert before.startswith(__version__ + "+")


def test_the_same_modules_installed_elsewhere_have_another_stamp(tmp_path: Path) -> None:
    """Installs that give every file the same time (a Nix store) put each build in its own
    folder: a copy with the same times, sizes and names is other code."""
    package = _tree(tmp_path / "a")
    copy = tmp_path / "b"
    shutil.copytree(package, copy)  # keeps the modification times
    assert package_stamp(str(copy)) != package_stamp(str(package))


def test_without_module_files_the_stamp_is_the_version(tmp_path: Path) -> None:
    """Code not installed as files (a zip) is told apart by its version alone."""
    assert package_stamp(str(tmp_path / "limnorm.zip" / "limnorm")) == __version__


@pytest.mark.parametrize("cut", ["its last line", "the line of 1.3"])
def test_an_entry_cut_short_is_read_again(
    invoke: Invoke, postponed: Repo, tmp_path: Path, cut: str
) -> None:
    """Cache entries are not fsynced: one cut short at a line (a crash) is a miss and is
    read again from history, never taken as a shorter map (1.3 not postponed)."""
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] == "Q4 24"
    [entry] = [
        path
        for path in (tmp_path / ".limnorm-cache").rglob("*.json")
        if path.read_text(encoding="utf-8").startswith("eerste-deadlines")
    ]
    lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[-1] == "einde\t17\n"  # the sample's 17 actions
    del lines[
        -1
        if cut == "its last line"
        else lines.index(next(line for line in lines if line.startswith("1.3\t")))
    ]
    entry.write_text("".join(lines), encoding="utf-8")
    assert _json_13(invoke, postponed.data)["oorspronkelijk"] == "Q4 24"
    assert entry.read_text(encoding="utf-8").endswith("einde\t17\n")  # written anew


def test_history_compares_across_a_version_it_cannot_use(tmp_path: Path) -> None:
    """A commit that broke the plan, or removed it, is passed over: the next usable version
    is compared with the last usable one, so its changes are not lost."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    plan = repo.data / "spoorboekje.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("wanneer: Q4 24", "wanneer: [Q4 24"), encoding="utf-8")
    repo.commit("Kapot", "2024-03-01T10:00:00")
    plan.unlink()
    repo.commit("Weg", "2024-03-15T10:00:00")
    plan.write_text(text.replace("wanneer: Q4 24", "wanneer: Q1 25"), encoding="utf-8")
    repo.commit("Hersteld", "2024-04-01T10:00:00")
    report = past.history(DataSource(repo.data), tmp_path, date(2024, 7, 1))
    moved = [(e.id, e.old, e.new, e.days, e.when.date().isoformat() if e.when else None)
             for e in report.events]  # fmt: skip
    assert moved == [
        ("1.3", "Q4 24", "Q1 25", 90, "2024-04-01"),
        ("6.3", "Q4 24", "Q1 25", 90, "2024-04-01"),
    ]
