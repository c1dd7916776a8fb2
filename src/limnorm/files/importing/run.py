"""Import a Word, Excel or CSV plan: read, find the actions, write ``spoorboekje.yaml``."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import NamedTuple

from limnorm.core.deadlines import parse_deadline
from limnorm.core.errors import (
    DataError,
    DeadlineError,
    Input,
    Location,
    UsageError,
    describe_os_error,
)
from limnorm.files.atomic import write_text
from limnorm.files.discovery import display_path
from limnorm.files.importing.layout import ImportedPlan, find_plan, title_year
from limnorm.files.importing.readers import read_document
from limnorm.files.importing.yamltext import plan_yaml
from limnorm.files.loader import PLAN_FILE
from limnorm.files.schema import SCHEMA_FILES, schema_json


class ImportReport(NamedTuple):
    """What ``limnorm import`` did, for its summary."""

    #: The imported file and the file written, as messages name them.
    source: str
    target: str
    #: "Word", "Excel" or "CSV".
    kind: str
    plan: ImportedPlan
    #: (id, wanneer) of every action whose 'wanneer' limnorm does not understand.
    unreadable: tuple[tuple[str, str], ...]
    #: The folder written to, for checking the result.
    folder: Path
    #: The organisation's name as written, and whether it is the folder's name because
    #: none was given (the summary then says so: a folder name is a guess).
    organisatie: str
    organisatie_from_folder: bool


def _reads(wanneer: str, year: int | None) -> bool:
    try:
        parse_deadline(wanneer, year=year)
    except DeadlineError:
        return False
    return True


def _unreadable(plan: ImportedPlan) -> tuple[tuple[str, str], ...]:
    return tuple(
        (action.id or "", action.wanneer)
        for theme in plan.themas
        for action in theme.acties
        if not _reads(action.wanneer, plan.jaar)
    )


def _with_year(plan: ImportedPlan) -> ImportedPlan:
    """The plan with ``jaar:`` from its title when some deadlines are written without a
    year ("1 juli") and the title names one year: the document's year, never today's."""
    year = title_year(plan.titel)
    if year is None:
        return plan
    needing = [
        action
        for theme in plan.themas
        for action in theme.acties
        if not _reads(action.wanneer, None) and _reads(action.wanneer, year)
    ]
    if not needing:
        return plan
    note = (
        f"{len(needing)} keer 'wanneer' zonder jaar (zoals '{needing[0].wanneer}'); het jaar "
        f"{year} uit de titel staat als 'jaar: {year}' bovenaan. Klopt dat niet, pas het aan"
    )
    return plan._replace(jaar=year, notes=(*plan.notes, note))


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders this import made, innermost first, if they are still empty."""
    for made in folders:
        with contextlib.suppress(OSError):
            made.rmdir()


def import_plan(
    source: Path, folder: Path, organisatie: str | None, day: date, cwd: Path
) -> ImportReport:
    """Read ``source`` and write ``folder/spoorboekje.yaml`` (and its schema, if missing).

    Args:
        organisatie: the organisation's name (default: the folder's name).
        day: the day of the import, written in the header comment.
        cwd: the working folder, for naming files in messages.

    Raises:
        UsageError: ``spoorboekje.yaml`` exists already in ``folder`` (nothing is written).
        DataError: the file cannot be read or holds no action table.
    """
    target = folder / PLAN_FILE
    target_name = display_path(target, cwd)
    if target.exists() or target.is_symlink():
        raise UsageError(
            "bestaat al; limnorm import overschrijft niets. Verplaats het bestaande "
            "spoorboekje eerst",
            Location(target_name),
            remedy=Input.IMPORT_FOLDER,
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            "dit is een bestand, geen map; kies een (nieuwe) map voor spoorboekje.yaml",
            Location(display_path(folder, cwd)),
        )
    name = display_path(source, cwd)
    document = read_document(source, name)
    plan = find_plan(document)
    if plan is None:
        tables = len(document.tables)
        where = f"in de {tables} tabel(len)" if document.kind == "Word" and tables else ""
        raise DataError(
            f"geen tabel met acties gevonden{' ' + where if where else ''}; limnorm zoekt een "
            "kopregel met een kolom Actie (of Wat, Activiteit, Maatregel, Omschrijving) en "
            "een kolom Wanneer (of Planning, Termijn, Gereed, Deadline, Datum, Periode)",
            Location(name),
        )
    plan = _with_year(plan)
    from_folder = not organisatie
    organisatie = organisatie or folder.resolve().name
    text = plan_yaml(plan, organisatie, source.name, day)
    made = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_text(target, text, name=target_name, exclusive=True)
        schema = folder / SCHEMA_FILES["spoorboekje"]
        if not schema.exists():  # the modeline points editors at it
            write_text(schema, schema_json("spoorboekje"), exclusive=True)
    except OSError as error:
        _remove_empty(made)
        raise DataError(
            f"kan niet schrijven: {describe_os_error(error)}", Location(target_name)
        ) from None
    except DataError:  # refused (e.g. inside the installation): leave no folder behind
        _remove_empty(made)
        raise
    return ImportReport(
        name, target_name, document.kind, plan, _unreadable(plan), folder, organisatie, from_folder
    )
