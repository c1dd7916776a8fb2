"""The region: all organisations side by side, so RIEC sees where the dike is lowest.

A region is a folder with one sub-folder per organisation, each holding its
``spoorboekje.yaml`` and ``checklist.yaml``. Organisations whose files have
errors are reported with their located errors and left out of the figures;
they never stop the rest. Files are loaded through the cache, and files that
miss it are parsed in parallel worker processes.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from limnorm.core.errors import DataError, Location, UsageError
from limnorm.core.models import Answer, Checklist, Finding, Plan, Severity
from limnorm.files.cache import Cache, entry_key, entry_text
from limnorm.files.cachecodec import decode, encode
from limnorm.files.checklist import parse_checklist
from limnorm.files.discovery import display_path
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE, Loaded, parse_plan, parse_text
from limnorm.files.yamlsource import decode as decode_bytes
from limnorm.files.yamlsource import read_bytes
from limnorm.queries.plan import DueItem, due_items, resolve_owner

#: Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_FROM = 4
NORM_THEMES = tuple(range(1, 7))


class Organisation(NamedTuple):
    """One organisation of the region, with every error in its files.

    It is left out of the figures (``Region.broken``) only when its plan is unusable
    (fataal) or its checklist has an error; a ``fout`` in one action of the plan leaves
    the rest of the plan in, as for one organisation.
    """

    folder: str
    name: str
    plan: Plan | None
    checklist: Checklist | None
    errors: tuple[Finding, ...] = ()


class NormDifference(NamedTuple):
    """An organisation whose checklist has other norms than most of the region."""

    organisation: str
    extra: tuple[str, ...]
    missing: tuple[str, ...]


class Region(NamedTuple):
    """The organisations that could be read, the ones that could not, and norm differences."""

    directory: str
    organisations: tuple[Organisation, ...]
    broken: tuple[Organisation, ...]
    differences: tuple[NormDifference, ...]


_PARSERS = {"spoorboekje": parse_plan, "checklist": parse_checklist}


def _parse_entry(kind: str, data: bytes, name: str) -> dict[str, Any]:
    """Parse one file and return it encoded (plain data)."""
    try:
        text = decode_bytes(data, name)
    except DataError as error:
        finding = Finding(Severity.FOUT, error.message, error.location or Location(name))
        return encode(kind, Loaded(None, (finding,), name))
    return encode(kind, parse_text(text, name, _PARSERS[kind]))


def _parse_to_cache(kind: str, data: bytes, name: str, key: str, directory: Path | None) -> str:
    """Worker process: parse one file, write its cache entry, and send the same JSON text
    back (text crosses the process boundary faster than a pickled tree)."""
    text = entry_text(key, _parse_entry(kind, data, name))
    Cache(directory).put_text(key, text)
    return text


def _read(path: Path, name: str) -> bytes | Finding:
    try:
        return read_bytes(path, name)
    except DataError as error:
        return Finding(Severity.FOUT, error.message, error.location or Location(name))


def load_files(
    requests: Sequence[tuple[str, Path, str]], cache: Cache, workers: int
) -> list[Loaded[Any]]:
    """Load (kind, path, name) requests through the cache, parsing misses in parallel."""
    results: list[Loaded[Any] | None] = [None] * len(requests)
    misses: list[tuple[int, str, bytes, str, str]] = []
    for index, (kind, path, name) in enumerate(requests):
        data = _read(path, name)
        if isinstance(data, Finding):
            results[index] = Loaded(None, (data,), name)
            continue
        key = entry_key(kind, name, data)
        hit = cache.get(kind, key)
        if hit is not None:
            results[index] = hit
        else:
            misses.append((index, kind, data, name, key))
    if len(misses) >= PARALLEL_FROM and workers > 1:
        # Imported here: a warm run (everything in the cache) never starts workers.
        import gc
        from concurrent.futures import ProcessPoolExecutor

        jobs = [(kind, data, name, key, cache.directory) for _, kind, data, name, key in misses]
        # No cyclic GC in the workers either (see limnorm.cli.app.main); forked workers
        # inherit that, spawned ones (macOS, Windows) need telling.
        pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=gc.disable)
        with pool:
            texts = pool.map(_parse_to_cache, *zip(*jobs, strict=True), chunksize=2)
            # Decode each result as it arrives, while the workers parse the next files.
            for (index, kind, *_), text in zip(misses, texts, strict=True):
                results[index] = decode(kind, json.loads(text)["data"])
    else:
        for index, kind, data, name, key in misses:
            payload = _parse_entry(kind, data, name)
            cache.put_encoded(key, payload)
            results[index] = decode(kind, payload)
    return [r for r in results if r is not None]


def load_region(directory: Path, cwd: Path, cache: Cache, workers: int | None = None) -> Region:
    """Every organisation in ``directory``.

    Raises:
        DataError: the folder does not exist or holds no organisation.
    """
    if not directory.is_dir():
        raise DataError("--regio: de map bestaat niet", Location(str(directory)))
    folders = sorted(
        p for p in directory.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    if not folders:
        raise DataError(
            "--regio: geen organisaties gevonden; een regio is een map met per organisatie een "
            "map met spoorboekje.yaml en checklist.yaml",
            Location(str(directory)),
        )
    requests = []
    for folder in folders:
        requests.append(("spoorboekje", folder / PLAN_FILE, display_path(folder / PLAN_FILE, cwd)))
        requests.append(
            ("checklist", folder / CHECKLIST_FILE, display_path(folder / CHECKLIST_FILE, cwd))
        )
    loaded = load_files(requests, cache, workers or os.cpu_count() or 1)
    good: list[Organisation] = []
    broken: list[Organisation] = []
    for index, folder in enumerate(folders):
        plan, checklist = loaded[2 * index], loaded[2 * index + 1]
        errors = tuple(f for part in (plan, checklist) for f in part.errors)
        name = plan.value.organisatie if plan.value is not None else folder.name
        organisation = Organisation(folder.name, name, plan.value, checklist.value, errors)
        usable = plan.value is not None and checklist.value is not None and not checklist.errors
        (good if usable else broken).append(organisation)
    return Region(str(directory), tuple(good), tuple(broken), _differences(good))


def _differences(organisations: Sequence[Organisation]) -> tuple[NormDifference, ...]:
    sets = {
        o.name: frozenset(n.nr for n in o.checklist.norms())
        for o in organisations
        if o.checklist is not None
    }
    if len(sets) < 2:
        return ()
    reference, _ = Counter(sets.values()).most_common(1)[0]
    return tuple(
        NormDifference(name, tuple(sorted(norms - reference)), tuple(sorted(reference - norms)))
        for name, norms in sets.items()
        if norms != reference
    )


# --- compare ------------------------------------------------------------------------


class Cell(NamedTuple):
    """One organisation and theme: share of norms uitgevoerd, own phase, actions late.

    ``share`` is None when it would say nothing: no checklist, no such theme in it, or
    no norm of the theme answered yet (an empty checklist is "niet ingevuld", not 0%).
    """

    share: float | None
    phase: int | None
    late: int
    lowest: bool = False
    #: Norms of the theme answered uitgevoerd, and norms that count (all but nvt).
    done: int = 0
    applicable: int = 0
    #: Norms of the theme with any answer; None when the organisation has no checklist.
    answered: int | None = None


class CompareRow(NamedTuple):
    """One organisation across the six themes."""

    organisation: str
    cells: tuple[Cell, ...]


class CompareReport(NamedTuple):
    """Result of ``compare``."""

    as_of: date
    themes: tuple[int, ...]
    rows: tuple[CompareRow, ...]
    broken: tuple[Organisation, ...]
    differences: tuple[NormDifference, ...]
    sort_theme: int | None = None


def _cell(organisation: Organisation, theme: int, as_of: date) -> Cell:
    share = phase = None
    done = counted = 0
    answered: int | None = None
    if organisation.checklist is not None:
        answered = 0
        norm_theme = organisation.checklist.theme(theme)
        if norm_theme is not None:
            phase = norm_theme.fase
            answered = sum(n.antwoord is not None for n in norm_theme.normen)
            applicable = [n for n in norm_theme.normen if n.antwoord is not Answer.NVT]
            done = sum(n.antwoord is Answer.UITGEVOERD for n in applicable)
            counted = len(applicable)
            if applicable and answered:
                share = done / counted
    late = 0
    if organisation.plan is not None:
        plan_theme = organisation.plan.theme(theme)
        late = sum(a.is_late(as_of) for a in plan_theme.acties) if plan_theme else 0
    return Cell(share, phase, late, done=done, applicable=counted, answered=answered)


def compare(region: Region, as_of: date, *, sort_theme: int | None = None) -> CompareReport:
    """Organisations down, themes across; the lowest share per theme marked.

    Args:
        sort_theme: sort the organisations by this theme's share, lowest first
            (else by name).

    Raises:
        UsageError: ``sort_theme`` is not a theme of the norm.
    """
    themes = norm_themes(region)
    if sort_theme is not None and sort_theme not in themes:
        raise UsageError(
            f"--sorteer {sort_theme}: kies een thema van de norm ({', '.join(map(str, themes))})"
        )
    rows = [
        CompareRow(o.name, tuple(_cell(o, t, as_of) for t in themes)) for o in region.organisations
    ]
    marked = [list(r.cells) for r in rows]
    for column, _ in enumerate(themes):
        shares = [c.share for c in (r.cells[column] for r in rows) if c.share is not None]
        if len(set(shares)) < 2:
            continue  # all equal (or one value): nothing stands out
        lowest = min(shares)
        for index, row in enumerate(rows):
            if row.cells[column].share == lowest:
                marked[index][column] = row.cells[column]._replace(lowest=True)
    result = [
        CompareRow(r.organisation, tuple(cells)) for r, cells in zip(rows, marked, strict=True)
    ]
    if sort_theme is not None:
        column = themes.index(sort_theme)
        result.sort(
            key=lambda r: (
                r.cells[column].share is None,
                r.cells[column].share or 0.0,
                r.organisation,
            )
        )
    else:
        result.sort(key=lambda r: r.organisation.lower())
    return CompareReport(
        as_of, themes, tuple(result), region.broken, region.differences, sort_theme
    )


def norm_themes(region: Region) -> tuple[int, ...]:
    """The themes of the norm the region's checklists name (the Limburgse Norm's 1-6
    when none does); the 0-meting is the checklist itself, not a theme to compare."""
    found = {t.nr for o in region.organisations if o.checklist for t in o.checklist.themas if t.nr}
    return tuple(sorted(found)) if found else NORM_THEMES


# --- due and status over the region ------------------------------------------------------


class RegionDueItem(NamedTuple):
    """A due item with the organisation it belongs to."""

    organisation: str
    item: DueItem


class RegionDueReport(NamedTuple):
    """Result of ``due --regio``: every organisation's late and soon-due actions."""

    as_of: date
    until: date
    owner: str | None
    items: tuple[RegionDueItem, ...]
    broken: tuple[Organisation, ...]

    @property
    def late(self) -> int:
        """How many actions are late, over the region."""
        return sum(i.item.days < 0 for i in self.items)


def region_due(region: Region, as_of: date, *, until: date, owner: str | None) -> RegionDueReport:
    """Late and soon-due actions of all organisations, most urgent first.

    Raises:
        UsageError: no organisation has the owner code.
    """
    items = []
    found = owner is None
    for organisation in region.organisations:
        assert organisation.plan is not None
        code = None
        if owner is not None:
            try:
                code = resolve_owner(organisation.plan, owner)
            except UsageError:
                continue  # this organisation has no such owner
            found = True
        found_items = due_items(organisation.plan, as_of, until=until, owner=code)
        items += [RegionDueItem(organisation.name, item) for item in found_items]
    if not found:
        raise UsageError(f"actiehouder '{owner}' komt bij geen enkele organisatie in de regio voor")
    # Each organisation's items are already in deadline and id order (1.2 before 1.10),
    # and sorting is stable: the day and the organisation are all the key needs.
    items.sort(key=lambda r: (r.item.days, r.organisation))
    return RegionDueReport(as_of, until, owner, tuple(items), region.broken)


class RegionStatusRow(NamedTuple):
    """One organisation's totals: actions by state and norms answered."""

    organisation: str
    totaal: int
    gereed: int
    lopend: int
    open: int
    te_laat: int
    voortgang: float
    norms_done: int
    norms_applicable: int
    themes_meeting: int
    #: Norms with any answer; None without a checklist (0: "niet ingevuld", not 0%).
    norms_answered: int | None = None


class RegionStatusReport(NamedTuple):
    """Result of ``status --regio``."""

    as_of: date
    rows: tuple[RegionStatusRow, ...]
    broken: tuple[Organisation, ...]
    differences: tuple[NormDifference, ...]


def region_status(region: Region, as_of: date) -> RegionStatusReport:
    """Per organisation: actions by state, progress, norms uitgevoerd, themes meeting the norm."""
    from limnorm.queries.plan import count_answers, status

    rows = []
    for organisation in region.organisations:
        assert organisation.plan is not None
        total = status(organisation.plan, as_of).total
        done = applicable = meeting = 0
        answered: int | None = None
        if organisation.checklist is not None:
            answered = 0
            for theme in organisation.checklist.themas:
                counts = count_answers(theme.normen)
                answered += sum(counts) - counts.onbeantwoord
                done += counts.uitgevoerd
                applicable += sum(counts) - counts.nvt
                meeting += counts.meets_norm
        rows.append(
            RegionStatusRow(
                organisation.name,
                total.totaal,
                total.gereed,
                total.lopend,
                total.open,
                total.te_laat,
                total.voortgang,
                done,
                applicable,
                meeting,
                answered,
            )
        )
    rows.sort(key=lambda r: r.organisation.lower())
    return RegionStatusReport(as_of, tuple(rows), region.broken, region.differences)
