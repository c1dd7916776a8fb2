"""Surgical edits that mutation testing (scripts/mutation.py) found unguarded in
files/yamledit.py: how a value is quoted, and where a key is written in flow mappings
and next to block scalars. Expected texts are written out by hand; PyYAML, not the code
under test, checks that a quoted value reads back as itself.
"""

from __future__ import annotations

import pytest
import yaml

from limnorm.files.yamledit import find_entry, render_key, render_scalar, render_value, set_key

#: (value, how it is written): quoted only where YAML would read something else, and
#: escaped inside the quotes only where YAML would not keep the character as is.
QUOTED = [
    ("plain", "plain"),
    ("a\nb", '"a\\nb"'),
    ("a\tb", '"a\\tb"'),
    ("a\x1fb", '"a\\u001fb"'),
    # C1 controls: 0x7F to 0x9F inclusive are escaped, 0xA0 (no-break space) is not.
    ("a\x7fb", '"a\\u007fb"'),
    ("a\x9fb", '"a\\u009fb"'),
    ("#\xa0", '"#\xa0"'),
    ("a\u2028b", '"a\\u2028b"'),
    ("#\ufeff", '"#\\ufeff"'),
    ("#\uffff", '"#\\uffff"'),
    ('"hi"', '"\\"hi\\""'),
    ('"a\\b', '"\\"a\\\\b"'),
    ("12", '"12"'),
    ("a: b", '"a: b"'),
    # Outside a flow sequence a comma is plain text.
    ("a, b", "a, b"),
]


@pytest.mark.parametrize(("value", "written"), QUOTED)
def test_a_value_is_written_so_that_yaml_reads_it_back(value: str, written: str) -> None:
    """The rendering is exactly this, and PyYAML reads it back as the value."""
    assert render_scalar(value) == written
    assert render_value(value) == written
    assert yaml.safe_load(f"k: {written}\n") == {"k": value}


#: Lone surrogates: escaped at both ends of their range, the neighbours left alone.
SURROGATES = [
    ("#\ud7ff", '"#\ud7ff"'),
    ("#\ud800", '"#\\ud800"'),
    ("#\udfff", '"#\\udfff"'),
    ("#\ue000", '"#\ue000"'),
]


@pytest.mark.parametrize(("value", "written"), SURROGATES)
def test_surrogates_are_escaped(value: str, written: str) -> None:
    """U+D800-U+DFFF cannot be written as UTF-8: escaped; U+D7FF and U+E000 can."""
    assert render_scalar(value) == written


def test_a_list_is_a_flow_sequence_with_commas_quoted() -> None:
    """Inside ``[...]`` a comma or bracket would split the item: such items are quoted."""
    assert render_value(["OOV", "a, b", "[x]"]) == '[OOV, "a, b", "[x]"]'
    assert yaml.safe_load("k: " + render_value(["OOV", "a, b", "[x]"])) == {
        "k": ["OOV", "a, b", "[x]"]
    }


#: (value, key as written)
KEYS = [
    ("OOV", "OOV"),
    ("team veiligheid", "team veiligheid"),
    ("a\tb", '"a\\tb"'),
    ("12", '"12"'),
    ("ja", "ja"),
    ("a: b", '"a: b"'),
]


@pytest.mark.parametrize(("value", "written"), KEYS)
def test_a_key_is_written_so_that_yaml_reads_it_back(value: str, written: str) -> None:
    """``import`` writes owner codes as keys: plain where YAML keeps the key as text."""
    assert render_key(value) == written
    assert yaml.safe_load(f"k:\n  {written}: 1\n") == {"k": {value: 1}}


HEAD = "themas:\n  - nr: 1\n    acties:\n      - "

#: (action as written, key, value, action after the edit)
EDITS = [
    # A flow mapping gets the key before its closing brace, after a trailing comma too.
    ('{id: "1.1", actie: Een}\n', "status", "gereed", '{id: "1.1", actie: Een, status: gereed}\n'),
    ('{id: "1.1", actie: Een,}\n', "status", "gereed", '{id: "1.1", actie: Een, status: gereed}\n'),
    # A block scalar: its own lines are replaced, the blank line after it is layout...
    (
        'id: "1.1"\n        toelichting: |\n          regel\n\n        actie: Een\n',
        "toelichting",
        "nieuw",
        'id: "1.1"\n        toelichting: nieuw\n\n        actie: Een\n',
    ),
    (
        'id: "1.1"\n        toelichting: |2-\n            regel\n\n        actie: Een\n',
        "toelichting",
        "nieuw",
        'id: "1.1"\n        toelichting: nieuw\n\n        actie: Een\n',
    ),
    # ...except with keep chomping (|+), where the blank lines belong to the value.
    (
        'id: "1.1"\n        toelichting: |+\n          regel\n\n        actie: Een\n',
        "toelichting",
        "nieuw",
        'id: "1.1"\n        toelichting: nieuw\n        actie: Een\n',
    ),
    # A block scalar at the very end of a file without a final newline.
    (
        'id: "1.1"\n        toelichting: |\n          regel',
        "toelichting",
        "nieuw",
        'id: "1.1"\n        toelichting: nieuw',
    ),
    (
        'id: "1.1"\n        toelichting: |\n          regel',
        "status",
        "gereed",
        'id: "1.1"\n        toelichting: |\n          regel\n        status: gereed',
    ),
    # An empty value, and an empty string.
    (
        'id: "1.1"\n        toelichting:\n        actie: Een\n',
        "toelichting",
        "nieuw",
        'id: "1.1"\n        toelichting: nieuw\n        actie: Een\n',
    ),
    (
        'id: "1.1"\n        toelichting: ""\n        actie: Een\n',
        "toelichting",
        "nieuw",
        'id: "1.1"\n        toelichting: nieuw\n        actie: Een\n',
    ),
]


@pytest.mark.parametrize(("action", "key", "value", "after"), EDITS)
def test_set_key_changes_only_its_value(action: str, key: str, value: str, after: str) -> None:
    """The edited text is exactly the old one with the one value changed or added."""
    text = HEAD + action
    entry = find_entry(text, "themas", "acties", "id", "1.1")
    assert set_key(text, entry, key, value) == HEAD + after
