"""The progress report for directie and raad, in Markdown and HTML (structure checked
without a browser; scripts/axe_report.py runs axe-core in Chromium)."""

from __future__ import annotations

import calendar
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.models import Action, Plan, Status, Theme
from limnorm.core.period import Period, PeriodKind
from limnorm.output.report import build_report, to_html, to_markdown

from .conftest import ROOT, SAMPLE, Invoke

EXAMPLE = ROOT / "examples" / "ingevuld"

HOSTILE = """
organisatie: "Gemeente <b>Test</b> & Co"
actiehouders: {OOV: Openbare Orde en Veiligheid}
themas:
  - nr: 1
    titel: Bewustwording en organisatie
    acties:
      - {id: "1.1", actie: "<script>alert(1)</script>", wanneer: Q3 24, actiehouder: OOV,
         toelichting: "<img src=x onerror=alert(1)>"}
      - {id: "1.2", actie: "Een heel lange titel van een actie die in de tijdlijn niet mag worden afgekapt", wanneer: 4-3-24, actiehouder: OOV}
"""


def _report(invoke: Invoke, *args: str) -> str:
    result = invoke(["report", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _section(text: str, heading: str) -> str:
    """The Markdown from ``heading`` up to the next heading of level two."""
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    return text[start : following if following != -1 else len(text)]


def test_what_falls_due_next_on_1_october_2024(invoke: Invoke) -> None:
    """Issue 15's case: on 1 Oct 2024 the six open actions due 31 Dec 2024 are listed
    (they were in no section), under a heading that states the window."""
    text = _report(invoke, "--as-of", "2024-10-01", "--data", str(SAMPLE))
    section = _section(
        text, "## Wat nu af moet (rest van Q4 2024 en Q1 2025: 1 okt 2024 t/m 31 mrt 2025)"
    )
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[0][2:] for row in rows[1:]] == [
        "1.3",
        "2.1",
        "3.1",
        "4.3",
        "5.2",
        "6.3",
    ]
    assert all("| 31 dec 2024 |" in row for row in rows[1:])
    assert "Geen" not in section


def _plan(deadlines: list[tuple[date, Status]]) -> Plan:
    actions = tuple(
        Action(f"1.{i + 1}", 1, f"Actie {i + 1}", "x", Period(d, d, PeriodKind.DAG), ("OOV",), s)
        for i, (d, s) in enumerate(deadlines)
    )
    return Plan("Gemeente X", (Theme(1, "Thema", actions),), {"OOV": None})


@given(
    st.dates(date(2023, 1, 1), date(2027, 12, 31)),
    st.lists(
        st.tuples(st.dates(date(2022, 6, 1), date(2029, 6, 30)), st.sampled_from(list(Status))),
        max_size=12,
    ),
)
def test_window_holds_every_open_deadline_in_it(
    as_of: date, deadlines: list[tuple[date, Status]]
) -> None:
    """Whatever the date: the section lists exactly the open actions due from the as-of
    date to the end of the next quarter, and says "Geen" only when there is none."""
    quarter = (as_of.month - 1) // 3 + 1
    year, month = (as_of.year + 1, 3) if quarter == 4 else (as_of.year, quarter * 3 + 3)
    end = date(year, month, calendar.monthrange(year, month)[1])
    expected = sorted(
        f"1.{i + 1}"
        for i, (d, s) in enumerate(deadlines)
        if as_of <= d <= end and s in (Status.OPEN, Status.LOPEND)
    )
    text = to_markdown(build_report(_plan(deadlines), None, as_of))
    section = _section(text, "## Wat nu af moet (")
    listed = sorted(re.findall(r"^\| (1\.\d+) \|", section, flags=re.MULTILINE))
    assert listed == expected
    assert ("Geen open acties met een deadline in deze periode." in section) == (not expected)
    assert f"t/m {end.day} " in section.splitlines()[0]


def test_every_theme_with_its_norms_and_actions(invoke: Invoke) -> None:
    """Theme 4 of the example has no actions but is in the overview and has its section
    with norm 4.1 ("ontbreekt"); each norm shows answer, toelichting and linked actions."""
    text = _report(invoke, "--as-of", "2024-10-01", "--data", str(EXAMPLE))
    overview = _section(text, "## Overzicht per thema")
    assert (
        "| 4 Informatiepositie en informatiebeveiliging | geen acties | 0 | 0 van 2 uitgevoerd "
        "| nog niet | niet ingeschat |" in overview
    )
    assert (
        "| 1 Bewustwording en organisatie | 1 van 2 gereed | 1 | 1 van 2 uitgevoerd | nog niet "
        "| fase 3 (in de band van de norm) |" in overview
    )
    assert (
        "| 2 Integriteit en veilige werkomgeving | 1 van 1 gereed | 0 | 2 van 2 uitgevoerd | ja | fase 4 (in de band van de norm) |"
        in overview
    )
    themes = _section(text, "## Per thema: normen en acties")
    theme_4 = themes[themes.index("### 4 Informatiepositie") :]
    assert "Geen acties in het spoorboekje. Normen: 0 van 2 uitgevoerd" in theme_4
    assert "| 4.1 | Informatiepositie | ontbreekt |  |  |" in theme_4
    assert "| 4.2 | Meldpunt | onbeantwoord |  |  |" in theme_4
    assert "| 1.1 | Structureel aandacht | in ontwikkeling | Scan loopt | 1.2 (te laat) |" in themes
    assert "| 1.3 | Integrale aanpak | n.v.t. | Kleine organisatie, één team |  |" in themes
    assert "| 1.2 | Weerbaarheidsscan | Q3 24 | OOV | te laat |" in themes


def test_norm_and_phase_are_explained(invoke: Invoke) -> None:
    """ "Voldoet aan de norm" and the own phase are named as two different things, with the
    band of the norm, so "nog niet" next to "in de band" is no contradiction."""
    text = _report(invoke, "--as-of", "2024-10-01", "--data", str(EXAMPLE))
    assert "| Voldoet aan de norm | Eigen fase |" in text
    assert (
        "*Voldoet aan de norm*: alle normen van het thema staan in de checklist op ‘uitgevoerd’. "
        "*Eigen fase*: waar de organisatie het thema zelf plaatst op de piramide (fase 1 tot 5); "
        "de norm ligt op fase 3–4." in text
    )
    assert "binnen de norm" not in text


def test_unanswered_checklist_is_not_filled_in(invoke: Invoke) -> None:
    """The sample's checklist has no answers: "niet ingevuld", never "0 van 4" or "nee"."""
    text = _report(invoke, "--as-of", "2024-07-01", "--data", str(SAMPLE))
    assert (
        "| 4 Informatiepositie en informatieveiligheid | 0 van 3 gereed | 0 | niet ingevuld "
        "| niet ingevuld | niet ingeschat |" in text
    )


def test_slip_of_postponed_actions() -> None:
    """An action whose deadline says what it was is marked in its row ("verschoven van …
    naar …", as in the terminal) and listed with how far it moved in a section of its own;
    an unreadable earlier deadline shows as "onbekend"."""
    moved = Period(date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL, was="Q3 26")
    unknown = Period(date(2027, 1, 1), date(2027, 3, 31), PeriodKind.KWARTAAL, was="ooit")
    actions = (
        Action("1.1", 1, "Scan", "Q1 2027 (was Q3 26)", moved, ("OOV",)),
        Action("1.2", 1, "Sessie", "Q1 2027 (was ooit)", unknown, ("OOV",)),
    )
    plan = Plan("Gemeente X", (Theme(1, "Thema", actions),), {"OOV": None})
    text = to_markdown(build_report(plan, None, date(2026, 12, 1)))
    assert (
        "| 1.1 | Scan | Q1 2027 (was Q3 26) (verschoven van Q3 26 naar 31 mrt 2027) "
        "| 31 mrt 2027 | OOV |  |"
    ) in text
    slips = _section(text, "## Uitgesteld")
    assert "| 1.1 | Scan | Q3 26 | Q1 2027 (was Q3 26) | 182 dagen later |" in slips
    assert "| 1.2 | Sessie | ooit | Q1 2027 (was ooit) | onbekend |" in slips
    assert "Uitgesteld" in to_html(build_report(plan, None, date(2026, 12, 1)))


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    """The test's own formula agrees with known WCAG values (black on white 21:1; the
    grey axe-core reported at 4.35:1)."""
    assert _contrast("#000000", "#ffffff") == pytest.approx(21)
    assert _contrast("#6b7b8a", "#ffffff") == pytest.approx(4.35, abs=0.01)


@pytest.mark.parametrize("data", [SAMPLE, EXAMPLE])
def test_html_structure_for_accessibility_and_print(invoke: Invoke, data: Path) -> None:
    """Well-formed; Dutch; one main landmark with header and footer around it; every text
    colour at least 4.5:1 on white and on the table header; A4; no text under 8 pt (CSS in
    pt, SVG text in px at 96 per inch); header cells scoped; the timeline has each action's
    full title (nothing cut off)."""
    page = _report(invoke, "--format", "html", "--as-of", "2024-10-01", "--data", str(data))
    root = ET.fromstring(page.split("\n", 1)[1])
    assert root.get("lang") == "nl"
    body = root.find("body")
    assert body is not None
    assert [child.tag for child in body] == ["header", "main", "footer"]
    assert len(root.findall(".//main")) == 1
    assert root.find(".//header/h1") is not None
    css = root.findtext("head/style") or ""
    assert "@page { size: A4;" in css
    for colour in re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", css):
        for background in ("#ffffff", "#eef3f7"):
            assert _contrast(colour, background) >= 4.5, (colour, background)
    for size in re.findall(r"font-size: ([\d.]+)pt", css):
        assert float(size) >= 8, size
    for text_element in root.iter("text"):
        assert float(text_element.get("font-size", "0")) * 0.75 >= 8, ET.tostring(text_element)
        assert _contrast(text_element.get("fill", "#000000"), "#ffffff") >= 4.5
    for th in root.iter("th"):
        assert th.get("scope") in ("col", "row")
    labels = [th.text for th in root.findall(".//table[@class='timeline']/tbody/tr/th")]
    actions = data / "spoorboekje.yaml"
    assert labels
    for label in labels:
        assert label is not None
        assert not label.endswith("…")
        action_id = label.split(" ", 1)[0]
        assert action_id in actions.read_text(encoding="utf-8")


def test_html_is_self_contained_and_escaped(
    invoke: Invoke, write_plan: Callable[[str], Path]
) -> None:
    """Nothing loaded from outside, no script, user text escaped, long titles kept whole."""
    folder = write_plan(HOSTILE)
    page = _report(invoke, "--format", "html", "--as-of", "2024-10-01", "--data", str(folder))
    ET.fromstring(page.split("\n", 1)[1])
    lowered = page.lower()
    for forbidden in ("<script", "<link", "@import", "url(", "<img", "<iframe"):
        assert forbidden not in lowered, forbidden
    assert not re.search(r"<[^>]*\s(src|href)=", lowered)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Gemeente &lt;b&gt;Test&lt;/b&gt; &amp; Co" in page
    assert (
        '<th scope="row">1.2 Een heel lange titel van een actie die in de tijdlijn niet mag '
        "worden afgekapt</th>" in page
    )


def test_html_without_checklist_and_with_pyramid(invoke: Invoke, tmp_path: Path) -> None:
    """Without a checklist there are no norm columns' guide; with one, the pyramid."""
    plan_only = tmp_path / "alleen-plan"
    plan_only.mkdir()
    shutil.copy(SAMPLE / "spoorboekje.yaml", plan_only)
    page = _report(invoke, "--format", "html", "--as-of", "2024-10-01", "--data", str(plan_only))
    assert "Voldoet aan de norm: alle normen" not in page
    assert "Piramide naar fitte gemeente" not in page
    page = _report(invoke, "--format", "html", "--as-of", "2024-10-01", "--data", str(SAMPLE))
    assert "Fase 4: Integraal (netwerkend) · norm" in page
    assert "Voldoet aan de norm: alle normen" in page


def test_window_label_at_year_end() -> None:
    """In Q4 the window runs into the next year's Q1."""
    text = to_markdown(build_report(_plan([]), None, date(2024, 12, 31)))
    assert "## Wat nu af moet (rest van Q4 2024 en Q1 2025: 31 dec 2024 t/m 31 mrt 2025)" in text


def test_region_html_cells_one_part_per_line(invoke: Invoke, tmp_path: Path) -> None:
    """Region HTML: each cell reads "1/2 uitgevoerd / fase 3 / 1 te laat" on three lines; an
    unanswered checklist is "niet ingevuld", never 0%; the page has its main landmark."""
    regio = tmp_path / "regio"
    shutil.copytree(SAMPLE, regio / "eijsden")
    shutil.copytree(EXAMPLE, regio / "proef")
    page = _report(invoke, "--regio", str(regio), "--format", "html", "--as-of", "2024-10-01")
    root = ET.fromstring(page.split("\n", 1)[1])
    assert len(root.findall(".//main")) == 1
    assert "<td>1/2 uitgevoerd<br/>fase 3<br/>1 te laat</td>" in page
    assert "<td>niet ingevuld<br/>geen fase<br/>4 te laat</td>" in page
    assert "0%<br/>" not in page
