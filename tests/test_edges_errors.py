"""No traceback and no unclear answer at the edges: output streams, encodings, git states,
init failures, extreme dates, odd but valid YAML.

Output-stream cases run the real command in a process (a full disk is ``/dev/full``, a
closed pipe is a pipe whose reader went away), as a user would meet them.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from limnorm.core.errors import DataError, UsageError
from limnorm.files import templates
from limnorm.files.checklist import parse_checklist
from limnorm.files.loader import load_plan, parse_plan, parse_text
from limnorm.files.updates import edit_action
from limnorm.files.yamltree import parse_yaml

from .conftest import SAMPLE, Invoke
from .test_edges import NOBODY, needs_root, run

TRACEBACK = "Traceback"


# --- output streams --------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this machine")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_stdout_on_a_full_disk(tmp_path: Path, fmt: str) -> None:
    """'> /dev/full': a Dutch message and status 2 instead of a traceback."""
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "limnorm", "status", "--format", fmt, "--as-of", "2024-07-01",
             "--data", str(SAMPLE)],
            cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
            env={**os.environ, "LIMNORM_CACHE_DIR": str(tmp_path / "c")}, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "limnorm: fout: de uitvoer kan niet worden geschreven: de schijf is vol\n"
    )


@pytest.mark.parametrize("args", [["status"], ["checklist", "--format", "json"], ["timeline"]])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    """'limnorm … | head': the reader left; the command ends without a word, with 141 as
    'git log | head' does."""
    process = subprocess.Popen(
        [sys.executable, "-m", "limnorm", *args, "--as-of", "2024-07-01", "--data", str(SAMPLE)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "LIMNORM_CACHE_DIR": str(tmp_path / "c")},
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


@pytest.fixture(name="regio")
def _regio(tmp_path: Path) -> Path:
    """A region of one organisation (a copy of the sample)."""
    folder = tmp_path / "regio"
    shutil.copytree(SAMPLE, folder / "eijsden")
    return folder


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize(
    "args",
    [["status"], ["status", "thema", "4"], ["timeline"], ["compare", "--regio", "regio"]],
)
def test_a_terminal_that_cannot_show_every_character(
    tmp_path: Path, regio: Path, encoding: str, args: list[str]
) -> None:
    """A Latin-1 or ASCII terminal: what it cannot show becomes '?', the command succeeds."""
    data = [] if "--regio" in args else ["--data", str(SAMPLE)]
    result = run(
        [*args, *data, "--as-of", "2024-07-01"],
        tmp_path,
        env={"PYTHONIOENCODING": encoding},
        encoding=encoding,
    )
    assert result.returncode == 0, result.stderr
    assert TRACEBACK not in result.stderr
    assert "Eijsden" in result.stdout or "Thema" in result.stdout or "thema" in result.stdout


def test_a_file_name_that_is_not_utf8_is_printed_as_its_bytes(tmp_path: Path) -> None:
    """A folder name that is not UTF-8 reaches the terminal as the bytes it is (as 'ls' shows
    it), not as a crash."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    result = subprocess.run(
        [sys.executable, "-m", "limnorm", "init", os.fsencode(folder)],
        cwd=tmp_path, capture_output=True, timeout=60, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"Aangemaakt: " + bytes(tmp_path) + b"/caf\xe9/spoorboekje.yaml" in result.stdout
    plan = (folder / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert 'organisatie: "café"' in plan


# --- git -------------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Anna",
        "GIT_AUTHOR_EMAIL": "a@example.invalid",
        "GIT_COMMITTER_NAME": "Anna",
        "GIT_COMMITTER_EMAIL": "a@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True)


def _repository(root: Path) -> Path:
    root.mkdir(parents=True)
    _git(root, "init", "-q")
    for name in ("spoorboekje.yaml", "checklist.yaml"):
        shutil.copy(SAMPLE / name, root / name)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "begin")
    return root


@pytest.mark.parametrize("args", [["due", "--at", "HEAD"], ["history"]])
def test_history_of_a_plan_linked_from_outside_the_repository(
    tmp_path: Path, invoke: Invoke, args: list[str]
) -> None:
    """A plan that is a link to a file outside the repository: git knows only the link, so
    the history cannot be read; said in Dutch, no traceback."""
    outside = tmp_path / "elders"
    outside.mkdir()
    shutil.copy(SAMPLE / "spoorboekje.yaml", outside / "spoorboekje.yaml")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "spoorboekje.yaml").symlink_to(outside / "spoorboekje.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "link")
    result = invoke([*args, "--data", str(repo), "--as-of", "2024-07-01"])
    assert result.exit_code == 2
    assert "dit bestand staat buiten de git-repository" in result.stderr
    assert "een koppeling naar" in result.stderr


def test_history_in_a_repository_whose_path_is_not_utf8(tmp_path: Path) -> None:
    """A repository in a folder whose name is not UTF-8 works like any other."""
    repo = _repository(Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9")))
    for args in (["due", "--at", "HEAD"], ["history"]):
        result = run([*args, "--data", str(repo), "--as-of", "2024-07-01"], tmp_path)
        assert result.returncode == 0, result.stderr
        assert TRACEBACK not in result.stderr


@needs_root
def test_a_repository_of_another_user_names_safe_directory(tmp_path: Path) -> None:
    """git's 'dubious ownership' is named, with the command that lifts it, not reported as
    'not in a git repository'."""
    repo = _repository(tmp_path / "repo")
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, NOBODY, NOBODY)
    home = tmp_path / "home"
    home.mkdir()
    result = run(
        ["history", "--data", str(repo), "--as-of", "2024-07-01"],
        tmp_path,
        env={"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": str(home)},
    )
    assert result.returncode == 2
    assert "'dubious ownership'" in result.stderr
    assert f"git config --global --add safe.directory {repo}" in result.stderr


# --- init ------------------------------------------------------------------------------------


def test_init_onto_an_existing_file(tmp_path: Path, invoke: Invoke) -> None:
    """init naming a file instead of a folder: a message, and the file is untouched."""
    target = tmp_path / "bestand"
    target.write_text("van mij\n", encoding="utf-8")
    result = invoke(["init", str(target)])
    assert result.exit_code == 2
    assert "dit is een bestand, geen map" in result.stderr
    assert target.read_text(encoding="utf-8") == "van mij\n"


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (OSError(errno.EROFS, "ro"), "het bestandssysteem is alleen-lezen"),
        (PermissionError(errno.EACCES, "denied"), "geen toestemming"),
    ],
)
def test_init_where_no_folder_can_be_made(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, failure: OSError, message: str
) -> None:
    """A read-only filesystem or a folder without permission (simulated: tests run as root):
    a Dutch message, exit 2."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = invoke(["init", str(tmp_path / "nieuw")])
    assert result.exit_code == 2
    assert f"kan de map niet maken: {message}" in result.stderr


@pytest.mark.parametrize("failing_file", [1, 3])
def test_init_on_a_full_disk_leaves_nothing_behind(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, failing_file: int
) -> None:
    """The disk fills while init writes its files: a message, no file or folder is left,
    and a second try (with room) succeeds."""
    real = os.fsync
    files = 0

    def fill(handle: int) -> None:
        # The disk fills while the n-th file is made (its fsync reports it, as on NFS).
        nonlocal files
        if stat.S_ISREG(os.fstat(handle).st_mode):
            files += 1
            if files == failing_file:
                raise OSError(errno.ENOSPC, "No space left on device")
        real(handle)

    monkeypatch.setattr(os, "fsync", fill)
    target = tmp_path / "regio" / "venlo"
    result = invoke(["init", str(target)])
    assert result.exit_code == 2
    assert "de schijf is vol" in result.stderr
    assert not (tmp_path / "regio").exists()
    monkeypatch.undo()
    again = invoke(["init", str(target)])
    assert again.exit_code == 0, again.output
    assert load_plan(target / "spoorboekje.yaml").errors == ()


def test_init_with_a_line_break_in_the_name(tmp_path: Path, invoke: Invoke) -> None:
    """--organisatie with a line break (and an escape sequence): the files still pass check,
    and the name is kept exactly in 'organisatie:'."""
    name = "Gemeente\nVenlo # x\x1b[2J"
    result = invoke(["init", str(tmp_path / "venlo"), "--organisatie", name])
    assert result.exit_code == 0, result.output
    check = invoke(["check", "--data", str(tmp_path / "venlo"), "--as-of", "2024-07-01"])
    assert check.exit_code == 0, check.output
    plan = load_plan(tmp_path / "venlo" / "spoorboekje.yaml").require()
    assert plan.organisatie == name


def test_a_name_that_is_not_utf8_is_read_as_windows_1252() -> None:
    """A folder name with Latin-1 bytes (surrogate-escaped by Python) becomes readable text."""
    assert templates.readable(os.fsdecode(b"caf\xe9")) == "café"
    assert templates.readable("Venlo") == "Venlo"


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["due"], ["due", "--within", "2m"], ["timeline"], ["status"], ["report"]]
)
def test_as_of_beyond_the_years_a_plan_can_name(invoke: Invoke, args: list[str]) -> None:
    """--as-of 9999-12-31 is refused with the years allowed (as for --op), not a traceback."""
    result = invoke([*args, "--data", str(SAMPLE), "--as-of", "9999-12-31"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "limnorm: fout: --as-of '9999-12-31': kies een dag in de jaren 1900 tot en met 2199"
    )


@pytest.mark.parametrize("args", [["due", "--within", "2m"], ["timeline"], ["report"]])
def test_as_of_at_the_end_of_the_last_year(invoke: Invoke, args: list[str]) -> None:
    """The last allowed day works; the report does not complain about 'Q1 2200', which the
    user never wrote."""
    result = invoke([*args, "--data", str(SAMPLE), "--as-of", "2199-12-31"])
    assert result.exit_code == 0, result.output
    assert "2200" not in result.stderr


# --- edits of odd but valid YAML -------------------------------------------------------------

PLAN_HEAD = (
    "organisatie: X\n"
    "actiehouders:\n"
    "  OOV: Openbare Orde\n"
    "themas:\n"
    "  - nr: 1\n"
    "    titel: T\n"
    "    acties:\n"
    '      - id: "1.1"\n'
    "        actie: A\n"
)


@pytest.mark.parametrize("style", ["|", ">-", "|+"])
@pytest.mark.parametrize(("field", "value"), [("toelichting", "nieuw"), ("status", "lopend")])
def test_set_on_a_file_ending_in_a_block_scalar_without_newline(
    tmp_path: Path, style: str, field: str, value: str
) -> None:
    """The last value is a block scalar and the file has no final newline: set works, and
    everything before the change keeps its bytes."""
    path = tmp_path / "spoorboekje.yaml"
    head = PLAN_HEAD + "        wanneer: Q3 24\n        actiehouder: OOV\n"
    path.write_text(head + f"        toelichting: {style}\n          een\n          twee", "utf-8")
    edit_action(path, "s.yaml", "1.1", {field: value})
    text = path.read_text(encoding="utf-8")
    action = next(iter(parse_plan(text, "s.yaml").require().actions()))
    assert getattr(action, field) == value or getattr(action, field).value == value
    assert text.startswith(head)


def test_set_on_an_aliased_value(tmp_path: Path) -> None:
    """A value written as an alias (*w) is replaced there; the anchor and its other use stay."""
    path = tmp_path / "spoorboekje.yaml"
    tail = '      - id: "1.2"\n        actie: B\n        wanneer: *w\n        actiehouder: OOV\n'
    first = "        wanneer: &w Q3 24\n        actiehouder: OOV\n"
    path.write_text(PLAN_HEAD + first + tail, encoding="utf-8")
    edit_action(path, "s.yaml", "1.2", {"wanneer": "Q4 24"})
    assert path.read_text(encoding="utf-8") == PLAN_HEAD + first + tail.replace("*w", "Q4 24")


def test_set_on_an_anchored_value_that_is_shared(tmp_path: Path) -> None:
    """Changing a value that others share through its anchor would change them too: refused,
    with where and why, and the file keeps every byte."""
    path = tmp_path / "spoorboekje.yaml"
    tail = '      - id: "1.2"\n        actie: B\n        wanneer: *w\n        actiehouder: OOV\n'
    text = PLAN_HEAD + "        wanneer: &w Q3 24\n        actiehouder: OOV\n" + tail
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=r"'wanneer' is met het anker &w gedeeld") as caught:
        edit_action(path, "s.yaml", "1.1", {"wanneer": "Q4 24"})
    assert str(caught.value).startswith("s.yaml:10:9: ")
    assert path.read_text(encoding="utf-8") == text


# --- messages --------------------------------------------------------------------------------


def test_escape_sequences_in_files_never_reach_stderr(tmp_path: Path, invoke: Invoke) -> None:
    """A value with escape sequences (retitle the terminal, clear the screen) quoted in a
    message on stderr arrives without them; so does the list of known owners."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "spoorboekje.yaml").write_text(
        PLAN_HEAD.replace("  OOV: Openbare Orde\n", '  "OOV\\e[31m": Rood\n')
        + '        wanneer: Q3 24\n        actiehouder: "OOV\\e[31m"\n'
        + '        status: "\\e]0;gekaapt\\a\\e[2J"\n',
        encoding="utf-8",
    )
    typed = "\x1b]0;gekaapt\x07\x1b[2J"
    for args in (["due", "--owner", "XYZ"], ["check"], ["set", "1.1", "status", typed]):
        result = invoke([*args, "--data", str(folder), "--as-of", "2024-07-01"])
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr
    known = invoke(["due", "--owner", "XYZ", "--data", str(folder), "--as-of", "2024-07-01"])
    assert "bekend: OOV," in known.stderr


def test_merge_conflict_markers_are_named(tmp_path: Path) -> None:
    """git's conflict markers: the message says so and where, in plans and checklists."""
    text = "organisatie: X\n<<<<<<< HEAD\nthemas: []\n=======\nthemas: [1]\n>>>>>>> b\n"
    for parse in (parse_plan, parse_checklist):
        finding = parse_text(text, "s.yaml", parse).findings[0]
        assert str(finding).startswith(
            "s.yaml:2:1: fataal: het bestand bevat een onopgelost git-conflict op regel 2 tot en "
            "met 6"
        )


def test_deep_nesting_gives_one_message_whichever_libyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """libyaml limits nesting itself in some builds and not in others: the message and place
    are the same either way (the flaky corpus case)."""
    from limnorm.files import yamltree

    text = (Path(__file__).parent / "corpus" / "deep_nesting.yaml").read_text(encoding="utf-8")
    original = yamltree._limit_nesting
    if original is None:
        pytest.skip("this PyYAML cannot set libyaml's nesting limit")
    expected = (
        "s.yaml:1:78: de gegevens zijn te diep genest; dit lijkt geen spoorboekje of checklist"
    )
    with pytest.raises(DataError) as limited:
        parse_yaml(text, "s.yaml")
    assert str(limited.value) == expected
    # An install whose libyaml lets any depth through (the walker then stops it).
    monkeypatch.setattr(yamltree, "_limit_nesting", lambda level: original(100_000))
    with pytest.raises(DataError) as unlimited:
        parse_yaml(text, "s.yaml")
    assert str(unlimited.value) == expected


# --- check and the pre-commit hook -----------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _hook_run(repo: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook as pre-commit does: the staged files matching ``files``, passed to
    ``entry`` if ``pass_filenames``, from the repository's top folder."""
    import re

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    staged = subprocess.run(
        ["git", "diff", "--cached", "--name-only"],
        cwd=repo, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    files = [name for name in staged if re.search(hook["files"], name)]
    assert files, "the hook would not even run"
    program, *arguments = hook["entry"].split()
    assert program == "limnorm"
    return run([*arguments, *(files if hook["pass_filenames"] else [])], repo)


def _region_repository(root: Path) -> Path:
    """A region repository: venlo/ and heerlen/, each with its plan; nothing at the top."""
    root.mkdir()
    _git(root, "init", "-q")
    for member in ("venlo", "heerlen"):
        (root / member).mkdir()
        for name in ("spoorboekje.yaml", "checklist.yaml"):
            shutil.copy(SAMPLE / name, root / member / name)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "begin")
    return root


def test_hook_checks_the_plans_being_committed(tmp_path: Path) -> None:
    """A broken plan in a subfolder being committed: the hook fails and names it (it used to
    check the sample in its own virtualenv and report 'Passed')."""
    repo = _region_repository(tmp_path / "regio")
    plan = repo / "venlo" / "spoorboekje.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    _git(repo, "add", "venlo/spoorboekje.yaml")
    result = _hook_run(repo)
    assert result.returncode == 2, result.stdout + result.stderr  # fataal: not YAML
    assert result.stdout.startswith("venlo/spoorboekje.yaml:")
    assert "venlo/checklist.yaml" in result.stdout.splitlines()[-1]
    assert "heerlen" not in result.stdout


def test_hook_checks_the_folder_of_a_committed_checklist(tmp_path: Path) -> None:
    """Only the checklist changes: its folder's plan is checked with it (links between them)."""
    repo = _region_repository(tmp_path / "regio")
    checklist = repo / "heerlen" / "checklist.yaml"
    checklist.write_text(checklist.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(repo, "add", "-A")
    result = _hook_run(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        "Geen problemen gevonden in heerlen/spoorboekje.yaml, heerlen/checklist.yaml.\n"
    )


def test_check_without_a_plan_of_the_user_checks_nothing(tmp_path: Path, invoke: Invoke) -> None:
    """No plan here or above: check says so and exits 2, instead of passing on the sample."""
    result = invoke(["check", "--as-of", "2024-07-01"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "limnorm: fout: geen spoorboekje.yaml gevonden in deze map of erboven; er is niets "
        "gecontroleerd"
    )


def test_check_refuses_files_that_are_not_data_files(invoke: Invoke) -> None:
    """Files passed to check must be a spoorboekje or checklist."""
    result = invoke(["check", "notities.yaml"])
    assert result.exit_code == 2
    assert "notities.yaml: geen spoorboekje.yaml of checklist.yaml" in result.stderr


# --- a real full disk: a small tmpfs in a private mount namespace ----------------------------

FULL_DISK_SCRIPT = r"""
set -u
disk="$1"; out="$2"; sample="$3"
mount -t tmpfs -o size=64k tmpfs "$disk" || exit 77
mkdir "$disk/data"
cp "$sample/spoorboekje.yaml" "$sample/checklist.yaml" "$disk/data/"
printf 'oud rapport\n' > "$disk/rapport.md"
# Fill the disk to the last block (the data files and the old report stay).
dd if=/dev/zero of="$disk/vulling" bs=4096 2>/dev/null
limnorm() { "$PYTHON" -m limnorm "$@"; }
limnorm set 1.1 toelichting "een nieuwe toelichting" --data "$disk/data" >"$out/set.out" 2>"$out/set.err"
echo $? >"$out/set.rc"
limnorm report --data "$disk/data" --as-of 2024-07-01 -o "$disk/rapport.md" 2>"$out/report.err"
echo $? >"$out/report.rc"
limnorm init "$disk/venlo" >"$out/init.out" 2>"$out/init.err"
echo $? >"$out/init.rc"
cp "$disk/data/spoorboekje.yaml" "$out/spoorboekje.after"
cp "$disk/rapport.md" "$out/rapport.after"
ls -A "$disk" "$disk/data" >"$out/listing"
"""


def test_a_real_full_disk_changes_nothing_and_leaves_nothing(tmp_path: Path) -> None:
    """On a full tmpfs: set, report -o and init each say the disk is full (exit 2), the plan
    and the old report keep every byte, and no temporary or half-made file or folder stays."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available")
    disk = tmp_path / "schijf"
    disk.mkdir()
    out = tmp_path / "uit"
    out.mkdir()
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", FULL_DISK_SCRIPT, "sh", str(disk), str(out),
         str(SAMPLE)],
        env={**os.environ, "PYTHON": sys.executable, "LIMNORM_CACHE_DIR": str(tmp_path / "c")},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if result.returncode == 77 or "unshare" in result.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr

    def read(name: str) -> str:
        return (out / name).read_text(encoding="utf-8")

    for command in ("set", "report", "init"):
        assert read(f"{command}.rc").strip() == "2", (command, read(f"{command}.err"))
        assert "de schijf is vol" in read(f"{command}.err"), command
        assert TRACEBACK not in read(f"{command}.err")
    assert (out / "spoorboekje.after").read_bytes() == (SAMPLE / "spoorboekje.yaml").read_bytes()
    assert read("rapport.after") == "oud rapport\n"
    listing = read("listing").split()
    assert sorted(listing) == sorted(
        [f"{disk}:", "data", "rapport.md", "vulling", f"{disk}/data:", "checklist.yaml",
         "spoorboekje.yaml"]
    )  # fmt: skip
