"""Edits change only the lines they must, refuse bad values, and write atomically."""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limnorm.core.errors import DataError, UsageError
from limnorm.files.checklist import load_checklist
from limnorm.files.loader import load_plan
from limnorm.files.updates import answer_norm, edit_action, mark_done
from limnorm.files.yamledit import read_text, write_atomically

PLAN = """\
# Spoorboekje van een proefgemeente.   Commentaar blijft staan.
organisatie: "Gemeente Proef"   # naam
actiehouders:
  OOV: Openbare Orde en Veiligheid
  HRM: 'Human Resource Management'
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - id: "1.1"
        actie: Sessie directie
        wanneer: "Q3 24"      # was eerst Q2
        actiehouder: OOV
      - id: "1.2"
        actie: >-
          Een lange actie die over
          twee regels loopt
        wanneer: Q4 24
        actiehouder: OOV
        toelichting: |
          Eerste regel.
          Tweede regel.

      - {id: "1.3", actie: Kort, wanneer: 2024, actiehouder: HRM}
      - {
          id: "1.4", actie: Lang,
          wanneer: 2024, actiehouder: HRM
        }
  - nr: 2
    titel: Integriteit
    acties:
      - id: "2.1"
        actie: Laatste
        wanneer: 2025
        actiehouder: HRM   # laatste regel zonder regeleinde"""


def _write(tmp_path: Path, text: str, name: str = "spoorboekje.yaml", *, crlf: bool = False,
           bom: bool = False) -> Path:  # fmt: skip
    path = tmp_path / name
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes(("\ufeff" if bom else "").encode() + data.encode("utf-8"))
    return path


def _edit(path: Path, action_id: str, **values: str) -> str:
    edit_action(path, "s.yaml", action_id, values)
    return path.read_bytes().decode("utf-8")


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


CASES = [
    # (action, field, value, old fragment, new fragment)
    ("1.1", "wanneer", "Q4 24", '        wanneer: "Q3 24"      # was eerst Q2\n',
     "        wanneer: Q4 24      # was eerst Q2\n"),
    ("1.1", "status", "lopend", "        actiehouder: OOV\n      - id: \"1.2\"",
     "        actiehouder: OOV\n        status: lopend\n      - id: \"1.2\""),
    ("1.2", "status", "gereed", "          Tweede regel.\n\n",
     "          Tweede regel.\n        status: gereed\n\n"),
    ("1.2", "toelichting", "Korter nu", "        toelichting: |\n          Eerste regel.\n"
     "          Tweede regel.\n", "        toelichting: Korter nu\n"),
    ("1.3", "status", "lopend", "actiehouder: HRM}", "actiehouder: HRM, status: lopend}"),
    ("1.4", "toelichting", "a: b # c", "          wanneer: 2024, actiehouder: HRM\n",
     '          wanneer: 2024, actiehouder: HRM, toelichting: "a: b # c"\n'),
    ("1.1", "actiehouder", "oov,hrm", "        actiehouder: OOV\n      - id: \"1.2\"",
     "        actiehouder: [OOV, HRM]\n      - id: \"1.2\""),
    ("2.1", "status", "vervallen", "actiehouder: HRM   # laatste regel zonder regeleinde",
     "actiehouder: HRM   # laatste regel zonder regeleinde\n        status: vervallen"),
    ("1.3", "wanneer", "Q3/Q4 25", "wanneer: 2024, actiehouder: HRM}",
     "wanneer: Q3/Q4 25, actiehouder: HRM}"),
]  # fmt: skip


@pytest.mark.parametrize(("action", "field", "value", "old", "new"), CASES)
@pytest.mark.parametrize(("crlf", "bom"), [(False, False), (True, True)])
def test_edit_changes_only_its_lines(
    tmp_path: Path, action: str, field: str, value: str, old: str, new: str, crlf: bool, bom: bool
) -> None:
    """Each edit replaces exactly the expected text; comments, quoting, blank lines,
    line endings and a byte-order mark elsewhere stay byte for byte."""
    path = _write(tmp_path, PLAN, crlf=crlf, bom=bom)
    edit_action(path, "s.yaml", action, {field: value})
    expected = _replace_once(PLAN, old, new)
    if crlf:
        expected = expected.replace("\n", "\r\n")
    raw = path.read_bytes()
    assert raw == ("\ufeff" if bom else "").encode() + expected.encode("utf-8")


def test_edit_then_load_returns_what_was_set(tmp_path: Path) -> None:
    """After edits the file loads without errors and holds the new values."""
    path = _write(tmp_path, PLAN)
    edit_action(path, "s.yaml", "1.2", {"wanneer": "eind 2024", "actiehouder": "HRM"})
    mark_done(path, "s.yaml", "1.4", date(2024, 5, 1), date(2024, 6, 1))
    plan = load_plan(path).require()
    actions = {a.id: a for a in plan.actions()}
    assert actions["1.2"].wanneer == "eind 2024"
    assert actions["1.2"].actiehouders == ("HRM",)
    assert actions["1.4"].status.value == "gereed"
    assert actions["1.4"].gereed_op == date(2024, 5, 1)


def test_same_value_writes_nothing(tmp_path: Path) -> None:
    """Setting a value the action already has leaves the file untouched."""
    path = _write(tmp_path, PLAN)
    before = path.stat().st_mtime_ns, path.read_bytes()
    result = edit_action(path, "s.yaml", "1.2", {"wanneer": "Q4 24"})
    assert not result.changed
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


@pytest.mark.parametrize(
    ("action", "values", "error", "message"),
    [
        ("1.1", {"wanneer": "Q5 24"}, UsageError, "wanneer: 'Q5 24': Q5 bestaat niet"),
        ("1.1", {"actiehouder": ""}, UsageError, "geef minstens één actiehouder"),
        ("1.1", {"mijlpaal": "1"}, UsageError, "schrijf true of false"),
        ("1.1", {"status": "klaar"}, UsageError, "onbekende status 'klaar'"),
        ("1.1", {"eigenaar": "OOV"}, UsageError, "'eigenaar' kan niet met 'limnorm set'"),
        ("9.9", {"status": "gereed"}, UsageError, "actie '9.9' staat niet in s.yaml"),
        ("1.1", {"toelichting": "   "}, UsageError, "een lege toelichting"),
        ("1.1", {"toelichting": "a\x1b[31mb"}, UsageError, "stuurteken"),
    ],
)
def test_refused_edits_leave_the_file_unchanged(
    tmp_path: Path, action: str, values: dict[str, str], error: type[Exception], message: str
) -> None:
    """A value that does not validate is refused with the reason; not a byte changes."""
    path = _write(tmp_path, PLAN)
    with pytest.raises(error) as caught:
        edit_action(path, "s.yaml", action, values)
    assert message in str(caught.value)
    assert path.read_text(encoding="utf-8") == PLAN


def test_a_plan_with_a_fout_is_edited_and_the_edit_may_fix_it(tmp_path: Path) -> None:
    """A fout in one action does not block edits elsewhere; setting the unreadable
    wanneer fixes it; an edit that would add a fout is refused."""
    broken = PLAN.replace("wanneer: Q4 24", "wanneer: Q5 24")
    path = _write(tmp_path, broken)
    edit_action(path, "s.yaml", "1.1", {"status": "lopend"})
    assert path.read_text(encoding="utf-8") == broken.replace(
        '        actiehouder: OOV\n      - id: "1.2"',
        '        actiehouder: OOV\n        status: lopend\n      - id: "1.2"',
    )
    edit_action(path, "s.yaml", "1.2", {"wanneer": "Q4 24"})
    assert load_plan(path).errors == ()


def test_an_unusable_file_is_not_edited(tmp_path: Path) -> None:
    """A file that is no plan at all (fataal) is refused, untouched."""
    path = _write(tmp_path, "- alleen\n- een lijst\n")
    with pytest.raises(DataError, match="moet een blok met sleutels zijn"):
        edit_action(path, "s.yaml", "1.1", {"status": "lopend"})
    assert path.read_text(encoding="utf-8") == "- alleen\n- een lijst\n"


def test_edits_leave_unknown_keys_and_comments_alone(tmp_path: Path) -> None:
    """An organisation's own columns (budget, bronnummer) survive set and done byte for byte."""
    own = PLAN.replace(
        '        actiehouder: OOV\n      - id: "1.2"',
        "        actiehouder: OOV\n        budget: 12000   # euro\n        bronnummer: B-7\n"
        '      - id: "1.2"',
    )
    path = _write(tmp_path, own)
    mark_done(path, "s.yaml", "1.1", date(2024, 6, 1), date(2024, 6, 1))
    edit_action(path, "s.yaml", "1.1", {"toelichting": "Klaar"})
    text = path.read_text(encoding="utf-8")
    assert "        budget: 12000   # euro\n        bronnummer: B-7\n" in text
    [action] = [a for a in load_plan(path).require().actions() if a.id == "1.1"]
    assert dict(action.extra) == {"budget": 12000, "bronnummer": "B-7"}
    assert (action.status.value, action.toelichting) == ("gereed", "Klaar")


def test_done_refuses_a_future_day(tmp_path: Path) -> None:
    """A completion date after the as-of date is refused."""
    path = _write(tmp_path, PLAN)
    with pytest.raises(UsageError, match=r"^2 jun 2024 ligt na de peildatum 1 jun 2024; "):
        mark_done(path, "s.yaml", "1.1", date(2024, 6, 2), date(2024, 6, 1))
    assert path.read_text(encoding="utf-8") == PLAN


def test_write_refuses_when_the_file_changed_meanwhile(tmp_path: Path) -> None:
    """If someone saved the file after limnorm read it, nothing is written."""
    path = _write(tmp_path, PLAN)
    original = read_text(path, "s.yaml")
    path.write_text(PLAN + "\n# later toegevoegd\n", encoding="utf-8")
    with pytest.raises(DataError, match="gewijzigd sinds limnorm het las"):
        write_atomically(original, "organisatie: X\nthemas: []\n", "s.yaml")
    assert path.read_text(encoding="utf-8").endswith("# later toegevoegd\n")


def test_write_keeps_permissions_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    """The rename keeps the file's mode, and no temporary file is left behind."""
    path = _write(tmp_path, PLAN)
    os.chmod(path, 0o640)
    edit_action(path, "s.yaml", "1.1", {"status": "lopend"})
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spoorboekje.yaml"]


CHECKLIST = """\
norm: {naam: Limburgse Norm}
themas:
  - nr: 4
    titel: Informatiepositie en informatieveiligheid
    normen:
      - nr: "4.1"
        titel: Informatiepositie
        antwoord:   # nog invullen
        toelichting:
      - nr: "4.2"
        titel: Meldpunt
"""


def test_answer_fills_empty_values_and_keeps_comments(tmp_path: Path) -> None:
    """answer writes after the colon of an empty value, keeping its comment."""
    path = _write(tmp_path, CHECKLIST, "checklist.yaml")
    answer_norm(path, "c.yaml", "4.1", "in ontwikkeling", "Protocol in concept")
    assert path.read_text(encoding="utf-8") == CHECKLIST.replace(
        "antwoord:   # nog invullen\n        toelichting:\n",
        "antwoord: in_ontwikkeling   # nog invullen\n        toelichting: Protocol in concept\n",
    )
    answer_norm(path, "c.yaml", "4.2", "nvt", "Regionaal meldpunt")
    norms = {n.nr: n for n in load_checklist(path).require().norms()}
    assert (norms["4.2"].antwoord.value, norms["4.2"].toelichting) == ("nvt", "Regionaal meldpunt")


def test_answer_refusals(tmp_path: Path) -> None:
    """Unknown answers and nvt without a reason are refused; the file stays as it was."""
    path = _write(tmp_path, CHECKLIST, "checklist.yaml")
    with pytest.raises(
        UsageError, match=r"onbekend antwoord 'uitgevoert' \(bedoelt u 'uitgevoerd'\?\)"
    ):
        answer_norm(path, "c.yaml", "4.1", "uitgevoert", None)
    with pytest.raises(UsageError, match="antwoord 'nvt' vraagt een toelichting"):
        answer_norm(path, "c.yaml", "4.2", "nvt", None)
    with pytest.raises(UsageError, match=r"norm '4\.3' staat niet in c\.yaml"):
        answer_norm(path, "c.yaml", "4.3", "uitgevoerd", None)
    assert path.read_text(encoding="utf-8") == CHECKLIST


TEXTS = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_toelichting_round_trips(tmp_path: Path, text: str) -> None:
    """Whatever text is set, loading the file afterwards gives it back exactly (stripped)."""
    path = _write(tmp_path, PLAN)
    edit_action(path, "s.yaml", "1.3", {"toelichting": text})
    actions = {a.id: a for a in load_plan(path).require().actions()}
    assert actions["1.3"].toelichting == text.strip()
    assert textwrap.dedent(path.read_text(encoding="utf-8")).count("id: ") == 5


def test_set_voortgang_and_oorspronkelijk(tmp_path: Path) -> None:
    """set writes voortgang (as a percentage) and oorspronkelijk; the plan reads them back;
    a percentage above 100 is refused and nothing is written."""
    path = _write(tmp_path, PLAN)
    edit_action(path, "s.yaml", "1.3", {"voortgang": "40%"})
    edit_action(path, "s.yaml", "1.1", {"oorspronkelijk": "Q2 24"})
    text = path.read_text(encoding="utf-8")
    assert '{id: "1.3", actie: Kort, wanneer: 2024, actiehouder: HRM, voortgang: 40}' in text
    assert '        actiehouder: OOV\n        oorspronkelijk: Q2 24\n      - id: "1.2"' in text
    actions = {a.id: a for a in load_plan(path).require().actions()}
    assert (actions["1.3"].voortgang, actions["1.1"].oorspronkelijk) == (40, "Q2 24")
    with pytest.raises(UsageError, match="voortgang '140'"):
        edit_action(path, "s.yaml", "1.3", {"voortgang": "140"})
    assert path.read_text(encoding="utf-8") == text


_LIST_PLAN = (
    "organisatie: X\nactiehouders:\n  OOV: Openbare Orde\n  HRM: Personeel\nthemas:\n"
    "  - nr: 1\n    titel: T\n    acties:\n"
    '      - id: "1.1"\n        actie: a\n        wanneer: Q3 24\n'
    "        actiehouder:\n          - OOV\n          - HRM{comment}\n"
    "        toelichting: blijft\n"
)


@pytest.mark.parametrize(
    ("comment", "newline", "owners", "expected"),
    [
        ("", "\n", "HRM,OOV", "        actiehouder: [HRM, OOV]\n        toelichting: blijft\n"),
        ("", "\r\n", "OOV", "        actiehouder: OOV\r\n        toelichting: blijft\r\n"),
        (
            "  # tweede",
            "\n",
            "OOV",
            "        actiehouder: OOV  # tweede\n        toelichting: blijft\n",
        ),
    ],
)
def test_an_owner_list_written_under_its_key_is_replaced_in_place(
    tmp_path: Path, comment: str, newline: str, owners: str, expected: str
) -> None:
    """Table: owners written as lines of '- CODE' under 'actiehouder:' are set like any
    value: the new value after the colon, the list's lines gone, what follows kept
    (a comment on the last item, Windows line ends, the next key)."""
    path = tmp_path / "s.yaml"
    text = _LIST_PLAN.format(comment=comment).replace("\n", newline)
    path.write_bytes(text.encode("utf-8"))
    edit_action(path, "s.yaml", "1.1", {"actiehouder": owners})
    written = path.read_bytes().decode("utf-8")
    head = text[: text.index("        actiehouder:")]
    assert written == head + expected
