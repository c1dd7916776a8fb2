"""The checklist commands end to end: checklist, status with norms and pyramid, init, check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from limnorm.files.checklist import load_checklist
from limnorm.files.loader import load_plan

from .conftest import ROOT, SAMPLE, Invoke, strip_lines

ANSWERED = ROOT / "examples" / "ingevuld"

CHECKLIST_THEME_ONE = """\
Gemeente Proef · checklist Limburgse Norm · 0-meting van 28 mrt 2024

Thema 1 · Bewustwording en organisatie
Norm  Titel                   Antwoord         Toelichting                   Acties
──────────────────────────────────────────────────────────────────────────────────────────
1.1   Structureel aandacht    in ontwikkeling  Scan loopt                    1.2 (te laat)
      · Weerbaarheidsscan     uitgevoerd
      · Bestuurder agendeert
1.2   Periodiek aandacht      uitgevoerd                                     1.1 (gereed)
1.3   Integrale aanpak        n.v.t.           Kleine organisatie, één team
Normen: 1 uitgevoerd, 1 in ontwikkeling, 0 ontbreekt, 1 n.v.t., 0 onbeantwoord
Voldoet nog niet aan de norm · fase 3 (eigen inschatting)"""


def test_checklist_theme_exact_output(invoke: Invoke) -> None:
    """One theme: answers, criteria, toelichting, linked actions with state, summary."""
    result = invoke(["checklist", "thema", "1", "--as-of", "2024-10-01", "--data", str(ANSWERED)])
    assert result.exit_code == 0, result.output
    assert strip_lines(result.stdout) == CHECKLIST_THEME_ONE


def test_checklist_open_only(invoke: Invoke) -> None:
    """--open leaves out uitgevoerd norms and says so for a theme that is done."""
    result = invoke(["checklist", "--open", "--as-of", "2024-10-01", "--data", str(ANSWERED)])
    text = strip_lines(result.stdout)
    assert "1.2   Periodiek aandacht" not in text
    assert "1.3   Integrale aanpak" in text
    assert "Thema 2 · Integriteit en veilige werkomgeving\nGeen open normen.\n" in text
    assert "Voldoet aan de norm · fase 4 (eigen inschatting)" in text


def test_checklist_json(invoke: Invoke) -> None:
    """JSON carries norm numbers, answers, links with their state, and the counts."""
    result = invoke(
        ["checklist", "--format", "json", "--as-of", "2024-10-01", "--data", str(ANSWERED)]
    )
    data = json.loads(result.stdout)
    assert data["organisatie"] == "Gemeente Proef"
    assert data["peildatum"] == "2024-10-01"  # the as-of date, as in every command
    assert data["datum_nulmeting"] == "2024-03-28"
    first = data["themas"][0]
    assert first["telling"] == {
        "uitgevoerd": 1, "in_ontwikkeling": 1, "ontbreekt": 0, "nvt": 1, "onbeantwoord": 0,
        "voldoet": False,
    }  # fmt: skip
    assert first["fase"] == 3
    assert first["normen"][0]["acties"] == [{"id": "1.2", "staat": "te_laat"}]
    assert first["normen"][0]["criteria"][0] == {
        "titel": "Weerbaarheidsscan", "antwoord": "uitgevoerd", "toelichting": None,
    }  # fmt: skip
    assert [n["antwoord"] for n in first["normen"]] == ["in_ontwikkeling", "uitgevoerd", "nvt"]


def test_checklist_without_file(invoke: Invoke, tmp_path: Path) -> None:
    """Without checklist.yaml the checklist command explains how to get one (exit 2)."""
    folder = tmp_path / "alleen"
    folder.mkdir()
    shutil.copy(SAMPLE / "spoorboekje.yaml", folder)
    result = invoke(["checklist", "--data", str(folder)])
    assert result.exit_code == 2
    assert "checklist niet gevonden; maak een nieuwe met 'limnorm init MAP'" in result.stderr
    # status still works, just without the norms
    status = invoke(["status", "--as-of", "2024-10-01", "--data", str(folder)])
    assert status.exit_code == 0
    assert "Normen (0-meting)" not in status.stdout


PYRAMID_THEME_ONE = """\
Piramide naar fitte gemeente
fase 5      ░      Regisseur
fase 4     ▒▒▒     Integraal (netwerkend)    ◀ norm
fase 3    █████    Actieplan uitvoeren       ◀ norm, thema 1 (eigen inschatting)
fase 2   ░░░░░░░   (naam niet openbaar)
fase 1  ░░░░░░░░░  Acute hulp"""


def test_status_theme_with_norms_and_pyramid(invoke: Invoke) -> None:
    """'status thema 1' ends with the norms and the pyramid with phase and band marked."""
    result = invoke(["status", "thema", "1", "--as-of", "2024-10-01", "--data", str(ANSWERED)])
    assert result.exit_code == 0, result.output
    text = strip_lines(result.stdout)
    assert text.endswith(PYRAMID_THEME_ONE)
    assert "1.1   Structureel aandacht    in ontwikkeling" in text


def test_status_norm_columns(invoke: Invoke) -> None:
    """'status' adds the answer counts, the verdict and the assessed phase per theme."""
    result = invoke(["status", "--as-of", "2024-10-01", "--data", str(ANSWERED)])
    text = strip_lines(result.stdout)
    assert (
        " 1  Bewustwording en organisatie            1         1          0       1          0      nee     3"
        in text
    )
    assert (
        " 2  Integriteit en veilige                  2         0          0       0          0       ja     4"
        in text
    )
    data = json.loads(
        invoke(
            ["status", "--as-of", "2024-10-01", "--format", "json", "--data", str(ANSWERED)]
        ).stdout
    )
    assert data["themas"][1]["normen"]["voldoet"] is True
    assert data["themas"][1]["fase"] == 4
    assert data["themas"][0]["normen"]["in_ontwikkeling"] == 1


def test_check_reports_checklist_problems_with_lines(invoke: Invoke, tmp_path: Path) -> None:
    """check covers both files and their cross-links, with line numbers."""
    folder = tmp_path / "data"
    shutil.copytree(ANSWERED, folder)
    path = folder / "checklist.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace('acties: ["1.1"]', 'acties: ["1.9"]')
        .replace("antwoord: ontbreekt", "antwoord: onbreekt"),
        encoding="utf-8",
    )
    result = invoke(["check", "--data", str(folder), "--as-of", "2024-10-01"])
    assert result.exit_code == 1
    name = "data/checklist.yaml"
    assert strip_lines(result.stdout).splitlines() == [
        f"{name}:33:18: fout: norm 1.2 verwijst naar actie '1.9', maar die staat niet in "
        "data/spoorboekje.yaml (bedoelt u '1.2'?)",
        f"{name}:54:19: fout: onbekend antwoord 'onbreekt' (bedoelt u 'ontbreekt'?); kies uit "
        "uitgevoerd, in_ontwikkeling, ontbreekt, nvt of laat het leeg",
        "2 fouten, 0 waarschuwingen in data/spoorboekje.yaml, data/checklist.yaml",
    ]


def test_init_round_trip(invoke: Invoke, tmp_path: Path) -> None:
    """init makes an empty plan and the full unanswered checklist, and check passes on it."""
    target = tmp_path / "venlo"
    result = invoke(["init", str(target), "--organisatie", "Gemeente Venlo"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"Aangemaakt: {target / 'spoorboekje.yaml'}",
        f"Aangemaakt: {target / 'checklist.yaml'}",
    ]
    check = invoke(["check", "--data", str(target), "--as-of", "2024-10-01"])
    assert check.exit_code == 0, check.stdout
    assert check.stdout.startswith("Geen problemen gevonden")
    plan = load_plan(target / "spoorboekje.yaml").require()
    assert plan.organisatie == "Gemeente Venlo"
    assert [t.nr for t in plan.themas] == [0, 1, 2, 3, 4, 5, 6]
    assert list(plan.actions()) == []
    made = load_checklist(target / "checklist.yaml").require()
    sample = load_checklist(SAMPLE / "checklist.yaml").require()
    assert made.organisatie == "Gemeente Venlo"
    assert [(n.nr, n.titel, n.criteria) for n in made.norms()] == [
        (n.nr, n.titel, n.criteria) for n in sample.norms()
    ]
    assert all(n.acties == () and n.antwoord is None for n in made.norms())
    assert made.piramide == sample.piramide
    text = (target / "checklist.yaml").read_text(encoding="utf-8")
    assert "Eijsden-Margraten" not in text
    assert "# Per norm (en eventueel per criterium) vult de organisatie in:" in text


def test_init_refuses_to_overwrite(invoke: Invoke, tmp_path: Path) -> None:
    """init never overwrites: an existing file makes it stop before writing anything."""
    target = tmp_path / "bestaand"
    target.mkdir()
    (target / "checklist.yaml").write_text("mijn eigen werk\n", encoding="utf-8")
    result = invoke(["init", str(target)])
    assert result.exit_code == 2
    assert "bestaat al; limnorm init overschrijft niets" in result.stderr
    assert (target / "checklist.yaml").read_text(encoding="utf-8") == "mijn eigen werk\n"
    assert not (target / "spoorboekje.yaml").exists()


def test_init_default_name_is_the_folder(invoke: Invoke, tmp_path: Path) -> None:
    """Without --organisatie the folder's name is used, quoted safely in YAML."""
    target = tmp_path / "Waterschap: Limburg"
    assert invoke(["init", str(target)]).exit_code == 0
    assert load_plan(target / "spoorboekje.yaml").require().organisatie == "Waterschap: Limburg"
