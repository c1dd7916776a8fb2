"""The progress report for directie and raad: Markdown, or one self-contained HTML page.

:func:`build_report` gathers the figures (pure); :func:`to_markdown` and
:func:`to_html` write them. The HTML has inline CSS and SVG only (no external
resources, no JavaScript), prints on A4, and escapes all user text.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.deadlines import parse_deadline
from limnorm.core.models import Action, Answer, Checklist, Plan, Pyramid
from limnorm.output.tabular import md_escape, md_table
from limnorm.output.text import nl_date
from limnorm.queries.plan import (
    DueReport,
    State,
    StatusReport,
    ThemeAnswers,
    due,
    state_of,
    status,
)

if TYPE_CHECKING:
    from limnorm.queries.history import DiffReport
    from limnorm.queries.region import (
        Cell,
        CompareReport,
        Region,
        RegionDueReport,
        RegionStatusReport,
    )


class Report(NamedTuple):
    """Everything the progress report shows."""

    organisatie: str
    as_of: date
    status: StatusReport
    overdue: DueReport
    next_quarter: tuple[Action, ...]
    quarter_label: str
    pyramid: Pyramid | None
    plan: Plan
    since: DiffReport | None = None


def _next_quarter(as_of: date) -> tuple[str, date, date]:
    quarter = (as_of.month - 1) // 3 + 2
    year = as_of.year + (quarter > 4)
    quarter = (quarter - 1) % 4 + 1
    period = parse_deadline(f"Q{quarter} {year}")
    assert period.begin is not None
    assert period.deadline is not None
    return f"Q{quarter} {year}", period.begin, period.deadline


def build_report(
    plan: Plan, checklist: Checklist | None, as_of: date, since: DiffReport | None = None
) -> Report:
    """The report's figures on ``as_of``."""
    label, begin, end = _next_quarter(as_of)
    upcoming = tuple(
        sorted(
            (
                a
                for a in plan.actions()
                if a.is_open and a.period.deadline and begin <= a.period.deadline <= end
            ),
            key=lambda a: (a.period.deadline, a.id),
        )
    )
    return Report(
        organisatie=plan.organisatie,
        as_of=as_of,
        status=status(plan, as_of, checklist),
        overdue=due(plan, as_of, until=as_of - timedelta(days=1)),
        next_quarter=upcoming,
        quarter_label=label,
        pyramid=checklist.piramide if checklist else None,
        plan=plan,
        since=since,
    )


def _answers_by_theme(report: Report) -> dict[int, ThemeAnswers]:
    return {item.theme.nr: item for item in report.status.answers}


def _phase_text(report: Report, item: ThemeAnswers | None) -> str:
    if item is None or item.theme.fase is None:
        return "niet ingeschat"
    if report.pyramid is None:
        return f"fase {item.theme.fase}"
    band = report.pyramid
    if item.theme.fase < band.van:
        where = "onder de norm"
    elif item.theme.fase > band.tot:
        where = "boven de norm"
    else:
        where = "binnen de norm"
    return f"fase {item.theme.fase} ({where}: fase {band.van}–{band.tot})"


def _label(answer: Answer | None) -> str:
    return answer.label if answer else "onbeantwoord"


# --- Markdown -----------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    """The report as Markdown, ready to paste into a raadsinformatiebrief."""
    answers = _answers_by_theme(report)
    out = [
        f"# Voortgang Limburgse Norm — {md_escape(report.organisatie)}",
        "",
        f"Stand op {nl_date(report.as_of)}.",
        "",
        "## Per thema",
        "",
    ]
    rows: list[list[str | int]] = []
    for row in report.status.themes:
        item = answers.get(row.nr) if row.nr is not None else None
        counts = item.counts if item else None
        rows.append(
            [
                f"{row.nr} {row.titel}",
                f"{row.gereed}/{row.totaal - row.vervallen} gereed ({round(row.voortgang * 100)}%)",
                row.te_laat,
                f"{counts.uitgevoerd}/{sum(counts) - counts.nvt} uitgevoerd" if counts else "",
                ("ja" if counts.meets_norm else "nee") if counts else "",
                _phase_text(report, item),
            ]
        )
    out += md_table(
        ["Thema", "Acties", "Te laat", "Normen", "Voldoet", "Fase (eigen inschatting)"], rows
    )
    out += ["", "## Te laat, per actiehouder", ""]
    if not report.overdue.groups:
        out.append("Niets te laat.")
    for group in report.overdue.groups:
        name = f" ({md_escape(group.name)})" if group.name else ""
        out += ["", f"### {md_escape(group.code)}{name}", ""]
        out += md_table(
            ["Id", "Actie", "Wanneer", "Deadline", "Dagen te laat", "Toelichting"],
            [
                [
                    i.action.id,
                    i.action.actie,
                    i.action.wanneer,
                    nl_date(i.deadline),
                    -i.days,
                    i.action.toelichting or "",
                ]
                for i in group.items
            ],
        )
    out += ["", f"## Deadlines in het volgende kwartaal ({report.quarter_label})", ""]
    out += md_table(
        ["Id", "Actie", "Wanneer", "Deadline", "Actiehouder", "Toelichting"],
        [
            [
                a.id,
                a.actie,
                a.wanneer,
                nl_date(a.period.deadline),
                ", ".join(a.actiehouders),
                a.toelichting or "",
            ]
            for a in report.next_quarter
        ],
    )
    if report.since is not None:
        out += ["", *_since_markdown(report.since)]
    return "\n".join(out) + "\n"


def _since_markdown(diff: DiffReport) -> list[str]:
    when = f" ({nl_date(diff.old_when.date())})" if diff.old_when else ""
    out = [f"## Sinds {md_escape(diff.old_label)}{when}", ""]
    if diff.empty:
        return [*out, "Geen wijzigingen."]
    for title, actions in (
        ("Afgerond", diff.completed),
        ("Nieuw", diff.added),
        ("Vervallen of verwijderd", diff.dropped),
    ):
        if actions:
            names = "; ".join(md_escape(f"{a.id} {a.actie}") for a in actions)
            out += [f"**{title}:** {names}", ""]
    for moved in diff.moved:
        days = f" ({moved.days:+d} dagen)" if moved.days else ""
        out.append(
            f"- Verschoven: {md_escape(moved.action.id)} {md_escape(moved.action.actie)}: "
            f"{md_escape(moved.old_wanneer)} → {md_escape(moved.action.wanneer)}{days}"
        )
    for change in diff.answers:
        out.append(f"- Norm {md_escape(change.nr)}: {_label(change.old)} → {_label(change.new)}")
    return out


# --- HTML ---------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #1d2733; font-size: 10.5pt;
       line-height: 1.4; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 2pt; color: #0b4f71; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; color: #0b4f71; border-bottom: 1px solid #c9d6e0;
     padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
p.meta { color: #5a6b7b; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; break-inside: auto; }
th, td { text-align: left; padding: 3pt 5pt; border-bottom: 1px solid #e1e8ee;
         vertical-align: top; }
th { background: #eef3f7; font-weight: 600; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.late { color: #b3261e; font-weight: 600; }
.ok { color: #1e7a3c; font-weight: 600; }
.muted { color: #6b7b8a; }
figure { margin: 6pt 0 10pt; break-inside: avoid; }
figcaption { font-size: 9pt; color: #5a6b7b; }
svg text { font-family: "Segoe UI", Arial, sans-serif; }
""".strip()

_STATE_COLOUR = {
    State.GEREED: "#2e8b57",
    State.LOPEND: "#3b82c4",
    State.OPEN: "#9aa9b7",
    State.TE_LAAT: "#c62828",
    State.VERVALLEN: "#d6dde3",
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _progress_svg(share: float, late: int) -> str:
    width = 120
    filled = round(share * width)
    colour = "#c62828" if late else "#2e8b57"
    percent = round(share * 100)
    return (
        f'<svg width="{width + 40}" height="14" role="img" aria-label="{percent}% gereed">'
        f'<rect x="0" y="2" width="{width}" height="10" rx="2" fill="#e1e8ee"/>'
        f'<rect x="0" y="2" width="{filled}" height="10" rx="2" fill="{colour}"/>'
        f'<text x="{width + 4}" y="11" font-size="9">{percent}%</text></svg>'
    )


def _pyramid_svg(report: Report) -> str:
    pyramid = report.pyramid
    assert pyramid is not None
    names = {p.fase: p.naam for p in pyramid.fasen}
    marks: dict[int, list[str]] = {}
    for item in report.status.answers:
        if item.theme.fase:
            marks.setdefault(item.theme.fase, []).append(str(item.theme.nr))
    rows = []
    height, top, base = 30, 10, 300
    for level in range(5, 0, -1):
        y = top + (5 - level) * height
        half_top = base / 2 * (5 - level) / 5
        half_bottom = base / 2 * (6 - level) / 5
        cx = 160
        in_band = pyramid.van <= level <= pyramid.tot
        fill = "#f3c76b" if in_band else "#dbe5ec"
        points = (
            f"{cx - half_top:.0f},{y} {cx + half_top:.0f},{y} "
            f"{cx + half_bottom:.0f},{y + height - 2} {cx - half_bottom:.0f},{y + height - 2}"
        )
        label = names.get(level) or "(naam niet openbaar)"
        themes = marks.get(level)
        note = f" · thema {', '.join(themes)}" if themes else ""
        band = " · norm" if in_band else ""
        rows.append(
            f'<polygon points="{points}" fill="{fill}" stroke="#ffffff" stroke-width="1"/>'
            f'<text x="{cx + half_bottom + 8:.0f}" y="{y + 19}" font-size="10">'
            f"Fase {level}: {_e(label)}{_e(band)}{_e(note)}</text>"
        )
    return (
        f'<svg width="640" height="{top + 5 * height + 10}" role="img" '
        f'aria-label="{_e(pyramid.naam)}">{"".join(rows)}</svg>'
    )


def _timeline_svg(plan: Plan, as_of: date) -> str:
    dated = [a for a in plan.actions() if a.period.begin and a.period.deadline]
    if not dated:
        return '<p class="muted">Geen acties met een datum.</p>'
    start = min(min(a.period.begin for a in dated if a.period.begin), as_of).replace(day=1)
    end = max(max(a.period.deadline for a in dated if a.period.deadline), as_of)
    total = max((end - start).days + 1, 1)
    left, width, row = 150, 480, 14

    def x(day: date) -> float:
        return left + (day - start).days / total * width

    parts = []
    month = start
    while month <= end:
        parts.append(
            f'<line x1="{x(month):.1f}" y1="14" x2="{x(month):.1f}" y2="{20 + row * len(dated)}" '
            f'stroke="#e1e8ee"/><text x="{x(month) + 2:.1f}" y="10" font-size="8" '
            f'fill="#5a6b7b">{_e(nl_date(month)[-8:])}</text>'
        )
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    for index, action in enumerate(dated):
        assert action.period.begin
        assert action.period.deadline
        y = 18 + index * row
        state = state_of(action, as_of)
        bar_width = max(x(action.period.deadline + timedelta(days=1)) - x(action.period.begin), 3)
        parts.append(
            f'<text x="0" y="{y + 9}" font-size="8.5">{_e(action.id)} {_e(action.actie[:26])}'
            f"{'…' if len(action.actie) > 26 else ''}</text>"
            f'<rect x="{x(action.period.begin):.1f}" y="{y}" width="{bar_width:.1f}" height="10" '
            f'rx="2" fill="{_STATE_COLOUR[state]}"><title>{_e(action.id)}: {_e(action.wanneer)} '
            f"({_e(state)})</title></rect>"
        )
    marker = x(as_of)
    height = 24 + row * len(dated)
    parts.append(
        f'<line x1="{marker:.1f}" y1="12" x2="{marker:.1f}" y2="{height}" stroke="#1d2733" '
        f'stroke-dasharray="3,2"/>'
    )
    legend = " ".join(
        f'<tspan fill="{colour}">■</tspan> {_e(state)}' for state, colour in _STATE_COLOUR.items()
    )
    parts.append(
        f'<text x="0" y="{height + 12}" font-size="8.5">{legend} · stippellijn: peildatum</text>'
    )
    return (
        f'<svg width="{left + width + 10}" height="{height + 18}" role="img" '
        f'aria-label="Tijdlijn van de acties">{"".join(parts)}</svg>'
    )


def _html_table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    if not rows:
        return '<p class="muted">Geen.</p>'
    numeric = numeric or set()
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (UTF-8, inline CSS and SVG)."""
    answers = _answers_by_theme(report)
    theme_rows = []
    for row in report.status.themes:
        item = answers.get(row.nr) if row.nr is not None else None
        counts = item.counts if item else None
        verdict = (
            ('<span class="ok">ja</span>' if counts.meets_norm else '<span class="late">nee</span>')
            if counts
            else ""
        )
        theme_rows.append(
            [
                f"{_e(row.nr)}&#160;{_e(row.titel)}",
                f"{row.gereed}/{row.totaal - row.vervallen}",
                _progress_svg(row.voortgang, row.te_laat),
                f'<span class="late">{row.te_laat}</span>' if row.te_laat else "0",
                f"{counts.uitgevoerd}/{sum(counts) - counts.nvt}" if counts else "",
                verdict,
                _e(_phase_text(report, item)),
            ]
        )
    body = [
        f"<h1>Voortgang Limburgse Norm — {_e(report.organisatie)}</h1>",
        f'<p class="meta">Stand op {_e(nl_date(report.as_of))} · gemaakt met limnorm</p>',
        "<h2>Per thema</h2>",
        _html_table(
            ["Thema", "Gereed", "Voortgang", "Te laat", "Normen uitgevoerd", "Voldoet", "Fase"],
            theme_rows,
            {1, 3, 4},
        ),
    ]
    if report.pyramid is not None:
        body += [
            f"<h2>{_e(report.pyramid.naam)}</h2>",
            f"<figure>{_pyramid_svg(report)}<figcaption>Geel: de band van de norm "
            f"(fase {report.pyramid.van}–{report.pyramid.tot}). Per fase de thema's die de "
            "organisatie daar zelf plaatst.</figcaption></figure>",
        ]
    body.append("<h2>Te laat, per actiehouder</h2>")
    if not report.overdue.groups:
        body.append('<p class="ok">Niets te laat.</p>')
    for group in report.overdue.groups:
        name = f" ({_e(group.name)})" if group.name else ""
        body.append(f"<h3>{_e(group.code)}{name}</h3>")
        body.append(
            _html_table(
                ["Id", "Actie", "Wanneer", "Deadline", "Dagen te laat", "Toelichting"],
                [
                    [
                        _e(i.action.id),
                        _e(i.action.actie),
                        _e(i.action.wanneer),
                        _e(nl_date(i.deadline)),
                        f'<span class="late">{-i.days}</span>',
                        _e(i.action.toelichting or ""),
                    ]
                    for i in group.items
                ],
                {3, 4},
            )
        )
    body += [
        f"<h2>Deadlines in het volgende kwartaal ({_e(report.quarter_label)})</h2>",
        _html_table(
            ["Id", "Actie", "Wanneer", "Deadline", "Actiehouder", "Toelichting"],
            [
                [
                    _e(a.id),
                    _e(a.actie),
                    _e(a.wanneer),
                    _e(nl_date(a.period.deadline)),
                    _e(", ".join(a.actiehouders)),
                    _e(a.toelichting or ""),
                ]
                for a in report.next_quarter
            ],
            {3},
        ),
        "<h2>Tijdlijn</h2>",
        f"<figure>{_timeline_svg(report.plan, report.as_of)}</figure>",
    ]
    if report.since is not None:
        body += _since_html(report.since)
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/>'
        f"<title>Voortgang Limburgse Norm — {_e(report.organisatie)}</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _since_html(diff: DiffReport) -> list[str]:
    when = f" ({_e(nl_date(diff.old_when.date()))})" if diff.old_when else ""
    out = [f"<h2>Sinds {_e(diff.old_label)}{when}</h2>"]
    if diff.empty:
        return [*out, "<p>Geen wijzigingen.</p>"]
    rows: list[list[str]] = []
    rows += [["afgerond", _e(a.id), _e(a.actie), ""] for a in diff.completed]
    rows += [["nieuw", _e(a.id), _e(a.actie), _e(a.wanneer)] for a in diff.added]
    rows += [["vervallen", _e(a.id), _e(a.actie), ""] for a in diff.dropped]
    rows += [
        ["verschoven", _e(m.action.id), _e(m.action.actie),
         _e(f"{m.old_wanneer} → {m.action.wanneer}" + (f" ({m.days:+d} dagen)" if m.days else ""))]
        for m in diff.moved
    ]  # fmt: skip
    rows += [
        ["antwoord", _e(c.nr), _e(c.titel), _e(f"{_label(c.old)} → {_label(c.new)}")]
        for c in diff.answers
    ]
    return [*out, _html_table(["Wat", "Id", "Titel", "Details"], rows)]


# --- the region ------------------------------------------------------------------------


class RegionReport(NamedTuple):
    """The regional report: the comparison, each organisation's totals, what is late."""

    as_of: date
    compare: CompareReport
    status: RegionStatusReport
    overdue: RegionDueReport


def build_region_report(region: Region, as_of: date) -> RegionReport:
    """The figures of the regional report on ``as_of``."""
    from limnorm.queries.region import compare, region_due, region_status

    return RegionReport(
        as_of,
        compare(region, as_of),
        region_status(region, as_of),
        region_due(region, as_of, until=as_of - timedelta(days=1), owner=None),
    )


def _share(cell: Cell) -> str:
    share = "–" if cell.share is None else f"{round(cell.share * 100)}%"
    return f"{share} · fase {cell.phase or '–'} · {cell.late} te laat"


def region_markdown(report: RegionReport) -> str:
    """The regional report as Markdown."""
    out = [
        "# Limburgse Norm in de regio",
        "",
        f"Stand op {nl_date(report.as_of)}: {len(report.compare.rows)} organisaties"
        + (f", {len(report.compare.broken)} niet meegeteld" if report.compare.broken else "")
        + ".",
        "",
        "## Per thema: normen uitgevoerd, eigen fase, acties te laat",
        "",
        "De laagste score per thema is **vet** gemarkeerd.",
        "",
    ]
    rows: list[list[str | int]] = []
    for row in report.compare.rows:
        cells: list[str | int] = [row.organisation]
        for cell in row.cells:
            cells.append(f"**{_share(cell)}**" if cell.lowest else _share(cell))
        rows.append(cells)
    headers = ["Organisatie", *(f"Thema {t}" for t in report.compare.themes)]
    # Only the organisation's name is user text; the cells carry **bold** made here.
    out += md_table(headers, rows, trusted=frozenset(range(1, len(headers))))
    out += ["", "## Per organisatie", ""]
    out += md_table(
        ["Organisatie", "Acties", "Gereed", "Te laat", "Normen uitgevoerd", "Thema's op norm"],
        [
            [
                r.organisation,
                r.totaal,
                r.gereed,
                r.te_laat,
                f"{r.norms_done}/{r.norms_applicable}",
                f"{r.themes_meeting}/6",
            ]
            for r in report.status.rows
        ],
    )
    late = Counter(entry.organisation for entry in report.overdue.items)
    out += ["", "## Acties te laat per organisatie", ""]
    out += md_table(["Organisatie", "Te laat"], [[name, n] for name, n in late.most_common()])
    if report.compare.broken:
        out += ["", "## Niet meegeteld (bestanden met fouten)", ""]
        for organisation in report.compare.broken:
            out.append(f"- {md_escape(organisation.folder)}:")
            out += [f"  - {md_escape(str(f))}" for f in organisation.errors]
    if report.compare.differences:
        out += ["", "## Andere normen dan de rest van de regio", ""]
        for difference in report.compare.differences:
            extra = ", ".join(difference.extra) or "–"
            missing = ", ".join(difference.missing) or "–"
            out.append(
                f"- {md_escape(difference.organisation)}: extra {extra}; ontbreekt {missing}"
            )
    return "\n".join(out) + "\n"


def region_html(report: RegionReport) -> str:
    """The regional report as one self-contained HTML page."""
    rows = []
    for row in report.compare.rows:
        cells = [_e(row.organisation)]
        for cell in row.cells:
            text = _e(_share(cell))
            cells.append(f'<span class="late">▼ {text}</span>' if cell.lowest else text)
        rows.append(cells)
    body = [
        "<h1>Limburgse Norm in de regio</h1>",
        f'<p class="meta">Stand op {_e(nl_date(report.as_of))} · '
        f"{len(report.compare.rows)} organisaties · gemaakt met limnorm</p>",
        "<h2>Per thema: normen uitgevoerd, eigen fase, acties te laat</h2>",
        '<p class="muted">▼ en rood: de laagste score per thema.</p>',
        _html_table(["Organisatie", *(f"Thema {t}" for t in report.compare.themes)], rows),
        "<h2>Per organisatie</h2>",
        _html_table(
            ["Organisatie", "Acties", "Voortgang", "Te laat", "Normen uitgevoerd", "Op norm"],
            [
                [
                    _e(r.organisation),
                    str(r.totaal),
                    _progress_svg(r.voortgang, r.te_laat),
                    str(r.te_laat),
                    f"{r.norms_done}/{r.norms_applicable}",
                    f"{r.themes_meeting}/6",
                ]
                for r in report.status.rows
            ],
            {1, 3, 4, 5},
        ),
    ]
    if report.compare.broken:
        body.append("<h2>Niet meegeteld (bestanden met fouten)</h2><ul>")
        for organisation in report.compare.broken:
            errors = "".join(f"<li>{_e(str(f))}</li>" for f in organisation.errors)
            body.append(f"<li>{_e(organisation.folder)}<ul>{errors}</ul></li>")
        body.append("</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/>'
        "<title>Limburgse Norm in de regio</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )
