"""Trust at the edges: links, modes, owners, FIFOs, devices, the installed sample, the cache.

Each test builds the hostile situation for real inside its temporary folder (a
FIFO, a symbolic or hard link, a file of another owner, a character device made
with mknod) or, where the machine cannot, injects the fault. Commands that could
hang run as a real process with a timeout, so a regression fails instead of hanging.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from limnorm.core.errors import DataError
from limnorm.files import atomic, discovery
from limnorm.files.cache import MAX_ENTRY_BYTES, Cache, cache_directory
from limnorm.files.updates import edit_action
from limnorm.files.yamlsource import MAX_FILE_BYTES, read_bytes

from .conftest import SAMPLE, Invoke

ROOT = os.geteuid() == 0
NOBODY = 65534
needs_root = pytest.mark.skipif(not ROOT, reason="changing a file's owner needs root")


def run(
    args: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it, with a timeout so a hang fails the test."""
    base = {
        **os.environ,
        "LIMNORM_DATA": "",
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "LIMNORM_CACHE_DIR": str(cwd / ".cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "limnorm", *args],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        encoding=encoding,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(name="umask")
def _umask() -> Iterator[int]:
    """A known umask (022) for the test, restored afterwards."""
    old = os.umask(0o022)
    yield 0o022
    os.umask(old)


@pytest.fixture(name="data")
def _data(tmp_path: Path) -> Path:
    """A writable copy of the sample data."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return target


def _status(folder: Path, action_id: str) -> str:
    from limnorm.files.loader import load_plan

    plan = load_plan(folder / "spoorboekje.yaml").require()
    return next(a.status.value for a in plan.actions() if a.id == action_id)


# --- output paths (-o) -----------------------------------------------------------------------


def test_output_into_a_fifo_writes_into_it(tmp_path: Path, invoke: Invoke) -> None:
    """``-o FIFO`` writes the report into the FIFO (as a shell's '>' would); the FIFO stays a
    FIFO instead of being replaced by a regular file."""
    fifo = tmp_path / "rapport.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke(["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received
    assert received[0].startswith(b"# Voortgang Limburgse Norm")


def test_output_into_a_character_device_writes_into_it(tmp_path: Path, invoke: Invoke) -> None:
    """``-o`` naming a character device (a null device made here, like /dev/null) writes to the
    device and leaves the device node in place, instead of renaming a file over it."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as error:
        pytest.skip(f"cannot make a device node here: {error}")
    result = invoke(["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(device)])
    assert result.exit_code == 0, result.output
    info = device.lstat()
    assert stat.S_ISCHR(info.st_mode)
    assert info.st_rdev == os.makedev(1, 3)


def test_output_dash_means_stdout(tmp_path: Path, invoke: Invoke) -> None:
    """``-o -`` prints to standard output and makes no file named '-'."""
    result = invoke(["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Voortgang Limburgse Norm")
    assert not (tmp_path / "-").exists()


def test_output_onto_a_folder_is_refused(tmp_path: Path, invoke: Invoke) -> None:
    """A folder as output target is refused with a message; the folder is untouched."""
    folder = tmp_path / "map"
    folder.mkdir()
    result = invoke(["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(folder)])
    assert result.exit_code == 2
    assert "dit is een map, geen bestand; geef een bestandsnaam" in result.stderr
    assert folder.is_dir()
    assert not list(folder.iterdir())


def test_output_keeps_an_existing_files_mode_and_new_files_follow_the_umask(
    tmp_path: Path, invoke: Invoke, umask: int
) -> None:
    """An existing 0644 report stays 0644 when rewritten; a new one gets 0666 & ~umask (0644),
    not 0600, so colleagues on a shared drive can read it."""
    existing = tmp_path / "oud.md"
    existing.write_text("oud\n", encoding="utf-8")
    existing.chmod(0o640)
    new = tmp_path / "nieuw.md"
    for target in (existing, new):
        result = invoke(
            ["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert existing.read_text(encoding="utf-8").startswith("# Voortgang")


def test_output_through_a_symlink_writes_its_target(tmp_path: Path, invoke: Invoke) -> None:
    """``-o link`` writes the file the link points to; the link stays a link."""
    real = tmp_path / "echt.md"
    real.write_text("oud\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = invoke(["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Voortgang")


# --- edits: links, modes, owners -------------------------------------------------------------


def test_edit_through_a_symlink_changes_the_target(tmp_path: Path, data: Path) -> None:
    """A plan that is a symbolic link stays a link; the file it points to gets the change."""
    folder = tmp_path / "werk"
    folder.mkdir()
    link = folder / "spoorboekje.yaml"
    link.symlink_to(data / "spoorboekje.yaml")
    edit_action(link, "spoorboekje.yaml", "1.1", {"status": "lopend"})
    assert link.is_symlink()
    assert _status(data, "1.1") == "lopend"
    assert [p.name for p in data.iterdir() if p.name.startswith(".")] == []


def test_edit_of_a_hard_linked_file_keeps_the_link(tmp_path: Path, data: Path) -> None:
    """A plan with a second hard link: both names still show the same, changed file."""
    plan = data / "spoorboekje.yaml"
    other = tmp_path / "kopie-link.yaml"
    os.link(plan, other)
    edit_action(plan, "spoorboekje.yaml", "1.1", {"status": "lopend"})
    assert plan.stat().st_ino == other.stat().st_ino
    assert plan.stat().st_nlink == 2
    assert other.read_bytes() == plan.read_bytes()
    assert _status(data, "1.1") == "lopend"


def test_a_read_only_plan_is_not_changed(tmp_path: Path, data: Path, invoke: Invoke) -> None:
    """A plan made read-only (directly or behind a link) is refused with a Dutch message,
    not replaced through a rename the folder allows; its bytes and mode stay."""
    plan = data / "spoorboekje.yaml"
    link = tmp_path / "spoorboekje.yaml"
    link.symlink_to(plan)
    before = plan.read_bytes()
    plan.chmod(0o444)
    for path in (plan, link):
        with pytest.raises(DataError) as caught:
            edit_action(path, "spoorboekje.yaml", "1.1", {"status": "lopend"})
        assert caught.value.message == (
            "het bestand is alleen-lezen; er is niets geschreven. Maak het eerst schrijfbaar "
            "(bijvoorbeeld met 'chmod u+w') als het gewijzigd mag worden"
        )
    result = invoke(["done", "1.1", "--data", str(data), "--as-of", "2026-06-01"])
    assert result.exit_code == 2
    assert "alleen-lezen" in result.stderr
    assert plan.read_bytes() == before
    assert stat.S_IMODE(plan.stat().st_mode) == 0o444


def test_edit_keeps_the_mode(data: Path) -> None:
    """An edited plan keeps its mode bits (here 0664: a group-writable shared file)."""
    plan = data / "spoorboekje.yaml"
    plan.chmod(0o664)
    edit_action(plan, "spoorboekje.yaml", "1.1", {"status": "lopend"})
    assert stat.S_IMODE(plan.stat().st_mode) == 0o664


@needs_root
def test_edit_as_root_keeps_the_owner(data: Path) -> None:
    """root editing another user's plan leaves it that user's (replacement chowned back)."""
    plan = data / "spoorboekje.yaml"
    os.chown(plan, NOBODY, NOBODY)
    edit_action(plan, "spoorboekje.yaml", "1.1", {"status": "lopend"})
    info = plan.stat()
    assert (info.st_uid, info.st_gid) == (NOBODY, NOBODY)
    assert _status(data, "1.1") == "lopend"


def test_edit_of_a_file_whose_owner_cannot_be_kept_is_written_in_place(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the replacement cannot be given the file's owner (a user who is not root editing
    a colleague's file; simulated by a failing chown), the file is written in place: same
    inode, so same owner, and no temporary file is left."""
    plan = data / "spoorboekje.yaml"
    inode = plan.stat().st_ino
    real_stat = os.stat

    def other_owner(path: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if str(path).endswith("spoorboekje.yaml"):
            values = list(info)
            values[stat.ST_UID] = info.st_uid + 1
            return os.stat_result(values)
        return info

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "not permitted")

    monkeypatch.setattr(atomic.os, "stat", other_owner)
    monkeypatch.setattr(atomic.os, "chown", refuse)
    edit_action(plan, "spoorboekje.yaml", "1.1", {"status": "lopend"})
    monkeypatch.undo()
    assert plan.stat().st_ino == inode
    assert _status(data, "1.1") == "lopend"
    assert sorted(p.name for p in data.iterdir()) == sorted(p.name for p in SAMPLE.iterdir())


def test_in_place_write_on_a_full_disk_changes_nothing(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing in place reserves the space first: a full disk stops it before any byte changed."""
    plan = data / "spoorboekje.yaml"
    other = data.parent / "tweede-naam.yaml"
    os.link(plan, other)
    before = plan.read_bytes()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "posix_fallocate", full)
    with pytest.raises(DataError, match="de schijf is vol; het bestand is onveranderd"):
        edit_action(plan, "spoorboekje.yaml", "1.1", {"toelichting": "een veel langere tekst"})
    monkeypatch.undo()
    assert plan.read_bytes() == before


# --- the installed sample --------------------------------------------------------------------


@pytest.fixture(name="installed")
def _installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample standing in for the installed one (site-packages/limnorm/data), so
    that a failing test never edits the real sample."""
    copy = tmp_path / "site-packages" / "limnorm" / "data"
    shutil.copytree(SAMPLE, copy)
    monkeypatch.setattr(discovery, "sample_directory", lambda: copy)
    return copy


@pytest.mark.parametrize("how", ["--data", "cwd"])
def test_installed_sample_is_never_edited(
    installed: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """``set`` on the installed sample, named with --data or run inside its folder, is refused
    and the sample keeps every byte."""
    before = (installed / "spoorboekje.yaml").read_bytes()
    args = ["set", "1.1", "status", "lopend"]
    if how == "--data":
        args += ["--data", str(installed)]
    result = invoke(args)
    if how == "cwd":
        monkeypatch.chdir(installed)
        result = invoke(args)
    assert result.exit_code == 2
    assert "de voorbeeldgegevens worden niet gewijzigd" in result.stderr
    assert (installed / "spoorboekje.yaml").read_bytes() == before


def test_output_into_the_installed_sample_is_refused(installed: Path, invoke: Invoke) -> None:
    """Not even a report may be written into the installed sample's folder."""
    target = installed / "rapport.md"
    result = invoke(["report", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(target)])
    assert result.exit_code == 2
    assert "hoort bij de installatie van limnorm" in result.stderr
    assert not target.exists()


# --- reading: FIFOs, devices, the byte limit -------------------------------------------------


@pytest.mark.parametrize("command", [["due"], ["check"], ["done", "1.1"], ["status"]])
def test_a_fifo_plan_is_refused_without_hanging(tmp_path: Path, command: list[str]) -> None:
    """A spoorboekje.yaml that is a FIFO (nobody writing) gives a message at once."""
    folder = tmp_path / "data"
    folder.mkdir()
    os.mkfifo(folder / "spoorboekje.yaml")
    result = run([*command, "--data", str(folder), "--as-of", "2024-07-01"], tmp_path, timeout=30)
    assert result.returncode in (1, 2), result.stderr
    assert "geen gewoon bestand" in result.stdout + result.stderr  # check reports on stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["due", "status", "report", "timeline"])
def test_a_fifo_found_in_the_current_folder_is_fataal(tmp_path: Path, command: str) -> None:
    """A FIFO named spoorboekje.yaml in the current folder is found and refused (exit 2),
    as with --data: never passed over for the built-in sample with 'geen spoorboekje.yaml
    gevonden'."""
    os.mkfifo(tmp_path / "spoorboekje.yaml")
    result = run([command, "--as-of", "2024-07-01"], tmp_path, timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "limnorm: fout: spoorboekje.yaml is niet te gebruiken; herstel eerst ('limnorm check' "
        "toont alles):\n  spoorboekje.yaml: fataal: dit is geen gewoon bestand maar een FIFO, "
        "apparaat of socket; limnorm leest alleen gewone bestanden. Geef het bestand zelf\n"
    )


def test_a_fifo_in_a_region_is_refused_without_hanging(tmp_path: Path) -> None:
    """One organisation's plan being a FIFO: compare reports it and shows the others."""
    regio = tmp_path / "regio"
    shutil.copytree(SAMPLE, regio / "eijsden")
    (regio / "venlo").mkdir()
    os.mkfifo(regio / "venlo" / "spoorboekje.yaml")
    shutil.copy(SAMPLE / "checklist.yaml", regio / "venlo" / "checklist.yaml")
    result = run(["compare", "--regio", str(regio), "--as-of", "2024-07-01"], tmp_path, timeout=30)
    assert "Traceback" not in result.stderr
    assert "geen gewoon bestand" in result.stdout + result.stderr


def test_a_plan_linked_to_a_device_is_refused(tmp_path: Path, invoke: Invoke) -> None:
    """A plan linked to a character device (stat says size 0) is refused before reading,
    instead of read until memory runs out."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "spoorboekje.yaml").symlink_to("/dev/zero")
    result = invoke(["due", "--data", str(folder), "--as-of", "2024-07-01"])
    assert result.exit_code == 2
    assert "geen gewoon bestand" in result.stderr


def test_the_size_limit_counts_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit holds even when fstat reports a size of 0 (as for devices and /proc files)."""
    big = tmp_path / "groot.yaml"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 10)
    real_fstat = os.fstat

    def zero_size(handle: int) -> os.stat_result:
        values = list(real_fstat(handle))
        values[stat.ST_SIZE] = 0
        return os.stat_result(values)

    monkeypatch.setattr(os, "fstat", zero_size)
    with pytest.raises(DataError, match="groter dan 8 MB"):
        read_bytes(big, "groot.yaml")


# --- the cache -------------------------------------------------------------------------------


def _entry(cache: Cache, key: str) -> Path:
    assert cache.directory is not None
    path = cache.directory / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_a_fifo_cache_entry_is_a_miss(tmp_path: Path) -> None:
    """A FIFO where an entry should be is a miss, not a hang (a thread guards the test)."""
    cache = Cache(tmp_path / "cache")
    key = "ab" + "0" * 62
    os.mkfifo(_entry(cache, key))
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(cache.get("spoorboekje", key)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=10)
    assert results == [None]


def test_a_large_cache_entry_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry above the limit is refused after at most limit + 1 bytes."""
    cache = Cache(tmp_path / "cache")
    key = "cd" + "0" * 62
    with _entry(cache, key).open("wb") as stream:
        stream.truncate(60 * 1_048_576)
    read = 0
    real_read = os.read

    def counting(handle: int, size: int) -> bytes:
        nonlocal read
        chunk = real_read(handle, size)
        read += len(chunk)
        return chunk

    monkeypatch.setattr(os, "read", counting)
    assert cache.get("spoorboekje", key) is None
    assert read == 0  # a regular file's size is known before reading
    assert MAX_ENTRY_BYTES <= 8 * 1_048_576


def _valid_entry(tmp_path: Path) -> tuple[Cache, str, Path]:
    """A cache filled by a real load of the sample; its one plan entry."""
    from limnorm.files.region import load_files

    cache = Cache(tmp_path / "cache")
    plan = tmp_path / "org" / "spoorboekje.yaml"
    plan.parent.mkdir()
    shutil.copy(SAMPLE / "spoorboekje.yaml", plan)
    load_files([("spoorboekje", plan, "org/spoorboekje.yaml")], cache, workers=1)
    assert cache.directory is not None
    entries = list(cache.directory.glob("*/*.json"))
    assert len(entries) == 1
    return cache, entries[0].stem, entries[0]


def test_cache_folder_is_private(tmp_path: Path, umask: int) -> None:
    """The cache folder and its subfolders are 0700: entries tell what the data holds."""
    cache, _, entry = _valid_entry(tmp_path)
    assert cache.directory is not None
    assert stat.S_IMODE(cache.directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700


def test_a_cache_entry_writable_by_others_is_not_trusted(tmp_path: Path) -> None:
    """An entry others may write could hold anything: it counts as a miss."""
    cache, key, entry = _valid_entry(tmp_path)
    assert cache.get("spoorboekje", key) is not None
    entry.chmod(0o666)
    assert cache.get("spoorboekje", key) is None


@needs_root
def test_a_cache_entry_of_another_user_is_not_trusted(tmp_path: Path) -> None:
    """An entry owned by someone else counts as a miss, and is replaced by one of ours."""
    from limnorm.files.region import load_files

    cache, key, entry = _valid_entry(tmp_path)
    os.chown(entry, NOBODY, NOBODY)
    assert cache.get("spoorboekje", key) is None
    plan = tmp_path / "org" / "spoorboekje.yaml"
    load_files([("spoorboekje", plan, "org/spoorboekje.yaml")], cache, workers=1)
    assert entry.stat().st_uid == os.geteuid()
    assert cache.get("spoorboekje", key) is not None


def test_a_relative_xdg_cache_home_is_ignored() -> None:
    """XDG: a relative $XDG_CACHE_HOME is invalid and ignored; an absolute one is used."""
    home = {"HOME": "/home/ambtenaar"}
    assert cache_directory({**home, "XDG_CACHE_HOME": "cache"}) == Path(
        "/home/ambtenaar/.cache/limnorm"
    )
    assert cache_directory({**home, "XDG_CACHE_HOME": "/var/c"}) == Path("/var/c/limnorm")


def test_import_of_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    """``limnorm import`` given a FIFO (nobody writing) refuses it at once."""
    os.mkfifo(tmp_path / "plan.csv")
    result = run(["import", "plan.csv", "--as-of", "2024-07-01"], tmp_path, timeout=30)
    assert result.returncode == 2, result.stderr
    assert "plan.csv: dit is geen gewoon bestand" in result.stderr


def test_output_to_an_open_stream_appends_to_it(tmp_path: Path) -> None:
    """``-o /proc/self/fd/1`` (what /dev/stdout is) with stdout appending to a log: the report
    is added to the log, which keeps what it held, instead of the log being replaced."""
    log = tmp_path / "log.txt"
    log.write_text("eerder\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as stream:
        result = subprocess.run(
            [sys.executable, "-m", "limnorm", "report", "--data", str(SAMPLE),
             "--as-of", "2024-07-01", "-o", "/proc/self/fd/1"],
            cwd=tmp_path, stdout=stream, stderr=subprocess.PIPE, text=True, timeout=60,
            env={**os.environ, "LIMNORM_CACHE_DIR": str(tmp_path / "c")}, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("eerder\n# Voortgang")


def test_init_files_follow_the_umask(tmp_path: Path, invoke: Invoke, umask: int) -> None:
    """Files made by init get 0666 & ~umask (0644 here), not 0600: a shared drive's
    colleagues can read them."""
    result = invoke(["init", str(tmp_path / "venlo")])
    assert result.exit_code == 0, result.output
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "venlo").iterdir()}
    assert set(modes.values()) == {0o644}, modes
    assert len(modes) == 4


def test_in_place_write_without_fallocate_reserves_by_writing_zeros(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where posix_fallocate is missing (macOS) the room is reserved by writing zeros past the
    end first: a full disk there leaves the file as it was; with room the edit succeeds."""
    plan = data / "spoorboekje.yaml"
    os.link(plan, data.parent / "tweede-naam.yaml")
    before = plan.read_bytes()
    monkeypatch.delattr(os, "posix_fallocate")
    real_pwrite = os.pwrite

    def full(handle: int, chunk: bytes, offset: int) -> int:
        if offset >= len(before):  # only the reservation beyond the old end fails
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_pwrite(handle, chunk, offset)

    monkeypatch.setattr(os, "pwrite", full)
    with pytest.raises(DataError, match="de schijf is vol; het bestand is onveranderd"):
        edit_action(plan, "spoorboekje.yaml", "1.1", {"toelichting": "een veel langere tekst"})
    assert plan.read_bytes() == before
    monkeypatch.setattr(os, "pwrite", real_pwrite)
    edit_action(plan, "spoorboekje.yaml", "1.1", {"toelichting": "een veel langere tekst"})
    assert (data.parent / "tweede-naam.yaml").read_bytes() == plan.read_bytes() != before
