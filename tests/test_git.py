"""The past as data: --at, history and diff on real git repositories with known commits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import SAMPLE, Invoke, strip_lines


class Repo:
    """A git repository in a temporary folder with the sample data in ``data/``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.data.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        for name in ("spoorboekje.yaml", "checklist.yaml"):
            shutil.copy(SAMPLE / name, self.data / name)

    def git(self, *args: str, date: str = "2024-01-01T12:00:00", author: str = "Anna") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": "a@example.invalid",
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "a@example.invalid",
            "GIT_AUTHOR_DATE": f"{date}+01:00",
            "GIT_COMMITTER_DATE": f"{date}+01:00",
        }
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout

    def replace(self, name: str, old: str, new: str) -> None:
        path = self.data / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")

    def commit(self, message: str, date: str, author: str = "Anna") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date, author=author)


@pytest.fixture(name="repo")
def _repo(tmp_path: Path) -> Repo:
    """A repository with three commits, a tag and an uncommitted change:

    1. 2024-02-01 Anna: the sample as is (tag rib-1).
    2. 2024-04-01 Bert: 1.1 gereed on 4 March; 4.1 moved Q3 24 -> Q4 24; norm 4.1 answered.
    3. 2024-06-15 Anna: 6.1 removed, 6.4 added, 5.2 moved 2024 -> Q3 24 (earlier);
       norm 4.1 now uitgevoerd (tag rib-2).
    Uncommitted: 1.2 gereed without gereed_op.
    """
    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.git("tag", "rib-1")
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: 4-3-24\n        actiehouder: OOV\n",
        "wanneer: 4-3-24\n        actiehouder: OOV\n        status: gereed\n        gereed_op: 2024-03-04\n",
    )
    repo.replace("spoorboekje.yaml", "        wanneer: Q3 24\n        actiehouder: OOV\n      - id: \"4.2\"",
                 "        wanneer: Q4 24\n        actiehouder: OOV\n      - id: \"4.2\"")  # fmt: skip
    repo.replace("checklist.yaml", "rechtmatig gebruikt\n        antwoord:\n",
                 "rechtmatig gebruikt\n        antwoord: in_ontwikkeling\n")  # fmt: skip
    repo.commit("Voortgang Q1", "2024-04-01T10:00:00", author="Bert")
    repo.replace(
        "spoorboekje.yaml",
        '      - id: "6.1"\n        actie: Informeren raad, start\n        wanneer: apr 24\n'
        "        actiehouder: OOV\n        toelichting: RIB, evt. presentatie\n",
        "",
    )
    repo.replace(
        "spoorboekje.yaml",
        "        actie: Informeren raad, ingericht\n        wanneer: Q4 24\n        actiehouder: OOV\n",
        "        actie: Informeren raad, ingericht\n        wanneer: Q4 24\n        actiehouder: OOV\n"
        '      - id: "6.4"\n        actie: Werkbezoek raad\n        wanneer: nov 24\n'
        "        actiehouder: OOV\n",
    )
    repo.replace("spoorboekje.yaml", "        wanneer: 2024\n        actiehouder: OOV\n",
                 "        wanneer: Q3 24\n        actiehouder: OOV\n")  # fmt: skip
    repo.replace("checklist.yaml", "antwoord: in_ontwikkeling\n", "antwoord: uitgevoerd\n")
    repo.commit("Voortgang Q2", "2024-06-15T10:00:00")
    repo.git("tag", "rib-2")
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: 2-4-24\n        actiehouder: OOV\n",
        "wanneer: 2-4-24\n        actiehouder: OOV\n        status: gereed\n",
    )
    return repo


def _json(invoke: Invoke, repo: Repo, *args: str) -> object:
    result = invoke([*args, "--data", str(repo.data), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_at_reads_the_files_as_they_were(invoke: Invoke, repo: Repo) -> None:
    """--at rib-1 shows the plan before the changes; without it, the working tree."""
    then = _json(invoke, repo, "due", "--owner", "OOV", "--as-of", "2024-07-01", "--at", "rib-1")
    now = _json(invoke, repo, "due", "--owner", "OOV", "--as-of", "2024-07-01")
    assert [i["id"] for i in then] == ["1.1", "0.1", "1.2", "6.1", "0.2"]  # type: ignore[index]
    # 1.1 and 1.2 are gereed now, 6.1 is gone: only the 0-meting is still late.
    assert [i["id"] for i in now] == ["0.1", "0.2"]  # type: ignore[index]
    status = _json(invoke, repo, "status", "--as-of", "2024-07-01", "--at", "HEAD~1")
    assert status["themas"][1]["gereed"] == 1  # type: ignore[index]
    checklist = _json(invoke, repo, "checklist", "thema", "4", "--at", "rib-2")
    assert checklist["themas"][0]["normen"][0]["antwoord"] == "uitgevoerd"  # type: ignore[index]


def test_at_unknown_ref(invoke: Invoke, repo: Repo) -> None:
    """An unknown ref is a clear error, exit 2."""
    result = invoke(["due", "--at", "rib-9", "--data", str(repo.data)])
    assert result.exit_code == 2
    assert "'rib-9' is geen bekende commit, tag of branch" in result.stderr


def test_history_events(invoke: Invoke, repo: Repo) -> None:
    """Every change of wanneer (with days moved) and status, with date, author and commit."""
    data = _json(invoke, repo, "history", "--as-of", "2024-07-01")
    events = [
        (e["datum"], e["auteur"], e["id"], e["soort"], e["van"], e["naar"], e["dagen"])
        for e in data["wijzigingen"]  # type: ignore[index]
    ]
    assert events == [
        ("2024-04-01T10:00:00+01:00", "Bert", "1.1", "status", "open", "gereed", None),
        ("2024-04-01T10:00:00+01:00", "Bert", "4.1", "wanneer", "Q3 24", "Q4 24", 92),
        ("2024-06-15T10:00:00+01:00", "Anna", "5.2", "wanneer", "2024", "Q3 24", -92),
        ("2024-06-15T10:00:00+01:00", "Anna", "6.4", "nieuw", None, "Werkbezoek raad", None),
        (
            "2024-06-15T10:00:00+01:00",
            "Anna",
            "6.1",
            "verwijderd",
            "Informeren raad, start",
            None,
            None,
        ),
        (None, "", "1.2", "status", "open", "gereed", None),
    ]
    assert data["commits"] == 3  # type: ignore[index]
    # 1.1 by its gereed_op (March); 1.2 has none and is not committed: the as-of month.
    assert data["gereed_per_maand"] == [  # type: ignore[index]
        {"maand": "2024-03", "aantal": 1},
        {"maand": "2024-07", "aantal": 1},
    ]
    assert data["antwoorden"] == [  # type: ignore[index]
        {"nr": "4.1", "titel": "Interne informatiepositie op ondermijning zichtbaar en rechtmatig gebruikt",
         "nulmeting": "in_ontwikkeling", "nulmeting_datum": "2024-04-01T10:00:00+01:00",
         "nu": "uitgevoerd"},
    ]  # fmt: skip
    assert data["ondiep"] is False  # type: ignore[index]


def test_history_of_one_action(invoke: Invoke, repo: Repo) -> None:
    """'history 4.1' shows that action's changes as a table."""
    result = invoke(["history", "4.1", "--data", str(repo.data), "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    lines = strip_lines(result.stdout).splitlines()
    assert lines[0] == "Geschiedenis van actie 4.1 · Gemeente Eijsden-Margraten · 3 commits"
    assert lines[-1].split() == ["1", "apr", "2024", "Bert", lines[-1].split()[4], "4.1", "wanneer",
                                 "Q3", "24", "Q4", "24", "92", "dagen", "later"]  # fmt: skip
    missing = invoke(["history", "9.9", "--data", str(repo.data)])
    assert missing.exit_code == 2
    assert "actie '9.9' komt niet voor in de geschiedenis" in missing.stderr


def test_diff_since_a_tag(invoke: Invoke, repo: Repo) -> None:
    """diff rib-1: completed, added, dropped, moved (later and earlier), answers changed."""
    data = _json(invoke, repo, "diff", "rib-1")
    assert data["van"] == "rib-1"  # type: ignore[index]
    assert data["tot"] == "werkkopie"  # type: ignore[index]
    assert [a["id"] for a in data["afgerond"]] == ["1.1", "1.2"]  # type: ignore[index]
    assert [a["id"] for a in data["nieuw"]] == ["6.4"]  # type: ignore[index]
    assert [a["id"] for a in data["vervallen"]] == ["6.1"]  # type: ignore[index]
    assert [(m["id"], m["was"], m["wanneer"], m["dagen"]) for m in data["verschoven"]] == [  # type: ignore[index]
        ("4.1", "Q3 24", "Q4 24", 92),
        ("5.2", "2024", "Q3 24", -92),
    ]
    assert data["antwoorden"] == [  # type: ignore[index]
        {"nr": "4.1", "titel": "Interne informatiepositie op ondermijning zichtbaar en rechtmatig gebruikt",
         "was": None, "nu": "uitgevoerd"},
    ]  # fmt: skip


def test_diff_between_two_refs_table(invoke: Invoke, repo: Repo) -> None:
    """diff REF REF2 compares two commits; the table names both points."""
    result = invoke(["diff", "rib-1", "HEAD~1", "--data", str(repo.data)])
    assert result.exit_code == 0, result.output
    text = strip_lines(result.stdout)
    assert text.splitlines()[0] == (
        "Gemeente Eijsden-Margraten · wijzigingen van rib-1 (1 feb 2024) tot HEAD~1 (1 apr 2024)"
    )
    assert "Afgerond (1)" in text
    assert "Deadline verschoven (1)" in text
    assert "92 dagen later" in text
    assert "Nieuw" not in text
    same = invoke(["diff", "rib-2", "rib-2", "--data", str(repo.data)])
    assert strip_lines(same.stdout).endswith("Geen wijzigingen.")


def test_outside_git(invoke: Invoke, tmp_path: Path) -> None:
    """Outside git, history/diff/--at explain themselves (exit 2); the rest works."""
    folder = tmp_path / "los"
    shutil.copytree(SAMPLE, folder)
    for args in (["history"], ["diff", "HEAD"], ["due", "--at", "HEAD"]):
        result = invoke([*args, "--data", str(folder)])
        assert result.exit_code == 2, args
        assert "deze gegevens staan niet in een git-repository" in result.stderr
    assert invoke(["due", "--data", str(folder), "--as-of", "2024-07-01"]).exit_code == 0


def test_shallow_clone(invoke: Invoke, repo: Repo, tmp_path: Path) -> None:
    """In a shallow clone, history says history is missing and old refs explain why."""
    repo.commit("Werkkopie vastgelegd", "2024-07-01T10:00:00")
    clone = tmp_path / "ondiep"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    data = clone / "data"
    history = invoke(["history", "--data", str(data), "--as-of", "2024-07-02"])
    assert history.exit_code == 0, history.output
    assert "ondiepe clone (shallow); oudere commits ontbreken" in history.stdout
    old = invoke(["diff", "HEAD~2", "--data", str(data)])
    assert old.exit_code == 2
    assert "git fetch --unshallow" in old.stderr


def test_broken_commit_is_skipped_with_a_note(invoke: Invoke, repo: Repo) -> None:
    """A commit in which the file could not be used (fataal: here a tab) is skipped in
    history, and named; a fout in one action does not skip it (see below)."""
    repo.replace("spoorboekje.yaml", "wanneer: Q4 24\n        actiehouder: OOV\n        toelichting: In samenspraak met directie",
                 "wanneer: Q4 24\n\tactiehouder: OOV\n        toelichting: In samenspraak met directie")  # fmt: skip
    repo.commit("Tikfout", "2024-06-20T10:00:00")
    repo.replace("spoorboekje.yaml", "\tactiehouder: OOV", "        actiehouder: OOV")
    result = invoke(["history", "--data", str(repo.data), "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    first = strip_lines(result.stdout).splitlines()[1]
    assert first.startswith("Overgeslagen omdat ze toen fouten bevatten: ")
    assert first.endswith(
        "data/spoorboekje.yaml@" + repo.git("rev-parse", "--short=7", "HEAD").strip()
    )


def test_a_commit_with_a_fout_in_one_action_is_used(invoke: Invoke, repo: Repo) -> None:
    """A fout in one action (an unreadable wanneer) does not make a commit unusable: diff
    compares it like any other and shows the change, without a number of days."""
    repo.commit("Basis", "2024-06-19T10:00:00")
    repo.replace("spoorboekje.yaml", "wanneer: Q4 24\n        actiehouder: OOV\n        toelichting: In samenspraak met directie",
                 "wanneer: Q5 24\n        actiehouder: OOV\n        toelichting: In samenspraak met directie")  # fmt: skip
    data = _json(invoke, repo, "diff", "HEAD")
    assert [(m["id"], m["was"], m["wanneer"], m["dagen"]) for m in data["verschoven"]] == [  # type: ignore[index]
        ("1.3", "Q4 24", "Q5 24", None),
    ]


def test_history_without_a_usable_plan_names_no_organisation(
    invoke: Invoke, tmp_path: Path
) -> None:
    """When no version had a usable plan there is no organisation to name: the heading
    leaves it out instead of showing an empty place between two dots."""
    repo = Repo(tmp_path / "repo")
    (repo.data / "spoorboekje.yaml").write_text("themas: [\n", encoding="utf-8")
    repo.commit("Kapot", "2024-02-01T10:00:00")
    result = invoke(["history", "--data", str(repo.data), "--as-of", "2024-07-01"])
    first = strip_lines(result.stdout).splitlines()[0]
    assert first == "Geschiedenis van het spoorboekje en de checklist · 1 commit"
