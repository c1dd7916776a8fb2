"""``limnorm import``: Word, Excel and CSV plans become spoorboekje.yaml, as written."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from limnorm.core.models import Plan
from limnorm.files.importing.layout import ImportedAction, ImportedPlan, ImportedTheme
from limnorm.files.importing.yamltext import plan_yaml
from limnorm.files.loader import load_plan

from .conftest import SAMPLE, Invoke, strip_lines
from .importing import HEADER, SAMPLE_ROWS, Merged, Table, word, workbook

DAY = "2024-01-15"


def _import(invoke: Invoke, tmp_path: Path, name: str, data: bytes, *args: str) -> Any:
    (tmp_path / name).write_bytes(data)
    return invoke(["import", name, "--as-of", DAY, *args])


def _plan(folder: Path) -> Plan:
    return load_plan(folder / "spoorboekje.yaml").require()


def _raw(folder: Path) -> Any:
    return yaml.safe_load((folder / "spoorboekje.yaml").read_text(encoding="utf-8"))


def _actions(folder: Path) -> list[dict[str, Any]]:
    return [a for theme in _raw(folder)["themas"] for a in theme["acties"]]


def _essence(plan: Plan) -> list[tuple[Any, ...]]:
    return [
        (
            t.nr,
            t.titel,
            [
                (a.id, a.actie, a.wanneer, a.period, a.actiehouders, a.toelichting, a.status)
                for a in t.acties
            ],
        )
        for t in plan.themas
    ]


def test_sample_word_table_imports_to_the_sample_plan(invoke: Invoke, tmp_path: Path) -> None:
    """The sample's source layout (theme rows, the header repeated under each) gives exactly
    the 17 actions of data/spoorboekje.yaml: themes, texts, deadlines, owners."""
    data = word(Table(SAMPLE_ROWS, above=["Spoorboekje implementatie Limburgse Norm"]))
    result = _import(invoke, tmp_path, "spoorboekje.docx", data,
                     "--organisatie", "Gemeente Eijsden-Margraten")  # fmt: skip
    assert result.exit_code == 0, result.output
    imported, sample = _plan(tmp_path), load_plan(SAMPLE / "spoorboekje.yaml").require()
    assert _essence(imported) == _essence(sample)
    assert sum(len(t.acties) for t in imported.themas) == 17
    assert list(imported.actiehouders) == ["OOV", "HRM", "F&I"]
    assert imported.organisatie == sample.organisatie
    assert imported.titel == sample.titel


SAMPLE_SUMMARY = """\
Gelezen: spoorboekje.docx (Word), tabel 1.
Kolommen: Actie → actie, Wanneer → wanneer, Actiehouder → actiehouder, Toelichting → toelichting.
Thema's: 7
   0  0-meting (2 acties)
   1  Bewustwording en organisatie (5 acties)
   2  Integriteit en veilige werkomgeving (1 actie)
   3  Veilige publieke taak (1 actie)
   4  Informatiepositie en informatieveiligheid (3 acties)
   5  Beleid en handhaving (2 acties)
   6  Communicatie (3 acties)
Acties: 17.
Actiehouders: OOV, HRM en F&I (vul hun volledige naam aan onder 'actiehouders').
Wanneer niet begrepen: geen.
Organisatie: 'plan' (naam van de map; geef --organisatie NAAM of pas 'organisatie:' aan in het bestand).
Geschreven: plan/spoorboekje.yaml

Geen problemen gevonden in plan/spoorboekje.yaml."""


def test_summary_then_check(invoke: Invoke, tmp_path: Path) -> None:
    """The command tells what it read and found, then shows check's findings; the file
    starts with the schema modeline and a comment naming the source and the import day."""
    result = _import(invoke, tmp_path, "spoorboekje.docx", word(Table(SAMPLE_ROWS)),
                     "--naar", "plan")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == SAMPLE_SUMMARY
    assert result.stderr == ""
    text = (tmp_path / "plan" / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=spoorboekje.schema.json",
        "# Spoorboekje van plan.",
        "# Geïmporteerd uit spoorboekje.docx op 15-1-2024 met 'limnorm import'.",
        "# 'wanneer' staat er zoals in het bronbestand; limnorm leest er een datum uit.",
    ]
    assert (tmp_path / "plan" / "spoorboekje.schema.json").is_file()
    assert '      - id: "1.1"\n        actie: Bewustwordingssessie directie/MT\n' in text


def test_organisation_from_the_folder_is_said(invoke: Invoke, tmp_path: Path) -> None:
    """Without a name the folder's name is written as the organisation, and the summary
    says where it came from; with a name given, the summary does not mention it."""
    source = word(Table(SAMPLE_ROWS))
    guessed = _import(invoke, tmp_path, "p.docx", source, "--naar", "outx")
    assert guessed.exit_code == 0, guessed.output
    assert _raw(tmp_path / "outx")["organisatie"] == "outx"
    assert (
        "Organisatie: 'outx' (naam van de map; geef --organisatie NAAM of pas 'organisatie:' "
        "aan in het bestand).\n"
    ) in guessed.stdout
    given = _import(invoke, tmp_path, "p.docx", source, "--naar", "b", "--organisatie", "Venlo")
    assert given.exit_code == 0, given.output
    assert _raw(tmp_path / "b")["organisatie"] == "Venlo"
    assert "Organisatie:" not in given.stdout


def test_long_text_is_folded_like_the_sample(invoke: Invoke, tmp_path: Path) -> None:
    """An action longer than a line is written folded (``>-``), as the sample writes 4.1."""
    _import(invoke, tmp_path, "s.docx", word(Table(SAMPLE_ROWS)))
    text = (tmp_path / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert (
        "        actie: >-\n"
        "          Gestructureerd en op juridisch verantwoorde wijze verzamelen, verwerken en\n"
        "          delen van informatie op het thema ondermijning\n"
    ) in text


def test_never_overwrites(invoke: Invoke, tmp_path: Path) -> None:
    """An existing spoorboekje.yaml is a usage error naming it; its bytes stay."""
    (tmp_path / "spoorboekje.yaml").write_bytes(b"organisatie: mijn werk\n")
    result = _import(invoke, tmp_path, "s.docx", word(Table(SAMPLE_ROWS)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "limnorm: fout: spoorboekje.yaml: bestaat al; limnorm import overschrijft niets. "
        "Verplaats het bestaande spoorboekje eerst; of kies met --naar een andere map\n"
    )
    assert (tmp_path / "spoorboekje.yaml").read_bytes() == b"organisatie: mijn werk\n"


def test_title_rows_merged_cells_and_number_column_in_excel(invoke: Invoke, tmp_path: Path) -> None:
    """Title rows before the header, an empty row, a merged theme row without a number
    (a title of the norm gets its number), ids from the Nr column, synonyms for headers."""
    rows = [
        ("Uitvoeringsplan weerbaarheid 2025",),
        ("Gemeente Voorbeeld, versie 2",),
        (),
        ("Nr.", "Maatregel", "Planning", "Trekker", "Opmerkingen"),
        Merged("Integriteit en veilige werkomgeving"),
        ("2.1.1", "Integriteitsbeleid herzien", "Q2 2025", "HRM", "Met OR"),
        (),
        ("2.1.2", "Vertrouwenspersoon aanstellen", "H2 2025", "HRM", None),
        Merged("Thema 6: Communicatie"),
        ("6.1", "Communicatiestrategie", "2025", "Communicatie", None),
    ]
    result = _import(invoke, tmp_path, "plan.xlsx", workbook({"Acties": rows}, columns=5))
    assert result.exit_code == 0, result.output
    raw = _raw(tmp_path)
    assert raw["titel"] == "Uitvoeringsplan weerbaarheid 2025"
    assert [(t["nr"], t["titel"]) for t in raw["themas"]] == [
        (2, "Integriteit en veilige werkomgeving"), (6, "Communicatie"),
    ]  # fmt: skip
    assert _actions(tmp_path) == [
        {"id": "2.1.1", "actie": "Integriteitsbeleid herzien", "wanneer": "Q2 2025",
         "actiehouder": "HRM", "toelichting": "Met OR"},
        {"id": "2.1.2", "actie": "Vertrouwenspersoon aanstellen", "wanneer": "H2 2025",
         "actiehouder": "HRM"},
        {"id": "6.1", "actie": "Communicatiestrategie", "wanneer": "2025",
         "actiehouder": "Communicatie"},
    ]  # fmt: skip
    assert "Gelezen: plan.xlsx (Excel), blad 'Acties'." in result.stdout
    assert "Nr. → id, Maatregel → actie, Planning → wanneer, Trekker → actiehouder" in (
        result.stdout
    )


def test_multi_line_cells_are_joined(invoke: Invoke, tmp_path: Path) -> None:
    """Line breaks in a cell are joined with a space; a list in a cell stays a list;
    'wanneer' is one line."""
    rows = [
        Merged("Thema 1 Bewustwording en organisatie"),
        HEADER,
        ("Bewustwordingssessie\ndirectie en MT", "Q3\n2024", "OOV",
         "Onderwerpen:\n- signalen herkennen\n- melden"),
    ]  # fmt: skip
    _import(invoke, tmp_path, "p.docx", word(Table(rows)))
    assert _actions(tmp_path) == [
        {"id": "1.1", "actie": "Bewustwordingssessie directie en MT", "wanneer": "Q3 2024",
         "actiehouder": "OOV", "toelichting": "Onderwerpen:\n- signalen herkennen\n- melden"},
    ]  # fmt: skip
    text = (tmp_path / "spoorboekje.yaml").read_text(encoding="utf-8")
    assert (
        "        toelichting: |-\n          Onderwerpen:\n          - signalen herkennen\n" in text
    )


def test_two_tables_with_headings_above(invoke: Invoke, tmp_path: Path) -> None:
    """Two tables of one document, each under a heading naming its theme (one without its
    number), without theme rows; ids are made per theme; the text after is ignored."""
    first = Table([HEADER, ("Scan", "Q3 24", "OOV", None), ("Sessie", "Q4 24", "OOV", None)],
                  above=["Plan van aanpak", "Thema 1 Bewustwording en organisatie"])  # fmt: skip
    second = Table([HEADER, ("Strategie", "2025", "Communicatie", None)], above=["Communicatie"])
    result = _import(invoke, tmp_path, "p.docx", word(first, second, after=["Vastgesteld"]))
    assert result.exit_code == 0, result.output
    assert "Gelezen: p.docx (Word), tabel 1 en tabel 2." in result.stdout
    assert [(t["nr"], t["titel"], [a["id"] for a in t["acties"]]) for t in _raw(tmp_path)["themas"]] == [
        (1, "Bewustwording en organisatie", ["1.1", "1.2"]), (6, "Communicatie", ["6.1"]),
    ]  # fmt: skip


def test_title_comes_from_the_heading_not_another_table(invoke: Invoke, tmp_path: Path) -> None:
    """A second table that holds no actions (a budget, "Post | Bedrag") gives no title:
    the title is the paragraph above the action table."""
    actions = Table([Merged("Thema 1 Bewustwording en organisatie"), HEADER,
                     ("Scan", "Q3 26", "OOV", None)],
                    above=["Uitvoeringsplan Weerbare Overheid 2026"])  # fmt: skip
    budget = Table([("Post", "Bedrag"), ("Training", "5000")], above=["Begroting"], columns=2)
    result = _import(invoke, tmp_path, "p.docx", word(actions, budget))
    assert result.exit_code == 0, result.output
    assert _raw(tmp_path)["titel"] == "Uitvoeringsplan Weerbare Overheid 2026"
    assert "Gelezen: p.docx (Word), tabel 1." in result.stdout


def test_thema_column_and_excel_dates(invoke: Invoke, tmp_path: Path) -> None:
    """A Thema column (filled once per group) sets the theme; an unknown title gets the
    next free number; a date cell becomes a Dutch day that reads back as that day."""
    rows = [
        ("Thema", "Actie", "Deadline", "Eigenaar"),
        ("1", "Scan", datetime(2024, 3, 4), "OOV"),
        (None, "Sessie", date(2024, 12, 31), "OOV"),
        ("Programmalijn Zorg", "Zorgpartners", "Q1 25", "Zorg"),
        ("Communicatie", "Strategie", "2025", "OOV"),
    ]
    result = _import(invoke, tmp_path, "p.xlsx", workbook({"Blad1": rows}))
    assert result.exit_code == 0, result.output
    raw = _raw(tmp_path)
    assert [(t["nr"], t["titel"]) for t in raw["themas"]] == [
        (1, "Bewustwording en organisatie"), (2, "Programmalijn Zorg"), (6, "Communicatie"),
    ]  # fmt: skip
    assert "titel" not in raw  # a sheet's name is not a title
    assert [(a["id"], a["wanneer"]) for a in _actions(tmp_path)] == [
        ("1.1", "4-3-2024"), ("1.2", "31-12-2024"), ("2.1", "Q1 25"), ("6.1", "2025"),
    ]  # fmt: skip
    periods = {a.id: a.period for a in _plan(tmp_path).actions()}
    assert (periods["1.1"].begin, periods["1.1"].deadline) == (date(2024, 3, 4), date(2024, 3, 4))
    assert periods["1.2"].deadline == date(2024, 12, 31)


def test_formula_without_value_is_said(invoke: Invoke, tmp_path: Path) -> None:
    """A formula cell without a computed value (a workbook saved by a script, not Excel)
    is taken over empty and the summary names the cell, instead of emptying it silently."""
    rows = [HEADER, ("Scan", "=DATE(2024,3,4)", "OOV", None), ("Sessie", "Q4 24", "OOV", None)]
    result = _import(invoke, tmp_path, "p.xlsx", workbook({"Plan": rows}))
    assert result.exit_code == 0, result.output
    assert [(a["actie"], a["wanneer"]) for a in _actions(tmp_path)] == [
        ("Scan", ""), ("Sessie", "Q4 24"),
    ]  # fmt: skip
    assert (
        "Let op: formule zonder berekende waarde in blad 'Plan', cel B2; die is leeg "
        "overgenomen. Open het bestand in Excel, sla het op en importeer opnieuw.\n"
    ) in result.stdout


def test_no_owner_column(invoke: Invoke, tmp_path: Path) -> None:
    """Without an owner column the actions have no owner and the summary says so."""
    rows = [("Wat", "Wanneer"), Merged("0-meting"), ("Checklist invullen", "mrt. 24")]
    result = _import(invoke, tmp_path, "p.xlsx", workbook({"Plan": rows}, columns=2))
    assert result.exit_code == 0, result.output
    assert _actions(tmp_path) == [
        {"id": "0.1", "actie": "Checklist invullen", "wanneer": "mrt. 24", "actiehouder": None}
    ]
    assert "actiehouders" not in _raw(tmp_path)
    assert "Actiehouders: geen kolom met actiehouders gevonden; vul ze zelf in." in result.stdout


def test_extra_columns_are_kept_as_keys(invoke: Invoke, tmp_path: Path) -> None:
    """Columns limnorm does not know are kept on the action under their header in snake
    case; a second column for a known field too; progress as a percentage is 'voortgang'."""
    rows = [
        ("Id", "Actie", "Wanneer", "Actiehouder", "Budget (€)", "Bron nummer", "Voortgang",
         "Opmerking", "Toelichting"),
        Merged("Thema 5 Beleid en handhaving"),
        ("5.1", "Bibob-beleid", "Q3 24", "OOV", 12000, "B-17", 0.5, "eerst", "dan"),
    ]  # fmt: skip
    book = workbook({"Plan": rows}, columns=9)
    # Mark the progress cell as a percentage, as Excel's % button does.
    import openpyxl

    loaded = openpyxl.load_workbook(io.BytesIO(book))
    loaded["Plan"]["G3"].number_format = "0%"
    buffer = io.BytesIO()
    loaded.save(buffer)
    result = _import(invoke, tmp_path, "p.xlsx", buffer.getvalue())
    assert result.exit_code == 0, result.output
    assert _actions(tmp_path) == [
        {"id": "5.1", "actie": "Bibob-beleid", "wanneer": "Q3 24", "actiehouder": "OOV",
         "toelichting": "eerst", "voortgang": 50, "budget": 12000, "bron_nummer": "B-17",
         "toelichting_2": "dan"},
    ]  # fmt: skip
    assert (
        "Kolommen: Id → id, Actie → actie, Wanneer → wanneer, Actiehouder → actiehouder, "
        "Budget (€) → budget, Bron nummer → bron_nummer, Voortgang → voortgang, "
        "Opmerking → toelichting, Toelichting → toelichting_2.\n"
    ) in result.stdout  # the field written, not the column's usual field


@pytest.mark.parametrize("number", [12000, -3, 2.5, 0.1, 1e-05, 1.5e20])
def test_numbers_in_extra_columns_read_back_as_numbers(number: float) -> None:
    """A number in a column limnorm does not know is written so that YAML reads back that
    number (not text: PyYAML reads ``1e-05`` as a string)."""
    action = ImportedAction("1.1", "Scan", "Q3 24", "OOV", extra=(("budget", number),))
    plan = ImportedPlan(None, (ImportedTheme(1, "Thema", (action,)),), ("OOV",), True,
                        ("tabel 1",), (), ())  # fmt: skip
    raw = yaml.safe_load(plan_yaml(plan, "Venlo", "p.xlsx", date(2024, 1, 15)))
    budget = raw["themas"][0]["acties"][0]["budget"]
    assert (type(budget), budget) == (type(number), number)


@pytest.mark.parametrize(
    ("cell", "written", "owners"),
    [
        ("OOV/JZ", ["OOV", "JZ"], ["OOV", "JZ"]),
        ("OOV en HRM", ["OOV", "HRM"], ["OOV", "HRM"]),
        ("OOV, HRM + F&I", ["OOV", "HRM", "F&I"], ["OOV", "HRM", "F&I"]),
        ("F&I", "F&I", ["F&I"]),
        ("team veiligheid", "team veiligheid", ["team veiligheid"]),
        ("Afdeling OOV / RIEC", "Afdeling OOV / RIEC", ["Afdeling OOV / RIEC"]),
    ],
)
def test_owners(
    invoke: Invoke, tmp_path: Path, cell: str, written: object, owners: list[str]
) -> None:
    """Several codes in one cell are written as a list of codes; any other text is kept
    whole; each distinct owner gets an entry under 'actiehouders' without a name."""
    rows = [HEADER, ("Iets", "Q3 24", cell, None)]
    _import(
        invoke,
        tmp_path,
        "p.csv",
        "\n".join(";".join(r or "" for r in row) for row in rows).encode(),
    )
    assert _actions(tmp_path)[0]["actiehouder"] == written
    assert _raw(tmp_path)["actiehouders"] == dict.fromkeys(owners)


CSV_ROWS = [
    "Spoorboekje Gemeente Eé",
    "Actie{s}Wanneer{s}Actiehouder{s}Toelichting",
    "Thema 4 Informatiepositie en informatiebeveiliging{s}{s}{s}",
    'Financiële controle{s}Q3 24{s}F&I{s}"regel een',
    'regel twee, met {s} erin"',
]


@pytest.mark.parametrize(
    ("separator", "encoding", "note"),
    [
        (";", "cp1252", "Let op: scheidingsteken: puntkomma.\nLet op: gelezen als Windows-1252"),
        (",", "utf-8-sig", "Let op: scheidingsteken: komma.\nGeschreven"),
        ("\t", "utf-8", "Let op: scheidingsteken: tab.\nGeschreven"),
        (";", "utf-16", "Let op: scheidingsteken: puntkomma.\nGeschreven"),
    ],
)
def test_csv(invoke: Invoke, tmp_path: Path, separator: str, encoding: str, note: str) -> None:
    """CSV as Dutch Excel writes it (';', Windows-1252), with a BOM, with tabs, in UTF-16:
    separator and encoding are found, quoted cells may hold line breaks and separators."""
    text = "\r\n".join(CSV_ROWS).format(s=separator) + "\r\n"
    result = _import(invoke, tmp_path, "plan.csv", text.encode(encoding))
    assert result.exit_code == 0, result.output
    assert note in result.stdout
    raw = _raw(tmp_path)
    assert raw["titel"] == "Spoorboekje Gemeente Eé"
    assert raw["themas"][0]["nr"] == 4
    assert raw["themas"][0]["titel"] == "Informatiepositie en informatiebeveiliging"
    assert _actions(tmp_path) == [
        {"id": "4.1", "actie": "Financiële controle", "wanneer": "Q3 24", "actiehouder": "F&I",
         "toelichting": f"regel een regel twee, met {separator.strip() or ''} erin".replace("  ", " ")},
    ]  # fmt: skip


def test_unreadable_wanneer_is_written_and_reported(invoke: Invoke, tmp_path: Path) -> None:
    """A 'wanneer' limnorm does not understand is written as it is, listed in the summary,
    and check's finding follows; the file is written (exit 0)."""
    rows = [HEADER, ("Iets", "binnenkort misschien", "OOV", None)]
    data = "\n".join(";".join(r or "" for r in row) for row in rows).encode()
    result = _import(invoke, tmp_path, "p.csv", data)
    assert result.exit_code == 0, result.output
    assert "Wanneer niet begrepen: 1\n  1.1: 'binnenkort misschien'\n" in result.stdout
    assert "spoorboekje.yaml:" in result.stdout
    assert "1 fout, 0 waarschuwingen in spoorboekje.yaml" in result.stdout
    assert _actions(tmp_path)[0]["wanneer"] == "binnenkort misschien"


def _encrypted_workbook() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(workbook({"Plan": [HEADER, ("Iets", "Q3 24", "OOV", None)]}))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("geheim", out)
    return out.getvalue()


def _broken_xml_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(word(Table(SAMPLE_ROWS))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.docx", word(Table(SAMPLE_ROWS))[:3000],
         "het bestand is beschadigd (geen geldig Word- of Excel-bestand); open het in Word of "
         "Excel en sla het opnieuw op"),
        ("plan.docx", _broken_xml_docx(),
         "het bestand is beschadigd; het Word-bestand kan niet gelezen worden. Open het in Word "
         "en sla het opnieuw op"),
        ("plan.xlsx", _encrypted_workbook(),
         "het bestand is beveiligd met een wachtwoord; open het in Word of Excel, haal het "
         "wachtwoord weg (Bestand > Info > Beveiligen) en sla het opnieuw op"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
         "dit is een oud Word- of Excel-bestand (.doc of .xls); open het en sla het op als "
         ".docx of .xlsx"),
        ("plan.csv", b"%PDF-1.7\n", "dit is een PDF; open het in Word (of kopieer de tabel naar "
         "Excel) en sla het op als .docx of .xlsx"),
        ("plan.csv", PNG, "dit is geen Word-, Excel- of CSV-bestand"),
        ("plan.xlsx", b"Actie;Wanneer\n", "het bestand is beschadigd: het is geen geldig "
         ".xlsx-bestand; open het in Word of Excel en sla het opnieuw op"),
        ("plan.csv", b"", "het bestand is leeg"),
        ("plan.docx", word(after=["Alleen tekst, geen tabel"]),
         "geen tabel met acties gevonden; limnorm zoekt een kopregel met een kolom Actie (of "
         "Wat, Activiteit, Maatregel, Omschrijving) en een kolom Wanneer (of Planning, Termijn, "
         "Gereed, Deadline, Datum, Periode)"),
        ("plan.xlsx", workbook({"Blad1": [("Naam", "Adres"), ("a", "b")]}),
         "geen tabel met acties gevonden; limnorm zoekt een kopregel met een kolom Actie (of "
         "Wat, Activiteit, Maatregel, Omschrijving) en een kolom Wanneer (of Planning, Termijn, "
         "Gereed, Deadline, Datum, Periode)"),
    ],
    ids=["truncated", "broken-xml", "password", "old-doc", "pdf", "png", "not-a-zip", "empty",
         "no-table", "no-header"],
)  # fmt: skip
def test_unusable_files(
    invoke: Invoke, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    """Damaged, password-protected, old, non-office, empty and table-less files: exit 2, a
    Dutch message naming the file and what to do, no traceback, nothing written."""
    result = _import(invoke, tmp_path, name, data)
    assert result.exit_code == 2
    assert result.stderr == f"limnorm: fout: {name}: {message}\n"
    assert result.stdout == ""
    assert not (tmp_path / "spoorboekje.yaml").exists()


def test_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    """A file that does not exist is named in the message."""
    result = invoke(["import", "weg.docx"])
    assert result.exit_code == 2
    assert result.stderr == "limnorm: fout: weg.docx: kan niet lezen: bestaat niet\n"


_IMPORTS_AFTER = """
import sys
from limnorm.cli.app import _lean_app
try:
    _lean_app(sys.argv[1:])(sys.argv[1:], prog_name="limnorm")
except SystemExit:
    pass
sys.stderr.write(" ".join(m for m in ("docx", "openpyxl", "lxml") if m in sys.modules))
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["due", "--owner", "OOV", "--as-of", "2024-07-01"], ""),
        (["status", "--as-of", "2024-07-01", "--format", "csv"], ""),
        (["import", "plan.docx", "--as-of", "2024-07-01"], "docx lxml"),
        (["due", "--as-of", "2024-07-01", "--format", "xlsx", "-o", "uit.xlsx"], "openpyxl lxml"),
    ],
)
def test_only_import_loads_the_office_libraries(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    """Start-up: python-docx and openpyxl (~170 and ~270 ms) are imported by the import
    command only, never by the others."""
    (tmp_path / "plan.docx").write_bytes(word(Table(SAMPLE_ROWS)))
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_AFTER, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "LIMNORM_DATA": str(SAMPLE)},
        cwd=tmp_path,
        check=True,
    )
    assert done.stderr.rsplit("\n", 1)[-1] == expected  # after any message of the command


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(actie=_TEXT, toelichting=_TEXT, extra=_TEXT, wanneer=_TEXT, owner=_TEXT, title=_TEXT)
def test_any_text_reads_back_exactly(
    actie: str, toelichting: str, extra: str, wanneer: str, owner: str, title: str
) -> None:
    """Whatever a cell holds (quotes, colons, '#', line breaks, control characters, long
    lines), YAML reads back exactly the text written."""
    action = ImportedAction("1.1", actie, wanneer, owner, toelichting, extra=(("bron", extra),))
    plan = ImportedPlan(None, (ImportedTheme(1, title or "x", (action,)),), (owner,), True,
                        ("tabel",), (), ())  # fmt: skip
    raw = yaml.safe_load(plan_yaml(plan, "Org", "p.docx", date(2024, 1, 15)))
    written = raw["themas"][0]["acties"][0]
    assert (written["actie"], written["toelichting"], written["bron"]) == (
        actie,
        toelichting,
        extra,
    )
    assert (written["wanneer"], written["actiehouder"]) == (wanneer, owner)
    assert list(raw["actiehouders"]) == [owner]


@pytest.mark.parametrize(
    ("title", "jaar", "deadline"),
    [
        ("Uitvoeringsplan weerbaarheid 2025", 2025, date(2025, 7, 1)),
        ("Meerjarenplan 2024-2026", None, None),
        ("Uitvoeringsplan weerbaarheid", None, None),
    ],
)
def test_year_less_deadlines_take_the_titles_year(
    invoke: Invoke, tmp_path: Path, title: str, jaar: int | None, deadline: date | None
) -> None:
    """'1 juli' takes the year of a title naming one year, written as 'jaar:' and said in
    the summary; a title with no year or several gives none, and the cell is reported."""
    rows = [title, "Actie;Wanneer;Actiehouder", "Iets;1 juli;OOV", "Anders;Q3 2025;OOV"]
    result = _import(invoke, tmp_path, "p.csv", "\n".join(rows).encode())
    assert result.exit_code == 0, result.output
    assert _raw(tmp_path).get("jaar") == jaar
    plan = load_plan(tmp_path / "spoorboekje.yaml")
    periods = {a.id: a.period for a in plan.value.actions()} if plan.value else {}
    if jaar is None:
        assert "Wanneer niet begrepen: 1\n  1.1: '1 juli'\n" in result.stdout
        assert "1 fout" in result.stdout
    else:
        assert periods["1.1"].deadline == deadline
        assert (
            "Let op: 1 keer 'wanneer' zonder jaar (zoals '1 juli'); het jaar 2025 uit de titel "
            "staat als 'jaar: 2025' bovenaan. Klopt dat niet, pas het aan.\n"
        ) in result.stdout


_WITHOUT_OFFICE = """
import sys
sys.modules["docx"] = None  # as if python-docx and openpyxl were not installed
sys.modules["openpyxl"] = None
from limnorm.cli.app import main
sys.argv = ["limnorm", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["import", "plan.docx"], "docx"),
        (["due", "--as-of", "2024-07-01", "--format", "xlsx", "-o", "uit.xlsx"], "openpyxl"),
    ],
)
def test_a_missing_library_is_said_not_called_damage(
    tmp_path: Path, args: list[str], module: str
) -> None:
    """A broken installation without python-docx or openpyxl gets a message naming the
    module (exit 2), not 'damaged file' and not a traceback."""
    (tmp_path / "plan.docx").write_bytes(word(Table(SAMPLE_ROWS)))
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_OFFICE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "LIMNORM_DATA": str(SAMPLE)},
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"limnorm: fout: de module '{module}' ontbreekt in deze installatie van limnorm; "
        "installeer limnorm opnieuw (pip install --force-reinstall limnorm)\n"
    )


def _libreoffice(tmp_path: Path, source: Path, target: str) -> Path:
    """Convert ``source`` with LibreOffice (its own profile in tmp_path) to ``target``."""
    out = tmp_path / "lo-out"
    subprocess.run(
        [str(shutil.which("soffice")), f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out / f"{source.stem}.{target.split(':')[0]}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_files_saved_by_libreoffice(invoke: Invoke, tmp_path: Path) -> None:
    """A Word table saved again by LibreOffice imports to the same sample plan, and a
    workbook limnorm wrote shows in LibreOffice with Dutch dates and Wanneer as written."""
    (tmp_path / "bron.docx").write_bytes(word(Table(SAMPLE_ROWS)))
    saved = _libreoffice(tmp_path, tmp_path / "bron.docx", "docx:MS Word 2007 XML")
    result = invoke(["import", str(saved), "--as-of", DAY, "--naar", "org"])
    assert result.exit_code == 0, result.output
    sample = load_plan(SAMPLE / "spoorboekje.yaml").require()
    assert _essence(_plan(tmp_path / "org")) == _essence(sample)
    written = invoke(["due", "--data", str(SAMPLE), "--as-of", "2024-07-01", "--format", "xlsx",
                      "-o", "te-laat.xlsx"])  # fmt: skip
    assert written.exit_code == 0, written.output
    shown = _libreoffice(
        tmp_path, tmp_path / "te-laat.xlsx", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,true"
    )
    # Text cells quoted (the export's "quote all text"), dates shown Dutch, numbers bare.
    lines = shown.read_text(encoding="utf-8").splitlines()
    assert lines[1] == (
        '"1.1";1;"Bewustwordingssessie directie/MT";"4-3-24";4-3-2024;4-3-2024;"OOV";"open";;;'
        ';"nee";;"te_laat";-119'
    )


def test_a_table_further_right_in_the_sheet(invoke: Invoke, tmp_path: Path) -> None:
    """A table starting in column C (as sheets often are laid out): theme rows are still
    the rows with text in the table's first column only."""
    rows = [
        (None, None, "Spoorboekje"),
        (),
        (None, None, "0-meting"),
        (None, None, "Actie", "Wanneer", "Actiehouder"),
        (None, None, "Checklist", "mrt. 24", "OOV"),
        (None, None, "Thema 6 Communicatie"),
        (None, None, "Strategie", "Q3 24", "OOV"),
    ]
    result = _import(invoke, tmp_path, "p.xlsx", workbook({"Plan": rows}))
    assert result.exit_code == 0, result.output
    assert [(t["nr"], [a["actie"] for a in t["acties"]]) for t in _raw(tmp_path)["themas"]] == [
        (0, ["Checklist"]), (6, ["Strategie"]),
    ]  # fmt: skip
    assert _raw(tmp_path)["titel"] == "Spoorboekje"


_VALID_DOCX = word(Table(SAMPLE_ROWS))
_VALID_XLSX = workbook({"Plan": [HEADER, Merged("Thema 1"), ("Iets", "Q3 24", "OOV", "x")]})


@given(
    original=st.sampled_from([_VALID_DOCX, _VALID_XLSX]),
    damage=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
                    min_size=1, max_size=4),
    cut=st.none() | st.integers(0, 10**6),
)  # fmt: skip
def test_damaged_office_files_give_a_message(
    tmp_path_factory: pytest.TempPathFactory,
    original: bytes,
    damage: list[tuple[int, bytes]],
    cut: int | None,
) -> None:
    """Whatever bytes of a real Word or Excel file are overwritten or cut off, reading it
    gives its tables or a DataError with a message, never another exception."""
    from limnorm.core.errors import DataError
    from limnorm.files.importing.layout import find_plan
    from limnorm.files.importing.readers import read_document

    data = bytearray(original)
    for position, chunk in damage:
        at = position % len(data)
        data[at : at + len(chunk)] = chunk
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path_factory.mktemp("damaged") / "plan.docx"
    path.write_bytes(bytes(data))
    try:
        document = read_document(path, "plan.docx")
    except DataError as error:
        message = str(error)
    else:
        find_plan(document)
        return
    assert message.startswith("plan.docx: ")


_WORDS = st.sampled_from(
    ["Actie", "Wanneer", "Actiehouder", "Thema", "Nr", "Status", "Thema 1", "0-meting",
     "Communicatie", "Q3 24", "OOV/JZ", "50%", "", "", "x", "gereed", "1.1", "Budget (€)"]
)  # fmt: skip


@given(rows=st.lists(st.lists(_WORDS | _TEXT, max_size=6), max_size=12))
@example(rows=[["²"]])  # a digit to str.isdigit() that int() refuses: was a traceback
def test_any_table_gives_a_plan_that_reads_back(rows: list[list[str]]) -> None:
    """Any rows of header words, theme titles and text: finding the plan never fails,
    and the YAML written holds every action found, with unique generated ids."""
    from limnorm.files.importing.layout import find_plan
    from limnorm.files.importing.table import RawCell, RawDocument, RawTable

    table = RawTable("tabel", None, tuple(tuple(RawCell(t) for t in row) for row in rows))
    plan = find_plan(RawDocument("CSV", (table,)))
    if plan is None:
        return
    raw = yaml.safe_load(plan_yaml(plan, "Org", "p.csv", date(2024, 1, 15)))
    found = [a for theme in plan.themas for a in theme.acties]
    written = [a for theme in raw["themas"] for a in theme["acties"]]
    assert [a["id"] for a in written] == [a.id for a in found]
    assert [a["actie"] for a in written] == [a.actie for a in found]


def test_target_folder_is_a_file(invoke: Invoke, tmp_path: Path) -> None:
    """A file where the folder should be is a usage error naming it; nothing written."""
    (tmp_path / "plan").write_bytes(b"")
    result = _import(invoke, tmp_path, "s.docx", word(Table(SAMPLE_ROWS)), "--naar", "plan")
    assert result.exit_code == 2
    assert result.stderr == (
        "limnorm: fout: plan: dit is een bestand, geen map; kies een (nieuwe) map voor "
        "spoorboekje.yaml\n"
    )
    assert (tmp_path / "plan").read_bytes() == b""


def test_refused_write_leaves_no_folder(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the writer refuses (as it does inside the installed package), the folders the
    import made for the file are removed again; folders that were there stay."""
    from limnorm.core.errors import DataError, Location
    from limnorm.files.importing import run

    def refuse(path: Path, text: str, **options: object) -> None:
        raise DataError("dit bestand hoort bij de installatie van limnorm", Location(str(path)))

    monkeypatch.setattr(run, "write_text", refuse)
    (tmp_path / "er").mkdir()
    result = _import(invoke, tmp_path, "s.docx", word(Table(SAMPLE_ROWS)), "--naar", "er/nieuw/map")
    assert result.exit_code == 2
    assert "hoort bij de installatie van limnorm" in result.stderr
    assert not (tmp_path / "er" / "nieuw").exists()
    assert (tmp_path / "er").is_dir()
