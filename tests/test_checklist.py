"""The checklist: the sample norm, answered fixtures, and every check message located."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from limnorm.core.models import Answer, Checklist
from limnorm.files.checklist import load_checklist, parse_checklist
from limnorm.files.loader import load_plan, parse_plan
from limnorm.queries.plan import check_files, checklist_report, count_answers, cross_findings

from .conftest import ROOT, SAMPLE

ANSWERED = ROOT / "examples" / "ingevuld"

#: Every norm that domain.md lists, by theme.
KNOWN_NORMS = [
    "1.1", "1.2", "1.3", "1.4",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9",
    "3.1", "3.2", "3.3", "3.4", "3.5",
    "4.1", "4.2",
    "5.1", "5.2", "5.3", "5.4",
    "6.1", "6.2", "6.3",
]  # fmt: skip


@pytest.fixture(name="sample", scope="module")
def _sample() -> Checklist:
    """The sample checklist."""
    loaded = load_checklist(SAMPLE / "checklist.yaml")
    assert loaded.findings == ()
    return loaded.require()


def test_sample_holds_every_known_norm(sample: Checklist) -> None:
    """All norms of domain.md are present, in order, in themes 1-6, unanswered."""
    assert [n.nr for n in sample.norms()] == KNOWN_NORMS
    assert [t.nr for t in sample.themas] == [1, 2, 3, 4, 5, 6]
    assert all(n.antwoord is None for n in sample.norms())
    assert sample.naam == "Limburgse Norm"
    assert sample.datum == date(2023, 10, 26)


def test_sample_marks_cut_off_themes_incomplete(sample: Checklist) -> None:
    """Themes whose public text was cut off are marked so organisations may add norms."""
    assert {t.nr for t in sample.themas if not t.compleet} == {2, 4, 5}


def test_sample_criteria_where_known(sample: Checklist) -> None:
    """Norms 1.1 and 4.1 carry their known criteria (six and five)."""
    criteria = {n.nr: len(n.criteria) for n in sample.norms() if n.criteria}
    assert criteria == {"1.1": 6, "4.1": 5}


def test_sample_pyramid_leaves_unknowns_empty(sample: Checklist) -> None:
    """Phase 2's name and phases 1, 2 and 5's descriptions are not invented."""
    pyramid = sample.piramide
    assert pyramid is not None
    assert [(p.fase, p.naam) for p in pyramid.fasen] == [
        (1, "Acute hulp"), (2, None), (3, "Actieplan uitvoeren"),
        (4, "Integraal (netwerkend)"), (5, "Regisseur"),
    ]  # fmt: skip
    assert [p.fase for p in pyramid.fasen if p.omschrijving is None] == [1, 2, 5]
    assert (pyramid.van, pyramid.tot) == (3, 4)


def test_sample_links_point_at_sample_actions(sample: Checklist) -> None:
    """The sample's links are to real actions, e.g. Bibob/Damocles action 5.1 to norm 5.4."""
    plan = load_plan(SAMPLE / "spoorboekje.yaml").require()
    assert cross_findings(sample, plan) == []
    links = {n.nr: n.acties for n in sample.norms() if n.acties}
    assert links["5.4"] == ("5.1",)
    assert links["1.1"] == ("1.4",)


def test_answered_fixture_counts() -> None:
    """Counts per answer and the norm verdict: nvt is not applicable, unanswered is not met."""
    checklist = load_checklist(ANSWERED / "checklist.yaml").require()
    theme_one, theme_two, theme_four = checklist.themas
    assert count_answers(theme_one.normen) == (1, 1, 0, 1, 0)
    assert not count_answers(theme_one.normen).meets_norm
    assert count_answers(theme_two.normen).meets_norm
    assert count_answers(theme_four.normen) == (0, 0, 1, 0, 1)
    assert theme_one.normen[0].criteria[0].antwoord is Answer.UITGEVOERD


def test_only_open_filters_but_counts_all() -> None:
    """--open drops uitgevoerd norms from the rows but not from the counts."""
    checklist = load_checklist(ANSWERED / "checklist.yaml").require()
    plan = load_plan(ANSWERED / "spoorboekje.yaml").require()
    report = checklist_report(checklist, plan, date(2024, 10, 1), only_open=True)
    assert [[r.norm.nr for r in t.rows] for t in report.themes] == [
        ["1.1", "1.3"],
        [],
        ["4.1", "4.2"],
    ]
    assert report.themes[1].counts.uitgevoerd == 2


BROKEN = """\
norm:
  naam: Limburgse Norm
antwoordschaal:
  - code: uitgevoerd
  - code: misschien
themas:
  - nr: 1
    titel: Bewustwording en organisatie
    fase: 7
    normen:
      - nr: "1.1"
        titel: A
        antwoord: uitgevoert
      - nr: "1.1"
        titel: B
        antwoord: nvt
      - nr: "2.1"
        titel: C
        antwoord: In ontwikkeling
  - nr: 7
    titel: Extra
    normen:
      - nr: "7.1"
        titel: D
  - nr: 4
    titel: Informatiepositie en informatiebeveiliging
    normen:
      - nr: "4.1"
        titel: E
        antwoord: ontbreekt
        criteria:
          - titel: F
            antwoord: nvt
            toelichting: Niet van toepassing want X
"""


def test_every_checklist_problem_is_located() -> None:
    """Unknown answers (with suggestion), nvt without toelichting, duplicate norms,
    themes outside 1-6, norms under the wrong theme, phases outside 1-5: all located."""
    loaded = parse_checklist(BROKEN, "c.yaml")
    assert [str(f) for f in loaded.findings] == [
        "c.yaml:5:11: fout: antwoord 'misschien' kent limnorm niet; mogelijk: uitgevoerd, "
        "in_ontwikkeling, ontbreekt, nvt",
        "c.yaml:9:11: fout: fase 7 bestaat niet; de piramide heeft fase 1 t/m 5",
        "c.yaml:13:19: fout: onbekend antwoord 'uitgevoert' (bedoelt u 'uitgevoerd'?); kies uit "
        "uitgevoerd of laat het leeg",
        "c.yaml:14:13: fout: norm 1.1 staat er twee keer in (eerder op regel 11)",
        "c.yaml:16:19: fout: antwoord 'nvt' staat niet in de antwoordschaal van deze checklist",
        "c.yaml:16:19: fout: antwoord 'nvt' vraagt een toelichting: leg uit waarom de norm niet "
        "van toepassing is",
        "c.yaml:17:13: fout: norm 2.1 hoort bij thema 2 maar staat onder thema 1",
        "c.yaml:19:19: fout: antwoord 'In ontwikkeling' staat niet in de antwoordschaal van deze "
        "checklist",
        "c.yaml:20:9: fout: thema 7 bestaat niet in de Limburgse Norm; de norm heeft thema 1 t/m 6",
        "c.yaml:30:19: fout: antwoord 'ontbreekt' staat niet in de antwoordschaal van deze checklist",
        "c.yaml:33:23: fout: antwoord 'nvt' staat niet in de antwoordschaal van deze checklist",
    ]


def test_nvt_without_toelichting_with_full_scale() -> None:
    """With the default scale, nvt is allowed but needs a toelichting; 'n.v.t.' is read as nvt."""
    text = textwrap.dedent("""\
        norm: {naam: Limburgse Norm}
        themas:
          - nr: 3
            titel: Veilige publieke taak
            normen:
              - {nr: "3.1", titel: A, antwoord: n.v.t., toelichting: Geen balie}
              - {nr: "3.2", titel: B, antwoord: nvt}
              - {nr: "3.3", titel: C, antwoord: nvt, toelichting: "  "}
    """)
    loaded = parse_checklist(text, "c.yaml")
    assert [str(f) for f in loaded.findings] == [
        "c.yaml:7:41: fout: antwoord 'nvt' vraagt een toelichting: leg uit waarom de norm niet "
        "van toepassing is",
        "c.yaml:8:41: fout: antwoord 'nvt' vraagt een toelichting: leg uit waarom de norm niet "
        "van toepassing is",
    ]


def test_theme_title_warning_accepts_both_names_of_theme_4() -> None:
    """Theme 4 may be called informatieveiligheid or informatiebeveiliging; others are flagged."""
    text = textwrap.dedent("""\
        norm: {naam: Limburgse Norm}
        themas:
          - {nr: 4, titel: Informatiepositie en informatiebeveiliging}
          - {nr: 5, titel: Handhaving}
    """)
    assert [str(f) for f in parse_checklist(text, "c.yaml").findings] == [
        "c.yaml:4:20: waarschuwing: thema 5 heet in de Limburgse Norm 'Beleid en handhaving', "
        "niet 'Handhaving'"
    ]


PLAN = """\
organisatie: T
actiehouders: {OOV: x}
themas:
  - nr: 1
    titel: A
    acties:
      - {id: "1.1", actie: a, wanneer: 2024, actiehouder: OOV, status: lopend}
  - nr: 2
    titel: B
    acties:
      - {id: "2.1", actie: b, wanneer: 2024, actiehouder: OOV, status: gereed}
      - {id: "2.2", actie: c, wanneer: 2024, actiehouder: OOV, status: vervallen}
"""

LINKED = """\
norm: {naam: Limburgse Norm}
themas:
  - nr: 1
    titel: Bewustwording en organisatie
    normen:
      - nr: "1.1"
        titel: A
        antwoord: uitgevoerd
        acties: ["1.1", "1.9"]
  - nr: 2
    titel: Integriteit en veilige werkomgeving
    normen:
      - nr: "2.1"
        titel: B
        antwoord: ontbreekt
        acties: ["2.1"]
"""


def test_cross_checks_between_checklist_and_plan() -> None:
    """Links to missing actions are errors; answers that contradict the actions are warnings."""
    plan = parse_plan(PLAN, "s.yaml")
    checklist = parse_checklist(LINKED, "c.yaml")
    report = check_files([plan, checklist], date(2024, 10, 1))
    assert [str(f) for f in report.findings] == [
        "c.yaml:8:19: waarschuwing: norm 1.1 is 'uitgevoerd', maar gekoppelde actie 1.1 is nog "
        "'lopend'",
        "c.yaml:9:25: fout: norm 1.1 verwijst naar actie '1.9', maar die staat niet in s.yaml "
        "(bedoelt u '1.1'?)",
        "c.yaml:15:19: waarschuwing: alle acties van thema 2 zijn gereed, maar norm 2.1 staat "
        "nog op 'ontbreekt'; is het antwoord nog actueel?",
    ]
    assert report.errors == 1


OTHER_NORM = textwrap.dedent("""\
    norm:
      naam: Weerbaarheidsprogramma Noord
    themas:
      - nr: 7
        titel: Vastgoed
        normen:
          - {nr: "7.1", titel: Vastgoedregister op orde, acties: ["102.1.1"]}
      - nr: 12
        titel: Havens
""")
OTHER_PLAN = textwrap.dedent("""\
    organisatie: Gemeente Noord
    titel: Programma Weerbaar Noord
    themas:
      - nr: 7
        titel: Vastgoed
        acties:
          - {id: "102.1.1", actie: Register, wanneer: Q3 2026, actiehouder: team vastgoed}
      - nr: 9
        titel: Niet in de norm
""")


def test_another_norm_names_its_own_themes() -> None:
    """A checklist for another programme numbers its themes freely, without the Limburgse
    Norm's names; a plan theme it does not have is a fout in the cross-check, with the norm
    named; the 0-meting never is."""
    checklist = parse_checklist(OTHER_NORM, "c.yaml")
    assert checklist.findings == ()
    plan = parse_plan(OTHER_PLAN, "s.yaml").require()
    assert [str(f) for f in cross_findings(checklist.require(), plan)] == [
        "s.yaml:8:9: fout: thema 9 staat niet in de checklist (Weerbaarheidsprogramma Noord); "
        "die kent de thema's 7, 12. Verbeter het nummer, of voeg het thema toe aan "
        "checklist.yaml als het plan een andere norm volgt"
    ]
    limburgse = OTHER_NORM.replace("Weerbaarheidsprogramma Noord", "Limburgse Norm")
    assert [f.message for f in parse_checklist(limburgse, "c.yaml").errors] == [
        "thema 7 bestaat niet in de Limburgse Norm; de norm heeft thema 1 t/m 6",
        "thema 12 bestaat niet in de Limburgse Norm; de norm heeft thema 1 t/m 6",
    ]
