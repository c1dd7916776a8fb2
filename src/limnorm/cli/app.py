"""The ``limnorm`` command line: options in, core call, renderer, output.

This is the only module that imports Typer, makes Rich consoles and turns
:class:`LimnormError` into exit codes (0 ok, 1 findings, 2 unusable input).
"""

# No "from __future__ import annotations" here: Typer would have to evaluate every
# annotation string at each start, which measured 4-5 ms of the start-up time.
import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from limnorm import __version__
from limnorm.cli import arguments
from limnorm.cli import completion as complete
from limnorm.cli.dutch import FROM_ENV as _FROM_ENV
from limnorm.cli.dutch import DutchCommand, DutchGroup, shared_defaults, usage_error
from limnorm.core.errors import LimnormError, UsageError
from limnorm.core.models import NO_OWNER, Checklist, Plan, Severity
from limnorm.core.owners import resolve_owner
from limnorm.files import datafiles, discovery
from limnorm.files.discovery import DataSource, Version, locate
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE, errors_line
from limnorm.files.settable import SETTABLE
from limnorm.queries import plan as queries

if TYPE_CHECKING:
    from rich.console import Console

    from limnorm.files.region import Region
from limnorm.output import views
from limnorm.output.formats import Document, DocumentFormat, OutputFormat, View, render

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="limnorm",
    help="Volg de uitvoering van de Limburgse Norm: wat is te laat, wat komt eraan, "
    "hoe staat elk thema ervoor.",
    epilog="De opties --data, --as-of, --format, --regio en --no-cache mogen ook vóór de "
    "opdracht staan, met dezelfde betekenis: limnorm --data MAP due.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=DutchGroup,
    rich_markup_mode=None,
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Map met spoorboekje.yaml (anders: $LIMNORM_DATA, de dichtstbijzijnde map "
        "erboven met spoorboekje.yaml of data/spoorboekje.yaml, of de voorbeeldgegevens).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="JJJJ-MM-DD",
        help="Peildatum (standaard: vandaag).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        metavar="FORMAAT",
        help="Uitvoer als tabel, JSON, CSV, Markdown of een Excel-werkboek (xlsx, met -o).",
    ),
]
TabelOption = Annotated[
    str | None,
    typer.Option(
        "--tabel",
        metavar="NAAM",
        help="Welke tabel CSV (of Markdown) schrijft, als er meer zijn (standaard: de eerste).",
        show_default=False,
    ),
]
RegioOption = Annotated[
    Path | None,
    typer.Option(
        "--regio",
        metavar="MAP",
        help="Een regio: een map met per organisatie een map met spoorboekje.yaml en "
        "checklist.yaml.",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Lees alle bestanden opnieuw, zonder de cache.")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="BESTAND",
        help="Schrijf naar dit bestand (- is het scherm).",
    ),
]
# One meaning per short flag in every command: -a is --owner (actiehouder), -o is --output.
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner",
        "-a",
        metavar="CODE",
        help="Alleen deze actiehouder: code of naam (bijv. OOV); '-' voor acties zonder.",
        show_default=False,
        autocompletion=complete.owners,
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="REF",
        autocompletion=complete.refs,
        help="Lees de bestanden zoals ze waren in een git-commit, -tag of -branch.",
        show_default=False,
    ),
]


def _console(stderr: bool = False) -> "Console":
    # Made per call, never at import: Rich decides colour when a Console is built.
    # Imported here too: output as JSON, CSV or Markdown never needs Rich (~45 ms).
    # Messages on stderr are not wrapped: they may be read by programs too.
    # No markup or emoji codes: all text is data, and emoji lookup costs an import.
    from rich.console import Console

    from limnorm.cli.streams import broken_pipe

    console = Console(stderr=stderr, highlight=False, markup=False, emoji=False, soft_wrap=stderr)
    console.on_broken_pipe = broken_pipe  # type: ignore[method-assign]  # one way to end
    return console


def _tell(message: str, style: str = "") -> None:
    """A message for the user on stderr (as Text: it may hold user text, never markup).

    Cleaned like every table on stdout: a value quoted from a file must not reach the
    terminal as an escape sequence (retitling it, clearing the screen).
    """
    from rich.text import Text

    from limnorm.output.text import clean

    _console(stderr=True).print(Text(clean(message), style=style))


def _fail(message: str, code: int) -> typer.Exit:
    _tell(f"limnorm: fout: {message}", "red")
    return typer.Exit(code)


def _handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a LimnormError into a Dutch message on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except LimnormError as error:
            raise _fail(arguments.describe(error), error.exit_code) from None

    return wrapper


def _emit(
    view: View[R],
    result: R,
    fmt: OutputFormat,
    sheet: str | None = None,
    *,
    output: Path | None = None,
) -> None:
    """Show ``result`` in ``fmt`` on stdout, or write it to ``output`` (``-o``)."""
    rendered = render(view, result, fmt, sheet=sheet)
    if output is not None and str(output) != "-":  # '-o -': standard output, as usual
        _save(rendered, output)
    elif isinstance(rendered, bytes):
        if sys.stdout.isatty():
            raise UsageError(
                "een Excel-bestand (--format xlsx) kan niet op het scherm worden getoond; "
                "geef een bestand met -o, bijvoorbeeld -o overzicht.xlsx"
            )
        typer.echo(rendered, nl=False)  # bytes go to the binary stream: '> overzicht.xlsx'
    elif isinstance(rendered, str):
        typer.echo(rendered)
    else:
        from limnorm.output.fit import Trimmed

        _console().print(Trimmed(rendered))


def _not_an_owner(output: Path | None) -> None:
    """Refuse ``-o OOV``: -o once chose an owner in these commands. A name without an
    extension that is not there yet is taken for that old spelling, not written to."""
    if output is None or output.suffix or len(output.parts) > 1 or output.exists():
        return
    raise UsageError(
        f"-o {output}: -o is overal --output; een actiehouder kiest u met --owner of -a. "
        f"Een bestand geeft u een extensie, zoals -o {output}.xlsx"
    )


def _save(rendered: object, output: Path) -> None:
    """Write rendered output to a file: bytes as they are, text as UTF-8, a table as the
    plain text the terminal would show (without colour)."""
    if isinstance(rendered, bytes):
        data = rendered
    elif isinstance(rendered, str):
        data = (rendered + "\n").encode("utf-8")
    else:
        import io

        from rich.console import Console

        from limnorm.output.fit import Trimmed

        buffer = io.StringIO()
        table = Trimmed(rendered)  # type: ignore[arg-type]  # render() gave a Rich renderable
        Console(file=buffer, highlight=False, markup=False, emoji=False).print(table)
        data = buffer.getvalue().encode("utf-8")
    _store(data, output)


def _store(data: bytes, output: Path) -> None:
    """Write ``data`` to the ``-o`` path and say so: the one place output reaches a file."""
    from limnorm.files.atomic import write_file

    # Into a FIFO or a device such as /dev/null directly; nothing is ever put in its place.
    write_file(output, data, devices=True)
    _tell(f"limnorm: geschreven naar {output}")


def _as_of(text: str | None) -> date:
    # Read the clock here, at call time, and nowhere in the core.
    return date.today() if text is None else arguments.parse_as_of(text)


def _source(data: Path | None) -> DataSource:
    source = locate(data, os.environ, Path.cwd())
    if source.sample:
        _tell(
            "limnorm: geen spoorboekje.yaml gevonden in deze map of erboven; de "
            "voorbeeldgegevens (Eijsden-Margraten) worden gebruikt. Kies een map met --data.",
            "yellow",
        )
    return source


def _plan(data: Path | None, at: str | None) -> Plan:
    source = _source(data)
    return _plan_at(source, discovery.version_at(source, at))


def _plan_at(source: DataSource, version: Version) -> Plan:
    """The plan of a command that does not use the checklist, after the stderr lines.

    The checklist is read all the same (~3 ms) when it is there: a theme it does not
    have is a fout that 'check' reports, so the count on stderr must include it.
    """
    cwd = Path.cwd()
    plan = datafiles.require_plan(source, cwd, version)
    loaded = datafiles.loaded_checklist(source, cwd, version)
    if loaded is None:
        return _noted(plan, None)
    own = sum(f.severity is Severity.FOUT for f in loaded.findings)
    return _noted(plan, loaded.value, {loaded.file: own} if own else None)


def _noted(plan: Plan, checklist: Checklist | None, more: dict[str, int] | None = None) -> Plan:
    """The plan, after one stderr line per file with a fout, as many as 'check' reports
    (``more``: the checklist's own fouten, when a command reads it without needing it)."""
    counts = queries.error_counts(plan, checklist)
    for file, count in (more or {}).items():
        counts[file] = counts.get(file, 0) + count
    for file, count in counts.items():
        line = errors_line(count, file)
        if line:
            _tell(f"limnorm: {line}", "yellow")
    return plan


def _plan_and_checklist(
    source: DataSource, at: str | None, *, required: bool
) -> tuple[Plan, Checklist | None]:
    cwd = Path.cwd()
    version = discovery.version_at(source, at)
    plan = datafiles.require_plan(source, cwd, version)
    checklist = datafiles.require_checklist(source, cwd, required=required, version=version)
    return _noted(plan, checklist), checklist


def _region(regio: Path, no_cache: bool) -> "Region":
    from limnorm.files.cache import Cache, cache_directory
    from limnorm.files.region import load_region

    cache = Cache(None if no_cache else cache_directory(os.environ))
    region = load_region(regio, Path.cwd(), cache)
    for organisation in region.organisations:
        if organisation.plan is not None:
            _noted(organisation.plan, organisation.checklist)
    return region


def _editable(data: Path | None, filename: str) -> tuple[Path, str]:
    source = discovery.editable(_source(data))
    return source.file(filename), source.display(filename, Path.cwd())


@app.command(cls=DutchCommand)
@_handles_errors
def due(
    owner: OwnerOption = None,
    within: Annotated[
        str,
        typer.Option("--within", help="Termijn voor 'binnenkort': 30d, 6w of 2m."),
    ] = arguments.DEFAULT_WINDOW,
    fail_on_overdue: Annotated[
        bool,
        typer.Option("--fail-on-overdue", help="Eindig met code 1 als er iets te laat is."),
    ] = False,
    data: DataOption = None,
    regio: RegioOption = None,
    no_cache: NoCacheOption = False,
    as_of: AsOfOption = None,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Acties die te laat zijn of binnenkort moeten, per actiehouder (of voor de hele regio)."""
    _not_an_owner(output)
    day = _as_of(as_of)
    if regio is not None:
        from limnorm.queries.region import region_due

        until = arguments.window_end(day, within)
        region_report = region_due(_region(regio, no_cache), day, until=until, owner=owner)
        _emit(views.REGION_DUE, region_report, fmt, output=output)
        if fail_on_overdue and region_report.late:
            raise typer.Exit(1)
        return
    plan = _plan(data, at)
    code = resolve_owner(plan, owner) if owner else None
    report = queries.due(plan, day, until=arguments.window_end(day, within), owner=code)
    _emit(views.DUE, report, fmt, output=output)
    if fail_on_overdue and report.late:
        raise typer.Exit(1)


@app.command(cls=DutchCommand)
@_handles_errors
def status(
    thema: Annotated[
        list[str] | None,
        typer.Argument(
            help="Eén thema in detail, bijv. 'thema 4'.",
            show_default=False,
            autocompletion=complete.theme_words,
        ),
    ] = None,
    data: DataOption = None,
    regio: RegioOption = None,
    no_cache: NoCacheOption = False,
    as_of: AsOfOption = None,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    tabel: TabelOption = None,
) -> None:
    """Voortgang per thema, of één thema in detail met normen en piramide ('status thema 4')."""
    nr = arguments.parse_theme_selector(thema or [])
    if regio is not None:
        from limnorm.queries.region import region_status

        arguments.refuse_theme_for_region(nr)
        report = region_status(_region(regio, no_cache), _as_of(as_of))
        _emit(views.REGION_STATUS, report, fmt, output=output)
        return
    plan, checklist = _plan_and_checklist(_source(data), at, required=False)
    day = _as_of(as_of)
    if nr is None:
        _emit(views.STATUS, queries.status(plan, day, checklist), fmt, output=output)
    else:
        detail = queries.theme_detail(plan, nr, day, checklist)
        _emit(views.THEME, detail, fmt, tabel, output=output)


@app.command(cls=DutchCommand)
@_handles_errors
def checklist(
    thema: Annotated[
        list[str] | None,
        typer.Argument(
            help="Eén thema, bijv. 'thema 4'.",
            show_default=False,
            autocompletion=complete.theme_words,
        ),
    ] = None,
    only_open: Annotated[
        bool, typer.Option("--open", help="Alleen normen die nog niet 'uitgevoerd' zijn.")
    ] = False,
    data: DataOption = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """De normen per thema met het antwoord van de 0-meting en de gekoppelde acties."""
    nr = arguments.parse_theme_selector(thema or [])
    plan, norms = _plan_and_checklist(_source(data), at, required=True)
    assert norms is not None  # required=True raises instead
    report = queries.checklist_report(norms, plan, _as_of(as_of), theme=nr, only_open=only_open)
    _emit(views.CHECKLIST, report, fmt, output=output)


@app.command(cls=DutchCommand)
@_handles_errors
def compare(
    regio: Annotated[
        Path,
        typer.Option(
            "--regio", metavar="MAP", help="Map met per organisatie een map.", show_default=False
        ),
    ],
    sorteer: Annotated[
        int | None,
        typer.Option(
            "--sorteer",
            metavar="THEMA",
            help="Sorteer op dit thema, laagste eerst.",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheOption = False,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Alle organisaties naast elkaar: per thema normen uitgevoerd, fase en acties te laat."""
    from limnorm.queries.region import compare as compare_region

    report = compare_region(_region(regio, no_cache), _as_of(as_of), sort_theme=sorteer)
    _emit(views.COMPARE, report, fmt, output=output)


@app.command(cls=DutchCommand)
@_handles_errors
def when(
    expressions: Annotated[
        list[str],
        typer.Argument(
            metavar="WANNEER", help="Eén of meer teksten zoals 'Q3/Q4 24' of 'mrt. 24'."
        ),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Hetzelfde als --format json (blijft werken).")
    ] = False,
    jaar: Annotated[
        int | None,
        typer.Option(
            "--jaar",
            min=1900,
            max=2199,
            metavar="JJJJ",
            help="Jaar voor teksten zonder jaar ('1 juli', 'najaar'), zoals 'jaar:' in het "
            "spoorboekje.",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Laat zien hoe limnorm een 'wanneer' leest: van, tot en met, soort."""
    report = queries.read_expressions(expressions, year=jaar)
    _emit(views.WHEN, report, OutputFormat.JSON if json_output else fmt, output=output)
    if report.failed:
        joined = " ".join(expressions)
        if len(expressions) > 1 and not queries.read_expressions([joined], year=jaar).failed:
            # `limnorm when Q3 2026` gives two texts; the shell split them, not the writer.
            _tell(
                f"limnorm: tip: zet een tekst met spaties tussen aanhalingstekens: "
                f"limnorm when '{joined}'"
            )
        raise typer.Exit(1)


@app.command(cls=DutchCommand)
@_handles_errors
def check(
    bestanden: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="BESTAND",
            help="Alleen deze spoorboekjes of checklists, elk met de andere gegevens in zijn "
            "map (zo roept de pre-commit-hook het aan).",
            show_default=False,
        ),
    ] = None,
    streng: Annotated[
        bool, typer.Option("--streng", help="Eindig ook met code 1 bij alleen waarschuwingen.")
    ] = False,
    data: DataOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Controleer de gegevensbestanden en toon elk probleem met bestand, regel en kolom."""
    cwd = Path.cwd()
    if bestanden:
        if data is not None:
            raise UsageError("geef bestanden of --data, niet allebei")
        files = [
            loaded
            for source in discovery.sources_of(bestanden)
            for loaded in datafiles.files_to_check(source, cwd)
        ]
    else:
        source = locate(data, os.environ, cwd)
        if source.sample:
            # Checking the built-in sample would pass, and say nothing of the user's plan.
            raise UsageError(
                "geen spoorboekje.yaml gevonden in deze map of erboven; er is niets "
                "gecontroleerd. Kies de map met --data, of geef de bestanden zelf"
            )
        files = datafiles.files_to_check(source, cwd)
    report = queries.check_files(files, _as_of(as_of))
    _emit(views.CHECK, report, fmt, output=output)
    if report.unusable:  # fataal: the file cannot be used at all (README: exit 2)
        raise typer.Exit(2)
    if report.errors or (streng and report.warnings):
        raise typer.Exit(1)


@app.command(cls=DutchCommand)
@_handles_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Nieuwe of lege map.", show_default=False)],
    organisatie: Annotated[
        str | None,
        typer.Option("--organisatie", help="Naam van de organisatie (standaard: de mapnaam)."),
    ] = None,
) -> None:
    """Begin de gegevens van een nieuwe organisatie: leeg spoorboekje en volledige checklist."""
    from limnorm.files.templates import init_data  # only this command writes templates

    created = init_data(directory, organisatie or directory.resolve().name)
    for path in created:
        typer.echo(f"Aangemaakt: {path}")
    typer.echo(
        f"Vul de actiehouders en acties in en controleer met: limnorm check --data {directory}"
    )


@app.command(name="import", cls=DutchCommand)
@_handles_errors
def import_plan(
    bestand: Annotated[
        Path,
        typer.Argument(
            metavar="BESTAND", help="Het spoorboekje in Word (.docx), Excel (.xlsx) of CSV."
        ),
    ],
    naar: Annotated[
        Path,
        typer.Option("--naar", metavar="MAP", help="Map voor spoorboekje.yaml."),
    ] = Path("."),
    organisatie: Annotated[
        str | None,
        typer.Option("--organisatie", help="Naam van de organisatie (standaard: de mapnaam)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="JJJJ-MM-DD",
            help="Datum van de import in het bestand (standaard: vandaag).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Zet een spoorboekje uit Word, Excel of CSV om naar spoorboekje.yaml en controleer het."""
    from limnorm.files.importing.run import import_plan as run_import  # reads Word and Excel
    from limnorm.output.imported import import_summary

    day = _as_of(as_of)
    report = run_import(bestand, naar, organisatie, day, Path.cwd())
    typer.echo(import_summary(report, "--organisatie"))
    typer.echo("")
    files = datafiles.files_to_check(DataSource(report.folder), Path.cwd())
    _emit(views.CHECK, queries.check_files(files, day), OutputFormat.TABLE)


@app.command(cls=DutchCommand)
@_handles_errors
def done(
    action_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Id van de actie, bijv. 1.2.", autocompletion=complete.action_ids
        ),
    ],
    op: Annotated[
        str | None,
        typer.Option(
            "--op", help="Dag van gereedkomen (standaard: de peildatum).", show_default=False
        ),
    ] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Zet een actie op gereed, met de dag waarop ze af was."""
    from limnorm.files import updates as changes  # only the edit commands need it

    day = _as_of(as_of)
    path, name = _editable(data, PLAN_FILE)
    when = day
    if op:
        try:
            when = changes.parse_day(op)
        except LimnormError as error:
            # A day is needed here: the deadline examples ('Q3 24', 'doorlopend') would mislead.
            raise _fail(
                f"--op '{op}' is geen dag; schrijf bijvoorbeeld 15-3-2026 of 2026-03-15 (zonder "
                "--op: de peildatum)",
                error.exit_code,
            ) from None
    _emit(views.EDIT, changes.mark_done(path, name, action_id, when, day), fmt, output=output)


@app.command(name="set", cls=DutchCommand)
@_handles_errors
def set_field(
    action_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Id van de actie, bijv. 1.2.", autocompletion=complete.action_ids
        ),
    ],
    field: Annotated[
        str,
        typer.Argument(
            metavar="VELD",
            help=f"{', '.join(list(SETTABLE)[:-1])} of {list(SETTABLE)[-1]}.",
            autocompletion=complete.fields,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="WAARDE", help="De nieuwe waarde.", autocompletion=complete.field_values
        ),
    ],
    data: DataOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Wijzig één veld van een actie; de rest van het bestand blijft precies zoals het was."""
    from limnorm.files import updates as changes

    day = _as_of(as_of)
    path, name = _editable(data, PLAN_FILE)
    result = changes.edit_action(path, name, action_id, {field.strip().lower(): value}, day)
    _emit(views.EDIT, result, fmt, output=output)
    for warning in result.warnings:  # what 'check' would now say about the new value
        _tell(f"limnorm: {warning}", "yellow")


@app.command(cls=DutchCommand)
@_handles_errors
def answer(
    norm: Annotated[
        str,
        typer.Argument(
            metavar="NORM", help="Normnummer, bijv. 4.1.", autocompletion=complete.norm_numbers
        ),
    ],
    antwoord: Annotated[
        str,
        typer.Argument(
            metavar="ANTWOORD",
            help="uitgevoerd, in_ontwikkeling, ontbreekt of nvt.",
            autocompletion=complete.answers,
        ),
    ],
    toelichting: Annotated[
        str | None, typer.Option("--toelichting", help="Toelichting (verplicht bij nvt).")
    ] = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Vul het antwoord van de 0-meting in voor één norm van de checklist."""
    from limnorm.files import updates as changes

    path, name = _editable(data, CHECKLIST_FILE)
    result = changes.answer_norm(path, name, norm, antwoord, toelichting)
    _emit(views.EDIT, result, fmt, output=output)


@app.command(cls=DutchCommand)
@_handles_errors
def history(
    action_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Alleen deze actie.",
            show_default=False,
            autocompletion=complete.action_ids,
        ),
    ] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    tabel: TabelOption = None,
) -> None:
    """Wat er in git met de acties en antwoorden gebeurde: verschoven, gereed, per maand."""
    from limnorm.queries import history as past

    report = past.history(_source(data), Path.cwd(), _as_of(as_of), action_id)
    _emit(views.HISTORY, report, fmt, tabel, output=output)


@app.command(cls=DutchCommand)
@_handles_errors
def diff(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF", help="Vanaf deze commit, tag of branch.", autocompletion=complete.refs
        ),
    ],
    ref2: Annotated[
        str | None,
        typer.Argument(
            metavar="[REF2]",
            help="Tot deze (standaard: de werkkopie).",
            show_default=False,
            autocompletion=complete.refs,
        ),
    ] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Wat er veranderde tussen twee momenten: afgerond, nieuw, vervallen, verschoven, antwoord."""
    from limnorm.queries import history as past

    _emit(
        views.DIFF,
        past.diff_refs(
            _source(data), Path.cwd(), ref, ref2, as_of=None if as_of is None else _as_of(as_of)
        ),
        fmt,
        output=output,
    )


@app.command(cls=DutchCommand)
@_handles_errors
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="spoorboekje|checklist",
            help="Welk bestand.",
            autocompletion=complete.schema_kinds,
        ),
    ],
) -> None:
    """Druk het JSON Schema van een gegevensbestand af (voor editors zoals VS Code)."""
    _write(views.SCHEMA, arguments.schema_kind(kind), DocumentFormat.JSON)


def _write(
    document: Document[R], result: R, fmt: DocumentFormat, output: Path | None = None
) -> None:
    """Write a document (one whole file) to stdout, or to ``output`` (``-o``)."""
    text = render(document, result, fmt)
    if output is None or str(output) == "-":  # '-o -': standard output, as usual
        typer.echo(text, nl=False)
        return
    _store(text.encode("utf-8"), output)


@app.command(cls=DutchCommand)
@_handles_errors
def ics(
    owner: OwnerOption = None,
    alarm: Annotated[
        str, typer.Option("--alarm", help="Herinnering zoveel dagen of weken vooraf: 14d, 2w.")
    ] = "14d",
    output: OutputOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
) -> None:
    """Agenda (iCalendar) met de acties op hun deadline, voor Outlook en andere agenda's.

    Afgeronde en vervallen acties blijven erin als geannuleerde afspraak, zodat een agenda
    die het vorige bestand had ze weghaalt.
    """
    from datetime import UTC, datetime

    from limnorm.output.ics import calendar

    source = _source(data)
    version = discovery.version_at(source, at)
    plan = _plan_at(source, version)
    code = resolve_owner(plan, owner) if owner else None
    days = arguments.alarm_days(alarm)
    # The clock is read here, once: DTSTAMP is the moment of writing.
    now = datetime.now(UTC)
    changed = datafiles.changed_at(source, version) or now
    cal = calendar(plan, _as_of(as_of), written=now, changed=changed, owner=code, alarm=days)
    _write(views.CALENDAR, cal, DocumentFormat.ICS, output)


@app.command(cls=DutchCommand)
@_handles_errors
def remind(
    owner: OwnerOption = None,
    within: Annotated[
        str,
        typer.Option("--within", help="Termijn voor 'binnenkort': 30d, 6w of 2m."),
    ] = arguments.DEFAULT_WINDOW,
    naar: Annotated[
        Path | None,
        typer.Option(
            "--naar",
            metavar="MAP",
            help="Schrijf de e-mails als concept (.eml) in deze map; overschrijft niets.",
            show_default=False,
        ),
    ] = None,
    verstuur: Annotated[
        bool, typer.Option("--verstuur", help="Verstuur de e-mails (met --smtp en --van).")
    ] = False,
    smtp: Annotated[
        str | None,
        typer.Option(
            "--smtp",
            metavar="HOST[:POORT]",
            help="Mailserver; versleuteld met STARTTLS, behalve naar localhost. Gebruiker en "
            "wachtwoord uit LIMNORM_SMTP_USER en LIMNORM_SMTP_PASSWORD.",
            show_default=False,
        ),
    ] = None,
    van: Annotated[
        str | None,
        typer.Option("--van", metavar="ADRES", help="Afzender.", show_default=False),
    ] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """E-mail per actiehouder met de acties die te laat zijn of binnenkort moeten.

    Zonder --naar of --verstuur toont het alleen wat er verstuurd zou worden.
    """
    from datetime import UTC, datetime

    from limnorm.core.address import is_email_address
    from limnorm.core.errors import UsageError
    from limnorm.files import mailer
    from limnorm.output import mail as letters
    from limnorm.output.text import nl_date
    from limnorm.queries.remind import reminders

    if not verstuur and smtp is not None:
        raise UsageError("--smtp hoort bij --verstuur; zonder --verstuur gaat er niets weg")
    if verstuur and (smtp is None or van is None):
        raise UsageError("--verstuur heeft --smtp HOST[:POORT] en --van ADRES nodig")
    if van is not None and not is_email_address(van):
        raise UsageError(f"--van '{van}' is geen e-mailadres; schrijf bijvoorbeeld oov@gemeente.nl")
    server = mailer.parse_server(smtp) if smtp is not None else None
    login = mailer.credentials(os.environ) if verstuur else None
    day = _as_of(as_of)
    plan = _plan(data, None)
    code = resolve_owner(plan, owner) if owner else None
    until = arguments.window_end(day, within)
    report = reminders(plan, day, until=until, owner=code)
    notice = ""
    if code is None or code == NO_OWNER:
        # Nobody can be mailed about an action without an owner: say so, never keep quiet.
        nobody = queries.due(plan, day, until=until, owner=NO_OWNER)
        notice = letters.ownerless_notice(nobody.items, nobody.unreadable)
        if notice:
            _tell(notice)
    if not report.reminders:
        if code == NO_OWNER:
            if not notice:
                _tell(
                    "limnorm: geen actie zonder actiehouder is te laat of binnenkort (tot en "
                    f"met {nl_date(until)}); er is niets te versturen."
                )
            return
        _tell(
            f"limnorm: niemand heeft acties te laat of binnenkort (tot en met "
            f"{nl_date(until)}); er is niets te versturen."
        )
        return
    unusable = [r for r in report.reminders if not r.email or not is_email_address(r.email)]
    if verstuur and unusable:
        names = ", ".join(
            f"{r.code} ({'geen adres' if not r.email else f'ongeldig adres {r.email}'})"
            for r in unusable
        )
        raise mailer.MailError(
            f"niet iedereen heeft een bruikbaar e-mailadres: {names}. Zet het adres in "
            "spoorboekje.yaml, zoals 'OOV: {naam: Openbare Orde en Veiligheid, email: "
            "oov@gemeente.nl}', of stuur met --owner alleen de anderen. Er is niets verstuurd."
        )
    mails = letters.compose(report)
    # The clock is read here: the Date header is the moment of writing or sending.
    now = datetime.now(UTC).astimezone()
    if naar is None and not verstuur:
        typer.echo(letters.preview(mails), nl=False)
        _tell("limnorm: niets verstuurd; --naar MAP schrijft concepten, --verstuur verstuurt.")
        return
    outcomes = []
    if naar is not None:
        drafts = [
            mailer.Outgoing(
                m.code, m.email, letters.to_email(m, sender=van, moment=now, draft=True)
            )
            for m in mails
        ]
        outcomes += mailer.write_drafts(drafts, naar, str(naar))
    if verstuur:
        assert server is not None
        outgoing = [
            mailer.Outgoing(m.code, m.email, letters.to_email(m, sender=van, moment=now))
            for m in mails
        ]
        cafile = os.environ.get(mailer.CAFILE_VAR) or None
        outcomes += mailer.send(outgoing, server, login=login, cafile=cafile)
    for outcome in outcomes:
        to = f" <{outcome.address}>" if outcome.address else " (geen adres)"
        typer.echo(f"{outcome.code}{to}: {outcome.detail}")
    if not all(outcome.ok for outcome in outcomes):
        raise typer.Exit(1)


class ReportFormat(StrEnum):
    """The ``report --format`` choices."""

    MARKDOWN = "markdown"
    HTML = "html"


@app.command(cls=DutchCommand)
@_handles_errors
def report(
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="Markdown of één HTML-bestand.")
    ] = ReportFormat.MARKDOWN,
    sinds: Annotated[
        str | None,
        typer.Option(
            "--sinds",
            metavar="REF",
            help="Ook wat er sinds deze commit of tag veranderde.",
            autocompletion=complete.refs,
        ),
    ] = None,
    output: OutputOption = None,
    data: DataOption = None,
    regio: RegioOption = None,
    no_cache: NoCacheOption = False,
    as_of: AsOfOption = None,
) -> None:
    """Voortgangsrapport voor directie en raad: per thema, te laat, volgend kwartaal."""
    from limnorm.output import report as progress
    from limnorm.queries import history as past

    if regio is not None:
        regional = progress.build_region_report(_region(regio, no_cache), _as_of(as_of))
        _write(views.REGION_REPORT, regional, DocumentFormat(fmt.value), output)
        return

    source = _source(data)
    plan, checklist = _plan_and_checklist(source, None, required=False)
    since = past.diff_refs(source, Path.cwd(), sinds) if sinds is not None else None
    built = progress.build_report(plan, checklist, _as_of(as_of), since)
    _write(views.REPORT, built, DocumentFormat(fmt.value), output)


@app.command(cls=DutchCommand)
@_handles_errors
def timeline(
    thema: Annotated[
        list[str] | None,
        typer.Argument(
            help="Eén thema, bijv. 'thema 4'.",
            show_default=False,
            autocompletion=complete.theme_words,
        ),
    ] = None,
    owner: OwnerOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Tijdlijn (Gantt) van de acties in de terminal, per thema, met de peildatum."""
    _not_an_owner(output)
    nr = arguments.parse_theme_selector(thema or [])
    plan = _plan(data, at)
    code = resolve_owner(plan, owner) if owner else None
    drawn = queries.timeline(plan, _as_of(as_of), owner=code, theme=nr)
    _emit(views.TIMELINE, drawn, fmt, output=output)


class Shell(StrEnum):
    """The shells ``limnorm completion`` writes a script for."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


@app.command(cls=DutchCommand)
def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh of fish.")],
) -> None:
    """Druk het script af waarmee de shell limnorm aanvult (zie README, 'limnorm completion')."""
    typer.echo(complete.script(shell.value), nl=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"limnorm {__version__}")
        raise typer.Exit


#: The options every command that reads data shares; they may also come before the command
#: (``limnorm --data org due``), where they mean the same. Name: (takes a value, env var).
SHARED_OPTIONS: dict[str, tuple[bool, str | None]] = {
    "--data": (True, None),  # $LIMNORM_DATA is read where the data is located (discovery)
    "--as-of": (True, None),  # no env var: a forgotten one would shift every date silently
    "--format": (True, "LIMNORM_FORMAT"),
    "--regio": (True, None),
    "--no-cache": (False, "LIMNORM_NO_CACHE"),
}


_FORMAT_NAMES = {f.value for f in OutputFormat} | {f.value for f in ReportFormat}


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie."),
    ] = False,
    data: DataOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAAT",
            envvar="LIMNORM_FORMAT",
            show_envvar=True,
            autocompletion=complete.format_names,
            help="Uitvoervorm voor elke opdracht die hem kent (table, json, csv, markdown, xlsx; "
            "report: markdown, html).",
            show_default=False,
        ),
    ] = None,
    regio: RegioOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="LIMNORM_NO_CACHE",
            show_envvar=True,
            help="Lees alle bestanden opnieuw, zonder de cache.",
        ),
    ] = False,
) -> None:
    """Volg de uitvoering van de Limburgse Norm."""
    if fmt is not None and ctx.get_parameter_source("fmt") is _FROM_ENV:
        fmt = fmt.strip().lower()
        if fmt not in _FORMAT_NAMES:
            usage_error(
                f"LIMNORM_FORMAT={fmt}: onbekende uitvoervorm; kies uit "
                + ", ".join(sorted(_FORMAT_NAMES))
                + ".",
                ctx,
            )
    given: dict[str, tuple[str, object]] = {
        "--data": ("data", data),
        "--as-of": ("as_of", as_of),
        "--format": ("fmt", fmt),
        "--regio": ("regio", regio),
        "--no-cache": ("no_cache", no_cache or None),
    }
    shared_defaults(
        ctx,
        {
            option: (value, ctx.get_parameter_source(name) is _FROM_ENV)
            for option, (name, value) in given.items()
            if value is not None
        },
    )


def _command_word(argv: list[str]) -> str | None:
    """The command named in ``argv``, after any shared options before it (None: none)."""
    rest = iter(argv)
    for arg in rest:
        if not arg.startswith("-"):
            return arg
        takes_value, _env = SHARED_OPTIONS.get(arg, (False, None))
        if takes_value:
            next(rest, None)
        elif arg not in SHARED_OPTIONS and "=" not in arg:
            return None  # --help, --version, or unknown: the full app answers
    return None


def _lean_app(argv: list[str]) -> typer.Typer:
    """The app with only the command being run, when one is named.

    Typer builds every command's parameters before it runs one; with twenty
    commands that was a measurable part of each start-up. Help without a
    command, and anything unrecognised, gets the full app.
    """
    names = {
        (c.name or (c.callback.__name__ if c.callback else "")): c for c in app.registered_commands
    }
    first = _command_word(argv)
    if first not in names:
        return app
    lean = typer.Typer(
        name="limnorm",
        help=app.info.help,
        epilog=app.info.epilog,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        cls=DutchGroup,
        rich_markup_mode=None,
    )
    lean.registered_callback = app.registered_callback
    lean.registered_commands = [names[first]]
    return lean


def main() -> None:
    """Entry point of the ``limnorm`` script and ``python -m limnorm``.

    The process ends with ``os._exit`` after flushing its output: tearing down the
    interpreter (freeing every module of Typer, Rich and PyYAML) measured ~40 ms, a sixth
    of a command's run time, and limnorm leaves nothing behind that needs it: files are
    written and closed, worker pools are shut down, before the command returns.

    The cyclic garbage collector is off for the run. A run lasts seconds, and its data
    (YAML trees, plans, cache entries) holds no reference cycles, so reference counting
    frees it all; the collector only re-scanned the tens of thousands of live objects a
    region holds, over and over (PyYAML's compose of a large plan took twice as long
    with it). Worker processes switch it off too (:mod:`limnorm.queries.region`).
    """
    gc.disable()
    from limnorm.cli import streams  # output errors and encodings (see there)

    streams.tolerant_streams()
    stdout = sys.stdout
    try:
        _lean_app(sys.argv[1:])(prog_name="limnorm")
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if isinstance(stop.code, str):
            sys.stderr.write(stop.code + "\n")
        if sys.stdout is not stdout:  # Click swapped it out after a closed pipe
            code = streams.BROKEN_PIPE
    except OSError as error:  # the output could not be written (a full disk, a closed pipe)
        os._exit(streams.output_failed(error))
    os._exit(streams.flush_all(code))
