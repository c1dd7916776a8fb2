"""history reads versions through one git process and makes each distinct file's state once."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from limnorm.files.discovery import DataSource
from limnorm.files.git import BlobStream, log, toplevel
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE
from limnorm.files.planversions import Blob, VersionStream
from limnorm.queries import history as past
from limnorm.queries.history import _remembered

from .test_git import Repo


def test_blob_stream_gives_what_git_show_gives(tmp_path: Path) -> None:
    """Each file at each commit byte for byte as 'git show', in the order asked; None for
    a file not there."""
    repo = Repo(tmp_path / "repo")
    (repo.data / CHECKLIST_FILE).unlink()
    repo.commit("Alleen het spoorboekje", "2024-02-01T10:00:00")
    repo.replace(PLAN_FILE, "wanneer: apr 24", "wanneer: mei 24")
    repo.commit("Later", "2024-03-01T10:00:00")
    top = toplevel(repo.data)
    commits = log(top, [repo.data / PLAN_FILE])
    names = [f"{c.hash}:data/{f}" for c in commits for f in (PLAN_FILE, CHECKLIST_FILE)]
    with BlobStream(top, names) as stream:
        blobs = list(stream)
    shown = [
        subprocess.run(
            ["git", "show", f"{c.hash}:data/{PLAN_FILE}"], cwd=top, capture_output=True, check=True
        ).stdout
        for c in commits
    ]
    assert [None if b is None else b[1] for b in blobs] == [shown[0], None, shown[1], None]
    assert len(commits) == 2


def test_an_unchanged_file_keeps_its_blob_and_its_state_is_made_once(tmp_path: Path) -> None:
    """The checklist that did not change between commits comes with the same blob id, and
    history makes its state once; the plan that changed comes with another id."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    repo.replace(PLAN_FILE, "wanneer: apr 24", "wanneer: mei 24")
    repo.commit("Later", "2024-03-01T10:00:00")
    top = toplevel(repo.data)
    commits = log(top, [repo.data / PLAN_FILE])
    with VersionStream(DataSource(repo.data), tmp_path, top, commits) as files:
        first, second = list(files)
    assert first.checklist is not None
    assert second.checklist is not None
    assert first.checklist.id == second.checklist.id
    assert first.plan is not None
    assert second.plan is not None
    assert first.plan.id != second.plan.id
    made: list[str] = []

    def make(blob: Blob) -> str:
        made.append(blob.id)
        return blob.id

    known: dict[str, str | None] = {}
    for blob in (first.checklist, second.checklist, first.plan):
        assert _remembered(known, blob, lambda b=blob: make(b)) == blob.id
    assert made == [first.checklist.id, first.plan.id]
    assert _remembered(known, None, lambda: "x") is None


@pytest.mark.parametrize(
    ("edit", "step", "parsed"),
    [
        (None, False, False),  # the same bytes: not even parsed
        (("# Controleer", "# Kijk na"), False, True),  # only a comment: nothing new
        (("wanneer: apr 24", "wanneer: mei 24"), True, True),
    ],
)
def test_the_working_tree_is_a_step_only_when_it_says_something_new(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str] | None,
    step: bool,
    parsed: bool,
) -> None:
    """Table: after the commits, history adds the working tree as a step ("werkkopie") only
    when it says something else than the newest commit; with the newest commit's bytes it
    is not parsed at all."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    if edit is not None:
        repo.replace(PLAN_FILE, *edit)
    snapshots: list[object] = []
    original = past.snapshot

    def counted(*args: Any) -> past.Snapshot:
        snapshots.append(args)
        return original(*args)

    monkeypatch.setattr(past, "snapshot", counted)
    report = past.history(DataSource(repo.data), tmp_path, date(2024, 7, 1))
    assert [e.commit for e in report.events if e.commit == "werkkopie"] == (
        ["werkkopie"] if step else []
    )
    assert len(snapshots) == int(parsed)
