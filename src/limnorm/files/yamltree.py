"""libyaml's node tree to :class:`~limnorm.files.yamlsource.Node` values.

PyYAML's loaders forget positions and silently keep the last of two equal
keys. Here libyaml's C parser composes the node tree and a small walker builds
Node values with line and column, reporting duplicate keys, unsafe tags and
alias bombs as located findings. Only the plain YAML types are built (text,
numbers, booleans, null, dates, lists, mappings). Imported only when a file is
actually parsed (see :func:`parse_yaml`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import yaml

from limnorm.core.errors import DataError, Location
from limnorm.core.models import Finding, Severity
from limnorm.files.yamlsource import MAX_ALIASES, MAX_DEPTH, MAX_NODES, Node, refuse_conflict

_STD = "tag:yaml.org,2002:"
_STR = f"{_STD}str"
_NO_KEYS: Mapping[str, Any] = MappingProxyType({})
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}

try:  # libyaml is in PyYAML's wheels; the pure-Python fallback keeps source installs working.
    _SafeLoader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader

#: The safe loader's implicit types (int, float, bool, null, timestamp, ...) by the first
#: character of a plain scalar, as PyYAML keeps them; and those tried for any character.
_IMPLICIT: dict[Any, list[tuple[str, Any]]] = _SafeLoader.yaml_implicit_resolvers
_ANY_CHARACTER: tuple[tuple[str, Any], ...] = tuple(_IMPLICIT.get(None, ()))


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, resolving tags exactly as PyYAML does with less Python per node.

    The composer calls these three methods for every node, from C. PyYAML's versions
    also serve path resolvers, which the safe loader never has; without that work the
    33 plans and checklists of benchmarks/region.py (210,000 nodes) compose in ~0.5 s
    instead of ~0.6 s of CPU (best of 15, two runs), a sixth less, and composing is half
    of parsing. The tags are PyYAML's own (tests/test_yamlsource.py compares them).
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None  # path resolvers only

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return str(super().resolve(kind, value, implicit))
        if implicit[0]:  # a plain scalar: the first implicit type whose pattern matches
            for tag, pattern in _IMPLICIT.get(value[:1], ()):
                if pattern.match(value):
                    return tag
            for tag, pattern in _ANY_CHARACTER:
                if pattern.match(value):
                    return tag
        return _STR

# libyaml refuses deep nesting itself from PyYAML 6.0.3 on, at a process-wide level
# (1000 by default). Left at that, the same file was refused at the 1000th level by
# one install and at MAX_DEPTH by the walker on another (where composing succeeds):
# two messages, two places. Set to the walker's limit, both stop at the same node.
try:
    import yaml._yaml as _libyaml

    # Absent in older PyYAML: there the walker's limit holds alone.
    _limit_nesting: Callable[[int], None] | None = getattr(_libyaml, "_set_max_nest_level", None)
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _limit_nesting = None
TOO_DEEP = "de gegevens zijn te diep genest; dit lijkt geen spoorboekje of checklist"

#: PyYAML's problem texts (libyaml's, and the pure-Python parser's where they differ), as
#: (problem fragment, context fragment, Dutch message with what to do). The first entry
#: whose fragments both occur wins; an empty context fragment matches any context.
#: ``{start}`` becomes where the quoted text, list or block began (" (begonnen op regel
#: 3, kolom 14)") when that is another line, ``{earlier}`` where the first of two was
#: (" (eerder op regel 1, kolom 4)"), ``{char}`` the character found. Nothing English
#: reaches the user: a text not in this table gets the general message.
_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("found unexpected end of stream", "quoted scalar",
     "het bestand houdt op midden in tekst tussen aanhalingstekens{start}; zet het "
     "sluitende aanhalingsteken"),
    ("found unexpected end of stream", "",
     "het bestand houdt op midden in een waarde{start}; ontbreekt een sluitend "
     "aanhalingsteken of haakje?"),
    ("found unexpected document indicator", "",
     "'---' of '...' aan het begin van een regel midden in tekst tussen "
     "aanhalingstekens{start}; ontbreekt een sluitend aanhalingsteken?"),
    ("found unknown escape character", "",
     "onbekend teken na '\\' in tekst tussen dubbele aanhalingstekens; schrijf '\\\\' "
     "voor een backslash, of zet de tekst tussen enkele aanhalingstekens"),
    ("hexdecimal number", "",
     "na \\x, \\u of \\U horen cijfers 0-9 en letters a-f; schrijf '\\\\' voor een "
     "backslash, of zet de tekst tussen enkele aanhalingstekens"),
    ("unicode character escape", "",
     "na \\u of \\U staat geen bestaand teken; schrijf '\\\\' voor een backslash, of zet "
     "de tekst tussen enkele aanhalingstekens"),
    ("mapping values are not allowed", "",
     "dubbele punt op een plek waar dat niet mag; zet tekst met ': ' erin tussen "
     "aanhalingstekens, of controleer het inspringen"),
    ("could not find expected ':'", "",
     "dubbele punt verwacht na de sleutel{start}; schrijf 'sleutel: waarde', of "
     "controleer het inspringen"),
    ("did not find expected key", "",
     "sleutel verwacht; deze regel hoort even ver in te springen als de sleutels van het "
     "blok{start}, en een waarde die na een aanhalingsteken doorgaat hoort helemaal tussen "
     "aanhalingstekens"),
    ("expected <block end>", "",
     "sleutel of '-' verwacht; controleer het inspringen{start}"),
    ("did not find expected '-'", "",
     "'-' verwacht; controleer het inspringen van de lijst{start}"),
    ("expected ',' or ']'", "",
     "',' of ']' verwacht in de lijst tussen [ en ]{start}; sluit de lijst af met ']'"),
    ("expected ',' or '}'", "",
     "',' of '}}' verwacht in het blok tussen {{ en }}{start}; sluit het blok af met '}}'"),
    ("did not find expected node content", "flow",
     "waarde verwacht{start}; sluit een lijst die met '[' begint af met ']', en een blok "
     "dat met '{{' begint met '}}'"),
    ("expected node content", "",
     "waarde verwacht; controleer de regel (een '-' of ':' zonder waarde erna?)"),
    ("block sequence entries are not allowed", "",
     "een '-' (lijst) op een plek waar dat niet mag; controleer het inspringen"),
    ("mapping keys are not allowed", "",
     "een sleutel op een plek waar dat niet mag; controleer het inspringen"),
    ("found unexpected ':'", "",
     "onverwachte dubbele punt; zet de tekst tussen aanhalingstekens"),
    ("undefined alias", "",
     "verwijzing (*naam) naar een anker (&naam) dat er niet is; schrijf de waarde voluit, "
     "of zet tekst die met '*' begint tussen aanhalingstekens"),
    ("second occurrence", "duplicate anchor",
     "anker (&naam) staat er voor de tweede keer{earlier}; geef elk anker een eigen naam"),
    ("found another document", "",
     "een tweede YAML-document (na '---'); zet alles in één document en haal de '---' weg"),
    ("expected a single document", "",
     "een tweede YAML-document (na '---'); zet alles in één document en haal de '---' weg"),
    ("alphabetic or numeric character", "",
     "na '&' of '*' hoort een naam; zet tekst die met & of * begint tussen aanhalingstekens"),
    ("anchor value must", "",
     "na '&' hoort een naam; zet tekst die met & begint tussen aanhalingstekens"),
    ("alias value must", "",
     "na '*' hoort een naam; zet tekst die met * begint tussen aanhalingstekens"),
    ("", "scanning a tag",
     "onleesbare tag (tekst die met '!' begint); zet de waarde tussen aanhalingstekens"),
    ("tag", "",
     "onleesbare tag (tekst die met '!' begint); zet de waarde tussen aanhalingstekens"),
    ("duplicate %", "",
     "de regel '%YAML' of '%TAG' staat er twee keer; haal de regels die met '%' beginnen weg"),
    ("directive", "",
     "onbekende regel die met '%' begint; haal hem weg, of zet de waarde tussen "
     "aanhalingstekens"),
    ("version number", "",
     "onleesbare regel '%YAML'; haal hem weg"),
    ("digit or '.' character", "",
     "onleesbare regel '%YAML'; haal hem weg"),
    ("incompatible YAML document", "",
     "de regel '%YAML' noemt een versie die limnorm niet leest; haal hem weg"),
    ("indentation indicator", "",
     "na '|' of '>' mag alleen een cijfer 1 t/m 9, '+' of '-' staan; haal de 0 weg"),
    ("", "block scalar",
     "onleesbaar tekstblok na '|' of '>'; zet na | of > niets anders dan een nieuwe regel"),
    ("tab character", "",
     "tab-teken gevonden; spring in met spaties, niet met tabs"),
    ("found character '\\t'", "",
     "tab-teken gevonden; spring in met spaties, niet met tabs"),
    ("cannot start any token", "",
     "het teken '{char}' mag niet aan het begin van een waarde staan; zet de waarde "
     "tussen aanhalingstekens"),
    ("control characters are not allowed", "",
     "stuurteken gevonden dat niet in tekst mag staan; haal het weg"),
    ("unacceptable character", "",
     "teken gevonden dat niet in een YAML-bestand mag staan; haal het weg"),
    ("comment or line break", "",
     "onverwachte tekst aan het eind van de regel; zet de waarde tussen aanhalingstekens"),
    ("whitespace", "",
     "spatie verwacht; zet de waarde tussen aanhalingstekens"),
    ("non-alphabetical character", "",
     "onverwacht teken; zet de waarde tussen aanhalingstekens"),
    ("document start", "",
     "onverwachte tekst na het einde van het document; controleer het inspringen, of haal "
     "de regel weg"),
)  # fmt: skip

#: For a problem not in the table: still Dutch, with what to try.
_GENERAL = (
    "dit is geen geldige YAML; controleer deze regel: inspringen met spaties, aanhalingstekens "
    "die sluiten, en tekst met ': ' of '#' tussen aanhalingstekens"
)



class _Walker:
    """Builds :class:`Node` values from PyYAML's composed nodes."""

    __slots__ = ("aliased", "constructor", "file", "findings", "seen", "visited")

    def __init__(self, file: str, findings: list[Finding]) -> None:
        self.file = file
        self.findings = findings
        self.visited = 0
        self.aliased = 0
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def at(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def error(self, message: str, location: Location) -> None:
        self.findings.append(Finding(Severity.FOUT, message, location))

    def walk(self, node: yaml.Node, depth: int) -> Node:
        self.visited += 1
        if type(node) is not yaml.ScalarNode:
            if id(node) in self.seen:  # a second use of the same node: an alias
                self.aliased += 1
            self.seen.add(id(node))
        if self.visited > MAX_NODES or depth > MAX_DEPTH or self.aliased > MAX_ALIASES:
            if depth > MAX_DEPTH:
                raise DataError(TOO_DEEP, self.at(node))
            raise DataError(
                "de gegevens zijn te groot (na het uitvouwen); dit lijkt geen spoorboekje of "
                "checklist",
                self.at(node),
            )
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, f"{_STD}seq")
            return Node(
                [self.child(item, depth) for item in node.value], self.file, node.start_mark
            )
        return self.scalar(node)

    def child(self, node: yaml.Node, depth: int) -> Node:
        """An element or value of a collection at ``depth``.

        Plain text, by far the most common value, is built here without the
        checks a collection needs: one call less per value was a tenth of the walk.
        Scalars still count towards :data:`MAX_NODES` (checked at the next collection).
        """
        if node.tag == _STR and type(node) is yaml.ScalarNode:
            self.visited += 1
            return Node(node.value, self.file, node.start_mark, _NO_KEYS, node.value)
        return self.walk(node, depth + 1)

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            tag = str(node.tag).replace(_STD, "!!")  # as people write it
            raise DataError(
                f"YAML-tag '{tag}' is niet toegestaan; limnorm leest alleen gewone tekst, "
                "getallen, datums, lijsten en sleutels. Haal de tag weg.",
                self.at(node),
            )

    def mapping(self, node: yaml.MappingNode, depth: int) -> Node:
        self.check_tag(node, f"{_STD}map")
        values: dict[str, Node] = {}
        keys: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error("een sleutel moet een woord zijn, geen lijst of blok", self.at(key_node))
                continue
            key = str(key_node.value)
            if key in keys:
                first = keys[key].line + 1
                self.error(
                    f"sleutel '{key}' staat hier voor de tweede keer (eerder op regel {first}); "
                    "de eerste waarde zou stil verloren gaan: voeg ze samen",
                    self.at(key_node),
                )
                continue
            keys[key] = key_node.start_mark
            values[key] = self.child(value_node, depth)
        return Node(values, self.file, node.start_mark, keys)

    def scalar(self, node: yaml.Node) -> Node:
        tag = node.tag
        if tag == _STR:  # no construction needed
            return Node(node.value, self.file, node.start_mark, _NO_KEYS, node.value)
        if tag not in _SCALAR_TAGS:
            self.check_tag(node, _STR)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError):
            # e.g. 2024-02-30 looks like a date to YAML but is none.
            self.error(f"'{node.value}' is geen geldige waarde (bestaat de datum?)", self.at(node))
            value = None
        return Node(value, self.file, node.start_mark, text=node.value)


def parse_yaml(text: str, file: str, depth: int = 0) -> tuple[Node | None, list[Finding]]:
    """Parse YAML text into a :class:`Node` tree plus non-fatal findings.

    Returns ``None`` for a document that holds nothing (empty or only comments).
    ``depth``: how deep the text's root stands in the document it was cut from (the
    limit on nesting counts from the document's root).

    Raises:
        DataError: the text is not YAML, uses a forbidden tag, or is too deep or
            too large, with the line and column of the problem.
    """
    if _limit_nesting is not None:
        # Set each time: the level is global to the process.
        _limit_nesting(MAX_DEPTH + 1 - depth)
    if "<<<<<<<" in text:  # cheap test first: almost no file has one
        refuse_conflict(text, file)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        if "maximum nesting depth" in str(error.problem or error.context):
            raise DataError(TOO_DEEP, location) from None
        raise DataError(explain(error, text), location) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        raise DataError(
            f"stuurteken U+{error.character:04X} gevonden; zulke tekens mogen niet in een "
            "YAML-bestand staan (vaak meegekopieerd uit Word of een webpagina). Haal het weg",
            Location(file, line, column),
        ) from None
    except yaml.YAMLError:
        raise DataError(_GENERAL, Location(file)) from None
    finally:
        if depth and _limit_nesting is not None:
            _limit_nesting(MAX_DEPTH + 1)  # as for a whole file, for whoever parses next
    if root is None:
        return None, []
    findings: list[Finding] = []
    try:
        tree = _Walker(file, findings).walk(root, depth)
    except RecursionError:
        raise DataError("de gegevens zijn te diep genest", Location(file)) from None
    return tree, findings


def explain(error: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's English problem in Dutch, with what to do (see :data:`_PROBLEMS`)."""
    problem = str(error.problem or "")
    context = str(error.context or "")
    mark, begun = error.problem_mark, error.context_mark
    start = earlier = ""
    if begun is not None:
        where = f"regel {begun.line + 1}, kolom {begun.column + 1}"
        earlier = f" (eerder op {where})"
        if mark is None or begun.line != mark.line:
            start = f" (begonnen op {where})"
    char = text[mark.index : mark.index + 1] if mark is not None else ""
    if char == "\t":
        problem = "found character '\\t'"
    for english, around, dutch in _PROBLEMS:
        if english in problem and around in context and (english or around):
            return dutch.format(start=start, earlier=earlier, char=char)
    return _GENERAL
