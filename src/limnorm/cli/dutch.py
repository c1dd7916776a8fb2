"""Typer's and Click's own words in Dutch: help pages, usage lines and usage errors.

Typer 0.28 vendors Click with its messages written out in English (no gettext), so
a catalogue cannot reach them. Instead the command classes here write the help
page themselves (plain text: Typer's Rich help formatter imports ~95 modules, which
doubled the time of ``--help``), and every usage error is rebuilt in Dutch from the
exception's own fields (option name, parameter, suggestions) before it is shown.
The few texts Click builds by formatting a value into English are matched by the
patterns in :data:`_VALUE_MESSAGES`; a test walks every kind of error.
"""

import re
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from enum import Enum
from typing import IO, Any, NoReturn

import typer
from typer._click import exceptions as click_errors
from typer._click.core import Command, Context, Parameter, ParameterSource
from typer._click.formatting import HelpFormatter
from typer._click.parser import _OptionParser
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

OPTIONS = "[OPTIES]"
USAGE = "Gebruik: "
HELP_TEXT = "Toon deze hulp en stop."
PROG = "limnorm"

# Click's type names, as the help shows them for a value.
_TYPE_NAMES = {"text": "TEKST", "str": "TEKST", "integer": "GETAL", "float": "GETAL", "path": "PAD"}

# Click's own words for a wrong value, in Dutch. The value is quoted as Click quoted it.
# Patterns as text, compiled when an error is shown (~1 ms less for every command).
_VALUE_MESSAGES: list[tuple[str, str]] = [
    (r"^(?P<v>.*) is not one of (?P<c>.*)\.$", "{v} kan niet; kies uit {c}."),
    (
        r"^(?P<v>.*) is not a valid (?:int|integer|float)\.$",
        "{v} is geen getal.",
    ),
    (
        r"^(?P<v>.*) is not a valid boolean\..*$",
        "{v} is geen ja of nee (gebruik bijv. true of false).",
    ),
    (r"^(?P<v>.*) is not in the range (?P<c>.*)\.$", "{v} ligt niet in {c}."),
    (r"^Value must be an iterable\.$", "verwacht een lijst van waarden."),
    (
        r"^Takes (?P<v>\d+) values but (?P<c>\d+) given\.$",
        "verwacht {v} waarden, kreeg er {c}.",
    ),
]
_USAGE_MESSAGES: list[tuple[str, str]] = [
    (
        r"^Got unexpected extra argument(?:s|\(s\))? \((?P<v>.*)\)$",
        "te veel argumenten: {v}.",
    ),
    (r"^Missing command\.$", "geef een opdracht."),
    (
        r"^Option '(?P<v>.*)' requires an argument\.$",
        "optie {v} heeft een waarde nodig.",
    ),
    (
        r"^Option '(?P<v>.*)' requires (?P<c>\d+) arguments\.$",
        "optie {v} heeft {c} waarden nodig.",
    ),
    (r"^Option '(?P<v>.*)' does not take a value\.$", "optie {v} neemt geen waarde."),
    (
        r"^Argument '(?P<v>.*)' takes (?P<c>\d+) values\.$",
        "argument {v} neemt {c} waarden.",
    ),
]


def _translate(message: str, table: list[tuple[str, str]]) -> str:
    for pattern, dutch in table:
        found = re.match(pattern, message, re.S)
        if found:
            return dutch.format(**found.groupdict())
    return message


def _shown(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def metavar(param: Parameter) -> str:
    """How the help and messages name a parameter's value: ID, MAP, [tabel|json]."""
    if param.metavar:
        # "[ID]" marks an optional value and the usage line adds its own brackets, so only
        # a pair around the whole name goes: "HOST[:POORT]" keeps its own.
        text = str(param.metavar)
        if text.startswith("[") and text.endswith("]") and "[" not in text[1:-1]:
            return text[1:-1]
        return text
    choices = getattr(param.type, "choices", None)
    if choices:
        return "[" + "|".join(_shown(choice) for choice in choices) + "]"
    if isinstance(param, TyperArgument):
        return (param.name or "").upper()
    name = getattr(param.type, "name", "text")
    return _TYPE_NAMES.get(name, name.upper())


def _option_names(param: TyperOption) -> str:
    # Long name first, then the short one: the long name is what people read.
    names = sorted(param.opts, key=lambda opt: (not opt.startswith("--"), opt))
    names += sorted(param.secondary_opts)
    text = ", ".join(names)
    if not param.is_flag and not param.count:
        text += " " + metavar(param)
    return text


def _default_text(param: TyperOption | TyperArgument) -> str | None:
    if param.show_default is False or param.default is None or param.required:
        return None
    if isinstance(param, TyperOption) and param.is_flag and not param.default:
        return None
    if isinstance(param.show_default, str):
        return param.show_default
    if isinstance(param.default, (list, tuple)):
        return ", ".join(_shown(item) for item in param.default) or None
    if callable(param.default):
        return None
    return _shown(param.default)


def _param_help(param: TyperOption | TyperArgument) -> str:
    extra = []
    choices = getattr(param.type, "choices", None)
    if choices and param.metavar:
        extra.append("[kies uit: " + ", ".join(_shown(choice) for choice in choices) + "]")
    default = _default_text(param)
    if default:
        extra.append(f"[standaard: {default}]")
    if param.required:
        extra.append("[verplicht]")
    env = getattr(param, "envvar", None)
    if env and getattr(param, "show_envvar", False):
        extra.append(f"[of ${env}]")
    return " ".join(filter(None, [param.help or "", *extra]))


def _usage_pieces(command: Command) -> list[str]:
    pieces = [OPTIONS]
    for param in command.params:
        if not isinstance(param, TyperArgument) or param.hidden:
            continue
        name = metavar(param)
        if param.nargs == -1:
            name += "..."
        pieces.append(name if param.required else f"[{name}]")
    return pieces


def _write_dl(formatter: HelpFormatter, rows: list[tuple[str, str]]) -> None:
    """Click's two-column list (option, help), wrapped at spaces only: Click's own breaks
    long words and hyphenated ones ("spoorb/oekje.yaml", "git-/commit") when narrow."""
    import textwrap

    indent = " " * formatter.current_indent
    first = min(max(len(term) for term, _ in rows), 30) + 2
    width = formatter.width - formatter.current_indent - first
    if width < 24:  # too narrow beside the terms: the text goes under each term instead
        first, width = 4, formatter.width - formatter.current_indent - 4
    for term, text in rows:
        lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        if not lines:
            formatter.write(f"{indent}{term}\n")
            continue
        if len(term) <= first - 2:
            formatter.write(f"{indent}{term.ljust(first)}{lines[0]}\n")
        else:
            formatter.write(f"{indent}{term}\n{indent}{' ' * first}{lines[0]}\n")
        for line in lines[1:]:
            formatter.write(f"{indent}{' ' * first}{line}\n")


def write_help(command: TyperCommand | TyperGroup, ctx: Context, formatter: HelpFormatter) -> None:
    """A command's help page: usage, description, arguments, options (and commands)."""
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), USAGE)
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(command.help.split("\f")[0].strip())
    params = command.get_params(ctx)
    arguments = [
        (metavar(p), _param_help(p))
        for p in params
        if isinstance(p, TyperArgument) and not p.hidden
    ]
    options = [
        (_option_names(p), _param_help(p))
        for p in params
        if isinstance(p, TyperOption) and not p.hidden
    ]
    for heading, rows in (("Argumenten", arguments), ("Opties", options)):
        if rows:
            with formatter.section(heading):
                _write_dl(formatter, rows)
    if isinstance(command, TyperGroup):
        commands = [
            (name, sub.short_help or _first_paragraph(sub.help or ""))
            for name in command.list_commands(ctx)
            if (sub := command.get_command(ctx, name)) is not None and not sub.hidden
        ]
        if commands:
            with formatter.section("Opdrachten"):
                _write_dl(formatter, commands)
    if command.epilog:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(command.epilog)


class _ValueParser(_OptionParser):
    """Click's parser, reading '-5 dagen' or '-' as a value, not as an option.

    An option is a dash and a letter; '-5', '- 3 dagen' and '-' never name one, so
    they go to the positional arguments (``set 1.1 toelichting '-5 dagen'``).
    """

    def _process_opts(self, arg: str, state: Any) -> None:
        if _looks_like_value(arg):
            state.largs.append(arg)
            return
        try:
            super()._process_opts(arg, state)
        except click_errors.NoSuchOption as error:
            error.token = arg  # type: ignore[attr-defined]  # '-vooraf', not just '-v'
            raise


def _looks_like_value(arg: str) -> bool:
    if arg.startswith("--"):
        return False
    return len(arg) < 2 or not arg[1].isalpha() or any(c.isspace() for c in arg)


def _first_paragraph(text: str) -> str:
    return text.split("\f")[0].strip().split("\n\n")[0]


def _without_trailing_spaces(text: str) -> str:
    # Click indents the empty line between paragraphs; a help page has no trailing spaces.
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _dutch_help(option: Any) -> Any:
    if option is not None:
        option.help = HELP_TEXT
    return option


class _Context(typer.Context):
    """Click's context, with help as wide as the terminal even below Click's 50 columns."""

    def make_formatter(self) -> HelpFormatter:
        import shutil

        columns = shutil.get_terminal_size().columns  # $COLUMNS first, as Click does
        return HelpFormatter(width=max(min(columns, 80) - 2, 20))


class DutchCommand(TyperCommand):
    """A limnorm command: Dutch plain help, values may start with a dash."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS
        kwargs["rich_markup_mode"] = None
        super().__init__(*args, **kwargs)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _usage_pieces(self)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(_usage_pieces(self)), USAGE)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_help(self, ctx, formatter)

    def get_help_option(self, ctx: Context) -> Any:
        return _dutch_help(super().get_help_option(ctx))

    def get_help(self, ctx: Context) -> str:
        return _without_trailing_spaces(super().get_help(ctx))

    def make_parser(self, ctx: Context) -> _OptionParser:
        parser = _ValueParser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser


class DutchGroup(TyperGroup):
    """The ``limnorm`` group: Dutch help, Dutch usage errors, Dutch command suggestions."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS
        kwargs["subcommand_metavar"] = "OPDRACHT [ARGUMENTEN]..."
        kwargs["rich_markup_mode"] = None
        super().__init__(*args, **kwargs)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [OPTIONS, self.subcommand_metavar or ""]

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), USAGE)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        write_help(self, ctx, formatter)

    def get_help_option(self, ctx: Context) -> Any:
        return _dutch_help(super().get_help_option(ctx))

    def get_help(self, ctx: Context) -> str:
        return _without_trailing_spaces(super().get_help(ctx))

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        """Answer the shell's completion request (``_LIMNORM_COMPLETE`` set), then stop."""
        import os

        instruction = os.environ.get("_LIMNORM_COMPLETE")
        if not instruction:
            return
        from limnorm.cli.completion import complete

        sys.exit(complete(self, instruction, prog_name))

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        command = self.get_command(ctx, name)
        if command is not None or ctx.resilient_parsing:
            return (name if command else None), command, args[1:]
        if name.startswith("-"):
            self.parse_args(ctx, args)  # reports the unknown option
        message = f"onbekende opdracht '{name}'."
        close = get_close_matches(name, self.list_commands(ctx))
        if close:
            message += " Bedoelt u " + " of ".join(f"'{c}'" for c in close) + "?"
        raise click_errors.UsageError(message, ctx)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run as Click does, but show usage errors in Dutch (and end the same way)."""
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.ClickException as error:
            if not standalone_mode:
                raise
            show_error(error)
            sys.exit(error.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo("Afgebroken.", err=True)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


FROM_ENV = ParameterSource.ENVIRONMENT


def shared_defaults(ctx: Context, given: dict[str, tuple[object, bool]]) -> None:
    """Hand the shared options given before the command (or by env var) to the command.

    ``given`` maps an option (``--data``) to its value and whether it came from an
    environment variable. The values become the command's defaults (Click's
    ``default_map``), so an option after the command still wins. An option typed
    before a command that does not have it is an error; one from the environment
    is left out for that command, as is an env value the command cannot take.
    """
    name = ctx.invoked_subcommand
    if not given or name is None or not isinstance(ctx.command, TyperGroup):
        return
    command = ctx.command.get_command(ctx, name)
    if command is None:
        return
    defaults: dict[str, object] = {}
    for option, (value, from_env) in given.items():
        param = next((p for p in command.params if option in p.opts), None)
        if param is None or param.name is None:
            if from_env:
                continue
            usage_error(f"'{PROG} {name}' kent de optie {option} niet.", ctx)
        if from_env:
            try:
                param.type.convert(value, param, ctx)
            except click_errors.BadParameter:
                continue
        defaults[param.name] = value
    ctx.default_map = {name: defaults}


def usage_error(message: str, ctx: Context | None = None) -> NoReturn:
    """Stop with a usage error (exit 2), shown like Click's own but in Dutch."""
    raise click_errors.UsageError(message, ctx)


def _hint(param: Any, ctx: Context | None) -> str:
    if isinstance(param, TyperArgument):
        return metavar(param)
    if isinstance(param, TyperOption):
        return sorted(param.opts, key=lambda opt: (not opt.startswith("--"), opt))[0]
    return "waarde"


def _has_arguments(ctx: Context | None) -> bool:
    return ctx is not None and any(isinstance(p, TyperArgument) for p in ctx.command.params)


def explain(error: click_errors.ClickException) -> str:
    """The Dutch message for one of Click's errors (without the 'limnorm: fout:' prefix)."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click_errors.NoSuchOption):
        name = error.option_name
        text = f"onbekende optie {name}."
        if error.possibilities:
            text += " Bedoelt u " + " of ".join(sorted(error.possibilities)) + "?"
        if name in MOVED_FLAGS:
            text += " " + MOVED_FLAGS[name]
        if not name.startswith("--") and _has_arguments(ctx):
            path = ctx.command_path if ctx else PROG
            token = getattr(error, "token", name)
            text += f" Begint een waarde met '-', zet er dan -- voor: {path} ... -- {token}"
        return text
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        kind = "argument" if isinstance(param, TyperArgument) else "optie"
        text = f"{kind} {_hint(param, ctx)} ontbreekt."
        choices = getattr(getattr(param, "type", None), "choices", None)
        if choices:
            text += " Kies uit: " + ", ".join(_shown(c) for c in choices) + "."
        return text
    if isinstance(error, click_errors.BadParameter):
        if error.param_hint is not None:
            hint = str(error.param_hint)
        elif error.param is not None:
            hint = _hint(error.param, ctx)
        else:
            return f"ongeldige waarde: {_translate(error.message, _VALUE_MESSAGES)}"
        return f"ongeldige waarde voor {hint}: {_translate(error.message, _VALUE_MESSAGES)}"
    if isinstance(error, click_errors.UsageError):
        return _translate(error.message, _USAGE_MESSAGES) + _quote_hint(error.message, ctx)
    if isinstance(error, click_errors.FileError):
        return f"kan bestand {error.ui_filename!r} niet openen: {error.message}"
    return error.format_message()


#: Commands whose last argument is free text: words beyond it were one value the shell split.
_TEXT_LAST = {"set"}


def _quote_hint(message: str, ctx: Context | None) -> str:
    """For ``limnorm set 1.9 wanneer Q3 2026``: the quoting that makes it one value."""
    found = re.match(_USAGE_MESSAGES[0][0], message, re.S)
    if not found or ctx is None or ctx.command.name not in _TEXT_LAST:
        return ""
    arguments = [p for p in ctx.command.params if isinstance(p, TyperArgument)]
    given = [ctx.params.get(p.name or "") for p in arguments]
    if not given or None in given:
        return ""
    *first, last = [str(value) for value in given]
    joined = f"{last} {found.group('v')}"
    return (
        f" Zet de tekst tussen aanhalingstekens: {ctx.command_path} {' '.join(first)} "
        f'"{joined}"'
    )


# Short flags that once meant something else; the message says where they went.
MOVED_FLAGS = {
    "-o": "(-o is overal --output; een actiehouder kiest u met --owner of -a.)",
}


def show_error(error: click_errors.ClickException, file: IO[str] | None = None) -> None:
    """Write a usage error as limnorm does: the Dutch message, usage line and where to find help."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click_errors.NoArgsIsHelpError) and ctx is not None:
        typer.echo(ctx.get_help(), file=file, err=file is None)
        return
    lines = [f"{PROG}: fout: {explain(error)}"]
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"Meer uitleg: {ctx.command_path} {ctx.help_option_names[0]}")
    typer.echo("\n".join(lines), file=file, err=file is None)
