"""Surgical edits of the users' YAML files: change one value, keep every other byte.

PyYAML cannot write a file back with its comments, quoting and layout, and a
round-trip library (ruamel.yaml) still re-emits whole documents, re-indents
and re-wraps. Instead each edit is a text splice guided by the positions of
libyaml's composed nodes: the value's characters are replaced, or one
``key: value`` line is inserted after the mapping's last entry. Everything
outside that span stays byte for byte (line endings and a byte-order mark
included). The result is parsed again and must load without errors and hold
the new value, or nothing is written.

Writes go through :mod:`limnorm.files.atomic` (atomic, keeping mode, owner and
links) and are refused when the file changed on disk since it was read. On POSIX systems
edits by limnorm itself are serialised with an advisory lock on the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from limnorm.core.errors import DataError, Location, UsageError, describe_os_error
from limnorm.files.atomic import write_file
from limnorm.files.yamlsource import READ_FLAGS, decode, read_bytes

try:  # POSIX only; on Windows the on-disk check before the rename still applies.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

_BOM = "\ufeff"
_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:\n\r]*(?<!\s)")
_STD = "tag:yaml.org,2002:"
# After a key: optional quote, the colon, spaces, then an alias '*name' (group 1).
_ALIAS = re.compile(r"""["']?\s*:[ \t]*(\*[^\s,\[\]{}]+)""")


class Change(NamedTuple):
    """One value set in a file: which key, the text before and after."""

    key: str
    old: str | None
    new: str


class FileText(NamedTuple):
    """A file's text as read, with what is needed to write it back identically."""

    path: Path
    raw: bytes
    text: str
    bom: bool
    newline: str


def read_text(path: Path, name: str) -> FileText:
    """Read a data file for editing."""
    raw = read_bytes(path, name)
    text = decode(raw, name)
    newline = "\r\n" if "\r\n" in text else "\n"
    return FileText(path, raw, text, raw.startswith(_BOM.encode()), newline)


def render_scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain where YAML reads it back as the same text,
    double-quoted otherwise (a JSON string is valid YAML)."""
    # A tab stays quoted: libyaml reads it in a plain scalar, PyYAML's own parser not always.
    if (
        _PLAIN_SAFE.fullmatch(value)
        and "\t" not in value
        and not (flow and any(c in value for c in ",[]{}"))
    ):
        try:
            node = yaml.compose(f"k: {value}\n", Loader=yaml.CSafeLoader)
        except yaml.YAMLError:  # e.g. a control character: YAML takes it only escaped
            return _double_quoted(value)
        scalar = node.value[0][1] if node is not None else None
        if (
            isinstance(scalar, yaml.ScalarNode)
            and scalar.tag == f"{_STD}str"
            and scalar.value == value
        ):
            return value
    return _double_quoted(value)


def render_key(value: str) -> str:
    """``value`` as a mapping key: plain where YAML reads it back as the same key,
    double-quoted otherwise (a tab, for one, is fine in a plain value but not in a key)."""
    rendered = render_scalar(value)
    if rendered.startswith('"'):
        return rendered
    try:  # checked where keys are written: indented, in a block mapping
        node = yaml.compose(f"k:\n  {rendered}:\n", Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return _double_quoted(value)
    inner = node.value[0][1] if node is not None else None
    key = inner.value[0][0] if isinstance(inner, yaml.MappingNode) else None
    if isinstance(key, yaml.ScalarNode) and key.tag == f"{_STD}str" and key.value == value:
        return rendered
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar; every character YAML would not keep as is is escaped."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF
            or char in "\u2028\u2029\ufeff\ufffe\uffff"
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


Value = str | Sequence[str] | date | bool | int


def render_value(value: Value, *, flow: bool = False) -> str:
    """A scalar, an ISO date, a number, ``true``/``false``, or a flow sequence ``[A, B]``
    for a list of texts."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):  # before int: a bool is an int to Python
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return render_scalar(value, flow=flow)
    return "[" + ", ".join(render_scalar(v, flow=True) for v in value) + "]"


def _compose(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    if node is None:  # pragma: no cover - callers validated the file first
        raise DataError("het bestand is leeg")
    return node


def _get(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _items(mapping: yaml.Node, key: str) -> list[yaml.Node]:
    found = _get(mapping, key)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return []
    return list(found[1].value)


def find_entry(text: str, outer: str, inner: str, key: str, wanted: str) -> yaml.MappingNode:
    """The mapping under ``themas[*].<inner>[*]`` whose ``key`` is ``wanted``.

    ``outer``/``inner`` are ``themas``/``acties`` for an action and
    ``themas``/``normen`` for a norm.
    """
    for theme in _items(_compose(text), outer):
        for entry in _items(theme, inner):
            found = _get(entry, key)
            if found is not None and str(found[1].value).strip() == wanted:
                assert isinstance(entry, yaml.MappingNode)
                return entry
    raise UsageError(f"'{wanted}' niet gevonden")  # pragma: no cover - checked by the caller


def set_key(text: str, mapping: yaml.MappingNode, key: str, value: Value, *, file: str = "") -> str:
    """``text`` with ``key`` of ``mapping`` set to ``value``; nothing else changes.

    Raises:
        UsageError: the value is anchored (``&naam``) and shared with other places.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    flow = mapping.flow_style is True
    rendered = render_value(value, flow=flow)
    found = _get(mapping, key)
    if found is not None:
        key_node, value_node = found
        start, end = value_node.start_mark.index, value_node.end_mark.index
        alias = _ALIAS.match(text, key_node.end_mark.index)
        if alias is not None:
            # Written as '*naam': the node's marks are those of the anchored value
            # elsewhere, so the alias itself is replaced, here and nowhere else.
            return f"{text[: alias.start(1)]}{rendered}{text[alias.end(1) :]}"
        if text.startswith("&", start):
            name = text[start:].split(maxsplit=1)[0]
            raise UsageError(
                f"'{key}' is met het anker {name} gedeeld met andere plaatsen in het "
                f"bestand (*{name[1:]}); die zouden mee veranderen. Er is niets gewijzigd: "
                "pas het bestand met de hand aan",
                Location(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1),
            )
        if (
            isinstance(value_node, yaml.ScalarNode)
            and value_node.tag == f"{_STD}null"
            and (value_node.value == "" or start == end)
        ):
            # An empty value: its marks point at the next token, so write after the colon.
            colon = text.index(":", key_node.end_mark.index)
            return f"{text[: colon + 1]} {rendered}{text[colon + 1 :]}"
        if isinstance(value_node, yaml.SequenceNode) and value_node.flow_style is False:
            # A list written as lines of '- ...' under its key: its span starts at the
            # first '-' and runs on into the next key's indentation. The new value goes
            # after the colon, in place of the items; what follows the last stays.
            colon = text.index(":", key_node.end_mark.index)
            last_item = value_node.value[-1].end_mark.index
            return f"{text[: colon + 1]} {rendered}{text[last_item:]}"
        if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
            block_end = _block_end(text, value_node)
            # A block scalar that ends the file without a final newline: none is added.
            ending = newline if text[:block_end].endswith("\n") else ""
            return f"{text[:start]}{rendered}{ending}{text[block_end:]}"
        return f"{text[:start]}{rendered}{text[end:]}"
    if flow:
        close = mapping.end_mark.index - 1  # the "}"
        body = text[:close].rstrip()
        separator = "" if body.endswith("{") else " " if body.endswith(",") else ", "
        return f"{body}{separator}{key}: {rendered}{text[len(body) :]}"
    first_key = mapping.value[0][0]
    indent = " " * first_key.start_mark.column
    last_value = mapping.value[-1][1]
    last = last_value.end_mark.index
    if last > 0 and text[last - 1] == "\n":  # a block scalar: its span ends a line
        last = _block_end(text, last_value)
        return f"{text[:last]}{indent}{key}: {rendered}{newline}{text[last:]}"
    line_end = text.find(newline, last)
    if line_end == -1:
        return f"{text}{newline}{indent}{key}: {rendered}"
    return f"{text[:line_end]}{newline}{indent}{key}: {rendered}{text[line_end:]}"


def _block_end(text: str, node: yaml.Node) -> int:
    """Where a block scalar's own lines end.

    libyaml's span of a block scalar also swallows the blank lines after it;
    they belong to the layout, so edits stop before them. With keep chomping
    (``|+``) the blank lines are part of the value and stay inside.
    """
    end: int = node.end_mark.index
    indicator = text[node.start_mark.index + 1 : end].lstrip("-0123456789")
    if indicator.startswith("+"):
        return end
    content = text[:end].rstrip(" \t\r\n")
    line_end = text.find("\n", len(content))
    return len(text) if line_end == -1 else line_end + 1  # the file may end without one


def value_text(mapping: yaml.MappingNode, key: str) -> str | None:
    """The scalar text of ``key`` as written (None when absent or empty)."""
    found = _get(mapping, key)
    if found is None or not isinstance(found[1], yaml.ScalarNode) or found[1].value == "":
        return None
    return str(found[1].value)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``path`` while editing it (POSIX).

    The lock is taken on the file's current inode; after another process has
    replaced the file, the new file is locked instead.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    while True:
        try:
            # Without blocking: a FIFO in the file's place must not hang the edit.
            handle = os.open(path, os.O_RDONLY | READ_FLAGS)
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                os.close(handle)
                raise DataError(
                    "dit is geen gewoon bestand (een FIFO, apparaat of map); limnorm wijzigt "
                    "alleen gewone bestanden",
                    Location(str(path)),
                )
        except OSError as error:
            raise DataError(
                f"kan het bestand niet openen: {describe_os_error(error)}", Location(str(path))
            ) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            same = os.fstat(handle).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if same:
            try:
                yield
            finally:
                os.close(handle)
            return
        os.close(handle)


def write_atomically(original: FileText, text: str, name: str) -> None:
    """Write the edited text back (see :mod:`limnorm.files.atomic`), or leave the file untouched.

    Raises:
        DataError: the file changed on disk since it was read, or cannot be written.
    """
    data = ((_BOM if original.bom else "") + text).encode("utf-8")
    write_file(original.path, data, name=name, expected=original.raw)
