"""Loaded plans and checklists to JSON-ready data and back, checking every value.

Used by the cache (:mod:`limnorm.files.cache`) and to bring results back from the
worker processes that load a region in parallel. The place of every field of
an action or norm (``where``) is not carried: the region's commands never show
it, and it made the data half as large again. The place of each action and
norm, and every finding, are kept. JSON, not pickle: a cache
file can hold nothing but data, and :func:`decode` checks the type of every
field, raising :class:`CodecError` at the first thing that is not exactly what
limnorm writes, so a corrupt or hand-made file is never trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import repeat
from typing import Any

from limnorm.core.errors import Location
from limnorm.core.models import (
    STATUSES,
    Action,
    Answer,
    Checklist,
    Criterion,
    Finding,
    Norm,
    NormTheme,
    Phase,
    Plan,
    Pyramid,
    Severity,
    Theme,
)
from limnorm.core.period import Period, PeriodKind
from limnorm.files.loader import Loaded


class CodecError(ValueError):
    """The data is not what limnorm writes; treat it as absent."""


# Dictionary lookups: calling an Enum class per value was a tenth of decoding a region.
_KINDS = {k.value: k for k in PeriodKind}
#: The default of ``Action.where``: field positions are not stored (see above).
_NO_PLACES = Action._field_defaults["where"]


def _member(table: dict[str, Any], value: Any) -> Any:
    try:
        return table[value]
    except (KeyError, TypeError):
        raise CodecError(f"onbekende waarde {value!r}") from None


# --- small checked readers ------------------------------------------------------------


def _str(value: Any) -> str:
    if type(value) is not str:
        raise CodecError("tekst verwacht")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise CodecError("getal verwacht")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise CodecError("ja/nee verwacht")
    return value


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(_str(value))


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise CodecError("lijst verwacht")
    return value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _location(value: Any) -> Location:
    file, line, column = _list(value)
    return Location(_str(file), _int(line), _int(column))


def _opt_location(value: Any) -> Location | None:
    return None if value is None else _location(value)


def _place(location: Location | None) -> list[Any] | None:
    return None if location is None else [location.file, location.line, location.column]


# --- findings -------------------------------------------------------------------------


def _finding_out(finding: Finding) -> list[Any]:
    return [finding.severity.value, finding.message, _place(finding.location)]


def _finding_in(value: Any) -> Finding:
    severity, message, place = _list(value)
    return Finding(Severity(_str(severity)), _str(message), _location(place))


# --- the plan -------------------------------------------------------------------------


# Actions are stored as columns (one list per field, for the whole plan) rather than
# one list per action: a warm region load decodes ~16,500 actions, and checking and
# building whole columns with C-level ``map``/``set``/``zip`` was several times faster
# than a Python loop over actions. A plan repeats its deadlines and owners ("Q3 24",
# OOV), so periods and owner lists are stored once, in a table, and each action holds
# an index into it (the loader shares them the same way). Days are ordinals (0: none).
_ACTION_COLUMNS = frozenset(
    ("id", "thema", "actie", "wanneer", "periode", "actiehouders", "status", "toelichting",
     "gereed_op", "regel", "kolom", "periodes", "eigenaars")
)  # fmt: skip
_NONE_TYPE = type(None)


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def _actions_out(actions: list[Action]) -> dict[str, list[Any]]:
    periods: dict[Period, int] = {}
    owners: dict[tuple[str, ...], int] = {}
    period_index = [periods.setdefault(a.period, len(periods)) for a in actions]
    owner_index = [owners.setdefault(a.actiehouders, len(owners)) for a in actions]
    # The file is the plan's; only line and column are stored per action (0: unknown).
    return {
        "id": [a.id for a in actions],
        "thema": [a.thema for a in actions],
        "actie": [a.actie for a in actions],
        "wanneer": [a.wanneer for a in actions],
        "periode": period_index,
        "actiehouders": owner_index,
        "status": [a.status.value for a in actions],
        "toelichting": [a.toelichting for a in actions],
        "gereed_op": [_ordinal(a.gereed_op) for a in actions],
        "regel": [a.location.line if a.location else 0 for a in actions],
        "kolom": [a.location.column if a.location else 0 for a in actions],
        "periodes": [[_ordinal(p.begin), _ordinal(p.deadline), p.kind.value] for p in periods],
        "eigenaars": [list(codes) for codes in owners],
    }


def _column(columns: dict[str, Any], name: str, size: int, *types: type) -> list[Any]:
    """One column, checked: a list of ``size`` values, each exactly of one of ``types``."""
    column = columns[name]
    if type(column) is not list or len(column) != size or not set(map(type, column)) <= {*types}:
        raise CodecError(f"kolom {name} klopt niet")
    return column


def _indexed(columns: dict[str, Any], name: str, size: int, table: list[Any]) -> list[Any]:
    """A column of indexes into ``table``, as the values they point at."""
    indexes = _column(columns, name, size, int)
    if indexes and (min(indexes) < 0 or max(indexes) >= len(table)):
        raise CodecError(f"kolom {name} wijst buiten de tabel")
    return list(map(table.__getitem__, indexes))


def _ordinal_day(value: Any) -> date | None:
    # date.fromordinal refuses what is no day at all (ValueError, OverflowError).
    return date.fromordinal(value) if _int(value) else None


def _period_in(value: Any) -> Period:
    begin, deadline, kind = _list(value)
    return Period(_ordinal_day(begin), _ordinal_day(deadline), _member(_KINDS, kind))


def _actions_in(columns: Any, file: str) -> list[Action]:
    """Actions from :func:`_actions_out` columns, every value checked.

    ``tuple.__new__(Action, row)`` is what ``Action._make(row)`` does, minus a
    Python call per action; the zip gives every row exactly Action's fields.
    """
    if type(columns) is not dict or columns.keys() != _ACTION_COLUMNS:
        raise CodecError("acties verwacht")
    ids = columns["id"]
    size = len(ids) if type(ids) is list else -1
    periods = [_period_in(p) for p in _list(columns["periodes"])]
    owners = [tuple(_str(code) for code in _list(o)) for o in _list(columns["eigenaars"])]
    lines = _column(columns, "regel", size, int)
    spots = zip(repeat(file), lines, _column(columns, "kolom", size, int))
    places: list[Location | None] = list(map(tuple.__new__, repeat(Location), spots))
    if 0 in lines:  # written without a place (never by the loader, but allowed)
        places = [p if p and p.line else None for p in places]
    done = _column(columns, "gereed_op", size, int)
    rows = zip(
        _column(columns, "id", size, str),
        _column(columns, "thema", size, int),
        _column(columns, "actie", size, str),
        _column(columns, "wanneer", size, str),
        _indexed(columns, "periode", size, periods),
        _indexed(columns, "actiehouders", size, owners),
        map(STATUSES.__getitem__, _column(columns, "status", size, str)),
        _column(columns, "toelichting", size, str, _NONE_TYPE),
        list(map(_ordinal_day, done)) if any(done) else repeat(None, size),
        places,
        repeat(_NO_PLACES),
    )
    try:
        return list(map(tuple.__new__, repeat(Action), rows))
    except KeyError as error:
        raise CodecError(f"onbekende waarde {error}") from None


def plan_out(plan: Plan) -> dict[str, Any]:
    """A plan as JSON-ready data: its themes, and all actions as columns."""
    return {
        "organisatie": plan.organisatie,
        "titel": plan.titel,
        "kenmerk": plan.kenmerk,
        "documentnr": plan.documentnr,
        "source": plan.source,
        "actiehouders": dict(plan.actiehouders),
        "themas": [[t.nr, t.titel, len(t.acties)] for t in plan.themas],
        "acties": _actions_out(list(plan.actions())),
    }


def plan_in(value: Any) -> Plan:
    """A plan from :func:`plan_out` data, every field checked."""
    if type(value) is not dict:
        raise CodecError("spoorboekje verwacht")
    owners = value["actiehouders"]
    if type(owners) is not dict:
        raise CodecError("actiehouders verwacht")
    source = _str(value["source"])  # the file every action's place refers to
    actions = _actions_in(value["acties"], source)
    themes = []
    start = 0
    for item in _list(value["themas"]):
        nr, titel, count = _list(item)
        if _int(count) < 0:
            raise CodecError("aantal acties klopt niet")
        themes.append(Theme(_int(nr), _str(titel), tuple(actions[start : start + count])))
        start += count
    if start != len(actions):
        raise CodecError("aantal acties klopt niet")
    return Plan(
        organisatie=_str(value["organisatie"]),
        themas=tuple(themes),
        actiehouders={_str(k): _opt_str(v) for k, v in owners.items()},
        titel=_opt_str(value["titel"]),
        kenmerk=_opt_str(value["kenmerk"]),
        documentnr=_opt_str(value["documentnr"]),
        source=source,
    )


# --- the checklist --------------------------------------------------------------------


def _answer(value: Any) -> Answer | None:
    return None if value is None else Answer(_str(value))


def _norm_out(norm: Norm) -> list[Any]:
    return [
        norm.nr, norm.thema, norm.titel,
        [[c.titel, c.antwoord.value if c.antwoord else None, c.toelichting] for c in norm.criteria],
        norm.antwoord.value if norm.antwoord else None, norm.toelichting, list(norm.acties),
        _place(norm.location),
    ]  # fmt: skip


def _norm_in(value: Any) -> Norm:
    nr, theme, titel, criteria, answer, toelichting, acties, location = _list(value)
    return Norm(
        nr=_str(nr),
        thema=_int(theme),
        titel=_str(titel),
        criteria=tuple(
            Criterion(_str(c[0]), _answer(c[1]), _opt_str(c[2]))
            for c in (_list(item) for item in _list(criteria))
        ),
        antwoord=_answer(answer),
        toelichting=_opt_str(toelichting),
        acties=tuple(_str(a) for a in _list(acties)),
        location=_opt_location(location),
    )


def checklist_out(checklist: Checklist) -> dict[str, Any]:
    """A checklist as JSON-ready data."""
    pyramid = checklist.piramide
    return {
        "naam": checklist.naam,
        "organisatie": checklist.organisatie,
        "peildatum": _iso(checklist.peildatum),
        "bron": checklist.bron,
        "datum": _iso(checklist.datum),
        "schaal": [a.value for a in checklist.schaal],
        "source": checklist.source,
        "piramide": None
        if pyramid is None
        else [pyramid.naam, [list(p) for p in pyramid.fasen], pyramid.van, pyramid.tot],
        "themas": [
            [
                t.nr,
                t.titel,
                t.pagina,
                t.compleet,
                t.fase,
                _place(t.location),
                [_norm_out(n) for n in t.normen],
            ]
            for t in checklist.themas
        ],
    }


def checklist_in(value: Any) -> Checklist:
    """A checklist from :func:`checklist_out` data, every field checked."""
    if type(value) is not dict:
        raise CodecError("checklist verwacht")
    pyramid = None
    if value["piramide"] is not None:
        name, phases, low, high = _list(value["piramide"])
        pyramid = Pyramid(
            _str(name),
            tuple(
                Phase(_int(p[0]), _opt_str(p[1]), _opt_str(p[2]))
                for p in (_list(item) for item in _list(phases))
            ),
            _int(low),
            _int(high),
        )
    themes = []
    for item in _list(value["themas"]):
        nr, titel, page, complete, phase, location, norms = _list(item)
        themes.append(
            NormTheme(
                nr=_int(nr),
                titel=_str(titel),
                normen=tuple(_norm_in(n) for n in _list(norms)),
                pagina=_opt_str(page),
                compleet=_bool(complete),
                fase=_opt_int(phase),
                location=_opt_location(location),
            )
        )
    return Checklist(
        naam=_str(value["naam"]),
        themas=tuple(themes),
        piramide=pyramid,
        organisatie=_opt_str(value["organisatie"]),
        peildatum=_day(value["peildatum"]),
        bron=_opt_str(value["bron"]),
        datum=_day(value["datum"]),
        schaal=tuple(Answer(_str(a)) for a in _list(value["schaal"])),
        source=_str(value["source"]),
    )


# --- loaded results ---------------------------------------------------------------------

_CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "spoorboekje": (plan_out, plan_in),
    "checklist": (checklist_out, checklist_in),
}


def encode(kind: str, loaded: Loaded[Any]) -> dict[str, Any]:
    """A loaded file (value and findings) as JSON-ready data."""
    out, _ = _CODECS[kind]
    return {
        "kind": kind,
        "file": loaded.file,
        "value": None if loaded.value is None else out(loaded.value),
        "findings": [_finding_out(f) for f in loaded.findings],
    }


def decode(kind: str, data: Any) -> Loaded[Any]:
    """The loaded file back from :func:`encode` data.

    Raises:
        CodecError: anything at all is not as limnorm writes it.
    """
    try:
        if type(data) is not dict or data.get("kind") != kind:
            raise CodecError("onbekende inhoud")
        _, read = _CODECS[kind]
        value = None if data["value"] is None else read(data["value"])
        findings = tuple(_finding_in(f) for f in _list(data["findings"]))
        return Loaded(value, findings, _str(data["file"]))
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError) as error:
        raise CodecError(str(error)) from None
