"""Loading the spoorboekje: the sample, and every located problem ``check`` reports."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from limnorm.core.errors import DataError
from limnorm.core.models import Owner, Status
from limnorm.core.period import PeriodKind
from limnorm.files.loader import load_plan, parse_plan
from limnorm.queries.plan import date_findings

from .conftest import SAMPLE


def test_sample_is_a_faithful_transcription() -> None:
    """The sample holds the 17 actions of the source document in order, without errors."""
    loaded = load_plan(SAMPLE / "spoorboekje.yaml")
    assert loaded.findings == ()
    plan = loaded.require()
    assert plan.organisatie == "Gemeente Eijsden-Margraten"
    assert (plan.kenmerk, plan.documentnr) == ("Z/23/190211", "667942")
    assert dict(plan.actiehouders) == {
        "OOV": Owner("OOV", "Openbare Orde en Veiligheid"),
        "HRM": Owner("HRM", "Human Resource Management"),
        "F&I": Owner("F&I"),
    }
    assert [a.id for a in plan.actions()] == [
        "0.1", "0.2", "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "3.1",
        "4.1", "4.2", "4.3", "5.1", "5.2", "6.1", "6.2", "6.3",
    ]  # fmt: skip
    assert [a.wanneer for a in plan.actions()] == [
        "mrt. 24", "jun. 24", "4-3-24", "2-4-24", "Q4 24", "Q3 24", "Q3 24", "Q3/Q4 24",
        "Q3/Q4 24", "Q3 24", "Q3 24", "2024", "Q3 24", "2024", "apr 24", "Q3 24", "Q4 24",
    ]  # fmt: skip
    assert [t.nr for t in plan.themas] == [0, 1, 2, 3, 4, 5, 6]


def test_sample_has_no_ocr_damage() -> None:
    """The Cyrillic letters of the source's "Bewustwordingscессie" are fixed."""
    text = (SAMPLE / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert text.isascii() or all(ord(c) < 0x370 for c in text)
    assert text.count("Bewustwordingssessie") == 3


def test_sample_actions_carry_their_resolved_periods() -> None:
    """Each action resolves its wanneer; a bare year from YAML keeps its written text."""
    plan = load_plan(SAMPLE / "spoorboekje.yaml").require()
    action = next(a for a in plan.actions() if a.id == "4.3")
    assert action.wanneer == "2024"
    assert action.period.kind is PeriodKind.JAAR
    assert action.actiehouders == ("F&I",)
    assert action.status is Status.OPEN


BROKEN = """\
organisatie: Test
actiehouders:
  OOV: Openbare Orde en Veiligheid
  HRM:
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - id: "1.1"
        actie: Sessie
        wanneer: Q5 24
        actiehoudr: OOV
      - id: "1.1"
        actie: Tweede
        wanneer: Q3 24
        actiehouder: OOF
        status: klaar
      - id: "1.3"
        actie: Bewustwordingscессie
        wanneer: Q3 24
        actiehouder: [OOV, HRM]
        status: gereed
        gereed_op: 2030-01-01
      - id: "1.4"
        actie: Dubbel
        actie: Dubbel2
        wanneer: 2024
        actiehouder: 12
  - nr: 9
    titel: Fout thema
  - nr: 1
    titel: Nogmaals
"""

EXPECTED = [
    "t.yaml:9:9: waarschuwing: actie 1.1: geen actiehouder; vul 'actiehouder:' in "
    "('limnorm due' toont de actie onder '(geen actiehouder)')",
    "t.yaml:11:18: fout: actie 1.1: wanneer: 'Q5 24': Q5 bestaat niet; een jaar heeft er 4 (Q1 t/m Q4)",
    "t.yaml:12:9: waarschuwing: actie 1.1: onbekende sleutel 'actiehoudr' in een actie (bedoelt u "
    "'actiehouder'?); limnorm bewaart hem ongewijzigd maar leest hem niet",
    "t.yaml:13:13: fout: actie 1.1: id '1.1' is al gebruikt op regel 9; elk id moet uniek zijn",
    "t.yaml:16:22: waarschuwing: actie 1.1: actiehouder 'OOF' staat niet onder 'actiehouders' (bedoelt u "
    "'OOV'?); bekend: OOV, HRM. Een team of partner mag; anders: voeg de code toe of verbeter "
    "de spelling",
    "t.yaml:17:17: fout: actie 1.1: onbekende status 'klaar'; kies uit open, lopend, gereed, vervallen",
    "t.yaml:19:16: waarschuwing: het woord 'Bewustwordingscессie' mengt Latijnse met Cyrillische "
    "letters (е, с); typ het opnieuw met gewone letters",
    "t.yaml:26:9: fout: sleutel 'actie' staat hier voor de tweede keer (eerder op regel 25); "
    "de eerste waarde zou stil verloren gaan: voeg ze samen",
    "t.yaml:28:22: fout: actie 1.4: 'actiehouder' moet tekst zijn, maar is een getal",
    "t.yaml:31:9: fout: thema 1 staat er twee keer in (eerder op regel 6)",
]


def test_every_problem_is_reported_with_its_place() -> None:
    """check's messages: each problem once, with file, line and column, in file order."""
    loaded = parse_plan(BROKEN, "t.yaml")
    assert [str(f) for f in loaded.findings] == EXPECTED


def test_a_wrong_action_stays_in_the_plan_marked() -> None:
    """A fout about one action leaves it in the plan with what is wrong (the other
    commands run on the rest); the unknown key is kept under its own name."""
    loaded = parse_plan(BROKEN, "t.yaml")
    plan = loaded.require()
    assert plan.fouten == 6
    assert loaded.error_summary == "6 fouten in t.yaml; zie 'limnorm check'"
    rows = [(a.id, a.period.kind, a.actiehouders, a.fouten) for a in plan.actions()]
    assert rows == [
        ("1.1", PeriodKind.ONLEESBAAR, (), ("wanneer onleesbaar",)),
        ("1.1", PeriodKind.KWARTAAL, ("OOF",), ("id dubbel", "status onleesbaar")),
        ("1.3", PeriodKind.KWARTAAL, ("OOV", "HRM"), ()),
        ("1.4", PeriodKind.JAAR, (), ("actiehouder onleesbaar",)),
    ]
    first = next(plan.actions())
    assert dict(first.extra) == {"actiehoudr": "OOV"}


def test_an_unusable_file_is_fatal() -> None:
    """Only a file that is no mapping at all refuses the plan (fataal)."""
    loaded = parse_plan("- een\n- lijst\n", "t.yaml")
    with pytest.raises(DataError) as caught:
        loaded.require()
    assert str(caught.value) == (
        "t.yaml is niet te gebruiken; herstel eerst ('limnorm check' toont alles):\n"
        "  t.yaml:1:1: fataal: het spoorboekje moet een blok met sleutels zijn, maar is een lijst"
    )


def test_future_completion_date_is_a_warning() -> None:
    """A gereed_op after the as-of date is flagged at the gereed_op line."""
    plan = parse_plan(
        textwrap.dedent("""\
            organisatie: T
            themas:
              - nr: 1
                titel: A
                acties:
                  - {id: "1.1", actie: X, wanneer: 2024, actiehouder: OOV,
                     status: gereed, gereed_op: 2024-09-01}
        """),
        "t.yaml",
    ).value
    assert plan is not None
    assert date_findings(plan, date(2024, 9, 1)) == []
    [finding] = date_findings(plan, date(2024, 8, 31))
    assert str(finding) == (
        "t.yaml:7:37: waarschuwing: actie 1.1: gereed_op 1 sep 2024 ligt na de peildatum "
        "31 aug 2024, in de toekomst; klopt de datum?"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "t.yaml:1:1: fataal: het bestand is leeg"),
        ("# alleen commentaar\n", "t.yaml:1:1: fataal: het bestand is leeg"),
        ("- a\n- b\n", "t.yaml:1:1: fataal: het spoorboekje moet een blok met sleutels zijn"),
        ("gewoon tekst\n", "t.yaml:1:1: fataal: het spoorboekje moet een blok met sleutels zijn"),
        ("organisatie: T\n", "t.yaml:1:1: fout: sleutel 'themas' ontbreekt in het spoorboekje"),
        (
            "organisatie: T\nthemas: geen lijst\n",
            "t.yaml:2:9: fout: 'themas' moet een lijst zijn",
        ),
        (
            "organisatie: T\nthemas:\n  - nr: een\n    titel: x\n",
            "t.yaml:3:9: fout: 'nr' moet een heel getal zijn, maar is tekst",
        ),
        (
            "organisatie: T\nthemas:\n  - nr: 1\n    titel: x\n    acties:\n"
            "      - {id: '1.1', actie: a, wanneer: 2024, actiehouder: X, gereed_op: morgen}\n",
            "t.yaml:6:73: fout: actie 1.1: gereed_op: 'morgen' is geen bekende datum",
        ),
        (
            "organisatie: T\nthemas:\n  - nr: 1\n    titel: x\n    acties:\n"
            "      - {id: ' ', actie: a, wanneer: 2024, actiehouder: X}\n",
            "t.yaml:6:14: fout: 'id' is leeg; geef de actie een uniek id",
        ),
        (
            "organisatie: T\njaar: 26\nthemas: []\n",
            "t.yaml:2:7: fout: jaar 26 klopt niet; schrijf een jaartal zoals 2026",
        ),
        (
            "organisatie: T\nthemas:\n  - {nr: 1, titel: x, acties: [{id: a, actie: b, "
            "wanneer: 2024, voortgang: 120}]}\n",
            "t.yaml:3:76: fout: actie a: 'voortgang' moet een percentage van 0 tot en met 100 zijn",
        ),
    ],
)
def test_shape_errors(text: str, expected: str) -> None:
    """Wrong shapes and types are located errors, never exceptions."""
    messages = [str(f) for f in parse_plan(text, "t.yaml").findings]
    assert any(m.startswith(expected) for m in messages), messages


def test_numeric_ids_keep_their_written_text() -> None:
    """An unquoted id 1.10 is not turned into the number 1.1."""
    text = (
        "organisatie: T\nthemas:\n  - nr: 1\n    titel: x\n    acties:\n"
        "      - {id: 1.10, actie: a, wanneer: 2024, actiehouder: X}\n"
        "      - {id: 1.1, actie: b, wanneer: 2024, actiehouder: X}\n"
    )
    plan = parse_plan(text, "t.yaml").require()
    assert [a.id for a in plan.actions()] == ["1.10", "1.1"]


def test_missing_file_is_a_located_error(tmp_path: Path) -> None:
    """A missing file is a finding naming the file, not an exception."""
    loaded = load_plan(tmp_path / "spoorboekje.yaml", "data/spoorboekje.yaml")
    assert [str(f) for f in loaded.findings] == [
        "data/spoorboekje.yaml: fataal: bestand niet gevonden"
    ]
    assert loaded.value is None


def test_owner_codes_without_map_are_not_checked(
    write_plan: Callable[[str], Path],
) -> None:
    """Without an 'actiehouders' map, any owner is accepted, with one warning."""
    folder = write_plan("""
        organisatie: T
        themas:
          - nr: 1
            titel: x
            acties:
              - {id: "1.1", actie: a, wanneer: 2024, actiehouder: XYZ}
    """)
    loaded = load_plan(folder / "spoorboekje.yaml", "s.yaml")
    assert [str(f) for f in loaded.findings] == []
    plan = loaded.require()
    assert plan.actiehouders == {}
    assert next(plan.actions()).actiehouders == ("XYZ",)


OWNER_PLAN = """\
organisatie: T
actiehouders:
  OOV: Openbare Orde en Veiligheid
  HRM: {{naam: Human Resource Management, email: hrm@gemeente.nl}}
  JZ:
  F&I: Financien
themas:
  - nr: 1
    titel: x
    acties:
      - {{id: "1.1", actie: a, wanneer: 2024, actiehouder: {owner}}}
"""


@pytest.mark.parametrize(
    ("owner", "codes", "warning"),
    [
        ("OOV", ("OOV",), None),
        ("OOV/JZ", ("OOV", "JZ"), None),
        ("OOV / JZ", ("OOV", "JZ"), None),
        ("OOV en HRM", ("OOV", "HRM"), None),
        ("'OOV, HRM'", ("OOV", "HRM"), None),
        ("OOV + HRM", ("OOV", "HRM"), None),
        ("F&I", ("F&I",), None),
        ("[OOV, JZ/HRM]", ("OOV", "JZ", "HRM"), None),
        ("oov", ("OOV",), "actiehouder 'oov' is geschreven als 'OOV'"),
        ("OOV/politie", ("OOV/politie",), "actiehouder 'OOV/politie' staat niet onder"),
        ("RIEC", ("RIEC",), "actiehouder 'RIEC' staat niet onder 'actiehouders'; bekend: OOV"),
        ("team veiligheid", ("team veiligheid",), "actiehouder 'team veiligheid' staat niet"),
        ("OOF", ("OOF",), "(bedoelt u 'OOV'?)"),
        ("''", (), "actie 1.1: geen actiehouder"),
        ("null", (), "actie 1.1: geen actiehouder"),
    ],
)
def test_owners_as_organisations_write_them(
    owner: str, codes: tuple[str, ...], warning: str | None
) -> None:
    """Compound owners split when every part is a known code, else stay whole with a
    warning; free text is allowed with a warning; a missing owner is a warning."""
    loaded = parse_plan(OWNER_PLAN.format(owner=owner), "t.yaml")
    assert loaded.errors == ()
    plan = loaded.require()
    assert next(plan.actions()).actiehouders == codes
    messages = [f.message for f in loaded.findings]
    if warning is None:
        assert messages == []
    else:
        [message] = messages
        assert warning in message


def test_owner_records_carry_name_and_email() -> None:
    """An actiehouders entry is a full name or a block with naam and email."""
    plan = parse_plan(OWNER_PLAN.format(owner="OOV"), "t.yaml").require()
    assert list(plan.actiehouders.values()) == [
        Owner("OOV", "Openbare Orde en Veiligheid"),
        Owner("HRM", "Human Resource Management", "hrm@gemeente.nl"),
        Owner("JZ"),
        Owner("F&I", "Financien"),
    ]


def test_an_absent_owner_key_is_a_warning_at_the_action() -> None:
    """No 'actiehouder' key at all: a warning at the action, not a fout."""
    text = OWNER_PLAN.format(owner="OOV").replace(", actiehouder: OOV", "")
    loaded = parse_plan(text, "t.yaml")
    assert [str(f) for f in loaded.findings] == [
        "t.yaml:11:9: waarschuwing: actie 1.1: geen actiehouder; vul 'actiehouder:' in "
        "('limnorm due' toont de actie onder '(geen actiehouder)')"
    ]


def test_a_status_in_the_wanneer_column_is_a_warning() -> None:
    """'gereed' written as wanneer: no date, and check suggests moving it to status."""
    text = OWNER_PLAN.format(owner="OOV").replace("wanneer: 2024", "wanneer: in uitvoering")
    loaded = parse_plan(text, "t.yaml")
    assert [str(f) for f in loaded.findings] == [
        "t.yaml:11:40: waarschuwing: actie 1.1: 'in uitvoering' is een status, geen deadline; "
        "zet 'status: lopend' en vul bij 'wanneer' de deadline in (of 'n.t.b.')"
    ]
    assert next(loaded.require().actions()).period.deadline is None
