"""Owners as people name them (a code or a full name), matched to the owners of a plan."""

from __future__ import annotations

from limnorm.core.errors import UsageError
from limnorm.core.models import NO_OWNER, Plan
from limnorm.core.suggest import suggest


def known_owners(plan: Plan) -> list[str]:
    """The owners ``--owner`` can name: the ``actiehouders`` codes, then any other owner
    the actions give (teams, partners), in order of appearance."""
    known = dict.fromkeys(plan.actiehouders)
    for action in plan.actions():
        known.update(dict.fromkeys(action.actiehouders))
    return list(known)


def resolve_owner(plan: Plan, text: str) -> str:
    """The owner ``text`` names: a code or full name, case-insensitively; ``-`` is the
    actions without one (:data:`NO_OWNER`).

    Raises:
        UsageError: no owner has that code or name; the message lists the known ones.
    """
    wanted = " ".join(text.split()).lower()
    if wanted in ("-", NO_OWNER):
        return NO_OWNER
    known = known_owners(plan)
    for code in known:
        owner = plan.actiehouders.get(code)
        if wanted in (code.lower(), (owner.naam or "").lower() if owner else ""):
            return code
    listed = ", ".join(known) if known else "(geen)"
    raise UsageError(
        f"actiehouder '{text}' komt niet voor in {plan.source or 'het spoorboekje'}"
        f"{suggest(text, known)}; bekend: {listed}, of '-' voor acties zonder actiehouder"
    )
