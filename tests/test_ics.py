"""The calendar feed as calendars read it: parsed with ``icalendar``."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.deadlines import Period, PeriodKind
from limnorm.core.models import Action, Plan, Status, Theme
from limnorm.output.ics import calendar, event_uid, to_ics

from .conftest import SAMPLE, Invoke

PLAN = """
organisatie: Gemeente Test
actiehouders: {OOV: Openbare Orde en Veiligheid, HRM: Human Resource Management}
themas:
  - nr: 1
    titel: Bewustwording en organisatie
    acties:
      - {id: "1.1", actie: Open, wanneer: Q3 24, actiehouder: OOV}
      - {id: "1-1", actie: Andere, wanneer: Q4 24, actiehouder: HRM}
      - {id: "1.2", actie: Klaar, wanneer: 4-3-24, actiehouder: OOV, status: gereed,
         gereed_op: 2024-03-01}
      - {id: "1.3", actie: Vervallen, wanneer: Q2 24, actiehouder: HRM, status: vervallen}
      - {id: "1.4", actie: Klaar zonder datum, wanneer: doorlopend, actiehouder: OOV,
         status: gereed, gereed_op: 2024-05-02}
      - {id: "1.5", actie: Doorlopend, wanneer: doorlopend, actiehouder: OOV}
"""

#: Modification times of the spoorboekje set by the tests (never the clock).
EARLIER = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2024, 6, 2, 8, 30, tzinfo=UTC)


def _feed(invoke: Invoke, folder: Path, *args: str) -> icalendar.Calendar:
    result = invoke(["ics", "--data", str(folder), "--as-of", "2024-07-01", *args])
    assert result.exit_code == 0, result.output
    return icalendar.Calendar.from_ical(result.stdout_bytes)


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _touch(folder: Path, moment: datetime) -> None:
    os.utime(folder / "spoorboekje.yaml", (moment.timestamp(), moment.timestamp()))


@pytest.fixture(name="plan_dir")
def _plan_dir(write_plan: Callable[[str], Path]) -> Path:
    folder = write_plan(PLAN)
    _touch(folder, EARLIER)
    return folder


def test_finished_and_dropped_actions_stay_as_cancelled_events(
    invoke: Invoke, plan_dir: Path
) -> None:
    """Gereed and vervallen actions are CANCELLED events without a reminder; open ones
    CONFIRMED; an undated open action is left out, an undated finished one sits on its day."""
    events = _events(_feed(invoke, plan_dir))
    status = {uid.split("-actie-")[1]: str(e["STATUS"]) for uid, e in events.items()}
    assert status == {
        "1-1@limnorm": "CONFIRMED",
        "1_2d1@limnorm": "CONFIRMED",
        "1-2@limnorm": "CANCELLED",
        "1-3@limnorm": "CANCELLED",
        "1-4@limnorm": "CANCELLED",
    }
    done = events["gemeente-test-actie-1-2@limnorm"]
    assert done.decoded("DTSTART") == date(2024, 3, 4)
    assert done.walk("VALARM") == []
    assert "Status: gereed op 1 mrt 2024" in str(done["DESCRIPTION"])
    assert events["gemeente-test-actie-1-4@limnorm"].decoded("DTSTART") == date(2024, 5, 2)


def test_uids_of_similar_ids_differ(invoke: Invoke, plan_dir: Path) -> None:
    """Actions 1.1 and 1-1 are two events (issue 13), each with its own summary."""
    events = _events(_feed(invoke, plan_dir))
    assert str(events["gemeente-test-actie-1-1@limnorm"]["SUMMARY"]) == "[OOV] 1.1 Open"
    assert str(events["gemeente-test-actie-1_2d1@limnorm"]["SUMMARY"]) == "[HRM] 1-1 Andere"


@given(st.text(min_size=1, max_size=8), st.text(min_size=1, max_size=8))
def test_different_ids_never_share_a_uid(first: str, second: str) -> None:
    """The UID is injective in the action id, whatever characters it holds."""
    if first != second:
        assert event_uid("Gemeente X", first) != event_uid("Gemeente X", second)


@pytest.mark.parametrize(
    ("action_id", "uid"),
    [
        ("0.1", "gemeente-x-actie-0-1@limnorm"),  # as earlier versions wrote it
        ("1.10", "gemeente-x-actie-1-10@limnorm"),
        ("1-1", "gemeente-x-actie-1_2d1@limnorm"),
        ("2.1a", "gemeente-x-actie-2.1a@limnorm"),
        ("A 1", "gemeente-x-actie-A_201@limnorm"),
        ("é", "gemeente-x-actie-_c3_a9@limnorm"),
    ],
)
def test_uid_forms(action_id: str, uid: str) -> None:
    """Digit-and-dot ids keep the earlier UID; others are hex-escaped."""
    assert event_uid("Gemeente X", action_id) == uid


def test_calendar_name_stamp_and_last_modified(invoke: Invoke, plan_dir: Path) -> None:
    """NAME and X-WR-CALNAME name the feed; DTSTAMP is the moment of writing in UTC;
    LAST-MODIFIED is when the spoorboekje changed."""
    before = datetime.now(UTC).replace(microsecond=0)
    cal = _feed(invoke, plan_dir, "--owner", "oov")
    after = datetime.now(UTC)
    assert str(cal["X-WR-CALNAME"]) == "Spoorboekje Gemeente Test (OOV)"
    assert str(cal["NAME"]) == "Spoorboekje Gemeente Test (OOV)"
    assert cal.decoded("LAST-MODIFIED") == EARLIER
    events = _events(cal)
    assert sorted(events) == [
        "gemeente-test-actie-1-1@limnorm",
        "gemeente-test-actie-1-2@limnorm",
        "gemeente-test-actie-1-4@limnorm",
    ]
    for event in events.values():
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None
        assert stamp.utcoffset() == timedelta(0)
        assert before <= stamp <= after
        assert event.decoded("LAST-MODIFIED") == EARLIER


def test_sequence_grows_with_each_change(invoke: Invoke, plan_dir: Path) -> None:
    """The same file gives the same SEQUENCE; a moved deadline or a finished action (a
    later change of the file) gives a higher one for the event."""
    uid = "gemeente-test-actie-1-1@limnorm"
    first = int(_events(_feed(invoke, plan_dir))[uid]["SEQUENCE"])
    again = int(_events(_feed(invoke, plan_dir))[uid]["SEQUENCE"])
    assert first == again == (EARLIER - datetime(2024, 1, 1, tzinfo=UTC)) // timedelta(seconds=1)

    plan_file = plan_dir / "spoorboekje.yaml"
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("wanneer: Q3 24", "wanneer: Q2 24"), encoding="utf-8")
    _touch(plan_dir, LATER)
    moved = _events(_feed(invoke, plan_dir))[uid]
    assert moved.decoded("DTSTART") == date(2024, 6, 30)  # moved earlier, still newer
    assert int(moved["SEQUENCE"]) > first

    result = invoke(["done", "1.1", "--data", str(plan_dir), "--as-of", "2024-07-02"])
    assert result.exit_code == 0, result.output
    # `done` within the same minute as the previous change: still a higher number.
    os.utime(plan_file, (LATER.timestamp() + 5, LATER.timestamp() + 5))
    cancelled = _events(_feed(invoke, plan_dir))[uid]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(moved["SEQUENCE"])


def _plan_with(deadline: date) -> Plan:
    action = Action(
        "1.1", 1, "Iets", "x", Period(deadline, deadline, PeriodKind.DAG), ("OOV",), Status.OPEN
    )
    return Plan("Gemeente X", (Theme(1, "Thema", (action,)),), {"OOV": None})


@given(
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.integers(-400, 400),
    st.integers(0, 999),
)
def test_no_reminder_fires_on_or_before_the_as_of_date(
    as_of: date, offset: int, wanted: int
) -> None:
    """Whatever the deadline and reminder period, a reminder fires after the as-of date,
    and as early as asked when there is room for it."""
    deadline = as_of + timedelta(days=offset)
    moment = datetime(2024, 6, 1, tzinfo=UTC)
    cal = calendar(_plan_with(deadline), as_of, written=moment, changed=moment, alarm=wanted)
    [event] = icalendar.Calendar.from_ical(to_ics(cal)).walk("VEVENT")
    alarms = event.walk("VALARM")
    if offset < 1:
        assert alarms == []
        return
    [alarm] = alarms
    fires = deadline + alarm.decoded("TRIGGER")
    assert fires > as_of
    assert fires == max(deadline - timedelta(days=wanted), as_of + timedelta(days=1))


def test_changed_is_never_after_writing() -> None:
    """A file dated in the future (a skewed clock) does not push SEQUENCE past the moment
    of writing."""
    written = datetime(2024, 6, 1, tzinfo=UTC)
    cal = calendar(
        _plan_with(date(2024, 9, 1)),
        date(2024, 6, 1),
        written=written,
        changed=written + timedelta(days=300),
    )
    assert cal.changed == written
    assert "LAST-MODIFIED:20240601T000000Z\r\n" in to_ics(cal)


def test_sample_feed_has_one_event_per_dated_action(invoke: Invoke) -> None:
    """The installed sample: 17 dated actions, 17 events with distinct UIDs."""
    result = invoke(["ics", "--data", str(SAMPLE), "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert len(_events(icalendar.Calendar.from_ical(result.stdout_bytes))) == 17


def test_feed_of_actions_without_owner(invoke: Invoke, write_plan: Callable[[str], Path]) -> None:
    """--owner - gives the actions without an owner, named so, without an empty [] prefix."""
    folder = write_plan(PLAN.replace("actiehouder: OOV}", "}", 1))
    cal = _feed(invoke, folder, "--owner", "-")
    assert str(cal["X-WR-CALNAME"]) == "Spoorboekje Gemeente Test (zonder actiehouder)"
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["1.1 Open"]


def test_sequence_from_the_commit_with_at(invoke: Invoke, tmp_path: Path) -> None:
    """With --at the moment of change is the commit's date: an older version gives a lower
    SEQUENCE than a newer one, and LAST-MODIFIED is that commit's time in UTC."""
    from .test_git import Repo

    repo = Repo(tmp_path / "repo")
    repo.commit("Spoorboekje vastgesteld", "2024-02-01T10:00:00")
    repo.git("tag", "rib-1")
    repo.replace("spoorboekje.yaml", "wanneer: 4-3-24\n", "wanneer: 5-3-24\n")
    repo.commit("Verschoven", "2024-04-01T10:00:00")
    uid = "gemeente-eijsden-margraten-actie-1-1@limnorm"
    old = _feed(invoke, repo.data, "--at", "rib-1")
    new = _feed(invoke, repo.data, "--at", "HEAD")
    assert old.decoded("LAST-MODIFIED") == datetime(2024, 2, 1, 9, 0, tzinfo=UTC)
    assert new.decoded("LAST-MODIFIED") == datetime(2024, 4, 1, 9, 0, tzinfo=UTC)  # +01:00
    old_event, new_event = _events(old)[uid], _events(new)[uid]
    assert old_event.decoded("DTSTART") == date(2024, 3, 4)
    assert new_event.decoded("DTSTART") == date(2024, 3, 5)
    assert int(new_event["SEQUENCE"]) > int(old_event["SEQUENCE"])


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (datetime(2023, 12, 31, 23, 0, tzinfo=UTC), 0),
        (datetime(2024, 1, 1, 0, 0, 7, tzinfo=UTC), 7),
        (datetime(2024, 1, 2, 0, 0, 1, tzinfo=UTC), 86_401),
        (datetime(2092, 1, 19, 3, 14, 7, tzinfo=UTC), 2**31 - 1),
        (datetime(2150, 1, 1, tzinfo=UTC), 2**31 - 1),
    ],
)
def test_sequence_is_seconds_within_32_bits(changed: datetime, expected: int) -> None:
    """SEQUENCE counts seconds since 2024 (a `done` in the same minute still raises it) and
    never leaves RFC 5545's 32-bit INTEGER."""
    from limnorm.output.ics import Calendar

    assert Calendar("x", changed, changed, ()).sequence == expected
