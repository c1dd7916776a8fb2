"""JSON Schemas for editors, the modelines that point at them, and the pre-commit hook."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from limnorm.files.schema import checklist_schema, plan_schema, schema_json

from .conftest import ROOT, SAMPLE, Invoke

EXAMPLE = ROOT / "examples" / "ingevuld"


def _as_editor_sees_it(value: Any) -> Any:
    """YAML as the YAML language server validates it: dates are strings there."""
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _validate(path: Path, schema: dict[str, Any]) -> None:
    data = _as_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("folder", [SAMPLE, EXAMPLE])
def test_data_files_validate(folder: Path) -> None:
    """The sample and the example validate against their schemas."""
    _validate(folder / "spoorboekje.yaml", plan_schema())
    _validate(folder / "checklist.yaml", checklist_schema())


def test_schemas_are_valid_draft_2020_12() -> None:
    """Both schemas are themselves valid JSON Schema 2020-12."""
    for schema in (plan_schema(), checklist_schema()):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_catches_a_misspelt_key(tmp_path: Path) -> None:
    """The schema is not vacuous: an unknown key at the top or in a theme fails, as in the
    editor (an action may carry the organisation's own keys)."""
    text = (SAMPLE / "spoorboekje.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("kenmerk:", "kenmerrk:", 1), encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError, match="kenmerrk"):
        _validate(path, plan_schema())


def test_schema_accepts_what_real_plans_carry(tmp_path: Path) -> None:
    """jaar, owners with naam/email, free theme numbers, voortgang, mijlpaal,
    oorspronkelijk, an owner left empty and the organisation's own keys validate; a
    voortgang above 100 does not."""
    from .test_real_plans import REAL_PLAN

    path = tmp_path / "s.yaml"
    text = REAL_PLAN.replace("nr: 2", "nr: 12").replace("voortgang: 50", "voortgang: 50%")
    path.write_text(text + "        actiehouder:\n", encoding="utf-8")
    _validate(path, plan_schema())
    path.write_text(REAL_PLAN.replace("voortgang: 50", "voortgang: 150"), encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError):
        _validate(path, plan_schema())


@pytest.mark.parametrize("kind", ["spoorboekje", "checklist"])
def test_shipped_schema_files_are_current(kind: str) -> None:
    """data/*.schema.json is exactly what 'limnorm schema' prints."""
    assert (SAMPLE / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_json(kind)


@pytest.mark.parametrize(
    ("path", "target"),
    [
        (SAMPLE / "spoorboekje.yaml", "spoorboekje.schema.json"),
        (SAMPLE / "checklist.yaml", "checklist.schema.json"),
        (EXAMPLE / "spoorboekje.yaml", "../../data/spoorboekje.schema.json"),
        (EXAMPLE / "checklist.yaml", "../../data/checklist.schema.json"),
    ],
)
def test_modelines_point_at_existing_schemas(path: Path, target: str) -> None:
    """Each data file starts with a yaml-language-server modeline to a schema that exists."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={target}"
    assert (path.parent / target).is_file()


def test_schema_command(invoke: Invoke) -> None:
    """'limnorm schema checklist' prints the schema; an unknown kind is a usage error."""
    result = invoke(["schema", "checklist"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == checklist_schema()
    wrong = invoke(["schema", "planning"])
    assert wrong.exit_code == 2
    assert "kies 'spoorboekje' of 'checklist'" in wrong.stderr


def test_init_writes_schemas_and_modelines(invoke: Invoke, tmp_path: Path) -> None:
    """init output starts with modelines and validates against the schemas beside it."""
    target = tmp_path / "nieuw"
    assert invoke(["init", str(target), "--organisatie", "Provincie Limburg"]).exit_code == 0
    for kind, schema in (("spoorboekje", plan_schema()), ("checklist", checklist_schema())):
        path = target / f"{kind}.yaml"
        assert path.read_text(encoding="utf-8").startswith(
            f"# yaml-language-server: $schema={kind}.schema.json\n"
        )
        assert json.loads((target / f"{kind}.schema.json").read_text(encoding="utf-8")) == schema
        _validate(path, schema)


def test_pre_commit_hook_runs_check() -> None:
    """.pre-commit-hooks.yaml exposes 'limnorm check' for the two data files, passing the
    files being committed (so plans in subfolders are checked, not the built-in sample)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "limnorm-check"
    assert hook["entry"] == "limnorm check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    import re

    assert re.search(hook["files"], "data/checklist.yaml")
    assert not re.search(hook["files"], "data/notities.yaml")
