"""Who gets a reminder (queries/remind.py), in the places mutation testing
(scripts/mutation.py) found unguarded: ``--owner`` reminds that owner only, also of an
unreadable action shared with another; an owner outside the ``actiehouders`` map gets a
reminder without a name or address (not a crash); the report keeps its dates. Expected
owners and actions are written out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from limnorm.core.models import NO_OWNER, Plan
from limnorm.files.loader import parse_plan
from limnorm.queries.remind import RemindReport, reminders

PLAN = """\
organisatie: Gemeente Proef
actiehouders:
  OOV: {naam: Openbare Orde en Veiligheid, email: oov@proef.nl}
  HRM: {naam: Human Resource Management, email: hrm@proef.nl}
  JZ: Juridische Zaken
themas:
  - nr: 1
    titel: Bewustwording
    acties:
      - {id: "1.1", actie: Scan, wanneer: 2024-09-01, actiehouder: OOV}
      - {id: "1.2", actie: Sessie, wanneer: 2024-10-15, actiehouder: [HRM, OOV]}
      - {id: "1.3", actie: Gedeeld zonder datum, wanneer: ooit, actiehouder: [OOV, HRM]}
      - {id: "1.4", actie: Handhaving, wanneer: 2024-08-01, actiehouder: team handhaving}
      - {id: "1.5", actie: Niemands, wanneer: 2024-08-01}
      - {id: "1.6", actie: Later, wanneer: 2025-06-01, actiehouder: JZ}
"""

AS_OF, UNTIL = date(2024, 10, 1), date(2024, 10, 31)


def _plan() -> Plan:
    return parse_plan(PLAN, "s.yaml").require()


def _rows(report: RemindReport) -> list[tuple[object, ...]]:
    return [
        (
            r.code,
            r.naam,
            r.email,
            [i.action.id for i in r.late],
            [i.action.id for i in r.soon],
            [a.id for a in r.unreadable],
        )
        for r in report.reminders
    ]


#: (owner, reminders: code, name, address, late, soon, unreadable)
REMINDERS = [
    (None, [
        ("OOV", "Openbare Orde en Veiligheid", "oov@proef.nl", ["1.1"], ["1.2"], ["1.3"]),
        ("HRM", "Human Resource Management", "hrm@proef.nl", [], ["1.2"], ["1.3"]),
        # Outside the map: no name, no address (mentioned as such, never a crash).
        ("team handhaving", None, None, ["1.4"], [], []),
    ]),
    # Only that owner, though 1.2 and 1.3 are shared with HRM.
    ("OOV", [
        ("OOV", "Openbare Orde en Veiligheid", "oov@proef.nl", ["1.1"], ["1.2"], ["1.3"]),
    ]),
    ("HRM", [("HRM", "Human Resource Management", "hrm@proef.nl", [], ["1.2"], ["1.3"])]),
    # JZ has nothing before 31 October: no reminder.
    ("JZ", []),
]  # fmt: skip


@pytest.mark.parametrize(("owner", "expected"), REMINDERS)
def test_who_is_reminded_of_what(owner: str | None, expected: list[tuple[object, ...]]) -> None:
    """Each owner with something late, due or undated gets one reminder with exactly
    those actions; the action without an owner goes to nobody; with an owner, only
    that owner is reminded."""
    report = reminders(_plan(), AS_OF, until=UNTIL, owner=owner)
    assert _rows(report) == expected
    assert (report.organisatie, report.as_of, report.until) == ("Gemeente Proef", AS_OF, UNTIL)


def test_the_actions_without_an_owner_remind_nobody() -> None:
    """Asking for the owner "(geen actiehouder)" gives an empty report, with its dates."""
    assert reminders(_plan(), AS_OF, until=UNTIL, owner=NO_OWNER) == RemindReport(
        "Gemeente Proef", date(2024, 10, 1), date(2024, 10, 31), ()
    )
