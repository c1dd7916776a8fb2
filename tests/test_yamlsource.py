"""Reading YAML with positions: syntax errors, encodings and unsafe input, all located."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.errors import DataError
from limnorm.files import yamltree
from limnorm.files.yamlsource import decode, read_file
from limnorm.files.yamltree import parse_yaml

from .conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", "t.yaml:2:1: tab-teken gevonden; spring in met spaties"),
        ('a: "open\n', "t.yaml:2:1: het bestand houdt op midden in tekst tussen aanhalingstekens"),
        ("a: b: c\n", "t.yaml:1:5: dubbele punt op een plek waar dat niet mag"),
        ("a:\n  - x\n  y: 2\n", "t.yaml:3:3: '-' verwacht; controleer het inspringen"),
        ("a: 1\n b: 2\n", "t.yaml:2:3: dubbele punt op een plek waar dat niet mag"),
        ("a: *nergens\n", "t.yaml:1:4: verwijzing (*naam) naar een anker (&naam) dat er niet"),
        ("a: 1\n---\nb: 2\n", "t.yaml:2:1: een tweede YAML-document"),
        ("a: !!python/object:os.system x\n", "t.yaml:1:4: YAML-tag"),
        ("a: !!binary aGFsbG8=\n", "t.yaml:1:4: YAML-tag '!!binary'"),
        ("a: !eigen x\n", "t.yaml:1:4: YAML-tag '!eigen' is niet toegestaan"),
    ],
)
def test_syntax_and_tag_errors_are_located_and_dutch(text: str, expected: str) -> None:
    """Broken YAML and object-constructing tags give a located Dutch DataError."""
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "t.yaml")
    assert str(caught.value).startswith(expected), str(caught.value)


def test_duplicate_keys_are_findings_not_silent() -> None:
    """PyYAML keeps the last of two equal keys silently; here both places are named."""
    tree, findings = parse_yaml("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert tree is not None
    assert [str(f) for f in findings] == [
        "t.yaml:3:1: fout: sleutel 'a' staat hier voor de tweede keer (eerder op regel 1); "
        "de eerste waarde zou stil verloren gaan: voeg ze samen"
    ]


def test_positions_and_written_text_are_kept() -> None:
    """Every value knows its line and column, and a scalar keeps the text as written."""
    tree, _ = parse_yaml("x:\n  - wanneer: 2024\n    op: 2024-03-04\n", "t.yaml")
    assert tree is not None
    item = tree.value["x"].value[0]
    assert item.key_location("op").line == 3
    assert (item.value["wanneer"].value, item.value["wanneer"].text) == (2024, "2024")
    assert item.value["op"].location.column == 9


def test_alias_bomb_is_stopped_quickly() -> None:
    """A "billion laughs" document is refused in bounded time instead of expanded."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(DataError, match="te groot"):
        parse_yaml("\n".join(lines) + "\n", "t.yaml")


def test_deep_nesting_is_refused() -> None:
    """Absurdly deep structures are refused with a message, not a RecursionError."""
    with pytest.raises(DataError, match="te diep genest"):
        parse_yaml("a: " + "[" * 500 + "]" * 500 + "\n", "t.yaml")


def test_empty_document_is_none() -> None:
    """An empty or comment-only file parses to nothing (the loader reports it)."""
    assert parse_yaml("# niets\n", "t.yaml") == (None, [])


def test_bom_and_crlf_are_fine() -> None:
    """A UTF-8 byte-order mark and Windows line endings are read as usual."""
    text = decode("\ufeffa: één\r\nb: 2\r\n".encode(), "t.yaml")
    tree, findings = parse_yaml(text, "t.yaml")
    assert tree is not None
    assert findings == []
    assert tree.value["a"].value == "één"
    assert tree.value["b"].location.line == 2


def test_cp1252_is_recognised() -> None:
    """A file saved as Windows-1252 gets a message naming that encoding and the place."""
    with pytest.raises(DataError) as caught:
        decode("a: 1\nb: café\n".encode("cp1252"), "t.yaml")
    assert str(caught.value) == (
        "t.yaml:2:7: het bestand is geen geldige UTF-8-tekst (byte 0xe9). Het lijkt "
        "Windows-1252 (cp1252), zoals Word en Kladblok dat opslaan. Sla het op als UTF-8."
    )


def test_nul_bytes_are_refused() -> None:
    """UTF-16 or binary files (NUL bytes) are refused with the place of the first NUL."""
    with pytest.raises(DataError, match=r"t.yaml:1:2: het bestand bevat NUL-bytes"):
        decode("ab".encode("utf-16-le"), "t.yaml")


def test_unreadable_paths(tmp_path: Path) -> None:
    """Missing files, folders and symlink loops give messages, not tracebacks."""
    with pytest.raises(DataError, match="bestand niet gevonden"):
        read_file(tmp_path / "nee.yaml", "nee.yaml")
    with pytest.raises(DataError, match="dit is een map"):
        read_file(tmp_path, "map")
    loop = tmp_path / "lus.yaml"
    loop.symlink_to(loop)
    with pytest.raises(DataError, match="kan niet gelezen worden"):
        read_file(loop, "lus.yaml")


def _tags(root: yaml.Node) -> list[str]:
    """The tag of every node, keys included, in document order; a node used again through
    an alias once (so that an alias bomb stays small)."""
    tags, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        tags.append(node.tag)
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        else:
            stack.extend(reversed(node.value))
    return tags


#: Texts that look like numbers, dates, yes/no or null, and any text at all.
_SCALARS = st.text(alphabet="0123456789+-._:eE~nNyYtTfFoOxXabl<= \tTZ", max_size=12) | st.text(
    max_size=8
)


@given(value=_SCALARS, plain=st.booleans(), quoted=st.booleans())
def test_tags_are_resolved_as_pyyaml_does(value: str, plain: bool, quoted: bool) -> None:
    """The loader's own tag resolution (less Python per node, see yamltree._Loader) gives
    the tag PyYAML's safe loader gives, for any scalar, plain or quoted, and collections."""
    ours, theirs = yamltree._Loader(""), yamltree._SafeLoader("")
    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        implicit = (plain, quoted)
        assert ours.resolve(kind, value, implicit) == theirs.resolve(kind, value, implicit)


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("data/*.yaml")) + sorted(ROOT.glob("examples/**/*.yaml"))
    + sorted(ROOT.glob("tests/corpus/*.yaml")),
    ids=lambda path: path.name,
)  # fmt: skip
def test_files_compose_with_pyyaml_s_tags(path: Path) -> None:
    """Every node of the sample data, the examples and the hostile corpus gets the tag
    PyYAML's own safe loader gives it (the loader has no path resolvers to skip)."""
    assert yamltree._Loader.yaml_path_resolvers == {}
    text = path.read_bytes().decode("utf-8", "replace")
    try:
        theirs = yaml.compose(text, Loader=yamltree._SafeLoader)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yaml.compose(text, Loader=yamltree._Loader)
        return
    ours = yaml.compose(text, Loader=yamltree._Loader)
    assert (ours is None) == (theirs is None)
    if theirs is not None:
        assert _tags(ours) == _tags(theirs)
