"""history reads a commit that changed a few actions without parsing the whole plan again
(files/planversions.PlanReader); what it gives must be what parsing gives, for any value and
any other change."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from limnorm.core.models import Plan
from limnorm.files import planversions
from limnorm.files.discovery import DataSource, Version
from limnorm.files.loader import Loaded, parse_actions, parse_plan, parse_text
from limnorm.files.planversions import Blob, FilesAt, PlanAt, PlanReader, plan_of
from limnorm.files.yamlsource import MAX_DEPTH
from limnorm.files.yamltree import parse_yaml
from limnorm.queries import history as past

from .conftest import SAMPLE

PLAN = (SAMPLE / "spoorboekje.yaml").read_text(encoding="utf-8")
CHECKLIST = (SAMPLE / "checklist.yaml").read_text(encoding="utf-8")
#: The line of action 1.3 ("Q4 24") and of 6.1 ("apr 24") in the sample.
LINE_13 = "        wanneer: Q4 24\n        actiehouder: OOV\n        toelichting: In samenspraak met directie"
LINE_61 = "        wanneer: apr 24\n"


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def _repo(folder: Path, plans: list[str]) -> Path:
    """A repository with one commit per plan text (the checklist in the first); data/."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    stream = bytearray()
    for n, plan in enumerate(plans):
        stream += b"commit refs/heads/main\n"
        stream += b"committer Anna <a@example.invalid> %d +0100\n" % (1_700_000_000 + n * 86400)
        stream += _data(f"Wijziging {n}")
        stream += b"M 100644 inline data/spoorboekje.yaml\n" + _data(plan)
        if n == 0:
            stream += b"M 100644 inline data/checklist.yaml\n" + _data(CHECKLIST)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=bytes(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=folder, check=True)
    return folder / "data"


def _both(data: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The history read with the quick paths and with every plan parsed in full."""
    source = DataSource(data)
    quick = past.history(source, data, date(2024, 7, 1))
    with monkeypatch.context() as patch:
        patch.setattr(PlanReader, "_edited", lambda *_: None)
        full = past.history(source, data, date(2024, 7, 1))
    return quick, full


def _moved(wanneer_13: str, wanneer_61: str = "apr 24", plan: str = PLAN) -> str:
    text = plan.replace(LINE_13, LINE_13.replace("Q4 24", wanneer_13, 1))
    return text.replace(LINE_61, f"        wanneer: {wanneer_61}\n")


class _Files:
    """What a PlanReader asks of its VersionStream, for plan texts without git: a file's
    name, and the plan parsed in full."""

    def name(self, filename: str, version: Version) -> str:
        return f"{filename}@{version.label}"

    def plan(self, at: FilesAt) -> Loaded[Plan] | None:
        assert at.plan is not None
        return parse_text(at.plan.data.decode("utf-8"), "spoorboekje.yaml", parse_plan)


def _read(texts: list[str]) -> list[tuple[PlanAt | None, PlanAt | None]]:
    """Each text as the reader gives it after the ones before, and as parsing gives it."""
    reader = PlanReader(_Files())  # type: ignore[arg-type]
    pairs = []
    for n, text in enumerate(texts):
        at = FilesAt(Version(str(n)), Blob(str(n), text.encode("utf-8")), None)
        pairs.append((reader.read(at), plan_of(parse_text(text, "x", parse_plan))))
    return pairs


def _tiers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which way the reader takes from now on, per version after the first: "regels"
    (deadlines from lines), "acties" (the changed actions parsed) or "alles" (all)."""
    taken: list[str] = []
    moved, read = planversions._deadlines_moved, planversions._actions_read

    def spy_moved(*args: Any) -> bool:
        result = moved(*args)
        if result:
            taken.append("regels")
        return result

    def spy_read(*args: Any) -> object:
        result = read(*args)
        if result is not None:
            taken.append("acties")
        return result

    def spy_full(self: PlanReader, at: FilesAt) -> object:
        count, first = len(taken), self.base is None
        result = original(self, at)
        if not first and len(taken) == count:
            taken.append("alles")
        return result

    original = PlanReader.read
    monkeypatch.setattr(planversions, "_deadlines_moved", spy_moved)
    monkeypatch.setattr(planversions, "_actions_read", spy_read)
    monkeypatch.setattr(PlanReader, "read", spy_full)
    return taken


ACTION_61 = '      - id: "6.1"\n        actie: Informeren raad, start\n'
ACTION_62 = '      - id: "6.2"\n'
BLOCK_61 = PLAN[PLAN.index(ACTION_61) : PLAN.index(ACTION_62)]
STATUS_61 = LINE_61 + "        actiehouder: OOV\n"
DUPLICATE = PLAN.replace('- id: "1.4"', '- id: "1.3"')
#: (name, the edited plan, the way the reader should take). The way is what the reader
#: must do at least as well as; that quick and full agree is checked for every row.
EDITS = [
    ("plain move", _moved("Q1 25"), "regels"),
    ("two moves", _moved("Q1 25", "mei 24"), "regels"),
    ("quoted", _moved('"Q2 25"'), "acties"),
    ("comment after", _moved("Q2 25 # uitgesteld"), "acties"),
    ("trailing spaces", _moved("Q2 25   "), "acties"),
    ("two lines", _moved("Q2\n          25"), "acties"),
    ("a list", _moved("[Q2 25]"), "acties"),
    ("a mapping", _moved("{a: 1}"), "acties"),
    ("no year", _moved("1 juli"), "regels"),
    ("a number", _moved("2024"), "regels"),
    ("no", _moved("no"), "regels"),
    ("null", _moved("null"), "regels"),
    ("unreadable", _moved("Q5 25"), "regels"),
    ("status added", PLAN.replace(STATUS_61, STATUS_61 + "        status: lopend\n"), "acties"),
    ("status wrong", PLAN.replace(STATUS_61, STATUS_61 + "        status: bezig\n"), "acties"),
    (
        "done with date",
        PLAN.replace(
            STATUS_61, STATUS_61 + "        status: gereed\n        gereed_op: 2024-05-02\n"
        ),
        "acties",
    ),
    ("no date", PLAN.replace(STATUS_61, STATUS_61 + "        gereed_op: 2024-02-30\n"), "acties"),
    ("actie renamed", PLAN.replace("Informeren raad, start", "Raad informeren"), "acties"),
    ("actie emptied", PLAN.replace("actie: Informeren raad, start", "actie:"), "acties"),
    (
        "actie as a block",
        PLAN.replace(
            "actie: Informeren raad, start", "actie: |\n          Raad\n          informeren"
        ),
        "acties",
    ),
    ("line removed", PLAN.replace(STATUS_61, LINE_61), "acties"),
    (
        "action deeper",
        PLAN.replace(BLOCK_61, "".join("  " + line for line in BLOCK_61.splitlines(True))),
        "alles",
    ),
    ("dash alone", PLAN.replace('      - id: "6.1"', '      -\n        id: "6.1"'), "acties"),
    ("comment between", PLAN.replace(ACTION_62, "      # nu\n" + ACTION_62), "acties"),
    ("comment before the first", PLAN.replace(ACTION_61, "      # nu\n" + ACTION_61), "alles"),
    ("blank line between", PLAN.replace(ACTION_62, "\n" + ACTION_62), "acties"),
    ("id renamed", PLAN.replace('- id: "6.1"', '- id: "6.9"'), "alles"),
    ("id unquoted", PLAN.replace('- id: "6.1"', "- id: 6.1"), "acties"),
    ("id missing", PLAN.replace('- id: "6.1"\n        actie', "- actie"), "alles"),
    (
        "action added",
        PLAN.replace(
            ACTION_61, '      - id: "6.0"\n        actie: x\n        wanneer: Q1 24\n' + ACTION_61
        ),
        "alles",
    ),
    (
        "theme title",
        PLAN.replace("  - nr: 6\n    titel: ", "  - nr: 6\n    titel: Nieuw "),
        "alles",
    ),
    (
        "two themes",
        _moved("Q1 25", "mei 24").replace("actie: Informeren raad", "actie: Raad"),
        "acties",
    ),
    (
        "two themes, a line added",
        _moved("Q1 25").replace(STATUS_61, STATUS_61 + "        status: lopend\n"),
        "alles",
    ),
    ("key at theme level", PLAN.replace(STATUS_61, STATUS_61 + "      status: lopend\n"), "alles"),
    ("key outdented", PLAN.replace(STATUS_61, STATUS_61 + "    status: lopend\n"), "alles"),
    ("anchor", PLAN.replace("actie: Informeren raad, start", "actie: &a Informeren"), "alles"),
    ("alias", PLAN.replace("toelichting: RIB, evt.", "toelichting: *a"), "alles"),
    ("a tab", PLAN.replace(STATUS_61, STATUS_61 + "\t  status: lopend\n"), "alles"),
    ("line separator", PLAN.replace("Informeren raad, start", "Informeren\u2028raad"), "alles"),
    ("quoted to column 0", PLAN.replace("Informeren raad, start", '"Informeren\nraad"'), "alles"),
    ("not a mapping", PLAN.replace(ACTION_61 + LINE_61, '      - "6.1"\n'), "alles"),
    ("duplicate key", PLAN.replace(STATUS_61, STATUS_61 + "        wanneer: Q1 25\n"), "acties"),
    ("duplicate id", DUPLICATE, "alles"),
    ("conflict", PLAN.replace(STATUS_61, STATUS_61 + "<<<<<<< HEAD\n"), "alles"),
    (
        "too deep",
        PLAN.replace("actie: Informeren raad, start", "actie: " + "[" * 61 + "]" * 61),
        "alles",
    ),
    (
        "nearly too deep",
        PLAN.replace("actie: Informeren raad, start", "actie: " + "[" * 58 + "]" * 58),
        "acties",
    ),
]


@pytest.mark.parametrize(("plan", "way"), [pytest.param(p, w, id=n) for n, p, w in EDITS])
def test_each_edit_reads_as_parsing_reads_it(
    plan: str, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Table: edits the quick paths take, and changes they must leave to the parser. What
    the reader gives is what parsing gives, after the edit and after going back; and the
    way it took is the one in the table (so the quick paths are not silently unused)."""
    taken = _tiers(monkeypatch)
    pairs = _read([PLAN, plan, PLAN])
    for quick, full in pairs:
        assert quick == full
    assert taken[0] == way


_TOP = "organisatie: X\nthemas:\n  - nr: 1\n    titel: T\n    acties:"
_LIST = (
    'organisatie: X\nthemas:\n  - nr: 1\n    titel: T\n    acties: &l\n      - id: "1.1"\n'
    "        actie: a\n        wanneer: apr 24\n  - nr: 2\n    titel: U\n    acties: *l\n"
)
_SELF = (
    _TOP
    + '\n      - &a\n        id: "1.1"\n        actie: a\n        wanneer: apr 24\n      - *a\n'
)
_ANCHOR = (
    _TOP + '\n      - id: "1.1"\n        actie: &a a\n        wanneer: apr 24\n      - id: "1.2"\n'
    "        actie: *a\n        wanneer: mei 24\n"
)
_COLON = (
    _TOP + '\n      - {id: "1.1", actie: a, "wanneer":&w apr 24}\n      - id: "1.2"\n'
    "        actie: b\n        wanneer: *w\n"
)
_TAG = "%TAG !! tag:example.com,2000:\n---\n" + _TOP + '\n      - id: "1.1"\n        actie: a\n'


def _nodes(count: int) -> str:
    """Three actions, one with 1,000 values another shows 498 times through an alias,
    the third with ``count`` lists: over MAX_NODES as a whole at 241, not in any piece."""
    return (
        _TOP + '\n      - id: "1.1"\n        actie: a\n        wanneer: apr 24\n'
        "        l: &b [" + ",".join(["a"] * 1000) + "]\n"
        '      - id: "1.2"\n        actie: b\n        wanneer: mei 24\n'
        "        k: [" + ", ".join(["*b"] * 498) + "]\n"
        '      - id: "1.3"\n        actie: c\n        wanneer: jun 24\n'
        "        n: [" + ",".join(["[x]"] * count) + "]\n"
    )


#: Found by a review (each read wrongly before): plans where one node is in two places,
#: or whose top says how the rest reads. (name, versions)
SHARED = [
    ("theme's list shared, a date moved", [_LIST, _LIST.replace("apr 24", "sep 25")]),
    (
        "theme's list shared, a status set",
        [_LIST, _LIST.replace("actie: a", "actie: b\n        status: gereed")],
    ),
    ("action shared", [_SELF, _SELF.replace("apr 24", "sep 25")]),
    ("anchor removed, alias kept", [_ANCHOR, _ANCHOR.replace("&a a", "a")]),
    ("anchor after a colon", [_COLON, _COLON.replace("apr 24", "sep 25")]),
    ("anchor after a colon, twice", [_COLON, _COLON.replace("actie: b", 'actie: {"t":&w b}')]),
    ("a tag directive", [_TAG, _TAG.replace("actie: a", "actie: !!str a")]),
    ("too many nodes through an alias", [_nodes(0), _nodes(241)]),
]


@pytest.mark.parametrize("texts", [pytest.param(t, id=n) for n, t in SHARED])
def test_shared_nodes_and_directives_are_parsed_in_full(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Table: with an anchor, alias or directive in a plan or in the piece read again, no
    action is its own text; every version is parsed in full, and reads as parsing reads it."""
    taken = _tiers(monkeypatch)
    for quick, full in _read(texts):
        assert quick == full
    assert taken == ["alles"]


def test_an_ampersand_in_a_word_is_no_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "F&I" (the sample's own owner) and "R&D" share nothing: the quick paths stay open."""
    taken = _tiers(monkeypatch)
    plan = PLAN.replace("toelichting: RIB, evt.", "toelichting: R&D, evt.")
    for quick, full in _read([PLAN, plan, plan.replace("apr 24", "mei 24")]):
        assert quick == full
    assert "F&I" in PLAN
    assert taken == ["acties", "regels"]


def test_a_piece_leaves_the_nesting_limit_of_a_whole_file() -> None:
    """After a piece is parsed (its limit counts from the document's root), libyaml's
    process-wide limit is put back: the edits compose a whole file with libyaml directly,
    and one nested to the limit still composes."""
    nested = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    parse_yaml(nested, "x")
    parse_actions('- id: "1"\n  actie: a\n  wanneer: Q1 24\n', "x", 1, None, {})
    assert yaml.compose(nested, Loader=yaml.CSafeLoader) is not None


def test_the_rows_change_the_plan() -> None:
    """Every edit in the table changes the text it is meant to change (a replace that
    matches nothing would test the unchanged plan)."""
    assert [name for name, plan, _ in EDITS if plan == PLAN] == []


def test_without_a_final_newline_a_block_keeps_its_ending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A literal block at the end of a file without a final newline has no line break at
    its end (YAML's chomping); read with its action alone, it has none either."""
    taken = _tiers(monkeypatch)
    plan = PLAN.rstrip("\n").replace("        actie: Informeren raad, ingericht\n", "")
    block = plan + "\n        actie: |\n          slot"
    for quick, full in _read([plan, block, block + "\n"]):
        assert quick == full
    assert taken == ["acties", "acties"]
    assert [full.items[-1].actie for _, full in _read([block, block + "\n"]) if full] == [
        "slot",
        "slot\n",
    ]


def test_crlf_plans_take_the_quick_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan saved on Windows (CRLF) is read the quick ways too, blank lines included."""
    taken = _tiers(monkeypatch)
    crlf = PLAN.replace("\n", "\r\n")
    texts = [
        crlf,
        crlf.replace("apr 24", "mei 24"),
        crlf.replace("apr 24", "mei 24").replace(
            ACTION_61.replace("\n", "\r\n"), ACTION_61.replace("\n", "\r\n") + "\r\n"
        ),
    ]
    for quick, full in _read(texts):
        assert quick == full
    assert taken == ["regels", "acties"]


#: Lines an edit may write: fields as plans have them, and YAML's special characters.
_LINE = st.one_of(
    st.sampled_from(
        [
            "        status: lopend",
            "        status: gereed",
            "        gereed_op: 2024-05-01",
            "        wanneer: Q1 25",
            '      - id: "9.9"',
            '      - id: "6.2"',
            "        actie: x",
            "      # opmerking",
            "",
            "    acties:",
            "        toelichting: |",
            "          regel",
        ]
    ),
    st.text(st.sampled_from(list(" -:#'\"[]{}&*!|>%@`,?\t\r\u2028éaQ1 24")), max_size=14).map(
        lambda text: "        " + text
    ),
)
_EDIT = st.tuples(
    st.sampled_from(["vervang", "voeg in", "haal weg", "waarde"]), st.integers(0, 10**6), _LINE
)


def _apply(lines: list[str], edit: tuple[str, int, str]) -> list[str]:
    kind, where, line = edit
    lines = list(lines)
    n = 40 + where % (len(lines) - 40)  # the actions of themes 1 to 6
    if kind == "vervang":
        lines[n] = line
    elif kind == "voeg in":
        lines.insert(n, line)
    elif kind == "haal weg":
        del lines[n]
    elif ": " in lines[n]:
        lines[n] = lines[n].split(": ", 1)[0] + ": " + line.strip()
    return lines


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_EDIT, min_size=1, max_size=3), min_size=1, max_size=4))
def test_any_edit_reads_as_parsing_reads_it(versions: list[list[tuple[str, int, str]]]) -> None:
    """Whatever lines are replaced, added or removed, in one or more actions, with YAML's
    special characters, each version reads as parsing it in full reads it."""
    lines = PLAN.split("\n")
    texts = [PLAN]
    for edits in versions:
        for edit in edits:
            lines = _apply(lines, edit)
        texts.append("\n".join(lines))
    for quick, full in _read(texts):
        assert quick == full


@pytest.mark.parametrize("plans", [[_moved("Q1 25"), _moved('"Q2 25"'), DUPLICATE]])
def test_history_through_git_gives_what_parsing_gives(
    plans: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through git, from the command's query: the quick paths change nothing."""
    quick, full = _both(_repo(tmp_path / "repo", [PLAN, *plans]), monkeypatch)
    assert quick == full


def test_a_moved_deadline_is_read_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through git, each version goes the way the table says: plain moves from the lines,
    a quoted value by its action, a moved deadline after that from the lines again."""
    taken = _tiers(monkeypatch)
    plans = [PLAN, _moved("Q1 25"), _moved('"Q2 25"'), _moved('"Q2 25"', "mei 24")]
    report = past.history(DataSource(_repo(tmp_path / "repo", plans)), tmp_path, date(2024, 7, 1))
    assert taken == ["regels", "acties", "regels"]
    assert [(e.id, e.old, e.new, e.days) for e in report.events] == [
        ("1.3", "Q4 24", "Q1 25", 90),
        ("1.3", "Q1 25", "Q2 25", 91),
        ("6.1", "apr 24", "mei 24", 31),
    ]
