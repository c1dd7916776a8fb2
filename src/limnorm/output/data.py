"""The data forms of the results: what ``--format json`` writes.

Each function turns one result type into JSON-able data (or, for the long due
lists, into JSON text: see :class:`JsonText`); :mod:`limnorm.output.views` pairs
them with the table and sheet forms. Keys are Dutch (see README, "JSON").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from limnorm.core.deadlines import is_postponed
from limnorm.core.models import Action, Finding
from limnorm.core.period import Period
from limnorm.queries.plan import (
    AnswerCounts,
    Category,
    ChecklistReport,
    CheckReport,
    DueItem,
    DueReport,
    NormRow,
    State,
    StatusReport,
    ThemeAnswers,
    ThemeDetail,
    ThemeStatus,
    TimelineReport,
    WhenReport,
    state_of,
)

if TYPE_CHECKING:  # imported for real only by the commands that make these results
    from limnorm.files.region import Organisation
    from limnorm.files.updates import EditResult
    from limnorm.queries.history import DiffReport, HistoryReport
    from limnorm.queries.region import (
        CompareReport,
        NormDifference,
        RegionDueReport,
        RegionStatusReport,
    )


class JsonText(str):
    """JSON already written as text (the due lists, see :func:`due`): written as it is."""

    __slots__ = ()


def _state(state: State) -> str:
    """A state as JSON spells it: ``te_laat`` (as ``categorie`` does), not ``te laat``."""
    return state.name.lower()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


#: Keys of an action in JSON (and of a due item); an organisation's own key with one of
#: these names is written as "<key> (eigen)", so that neither is lost.
_ACTION_JSON_KEYS = frozenset(
    ("id", "thema", "actie", "wanneer", "begin", "deadline", "soort", "notitie", "uitgesteld",
     "oorspronkelijk", "actiehouder", "status", "gereed_op", "toelichting", "voortgang",
     "mijlpaal", "fouten", "categorie", "dagen", "organisatie", "staat", "was")
)  # fmt: skip


def own_key(key: str) -> str:
    """The JSON name of a key limnorm does not know: its own, unless that is taken."""
    return f"{key} (eigen)" if key in _ACTION_JSON_KEYS else key


def _action_data(action: Action, **more: Any) -> dict[str, Any]:
    """An action's keys, then ``more`` (a due item's categorie and dagen), then the
    organisation's own keys under their own names."""
    return {
        "id": action.id,
        "thema": action.thema,
        "actie": action.actie,
        "wanneer": action.wanneer,
        **_period_data(action.period, action.postponed_from, action.jaar),
        "actiehouder": list(action.actiehouders),
        "status": str(action.status),
        "gereed_op": _iso(action.gereed_op),
        "toelichting": action.toelichting,
        "voortgang": action.voortgang,
        "mijlpaal": action.mijlpaal,
        "fouten": list(action.fouten),
        **more,
        **{own_key(key): value for key, value in action.extra.items()},
    }


# Due lists are written one object per line (so that a long list stays readable and
# greppable). Each object is made by the json module: writing the text by hand was
# twice as fast, but for a real region (~600 actions, ~230 due) that is 1.4 against
# 5.3 ms, next to a start-up of ~100 ms: not worth a second JSON writer.


@functools.cache
def _encode() -> Callable[[Any], str]:
    """The json module's encoder, keeping non-ASCII text as it is; made once (json.dumps
    with options builds a new one per call)."""
    import json  # only JSON output needs it

    return json.JSONEncoder(ensure_ascii=False).encode


def _due_item_data(item: DueItem) -> dict[str, Any]:
    return _action_data(item.action, categorie=item.category.value, dagen=item.days)


def due(report: DueReport) -> JsonText:
    """The due items, then the open actions whose wanneer is unreadable: these with
    ``categorie`` "wanneer_onleesbaar", no deadline and ``dagen`` null (never a guess)."""
    encode = _encode()
    unreadable = Category.WANNEER_ONLEESBAAR.value
    return JsonText(
        _json_lines(
            [encode(_due_item_data(item)) for item in report.items]
            + [
                encode(_action_data(action, categorie=unreadable, dagen=None))
                for action in report.unreadable
            ]
        )
    )


def _counts_data(row: ThemeStatus) -> dict[str, Any]:
    return {**row._asdict(), "voortgang": round(row.voortgang, 4)}


def _answers_data(counts: AnswerCounts) -> dict[str, Any]:
    return {**counts._asdict(), "voldoet": counts.meets_norm}


def status(report: StatusReport) -> dict[str, Any]:
    by_nr = {item.theme.nr: item for item in report.answers}
    themes = []
    for row in report.themes:
        item = by_nr.get(row.nr) if row.nr is not None else None
        themes.append(
            {
                **_counts_data(row),
                "normen": _answers_data(item.counts) if item else None,
                "fase": item.theme.fase if item else None,
            }
        )
    return {
        "organisatie": report.organisatie,
        "peildatum": report.as_of.isoformat(),
        "themas": themes,
        "totaal": _counts_data(report.total),
    }


def _norm_row_data(row: NormRow) -> dict[str, Any]:
    norm = row.norm
    return {
        "nr": norm.nr,
        "titel": norm.titel,
        "antwoord": norm.antwoord.value if norm.antwoord else None,
        "toelichting": norm.toelichting,
        "acties": [
            {"id": link.id, "staat": _state(link.state) if link.state else None}
            for link in row.links
        ],
        "criteria": [
            {
                "titel": c.titel,
                "antwoord": c.antwoord.value if c.antwoord else None,
                "toelichting": c.toelichting,
            }
            for c in norm.criteria
        ],
    }


def _theme_answers_data(item: ThemeAnswers) -> dict[str, Any]:
    return {
        "nr": item.theme.nr,
        "titel": item.theme.titel,
        "compleet": item.theme.compleet,
        "fase": item.theme.fase,
        "telling": _answers_data(item.counts),
        "normen": [_norm_row_data(row) for row in item.rows],
    }


def checklist(report: ChecklistReport) -> dict[str, Any]:
    return {
        "organisatie": report.organisatie,
        "norm": report.norm,
        "peildatum": report.as_of.isoformat(),
        "datum_nulmeting": _iso(report.peildatum),
        "alleen_open": report.only_open,
        "themas": [_theme_answers_data(item) for item in report.themes],
    }


def theme(detail: ThemeDetail) -> dict[str, Any]:
    actions = [
        _action_data(a, staat=_state(state_of(a, detail.as_of))) for a in detail.theme.acties
    ]
    pyramid = detail.pyramid
    return {
        "organisatie": detail.organisatie,
        "peildatum": detail.as_of.isoformat(),
        "thema": {**_counts_data(detail.counts), "acties": actions},
        "normen": _theme_answers_data(detail.answers) if detail.answers else None,
        "piramide": {
            "naam": pyramid.naam,
            "fasen": [p._asdict() for p in pyramid.fasen],
            "norm": {"van": pyramid.van, "tot": pyramid.tot},
        }
        if pyramid
        else None,
    }


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "bestand": finding.location.file,
        "regel": finding.location.line,
        "kolom": finding.location.column,
        "ernst": str(finding.severity),
        "melding": finding.message,
    }


def check(report: CheckReport) -> dict[str, Any]:
    return {
        "bestanden": list(report.files),
        "fataal": report.fatal,
        "fouten": report.errors,
        "waarschuwingen": report.warnings,
        "meldingen": [_finding_data(f) for f in report.findings],
    }


def _period_data(
    period: Period | None, earlier: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """A period's keys, spelled alike wherever a period is written (an action, a ``when``
    reading). ``earlier`` is the deadline before a postponement when it is known besides the
    cell (an action's ``oorspronkelijk``); ``uitgesteld`` is null when nothing was read."""
    if period is None:
        return dict.fromkeys(
            ("begin", "deadline", "soort", "notitie", "uitgesteld", "oorspronkelijk")
        )
    earlier = earlier or period.was
    return {
        "begin": _iso(period.begin),
        "deadline": _iso(period.deadline),
        "soort": str(period.kind),
        "notitie": period.note,
        "uitgesteld": is_postponed(period, earlier, year=year),
        "oorspronkelijk": earlier,
    }


def when(report: WhenReport) -> list[dict[str, Any]]:
    return [
        {"wanneer": r.wanneer, **_period_data(r.period), "fout": r.error} for r in report.readings
    ]


def timeline(report: TimelineReport) -> dict[str, Any]:
    """The timeline's actions with their state (dated ones per theme, then the undated)."""
    rows = [row for group in report.groups for row in group.rows] + list(report.undated)
    return {
        "organisatie": report.organisatie,
        "peildatum": _iso(report.as_of),
        "acties": [_action_data(r.action, staat=_state(r.state)) for r in rows],
    }


def edit(result: EditResult) -> dict[str, Any]:
    return {
        "bestand": result.file,
        "doel": result.target,
        "gewijzigd": result.changed,
        "wijzigingen": [{"veld": c.key, "was": c.old, "nu": c.new} for c in result.changes],
    }


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def history(report: HistoryReport) -> dict[str, Any]:
    return {
        "organisatie": report.organisatie,
        "actie": report.action,
        "commits": report.commits,
        "ondiep": report.shallow,
        "overgeslagen": list(report.broken),
        "wijzigingen": [
            {
                "datum": _stamp(e.when),
                "auteur": e.author,
                "commit": e.commit,
                "id": e.id,
                "soort": e.kind,
                "van": e.old,
                "naar": e.new,
                "dagen": e.days,
            }
            for e in report.events
        ],
        "gereed_per_maand": [{"maand": m, "aantal": n} for m, n in report.done_per_month],
        "antwoorden": [
            {
                "nr": r.nr,
                "titel": r.titel,
                "nulmeting": r.first.value if r.first else None,
                "nulmeting_datum": _stamp(r.first_when),
                "nu": r.now.value if r.now else None,
            }
            for r in report.answers
        ],
    }


def diff(report: DiffReport) -> dict[str, Any]:
    return {
        "organisatie": report.organisatie,
        "van": report.old_label,
        "van_datum": _stamp(report.old_when),
        "tot": report.new_label,
        "tot_datum": _stamp(report.new_when),
        "afgerond": [_action_data(a) for a in report.completed],
        "nieuw": [_action_data(a) for a in report.added],
        "vervallen": [_action_data(a) for a in report.dropped],
        "verschoven": [
            _action_data(m.action, was=m.old_wanneer, dagen=m.days) for m in report.moved
        ],
        "antwoorden": [
            {
                "nr": c.nr,
                "titel": c.titel,
                "was": c.old.value if c.old else None,
                "nu": c.new.value if c.new else None,
            }
            for c in report.answers
        ],
    }


def _broken_data(broken: tuple[Organisation, ...]) -> list[dict[str, Any]]:
    return [
        {"map": o.folder, "organisatie": o.name, "meldingen": [_finding_data(f) for f in o.errors]}
        for o in broken
    ]


def _differences_data(differences: tuple[NormDifference, ...]) -> list[dict[str, Any]]:
    return [
        {"organisatie": d.organisation, "extra": list(d.extra), "ontbreekt": list(d.missing)}
        for d in differences
    ]


def compare(report: CompareReport) -> dict[str, Any]:
    return {
        "peildatum": report.as_of.isoformat(),
        "organisaties": [
            {
                "naam": row.organisation,
                "themas": [
                    {
                        "thema": theme,
                        "uitgevoerd": None if c.share is None else round(c.share, 4),
                        "fase": c.phase,
                        "te_laat": c.late,
                        "laagste": c.lowest,
                    }
                    for theme, c in zip(report.themes, row.cells, strict=True)
                ],
            }
            for row in report.rows
        ],
        "niet_meegeteld": _broken_data(report.broken),
        "normverschillen": _differences_data(report.differences),
    }


def region_due(report: RegionDueReport) -> JsonText:
    encode = _encode()
    return JsonText(
        _json_lines(
            [
                encode({"organisatie": entry.organisation, **_due_item_data(entry.item)})
                for entry in report.items
            ]
            + [
                encode(
                    {
                        "organisatie": entry.organisation,
                        **_action_data(
                            entry.action,
                            categorie=Category.WANNEER_ONLEESBAAR.value,
                            dagen=None,
                        ),
                    }
                )
                for entry in report.unreadable
            ]
        )
    )


def region_status(report: RegionStatusReport) -> dict[str, Any]:
    return {
        "peildatum": report.as_of.isoformat(),
        "organisaties": [
            {
                "organisatie": row.organisation,
                "totaal": row.totaal,
                "gereed": row.gereed,
                "lopend": row.lopend,
                "open": row.open,
                "te_laat": row.te_laat,
                "voortgang": round(row.voortgang, 4),
                "normen_uitgevoerd": row.norms_done,
                "normen_van_toepassing": row.norms_applicable,
                "normen_beantwoord": row.norms_answered,
                "themas_op_norm": row.themes_meeting,
            }
            for row in report.rows
        ],
        "niet_meegeteld": _broken_data(report.broken),
        "normverschillen": _differences_data(report.differences),
    }


def _json_lines(objects: list[str]) -> str:
    """A JSON list of encoded objects, one per line."""
    return "[\n  " + ",\n  ".join(objects) + "\n]" if objects else "[]"


def to_json(data: Any) -> str:
    """JSON text: a list gets one object per line, anything else is indented.

    Python's json module only uses its fast C encoder without indentation; a
    region's due list of ten thousand actions took a third of a second indented.
    """
    if isinstance(data, list):
        return _json_lines(list(map(_encode(), data)))
    import json  # only JSON output needs it

    return json.dumps(data, indent=2, ensure_ascii=False)
