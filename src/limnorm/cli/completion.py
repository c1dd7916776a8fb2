"""Shell completion: the scripts for bash, zsh and fish, and the values they complete.

The shell runs ``limnorm`` with ``_LIMNORM_COMPLETE=complete_bash`` (or ``_zsh``,
``_fish``) and the words typed so far; :class:`limnorm.cli.dutch.DutchGroup` hands
that to :func:`complete`, which lets Click find the command and parameter being
completed and calls the value functions below. These read the plan found the usual
way (``--data`` typed so far, ``$LIMNORM_DATA``, the folder and its parents) and
say nothing when it cannot be read: a completion never prints an error.
"""

# No "from __future__ import annotations": Typer reads these functions' annotations to
# know which argument is the context and which the incomplete word.
import os
import sys
from pathlib import Path
from typing import Any

import typer

from limnorm.core.errors import LimnormError
from limnorm.core.models import Answer, Checklist, Plan, Status

COMPLETE_VAR = "_LIMNORM_COMPLETE"
SHELLS = ("bash", "zsh", "fish")

Choices = list[tuple[str, str]]


def _given(ctx: typer.Context, name: str) -> Any:
    """A value typed so far for ``name``, in this command or before it (``limnorm --data``)."""
    current: typer.Context | None = ctx
    while current is not None:
        value = current.params.get(name)
        if value:
            return value
        current = current.parent  # type: ignore[assignment]
    return None


def _directory(ctx: typer.Context) -> Path | None:
    from limnorm.files.discovery import locate

    data = _given(ctx, "data")
    try:
        return locate(Path(data) if data else None, os.environ, Path.cwd()).directory
    except (LimnormError, OSError):
        return None


def _plan(ctx: typer.Context) -> Plan | None:
    from limnorm.files.datafiles import require_plan
    from limnorm.files.discovery import DataSource

    directory = _directory(ctx)
    if directory is None:
        return None
    try:
        # Ids only: no history (completion must stay within the start-up budget).
        return require_plan(DataSource(directory), Path.cwd(), history=False)
    except (LimnormError, OSError):
        return None


def _checklist(ctx: typer.Context) -> Checklist | None:
    from limnorm.files.datafiles import require_checklist
    from limnorm.files.discovery import DataSource

    directory = _directory(ctx)
    if directory is None:
        return None
    try:
        return require_checklist(DataSource(directory), Path.cwd(), required=False)
    except (LimnormError, OSError):
        return None


def _starting(choices: Choices, incomplete: str) -> Choices:
    folded = incomplete.casefold()
    return [(value, text) for value, text in choices if value.casefold().startswith(folded)]


def owners(ctx: typer.Context, incomplete: str) -> Choices:
    """The owner codes of the plan, with their names."""
    plan = _plan(ctx)
    if plan is None:
        return []
    found = []
    for code, owner in plan.actiehouders.items():
        name = owner if isinstance(owner, str) else getattr(owner, "naam", None)
        found.append((code, name or ""))
    return _starting(found, incomplete)


def action_ids(ctx: typer.Context, incomplete: str) -> Choices:
    """The action ids of the plan, with what the action is."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return _starting([(a.id, a.actie) for a in plan.actions()], incomplete)


def norm_numbers(ctx: typer.Context, incomplete: str) -> Choices:
    """The norm numbers of the checklist, with their titles."""
    checklist = _checklist(ctx)
    if checklist is None:
        return []
    return _starting([(n.nr, n.titel) for n in checklist.norms()], incomplete)


def themes(ctx: typer.Context, incomplete: str) -> Choices:
    """The theme numbers of the plan ('status thema <TAB>'), with their titles."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return _starting([(str(t.nr), t.titel) for t in plan.themas], incomplete)


def theme_words(ctx: typer.Context, incomplete: str) -> Choices:
    """'thema', then its numbers: 'status thema 4' and 'status 4' both work."""
    typed = _given(ctx, "thema") or []
    if not typed and not incomplete[:1].isdigit():
        return _starting([("thema", "één thema in detail")], incomplete)
    return themes(ctx, incomplete)


def refs(ctx: typer.Context, incomplete: str) -> Choices:
    """The git tags (newest first) and branches where the data is."""
    from limnorm.files.git import refs as git_refs

    directory = _directory(ctx)
    if directory is None:
        return []
    try:
        return _starting([(ref, "") for ref in git_refs(directory)], incomplete)
    except (LimnormError, OSError):
        return []


def fields(ctx: typer.Context, incomplete: str) -> Choices:
    """The fields 'set' can change, from their one home."""
    from limnorm.files.settable import SETTABLE

    return _starting(list(SETTABLE.items()), incomplete)


def field_values(ctx: typer.Context, incomplete: str) -> Choices:
    """Values for 'set ID VELD': the statuses, the owners, ja/nee for a milestone;
    nothing for free text."""
    field = str(_given(ctx, "field") or "").strip().lower()
    if field == "status":
        return _starting([(s.value, "") for s in Status], incomplete)
    if field == "actiehouder":
        return owners(ctx, incomplete)
    if field == "mijlpaal":
        return _starting([("ja", ""), ("nee", "")], incomplete)
    return []


def answers(ctx: typer.Context, incomplete: str) -> Choices:
    """The answers of the 0-meting."""
    return _starting([(a.value, "") for a in Answer], incomplete)


def schema_kinds(ctx: typer.Context, incomplete: str) -> Choices:
    """The two files that have a schema."""
    return _starting([("spoorboekje", ""), ("checklist", "")], incomplete)


def format_names(ctx: typer.Context, incomplete: str) -> Choices:
    """The output forms (for --format before the command)."""
    names = ["table", "json", "csv", "markdown", "xlsx", "html"]
    return _starting([(name, "") for name in names], incomplete)


def shell_names(ctx: typer.Context, incomplete: str) -> Choices:
    """The shells limnorm writes a completion script for."""
    return _starting([(shell, "") for shell in SHELLS], incomplete)


# Typer's bash script, with the newline in IFS written as \n (Typer's has a line break there).
COMPLETION_SCRIPT_BASH = """
%(complete_func)s() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   %(autocomplete_var)s=complete_bash $1 ) )
    return 0
}

complete -o default -F %(complete_func)s %(prog_name)s
"""


def script(shell: str, prog_name: str = "limnorm") -> str:
    """The completion script for ``shell``, to be sourced by it."""
    from typer._completion_shared import COMPLETION_SCRIPT_FISH, COMPLETION_SCRIPT_ZSH

    scripts = {
        "bash": COMPLETION_SCRIPT_BASH,
        "zsh": COMPLETION_SCRIPT_ZSH,
        "fish": COMPLETION_SCRIPT_FISH,
    }
    names = {"complete_func": "_limnorm_completion", "prog_name": prog_name}
    text = str(scripts[shell]) % {**names, "autocomplete_var": COMPLETE_VAR}
    return text.strip() + "\n"


def _classes() -> dict[str, Any]:
    """The shell classes, made when the shell asks (Typer's completion modules are not
    needed to run a command).

    Typer's zsh and fish classes clean help texts with Rich (~95 modules); these texts
    are plain, so the classes below leave that out. Bash gets no help texts at all.
    """
    from typer._click.shell_completion import CompletionItem
    from typer._completion_classes import BashComplete, FishComplete, ZshComplete

    class Bash(BashComplete):
        def source(self) -> str:  # without Typer's check of the bash version (a subprocess)
            return script("bash", str(self.prog_name))

    class Zsh(ZshComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.help:
                text = " ".join(item.help.split())
                return f'"{_zsh_escape(item.value)}":"{_zsh_escape(text)}"'
            return f'"{_zsh_escape(item.value)}"'

    class Fish(FishComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.help:
                return f"{item.value}\t{' '.join(item.help.split())}"
            return str(item.value)

    return {"bash": Bash, "zsh": Zsh, "fish": Fish}


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def complete(command: Any, instruction: str, prog_name: str) -> int:
    """Answer the shell: the completions for the words in the environment, one a line.

    ``instruction`` is ``complete_bash`` (Typer's order) or ``bash_complete`` (Click's).
    """
    first, _, second = instruction.partition("_")
    shell = second if first in ("complete", "source") else first
    action = first if first in ("complete", "source") else second
    cls = _classes().get(shell)
    if cls is None:
        return 1
    if action == "source":
        sys.stdout.write(script(shell, prog_name))
        return 0
    completer = cls(command, {}, prog_name, COMPLETE_VAR)
    out = completer.complete()
    if out:
        sys.stdout.write(out + "\n")
    return 0
