"""JSON Schemas (draft 2020-12) of the two data files, for editors that validate YAML.

The schemas describe what the loaders accept; the loaders stay the authority
(they also check what a schema cannot: deadlines that parse, known owners,
unique ids, links between the files). VS Code and other editors with the YAML
language server pick a schema up from the modeline at the top of each file::

    # yaml-language-server: $schema=spoorboekje.schema.json
"""

from __future__ import annotations

from typing import Any

from limnorm.core.models import Answer, Status

SCHEMA_FILES = {"spoorboekje": "spoorboekje.schema.json", "checklist": "checklist.schema.json"}
_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_TEXT: dict[str, Any] = {"type": "string"}
_OPTIONAL_TEXT: dict[str, Any] = {"type": ["string", "null"]}
_DAY: dict[str, Any] = {
    "description": "Een dag: 2024-03-04 (of 4-3-24).",
    "type": ["string", "null"],
}
_ID_TEXT: dict[str, Any] = {
    "description": "Tekst; een getal zoals 1.10 wordt gelezen zoals het er staat.",
    "type": ["string", "number"],
}


_YEAR: dict[str, Any] = {
    "description": "Het jaar voor datums zonder jaar ('1 juli', 'najaar'), bijvoorbeeld 2026.",
    "type": ["integer", "null"],
    "minimum": 1900,
    "maximum": 2199,
}


def _object(
    description: str, properties: dict[str, Any], required: list[str], *, own_keys: bool = False
) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        # An action may carry the organisation's own columns (budget, indicator): the
        # loader keeps them; elsewhere an unknown key is most likely a typo.
        "additionalProperties": own_keys,
    }


def plan_schema() -> dict[str, Any]:
    """The schema of ``spoorboekje.yaml``."""
    action = _object(
        "Een actie uit het spoorboekje.",
        {
            "id": {
                **_ID_TEXT,
                "description": "Uniek, '<thema>.<volgnummer>', bijvoorbeeld \"1.2\".",
            },
            "actie": {**_TEXT, "description": "Wat er gedaan wordt."},
            "wanneer": {
                "description": "Zoals mensen het schrijven: 'Q3 24', 'mrt. 24', '4-3-24', "
                "'2024', 'doorlopend', 'n.t.b.' (zie 'limnorm when').",
                "type": ["string", "integer", "null"],
            },
            "actiehouder": {
                "description": "Een code uit 'actiehouders' (ook 'OOV/JZ' of 'OOV en HRM'), "
                "een team of partner ('RIEC'), of een lijst daarvan; leeg mag, met een "
                "waarschuwing.",
                "oneOf": [_OPTIONAL_TEXT, {"type": "array", "items": _TEXT}],
            },
            "toelichting": _OPTIONAL_TEXT,
            "status": {
                "description": "Standaard 'open'.",
                "enum": [*(s.value for s in Status), None],
            },
            "gereed_op": _DAY,
            "voortgang": {
                "description": "Percentage gereed, 0 tot en met 100 (ook '40%'); telt mee in "
                "de voortgang van het thema.",
                "oneOf": [
                    {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                    {"type": "string", "pattern": "^\\s*(100|[1-9]?[0-9])\\s*%\\s*$"},
                ],
            },
            "mijlpaal": {
                "description": "true voor een mijlpaal (een moment, geen periode).",
                "type": ["boolean", "null"],
            },
            "oorspronkelijk": {
                "description": "De eerdere deadline zoals die er stond, naast een verschoven "
                "'wanneer'.",
                "type": ["string", "number", "null"],
            },
        },
        ["id", "actie", "wanneer"],
        own_keys=True,
    )
    theme = _object(
        "Een blok van het spoorboekje: bij de Limburgse Norm 0 = de 0-meting en 1 t/m 6 de "
        "thema's; welke thema's een norm heeft, staat in de checklist.",
        {
            "nr": {"type": "integer", "minimum": 0},
            "titel": _TEXT,
            "jaar": _YEAR,
            "acties": {"type": ["array", "null"], "items": action},
        },
        ["nr", "titel"],
    )
    return {
        "$schema": _DRAFT,
        "$id": "https://limnorm.invalid/schemas/spoorboekje.schema.json",
        "title": "Spoorboekje (implementatieplan, bijvoorbeeld van de Limburgse Norm)",
        **_object(
            "Het spoorboekje van één organisatie.",
            {
                "organisatie": _TEXT,
                "titel": _OPTIONAL_TEXT,
                "kenmerk": {**_ID_TEXT, "type": ["string", "number", "null"]},
                "documentnr": {**_ID_TEXT, "type": ["string", "number", "null"]},
                "jaar": _YEAR,
                "actiehouders": {
                    "description": "Code: volledige naam (leeg als die niet bekend is), of "
                    "code: {naam: ..., email: ...}.",
                    "type": ["object", "null"],
                    "additionalProperties": {
                        "oneOf": [
                            _OPTIONAL_TEXT,
                            _object(
                                "Een actiehouder met naam en e-mailadres.",
                                {
                                    "naam": _OPTIONAL_TEXT,
                                    "email": {
                                        "description": "Eén adres, zoals oov@gemeente.nl.",
                                        "type": ["string", "null"],
                                        "format": "email",
                                    },
                                },
                                [],
                            ),
                        ]
                    },
                },
                "themas": {"type": "array", "items": theme},
            },
            ["organisatie", "themas"],
        ),
    }


def checklist_schema() -> dict[str, Any]:
    """The schema of ``checklist.yaml``."""
    answer = {
        "description": "uitgevoerd, in_ontwikkeling, ontbreekt of nvt (nvt alleen met "
        "toelichting); leeg = nog niet beantwoord.",
        "type": ["string", "null"],
    }
    criterion = _object(
        "Een criterium onder een norm.",
        {"titel": _TEXT, "antwoord": answer, "toelichting": _OPTIONAL_TEXT},
        ["titel"],
    )
    norm = _object(
        "Een norm X.Y met het antwoord van de organisatie.",
        {
            "nr": {**_ID_TEXT, "description": 'X.Y, bijvoorbeeld "4.1".'},
            "titel": _TEXT,
            "antwoord": answer,
            "toelichting": _OPTIONAL_TEXT,
            "acties": {
                "description": "Id's van acties uit het spoorboekje die aan deze norm werken.",
                "type": ["array", "null"],
                "items": {"type": ["string", "number"]},
            },
            "criteria": {"type": ["array", "null"], "items": criterion},
        },
        ["nr", "titel"],
    )
    phase_number = {"type": ["integer", "null"], "minimum": 1, "maximum": 5}
    theme = _object(
        "Een thema van de norm (bij de Limburgse Norm 1 t/m 6).",
        {
            "nr": {"type": "integer", "minimum": 1},
            "titel": _TEXT,
            "ook_genoemd": {"type": ["array", "null"], "items": _TEXT},
            "pagina": _OPTIONAL_TEXT,
            "compleet": {"type": ["boolean", "null"]},
            "fase": {**phase_number, "description": "Eigen inschatting op de piramide."},
            "normen": {"type": ["array", "null"], "items": norm},
        },
        ["nr", "titel"],
    )
    return {
        "$schema": _DRAFT,
        "$id": "https://limnorm.invalid/schemas/checklist.schema.json",
        "title": "Checklist Limburgse Norm (0-meting)",
        **_object(
            "De norm zo ver bekend, en de antwoorden van de organisatie.",
            {
                "norm": _object(
                    "De norm zelf.",
                    {
                        "naam": _TEXT,
                        "ondertitel": _OPTIONAL_TEXT,
                        "bron": _OPTIONAL_TEXT,
                        "datum": _DAY,
                        "toelichting": _OPTIONAL_TEXT,
                    },
                    ["naam"],
                ),
                "organisatie": _OPTIONAL_TEXT,
                "peildatum": _DAY,
                "antwoordschaal": {
                    "type": ["array", "null"],
                    "items": _object(
                        "Een antwoord dat gebruikt mag worden.",
                        {
                            "code": {"enum": [a.value for a in Answer]},
                            "officieel": {"type": ["boolean", "null"]},
                            "omschrijving": _OPTIONAL_TEXT,
                        },
                        ["code"],
                    ),
                },
                "piramide": _object(
                    "De Piramide naar fitte gemeente.",
                    {
                        "naam": _TEXT,
                        "fasen": {
                            "type": "array",
                            "items": _object(
                                "Een fase; onbekende namen en omschrijvingen blijven leeg.",
                                {
                                    "fase": {"type": "integer", "minimum": 1, "maximum": 5},
                                    "naam": _OPTIONAL_TEXT,
                                    "omschrijving": _OPTIONAL_TEXT,
                                },
                                ["fase"],
                            ),
                        },
                        "norm": _object(
                            "De band van de norm op de piramide.",
                            {"van": phase_number, "tot": phase_number},
                            ["van", "tot"],
                        ),
                    },
                    ["naam", "fasen"],
                ),
                "themas": {"type": "array", "items": theme},
            },
            ["norm", "themas"],
        ),
    }


def schema_json(kind: str) -> str:
    """The schema of ``spoorboekje`` or ``checklist`` as indented JSON text."""
    import json

    schema = plan_schema() if kind == "spoorboekje" else checklist_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
