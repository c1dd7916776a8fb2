"""Loaded plans and checklists to JSON-ready data and back, checking every value.

Used by the cache (:mod:`limnorm.cache`) and to bring results back from the
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
from typing import Any

from limnorm.deadlines import Period, PeriodKind
from limnorm.errors import Location
from limnorm.loader import Loaded
from limnorm.models import (
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
    Status,
    Theme,
)


class CodecError(ValueError):
    """The data is not what limnorm writes; treat it as absent."""


# Dictionary lookups: calling an Enum class per value was a tenth of decoding a region.
_KINDS = {k.value: k for k in PeriodKind}
_STATUSES = {s.value: s for s in Status}


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


def _action_out(action: Action) -> list[Any]:
    period = action.period
    location = action.location
    return [
        action.id, action.thema, action.actie, action.wanneer,
        _iso(period.begin), _iso(period.deadline), period.kind.value,
        list(action.actiehouders), action.status.value, action.toelichting,
        _iso(action.gereed_op),
        # The file is the plan's; only line and column are stored per action.
        None if location is None else [location.line, location.column],
    ]  # fmt: skip


def _action_in(value: Any, file: str) -> Action:
    # The hot loop of a warm region load: checks are written out inline, as
    # function calls per field were most of its time.
    if type(value) is not list or len(value) != 12:
        raise CodecError("actie verwacht")
    (ident, theme, actie, wanneer, begin, deadline, kind, owners, status, toelichting,
     done, place) = value  # fmt: skip
    if (
        type(ident) is not str
        or type(theme) is not int
        or type(actie) is not str
        or type(wanneer) is not str
        or type(owners) is not list
        or (toelichting is not None and type(toelichting) is not str)
    ):
        raise CodecError("actie verwacht")
    for owner in owners:
        if type(owner) is not str:
            raise CodecError("actiehouder verwacht")
    location = None
    if place is not None:
        if type(place) is not list or len(place) != 2:
            raise CodecError("plaats verwacht")
        line, column = place
        if type(line) is not int or type(column) is not int:
            raise CodecError("plaats verwacht")
        location = Location(file, line, column)
    return Action(
        ident,
        theme,
        actie,
        wanneer,
        Period(_day(begin), _day(deadline), _member(_KINDS, kind)),
        tuple(owners),
        _member(_STATUSES, status),
        toelichting,
        _day(done),
        location,
    )


def plan_out(plan: Plan) -> dict[str, Any]:
    """A plan as JSON-ready data."""
    return {
        "organisatie": plan.organisatie,
        "titel": plan.titel,
        "kenmerk": plan.kenmerk,
        "documentnr": plan.documentnr,
        "source": plan.source,
        "actiehouders": dict(plan.actiehouders),
        "themas": [[t.nr, t.titel, [_action_out(a) for a in t.acties]] for t in plan.themas],
    }


def plan_in(value: Any) -> Plan:
    """A plan from :func:`plan_out` data, every field checked."""
    if type(value) is not dict:
        raise CodecError("spoorboekje verwacht")
    owners = value["actiehouders"]
    if type(owners) is not dict:
        raise CodecError("actiehouders verwacht")
    source = _str(value["source"])  # the file every action's place refers to
    themes = []
    for item in _list(value["themas"]):
        nr, titel, actions = _list(item)
        themes.append(
            Theme(_int(nr), _str(titel), tuple(_action_in(a, source) for a in _list(actions)))
        )
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
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise CodecError(str(error)) from None
