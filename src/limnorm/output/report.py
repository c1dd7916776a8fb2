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

from limnorm.core import calendar
from limnorm.core.deadlines import is_postponed, shift_days
from limnorm.core.ids import by_id
from limnorm.core.models import Action, Answer, Checklist, Plan, Pyramid
from limnorm.core.period import PeriodKind
from limnorm.output.tabular import md_escape, md_table
from limnorm.output.text import (
    MONTH_ABBREVIATIONS,
    deadline_text,
    nl_date,
    when_text,
)
from limnorm.queries.plan import (
    Category,
    DueItem,
    DueReport,
    NormRow,
    State,
    StatusReport,
    ThemeAnswers,
    ThemeStatus,
    due,
    due_items,
    state_of,
    status,
)

if TYPE_CHECKING:
    from limnorm.files.region import Region
    from limnorm.queries.history import DiffReport
    from limnorm.queries.region import (
        Cell,
        CompareReport,
        RegionDueReport,
        RegionStatusReport,
        RegionStatusRow,
    )


class ThemeSection(NamedTuple):
    """One theme in the report: its actions and counts, and its norms from the checklist."""

    nr: int
    titel: str
    counts: ThemeStatus
    actions: tuple[Action, ...]
    #: The theme of the checklist with each norm's answer and linked actions; None when
    #: there is no checklist or it lacks the theme.
    norms: ThemeAnswers | None


class Window(NamedTuple):
    """The period of "what falls due next": the rest of this quarter and the next one."""

    begin: date
    end: date
    label: str


class Slip(NamedTuple):
    """A postponed action: the deadline it had and how far it moved, where known."""

    action: Action
    #: The earlier deadline as written ("Q3 26"); None when only the cell says it moved
    #: ("uitgesteld naar 2027").
    was: str | None
    #: Days from the earlier deadline to the current one; None when either is unknown.
    days: int | None


class Report(NamedTuple):
    """Everything the progress report shows."""

    organisatie: str
    as_of: date
    status: StatusReport
    overdue: DueReport
    #: Open actions with a deadline in ``window`` (the late ones are in ``overdue``).
    upcoming: tuple[DueItem, ...]
    window: Window
    themes: tuple[ThemeSection, ...]
    postponed: tuple[Slip, ...]
    pyramid: Pyramid | None
    plan: Plan
    has_checklist: bool = False
    since: DiffReport | None = None
    #: The heading: the checklist's norm ("Voortgang Limburgse Norm"), else the plan's titel.
    titel: str = "Voortgang"


def _quarter(day: date) -> tuple[int, int]:
    return day.year, calendar.quarter(day)


def _quarter_end(year: int, quarter: int) -> date:
    return calendar.month_end(year, quarter * 3)


def next_window(as_of: date) -> Window:
    """From ``as_of`` to the end of the next quarter: what falls due in the rest of this
    quarter is as urgent as what falls due in the next, and neither may be missing."""
    year, quarter = _quarter(as_of)
    next_year, next_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    end = _quarter_end(next_year, next_quarter)
    label = (
        f"rest van Q{quarter} {year} en Q{next_quarter} {next_year}: "
        f"{nl_date(as_of)} t/m {nl_date(end)}"
    )
    return Window(as_of, end, label)


def _slip(action: Action) -> Slip | None:
    was = action.postponed_from or None  # oorspronkelijk:, or the cell's own "(was …)"
    if not is_postponed(action.period, was, year=action.jaar):
        return None
    return Slip(action, was, shift_days(action.period, was, year=action.jaar))


def _sections(
    plan: Plan, checklist: Checklist | None, status_report: StatusReport
) -> tuple[ThemeSection, ...]:
    counts = {row.nr: row for row in status_report.themes}
    answers = {item.theme.nr: item for item in status_report.answers}
    titles = {t.nr: t.titel for t in checklist.themas} if checklist else {}
    titles.update({t.nr: t.titel for t in plan.themas})
    sections = []
    for nr in sorted(titles):
        theme = plan.theme(nr)
        empty = ThemeStatus(nr, titles[nr], 0, 0, 0, 0, 0, 0)
        sections.append(
            ThemeSection(
                nr,
                titles[nr],
                counts.get(nr, empty),
                by_id(theme.acties) if theme else (),
                answers.get(nr),
            )
        )
    return tuple(sections)


def build_report(
    plan: Plan, checklist: Checklist | None, as_of: date, since: DiffReport | None = None
) -> Report:
    """The report's figures on ``as_of``."""
    window = next_window(as_of)
    upcoming = tuple(
        item
        for item in due_items(plan, as_of, until=window.end)
        if item.category is Category.BINNENKORT
    )
    status_report = status(plan, as_of, checklist)
    slips = (_slip(a) for a in plan.actions() if a.is_open)
    return Report(
        organisatie=plan.organisatie,
        as_of=as_of,
        status=status_report,
        overdue=due(plan, as_of, until=as_of - timedelta(days=1)),
        upcoming=upcoming,
        window=window,
        themes=_sections(plan, checklist, status_report),
        postponed=tuple(s for s in slips if s is not None),
        pyramid=checklist.piramide if checklist else None,
        plan=plan,
        has_checklist=checklist is not None,
        since=since,
        titel=_title(plan, checklist),
    )


def _title(plan: Plan, checklist: Checklist | None) -> str:
    """The norm is named only where the checklist names it; else the plan's own titel."""
    if checklist is not None and checklist.naam:
        return f"Voortgang {checklist.naam}"
    return plan.titel or "Voortgang"


def _actie(action: Action) -> str:
    """The action's text, marked when it is a milestone."""
    return f"◆ mijlpaal: {action.actie}" if action.mijlpaal else action.actie


# --- wording shared by both formats ---------------------------------------------------------

#: Open actions whose wanneer cannot be read: listed where the report lists what needs
#: attention, never with a guessed date.
UNREADABLE_HEADING = "## Niet te plannen (wanneer onleesbaar)"
UNREADABLE_NOTE = (
    "Deze open acties hebben geen leesbare deadline; ze staan niet bij 'te laat' of 'wat nu "
    "af moet'. Vul bij 'wanneer' een deadline in ('limnorm check' zegt wat er mis is)."
)
UNREADABLE_HEADERS = ["Id", "Actie", "Wanneer", "Actiehouder", "Fout"]


def _unreadable_cells(action: Action) -> list[str]:
    return [
        action.id,
        _actie(action),
        action.wanneer,
        ", ".join(action.actiehouders),
        ", ".join(action.fouten),
    ]


#: What the two columns mean, under the overview: "voldoet" and the phase answer different
#: questions, and readers took "nee" next to "binnen de norm" for a contradiction.
READING_GUIDE = (
    "*Voldoet aan de norm*: alle normen van het thema staan in de checklist op "
    "‘uitgevoerd’. *Eigen fase*: waar de organisatie het thema zelf plaatst op de "
    "piramide (fase 1 tot 5){band}. Een thema kan in de band van de norm liggen en toch nog "
    "niet aan elke norm voldoen."
)


def _guide(report: Report) -> str:
    band = report.pyramid
    text = f"; de norm ligt op fase {band.van}–{band.tot}" if band else ""
    return READING_GUIDE.format(band=text)


def _phase_text(report: Report, item: ThemeAnswers | None) -> str:
    if item is None or item.theme.fase is None:
        return "niet ingeschat"
    fase = item.theme.fase
    band = report.pyramid
    if band is None:
        return f"fase {fase}"
    if fase < band.van:
        where = "onder de band van de norm"
    elif fase > band.tot:
        where = "boven de band van de norm"
    else:
        where = "in de band van de norm"
    return f"fase {fase} ({where})"


def _meets_text(item: ThemeAnswers | None) -> str:
    if item is None:
        return "geen normen"
    counts = item.counts
    if counts.answered == 0:
        return "niet ingevuld"
    return "ja" if counts.meets_norm else "nog niet"


def _norms_text(item: ThemeAnswers | None) -> str:
    if item is None:
        return ""
    counts = item.counts
    if counts.answered == 0:
        return "niet ingevuld"
    return f"{counts.uitgevoerd} van {counts.applicable} uitgevoerd"


def _actions_text(row: ThemeStatus) -> str:
    counted = row.totaal - row.vervallen
    if row.totaal == 0:
        return "geen acties"
    return f"{row.gereed} van {counted} gereed"


def _summary(report: Report, section: ThemeSection) -> str:
    counts = section.counts
    if counts.totaal:
        text = f"Acties: {_actions_text(counts)}, {counts.te_laat} te laat."
    else:
        text = "Geen acties in het spoorboekje."
    if section.norms is not None:
        text += (
            f" Normen: {_norms_text(section.norms)}; voldoet aan de norm: "
            f"{_meets_text(section.norms)}; eigen fase: {_phase_text(report, section.norms)}."
        )
    return text


def _label(answer: Answer | None) -> str:
    return answer.label if answer else "onbeantwoord"


def _links_text(row: NormRow) -> str:
    return ", ".join(
        f"{link.id} ({link.state if link.state else 'onbekend id'})" for link in row.links
    )


def _deadline_html(action: Action) -> str:
    """The deadline and, on a line of its own, the note written with it."""
    return "<br>".join(_e(part) for part in deadline_text(action, "\n").split("\n"))


def _stand(action: Action, as_of: date) -> str:
    """The state to show; an open action whose wanneer is unreadable says so (it is no
    plain "open": nobody can plan it)."""
    if action.is_open and action.period.kind is PeriodKind.ONLEESBAAR:
        return ", ".join(action.fouten) or "wanneer onleesbaar"
    return str(state_of(action, as_of))


def _slip_days(days: int) -> str:
    return f"{days} dagen later" if days > 0 else f"{-days} dagen eerder"


# --- Markdown -----------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    """The report as Markdown, ready to paste into a raadsinformatiebrief."""
    out = [
        f"# {md_escape(report.titel)} — {md_escape(report.organisatie)}",
        "",
        f"Stand op {nl_date(report.as_of)}.",
        "",
        "## Overzicht per thema",
        "",
    ]
    rows: list[list[str | int]] = [
        [
            f"{section.nr} {section.titel}",
            _actions_text(section.counts),
            section.counts.te_laat,
            _norms_text(section.norms),
            _meets_text(section.norms) if section.norms else "",
            _phase_text(report, section.norms) if section.norms else "",
        ]
        for section in report.themes
    ]
    out += md_table(
        ["Thema", "Acties", "Te laat", "Normen", "Voldoet aan de norm", "Eigen fase"], rows
    )
    if report.has_checklist:
        out += ["", _guide(report)]
    out += ["", "## Te laat, per actiehouder", ""]
    if not report.overdue.groups:
        out.append("Niets te laat.")
    for group in report.overdue.groups:
        name = f" ({md_escape(group.name)})" if group.name else ""
        out += [f"### {md_escape(group.code)}{name}", ""]
        out += md_table(
            ["Id", "Actie", "Wanneer", "Deadline", "Dagen te laat", "Toelichting"],
            [
                [
                    i.action.id,
                    _actie(i.action),
                    when_text(i.action),
                    deadline_text(i.action),
                    -i.days,
                    i.action.toelichting or "",
                ]
                for i in group.items
            ],
        )
        out.append("")
    if not report.overdue.groups:
        out.append("")
    out += [f"## Wat nu af moet ({report.window.label})", ""]
    if report.upcoming:
        out += md_table(
            ["Id", "Actie", "Wanneer", "Deadline", "Actiehouder", "Toelichting"],
            [
                [
                    i.action.id,
                    _actie(i.action),
                    when_text(i.action),
                    deadline_text(i.action),
                    ", ".join(i.action.actiehouders),
                    i.action.toelichting or "",
                ]
                for i in report.upcoming
            ],
        )
    else:
        out.append("Geen open acties met een deadline in deze periode.")
    if report.overdue.unreadable:
        out += ["", UNREADABLE_HEADING, "", UNREADABLE_NOTE, ""]
        unreadable: list[list[str | int]] = [
            [*_unreadable_cells(action)] for action in report.overdue.unreadable
        ]
        out += md_table(UNREADABLE_HEADERS, unreadable)
    if report.postponed:
        out += ["", "## Uitgesteld", ""]
        out += md_table(
            ["Id", "Actie", "Eerder", "Nu", "Uitstel"],
            [
                [
                    s.action.id,
                    s.action.actie,
                    s.was or "onbekend",
                    s.action.wanneer,
                    _slip_days(s.days) if s.days else "onbekend",
                ]
                for s in report.postponed
            ],
        )
    out += ["", "## Per thema: normen en acties"]
    for section in report.themes:
        out += ["", *_theme_markdown(report, section)]
    if report.since is not None:
        out += ["", *_since_markdown(report.since)]
    return "\n".join(out) + "\n"


def _theme_markdown(report: Report, section: ThemeSection) -> list[str]:
    out = [f"### {section.nr} {md_escape(section.titel)}", "", md_escape(_summary(report, section))]
    if section.norms is not None:
        out += [""]
        out += md_table(
            ["Norm", "Titel", "Antwoord", "Toelichting", "Acties"],
            [
                [
                    row.norm.nr,
                    row.norm.titel,
                    _label(row.norm.antwoord),
                    row.norm.toelichting or "",
                    _links_text(row),
                ]
                for row in section.norms.rows
            ],
        )
    if section.actions:
        out += [""]
        out += md_table(
            ["Id", "Actie", "Wanneer", "Actiehouder", "Stand"],
            [
                [
                    a.id,
                    a.actie,
                    when_text(a),
                    ", ".join(a.actiehouders),
                    _stand(a, report.as_of),
                ]
                for a in section.actions
            ],
        )
    return out


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

# Colours meet WCAG AA (contrast of at least 4.5:1 for text): the muted grey #4f5d6b is
# 6.8:1 on white and 6.0:1 on the table header. Sizes in pt: the page is made for A4, and
# nothing is smaller than 8 pt in print.
_CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #1d2733; font-size: 10.5pt;
       line-height: 1.4; max-width: 182mm; margin: 0 auto; padding: 0 4mm; }
h1 { font-size: 18pt; margin: 8pt 0 2pt; color: #0b4f71; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; color: #0b4f71; border-bottom: 1px solid #c9d6e0;
     padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; }
p.meta, p.note { color: #4f5d6b; margin: 0 0 8pt; }
p.note { font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; break-inside: auto; }
th, td { text-align: left; padding: 3pt 5pt; border-bottom: 1px solid #d5dee6;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #eef3f7; font-weight: 600; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.late { color: #b3261e; font-weight: 600; }
.ok { color: #1e7a3c; font-weight: 600; }
.muted { color: #4f5d6b; }
figure { margin: 6pt 0 10pt; break-inside: avoid; }
figcaption { font-size: 9pt; color: #4f5d6b; }
svg text { font-family: "Segoe UI", Arial, sans-serif; }
table.timeline { table-layout: fixed; font-size: 8.5pt; }
table.timeline th, table.timeline td { padding: 2pt 4pt; }
table.timeline col.label { width: 34%; }
table.timeline col.when { width: 15%; }
.axis, .track { position: relative; height: 12pt; }
.axis span { position: absolute; top: 0; font-size: 8pt; font-weight: 400;
             white-space: nowrap; color: #1d2733; }
.track .bar { position: absolute; top: 2pt; height: 8pt; border-radius: 2pt;
              min-width: 2pt; }
.track .today { position: absolute; top: -2pt; bottom: -2pt; border-left: 1.5pt dashed #1d2733; }
.track .grid { position: absolute; top: -2pt; bottom: -2pt; border-left: 1px solid #d5dee6; }
.key { display: inline-block; width: 8pt; height: 8pt; border-radius: 2pt;
       vertical-align: baseline; margin: 0 2pt 0 8pt; }
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
    width = 70
    filled = round(share * width)
    colour = "#c62828" if late else "#2e8b57"
    percent = round(share * 100)
    return (
        f'<svg width="{width + 44}" height="16" viewBox="0 0 {width + 44} 16" role="img" '
        f'aria-label="{percent}% gereed">'
        f'<rect x="0" y="3" width="{width}" height="10" rx="2" fill="#dfe6ec"/>'
        f'<rect x="0" y="3" width="{filled}" height="10" rx="2" fill="{colour}"/>'
        f'<text x="{width + 4}" y="13" font-size="11" fill="#1d2733">{percent}%</text></svg>'
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
    height, top, base, cx = 30, 6, 200, 105
    for level in range(5, 0, -1):
        y = top + (5 - level) * height
        half_top = base / 2 * (5 - level) / 5
        half_bottom = base / 2 * (6 - level) / 5
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
            f'<text x="{cx + half_bottom + 8:.0f}" y="{y + 19}" font-size="12" fill="#1d2733">'
            f"Fase {level}: {_e(label)}{_e(band)}{_e(note)}</text>"
        )
    total = top + 5 * height + 6
    return (
        f'<svg width="600" height="{total}" viewBox="0 0 600 {total}" role="img" '
        f'aria-label="{_e(pyramid.naam)}">{"".join(rows)}</svg>'
    )


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = calendar.add_months(month, 1)
    return months


def _timeline_html(plan: Plan, as_of: date) -> str:
    """The actions on a time axis as a table: the labels are text that wraps (never cut
    off) and prints at 8.5 pt; the bars are positioned in percent, so the axis scales to
    the page; the state is written out next to the colour."""
    dated = [a for a in plan.actions() if a.period.begin and a.period.deadline]
    if not dated:
        return '<p class="muted">Geen acties met een datum.</p>'
    begins = [a.period.begin for a in dated if a.period.begin]
    ends = [a.period.deadline for a in dated if a.period.deadline]
    start = min(*begins, as_of).replace(day=1)
    months = _months(start, max(*ends, as_of))
    last = months[-1]
    end = calendar.add_months(last, 1)
    total = (end - start).days

    def x(day: date) -> float:
        return (day - start).days / total * 100

    # At 8 pt a label needs about 10 mm, and the axis column is about 85 mm wide on A4:
    # at most seven labels, so months, quarters, halves or years, whichever fits.
    step = next((n for n in (1, 3, 6) if len(months) / n <= 7), 12)
    ticks = [m for m in months if (m.month - 1) % step == 0]

    def tick(month: date) -> str:
        if step == 1:
            return f"{MONTH_ABBREVIATIONS[month.month - 1]} {month:%y}"
        if step == 3:
            return f"Q{calendar.quarter(month)} {month:%y}"
        if step == 6:
            return f"H{(month.month - 1) // 6 + 1} {month:%y}"
        return f"{month.year}"

    axis = "".join(
        f'<span style="left:{x(m):.2f}%">{tick(m)}</span>'
        for m in ticks
        if x(m) < 90  # a label at the right edge would run off the page
    )
    grid = "".join(f'<span class="grid" style="left:{x(m):.2f}%"></span>' for m in ticks)
    today = f'<span class="today" style="left:{x(as_of):.2f}%"></span>'
    rows = []
    for action in dated:
        assert action.period.begin
        assert action.period.deadline
        state = state_of(action, as_of)
        # A milestone is a moment: its day only, not the period it is written as.
        left = x(action.period.deadline if action.mijlpaal else action.period.begin)
        width = x(action.period.deadline + timedelta(days=1)) - left
        rows.append(
            f'<tr><th scope="row">{_e(action.id)} {_e(_actie(action))}</th>'
            f"<td>{_e(action.wanneer)}<br/>{_e(state)}</td>"
            f'<td><div class="track">{grid}'
            f'<span class="bar" style="left:{left:.2f}%;width:{width:.2f}%;'
            f'background:{_STATE_COLOUR[state]}"></span>{today}</div></td></tr>'
        )
    legend = "".join(
        f'<span class="key" style="background:{colour}"></span>{_e(state)}'
        for state, colour in _STATE_COLOUR.items()
    )
    return (
        '<table class="timeline"><colgroup><col class="label"/><col class="when"/><col/>'
        '</colgroup><thead><tr><th scope="col">Actie</th><th scope="col">Wanneer, stand</th>'
        f'<th scope="col"><div class="axis">{axis}</div></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="note">{legend} · streepjeslijn: peildatum {_e(nl_date(as_of))}</p>'
    )


def _html_table(
    headers: list[str],
    rows: list[list[str]],
    numeric: set[int] | None = None,
    *,
    empty: str = "Geen.",
) -> str:
    if not rows:
        return f'<p class="muted">{_e(empty)}</p>'
    numeric = numeric or set()
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
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


def _page(title: str, body: list[str], meta: str) -> str:
    """A whole page: header with the title, the body as the main landmark, and a footer."""
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{_e(title)}</h1><p class="meta">{meta}</p></header>'
        f"<main>{''.join(body)}</main>"
        '<footer><p class="note">Gemaakt met limnorm.</p></footer></body></html>\n'
    )


def _verdict_html(text: str) -> str:
    css = {"ja": "ok", "nog niet": "late"}.get(text)
    return f'<span class="{css}">{_e(text)}</span>' if css else _e(text)


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (UTF-8, inline CSS and SVG)."""
    theme_rows = [
        [
            f"{_e(section.nr)}&#160;{_e(section.titel)}",
            _e(_actions_text(section.counts)),
            _progress_svg(section.counts.voortgang, section.counts.te_laat)
            if section.counts.totaal
            else "",
            f'<span class="late">{section.counts.te_laat}</span>'
            if section.counts.te_laat
            else "0",
            _e(_norms_text(section.norms)),
            _verdict_html(_meets_text(section.norms)) if section.norms else "",
            _e(_phase_text(report, section.norms)) if section.norms else "",
        ]
        for section in report.themes
    ]
    body = [
        "<h2>Overzicht per thema</h2>",
        _html_table(
            [
                "Thema",
                "Acties",
                "Voortgang",
                "Te laat",
                "Normen",
                "Voldoet aan de norm",
                "Eigen fase",
            ],
            theme_rows,
            {3},
        ),
    ]
    if report.has_checklist:
        guide = _e(_guide(report)).replace("*", "")
        body.append(f'<p class="note">{guide}</p>')
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
                        _e(_actie(i.action)),
                        _e(when_text(i.action)),
                        _deadline_html(i.action),
                        f'<span class="late">{-i.days}</span>',
                        _e(i.action.toelichting or ""),
                    ]
                    for i in group.items
                ],
                {3, 4},
            )
        )
    body += [
        f"<h2>Wat nu af moet ({_e(report.window.label)})</h2>",
        _html_table(
            ["Id", "Actie", "Wanneer", "Deadline", "Actiehouder", "Toelichting"],
            [
                [
                    _e(i.action.id),
                    _e(_actie(i.action)),
                    _e(when_text(i.action)),
                    _deadline_html(i.action),
                    _e(", ".join(i.action.actiehouders)),
                    _e(i.action.toelichting or ""),
                ]
                for i in report.upcoming
            ],
            {3},
            empty="Geen open acties met een deadline in deze periode.",
        ),
    ]
    if report.overdue.unreadable:
        body += [
            f"<h2>{_e(UNREADABLE_HEADING.removeprefix('## '))}</h2>",
            f'<p class="note">{_e(UNREADABLE_NOTE)}</p>',
            _html_table(
                UNREADABLE_HEADERS,
                [
                    [
                        *(_e(cell) for cell in _unreadable_cells(action)[:-1]),
                        f'<span class="late">{_e(_unreadable_cells(action)[-1])}</span>',
                    ]
                    for action in report.overdue.unreadable
                ],
            ),
        ]
    if report.postponed:
        body += [
            "<h2>Uitgesteld</h2>",
            _html_table(
                ["Id", "Actie", "Eerder", "Nu", "Uitstel"],
                [
                    [
                        _e(s.action.id),
                        _e(s.action.actie),
                        _e(s.was or "onbekend"),
                        _e(s.action.wanneer),
                        _e(_slip_days(s.days) if s.days else "onbekend"),
                    ]
                    for s in report.postponed
                ],
            ),
        ]
    body.append("<h2>Per thema: normen en acties</h2>")
    for section in report.themes:
        body += _theme_html(report, section)
    body += ["<h2>Tijdlijn</h2>", _timeline_html(report.plan, report.as_of)]
    if report.since is not None:
        body += _since_html(report.since)
    return _page(
        f"{report.titel} — {report.organisatie}",
        body,
        f"Stand op {_e(nl_date(report.as_of))}",
    )


def _theme_html(report: Report, section: ThemeSection) -> list[str]:
    out = [f"<h3>{_e(section.nr)} {_e(section.titel)}</h3>"]
    out.append(f"<p>{_e(_summary(report, section))}</p>")
    if section.norms is not None:
        out.append(
            _html_table(
                ["Norm", "Titel", "Antwoord", "Toelichting", "Acties"],
                [
                    [
                        _e(row.norm.nr),
                        _e(row.norm.titel),
                        _e(_label(row.norm.antwoord)),
                        _e(row.norm.toelichting or ""),
                        _e(_links_text(row)),
                    ]
                    for row in section.norms.rows
                ],
                empty="Geen normen in de checklist.",
            )
        )
    if not section.actions:
        return out
    out.append(
        _html_table(
            ["Id", "Actie", "Wanneer", "Actiehouder", "Stand"],
            [
                [
                    _e(a.id),
                    _e(a.actie),
                    _e(when_text(a)),
                    _e(", ".join(a.actiehouders)),
                    _e(_stand(a, report.as_of)),
                ]
                for a in section.actions
            ],
            empty="Geen acties in het spoorboekje.",
        )
    )
    return out


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


def _cell_parts(cell: Cell) -> tuple[str, str, str]:
    """Norms, phase and lateness of a cell: counts people can check, not a percentage."""
    if cell.answered is None:
        norms = "geen checklist"
    elif cell.answered == 0:
        norms = "niet ingevuld"
    else:
        norms = f"{cell.done}/{cell.applicable} uitgevoerd"
    phase = f"fase {cell.phase}" if cell.phase else "geen fase"
    return norms, phase, f"{cell.late} te laat"


def _share(cell: Cell) -> str:
    """``4/9 uitgevoerd · fase 3 · 2 te laat``."""
    return " · ".join(_cell_parts(cell))


def _norms_done(row: RegionStatusRow) -> str:
    if row.norms_answered is None:
        return "geen checklist"
    if row.norms_answered == 0:
        return "niet ingevuld"
    return f"{row.norms_done}/{row.norms_applicable}"


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
                _norms_done(r),
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
            # One part per line: a narrow column would otherwise break them anywhere.
            text = "<br/>".join(_e(part) for part in _cell_parts(cell))
            cells.append(f'<span class="late">▼ {text}</span>' if cell.lowest else text)
        rows.append(cells)
    body = [
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
                    _e(_norms_done(r)),
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
    return _page(
        "Limburgse Norm in de regio",
        body,
        f"Stand op {_e(nl_date(report.as_of))} · {len(report.compare.rows)} organisaties",
    )
