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
from types import MappingProxyType
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
    Owner,
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


_KINDS = {k.value: k for k in PeriodKind}


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


# One list per action, its fields by name in _action_out's order, decoded by a plain
# function per action. The earlier layout (one column per field, decoded with
# tuple.__new__) was faster on the 16,500-action benchmark: a warm `compare` took 0.27 s
# against 0.40 s now (cold 1.7 s both, PyYAML's C loader alone 1.4 s; benchmarks/
# region.py, one machine, one run). A real region has ~600 actions, where the difference
# is a few milliseconds, so the simpler form was kept.
# Kept: periods are stored once per plan in a table (a plan repeats "Q3 24"), and each
# action holds an index into it: entries stay a quarter smaller, and decoded actions
# share their Period records as the loader's do.
_NO_EXTRA = Action._field_defaults["extra"]


def _period_out(period: Period) -> list[Any]:
    return [
        _iso(period.begin), _iso(period.deadline), period.kind.value, period.note,
        period.postponed, period.was,
    ]  # fmt: skip


def _period_in(value: Any) -> Period:
    begin, deadline, kind, note, postponed, was = _list(value)
    return Period(
        _day(begin), _day(deadline), _member(_KINDS, kind), _opt_str(note), _bool(postponed),
        _opt_str(was),
    )  # fmt: skip


def _action_out(action: Action, period: int) -> list[Any]:
    # The file is the plan's; only line and column are stored (0: unknown).
    line, column = (action.location.line, action.location.column) if action.location else (0, 0)
    return [
        action.id, action.thema, action.actie, action.wanneer, period,
        list(action.actiehouders), action.status.value, action.toelichting,
        _iso(action.gereed_op), line, column, list(action.fouten), action.voortgang,
        action.mijlpaal, action.oorspronkelijk, dict(action.extra) or None, action.jaar,
    ]  # fmt: skip


def _texts(value: Any) -> tuple[str, ...]:
    """A list of texts as a tuple (a loop, not a generator: most lists hold one)."""
    items = tuple(_list(value))
    for item in items:
        if type(item) is not str:
            raise CodecError("tekst verwacht")
    return items


def _action_in(value: Any, periods: list[Period], file: str) -> Action:
    (
        id_, theme, actie, wanneer, period, owners, status, toelichting, done, line, column,
        fouten, voortgang, mijlpaal, oorspronkelijk, extra, year,
    ) = _list(value)  # fmt: skip
    # The plain fields' types in one test, not a checked reader each: decoding 16,500
    # actions is a third of a warm region's run (benchmarks/region.py), and this made it
    # ~30% faster (0.12 -> 0.08 s CPU). A reader per field is still used where a value
    # needs more than its type (a day, a status, a list of texts).
    if not (
        type(id_) is str
        and type(theme) is int
        and type(actie) is str
        and type(wanneer) is str
        and type(period) is int
        and 0 <= period < len(periods)
        and (toelichting is None or type(toelichting) is str)
        and type(line) is int
        and type(column) is int
        and (voortgang is None or type(voortgang) is int)
        and type(mijlpaal) is bool
        and (oorspronkelijk is None or type(oorspronkelijk) is str)
        and (extra is None or type(extra) is dict)
        and (year is None or type(year) is int)
    ):
        raise CodecError("actie klopt niet")
    return Action(
        id=id_,
        thema=theme,
        actie=actie,
        wanneer=wanneer,
        period=periods[period],
        actiehouders=_texts(owners),
        status=_member(STATUSES, status),
        toelichting=toelichting,
        gereed_op=_day(done),
        location=Location(file, line, column) if line else None,
        fouten=_texts(fouten),
        voortgang=voortgang,
        mijlpaal=mijlpaal,
        oorspronkelijk=oorspronkelijk,
        extra=MappingProxyType(extra) if extra else _NO_EXTRA,
        jaar=year,
    )


def plan_out(plan: Plan) -> dict[str, Any]:
    """A plan as JSON-ready data: its owners, themes and actions."""
    periods: dict[Period, int] = {}
    themes = []
    for theme in plan.themas:
        actions = [_action_out(a, periods.setdefault(a.period, len(periods))) for a in theme.acties]
        themes.append([theme.nr, theme.titel, theme.jaar, actions])
    return {
        "organisatie": plan.organisatie,
        "titel": plan.titel,
        "kenmerk": plan.kenmerk,
        "documentnr": plan.documentnr,
        "source": plan.source,
        "jaar": plan.jaar,
        "fouten": plan.fouten,
        "actiehouders": [[o.code, o.naam, o.email] for o in plan.actiehouders.values()],
        "periodes": [_period_out(p) for p in periods],
        "themas": themes,
    }


def plan_in(value: Any) -> Plan:
    """A plan from :func:`plan_out` data, every field checked."""
    if type(value) is not dict:
        raise CodecError("spoorboekje verwacht")
    source = _str(value["source"])  # the file every action's place refers to
    periods = [_period_in(p) for p in _list(value["periodes"])]
    owners = {}
    for item in _list(value["actiehouders"]):
        code, naam, email = _list(item)
        owners[_str(code)] = Owner(_str(code), _opt_str(naam), _opt_str(email))
    themes = []
    for item in _list(value["themas"]):
        nr, titel, jaar, actions = _list(item)
        themes.append(
            Theme(
                _int(nr),
                _str(titel),
                tuple(_action_in(a, periods, source) for a in _list(actions)),
                _opt_int(jaar),
            )
        )
    return Plan(
        organisatie=_str(value["organisatie"]),
        themas=tuple(themes),
        actiehouders=owners,
        titel=_opt_str(value["titel"]),
        kenmerk=_opt_str(value["kenmerk"]),
        documentnr=_opt_str(value["documentnr"]),
        source=source,
        jaar=_opt_int(value["jaar"]),
        fouten=_int(value["fouten"]),
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
        acties=_texts(acties),
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
        else [
            pyramid.naam,
            [[p.fase, p.naam, p.omschrijving] for p in pyramid.fasen],
            pyramid.van,
            pyramid.tot,
        ],
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
