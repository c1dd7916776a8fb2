"""Load ``spoorboekje.yaml`` into a :class:`Plan`, reporting every problem with its place."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DataError, DeadlineError, Location
from limnorm.core.models import STATUSES, Action, Finding, Places, Plan, Severity, Status, Theme
from limnorm.core.period import Period
from limnorm.files.checks import Checker, mixed_script_findings, suggest
from limnorm.files.yamlsource import Node, parse_yaml, read_file

T = TypeVar("T", covariant=True)

PLAN_FILE = "spoorboekje.yaml"
CHECKLIST_FILE = "checklist.yaml"
THEME_NUMBERS = range(7)  # 0 is the 0-meting, 1-6 the norm's themes

_TOP_REQUIRED = ("organisatie", "themas")
_TOP_OPTIONAL = ("titel", "kenmerk", "documentnr", "actiehouders")
_THEME_REQUIRED = ("nr", "titel")
_THEME_OPTIONAL = ("acties",)
_ACTION_REQUIRED = ("id", "actie", "wanneer", "actiehouder")
_ACTION_OPTIONAL = ("toelichting", "status", "gereed_op")


class Loaded(NamedTuple, Generic[T]):
    """What a loader returns: the value (``None`` when unusable) and all findings."""

    value: T | None
    findings: tuple[Finding, ...]
    file: str

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Only the findings that are errors."""
        return tuple(f for f in self.findings if f.severity is Severity.FOUT)

    def require(self) -> T:
        """The value, or a :class:`DataError` listing every error found."""
        errors = self.errors
        if self.value is not None and not errors:
            return self.value
        lines = "\n".join(f"  {f}" for f in errors)
        first = errors[0].location if errors else Location(self.file)
        raise DataError(
            f"{self.file} bevat {len(errors)} fout(en); herstel ze eerst "
            f"('limnorm check' toont alles):\n{lines}",
            None if errors else first,
        )


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
    return Loaded(None, (Finding(Severity.FOUT, error.message, location),), file)


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
    root, findings = parse_yaml(text, file)
    checker = Checker(findings)
    value = None
    if root is None:
        checker.error(empty, Location(file, 1, 1))
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
    fields = checker.mapping(root, "het spoorboekje", _TOP_REQUIRED, _TOP_OPTIONAL)
    if fields is None:
        return None
    owners = _owners(fields.get("actiehouders"), checker)
    if "actiehouders" not in fields:
        checker.warn(
            "geen 'actiehouders' opgegeven; actiehouders worden niet gecontroleerd",
            root.location,
        )
    themes: list[Theme] = []
    seen_ids: dict[str, Node] = {}
    seen_themes: dict[int, Location] = {}
    for theme_node in checker.items(fields.get("themas"), "themas"):
        theme = _theme(theme_node, checker, owners, seen_ids, seen_themes)
        if theme is not None:
            themes.append(theme)
    return Plan(
        organisatie=checker.text(fields.get("organisatie"), "organisatie") or "",
        themas=tuple(themes),
        actiehouders=owners if owners is not None else {},
        titel=checker.text(fields.get("titel"), "titel"),
        kenmerk=checker.text(fields.get("kenmerk"), "kenmerk", numbers=True),
        documentnr=checker.text(fields.get("documentnr"), "documentnr", numbers=True),
        source=file,
    )


def _owners(node: Node | None, checker: Checker) -> dict[str, str | None] | None:
    if node is None:
        return None
    if not isinstance(node.value, dict):
        checker.error(
            "'actiehouders' moet codes met hun volledige naam geven, zoals 'OOV: Openbare Orde "
            "en Veiligheid'",
            node.location,
        )
        return None
    return {code: checker.text(value, code) for code, value in node.value.items()}


def _theme(
    node: Node,
    checker: Checker,
    owners: dict[str, str | None] | None,
    seen_ids: dict[str, Node],
    seen_themes: dict[int, Location],
) -> Theme | None:
    fields = checker.mapping(node, "een thema", _THEME_REQUIRED, _THEME_OPTIONAL)
    if fields is None:
        return None
    nr = checker.integer(fields.get("nr"), "nr")
    if nr is None:
        return None
    where = fields["nr"].location
    if nr not in THEME_NUMBERS:
        checker.error(
            f"thema {nr} bestaat niet; gebruik 0 voor de 0-meting en 1 t/m 6 voor de thema's "
            "van de Limburgse Norm",
            where,
        )
    if nr in seen_themes:
        checker.error(
            f"thema {nr} staat er twee keer in (eerder op regel {seen_themes[nr].line})", where
        )
    seen_themes.setdefault(nr, where)
    actions = []
    for action_node in checker.items(fields.get("acties"), "acties"):
        action = _action(action_node, nr, checker, owners, seen_ids)
        if action is not None:
            actions.append(action)
    titel = checker.text(fields.get("titel"), "titel") or ""
    return Theme(nr=nr, titel=titel, acties=tuple(actions))


def _action(
    node: Node,
    theme: int,
    checker: Checker,
    owners: dict[str, str | None] | None,
    seen_ids: dict[str, Node],
) -> Action | None:
    before = len(checker.findings)
    fields = checker.mapping(node, "een actie", _ACTION_REQUIRED, _ACTION_OPTIONAL)
    if fields is None:
        return None
    # An unquoted id such as 1.10 is read by YAML as a number; its text keeps "1.10".
    action_id = checker.text(fields.get("id"), "id", numbers=True)
    if action_id is not None:
        id_node = fields["id"]
        if action_id in seen_ids:
            checker.error(
                f"id '{action_id}' is al gebruikt op regel {seen_ids[action_id].location.line}; "
                "elk id moet uniek zijn",
                id_node.location,
            )
        seen_ids.setdefault(action_id, id_node)
        prefix = action_id.partition(".")[0]
        if prefix.isdigit() and int(prefix) != theme:
            checker.warn(f"id '{action_id}' staat onder thema {theme}", id_node.location)
    actie = checker.text(fields.get("actie"), "actie")
    if ("actie" in fields and fields["actie"].value in (None, "")) or (
        actie is not None and not actie.strip()
    ):
        checker.error("'actie' is leeg; beschrijf wat er gedaan wordt", fields["actie"].location)
    wanneer_node = fields.get("wanneer")
    wanneer = "" if wanneer_node is None or wanneer_node.text is None else wanneer_node.text
    period = None
    if wanneer_node is not None:
        if isinstance(wanneer_node.value, list | dict):
            checker.error("'wanneer' moet één datum of periode zijn", wanneer_node.location)
        else:
            try:
                period = _deadline(wanneer)
            except DeadlineError as error:
                checker.error(f"wanneer: {error.message}", wanneer_node.location)
    holders = _holders(fields.get("actiehouder"), checker, owners)
    status = _status(fields.get("status"), checker)
    gereed_op = checker.day(fields.get("gereed_op"), "gereed_op")
    toelichting = checker.text(fields.get("toelichting"), "toelichting")
    if gereed_op is not None and status is not Status.GEREED:
        checker.warn(
            f"'gereed_op' is ingevuld maar de status is '{status}'; zet 'status: gereed'",
            fields["gereed_op"].location,
        )
    failed = len(checker.findings) > before and any(
        f.severity is Severity.FOUT for f in checker.findings[before:]
    )
    if failed or action_id is None or actie is None or period is None:
        return None
    return Action(
        id=action_id,
        thema=theme,
        actie=actie,
        wanneer=wanneer,
        period=period,
        actiehouders=holders,
        status=status,
        toelichting=toelichting,
        gereed_op=gereed_op,
        location=node.location,
        where=Places(fields),
    )


@functools.lru_cache(maxsize=4096)
def _deadline(wanneer: str) -> Period:
    # A plan repeats its deadlines ("Q3 24" ten times); the engine is pure, so the
    # loader remembers readings. Errors are not cached and are raised each time.
    return parse_deadline(wanneer)


def _holders(
    node: Node | None, checker: Checker, owners: dict[str, str | None] | None
) -> tuple[str, ...]:
    if node is None:
        return ()
    values = node.value if isinstance(node.value, list) else [node]
    codes: list[str] = []
    for item in values:
        code = checker.text(item, "actiehouder")
        if code is None:
            continue
        code = code.strip()
        if not code:
            checker.error("'actiehouder' is leeg; vul een afdelingscode in", item.location)
        elif owners is not None and code not in owners:
            known = ", ".join(owners) or "(geen)"
            checker.error(
                f"actiehouder '{code}' staat niet onder 'actiehouders'{suggest(code, owners)}; "
                f"bekend: {known}. Voeg de code daar toe of verbeter de spelling",
                item.location,
            )
        else:
            codes.append(code)
    return tuple(codes)


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
