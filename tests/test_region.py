"""The region: compare, due and status over many organisations, the cache, and bad members."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limnorm.core.errors import Location
from limnorm.core.models import Action, Plan, Status, Theme
from limnorm.core.period import Period, PeriodKind
from limnorm.files.cache import Cache, entry_key
from limnorm.files.cachecodec import CodecError, decode, encode
from limnorm.files.checklist import load_checklist
from limnorm.files.loader import Loaded, load_plan
from limnorm.files.region import load_region
from limnorm.queries.region import region_due

from .conftest import ROOT, SAMPLE, Invoke, strip_lines

EXAMPLE = ROOT / "examples" / "ingevuld"


@pytest.fixture(name="regio")
def _regio(tmp_path: Path) -> Path:
    """Four organisations: the sample, the answered example, one with an error, one whose
    checklist has an extra norm (4.3) and lacks one (6.3)."""
    root = tmp_path / "regio"
    shutil.copytree(SAMPLE, root / "eijsden")
    shutil.copytree(EXAMPLE, root / "proef")
    shutil.copytree(SAMPLE, root / "kapot")
    plan = root / "kapot" / "spoorboekje.yaml"
    plan.write_text(
        # An unclosed quote: the file is unusable (fataal), so the member is left out.
        plan.read_text(encoding="utf-8").replace("wanneer: apr 24", 'wanneer: "apr 34x'),
        encoding="utf-8",
    )
    shutil.copytree(SAMPLE, root / "venlo")
    plan = root / "venlo" / "spoorboekje.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("Gemeente Eijsden-Margraten", "Gemeente Venlo"),
        encoding="utf-8",
    )
    checklist = root / "venlo" / "checklist.yaml"
    text = checklist.read_text(encoding="utf-8")
    text = text.replace(
        "        acties: []\n\n  - nr: 5",
        '        acties: []\n      - nr: "4.3"\n        titel: BIO en ENSIA op orde\n'
        "        antwoord: uitgevoerd\n\n  - nr: 5",
    )
    cut = text.index('      - nr: "6.3"')
    checklist.write_text(text[:cut], encoding="utf-8")
    (root / ".git").mkdir()  # hidden folders are not organisations
    return root


def _json(invoke: Invoke, *args: str) -> object:
    result = invoke([*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_compare(invoke: Invoke, regio: Path) -> None:
    """Organisations down, themes across; broken members reported with located errors."""
    data = _json(invoke, "compare", "--regio", str(regio), "--as-of", "2024-10-01")
    names = [o["naam"] for o in data["organisaties"]]  # type: ignore[index]
    assert names == ["Gemeente Eijsden-Margraten", "Gemeente Proef", "Gemeente Venlo"]
    proef = data["organisaties"][1]["themas"]  # type: ignore[index]
    assert proef[0] == {"thema": 1, "uitgevoerd": 0.5, "fase": 3, "te_laat": 1, "laagste": False}
    assert proef[1] == {"thema": 2, "uitgevoerd": 1.0, "fase": 4, "te_laat": 0, "laagste": False}
    assert proef[2]["uitgevoerd"] is None
    eijsden = data["organisaties"][0]["themas"]  # type: ignore[index]
    # Eijsden's checklist is not filled in: no share (not 0%), so never the lowest.
    assert [t["uitgevoerd"] for t in eijsden] == [None] * 6
    assert [t["laagste"] for t in eijsden] == [False] * 6
    # Theme 4: Proef (0 of 2) is lower than Venlo (1 of 3).
    assert proef[3] == {"thema": 4, "uitgevoerd": 0.0, "fase": None, "te_laat": 0, "laagste": True}
    assert [t["te_laat"] for t in eijsden] == [4, 0, 0, 2, 1, 2]
    venlo_theme_4 = data["organisaties"][2]["themas"][3]  # type: ignore[index]
    assert venlo_theme_4["uitgevoerd"] == pytest.approx(1 / 3, abs=1e-4)
    [broken] = data["niet_meegeteld"]  # type: ignore[index]
    assert broken["map"] == "kapot"
    # The quote opened on line 111 runs on to the next key, where YAML gives up.
    assert broken["meldingen"][0]["regel"] == 114
    assert broken["meldingen"][0]["melding"].startswith("sleutel verwacht")
    assert data["normverschillen"] == [  # type: ignore[index]
        {"organisatie": "Gemeente Proef", "extra": [], "ontbreekt": [
            "1.4", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "3.1", "3.2", "3.3", "3.4",
            "3.5", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3"]},
        {"organisatie": "Gemeente Venlo", "extra": ["4.3"], "ontbreekt": ["6.3"]},
    ]  # fmt: skip


def test_compare_table_sorting_and_formats(invoke: Invoke, regio: Path) -> None:
    """The table marks the lowest cell; --sorteer orders by a theme; CSV and Markdown work."""
    result = invoke(
        ["compare", "--regio", str(regio), "--as-of", "2024-10-01", "--sorteer", "2"],
        env={"COLUMNS": "140"},
    )
    assert result.exit_code == 0, result.output
    lines = [
        line for line in strip_lines(result.stdout).splitlines() if line.startswith("Gemeente")
    ]
    # Sorted by theme 2, lowest first: Proef at 100%, then the two not filled in (by name).
    assert lines[0].startswith("Gemeente Proef                50% f3  1   100% f4  0")
    assert lines[1].startswith("Gemeente Eijsden-Margraten      – f–  4      – f–  0")
    assert lines[2].startswith("Gemeente Venlo")
    assert "Niet meegeteld, want de bestanden bevatten fouten:" in result.stdout
    assert (
        "Andere normen dan de rest van de regio bij Gemeente Venlo (extra: 4.3; ontbreekt: 6.3)"
        in result.stdout
    )
    csv_text = invoke(
        ["compare", "--regio", str(regio), "--as-of", "2024-10-01", "--format", "csv"]
    ).stdout
    assert csv_text.startswith(
        "\ufeffOrganisatie;Thema 1 uitgevoerd %;Thema 1 fase;Thema 1 te laat;"
    )
    markdown = invoke(["compare", "--regio", str(regio), "--format", "markdown"]).stdout
    assert "| Gemeente Proef | 50 | 3 |" in markdown
    bad = invoke(["compare", "--regio", str(regio), "--sorteer", "9"])
    assert bad.exit_code == 2
    assert "--sorteer: thema 9 hoort niet bij de norm; kies een thema van de norm (1, 2, 3, 4, 5, 6)" in bad.stderr


def test_due_over_the_region(invoke: Invoke, regio: Path) -> None:
    """due --regio lists every organisation's items with the organisation; owners match
    case-insensitively; --fail-on-overdue looks at the whole region."""
    items = _json(invoke, "due", "--regio", str(regio), "--owner", "hrm", "--as-of", "2024-12-20")
    assert [(i["organisatie"], i["id"]) for i in items] == [  # type: ignore[union-attr]
        ("Gemeente Eijsden-Margraten", "2.1"), ("Gemeente Eijsden-Margraten", "3.1"),
        ("Gemeente Venlo", "2.1"), ("Gemeente Venlo", "3.1"),
    ]  # fmt: skip
    late = invoke(["due", "--regio", str(regio), "--as-of", "2024-12-20", "--fail-on-overdue"])
    assert late.exit_code == 1
    assert "Gemeente Proef" in late.stdout
    unknown = invoke(["due", "--regio", str(regio), "--owner", "XYZ"])
    assert unknown.exit_code == 2
    assert "komt bij geen enkele organisatie in de regio voor" in unknown.stderr


def test_status_over_the_region(invoke: Invoke, regio: Path) -> None:
    """status --regio: one row per organisation with actions, progress and norms."""
    data = _json(invoke, "status", "--regio", str(regio), "--as-of", "2024-10-01")
    rows = {r["organisatie"]: r for r in data["organisaties"]}  # type: ignore[index]
    assert rows["Gemeente Proef"]["gereed"] == 2
    assert rows["Gemeente Proef"]["normen_uitgevoerd"] == 3
    assert rows["Gemeente Proef"]["themas_op_norm"] == 1
    assert rows["Gemeente Venlo"]["normen_uitgevoerd"] == 1
    refused = invoke(["status", "thema", "1", "--regio", str(regio)])
    assert refused.exit_code == 2
    assert "werkt per organisatie" in refused.stderr


def test_region_report(invoke: Invoke, regio: Path, tmp_path: Path) -> None:
    """report --regio in Markdown and as well-formed HTML."""
    markdown = invoke(["report", "--regio", str(regio), "--as-of", "2024-10-01"]).stdout
    assert markdown.startswith(
        "# Limburgse Norm in de regio\n\nStand op 1 okt 2024: 3 organisaties, 1 niet meegeteld."
    )
    assert (
        "| Gemeente Eijsden-Margraten | niet ingevuld · geen fase · 4 te laat | "
        "niet ingevuld · geen fase · 0 te laat |" in markdown
    )
    assert "| Gemeente Proef | 1/2 uitgevoerd · fase 3 · 1 te laat |" in markdown
    assert "| Gemeente Venlo | niet ingevuld · geen fase · 4 te laat |" in markdown
    assert "| **0/2 uitgevoerd · geen fase · 0 te laat** |" in markdown  # Proef, theme 4
    assert "| Gemeente Eijsden-Margraten | 17 | 0 | 11 | niet ingevuld | 0/6 |" in markdown
    target = tmp_path / "regio.html"
    assert (
        invoke(["report", "--regio", str(regio), "--format", "html", "-o", str(target)]).exit_code
        == 0
    )
    html = target.read_text(encoding="utf-8")
    ET.fromstring(html.split("\n", 1)[1])
    assert "kapot" in html


def test_cache_is_used_and_checked(regio: Path, tmp_path: Path) -> None:
    """A second load hits the cache and gives the same region; corrupt or hostile entries
    are misses that get rewritten; a changed file is never served stale."""
    cache_dir = tmp_path / "cache"
    first = load_region(regio, tmp_path, Cache(cache_dir))
    entries = sorted(cache_dir.glob("*/*.json"))
    assert len(entries) == 8
    second_cache = Cache(cache_dir)
    second = load_region(regio, tmp_path, second_cache)
    assert (second_cache.hits, second_cache.misses) == (8, 0)
    assert second.organisations == first.organisations
    assert second.broken == first.broken
    hostile = [
        b"garbage",
        entries[1].read_bytes()[:100],
        json.dumps(
            {"key": entries[2].stem, "data": {"kind": "spoorboekje", "value": {"organisatie": 5}}}
        ).encode(),
        json.dumps({"key": "other", "data": json.loads(entries[3].read_bytes())["data"]}).encode(),
        b"[" * 100_000 + b"]" * 100_000,
    ]
    for entry, content in zip(entries, hostile, strict=False):
        entry.write_bytes(content)
    third_cache = Cache(cache_dir)
    third = load_region(regio, tmp_path, third_cache)
    assert third_cache.misses == 5
    assert third.organisations == first.organisations
    plan = regio / "venlo" / "spoorboekje.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("Gemeente Venlo", "Gemeente Venlo-Oost"),
        encoding="utf-8",
    )
    fourth = load_region(regio, tmp_path, Cache(cache_dir))
    assert "Gemeente Venlo-Oost" in [o.name for o in fourth.organisations]


def test_no_cache_and_unwritable_cache(invoke: Invoke, regio: Path, tmp_path: Path) -> None:
    """--no-cache writes nothing; a cache folder that cannot be written does not matter."""
    cache_dir = tmp_path / "cache"
    env = {"LIMNORM_CACHE_DIR": str(cache_dir)}
    result = invoke(["compare", "--regio", str(regio), "--no-cache"], env=env)
    assert result.exit_code == 0
    assert not cache_dir.exists()
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    result = invoke(
        ["compare", "--regio", str(regio)], env={"LIMNORM_CACHE_DIR": str(blocked / "cache")}
    )
    assert result.exit_code == 0, result.output


def test_cache_entries_are_not_fsynced_but_the_users_files_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache entry is written without fsync (an entry cut short by a crash is a miss,
    see test_cache_is_used_and_checked); every other file still is, with its folder."""
    from limnorm.files.atomic import write_file

    synced: list[int] = []
    real = os.fsync

    def fsync(handle: int) -> None:
        synced.append(handle)
        real(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    key = "ab" * 32
    Cache(tmp_path / "cache").put_text(key, "{}")
    assert (tmp_path / "cache" / "ab" / f"{key}.json").read_text(encoding="utf-8") == "{}"
    assert synced == []
    write_file(tmp_path / "plan.yaml", b"organisatie: x\n")
    assert len(synced) == 2  # the file, then its folder


def test_serial_and_parallel_loading_agree(regio: Path, tmp_path: Path) -> None:
    """Parsing in worker processes gives exactly what parsing in-process gives."""
    parallel = load_region(regio, tmp_path, Cache(None), workers=2)
    serial = load_region(regio, tmp_path, Cache(None), workers=1)
    assert parallel == serial


def test_codec_round_trip_and_refusals() -> None:
    """Encoded results decode to equal values (field positions aside); wrong data is refused."""
    plan = load_plan(SAMPLE / "spoorboekje.yaml")
    back = decode("spoorboekje", json.loads(json.dumps(encode("spoorboekje", plan))))
    assert [a._replace(where={}) for a in back.value.actions()] == [  # type: ignore[union-attr]
        a._replace(where={})
        for a in plan.value.actions()  # type: ignore[union-attr]
    ]
    assert back.value == plan.value._replace(themas=back.value.themas)  # type: ignore[union-attr]
    checklist = load_checklist(EXAMPLE / "checklist.yaml")
    again = decode("checklist", json.loads(json.dumps(encode("checklist", checklist))))
    assert again.value is not None
    assert [n.antwoord for n in again.value.norms()] == [
        n.antwoord for n in checklist.value.norms()
    ]  # type: ignore[union-attr]
    for bad in (
        {},
        {"kind": "checklist"},
        {"kind": "spoorboekje", "value": [], "findings": [], "file": "x"},
        [],
    ):
        with pytest.raises(CodecError):
            decode("spoorboekje", bad)


def test_cache_location_follows_xdg(tmp_path: Path) -> None:
    """$LIMNORM_CACHE_DIR, then $XDG_CACHE_HOME/limnorm, then ~/.cache/limnorm."""
    from limnorm.files.cache import cache_directory

    assert cache_directory({"LIMNORM_CACHE_DIR": "/x"}) == Path("/x")
    assert cache_directory({"XDG_CACHE_HOME": "/y"}) == Path("/y/limnorm")
    assert cache_directory({"HOME": "/home/z"}) == Path("/home/z/.cache/limnorm")
    assert entry_key("spoorboekje", "a", b"x") != entry_key("spoorboekje", "b", b"x")


def test_region_errors(invoke: Invoke, tmp_path: Path) -> None:
    """A missing or empty region folder is a clear error."""
    missing = invoke(["compare", "--regio", str(tmp_path / "nergens")])
    assert missing.exit_code == 2
    assert "--regio: de map bestaat niet" in missing.stderr
    (tmp_path / "leeg").mkdir()
    empty = invoke(["compare", "--regio", str(tmp_path / "leeg")])
    assert empty.exit_code == 2
    assert "geen organisaties gevonden" in empty.stderr
    assert os.environ.get("LIMNORM_DATA", "") == ""


def _encoded_sample() -> dict[str, Any]:
    return json.loads(json.dumps(encode("spoorboekje", load_plan(SAMPLE / "spoorboekje.yaml"))))


#: The fields of an encoded action row, in order (see limnorm.files.cachecodec).
_ROW = (
    "id", "thema", "actie", "wanneer", "periode", "actiehouders", "status", "toelichting",
    "gereed_op", "regel", "kolom", "fouten", "voortgang", "mijlpaal", "oorspronkelijk", "extra",
    "jaar",
)  # fmt: skip
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=5,
)


def _well_typed(action: Action) -> bool:
    """Every field of the action has exactly the type the model promises."""
    period = action.period
    return (
        type(action.id) is str
        and type(action.thema) is int
        and type(action.actie) is str
        and type(action.wanneer) is str
        and type(period) is Period
        and all(type(day) in (date, type(None)) for day in (period.begin, period.deadline))
        and type(period.kind) is PeriodKind
        and type(period.note) in (str, type(None))
        and type(period.postponed) is bool
        and type(period.was) in (str, type(None))
        and type(action.actiehouders) is tuple
        and all(type(code) is str for code in action.actiehouders)
        and type(action.status) is Status
        and type(action.toelichting) in (str, type(None))
        and type(action.gereed_op) in (date, type(None))
        and (action.location is None or type(action.location) is Location)
        and all(type(f) is str for f in action.fouten)
        and type(action.voortgang) in (int, type(None))
        and type(action.mijlpaal) is bool
        and type(action.oorspronkelijk) in (str, type(None))
        and all(type(key) is str for key in action.extra)
        and type(action.jaar) in (int, type(None))
    )


def _rows(data: dict[str, Any]) -> list[list[Any]]:
    return [row for theme in data["value"]["themas"] for row in theme[3]]


@given(
    field=st.sampled_from([*_ROW, "periodes"]),
    index=st.integers(0, 20),
    inner=st.integers(0, 5),
    value=_JSON_VALUES,
)
def test_damaged_actions_are_refused_or_harmless(
    field: str, index: int, inner: int, value: object
) -> None:
    """A cache entry with any one action value (or a value in its period table) replaced
    by any JSON value either decodes to actions of exactly the right types or is refused
    with CodecError (a miss), never another exception: decoding checks what it builds."""
    data = _encoded_sample()
    if field == "periodes":
        periods = data["value"]["periodes"]
        periods[index % len(periods)][inner] = value
    else:
        rows = _rows(data)
        rows[index % len(rows)][_ROW.index(field)] = value
    try:
        loaded = decode("spoorboekje", data)
    except CodecError:
        return
    assert isinstance(loaded.value, Plan)
    assert all(_well_typed(a) for a in loaded.value.actions())


_TEXT = st.text(max_size=6)
_OPTIONAL_TEXT = st.none() | _TEXT
_PERIODS = st.builds(
    Period,
    begin=st.none() | st.dates(),
    deadline=st.none() | st.dates(),
    kind=st.sampled_from(PeriodKind),
    note=_OPTIONAL_TEXT,
    postponed=st.booleans(),
    was=_OPTIONAL_TEXT,
)
_ACTIONS = st.builds(
    Action,
    id=_TEXT,
    thema=st.integers(0, 9),
    actie=_TEXT,
    wanneer=_TEXT,
    period=_PERIODS,
    actiehouders=st.lists(_TEXT, max_size=3).map(tuple),
    status=st.sampled_from(Status),
    toelichting=_OPTIONAL_TEXT,
    gereed_op=st.none() | st.dates(),
    # The place in the plan (the codec keeps line and column; the file is the plan's).
    location=st.none() | st.builds(Location, st.just("p.yaml"), st.integers(1), st.integers(1)),
    fouten=st.lists(_TEXT, max_size=2).map(tuple),
    voortgang=st.none() | st.integers(0, 100),
    mijlpaal=st.booleans(),
    oorspronkelijk=_OPTIONAL_TEXT,
    extra=st.dictionaries(_TEXT, _JSON_VALUES.filter(lambda v: type(v) is not float), max_size=2)
    .map(lambda extra: MappingProxyType(extra) if extra else Action._field_defaults["extra"]),
    jaar=st.none() | st.integers(1900, 2199),
    # Neither is kept: the places of the fields, and what git's history adds when loading.
    where=st.just(Action._field_defaults["where"]),
    history_was=st.none(),
)


@given(actions=st.lists(_ACTIONS, max_size=6))
def test_any_plan_survives_the_cache(actions: list[Action]) -> None:
    """Any plan, written to a cache entry as JSON text and read back, is the same plan:
    every field of every action (its place in the plan aside, which is not kept)."""
    plan = Plan(
        organisatie="Gemeente",
        themas=(Theme(1, "Een", tuple(actions)),),
        actiehouders={},
        source="p.yaml",
    )
    loaded = Loaded(plan, (), "p.yaml")
    back = decode("spoorboekje", json.loads(json.dumps(encode("spoorboekje", loaded))))
    assert back.value is not None
    assert list(back.value.actions()) == actions
    assert back.value == plan._replace(themas=back.value.themas)


def _set(field: str, value: Any) -> Any:
    return lambda v: _rows({"value": v})[0].__setitem__(_ROW.index(field), value)


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda v: _rows({"value": v})[0].pop(), "a field missing"),
        (lambda v: _rows({"value": v})[0].append(None), "a field too many"),
        (_set("thema", True), "true is not a theme number"),
        (lambda v: v["periodes"][0].__setitem__(1, "2024-13-01"), "no day"),
        (lambda v: v["periodes"][0].__setitem__(2, "eeuw"), "not a kind of period"),
        (lambda v: v["periodes"][0].pop(), "a period without its was"),
        (_set("periode", -1), "an index before the table"),
        (lambda v: _set("periode", len(v["periodes"]))(v), "one past it"),
        (_set("status", "klaar"), "not a status"),
        (_set("actiehouders", ["OOV", 7]), "an owner that is no text"),
        (_set("gereed_op", "morgen"), "no day either"),
        (_set("mijlpaal", 1), "a milestone is yes or no"),
        (_set("extra", []), "extra fields are a block"),
        (_set("jaar", "2026"), "a year is a number"),
        (lambda v: v["actiehouders"].__setitem__(0, ["OOV", 3, None]), "a name that is no text"),
        (lambda v: v.update(themas={}), "themes that are no list"),
    ],
)
def test_damaged_actions_table(damage: Any, why: str) -> None:
    """Each kind of damage to the actions of a cache entry is refused."""
    data = _encoded_sample()
    damage(data["value"])
    with pytest.raises(CodecError):
        decode("spoorboekje", data)


def _plan_text(name: str, ids: list[str]) -> str:
    actions = "".join(
        f'      - id: "{i}"\n        actie: Actie {i}\n        wanneer: 1-3-24\n'
        "        actiehouder: OOV\n"
        for i in ids
    )
    return (
        f"organisatie: {name}\nactiehouders:\n  OOV: Openbare Orde\nthemas:\n"
        f"  - nr: 1\n    titel: Een\n    acties:\n{actions}"
    )


def test_region_due_order(tmp_path: Path) -> None:
    """The region's due list runs by days, then organisation, then id as people count
    (1.2 before 1.10), whatever the folder order."""
    root = tmp_path / "regio"
    for folder, name in (("a", "Gemeente Zuid"), ("b", "Gemeente Noord")):
        (root / folder).mkdir(parents=True)
        (root / folder / "spoorboekje.yaml").write_text(
            _plan_text(name, ["1.10", "1.2", "1.1"]), encoding="utf-8"
        )
        shutil.copy(SAMPLE / "checklist.yaml", root / folder / "checklist.yaml")
    region = load_region(root, tmp_path, Cache(None))
    report = region_due(region, date(2024, 3, 10), until=date(2024, 4, 1), owner=None)
    assert [(i.organisation, i.item.action.id) for i in report.items] == [
        ("Gemeente Noord", "1.1"), ("Gemeente Noord", "1.2"), ("Gemeente Noord", "1.10"),
        ("Gemeente Zuid", "1.1"), ("Gemeente Zuid", "1.2"), ("Gemeente Zuid", "1.10"),
    ]  # fmt: skip


_IMPORTS_AFTER = """
import sys
from limnorm.cli.app import _lean_app
try:
    _lean_app(sys.argv[1:])(sys.argv[1:], prog_name="limnorm")
except SystemExit:
    pass
sys.stderr.write(" ".join(m for m in ("yaml", "rich") if m in sys.modules))
"""


def _modules_used(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_AFTER, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    return done.stderr


def test_cached_region_and_json_need_neither_yaml_nor_rich(regio: Path, tmp_path: Path) -> None:
    """Start-up: a region served from the cache never imports PyYAML, and output as JSON
    never imports Rich (each was ~25-50 ms of a run); tables and parsing still do."""
    env = {"LIMNORM_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    command = ["due", "--regio", str(regio), "--as-of", "2024-12-20", "--format", "json"]
    _modules_used(command, env)  # cold: fills the cache (the files are parsed by workers)
    assert len(list((tmp_path / "cache").glob("*/*.json"))) == 8
    assert _modules_used(command, env) == ""  # warm: nothing parsed, nothing drawn
    assert _modules_used(command[:-2], env) == "rich"  # warm, as a table
    single = ["due", "--data", str(SAMPLE), "--as-of", "2024-12-20", "--format", "json"]
    assert _modules_used(single, env) == "yaml"


def test_compare_on_a_narrow_terminal_keeps_every_theme(invoke: Invoke, regio: Path) -> None:
    """At 80 columns the comparison does not fit on one line per organisation: each
    organisation becomes a record, its themes over two lines, rather than lose theme 6
    (its figures must still be on screen) or break a name."""
    result = invoke(["compare", "--regio", str(regio), "--as-of", "2024-12-20"], {"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Thema 6" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    wide = invoke(["compare", "--regio", str(regio), "--as-of", "2024-12-20"])
    cells = [line.split()[-4:] for line in wide.stdout.splitlines() if "Gemeente Proef" in line]
    narrow = " ".join(result.stdout.split())
    proef = narrow[narrow.index("Gemeente Proef") :]
    theme_six = " ".join(cells[0][-3:])  # share, phase, late: as in the wide table
    assert re.search(rf"Thema 6 (▼ )?{re.escape(theme_six)}", proef), proef


def test_region_status_fits_80_columns(invoke: Invoke, regio: Path) -> None:
    """status --regio on an 80-column terminal keeps its header words whole (a short
    progress bar leaves the organisation column room) and no line is wider."""
    result = invoke(["status", "--regio", str(regio), "--as-of", "2024-10-01"], {"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "Acties" in line)
    assert header.split()[:2] == ["Organisatie", "Acties"]
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_region_due_table_with_owner_leaves_out_the_owner_column(
    invoke: Invoke, regio: Path
) -> None:
    """due --regio --owner names the actiehouder in its title and spends the width of the
    column that would only repeat it on the organisation and the action (80 columns)."""
    args = ["due", "--regio", str(regio), "--as-of", "2024-12-20"]
    mine = invoke([*args, "--owner", "hrm"], {"COLUMNS": "80"})
    assert mine.exit_code == 0, mine.output
    lines = mine.stdout.splitlines()
    assert lines[0].rstrip().endswith("· actiehouder hrm")
    assert lines[1].split() == ["Organisatie", "Id", "Actie", "Wanneer", "Deadline", "Dagen"]
    everyone = invoke(args, {"COLUMNS": "120"})
    assert "Actiehouder" in everyone.stdout.splitlines()[1]


def test_a_member_with_a_fout_in_one_action_is_counted(invoke: Invoke, tmp_path: Path) -> None:
    """A fout in one action leaves the rest of that organisation's plan in the region's
    figures (as for one organisation), with one stderr line naming the file."""
    root = tmp_path / "regio"
    shutil.copytree(SAMPLE, root / "eijsden")
    shutil.copytree(SAMPLE, root / "fout")
    plan = root / "fout" / "spoorboekje.yaml"
    text = plan.read_text(encoding="utf-8").replace("wanneer: apr 24", "wanneer: Q5 24")
    plan.write_text(text.replace("Gemeente Eijsden-Margraten", "Gemeente Fout"), encoding="utf-8")
    result = invoke(["status", "--regio", "regio", "--as-of", "2024-10-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "limnorm: 1 fout in regio/fout/spoorboekje.yaml; zie 'limnorm check'\n"
    rows = {row["organisatie"]: row for row in json.loads(result.stdout)["organisaties"]}
    # 6.1 (late in the sample) has no date in Fout's plan: one action fewer is late.
    assert (rows["Gemeente Eijsden-Margraten"]["te_laat"], rows["Gemeente Fout"]["te_laat"]) == (
        11,
        10,
    )
    assert rows["Gemeente Fout"]["totaal"] == 17


def test_norm_differences_list_norms_in_natural_order() -> None:
    """The norms one organisation has more or fewer than the region are in natural
    order (1.2 before 1.10), not in text order."""
    from limnorm.core.models import Checklist, Norm, NormTheme
    from limnorm.files.region import Organisation, Region
    from limnorm.queries.region import norm_differences

    def checklist(numbers: list[str]) -> Checklist:
        norms = tuple(Norm(nr, 1, f"Norm {nr}") for nr in numbers)
        return Checklist("Limburgse Norm", (NormTheme(1, "Thema", norms),))

    common = ["1.1"]
    more = ["1.1", "1.10", "1.2", "1.9"]
    members = [Organisation(f"org{i}", f"Org {i}", None, checklist(common)) for i in range(2)]
    members.append(Organisation("org9", "Org 9", None, checklist(more)))
    region = Region("regio", tuple(members), ())
    (difference,) = norm_differences(region)
    assert difference.extra == ("1.2", "1.9", "1.10")
    assert difference.missing == ()


def test_an_entry_of_other_code_is_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    """A region's cache entry is named after the code that made it: the same file under a
    newer build of the same version (which may read a deadline otherwise) is another entry."""
    from limnorm.files import cache

    now = entry_key("plan", "spoorboekje.yaml", b"organisatie: X\n")
    monkeypatch.setattr(cache, "code_stamp", lambda: "0.1.0+nieuwer")
    assert entry_key("plan", "spoorboekje.yaml", b"organisatie: X\n") != now
