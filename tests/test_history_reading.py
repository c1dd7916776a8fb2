"""history reads versions through one git process and parses each distinct file once."""

from __future__ import annotations

import subprocess
from pathlib import Path

from limnorm.files.datafiles import CommitFiles
from limnorm.files.discovery import DataSource, Version
from limnorm.files.git import BlobReader, log, toplevel
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE

from .test_git import Repo


def test_blob_reader_gives_what_git_show_gives(tmp_path: Path) -> None:
    """Each file at each commit byte for byte as 'git show', None for a file not there."""
    repo = Repo(tmp_path / "repo")
    (repo.data / CHECKLIST_FILE).unlink()
    repo.commit("Alleen het spoorboekje", "2024-02-01T10:00:00")
    repo.replace(PLAN_FILE, "wanneer: apr 24", "wanneer: mei 24")
    repo.commit("Later", "2024-03-01T10:00:00")
    top = toplevel(repo.data)
    commits = log(top, [repo.data / PLAN_FILE])
    with BlobReader(top) as reader:
        for commit in commits:
            shown = subprocess.run(
                ["git", "show", f"{commit.hash}:data/{PLAN_FILE}"],
                cwd=top, capture_output=True, check=True,
            ).stdout  # fmt: skip
            blob = reader.read(commit, repo.data / PLAN_FILE)
            assert blob is not None
            assert blob[1] == shown
            assert reader.read(commit, repo.data / CHECKLIST_FILE) is None
    assert len(commits) == 2


def test_an_unchanged_file_is_parsed_once(tmp_path: Path) -> None:
    """The checklist that did not change between commits is the same parsed object; the
    plan that changed is parsed again."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    repo.replace(PLAN_FILE, "wanneer: apr 24", "wanneer: mei 24")
    repo.commit("Later", "2024-03-01T10:00:00")
    top = toplevel(repo.data)
    source = DataSource(repo.data)
    first, second = (Version(c.short, c, top) for c in log(top, [repo.data / PLAN_FILE]))
    with CommitFiles(source, tmp_path, top) as files:
        checklists = files.checklist(first), files.checklist(second)
        plans = files.plan(first), files.plan(second)
    assert checklists[0] is checklists[1]
    assert checklists[0] is not None
    assert plans[0] is not None
    assert plans[1] is not None
    assert plans[0] is not plans[1]
    assert plans[0].value != plans[1].value
