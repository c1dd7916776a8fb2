"""Outputs people use: CSV for Excel, Markdown, iCalendar, the report and the timeline."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.models import Action, Status
from limnorm.core.period import Period, PeriodKind
from limnorm.output import views
from limnorm.output.data import to_json
from limnorm.output.formats import OutputFormat, render
from limnorm.queries.plan import Category, DueItem, DueReport
from limnorm.queries.region import RegionDueItem, RegionDueReport

from .conftest import SAMPLE, Invoke, strip_lines

HOSTILE = """
organisatie: "Gemeente <b>Test</b> & Co"
actiehouders: {OOV: Openbare Orde en Veiligheid, HRM: Human Resource Management}
themas:
  - nr: 1
    titel: Bewustwording en organisatie
    acties:
      - {id: "1.1", actie: "=SOM(A1:A9)", wanneer: Q3 24, actiehouder: OOV,
         toelichting: "<script>alert('x')</script> | pipe, komma; puntkomma"}
      - {id: "1.2", actie: "+31 6 1234", wanneer: 4-3-24, actiehouder: OOV,
         toelichting: "regel een\\nregel twee"}
      - {id: "1.3", actie: "-leeg", wanneer: 2024, actiehouder: HRM, toelichting: "@gebruiker"}
      - {id: "1.4", actie: Klaar, wanneer: 2024, actiehouder: OOV, status: gereed,
         gereed_op: 2024-02-01}
      - {id: "1.5", actie: Doorlopend werk, wanneer: doorlopend, actiehouder: OOV}
"""


@pytest.fixture(name="hostile")
def _hostile(write_plan: Callable[[str], Path]) -> Path:
    """A plan whose texts try to become formulas, markup and HTML."""
    return write_plan(HOSTILE)


def test_csv_for_dutch_excel(invoke: Invoke, hostile: Path) -> None:
    """CSV: BOM, semicolons, CRLF; formula-like text neutralised, numbers left as numbers."""
    result = invoke(["due", "--as-of", "2025-01-10", "--format", "csv", "--data", str(hostile)])
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF
    assert text.startswith("\ufeffId;Thema;Actie;")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["1.1"][2] == "'=SOM(A1:A9)"
    assert by_id["1.2"][2] == "'+31 6 1234"
    assert by_id["1.3"][2] == "'-leeg"
    assert by_id["1.3"][9] == "'@gebruiker"
    assert by_id["1.1"][9] == "<script>alert('x')</script> | pipe, komma; puntkomma"
    assert by_id["1.2"][9] == "regel een\nregel twee"
    assert by_id["1.1"][-1] == "-102"  # days late: a number, not neutralised
    assert rows[0][-2:] == ["Categorie", "Dagen"]


def test_markdown_escapes_user_text(invoke: Invoke, hostile: Path) -> None:
    """Markdown cells show user text literally: no HTML, no broken table, one line."""
    result = invoke(
        ["due", "--as-of", "2025-01-10", "--format", "markdown", "--data", str(hostile)]
    )
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("| 1.1 |"))
    assert "<script>" not in result.stdout
    assert r"\<script\>alert('x')\</script\> \| pipe, komma; puntkomma" in row
    assert row.count(" | ") == 14  # 15 cells: the pipe in the text did not add one
    assert "regel een<br>regel twee" in result.stdout
    header = lines[0]
    assert (
        header
        == "### Gemeente \\<b\\>Test\\</b\\> & Co: te laat en binnenkort (peildatum 2025-01-10)"
    )


def _calendar(invoke: Invoke, *args: str) -> icalendar.Calendar:
    result = invoke(["ics", *args])
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF
    assert raw.endswith("END:VCALENDAR\r\n")
    for line in raw.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    return icalendar.Calendar.from_ical(raw)


def test_ics_events_dates_and_uids(invoke: Invoke) -> None:
    """One all-day event per open dated action on its deadline, with alarm and category."""
    cal = _calendar(invoke, "--as-of", "2024-07-01", "--data", str(SAMPLE), "--alarm", "2w")
    events = list(cal.walk("VEVENT"))
    assert len(events) == 17
    by_uid = {str(e["UID"]): e for e in events}
    first = by_uid["gemeente-eijsden-margraten-actie-0-1@limnorm"]
    assert first.decoded("DTSTART") == date(2024, 3, 31)
    assert first.decoded("DTEND") == date(2024, 4, 1)
    assert str(first["SUMMARY"]) == "[OOV] 0.1 Bespreken en invullen checklist"
    assert "Wanneer: mrt. 24 (1 mrt 2024 t/m 31 mrt 2024)" in str(first["DESCRIPTION"])
    assert first["CATEGORIES"].cats == ["0-meting"]
    assert first.walk("VALARM") == []  # its reminder would fire before the as-of date
    [alarm] = by_uid["gemeente-eijsden-margraten-actie-1-4@limnorm"].walk("VALARM")
    assert str(alarm["TRIGGER"].to_ical(), "ascii") == "-P14D"
    expected = {
        "0.1": date(2024, 3, 31), "0.2": date(2024, 6, 30), "1.1": date(2024, 3, 4),
        "1.2": date(2024, 4, 2), "1.3": date(2024, 12, 31), "1.4": date(2024, 9, 30),
        "1.5": date(2024, 9, 30), "2.1": date(2024, 12, 31), "3.1": date(2024, 12, 31),
        "4.1": date(2024, 9, 30), "4.2": date(2024, 9, 30), "4.3": date(2024, 12, 31),
        "5.1": date(2024, 9, 30), "5.2": date(2024, 12, 31), "6.1": date(2024, 4, 30),
        "6.2": date(2024, 9, 30), "6.3": date(2024, 12, 31),
    }  # fmt: skip
    for action_id, day in expected.items():
        uid = f"gemeente-eijsden-margraten-actie-{action_id.replace('.', '-')}@limnorm"
        assert by_uid[uid].decoded("DTSTART") == day, action_id


def test_ics_uid_is_stable_and_text_escaped(invoke: Invoke, hostile: Path) -> None:
    """The UID does not change when the deadline does; commas, semicolons and newlines survive."""
    cal = _calendar(invoke, "--as-of", "2024-01-01", "--data", str(hostile))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 4  # 1.4 is gereed (a cancelled event), 1.5 has no date
    first = events["gemeente-b-test-b-co-actie-1-1@limnorm"]
    assert "<script>alert('x')</script> | pipe, komma; puntkomma" in str(first["DESCRIPTION"])
    assert "Toelichting: regel een\nregel twee" in str(
        events["gemeente-b-test-b-co-actie-1-2@limnorm"]["DESCRIPTION"]
    )
    path = hostile / "spoorboekje.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("wanneer: Q3 24", "wanneer: Q4 24"),
        encoding="utf-8",
    )
    later = _calendar(invoke, "--as-of", "2024-01-01", "--data", str(hostile))
    moved = {str(e["UID"]): e for e in later.walk("VEVENT")}
    assert set(moved) == set(events)
    assert moved["gemeente-b-test-b-co-actie-1-1@limnorm"].decoded("DTSTART") == date(2024, 12, 31)


def test_ics_owner_filter_and_file_output(invoke: Invoke, tmp_path: Path) -> None:
    """--owner keeps that owner's actions; -o writes the file."""
    target = tmp_path / "oov.ics"
    result = invoke(
        ["ics", "--owner", "hrm", "--data", str(SAMPLE), "--as-of", "2024-07-01", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == [
        "[HRM] 2.1 Vaststellen en/of actualiseren beleid, code en protocollen",
        "[HRM] 3.1 Vaststellen en/of actualiseren beleid, code en protocollen",
    ]


def test_timeline_fits_the_width(invoke: Invoke, hostile: Path) -> None:
    """The chart uses months when they fit, quarters when not, and never exceeds the width."""
    for width, unit in (("120", "jan"), ("60", "Q1 24")):
        result = invoke(
            ["timeline", "--as-of", "2024-07-01", "--data", str(hostile)], env={"COLUMNS": width}
        )
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= int(width)
        assert unit in "\n".join(lines[:3])
        assert "\x1b" not in result.stdout


TIMELINE = """\
Gemeente <b>Test</b> & Co · tijdlijn · peildatum 1 jul 2024
                                 2024
                                 jan  feb  mrt  apr  mei  jun  jul  aug  sep  okt  nov  dec
Thema 1 · Bewustwording en organisatie
1.1 =SOM(A1:A9)                                                ░░░░░░░░░░░░░░░
1.2 +31 6 1234                             ▓                   │
1.3 -leeg                        ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
1.4 Klaar                        ████████████████████████████████████████████████████████████
█ gereed  ▓ te laat  ▒ lopend  ░ open  · vervallen  │ peildatum
Zonder datum:
  1.5 Doorlopend werk · doorlopend · open"""


def test_timeline_exact_without_colour(invoke: Invoke, hostile: Path) -> None:
    """At 100 columns without colour the chart reads by its characters alone."""
    result = invoke(["timeline", "--as-of", "2024-07-01", "--data", str(hostile)])
    assert strip_lines(result.stdout) == TIMELINE


def test_timeline_filters(invoke: Invoke) -> None:
    """thema N and --owner narrow the chart."""
    result = invoke(["timeline", "thema", "2", "--as-of", "2024-07-01", "--data", str(SAMPLE)])
    assert "2.1 Vaststellen" in result.stdout
    assert "1.1 " not in result.stdout
    hrm = invoke(["timeline", "-a", "HRM", "--as-of", "2024-07-01", "--data", str(SAMPLE)])
    assert "Thema 2" in hrm.stdout
    assert "Thema 1 " not in hrm.stdout


def test_json_is_still_json(invoke: Invoke) -> None:
    """The format switch leaves JSON as it was."""
    result = invoke(["due", "--format", "json", "--as-of", "2024-07-01", "--data", str(SAMPLE)])
    assert isinstance(json.loads(result.stdout), list)


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_DAYS = st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31))
_ACTIONS = st.builds(
    Action,
    id=_TEXT,
    thema=st.integers(0, 6),
    actie=_TEXT,
    wanneer=_TEXT,
    period=st.builds(
        Period, _DAYS, _DAYS, st.sampled_from(PeriodKind), st.none() | _TEXT, st.booleans(),
        st.none() | _TEXT,
    ),
    actiehouders=st.lists(_TEXT, max_size=3).map(tuple),
    status=st.sampled_from(Status),
    toelichting=st.none() | _TEXT,
    gereed_op=_DAYS,
    fouten=st.lists(_TEXT, max_size=2).map(tuple),
    voortgang=st.none() | st.integers(0, 100),
    mijlpaal=st.booleans(),
    oorspronkelijk=st.none() | _TEXT,
    history_was=st.none() | _TEXT.filter(bool),  # derived: never an empty text
    extra=st.dictionaries(
        st.sampled_from(["budget", "hoe", "status", "ïndicator"]) | _TEXT,
        st.none() | st.integers() | _TEXT | st.lists(_TEXT, max_size=2),
        max_size=3,
    ),
)
_ITEMS = st.builds(DueItem, _ACTIONS, st.sampled_from(Category), st.integers(-5000, 5000))


def _due_item_dict(item: DueItem) -> dict[str, object]:
    """The documented fields of a due item, in order (README, section JSON)."""
    action, period = item.action, item.action.period
    return {
        "id": action.id,
        "thema": action.thema,
        "actie": action.actie,
        "wanneer": action.wanneer,
        "begin": period.begin.isoformat() if period.begin else None,
        "deadline": period.deadline.isoformat() if period.deadline else None,
        "soort": period.kind.value,
        "notitie": period.note,
        "uitgesteld": period.postponed
        or bool(action.oorspronkelijk or period.was or action.history_was),
        # The first non-empty of the field, the cell's "(was …)" and the history's; else
        # the cell's as read.
        "oorspronkelijk": action.oorspronkelijk or period.was or action.history_was or period.was,
        "actiehouder": list(action.actiehouders),
        "status": action.status.value,
        "gereed_op": action.gereed_op.isoformat() if action.gereed_op else None,
        "toelichting": action.toelichting,
        "voortgang": action.voortgang,
        "mijlpaal": action.mijlpaal,
        "fouten": list(action.fouten),
        "categorie": item.category.value,
        "dagen": item.days,
        # An organisation's own keys by their own name; one that a known key takes
        # gets " (eigen)" added.
        **{
            (f"{key} (eigen)" if key in _TAKEN else key): value
            for key, value in action.extra.items()
        },
    }


_TAKEN = {
    "id", "thema", "actie", "wanneer", "begin", "deadline", "soort", "notitie", "uitgesteld",
    "oorspronkelijk", "actiehouder", "status", "gereed_op", "toelichting", "voortgang",
    "mijlpaal", "fouten", "categorie", "dagen", "organisatie", "staat", "was",
}  # fmt: skip


@given(items=st.lists(st.tuples(_TEXT, _ITEMS), max_size=4))
def test_due_json_is_exactly_what_json_dumps_writes(items: list[tuple[str, DueItem]]) -> None:
    """Due lists are written one object per line; for any text in any field (quotes,
    backslashes, control characters, any script) and any own keys, each line holds
    exactly the documented fields, in order, as the json module writes them."""
    day = date(2024, 7, 1)
    single = DueReport("Gemeente", day, day, None, tuple(i for _, i in items), ())
    expected = [_due_item_dict(i) for _, i in items]
    assert render(views.DUE, single, OutputFormat.JSON) == to_json(expected)
    region = RegionDueReport(day, day, None, tuple(RegionDueItem(o, i) for o, i in items), ())
    expected = [{"organisatie": o, **_due_item_dict(i)} for o, i in items]
    assert render(views.REGION_DUE, region, OutputFormat.JSON) == to_json(expected)
