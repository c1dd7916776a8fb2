"""The domain: immutable value objects for the plan and for findings about files.

Value objects are typed ``NamedTuple`` classes rather than frozen dataclasses
with ``slots=True``. Measured with all twelve records here and ``Period`` as such
dataclasses (ARCHITECTURE.md has the figures): importing this module took 19 ms
more (each class is made twice for its slots), which puts ``due --owner OOV``
past 1.2x the import floor, and making an ``Action`` took 3-4x as long, which
doubled the cache's decoding per action. The records that carry where they were
read (``location``, ``where``, ``source``) compare by value instead
(:func:`~limnorm.core.records.compare_by_value`): a record equals the same record
read from another file or commit. None is summed or unpacked by position.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from limnorm.core.errors import Location
from limnorm.core.period import Period
from limnorm.core.records import compare_by_value


class Placed(Protocol):
    """Anything that knows where it was written (a parsed YAML value)."""

    @property
    def location(self) -> Location:
        """Where it starts."""
        ...


class Places(Mapping[str, Location]):
    """Where each key of an entry was written, as Locations made only when asked.

    Wraps the parsed values themselves: a large plan has tens of thousands of
    fields and almost no place is ever shown.
    """

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, Placed]) -> None:
        self._fields = fields

    def __getitem__(self, key: str) -> Location:
        return self._fields[key].location

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)


class Status(StrEnum):
    """The state of an action as written in the spoorboekje."""

    OPEN = "open"
    LOPEND = "lopend"
    GEREED = "gereed"
    VERVALLEN = "vervallen"


#: Each status by its value: a dictionary lookup, where ``Status(text)`` is a Python
#: call per action and an exception for a miss (the loader and the cache read thousands).
STATUSES = {s.value: s for s in Status}


class Severity(StrEnum):
    """How bad a finding is: fataal (the file cannot be used), fout (``check`` fails, other
    commands use the rest), waarschuwing (shown by ``check`` only)."""

    FATAAL = "fataal"
    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


class Finding(NamedTuple):
    """One problem found in a data file, with its place."""

    severity: Severity
    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


#: The owner "code" of actions without an actiehouder: ``due`` lists them under it.
NO_OWNER = "(geen actiehouder)"


class Owner(NamedTuple):
    """One entry of ``actiehouders``: a short code with its full name and e-mail address."""

    code: str
    naam: str | None = None
    email: str | None = None


#: A JSON-ready value as written in the YAML file (for keys limnorm does not know).
Written = Any


class Action(NamedTuple):
    """One row of the spoorboekje: what, when (as written and resolved), who.

    An action with a ``fout`` (an unreadable ``wanneer``, a duplicate id, a field of the
    wrong type) stays in the plan, marked in ``fouten``, so every command runs on the rest.
    """

    id: str
    thema: int
    actie: str
    wanneer: str
    period: Period
    actiehouders: tuple[str, ...]
    status: Status = Status.OPEN
    toelichting: str | None = None
    gereed_op: date | None = None
    location: Location | None = None
    #: Where each key of the action was written, for located messages.
    where: Mapping[str, Location] = MappingProxyType({})
    #: What is wrong with this action, in short Dutch ("wanneer onleesbaar"); empty when fine.
    fouten: tuple[str, ...] = ()
    #: A percentage 0-100 of the work done, where the plan gives one.
    voortgang: int | None = None
    #: A milestone (``mijlpaal: true``): shown as one in the timeline and the report.
    mijlpaal: bool = False
    #: The original deadline next to a postponed one, as written (``oorspronkelijk``).
    oorspronkelijk: str | None = None
    #: Keys limnorm does not know, with their values as written, in file order.
    extra: Mapping[str, Written] = MappingProxyType({})
    #: An earlier deadline found in the git history (derived at load time, never written
    #: to the file; kept apart from the user's ``oorspronkelijk``).
    history_was: str | None = None
    #: The year the plan gives for texts without one (the theme's or the plan's ``jaar:``),
    #: so that an earlier deadline without a year reads as ``wanneer`` does.
    jaar: int | None = None

    @property
    def is_open(self) -> bool:
        """Whether work remains: not ``gereed`` and not ``vervallen``."""
        return self.status not in (Status.GEREED, Status.VERVALLEN)

    def is_late(self, as_of: date) -> bool:
        """Whether the action is open and its deadline lies before ``as_of``."""
        # The date first: most actions are not due yet, and this runs per action per theme
        # in a region comparison.
        deadline = self.period.deadline
        return deadline is not None and deadline < as_of and self.is_open

    def owned_by(self, owner: str) -> bool:
        """Whether ``owner`` (a code, or :data:`NO_OWNER`) is one of this action's owners."""
        if owner == NO_OWNER:
            return not self.actiehouders
        return owner in self.actiehouders

    @property
    def postponed_from(self) -> str | None:
        """The earlier deadline as written, when the action was postponed: the user's
        ``oorspronkelijk``, the cell's own "(was …)", else the one git's history shows."""
        return self.oorspronkelijk or self.period.was or self.history_was


class Theme(NamedTuple):
    """A block of the spoorboekje: for the Limburgse Norm the 0-meting (``nr`` 0) or
    theme 1-6; another programme numbers its themes freely."""

    nr: int
    titel: str
    acties: tuple[Action, ...]
    #: The year for deadlines written without one (``jaar:`` on the theme), if given.
    jaar: int | None = None
    #: Where the theme's number is written (not kept by the cache).
    location: Location | None = None


class Plan(NamedTuple):
    """The whole spoorboekje of one organisation."""

    organisatie: str
    themas: tuple[Theme, ...]
    actiehouders: Mapping[str, Owner]
    titel: str | None = None
    kenmerk: str | None = None
    documentnr: str | None = None
    source: str = ""
    #: The year for deadlines written without one (``jaar:`` at the top), if given.
    jaar: int | None = None
    #: How many ``fout`` findings the file has: the plan is used without what they concern.
    fouten: int = 0

    def actions(self) -> Iterator[Action]:
        """All actions in document order."""
        for theme in self.themas:
            yield from theme.acties

    def theme(self, nr: int) -> Theme | None:
        """The theme with number ``nr``, if the plan has it."""
        return next((t for t in self.themas if t.nr == nr), None)


class Answer(StrEnum):
    """The 0-meting's answer scale; ``nvt`` is not official and needs a toelichting."""

    UITGEVOERD = "uitgevoerd"
    IN_ONTWIKKELING = "in_ontwikkeling"
    ONTBREEKT = "ontbreekt"
    NVT = "nvt"

    @property
    def label(self) -> str:
        """How people write it: ``in ontwikkeling``, ``n.v.t.``."""
        return {"in_ontwikkeling": "in ontwikkeling", "nvt": "n.v.t."}.get(self.value, self.value)


def normalise_answer(text: str) -> str:
    """An answer as people type it, in the scale's spelling: ``In ontwikkeling`` and
    ``in-ontwikkeling`` are ``in_ontwikkeling``, ``n.v.t.`` is ``nvt``. The one place
    where the checklist reader and ``limnorm answer`` normalise an answer."""
    return text.strip().lower().replace(".", "").replace(" ", "_").replace("-", "_")


class Criterion(NamedTuple):
    """A criterion under a norm, optionally answered on its own."""

    titel: str
    antwoord: Answer | None = None
    toelichting: str | None = None


class Norm(NamedTuple):
    """One norm ``X.Y`` of a theme, with this organisation's answer and linked actions."""

    nr: str
    thema: int
    titel: str
    criteria: tuple[Criterion, ...] = ()
    antwoord: Answer | None = None
    toelichting: str | None = None
    #: Ids of spoorboekje actions that work towards this norm.
    acties: tuple[str, ...] = ()
    location: Location | None = None
    #: Where each linked id and the answer were written, for located messages.
    where: Mapping[str, Location] = MappingProxyType({})


class NormTheme(NamedTuple):
    """A theme of the norm: its norms and the organisation's own phase assessment."""

    nr: int
    titel: str
    normen: tuple[Norm, ...]
    pagina: str | None = None
    #: False where the public text of the theme was cut off.
    compleet: bool = True
    #: The organisation's own assessment on the pyramid (1-5), if given.
    fase: int | None = None
    location: Location | None = None


class Phase(NamedTuple):
    """A phase of the "Piramide naar fitte gemeente"; unknown names stay empty."""

    fase: int
    naam: str | None = None
    omschrijving: str | None = None


class Pyramid(NamedTuple):
    """The pyramid and the band (from phase ``van`` to ``tot``) where the norm lies."""

    naam: str
    fasen: tuple[Phase, ...]
    van: int = 3
    tot: int = 4


class Checklist(NamedTuple):
    """The norm as far as known, plus this organisation's answers (the 0-meting)."""

    naam: str
    themas: tuple[NormTheme, ...]
    piramide: Pyramid | None = None
    organisatie: str | None = None
    peildatum: date | None = None
    bron: str | None = None
    datum: date | None = None
    schaal: tuple[Answer, ...] = tuple(Answer)
    source: str = ""

    def norms(self) -> Iterator[Norm]:
        """All norms in document order."""
        for theme in self.themas:
            yield from theme.normen

    def theme(self, nr: int) -> NormTheme | None:
        """The theme with number ``nr``, if the checklist has it."""
        return next((t for t in self.themas if t.nr == nr), None)


# Equality by value, not by place: the same plan read from a commit and from the working
# tree is equal (history compares versions so).
compare_by_value(Action, Theme, Plan, Norm, NormTheme, Checklist)
