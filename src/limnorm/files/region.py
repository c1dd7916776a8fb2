"""A region's files: every organisation's plan and checklist, read through the cache.

A region is a folder with one sub-folder per organisation, each holding its
``spoorboekje.yaml`` and ``checklist.yaml``. Organisations whose files have
errors are kept apart with their located errors; they never stop the rest.
Files that miss the cache are parsed in worker processes (for a cold region of
33 organisations this halves the time: see ``benchmarks/region.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from limnorm.core.errors import DataError, Input, Location
from limnorm.core.models import Checklist, Finding, Plan, Severity
from limnorm.files.cache import Cache, entry_key, entry_text
from limnorm.files.cachecodec import decode, encode
from limnorm.files.checklist import parse_checklist
from limnorm.files.discovery import display_path
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE, Loaded, parse_plan, parse_text
from limnorm.files.yamlsource import decode as decode_bytes
from limnorm.files.yamlsource import read_bytes

#: Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_FROM = 4


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


class Region(NamedTuple):
    """The organisations that could be read, and the ones that could not."""

    directory: str
    organisations: tuple[Organisation, ...]
    broken: tuple[Organisation, ...]


_PARSERS = {"spoorboekje": parse_plan, "checklist": parse_checklist}


def _parse_entry(kind: str, data: bytes, name: str) -> dict[str, Any]:
    """Parse one file and return it encoded (plain data)."""
    try:
        text = decode_bytes(data, name)
    except DataError as error:
        finding = Finding(Severity.FATAAL, error.message, error.location or Location(name))
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
        return Finding(Severity.FATAAL, error.message, error.location or Location(name))


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
        raise DataError("de map bestaat niet", Location(str(directory)), about=Input.REGION)
    folders = sorted(
        p for p in directory.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    if not folders:
        raise DataError(
            "geen organisaties gevonden; een regio is een map met per organisatie een "
            "map met spoorboekje.yaml en checklist.yaml",
            Location(str(directory)),
            about=Input.REGION,
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
    return Region(str(directory), tuple(good), tuple(broken))
