"""The JSON contract: the main outputs validate against the schemas in schemas/, keys are
Dutch everywhere, ``peildatum`` is always the as-of date, one spelling per category."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from .conftest import ROOT, SAMPLE, Invoke
from .test_git import Repo
from .test_region import _regio  # noqa: F401  (the "regio" fixture)

SCHEMAS = ROOT / "schemas"
ANSWERED = ROOT / "examples" / "ingevuld"
AS_OF = ["--as-of", "2024-10-01"]


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke([*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def validator(name: str) -> jsonschema.Draft202012Validator:
    """The published schema ``name``, checked, with the others its ``$ref`` may name
    (``thema`` takes the action from ``due``, the norms from ``checklist``)."""
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")]
    registry: Registry[Any] = Registry().with_resources(
        (d["$id"], Resource.from_contents(d)) for d in documents
    )
    schema = next(d for d in documents if d["$id"].endswith(f"/{name}.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.FormatChecker()
    )


@pytest.mark.parametrize(
    ("schema", "args"),
    [
        ("due", ["due", *AS_OF, "--within", "12m", "--data", str(SAMPLE)]),
        ("status", ["status", *AS_OF, "--data", str(ANSWERED)]),
        ("status", ["status", *AS_OF, "--data", str(SAMPLE)]),
        ("thema", ["status", "thema", "4", *AS_OF, "--data", str(ANSWERED)]),
        ("thema", ["status", "thema", "5", *AS_OF, "--data", str(SAMPLE)]),
        ("checklist", ["checklist", *AS_OF, "--data", str(ANSWERED)]),
        ("checklist", ["checklist", *AS_OF, "--data", str(SAMPLE)]),
        ("when", ["when", "Q3/Q4 24", "doorlopend", "Q5 24", "Q2 2026 (onder voorbehoud)"]),
    ],
)
def test_main_outputs_follow_their_schema(invoke: Invoke, schema: str, args: list[str]) -> None:
    """due, status, status thema N, checklist and when JSON validate against the published
    schemas."""
    data = _json(invoke, *args)
    assert data
    validator(schema).validate(data)


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


#: English words that were keys once (history's events, the region's rows).
ENGLISH = {"when", "author", "kind", "old", "new", "days", "organisation", "norms_done",
           "norms_applicable", "themes_meeting", "norms_answered", "stand_op"}  # fmt: skip


def test_keys_are_dutch_and_peildatum_is_the_as_of_date(
    invoke: Invoke, tmp_path: Path, regio: Path
) -> None:
    """Every command's JSON: no English keys, and ``peildatum`` (where there is one) is
    the --as-of date (checklist's 0-meting date is ``datum_nulmeting``)."""
    repo = Repo(tmp_path / "repo")
    repo.commit("Begin", "2024-02-01T10:00:00")
    repo.replace("spoorboekje.yaml", "wanneer: apr 24", "wanneer: mei 24")
    repo.commit("Later", "2024-03-01T10:00:00")
    outputs = [
        _json(invoke, "due", *AS_OF, "--data", str(SAMPLE)),
        _json(invoke, "status", *AS_OF, "--data", str(ANSWERED)),
        _json(invoke, "status", "thema", "4", *AS_OF, "--data", str(ANSWERED)),
        _json(invoke, "checklist", *AS_OF, "--data", str(ANSWERED)),
        _json(invoke, "history", *AS_OF, "--data", str(repo.data)),
        _json(invoke, "compare", "--regio", str(regio), *AS_OF),
        _json(invoke, "status", "--regio", str(regio), *AS_OF),
        _json(invoke, "timeline", *AS_OF, "--data", str(SAMPLE)),
    ]
    for data in outputs:
        keys = _keys(data)
        assert not keys & ENGLISH, keys & ENGLISH
        assert all(re.fullmatch(r"[a-z0-9_]+|.* \(eigen\)", k) for k in keys), keys
        if isinstance(data, dict) and "peildatum" in data:
            assert data["peildatum"] == "2024-10-01"
    history = outputs[4]
    assert history["wijzigingen"][0].keys() >= {"datum", "auteur", "soort", "van", "naar"}


def test_one_spelling_for_late(invoke: Invoke) -> None:
    """'te laat' is ``te_laat`` wherever JSON says it: a due category and an action's state."""
    due = _json(invoke, "due", *AS_OF, "--within", "12m", "--data", str(SAMPLE))
    theme = _json(invoke, "status", "thema", "4", *AS_OF, "--data", str(SAMPLE))
    assert {item["categorie"] for item in due} == {"te_laat", "binnenkort"}
    assert {a["staat"] for a in theme["thema"]["acties"]} == {"te_laat", "open"}
    assert "te laat" not in json.dumps([due, theme])
