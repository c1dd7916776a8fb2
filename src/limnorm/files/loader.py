"""Load ``spoorboekje.yaml`` into a :class:`Plan`, reporting every problem with its place."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, TypeVar

from limnorm.core.address import is_email_address
from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DataError, DeadlineError, Location
from limnorm.core.models import (
    STATUSES,
    Action,
    Finding,
    Owner,
    Places,
    Plan,
    Severity,
    Status,
    Theme,
)
from limnorm.core.period import Period, PeriodKind
from limnorm.core.suggest import suggest
from limnorm.files.checks import Checker, mixed_script_findings
from limnorm.files.yamlsource import Node, read_file

T = TypeVar("T", covariant=True)

PLAN_FILE = "spoorboekje.yaml"
CHECKLIST_FILE = "checklist.yaml"

_TOP_REQUIRED = ("organisatie", "themas")
_TOP_OPTIONAL = ("titel", "kenmerk", "documentnr", "actiehouders", "jaar")
_THEME_REQUIRED = ("nr", "titel")
_THEME_OPTIONAL = ("acties", "jaar")
_ACTION_REQUIRED = ("id", "actie", "wanneer")
_ACTION_OPTIONAL = (
    "actiehouder", "toelichting", "status", "gereed_op", "voortgang", "mijlpaal",
    "oorspronkelijk",
)  # fmt: skip
_OWNER_KEYS = ("naam", "email")
#: Years a ``jaar:`` may give: anything else is a typo, not a plan.
_YEARS = range(1900, 2200)


class Loaded(NamedTuple, Generic[T]):
    """What a loader returns: the value (``None`` when unusable) and all findings."""

    value: T | None
    findings: tuple[Finding, ...]
    file: str

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Only the findings that are errors (fataal or fout)."""
        return tuple(f for f in self.findings if f.severity is not Severity.WAARSCHUWING)

    def require(self) -> T:
        """The value, or a :class:`DataError` when the file is unusable (``fataal``).

        A file with only ``fout`` findings is usable: the value leaves out or marks what
        they concern, and :attr:`error_summary` says so in one line.
        """
        if self.value is not None:
            return self.value
        return self.require_clean()

    def require_clean(self) -> T:
        """The value, or a :class:`DataError` listing every error found (for files that
        are used only when they have no error at all: the checklist, a file being edited)."""
        errors = self.errors
        if self.value is not None and not errors:
            return self.value
        lines = "\n".join(f"  {f}" for f in errors)
        first = errors[0].location if errors else Location(self.file)
        if self.value is None:  # fataal: the file as a whole cannot be used
            what = "is niet te gebruiken; herstel eerst"
        else:
            what = f"bevat {len(errors)} fout(en); herstel ze eerst"
        raise DataError(
            f"{self.file} {what} ('limnorm check' toont alles):\n{lines}",
            None if errors else first,
        )

    @property
    def error_summary(self) -> str | None:
        """``2 fouten in spoorboekje.yaml; zie 'limnorm check'``, or None without errors."""
        return errors_line(sum(f.severity is Severity.FOUT for f in self.findings), self.file)


def errors_line(count: int, file: str) -> str | None:
    """The one line other commands than ``check`` print about a file's ``fout`` findings."""
    if not count:
        return None
    return f"{count} {'fout' if count == 1 else 'fouten'} in {file}; zie 'limnorm check'"


def load_plan(path: Path, file: str | None = None) -> Loaded[Plan]:
    """Read and validate a spoorboekje.

    Args:
        path: the file to read.
        file: how to name the file in messages (default: ``str(path)``).

    Returns:
        The plan with every finding; the plan is ``None`` when the file cannot
        be read at all. Findings are sorted by place.
    """
    return load_document(path, file or str(path), parse_plan)


def _failed(error: DataError, file: str) -> Loaded[T]:
    location = error.location or Location(file)
    return Loaded(None, (Finding(Severity.FATAAL, error.message, location),), file)


def load_document(path: Path, name: str, parse: Callable[[str, str], Loaded[T]]) -> Loaded[T]:
    """Read a data file and run ``parse`` on it; reading errors become findings too."""
    try:
        text = read_file(path, name)
    except DataError as error:
        return _failed(error, name)
    return parse_text(text, name, parse)


def parse_text(text: str, file: str, parse: Callable[[str, str], Loaded[T]]) -> Loaded[T]:
    """Run a parser, turning a fatal DataError (not YAML at all) into a finding."""
    try:
        return parse(text, file)
    except DataError as error:
        return _failed(error, file)


def parse_document(
    text: str, file: str, empty: str, build: Callable[[Node, Checker, str], T | None]
) -> Loaded[T]:
    """Parse YAML text and ``build`` a value from it, collecting every finding.

    Args:
        empty: the message for a file that holds nothing.
        build: makes the value from the node tree, reporting problems to the checker.

    Raises:
        DataError: the text is not YAML at all.
    """
    # PyYAML is imported on the first parse, not with this module: a region read
    # entirely from the cache parses nothing, and the import is ~25 ms of its start-up.
    from limnorm.files.yamltree import parse_yaml

    root, findings = parse_yaml(text, file)
    checker = Checker(findings)
    value = None
    if root is None:
        checker.fatal(empty, Location(file, 1, 1))
    else:
        value = build(root, checker, file)
        checker.findings.extend(mixed_script_findings(text, root))
    ordered = sorted(checker.findings, key=lambda f: (f.location.line, f.location.column))
    return Loaded(value, tuple(ordered), file)


def parse_plan(text: str, file: str) -> Loaded[Plan]:
    """Validate spoorboekje text; see :func:`load_plan`.

    Raises:
        DataError: the text is not YAML at all.
    """
    return parse_document(
        text,
        file,
        "het bestand is leeg; een spoorboekje begint met 'organisatie:' en 'themas:' "
        "('limnorm init' maakt een leeg spoorboekje)",
        _plan,
    )


def _plan(root: Node, checker: Checker, file: str) -> Plan | None:
    # Only a file that is not a mapping at all is unusable (fataal); every other problem
    # is a fout about one field or action, and the plan is used without it.
    fields = checker.mapping(
        root, "het spoorboekje", _TOP_REQUIRED, _TOP_OPTIONAL, keep_unknown=True, top=True
    )
    if fields is None:
        return None
    owners = _owners(fields.get("actiehouders"), checker)
    year = _year(fields.get("jaar"), checker)
    themes: list[Theme] = []
    seen_ids: dict[str, Node] = {}
    seen_themes: dict[int, Location] = {}
    for theme_node in checker.items(fields.get("themas"), "themas"):
        theme = _theme(theme_node, checker, owners, seen_ids, seen_themes, year)
        if theme is not None:
            themes.append(theme)
    return Plan(
        organisatie=checker.text(fields.get("organisatie"), "organisatie") or "",
        themas=tuple(themes),
        actiehouders=owners,
        titel=checker.text(fields.get("titel"), "titel"),
        kenmerk=checker.text(fields.get("kenmerk"), "kenmerk", numbers=True),
        documentnr=checker.text(fields.get("documentnr"), "documentnr", numbers=True),
        source=file,
        jaar=year,
        fouten=sum(f.severity is Severity.FOUT for f in checker.findings),
    )


def _year(node: Node | None, checker: Checker) -> int | None:
    """``jaar:``, the year for deadlines written without one."""
    year = checker.integer(node, "jaar")
    if node is not None and year is not None and year not in _YEARS:
        checker.error(f"jaar {year} klopt niet; schrijf een jaartal zoals 2026", node.location)
        return None
    return year


def _owners(node: Node | None, checker: Checker) -> dict[str, Owner]:
    """``actiehouders``: each code with its full name, or a block with naam and email."""
    if node is None or node.value is None:
        return {}
    if not isinstance(node.value, dict):
        checker.error(
            "'actiehouders' moet codes met hun volledige naam geven, zoals 'OOV: Openbare Orde "
            "en Veiligheid'",
            node.location,
        )
        return {}
    owners = {}
    for code, value in node.value.items():
        if isinstance(value.value, dict):
            fields = checker.mapping(value, f"actiehouder '{code}'", (), _OWNER_KEYS) or {}
            naam = checker.text(fields.get("naam"), "naam")
            email = checker.text(fields.get("email"), "email")
            if email and not is_email_address(email.strip()):
                checker.error(
                    f"actiehouder '{code}': '{email.strip()}' is geen e-mailadres; schrijf "
                    "alleen het adres, zoals oov@gemeente.nl (herinneringen aan deze "
                    "actiehouder worden niet verstuurd)",
                    fields["email"].location,
                )
            owners[code] = Owner(code, naam, email.strip() if email else None)
        else:
            owners[code] = Owner(code, checker.text(value, code))
    return owners


def _theme(
    node: Node,
    checker: Checker,
    owners: dict[str, Owner],
    seen_ids: dict[str, Node],
    seen_themes: dict[int, Location],
    plan_year: int | None,
) -> Theme | None:
    fields = checker.mapping(node, "een thema", _THEME_REQUIRED, _THEME_OPTIONAL, keep_unknown=True)
    if fields is None:
        return None
    nr = checker.integer(fields.get("nr"), "nr")
    if nr is None:
        return None
    where = fields["nr"].location
    # Which themes a norm has is the checklist's to say (see cross_findings); a plan for
    # another programme numbers its themes freely.
    if nr < 0:
        checker.error(f"thema {nr} bestaat niet; een themanummer is 0 of hoger", where)
    if nr in seen_themes:
        checker.error(
            f"thema {nr} staat er twee keer in (eerder op regel {seen_themes[nr].line})", where
        )
    seen_themes.setdefault(nr, where)
    year = _year(fields.get("jaar"), checker)
    actions = []
    for action_node in checker.items(fields.get("acties"), "acties"):
        action = _action(action_node, nr, checker, owners, seen_ids, year or plan_year)
        if action is not None:
            actions.append(action)
    titel = checker.text(fields.get("titel"), "titel") or ""
    return Theme(nr=nr, titel=titel, acties=tuple(actions), jaar=year, location=where)


def _action(
    node: Node,
    theme: int,
    checker: Checker,
    owners: dict[str, Owner],
    seen_ids: dict[str, Node],
    year: int | None,
) -> Action | None:
    start = len(checker.findings)
    fields = checker.mapping(
        node, "een actie", _ACTION_REQUIRED, _ACTION_OPTIONAL, keep_unknown=True
    )
    if fields is None:
        return None
    action = _action_fields(node, fields, theme, checker, owners, seen_ids, year)
    if action is not None:
        # Every message about this action names it, so check's list reads without the file.
        checker.findings[start:] = [
            f._replace(message=f"actie {action.id}: {f.message}") for f in checker.findings[start:]
        ]
    return action


#: How deep an action's mapping stands in a plan: top, themas, a theme, acties, the action.
ACTION_DEPTH = 4


def parse_actions(
    text: str, file: str, theme: int, year: int | None, owners: dict[str, Owner]
) -> tuple[Action, ...] | None:
    """The actions in ``text``, a YAML list cut from one theme's ``acties``, read exactly
    as :func:`parse_plan` reads them in theme ``theme`` with ``year`` and ``owners`` (for
    ``history``, which reads again only the actions a commit changed). None when ``text``
    is not such a list, or an item is not an action with an id: only the whole plan can
    say what those are.

    Raises:
        DataError: the text is not YAML, or nests too deep for a plan.
    """
    from limnorm.files.yamltree import parse_yaml  # as in parse_document

    root, findings = parse_yaml(text, file, depth=ACTION_DEPTH - 1)
    if root is None or not isinstance(root.value, list):
        return None
    checker = Checker(findings)
    actions = []
    for node in root.value:
        action = _action(node, theme, checker, owners, {}, year)
        if action is None:
            return None
        actions.append(action)
    return tuple(actions)


def _action_fields(
    node: Node,
    fields: dict[str, Node],
    theme: int,
    checker: Checker,
    owners: dict[str, Owner],
    seen_ids: dict[str, Node],
    year: int | None,
) -> Action | None:
    wrong: list[str] = []  # what is wrong, for the views: "wanneer onleesbaar"
    findings = checker.findings

    def failed(before: int, label: str) -> None:
        # Most fields add no finding: the length test spares a scan per field (a region
        # loads ~16,000 actions cold).
        if len(findings) != before and checker.errors_since(before):
            wrong.append(label)

    # An unquoted id such as 1.10 is read by YAML as a number; its text keeps "1.10".
    action_id = checker.text(fields.get("id"), "id", numbers=True)
    if action_id is not None and not action_id.strip():
        checker.error(
            "'id' is leeg; geef de actie een uniek id, zoals \"1.1\"", fields["id"].location
        )
        action_id = None
    if action_id is not None:
        action_id = action_id.strip()
        id_node = fields["id"]
        if action_id in seen_ids:
            checker.error(
                f"id '{action_id}' is al gebruikt op regel {seen_ids[action_id].location.line}; "
                "elk id moet uniek zijn",
                id_node.location,
            )
            wrong.append("id dubbel")
        seen_ids.setdefault(action_id, id_node)
    before = len(checker.findings)
    actie = checker.text(fields.get("actie"), "actie")
    if ("actie" in fields and fields["actie"].value in (None, "")) or (
        actie is not None and not actie.strip()
    ):
        checker.error("'actie' is leeg; beschrijf wat er gedaan wordt", fields["actie"].location)
    failed(before, "actie ontbreekt")
    wanneer, period = _when(fields.get("wanneer"), checker, year, wrong)
    before = len(checker.findings)
    # Made once: it is the action's place and where a missing owner is reported (two
    # Locations per action were ~2% of parsing a cold region).
    place = node.location
    holders = _holders(fields.get("actiehouder"), checker, owners, place)
    failed(before, "actiehouder onleesbaar")
    before = len(checker.findings)
    status = _status(fields.get("status"), checker)
    failed(before, "status onleesbaar")
    before = len(checker.findings)
    gereed_op = checker.day(fields.get("gereed_op"), "gereed_op")
    failed(before, "gereed_op onleesbaar")
    before = len(checker.findings)
    toelichting = checker.text(fields.get("toelichting"), "toelichting")
    failed(before, "toelichting onleesbaar")
    if gereed_op is not None and status is not Status.GEREED:
        checker.warn(
            f"'gereed_op' is ingevuld maar de status is '{status}'; zet 'status: gereed'",
            fields["gereed_op"].location,
        )
    before = len(checker.findings)
    voortgang = _percentage(fields.get("voortgang"), checker)
    failed(before, "voortgang onleesbaar")
    before = len(checker.findings)
    mijlpaal = checker.boolean(fields.get("mijlpaal"), "mijlpaal", False)
    failed(before, "mijlpaal onleesbaar")
    before = len(checker.findings)
    oorspronkelijk = checker.text(fields.get("oorspronkelijk"), "oorspronkelijk", numbers=True)
    failed(before, "oorspronkelijk onleesbaar")
    if action_id is None:
        return None  # reported as missing or wrong; without an id nothing can name it
    extra = (
        {key: _plain(value) for key, value in fields.items() if key not in _ACTION_KEYS}
        if len(fields) > len(fields.keys() & _ACTION_KEYS)
        else None
    )
    return Action(
        id=action_id,
        thema=theme,
        actie=actie or "",
        wanneer=wanneer,
        period=period,
        actiehouders=holders,
        status=status,
        toelichting=toelichting,
        gereed_op=gereed_op,
        location=place,
        where=Places(fields),
        fouten=tuple(wrong),
        voortgang=voortgang,
        mijlpaal=mijlpaal,
        oorspronkelijk=oorspronkelijk,
        extra=MappingProxyType(extra) if extra else _NO_EXTRA,
        jaar=year,
    )


_ACTION_KEYS = frozenset((*_ACTION_REQUIRED, *_ACTION_OPTIONAL))
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})
_UNREADABLE = Period(None, None, PeriodKind.ONLEESBAAR)


def _when(
    node: Node | None, checker: Checker, year: int | None, wrong: list[str]
) -> tuple[str, Period]:
    """``wanneer`` as written and read; an unreadable one is a fout that marks the action."""
    if node is None:
        wrong.append("wanneer ontbreekt")
        return "", _UNREADABLE
    wanneer = "" if node.text is None else node.text
    if isinstance(node.value, list | dict):
        checker.error("'wanneer' moet één datum of periode zijn", node.location)
        wrong.append("wanneer onleesbaar")
        return wanneer, _UNREADABLE
    try:
        period = _deadline(wanneer, year)
    except DeadlineError as error:
        checker.error(f"wanneer: {error.message}", node.location)
        wrong.append("wanneer onleesbaar")
        return wanneer, _UNREADABLE
    if period.kind is PeriodKind.STATUS:
        checker.warn(
            f"'{wanneer}' is een status, geen deadline; zet 'status: {period.note}' en vul bij "
            "'wanneer' de deadline in (of 'n.t.b.')",
            node.location,
        )
    return wanneer, period


def _percentage(node: Node | None, checker: Checker) -> int | None:
    """``voortgang``: a whole percentage 0-100 (``40`` or ``40%``)."""
    if node is None or node.value is None:
        return None
    value = node.value
    if isinstance(value, str):  # "40%", or "40" as 'limnorm set' writes it
        text = value.strip().removesuffix("%").strip()
        value = int(text) if text.isdigit() else value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
        return value
    checker.error(
        f"'voortgang' moet een percentage van 0 tot en met 100 zijn, zoals 40, niet "
        f"'{node.text if node.text is not None else node.value}'",
        node.location,
    )
    return None


def _plain(node: Node) -> Any:
    """A value as JSON-ready data: text, numbers, yes/no, lists and blocks; days as ISO text."""
    value = node.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def deadline_of(wanneer: str, year: int | None) -> date | None:
    """The deadline a plan's ``wanneer`` gives, as :func:`parse_plan` reads it; None when
    it gives none or cannot be read."""
    try:
        return _deadline(wanneer, year).deadline
    except DeadlineError:
        return None


@functools.lru_cache(maxsize=4096)
def _deadline(wanneer: str, year: int | None) -> Period:
    # A plan repeats its deadlines ("Q3 24" ten times); the engine is pure, so the
    # loader remembers readings. Errors are not cached and are raised each time.
    return parse_deadline(wanneer, year=year)


#: Splits "OOV/JZ", "OOV en HRM", "OOV, HRM", "OOV + HRM" (not "&": "F&I" is one code).
OWNER_SEPARATORS = re.compile(r"\s*[/,+]\s*|\s+en\s+")


def _holders(
    node: Node | None, checker: Checker, owners: dict[str, Owner], action: Location
) -> tuple[str, ...]:
    """The owners of an action: codes from ``actiehouders``, or free text as written.

    A string naming several codes ("OOV/JZ") is split when every part is a known code;
    otherwise it stays whole. Free text, and a missing owner, are warnings.
    """
    values = [] if node is None else node.value if isinstance(node.value, list) else [node]
    start = len(checker.findings)
    codes: list[str] = []
    for item in values:
        text = checker.text(item, "actiehouder")
        if text is None or not text.strip():
            continue
        text = " ".join(text.split())
        if text in owners:
            codes.append(text)
            continue
        by_lower = {code.lower(): code for code in owners}  # only for a code not as listed
        parts = [p for p in OWNER_SEPARATORS.split(text) if p]
        known = [by_lower.get(p.lower()) for p in parts]
        if all(known) and (len(parts) > 1 or text.lower() in by_lower):
            codes.extend(code for code in known if code is not None)
            if len(parts) == 1:
                checker.warn(
                    f"actiehouder '{text}' is geschreven als '{known[0]}' onder "
                    "'actiehouders'; gebruik dezelfde schrijfwijze",
                    item.location,
                )
            continue
        codes.append(text)
        if owners:
            checker.warn(
                f"actiehouder '{text}' staat niet onder 'actiehouders'{suggest(text, owners)}; "
                f"bekend: {', '.join(owners)}. Een team of partner mag; anders: voeg de code "
                "toe of verbeter de spelling",
                item.location,
            )
    if not codes and not checker.errors_since(start):
        checker.warn(
            "geen actiehouder; vul 'actiehouder:' in ('limnorm due' toont de actie onder "
            "'(geen actiehouder)')",
            node.location if node is not None else action,
        )
    return tuple(dict.fromkeys(codes))


def _status(node: Node | None, checker: Checker) -> Status:
    if node is None or node.value is None:
        return Status.OPEN
    text = checker.text(node, "status")
    if text is None:
        return Status.OPEN
    status = STATUSES.get(text.strip().lower())
    if status is None:
        choices = [s.value for s in Status]
        checker.error(
            f"onbekende status '{text}'{suggest(text, choices)}; kies uit {', '.join(choices)}",
            node.location,
        )
        return Status.OPEN
    return status
