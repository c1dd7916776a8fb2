"""Hostile and broken input: no traceback, no hang, nothing lost.

The corpus in tests/corpus holds one bad file per kind of damage, with the
expected exit code and first message in expected.json. Properties are fuzzed
with hypothesis; faults while writing are simulated.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from multiprocessing import get_context
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limnorm.core.errors import DataError, LimnormError
from limnorm.files import atomic
from limnorm.files.checklist import parse_checklist
from limnorm.files.loader import load_plan, parse_plan
from limnorm.files.updates import edit_action
from limnorm.files.yamlsource import MAX_FILE_BYTES

from .conftest import SAMPLE, Invoke

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = {
    k: v
    for k, v in json.loads((CORPUS / "expected.json").read_text(encoding="utf-8")).items()
    if k != "_"
}


def test_corpus_is_complete() -> None:
    """Every corpus file has an expectation and every expectation a file."""
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(invoke: Invoke, tmp_path: Path, name: str) -> None:
    """check gives the located Dutch message and exit code within a second; due refuses
    only an unusable file (fataal, exit 2) and runs on the rest of one with a fout;
    nothing prints a traceback."""
    code, message, due_code = EXPECTED[name]
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(CORPUS / name, folder / "spoorboekje.yaml")
    result = invoke(["check", "--data", str(folder), "--as-of", "2024-10-01"])
    assert result.exit_code == code, result.output
    if message is not None:
        first = result.stdout.splitlines()[0]
        assert first.startswith("data/spoorboekje.yaml:"), first
        assert first.removeprefix("data/spoorboekje.yaml:").startswith(message), first
    due = invoke(["due", "--data", str(folder), "--as-of", "2024-10-01"])
    assert due.exit_code == due_code, due.output


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A 50 MB file is refused at once by its size, with a located message."""
    path = tmp_path / "spoorboekje.yaml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1_048_576)
    loaded = load_plan(path, "s.yaml")
    assert loaded.value is None
    assert str(loaded.findings[0]).startswith("s.yaml: fataal: het bestand is 50 MB;")
    assert MAX_FILE_BYTES < 50 * 1_048_576


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "doel/spoorboekje.yaml: niet gevonden; maak een spoorboekje met"),
        (lambda p: p.symlink_to(p), "verwijst naar zichzelf (een lus van symbolische koppelingen)"),
        (lambda p: p.write_text("x"), "--data: dit is een bestand, geen map"),
    ],
)
def test_bad_data_paths(invoke: Invoke, tmp_path: Path, make: object, message: str) -> None:
    """A folder without a plan, and a symlink loop as --data: a message, exit 2."""
    target = tmp_path / "doel"
    make(target)  # type: ignore[operator]
    result = invoke(["due", "--data", str(target)])
    assert result.exit_code == 2
    assert message in result.stderr


def test_unreadable_file(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the user may not read gives a Dutch message (simulated: tests run as root)."""
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    real = os.open

    def deny(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).name == "spoorboekje.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = invoke(["due", "--data", str(folder)])
    assert result.exit_code == 2
    assert "het bestand kan niet gelezen worden: geen toestemming" in result.stderr


# --- fuzzed properties ---------------------------------------------------------------------

SAMPLE_PLAN = (SAMPLE / "spoorboekje.yaml").read_text(encoding="utf-8")
SAMPLE_CHECKLIST = (SAMPLE / "checklist.yaml").read_text(encoding="utf-8")
YAMLISH = st.sampled_from(list(" \t\n:-[]{}'\"#&*!|>%@`,?\\aZ09.\u00e9\u0441\x00\x07\ufeff"))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The text with a few random deletions, insertions and replacements."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 6))):
        if not chars:
            break
        position = draw(st.integers(0, len(chars) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        if action == "delete":
            del chars[position]
        elif action == "insert":
            chars.insert(position, draw(YAMLISH))
        elif action == "replace":
            chars[position] = draw(YAMLISH)
        else:
            chars = chars[:position]
    return "".join(chars)


@settings(max_examples=150, deadline=None)
@given(st.one_of(mutated(SAMPLE_PLAN), st.text(max_size=200)))
def test_any_plan_text_loads_or_fails_cleanly(text: str) -> None:
    """Whatever the text, loading gives a value or located errors, or a located
    LimnormError, never another exception, and quickly."""
    failure: LimnormError | None = None
    try:
        loaded = parse_plan(text, "s.yaml")
    except LimnormError as error:
        failure = error
    if failure is not None:
        assert failure.location is not None
    else:
        assert loaded.value is not None or loaded.errors


@settings(max_examples=80, deadline=None)
@given(mutated(SAMPLE_CHECKLIST))
def test_any_checklist_text_loads_or_fails_cleanly(text: str) -> None:
    """The same for the checklist."""
    with contextlib.suppress(LimnormError):
        parse_checklist(text, "c.yaml")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=mutated(SAMPLE_PLAN))
def test_check_and_the_commands_agree(invoke: Invoke, tmp_path: Path, text: str) -> None:
    """A file check accepts (exit 0) is one status can use (exit 0); check and status
    agree on what is fataal (both exit 2), and a fout in one action (check 1) leaves status
    running (0)."""
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "spoorboekje.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    check = invoke(["check", "--data", str(folder), "--as-of", "2024-10-01"])
    status = invoke(["status", "--data", str(folder), "--as-of", "2024-10-01"])
    assert check.exit_code in (0, 1, 2)
    assert status.exit_code in (0, 2)
    assert (check.exit_code == 2) == (status.exit_code == 2)


# --- faults while writing -------------------------------------------------------------------


@pytest.fixture(name="plan_file")
def _plan_file(tmp_path: Path) -> Path:
    """A writable copy of the sample plan."""
    path = tmp_path / "spoorboekje.yaml"
    shutil.copy(SAMPLE / "spoorboekje.yaml", path)
    return path


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        ("replace", OSError(errno.EIO, "crash"), "schrijven mislukt"),
        ("fsync", OSError(errno.ENOSPC, "full"), "schrijven mislukt: de schijf is vol"),
        ("mkstemp", OSError(errno.EROFS, "ro"), "het bestandssysteem is alleen-lezen"),
    ],
)
def test_interrupted_write_leaves_the_old_file(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: OSError, message: str
) -> None:
    """A failure at any step leaves the old file byte for byte and no temporary file."""
    before = plan_file.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    module = {"replace": os, "fsync": os, "mkstemp": atomic.tempfile}[target]
    monkeypatch.setattr(module, target, fail)
    with pytest.raises(DataError, match=message):
        edit_action(plan_file, "s.yaml", "1.1", {"status": "lopend"})
    monkeypatch.undo()
    assert plan_file.read_bytes() == before
    assert [p.name for p in plan_file.parent.iterdir()] == ["spoorboekje.yaml"]


def test_closed_folder_writes_the_file_in_place(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that refuses new files (no temporary file possible) but a writable file:
    the file itself is overwritten, and stays the same file."""
    inode = plan_file.stat().st_ino

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "folder closed")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    edit_action(plan_file, "s.yaml", "1.1", {"status": "lopend"})
    monkeypatch.undo()
    assert plan_file.stat().st_ino == inode
    action = next(a for a in load_plan(plan_file).require().actions() if a.id == "1.1")
    assert action.status.value == "lopend"
    assert [p.name for p in plan_file.parent.iterdir()] == ["spoorboekje.yaml"]


def test_crash_between_write_and_rename(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the process dies after writing the temporary file but before the rename, the data
    file is the old one; only a dot-file remains, which limnorm never reads."""
    before = plan_file.read_bytes()

    def die(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", die)
    with pytest.raises(KeyboardInterrupt):
        edit_action(plan_file, "s.yaml", "1.1", {"status": "lopend"})
    assert plan_file.read_bytes() == before
    assert load_plan(plan_file).require().organisatie == "Gemeente Eijsden-Margraten"


def _edit_many(path: str, ids: list[str]) -> None:
    for action_id in ids:
        edit_action(Path(path), "s.yaml", action_id, {"toelichting": f"bijgewerkt {action_id}"})


def test_racing_edits_lose_nothing(plan_file: Path) -> None:
    """Two processes editing the same file at once: every change of both ends up in it."""
    first = ["0.1", "1.1", "1.3", "1.5", "3.1", "4.2", "5.1", "6.1"]
    second = ["0.2", "1.2", "1.4", "2.1", "4.1", "4.3", "5.2", "6.3"]
    context = get_context("fork")
    workers = [
        context.Process(target=_edit_many, args=(str(plan_file), ids)) for ids in (first, second)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    actions = {a.id: a for a in load_plan(plan_file).require().actions()}
    for action_id in first + second:
        assert actions[action_id].toelichting == f"bijgewerkt {action_id}"


# --- output that cannot be turned against its reader --------------------------------------


def test_terminal_output_strips_escape_sequences(invoke: Invoke, write_plan: object) -> None:
    """Escape sequences and control characters in the data never reach the terminal."""
    folder = write_plan(  # type: ignore[operator]
        'organisatie: "Gem\\e]0;titel\\aeente"\n'
        "themas:\n  - nr: 1\n    titel: A\n    acties:\n"
        '      - {id: "1.1", actie: "X\\e[2J\\e[31mrood\\x9b", wanneer: 2024, actiehouder: OOV,\n'
        '         toelichting: "a\\u0085b\\u009b"}\n'
    )
    for command in (["due", "--as-of", "2025-01-01"], ["status", "thema", "1"], ["timeline"]):
        result = invoke([*command, "--data", str(folder)])
        assert result.exit_code == 0, result.output
        for forbidden in ("\x1b", "\x07", "\x9b", "\x85"):
            assert forbidden not in result.stdout, (command, forbidden)


def test_html_report_escapes_a_script_in_a_toelichting(invoke: Invoke, write_plan: object) -> None:
    """A toelichting holding a script tag is shown as text in the HTML report."""
    folder = write_plan(  # type: ignore[operator]
        "organisatie: T\nthemas:\n  - nr: 1\n    titel: A\n    acties:\n"
        '      - {id: "1.1", actie: a, wanneer: 2024, actiehouder: OOV,\n'
        "         toelichting: \"<script>alert('x')</script><img src=x onerror=alert(1)>\"}\n"
    )
    html = invoke(
        ["report", "--format", "html", "--as-of", "2025-01-01", "--data", str(folder)]
    ).stdout
    assert "<script" not in html
    assert "<img" not in html
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        in html
    )
