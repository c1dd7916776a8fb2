"""Edits (files/updates.py) in the places mutation testing (scripts/mutation.py) found
unguarded: what an edit reports as the value before, each value of a multi-value edit,
the safety net that refuses a splice that reads back otherwise, which characters and
percentages are refused, the year a deadline without one takes, which warnings an edit
reports, and the exact wording of every refusal. Expected texts are written out by hand.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from limnorm.core.errors import DataError, UsageError
from limnorm.files import updates
from limnorm.files.checklist import load_checklist
from limnorm.files.loader import load_plan
from limnorm.files.updates import answer_norm, edit_action, mark_done
from limnorm.files.yamledit import Change, set_key

from .conftest import SAMPLE, Invoke, strip_lines

PLAN = """\
organisatie: Gemeente Proef
actiehouders:
  OOV: Openbare Orde en Veiligheid
  HRM: Human Resource Management
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - id: "1.1"
        actie: Sessie directie
        wanneer: Q3 24
        actiehouder: [OOV, HRM]
      - id: "1.2"
        actie: Gedragscode
        wanneer: Q4 24
        actiehouder: OOV
        status: gereed
        gereed_op: 2024-05-01
      - {id: "1.3", actie: Kort, wanneer: 2024, actiehouder: HRM}
      - actiehouder: HRM
        id: "1.4"
        actie: Eigenaar bovenaan
        wanneer: 2024
      - id: "1.5"
        actie: Laatste
        wanneer: 2025
        actiehouder: HRM
"""


def _plan(tmp_path: Path, text: str = PLAN) -> Path:
    path = tmp_path / "spoorboekje.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _action(path: Path, action_id: str) -> object:
    [action] = [a for a in load_plan(path).require().actions() if a.id == action_id]
    return action


# --- the value before, and every value of an edit -------------------------------------

#: (action, owner asked, changes reported, line written; None: the file is not written)
OWNERS = [
    # The same owners as the list holds: nothing to do (it once said "(leeg) → OOV, HRM").
    ("1.1", "oov,hrm", (Change("actiehouder", "OOV, HRM", "OOV, HRM"),), None),
    ("1.1", "hrm", (Change("actiehouder", "OOV, HRM", "HRM"),), "        actiehouder: HRM\n"),
    # Another order is another value (the first owner leads).
    ("1.1", "hrm,oov", (Change("actiehouder", "OOV, HRM", "HRM, OOV"),),
     "        actiehouder: [HRM, OOV]\n"),
    ("1.2", "oov,hrm", (Change("actiehouder", "OOV", "OOV, HRM"),),
     "        actiehouder: [OOV, HRM]\n"),
    # One code is written as a code, not as a list of one.
    ("1.2", "Human Resource Management", (Change("actiehouder", "OOV", "HRM"),),
     "        actiehouder: HRM\n        status: gereed\n"),
]  # fmt: skip


@pytest.mark.parametrize(("action", "owner", "changes", "line"), OWNERS)
def test_an_owner_list_is_compared_and_reported_by_its_items(
    tmp_path: Path, action: str, owner: str, changes: tuple[Change, ...], line: str | None
) -> None:
    """An owner list in the file ([OOV, HRM]) is the value before, as its codes: setting
    the same owners writes nothing, and a change reports what the list held."""
    path = _plan(tmp_path)
    result = edit_action(path, "s.yaml", action, {"actiehouder": owner})
    assert result.changes == changes
    text = path.read_text(encoding="utf-8")
    if line is None:
        assert not result.changed
        assert text == PLAN
    else:
        assert result.changed
        assert line in text
        assert text.count("\n") == PLAN.count("\n")


def test_another_field_of_an_action_with_an_owner_list_was_empty(tmp_path: Path) -> None:
    """Only the field set has a value before: the owner list next to it is not it."""
    path = _plan(tmp_path)
    result = edit_action(path, "s.yaml", "1.1", {"status": "lopend"})
    assert result.changes == (Change("status", None, "lopend"),)


def test_the_cli_reports_the_owners_a_list_held(invoke: Invoke, tmp_path: Path) -> None:
    """`set` says what the list was, and that setting the same owners changes nothing."""
    _plan(tmp_path)
    same = invoke(["set", "1.1", "actiehouder", "oov,hrm", "--data", str(tmp_path)])
    assert (same.exit_code, same.stdout) == (
        0, "spoorboekje.yaml · actie 1.1: had deze waarden al; niets gewijzigd.\n"
    )  # fmt: skip
    other = invoke(["set", "1.1", "actiehouder", "hrm", "--data", str(tmp_path)])
    assert other.exit_code == 0, other.output
    assert strip_lines(other.stdout) == (
        "spoorboekje.yaml · actie 1.1 bijgewerkt:\n  actiehouder: OOV, HRM → HRM"
    )


def test_done_again_on_another_day_changes_the_day(tmp_path: Path) -> None:
    """An action already gereed, marked done on another day: the status stays, and the
    day after it is still written (an unchanged first value does not end the edit)."""
    path = _plan(tmp_path)
    result = mark_done(path, "s.yaml", "1.2", date(2024, 5, 2), date(2024, 6, 1))
    assert result.changes == (
        Change("status", "gereed", "gereed"),
        Change("gereed_op", "2024-05-01", "2024-05-02"),
    )
    assert path.read_text(encoding="utf-8") == PLAN.replace(
        "gereed_op: 2024-05-01", "gereed_op: 2024-05-02"
    )


def test_answer_names_the_norm_it_changed(invoke: Invoke) -> None:
    """The report of `answer` names the norm (the edit's target)."""
    data = Path.cwd() / "data"
    shutil.copytree(SAMPLE, data)
    result = invoke(["answer", "1.1", "uitgevoerd", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == (
        "data/checklist.yaml · norm 1.1 bijgewerkt:\n  antwoord: (leeg) → uitgevoerd"
    )


# --- the safety net: a splice that reads back otherwise is never written ----------------

Splice = Callable[..., str]


def _writes(value: object) -> Splice:
    """A faulty splice: writes ``value`` instead of the value asked for."""

    def splice(text: str, entry: object, key: str, _asked: object, *, file: str) -> str:
        return set_key(text, entry, key, value, file=file)  # type: ignore[arg-type]

    return splice


def _also(old: str, new: str) -> Splice:
    """A faulty splice: writes the value asked for, and also changes ``old`` elsewhere."""

    def splice(text: str, entry: object, key: str, value: object, *, file: str) -> str:
        return set_key(text, entry, key, value, file=file).replace(old, new)  # type: ignore[arg-type]

    return splice


SAFETY_NET = (
    "s.yaml: de wijziging zou het bestand anders laten lezen dan bedoeld; er is niets "
    "geschreven. Pas het bestand met de hand aan"
)

#: (action, field, value asked, faulty splice)
FAULTY_ACTION_EDITS = [
    ("1.3", "wanneer", "Q1 25", _writes("Q2 25")),
    ("1.3", "status", "lopend", _writes("open")),
    ("1.3", "toelichting", "Klaar", _writes("Bijna klaar")),
    ("1.3", "actiehouder", "oov,hrm", _writes(["OOV"])),
    ("1.3", "actiehouder", "team handhaving", _writes("team toezicht")),
    ("1.3", "voortgang", "40", _writes(50)),
    ("1.3", "mijlpaal", "ja", _writes(False)),
    ("1.3", "oorspronkelijk", "Q2 24", _writes("Q3 24")),
    ("1.3", "gereed_op", "2024-03-04", _writes(date(2024, 3, 5))),
    # The right value, but a fout in another action (the plan had none).
    ("1.3", "status", "lopend", _also("wanneer: Q4 24", "wanneer: Q5 24")),
]


@pytest.mark.parametrize(("action", "field", "value", "splice"), FAULTY_ACTION_EDITS)
def test_a_splice_that_reads_otherwise_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str, field: str, value: str,
    splice: Splice,
) -> None:  # fmt: skip
    """Whatever field is set: if the file would not read back with exactly the value
    asked for (or would gain a fout), nothing is written and the user is told."""
    path = _plan(tmp_path)
    monkeypatch.setattr(updates, "set_key", splice)
    with pytest.raises(DataError) as caught:
        edit_action(path, "s.yaml", action, {field: value})
    assert str(caught.value) == SAFETY_NET
    assert path.read_text(encoding="utf-8") == PLAN


CHECKLIST = """\
norm: {naam: Limburgse Norm}
themas:
  - nr: 4
    titel: Informatiepositie
    normen:
      - nr: "4.1"
        titel: Informatiepositie
        antwoord:
      - nr: "4.2"
        titel: Meldpunt
        antwoord: ontbreekt
"""

#: (answer, toelichting, faulty splice)
FAULTY_ANSWERS = [
    ("uitgevoerd", None, _writes("ontbreekt")),
    ("uitgevoerd", "Vastgesteld", _writes("Anders")),
    # The right answer, but a fout in another norm.
    ("uitgevoerd", None, _also("antwoord: ontbreekt", "antwoord: onzin")),
]


@pytest.mark.parametrize(("answer", "toelichting", "splice"), FAULTY_ANSWERS)
def test_an_answer_that_reads_otherwise_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, toelichting: str | None,
    splice: Splice,
) -> None:  # fmt: skip
    """The same safety net for `answer`: the wrong answer or toelichting, or a new fout
    elsewhere, and nothing is written."""
    path = tmp_path / "checklist.yaml"
    path.write_text(CHECKLIST, encoding="utf-8")
    monkeypatch.setattr(updates, "set_key", splice)
    with pytest.raises(DataError) as caught:
        answer_norm(path, "s.yaml", "4.1", answer, toelichting)
    assert str(caught.value) == SAFETY_NET
    assert path.read_text(encoding="utf-8") == CHECKLIST


def test_errors_reading_and_writing_name_the_file(tmp_path: Path) -> None:
    """A file that is not UTF-8 and a read-only file are refused with the file's name as
    the user knows it, not its full path."""
    broken = tmp_path / "kapot.yaml"
    broken.write_bytes(b"organisatie: \xff\nthemas: []\n")
    with pytest.raises(DataError) as caught:
        edit_action(broken, "s.yaml", "1.1", {"status": "open"})
    assert str(caught.value).startswith("s.yaml:1:14: het bestand is geen geldige UTF-8-tekst")
    path = _plan(tmp_path)
    os.chmod(path, 0o444)
    with pytest.raises(DataError) as caught:
        edit_action(path, "s.yaml", "1.3", {"status": "lopend"})
    assert str(caught.value).startswith("s.yaml: het bestand is alleen-lezen; er is niets")
    assert path.read_text(encoding="utf-8") == PLAN


# --- which values are refused ----------------------------------------------------------

#: (character, refused): control characters, C1 controls 0x7F-0x9F and lone surrogates
#: are refused; their neighbours, tab and newline are not.
CHARACTERS = [
    ("\x1f", True),
    ("\t", False),
    ("\n", False),
    ("~", False),
    ("\x7f", True),
    ("\x80", True),
    ("\x9f", True),
    ("\xa0", False),
    ("\ud7ff", False),
    ("\ud800", True),
    ("\udfff", True),
    ("\ue000", False),
]


@pytest.mark.parametrize(("char", "refused"), CHARACTERS)
def test_which_characters_a_value_may_hold(tmp_path: Path, char: str, refused: bool) -> None:
    """A refused character is named by its code point; an allowed one is written and
    read back."""
    path = _plan(tmp_path)
    value = f"a{char}b"
    if refused:
        with pytest.raises(UsageError) as caught:
            edit_action(path, "s.yaml", "1.3", {"toelichting": value})
        assert caught.value.message == (
            f"de waarde bevat een stuurteken of ongeldig teken (U+{ord(char):04X}); "
            "typ haar opnieuw"
        )
        assert path.read_text(encoding="utf-8") == PLAN
    else:
        edit_action(path, "s.yaml", "1.3", {"toelichting": value})
        assert _action(path, "1.3").toelichting == value  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "written"), [("0", 0), ("100", 100), ("100%", 100), ("101", None), ("-1", None)]
)
def test_voortgang_is_a_percentage_up_to_100(
    tmp_path: Path, value: str, written: int | None
) -> None:
    """0 to 100 inclusive is written as a number; 101 and -1 are refused."""
    path = _plan(tmp_path)
    if written is None:
        with pytest.raises(UsageError) as caught:
            edit_action(path, "s.yaml", "1.3", {"voortgang": value})
        assert caught.value.message == (
            f"voortgang '{value}': geef een percentage van 0 tot en met 100, zoals 40"
        )
    else:
        edit_action(path, "s.yaml", "1.3", {"voortgang": value})
        assert _action(path, "1.3").voortgang == written  # type: ignore[attr-defined]


NO_YEAR = (
    "wanneer: 'juni': het jaar ontbreekt; schrijf het jaar erbij, of zet 'jaar:' bovenaan "
    "het spoorboekje of bij het thema"
)


@pytest.mark.parametrize(
    ("plan_year", "theme_year", "accepted"),
    [("", "", False), ("jaar: 2025\n", "", True), ("", "    jaar: 2025\n", True)],
)
def test_a_deadline_without_a_year_takes_the_theme_or_plan_year(
    tmp_path: Path, plan_year: str, theme_year: str, accepted: bool
) -> None:
    """'juni' is accepted where the theme or the plan gives a year, refused otherwise."""
    text = PLAN.replace("themas:\n", f"{plan_year}themas:\n").replace(
        "    titel: Bewustwording\n", f"    titel: Bewustwording\n{theme_year}"
    )
    path = _plan(tmp_path, text)
    if accepted:
        edit_action(path, "s.yaml", "1.3", {"wanneer": "juni"})
        assert "wanneer: juni," in path.read_text(encoding="utf-8")
    else:
        with pytest.raises(UsageError) as caught:
            edit_action(path, "s.yaml", "1.3", {"wanneer": "juni"})
        assert caught.value.message == NO_YEAR


# --- the warnings an edit reports ------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "line"),
    [
        ("1.3", 19),  # a flow mapping on one line: its first line is its last
        ("1.4", 20),  # the owner on the first line of its entry
        ("1.5", 27),  # the owner on the last line of the file
    ],
)
def test_an_edit_reports_the_warning_it_causes_on_its_own_lines(
    tmp_path: Path, action: str, line: int
) -> None:
    """A free-text owner gets check's warning, whichever line of the entry it is on."""
    path = _plan(tmp_path)
    result = edit_action(path, "s.yaml", action, {"actiehouder": "team handhaving"})
    assert [(w.location.line, w.message) for w in result.warnings] == [
        (
            line,
            f"actie {action}: actiehouder 'team handhaving' staat niet onder 'actiehouders'; "
            "bekend: OOV, HRM. Een team of partner mag; anders: voeg de code toe of verbeter "
            "de spelling",
        )
    ]


# --- the wording of refusals, as the user sees it ---------------------------------------

CHECKLIST_SCALE = """\
norm: {naam: Limburgse Norm}
antwoordschaal:
  - code: uitgevoerd
  - code: ontbreekt
  - code: nvt
themas:
  - nr: 4
    titel: Informatiepositie
    normen:
      - nr: "4.1"
        titel: Informatiepositie
"""

#: (command, stderr exactly)
REFUSALS = [
    (["done", "1.3", "--op", "2024-05-02", "--as-of", "2024-05-01"],
     "limnorm: fout: --op: 2 mei 2024 ligt na de peildatum 1 mei 2024; een actie kan niet in de "
     "toekomst gereed zijn\n"),
    (["set", "1.3", "gereed_op", "juni-24"],
     "limnorm: fout: gereed_op: 'juni-24' is geen dag; schrijf bijvoorbeeld 2024-03-04 of "
     "4-3-24\n"),
    (["set", "1.3", "gereed_op", "xyz"],
     "limnorm: fout: gereed_op: 'xyz' is geen bekende datum of periode; schrijf een dag, "
     "bijvoorbeeld 2024-03-04 of 4-3-24\n"),
    (["set", "1.3", "gereed_op", "2024-05-02", "--as-of", "2024-05-01"],
     "limnorm: fout: 2 mei 2024 ligt na de peildatum 1 mei 2024; een actie kan niet in de "
     "toekomst gereed zijn\n"),
    (["set", "1.3", "oorspronkelijk", " "],
     "limnorm: fout: een lege oorspronkelijke deadline schrijft limnorm niet\n"),
    (["set", "1.3", "toelichting", " "],
     "limnorm: fout: een lege toelichting schrijft limnorm niet; pas het bestand aan\n"),
    (["set", "1.3", "actiehouder", "-"],
     "limnorm: fout: geef minstens één actiehouder, bijvoorbeeld OOV of OOV,HRM\n"),
    (["set", "1.3", "status", "klaar"],
     "limnorm: fout: onbekende status 'klaar'; kies uit open, lopend, gereed, vervallen\n"),
    (["set", "1.3", "kleur", "rood"],
     "limnorm: fout: 'kleur' kan niet met 'limnorm set'; kies uit status, wanneer, "
     "actiehouder, toelichting, voortgang, mijlpaal, oorspronkelijk, gereed_op\n"),
    (["answer", "4.1", "nvt"],
     "limnorm: fout: antwoord 'nvt' vraagt een toelichting; geef --toelichting met de reden\n"),
    (["answer", "4.1", "uitgevoerd", "--toelichting", " "],
     "limnorm: fout: een lege toelichting schrijft limnorm niet\n"),
    (["answer", "4.1", "ja"],
     "limnorm: fout: onbekend antwoord 'ja'; kies uit uitgevoerd, ontbreekt, nvt\n"),
    (["answer", "4.1", "in ontwikkeling"],
     "limnorm: fout: antwoord 'in ontwikkeling' staat niet in de antwoordschaal van de "
     "checklist\n"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "stderr"), REFUSALS)
def test_refusals_word_by_word(
    invoke: Invoke, tmp_path: Path, args: list[str], stderr: str
) -> None:
    """Each refusal says exactly what is wrong and what to write instead (exit 2, no
    file changed); the checklist here has its own scale of three answers."""
    _plan(tmp_path)
    (tmp_path / "checklist.yaml").write_text(CHECKLIST_SCALE, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = invoke([*args, "--data", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, stderr)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_the_scale_of_the_checklist_is_what_answer_accepts(tmp_path: Path) -> None:
    """An answer in the checklist's own scale is written and read back."""
    path = tmp_path / "checklist.yaml"
    path.write_text(CHECKLIST_SCALE, encoding="utf-8")
    answer_norm(path, "c.yaml", "4.1", "ontbreekt", None)
    [norm] = load_checklist(path).require().norms()
    assert norm.antwoord is not None
    assert norm.antwoord.value == "ontbreekt"
