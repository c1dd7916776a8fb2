"""Shared checks for data files: key sets, value types, suggestions, mixed scripts.

A :class:`Checker` collects located :class:`Finding` objects while the
loaders turn :class:`Node` trees into domain objects; it never raises for a
problem in the data, so ``check`` can report every problem in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import DeadlineError, Location
from limnorm.core.models import Finding, Severity
from limnorm.core.period import PeriodKind
from limnorm.core.suggest import suggest
from limnorm.files.yamlsource import Node


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "een blok met sleutels"
    if isinstance(value, list):
        return "een lijst"
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, int | float):
        return "een getal"
    return "tekst"


class Checker:
    """Collects findings for one file."""

    __slots__ = ("findings",)

    def __init__(self, findings: list[Finding] | None = None) -> None:
        self.findings = findings if findings is not None else []

    def error(self, message: str, location: Location) -> None:
        """Record an error (a ``fout``: ``check`` fails; other commands use the rest)."""
        self.findings.append(Finding(Severity.FOUT, message, location))

    def fatal(self, message: str, location: Location) -> None:
        """Record that the whole file cannot be used (``fataal``: every command exits 2)."""
        self.findings.append(Finding(Severity.FATAAL, message, location))

    def warn(self, message: str, location: Location) -> None:
        """Record a warning (shown by ``check`` only; fails only with ``--streng``)."""
        self.findings.append(Finding(Severity.WAARSCHUWING, message, location))

    @property
    def has_errors(self) -> bool:
        """Whether any finding so far is an error."""
        return any(f.severity is not Severity.WAARSCHUWING for f in self.findings)

    def errors_since(self, count: int) -> bool:
        """Whether an error was recorded after the first ``count`` findings."""
        return any(f.severity is Severity.FOUT for f in self.findings[count:])

    def mapping(
        self,
        node: Node,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        *,
        keep_unknown: bool = False,
        top: bool = False,
    ) -> dict[str, Node] | None:
        """Check that ``node`` is a mapping with known keys; report the rest.

        With ``keep_unknown`` other keys are allowed and returned too (a warning only for
        a likely typo); without, each is an error and left out. With ``top`` (a file's
        top level) a node that is not a mapping makes the whole file unusable (fataal).
        """
        if not isinstance(node.value, dict):
            (self.fatal if top else self.error)(
                f"{what} moet een blok met sleutels zijn, maar is {_kind_of(node.value)}",
                node.location,
            )
            return None
        values: dict[str, Node] = node.value
        known = (*required, *optional)
        unknown = values.keys() - known
        if unknown and keep_unknown:
            # An organisation's own column (budget, indicator) is kept as written; only a
            # key that looks like a typo of a known one is worth a warning.
            for key in node.key_marks:
                hint = suggest(key, known) if key in unknown else ""
                if hint:
                    self.warn(
                        f"onbekende sleutel '{key}' in {what}{hint}; limnorm bewaart hem "
                        "ongewijzigd maar leest hem niet",
                        node.key_location(key),
                    )
            unknown = set()
        if unknown:
            for key in node.key_marks:  # in the order written
                if key in unknown:
                    self.error(
                        f"onbekende sleutel '{key}' in {what}{suggest(key, known)}; "
                        f"toegestaan: {', '.join(known)}",
                        node.key_location(key),
                    )
        for key in required:
            if key not in values:
                self.error(f"sleutel '{key}' ontbreekt in {what}", node.location)
        # Read-only from here on, so the common case needs no copy.
        return {k: v for k, v in values.items() if k in known} if unknown else values

    def text(self, node: Node | None, key: str, *, numbers: bool = False) -> str | None:
        """A text value; with ``numbers``, a number counts as the text it was written as."""
        if node is None or node.value is None:
            return None
        if isinstance(node.value, str):
            return node.value
        if numbers and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return node.text
        self.error(f"'{key}' moet tekst zijn, maar is {_kind_of(node.value)}", node.location)
        return None

    def integer(self, node: Node | None, key: str) -> int | None:
        """A whole number."""
        if node is None:
            return None
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node.value, str) and node.value.strip().isdigit():
            return int(node.value)
        self.error(
            f"'{key}' moet een heel getal zijn, maar is {_kind_of(node.value)}", node.location
        )
        return None

    def boolean(self, node: Node | None, key: str, default: bool) -> bool:
        """A yes/no value (``true``/``false``)."""
        if node is None or node.value is None:
            return default
        if isinstance(node.value, bool):
            return node.value
        self.error(
            f"'{key}' moet true of false zijn, maar is {_kind_of(node.value)}", node.location
        )
        return default

    def day(self, node: Node | None, key: str) -> date | None:
        """A single day: an ISO date from YAML or a day written as in ``wanneer``."""
        if node is None or node.value is None:
            return None
        if isinstance(node.value, date):
            return node.value
        if isinstance(node.value, str):
            try:
                period = parse_deadline(node.value)
            except DeadlineError as error:
                self.error(f"{key}: {error.message}", node.location)
                return None
            if period.kind is PeriodKind.DAG:
                return period.begin
        written = f"'{node.text}'" if node.text is not None else _kind_of(node.value)
        self.error(
            f"'{key}' moet een dag zijn, zoals 2024-03-04 of 4-3-24, niet {written}",
            node.location,
        )
        return None

    def texts(self, node: Node | None, key: str) -> list[tuple[str, Location]]:
        """A list of texts (numbers count as written), each with its place."""
        result = []
        for item in self.items(node, key):
            text = self.text(item, key, numbers=True)
            if text is not None:
                result.append((text, item.location))
        return result

    def items(self, node: Node | None, key: str) -> list[Node]:
        """The elements of a list value (an absent or empty value gives none)."""
        if node is None or node.value is None:
            return []
        if isinstance(node.value, list):
            return node.value
        self.error(
            f"'{key}' moet een lijst zijn (regels die met '- ' beginnen), maar is "
            f"{_kind_of(node.value)}",
            node.location,
        )
        return []


_WORD = re.compile(r"\w+")
_CONFUSABLE = frozenset("аеорсухіјѕкмнтвАЕОРСУХІЈЅКМНТВαοερτυικνΑΟΕΡΤΥΙΚΝΒΜΗΖΧ")


def _scripts(word: str) -> set[str]:
    found = set()
    for char in word:
        code = ord(char)
        if char.isascii():
            if char.isalpha():
                found.add("Latijnse")
        elif 0x00C0 <= code <= 0x024F:
            found.add("Latijnse")
        elif 0x0400 <= code <= 0x04FF:
            found.add("Cyrillische")
        elif 0x0370 <= code <= 0x03FF:
            found.add("Griekse")
    return found


_LOOKALIKE_RANGE = re.compile("[\u0370-\u04ff]")


def mixed_script_findings(text: str, node: Node) -> Iterator[Finding]:
    """Warn about words that mix Latin letters with Cyrillic or Greek look-alikes.

    Such words (often OCR or copy-paste damage) look right but are not found
    by search and differ from the same word typed by hand. ``text`` is the whole
    file: without any Greek or Cyrillic letter there is nothing to look for.
    """
    if not _LOOKALIKE_RANGE.search(text):
        return
    for value, location in _strings(node):
        if value.isascii():
            continue
        for match in _WORD.finditer(value):
            word = match.group()
            scripts = _scripts(word)
            if "Latijnse" in scripts and len(scripts) > 1:
                foreign = sorted({c for c in word if c in _CONFUSABLE or not c.isascii()})
                others = " en ".join(sorted(scripts - {"Latijnse"}))
                yield Finding(
                    Severity.WAARSCHUWING,
                    f"het woord '{word}' mengt Latijnse met {others} letters "
                    f"({', '.join(foreign)}); typ het opnieuw met gewone letters",
                    location,
                )


def _strings(node: Node) -> Iterator[tuple[str, Location]]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current.value, str):
            yield current.value, current.location
        elif isinstance(current.value, list):
            stack.extend(reversed(current.value))
        elif isinstance(current.value, dict):
            for key in current.key_marks:
                yield key, current.key_location(key)
            stack.extend(reversed(list(current.value.values())))
