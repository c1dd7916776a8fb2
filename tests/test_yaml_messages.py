"""Broken YAML gets a Dutch message with file:line:col and what to do; no English.

PyYAML (libyaml) says what is wrong in English ("did not find expected node content");
limnorm translates every problem it knows (``yamltree._PROBLEMS``) and says something
general, still in Dutch, for any other. The inputs are real mistakes: tabs, an unclosed
quote, a colon in a title, a list indented wrong, a bracket left open.
"""

from __future__ import annotations

import re

import pytest
import yaml

from limnorm.core.errors import DataError
from limnorm.files.yamltree import parse_yaml

#: (broken YAML, the whole message). The English is shown by the test when one fails.
CASES = [
    ("organisatie: X\nthemas:\n\t- nr: 1\n",
     "t.yaml:3:1: tab-teken gevonden; spring in met spaties, niet met tabs"),
    ("organisatie: X\nthemas:\n  - nr: 1\n    titel: Let op: dit\n",
     "t.yaml:4:18: dubbele punt op een plek waar dat niet mag; zet tekst met ': ' erin tussen "
     "aanhalingstekens, of controleer het inspringen"),
    ('organisatie: "Test\nthemas: []\n',
     "t.yaml:3:1: het bestand houdt op midden in tekst tussen aanhalingstekens (begonnen op "
     "regel 1, kolom 14); zet het sluitende aanhalingsteken"),
    ("organisatie: 'Test\nthemas: []\n",
     "t.yaml:3:1: het bestand houdt op midden in tekst tussen aanhalingstekens (begonnen op "
     "regel 1, kolom 14); zet het sluitende aanhalingsteken"),
    ("themas:\n  - nr: 1\n    acties:\n      - id: a\n     - id: b\n",
     "t.yaml:5:6: sleutel verwacht; deze regel hoort even ver in te springen als de sleutels "
     "van het blok (begonnen op regel 2, kolom 5), en een waarde die na een aanhalingsteken "
     "doorgaat hoort helemaal tussen aanhalingstekens"),
    ('actie: "Sessie" met college\n',
     "t.yaml:1:17: sleutel verwacht; deze regel hoort even ver in te springen als de "
     "sleutels van het blok, en een waarde die na een aanhalingsteken doorgaat hoort "
     "helemaal tussen aanhalingstekens"),
    ("a:\n  - x\n  y: 2\n",
     "t.yaml:3:3: '-' verwacht; controleer het inspringen van de lijst (begonnen op regel 2, "
     "kolom 3)"),
    ("acties: [\n",
     "t.yaml:2:1: waarde verwacht; sluit een lijst die met '[' begint af met ']', en een blok "
     "dat met '{' begint met '}'"),
    ("actiehouder: [OOV, HRM\nstatus: open\n",
     "t.yaml:2:7: ',' of ']' verwacht in de lijst tussen [ en ] (begonnen op regel 1, kolom "
     "14); sluit de lijst af met ']'"),
    ("actiehouder: {naam: OOV\nstatus: open\n",
     "t.yaml:2:7: ',' of '}' verwacht in het blok tussen { en } (begonnen op regel 1, kolom "
     "14); sluit het blok af met '}'"),
    ("a:\n  b: 1\n  c\nd: 2\n",
     "t.yaml:4:1: dubbele punt verwacht na de sleutel (begonnen op regel 3, kolom 3); schrijf "
     "'sleutel: waarde', of controleer het inspringen"),
    ("toelichting: *vervolg\n",
     "t.yaml:1:14: verwijzing (*naam) naar een anker (&naam) dat er niet is; schrijf de "
     "waarde voluit, of zet tekst die met '*' begint tussen aanhalingstekens"),
    ("a: &x 1\nb: &x 2\n",
     "t.yaml:2:4: anker (&naam) staat er voor de tweede keer (eerder op regel 1, kolom 4); "
     "geef elk anker een eigen naam"),
    ("a: 1\n---\nb: 2\n",
     "t.yaml:2:1: een tweede YAML-document (na '---'); zet alles in één document en haal de "
     "'---' weg"),
    ('toelichting: "map C:\\nieuw\\qq"\n',
     "t.yaml:1:27: onbekend teken na '\\' in tekst tussen dubbele aanhalingstekens; schrijf "
     "'\\\\' voor een backslash, of zet de tekst tussen enkele aanhalingstekens"),
    ('a: "\\u12"\n',
     "t.yaml:1:7: na \\x, \\u of \\U horen cijfers 0-9 en letters a-f; schrijf '\\\\' voor een "
     "backslash, of zet de tekst tussen enkele aanhalingstekens"),
    ("toelichting: @gemeente\n",
     "t.yaml:1:14: het teken '@' mag niet aan het begin van een waarde staan; zet de waarde "
     "tussen aanhalingstekens"),
    ("toelichting: `code`\n",
     "t.yaml:1:14: het teken '`' mag niet aan het begin van een waarde staan; zet de waarde "
     "tussen aanhalingstekens"),
    ("a: & x\n",
     "t.yaml:1:5: na '&' of '*' hoort een naam; zet tekst die met & of * begint tussen "
     "aanhalingstekens"),
    ("a: !<x\n",
     "t.yaml:1:7: onleesbare tag (tekst die met '!' begint); zet de waarde tussen "
     "aanhalingstekens"),
    ("%FOO\n---\na: 1\n",
     "t.yaml:1:5: onbekende regel die met '%' begint; haal hem weg, of zet de waarde tussen "
     "aanhalingstekens"),
    ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
     "t.yaml:2:1: de regel '%YAML' of '%TAG' staat er twee keer; haal de regels die met '%' "
     "beginnen weg"),
    ("a: |0\n  x\n",
     "t.yaml:1:5: na '|' of '>' mag alleen een cijfer 1 t/m 9, '+' of '-' staan; haal de 0 "
     "weg"),
    ('a: "x\n---\n"\n',
     "t.yaml:2:1: '---' of '...' aan het begin van een regel midden in tekst tussen "
     "aanhalingstekens (begonnen op regel 1, kolom 4); ontbreekt een sluitend "
     "aanhalingsteken?"),
]  # fmt: skip

#: Words PyYAML's messages share with the Dutch ones (a "YAML-document", a "tag").
SHARED = {"document", "tag", "yaml"}


def _english(text: str) -> set[str]:
    """The words of PyYAML's own message for ``text`` (problem and context)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=loader)
    english = f"{caught.value.problem or ''} {caught.value.context or ''}"
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", english)} - SHARED


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_broken_yaml_is_explained_in_dutch(text: str, expected: str) -> None:
    """The exact Dutch message with line and column, and not one English word of
    PyYAML's message left in it."""
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "t.yaml")
    message = str(caught.value)
    assert message == expected
    words = set(re.findall(r"[a-z]+", message.lower()))
    assert not words & _english(text), sorted(words & _english(text))


def test_an_unknown_problem_is_said_in_dutch_too() -> None:
    """A problem the table does not know gets the general Dutch message, never PyYAML's."""
    from limnorm.files import yamltree

    class Mark:
        line, column, index = 0, 2, 2

    error = yaml.MarkedYAMLError("while doing something new", Mark(), "found a new problem")
    assert yamltree.explain(error, "a: b") == (
        "dit is geen geldige YAML; controleer deze regel: inspringen met spaties, "
        "aanhalingstekens die sluiten, en tekst met ': ' of '#' tussen aanhalingstekens"
    )
