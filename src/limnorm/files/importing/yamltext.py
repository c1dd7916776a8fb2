"""Write an imported plan as ``spoorboekje.yaml`` text, laid out like the sample.

A person goes on editing the file by hand, so it reads like ``data/spoorboekje.yaml``:
a header comment, the organisation, the owners, then the themes with their actions,
one key per line, ids quoted, long texts folded, texts of several lines as literal
blocks. Every value is written so that YAML reads back exactly the text found.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date

from limnorm.files.importing.layout import ImportedAction, ImportedPlan, dutch_day, one_line
from limnorm.files.templates import modeline
from limnorm.files.yamledit import render_key, render_scalar, render_value

_WIDTH = 88
_WORD = r"[^\s\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]+"
#: Words with single spaces between: folding at spaces reads back as the same text.
_FOLDABLE = re.compile(rf"{_WORD}(?: {_WORD})*")
_LITERAL_SAFE = re.compile(r"[^\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _comment(text: str) -> str:
    """Text that is safe inside a one-line comment."""
    return one_line(_CONTROL.sub(" ", text))


def _text(key: str, value: str, indent: int) -> list[str]:
    """``key: value`` lines: plain or quoted on one line, folded when long, a literal block
    for several lines."""
    pad = " " * indent
    lines = value.split("\n")
    if (
        len(lines) > 1
        and all(_LITERAL_SAFE.fullmatch(line) for line in lines)
        and all(line and line == line.strip() for line in lines)
    ):
        return [f"{pad}{key}: |-", *(f"{pad}  {line}" for line in lines)]
    rendered = render_scalar(value)
    if len(pad) + len(key) + 2 + len(rendered) <= _WIDTH or not _FOLDABLE.fullmatch(value):
        return [f"{pad}{key}: {rendered}"]
    wrapped = textwrap.wrap(
        value, width=_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in wrapped)]


def _number(value: int | float) -> str:
    """A number as YAML reads it back: ``1e-05`` is text to YAML 1.1, ``1.0e-05`` a float."""
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        return f"{mantissa}.0e{exponent}"
    return text


def _quoted(value: str) -> str:
    """An id always in double quotes, as in the sample (``"1.10"`` is not a number)."""
    rendered = render_scalar(value)
    if rendered.startswith('"') or '"' in value or "\\" in value:
        return rendered
    return f'"{value}"'


def _action(action: ImportedAction) -> list[str]:
    lines = [f"      - id: {_quoted(action.id or '')}"]
    lines += _text("actie", action.actie, 8)
    lines.append(f"        wanneer: {render_scalar(action.wanneer)}")
    holders = action.actiehouder
    if holders is None:
        lines.append("        actiehouder:")
    else:
        lines.append(f"        actiehouder: {render_value(holders, flow=True)}")
    if action.toelichting is not None:
        lines += _text("toelichting", action.toelichting, 8)
    if action.status is not None:
        lines.append(f"        status: {render_scalar(action.status)}")
    if action.gereed_op is not None:
        lines.append(f"        gereed_op: {render_value(action.gereed_op)}")
    for key, value in action.extra:
        if isinstance(value, int | float):
            lines.append(f"        {key}: {_number(value)}")
        else:
            lines += _text(key, value, 8)
    return lines


def plan_yaml(plan: ImportedPlan, organisatie: str, source: str, day: date) -> str:
    """The text of ``spoorboekje.yaml`` for an imported plan.

    Args:
        organisatie: the organisation's name.
        source: the imported file's name, for the header comment.
        day: the day of the import (given by the caller, never read here).
    """
    lines = [
        modeline("spoorboekje"),
        f"# Spoorboekje van {_comment(organisatie)}.",
        f"# Geïmporteerd uit {_comment(source)} op {dutch_day(day)} met 'limnorm import'.",
        "# 'wanneer' staat er zoals in het bronbestand; limnorm leest er een datum uit.",
        "# Controleer na elke wijziging met: limnorm check",
        "",
        f"organisatie: {render_scalar(organisatie)}",
    ]
    if plan.titel:
        lines.append(f"titel: {render_scalar(one_line(plan.titel))}")
    if plan.jaar is not None:
        lines.append(f"jaar: {plan.jaar}   # uit de titel; voor 'wanneer' zonder jaar")
    if plan.owners:
        lines += ["", "actiehouders:   # afdelingscode: volledige naam; vul de namen aan"]
        lines += [f"  {render_key(owner)}:" for owner in plan.owners]
    lines += ["", "themas:"]
    for theme in plan.themas:
        lines += [f"  - nr: {theme.nr}", f"    titel: {render_scalar(one_line(theme.titel))}"]
        if not theme.acties:
            lines += ["    acties: []", ""]
            continue
        lines.append("    acties:")
        for action in theme.acties:
            lines += _action(action)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
