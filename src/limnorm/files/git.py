"""Read the data files as they were at a git commit, and the commits that changed them.

Only the ``git`` command line is used (no library), with plain porcelain
options. Every failure becomes a :class:`DataError` with a Dutch message.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.errors import DataError, Location

if TYPE_CHECKING:
    import threading

_SEPARATOR = "\x1f"
_NO_GIT = (
    "git is niet geïnstalleerd; de geschiedenis (history, diff, een eerdere versie lezen) "
    "heeft git nodig"
)
_FORMAT = f"--format=%H{_SEPARATOR}%aI{_SEPARATOR}%an{_SEPARATOR}%s"


class Commit(NamedTuple):
    """A commit that touched the data: hash, author date, author name, subject."""

    hash: str
    date: datetime
    author: str
    subject: str

    @property
    def short(self) -> str:
        """The abbreviated hash people see in ``git log``."""
        return self.hash[:7]


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise DataError(_NO_GIT) from None
    except subprocess.TimeoutExpired:  # pragma: no cover
        raise DataError("git antwoordde niet binnen een minuut") from None


def refs(directory: Path) -> list[str]:
    """The tags (newest first), then the branches, of the repository holding ``directory``,
    for completion; none when it is not in git."""
    found = _git(
        ["for-each-ref", "--sort=-creatordate", "--format=%(refname)", "refs/tags", "refs/heads"],
        directory,
    )
    if found.returncode != 0:
        return []
    names = found.stdout.decode("utf-8", "replace").split()
    tags = [n.removeprefix("refs/tags/") for n in names if n.startswith("refs/tags/")]
    branches = sorted(n.removeprefix("refs/heads/") for n in names if n.startswith("refs/heads/"))
    return tags + branches


def toplevel(directory: Path) -> Path:
    """The root of the git work tree holding ``directory``.

    Raises:
        DataError: ``directory`` is not inside a git repository.
    """
    result = _git(["rev-parse", "--show-toplevel"], directory)
    if result.returncode != 0 and b"dubious ownership" in result.stderr:
        raise DataError(_dubious(result.stderr, directory), Location(str(directory)))
    if result.returncode != 0:
        raise DataError(
            "deze gegevens staan niet in een git-repository; de geschiedenis (history, diff, "
            "een eerdere versie lezen) werkt alleen met gegevens in git (de rest werkt wel)",
            Location(str(directory)),
        )
    # A path as bytes: a folder name need not be UTF-8 (fsdecode keeps any byte).
    return Path(os.fsdecode(result.stdout.rstrip(b"\r\n")))


def _dubious(stderr: bytes, directory: Path) -> str:
    """git's refusal of a repository owned by someone else, with the line that lifts it."""
    text = os.fsdecode(stderr)
    suggested = re.search(r"git config --global --add safe\.directory .+", text)
    command = (
        suggested[0].strip()
        if suggested
        else f"git config --global --add safe.directory {directory.resolve()}"
    )
    return (
        "git weigert deze repository te lezen: ze is van een andere gebruiker ('dubious "
        "ownership'). Vertrouwt u de map, voer dan eenmalig uit: " + command
    )


def relative_to_top(top: Path, path: Path) -> str:
    """``path`` as git names it in ``top``'s tree.

    Raises:
        DataError: the file (or where its link points) lies outside the repository.
    """
    real = path.resolve()
    try:
        return real.relative_to(top.resolve()).as_posix()
    except ValueError:
        where = " (een koppeling naar " + str(real) + ")" if path.is_symlink() else ""
        raise DataError(
            f"dit bestand staat buiten de git-repository {top}{where}; de geschiedenis kan "
            "alleen gelezen worden voor bestanden die in de repository staan. Zet het bestand "
            "zelf in de repository",
            Location(str(path)),
        ) from None


def is_shallow(top: Path) -> bool:
    """Whether the clone is shallow, i.e. its history is cut off."""
    result = _git(["rev-parse", "--is-shallow-repository"], top)
    return result.stdout.decode().strip() == "true"


def resolve(top: Path, ref: str) -> Commit:
    """The commit a ref (hash, tag, branch, ``HEAD~3``) names.

    Raises:
        DataError: the ref does not exist, e.g. in a shallow clone.
    """
    if ref.startswith("-"):
        raise DataError(f"'{ref}' is geen commit, tag of branch")
    result = _git(
        [
            "log",
            "-1",
            f"--format=%H{_SEPARATOR}%aI{_SEPARATOR}%an{_SEPARATOR}%s",
            f"{ref}^{{commit}}",
            "--",
        ],
        top,
    )
    if result.returncode != 0 or not result.stdout.strip():
        hint = (
            " De clone is ondiep (shallow); haal de geschiedenis op met 'git fetch --unshallow'."
            if is_shallow(top)
            else ""
        )
        raise DataError(f"'{ref}' is geen bekende commit, tag of branch in deze repository.{hint}")
    return _commit(result.stdout.decode("utf-8", "replace").strip())


def _commit(line: str) -> Commit:
    hash_, when, author, subject = line.split(_SEPARATOR, 3)
    return Commit(hash_, datetime.fromisoformat(when), author, subject)


def show(top: Path, commit: Commit, path: Path) -> bytes | None:
    """The bytes of ``path`` at ``commit``; ``None`` when the file did not exist then."""
    relative = relative_to_top(top, path)
    result = _git(["show", f"{commit.hash}:{relative}"], top)
    if result.returncode != 0:
        return None
    return result.stdout


class BlobStream:
    """Many files at many commits through one ``git cat-file --batch`` process, streamed.

    Asking for one file and waiting for git's answer, a round trip per file, was a third
    of ``history``'s time on 500 commits. Here a thread writes every
    request while the caller reads the answers in order, one at a time, so memory holds
    one file whatever the number of commits. Use as a context manager.
    """

    def __init__(self, top: Path, names: list[str]) -> None:
        self.top, self.names = top, names
        self._process: subprocess.Popen[bytes] | None = None
        self._writer: threading.Thread | None = None

    def __enter__(self) -> BlobStream:
        import threading  # only history streams

        try:
            process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise DataError(_NO_GIT) from None
        self._process = process
        requests = "".join(f"{name}\n" for name in self.names).encode("utf-8", "surrogateescape")

        def write() -> None:
            assert process.stdin is not None
            try:
                process.stdin.write(requests)
                process.stdin.close()
            except OSError:  # git ended early (the reader stopped): nothing left to ask
                pass

        self._writer = threading.Thread(target=write, daemon=True)
        self._writer.start()
        return self

    def __iter__(self) -> Iterator[tuple[str, bytes] | None]:
        """(blob id, bytes) for each name in order; None for a file not there."""
        process = self._process
        assert process is not None
        assert process.stdout is not None
        stdout = process.stdout
        for _ in self.names:
            header = stdout.readline().split()
            if len(header) == 2 and header[1] == b"missing":
                yield None
                continue
            if len(header) != 3:  # pragma: no cover - git ended
                raise DataError("git cat-file hield onverwacht op")
            data = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after the contents
            yield (header[0].decode(), data) if header[1] == b"blob" else None

    def __exit__(self, *exc: object) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None and exc[0] is not None:
            process.kill()
        assert process.stdout is not None
        process.stdout.close()  # a writer still blocked on a full pipe gets an error
        process.wait(timeout=60)
        if self._writer is not None:
            self._writer.join(timeout=60)


def log(
    top: Path, paths: list[Path], since: str | None = None, until: str = "HEAD"
) -> list[Commit]:
    """Commits that changed any of ``paths``, oldest first; with ``since`` (a commit id),
    only those after it up to ``until``."""
    relative = [relative_to_top(top, p) for p in paths]
    result = _git(
        [
            "log",
            "--reverse",
            f"--format=%H{_SEPARATOR}%aI{_SEPARATOR}%an{_SEPARATOR}%s",
            f"{since}..{until}" if since else until,
            "--",
            *relative,
        ],
        top,
    )
    if result.returncode != 0:
        # A repository without commits yet has no history to show.
        return []
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    return [_commit(line) for line in lines if line.strip()]


def is_ancestor(top: Path, older: str, newer: str) -> bool:
    """Whether commit ``older`` is in the history of ``newer`` (not so after a rebase)."""
    return _git(["merge-base", "--is-ancestor", older, newer], top).returncode == 0
