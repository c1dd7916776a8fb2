"""The summary ``limnorm import`` prints: what was read, found and written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from limnorm.output.text import clean

if TYPE_CHECKING:
    from limnorm.files.importing.run import ImportReport


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def import_summary(report: ImportReport, name_option: str) -> str:
    """Plain lines, one fact each: file and tables, columns, themes, actions, owners,
    deadlines not understood, notes, and the file written.

    Args:
        name_option: how the user gives the organisation's name (the command line's
            option), named when the folder's name was taken instead.
    """
    plan = report.plan
    actions = [a for theme in plan.themas for a in theme.acties]
    lines = [f"Gelezen: {clean(report.source)} ({report.kind}), {_listing(list(plan.tables))}."]
    columns = [f"{clean(header) or '(zonder kop)'} → {key}" for header, key in plan.columns if key]
    lines.append(f"Kolommen: {', '.join(columns)}.")
    lines.append(f"Thema's: {len(plan.themas)}")
    for theme in plan.themas:
        count = _count(len(theme.acties), "actie", "acties")
        lines.append(f"  {theme.nr:>2}  {clean(theme.titel)} ({count})")
    lines.append(f"Acties: {len(actions)}.")
    if plan.owners:
        owners = _listing([clean(o) for o in plan.owners])
        lines.append(f"Actiehouders: {owners} (vul hun volledige naam aan onder 'actiehouders').")
    elif not plan.owner_column:
        lines.append("Actiehouders: geen kolom met actiehouders gevonden; vul ze zelf in.")
    else:
        lines.append("Actiehouders: de kolom met actiehouders is leeg.")
    if report.unreadable:
        lines.append(f"Wanneer niet begrepen: {len(report.unreadable)}")
        lines += [f"  {clean(i)}: '{clean(w)}'" for i, w in report.unreadable]
    else:
        lines.append("Wanneer niet begrepen: geen.")
    if report.organisatie_from_folder:
        lines.append(
            f"Organisatie: '{clean(report.organisatie)}' (naam van de map; geef {name_option} "
            "NAAM of pas 'organisatie:' aan in het bestand)."
        )
    lines += [f"Let op: {clean(note)}." for note in plan.notes]
    lines.append(f"Geschreven: {clean(report.target)}")
    return "\n".join(lines)
