"""Edits from the command line: mark an action done, set one of its fields, answer a norm.

Each edit validates the new value first, refuses files that cannot be used at all
(a plan with a ``fout`` in some action can be edited: often the edit is the fix),
changes only the lines it must (see :mod:`limnorm.files.yamledit`) and checks that the
file still loads and holds the new value before it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DataError, DeadlineError, Input, Location, UsageError
from limnorm.core.models import (
    NO_OWNER,
    Action,
    Answer,
    Checklist,
    Finding,
    Norm,
    Plan,
    Severity,
    Status,
    normalise_answer,
)
from limnorm.core.owners import resolve_owner
from limnorm.core.period import PeriodKind, nl_date
from limnorm.core.suggest import suggest
from limnorm.files.checklist import parse_checklist
from limnorm.files.loader import OWNER_SEPARATORS, parse_plan
from limnorm.files.settable import SETTABLE
from limnorm.files.yamledit import (
    Change,
    FileText,
    Value,
    find_entry,
    locked,
    read_text,
    render_value,
    set_key,
    value_text,
    write_atomically,
)

#: How ``limnorm set`` may write yes or no for ``mijlpaal`` (the file gets true/false).
_YES_NO = {"true": True, "ja": True, "false": False, "nee": False}


class EditResult(NamedTuple):
    """What an edit did: the file, the action or norm, and each value changed, with the
    warnings ``check`` would now give about what was written (a free-text owner)."""

    file: str
    target: str
    changes: tuple[Change, ...]
    warnings: tuple[Finding, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything was written (setting a value it already had writes nothing)."""
        return any(c.old != c.new for c in self.changes)


def parse_day(text: str) -> date:
    """A day: ``2024-03-04`` or any day form of ``wanneer`` (``4-3-24``).

    Raises:
        UsageError: not a single day.
    """
    try:
        period = parse_deadline(text)
    except DeadlineError as error:
        # The grammar's reason, with days as examples: its periods ('Q3 24') are no day.
        reason = error.message.split("; schrijf bijvoorbeeld ")[0]
        raise UsageError(f"{reason}; schrijf een dag, bijvoorbeeld 2024-03-04 of 4-3-24") from None
    if period.kind is not PeriodKind.DAG or period.begin is None:
        raise UsageError(f"'{text}' is geen dag; schrijf bijvoorbeeld 2024-03-04 of 4-3-24")
    return period.begin


def _not_after(day: date, as_of: date, about: Input | None = None) -> None:
    """Refuse a completion day after the peildatum (``done`` and ``set gereed_op``)."""
    if day > as_of:
        raise UsageError(
            f"{nl_date(day)} ligt na de peildatum {nl_date(as_of)}; een actie kan niet in de "
            "toekomst gereed zijn",
            about=about,
        )


def _action(plan: Plan, action_id: str) -> Action:
    for action in plan.actions():
        if action.id == action_id:
            return action
    known = [a.id for a in plan.actions()]
    raise UsageError(f"actie '{action_id}' staat niet in {plan.source}{suggest(action_id, known)}")


def _norm(checklist: Checklist, nr: str) -> Norm:
    for norm in checklist.norms():
        if norm.nr == nr:
            return norm
    known = [n.nr for n in checklist.norms()]
    raise UsageError(f"norm '{nr}' staat niet in {checklist.source}{suggest(nr, known)}")


def _shown(value: Value) -> str:
    if isinstance(value, date | bool | int):
        return render_value(value)
    return value if isinstance(value, str) else ", ".join(value)


def _apply(
    original: FileText,
    name: str,
    where: tuple[str, str, str, str],
    values: dict[str, Value],
) -> tuple[str, tuple[Change, ...]]:
    text = original.text
    changes = []
    for key, value in values.items():
        entry = find_entry(text, *where)
        old = value_text(entry, key)
        items = _sequence(entry, key)
        if old is None and items and all(isinstance(v, yaml.ScalarNode) for v in items):
            old = ", ".join(v.value for v in items)  # a list ([OOV, HRM]) has no scalar text
        if old == _shown(value):
            changes.append(Change(key, old, old))
            continue
        text = set_key(text, entry, key, value, file=name)
        changes.append(Change(key, old, _shown(value)))
    return text, tuple(changes)


def _sequence(entry: yaml.MappingNode, key: str) -> list[yaml.Node]:
    for key_node, value_node in entry.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return list(value_node.value)
    return []


def _edit(
    path: Path,
    name: str,
    target: str,
    prepare: Callable[[str], tuple[tuple[str, str, str, str], dict[str, Value]]],
    verify: Callable[[str], bool],
    warnings: Callable[[], tuple[Finding, ...]] = tuple,
) -> EditResult:
    """Lock, read, validate, splice, re-check and write one file."""
    with locked(path):
        original = read_text(path, name)
        where, values = prepare(original.text)
        text, changes = _apply(original, name, where, values)
        result = EditResult(name, target, changes)
        if not result.changed:
            return result
        if not verify(text):
            # A safety net: the splice must never produce a file that reads differently.
            raise DataError(
                "de wijziging zou het bestand anders laten lezen dan bedoeld; er is niets "
                "geschreven. Pas het bestand met de hand aan",
                Location(name),
            )
        write_atomically(original, text, name)
        return result._replace(warnings=warnings())


def edit_action(
    path: Path, name: str, action_id: str, values: dict[str, str], as_of: date | None = None
) -> EditResult:
    """Set fields of one action (``status``, ``wanneer``, ``actiehouder``, ``toelichting``,
    ``gereed_op``, ...) after validating each value; ``gereed_op`` may not lie after
    ``as_of`` (the peildatum; the command line always gives one).

    Raises:
        DataError: the file has errors, changed meanwhile, or cannot be written.
        UsageError: unknown action, unknown field, or a value that is not valid.
    """

    errors_before = 0
    warned_before: set[str] = set()
    warned_after: list[Finding] = []
    written: dict[str, Value] = {}
    where = ("themas", "acties", "id", action_id)

    def prepare(text: str) -> tuple[tuple[str, str, str, str], dict[str, Value]]:
        nonlocal errors_before
        loaded = parse_plan(text, name)
        plan = loaded.require()
        errors_before = len(loaded.errors)
        action = _action(plan, action_id)
        warned_before.update(f.message for f in _warnings_in_entry(loaded.findings, text, where))
        written.update(
            {key: _validated(plan, key, value, action, as_of) for key, value in values.items()}
        )
        return where, dict(written)

    def verify(text: str) -> bool:
        loaded = parse_plan(text, name)
        # No new fout: the edit may fix one (an unreadable wanneer), never add one.
        if len(loaded.errors) > errors_before or loaded.value is None:
            return False
        action = _action(loaded.value, action_id)
        warned_after.extend(
            f for f in _warnings_in_entry(loaded.findings, text, where)
            if f.message not in warned_before
        )  # fmt: skip
        return all(_holds(action, key, value) for key, value in written.items())

    return _edit(path, name, action_id, prepare, verify, lambda: tuple(warned_after))


def _warnings_in_entry(
    findings: Sequence[Finding], text: str, where: tuple[str, str, str, str]
) -> list[Finding]:
    """The warnings about one action: those placed on the lines of its entry."""
    entry = find_entry(text, *where)
    first, last = entry.start_mark.line + 1, entry.end_mark.line + 1
    return [
        f for f in findings
        if f.severity is Severity.WAARSCHUWING and first <= (f.location.line or 0) <= last
    ]  # fmt: skip


def _printable(value: str) -> str:
    """The value, if it holds only characters a data file should hold.

    Raises:
        UsageError: control characters (other than newline and tab) or broken ones.
    """
    for char in value:
        code = ord(char)
        if (code < 0x20 and char not in "\n\t") or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
            raise UsageError(
                f"de waarde bevat een stuurteken of ongeldig teken (U+{code:04X}); typ haar opnieuw"
            )
    return value


def _validated(plan: Plan, key: str, value: str, action: Action, as_of: date | None) -> Value:
    value = _printable(value)
    if key == "status":
        try:
            return Status(value.strip().lower()).value
        except ValueError:
            choices = [s.value for s in Status]
            raise UsageError(
                f"onbekende status '{value}'{suggest(value, choices)}; "
                f"kies uit {', '.join(choices)}"
            ) from None
    if key == "wanneer":
        theme = plan.theme(action.thema)
        try:
            parse_deadline(value, year=(theme.jaar if theme else None) or plan.jaar)
        except DeadlineError as error:
            raise UsageError(f"wanneer: {error.message}") from None
        return value.strip()
    if key == "actiehouder":
        return _owner_value(plan, value)
    if key == "toelichting":
        if not value.strip():
            raise UsageError("een lege toelichting schrijft limnorm niet; pas het bestand aan")
        return value.strip()
    if key == "gereed_op":
        try:
            day = parse_day(value)
        except UsageError as error:
            raise UsageError(f"gereed_op: {error.message}") from None
        if as_of is not None:
            _not_after(day, as_of)
        return day
    if key == "voortgang":
        return _percentage(value)  # a number in the file, like 'voortgang: 40'
    if key == "mijlpaal":
        answer = _YES_NO.get(value.strip().lower())
        if answer is None:
            raise UsageError(f"mijlpaal '{value}': schrijf true of false (of ja of nee)")
        return answer
    if key == "oorspronkelijk":
        if not value.strip():
            raise UsageError("een lege oorspronkelijke deadline schrijft limnorm niet")
        return value.strip()
    raise UsageError(f"'{key}' kan niet met 'limnorm set'; kies uit {', '.join(SETTABLE)}")


def _owner_value(plan: Plan, value: str) -> Value:
    """What ``set`` writes for ``actiehouder``: whatever the plan format accepts.

    Codes or full names separated by commas become a list of codes ("oov,hrm" →
    ``[OOV, HRM]``); one known code or name becomes that code; anything else is written as
    given (a compound such as "OOV/JZ" that the loader splits, a team, a partner): at most
    a warning, as in ``check``. Only an empty owner is refused.
    """
    text = " ".join(value.split())
    if not text or text in ("-", NO_OWNER):
        raise UsageError("geef minstens één actiehouder, bijvoorbeeld OOV of OOV,HRM")
    codes: list[str] = []
    for part in text.split(","):
        try:
            codes.append(resolve_owner(plan, part))
        except UsageError:
            return text
    codes = [c for c in codes if c != NO_OWNER]
    if not codes:
        return text
    return codes[0] if len(codes) == 1 else codes


def _percentage(value: str) -> int:
    """``40`` or ``40%`` as a whole percentage 0-100.

    Raises:
        UsageError: anything else.
    """
    text = value.strip().removesuffix("%").strip()
    if text.isdigit() and int(text) <= 100:
        return int(text)
    raise UsageError(f"voortgang '{value}': geef een percentage van 0 tot en met 100, zoals 40")


def _holds(action: Action, key: str, value: Value) -> bool:
    """Whether the reloaded action holds the value written (as validated)."""
    if key == "actiehouder":
        if isinstance(value, str):
            # Kept whole, or split by the loader into known codes ("OOV/JZ").
            parts = [p.lower() for p in OWNER_SEPARATORS.split(value) if p]
            found = [c.lower() for c in action.actiehouders]
            return action.actiehouders == (value,) or found == parts
        return isinstance(value, list) and list(action.actiehouders) == value
    if key == "status":
        return action.status.value == value
    if key == "mijlpaal":
        return action.mijlpaal is value
    expected = {
        "wanneer": action.wanneer,
        "toelichting": action.toelichting,
        "gereed_op": action.gereed_op,
        "voortgang": action.voortgang,
        "oorspronkelijk": action.oorspronkelijk,
    }
    return key in expected and expected[key] == value


def mark_done(path: Path, name: str, action_id: str, day: date, as_of: date) -> EditResult:
    """Mark an action ``gereed`` on ``day``.

    Raises:
        UsageError: ``day`` lies after ``as_of`` (a completion in the future).
    """
    _not_after(day, as_of, Input.DONE_DAY)
    return edit_action(
        path,
        name,
        action_id,
        {"status": Status.GEREED.value, "gereed_op": day.isoformat()},
        as_of,
    )


def answer_norm(path: Path, name: str, nr: str, answer: str, toelichting: str | None) -> EditResult:
    """Set a norm's ``antwoord`` (and ``toelichting``) in the checklist.

    Raises:
        UsageError: unknown norm or answer, or ``nvt`` without a toelichting.
        DataError: the file has errors, changed meanwhile, or cannot be written.
    """

    def prepare(text: str) -> tuple[tuple[str, str, str, str], dict[str, Value]]:
        checklist = parse_checklist(text, name).require_clean()
        norm = _norm(checklist, nr)
        value = _answer(checklist, answer)
        has_reason = bool((toelichting or norm.toelichting or "").strip())
        if value is Answer.NVT and not has_reason:
            raise UsageError("antwoord 'nvt' vraagt een toelichting", remedy=Input.NOTE)
        values: dict[str, Value] = {"antwoord": value.value}
        if toelichting is not None:
            _printable(toelichting)
            if not toelichting.strip():
                raise UsageError("een lege toelichting schrijft limnorm niet")
            values["toelichting"] = toelichting.strip()
        return ("themas", "normen", "nr", nr), values

    def verify(text: str) -> bool:
        loaded = parse_checklist(text, name)
        if loaded.errors or loaded.value is None:
            return False
        norm = _norm(loaded.value, nr)
        wanted = _answer(loaded.value, answer)
        return norm.antwoord is wanted and (
            toelichting is None or norm.toelichting == toelichting.strip()
        )

    return _edit(path, name, nr, prepare, verify)


def _answer(checklist: Checklist, text: str) -> Answer:
    normalised = normalise_answer(text)
    choices: Sequence[str] = [a.value for a in checklist.schaal]
    try:
        answer = Answer(normalised)
    except ValueError:
        raise UsageError(
            f"onbekend antwoord '{text}'{suggest(normalised, choices)}; kies uit "
            f"{', '.join(choices)}"
        ) from None
    if answer not in checklist.schaal:
        raise UsageError(f"antwoord '{text}' staat niet in de antwoordschaal van de checklist")
    return answer
