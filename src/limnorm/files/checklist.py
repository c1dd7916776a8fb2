"""Load ``checklist.yaml``: the norm as far as known, and this organisation's answers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from limnorm.core.errors import Location
from limnorm.core.models import (
    Answer,
    Checklist,
    Criterion,
    Norm,
    NormTheme,
    Phase,
    Pyramid,
    normalise_answer,
)
from limnorm.core.norm import NORM_THEMES, PHASES, THEME_TITLES, is_limburgse_norm
from limnorm.core.suggest import suggest
from limnorm.files.checks import Checker
from limnorm.files.loader import Loaded, load_document, parse_document
from limnorm.files.yamlsource import Node

_NORM_NR = re.compile(r"(\d{1,2})\.(\d{1,2})")


def load_checklist(path: Path, file: str | None = None) -> Loaded[Checklist]:
    """Read and validate a checklist; the value is ``None`` when unreadable.

    Findings are sorted by place. Links to spoorboekje actions are checked
    separately (:func:`limnorm.queries.plan.cross_findings`), as that needs the plan.
    """
    return load_document(path, file or str(path), parse_checklist)


def parse_checklist(text: str, file: str) -> Loaded[Checklist]:
    """Validate checklist text; see :func:`load_checklist`.

    Raises:
        DataError: the text is not YAML at all.
    """
    return parse_document(
        text,
        file,
        "het bestand is leeg; een checklist begint met 'norm:' en 'themas:' "
        "('limnorm init' maakt een volledige checklist)",
        _checklist,
    )


def _checklist(root: Node, checker: Checker, file: str) -> Checklist | None:
    fields = checker.mapping(
        root,
        "de checklist",
        ("norm", "themas"),
        ("organisatie", "peildatum", "antwoordschaal", "piramide"),
        top=True,
    )
    if fields is None:
        return None
    naam, bron, datum = _norm_header(fields.get("norm"), checker)
    scale = _scale(fields.get("antwoordschaal"), checker)
    themes: list[NormTheme] = []
    seen_themes: dict[int, Location] = {}
    seen_norms: dict[str, Location] = {}
    # The Limburgse Norm's themes (1-6, with their names) are checked only in its own
    # checklist: a checklist for another programme names its themes itself.
    limburgse = is_limburgse_norm(naam)
    for node in checker.items(fields.get("themas"), "themas"):
        theme = _theme(node, checker, scale, seen_themes, seen_norms, limburgse)
        if theme is not None:
            themes.append(theme)
    return Checklist(
        naam=naam,
        themas=tuple(themes),
        piramide=_pyramid(fields.get("piramide"), checker),
        organisatie=checker.text(fields.get("organisatie"), "organisatie"),
        peildatum=checker.day(fields.get("peildatum"), "peildatum"),
        bron=bron,
        datum=datum,
        schaal=scale,
        source=file,
    )


def _norm_header(node: Node | None, checker: Checker) -> tuple[str, str | None, date | None]:
    if node is None:
        return "", None, None
    fields = checker.mapping(
        node, "'norm'", ("naam",), ("ondertitel", "bron", "datum", "toelichting")
    )
    if fields is None:
        return "", None, None
    for key in ("ondertitel", "toelichting"):
        checker.text(fields.get(key), key)
    return (
        checker.text(fields.get("naam"), "naam") or "",
        checker.text(fields.get("bron"), "bron"),
        checker.day(fields.get("datum"), "datum"),
    )


def _scale(node: Node | None, checker: Checker) -> tuple[Answer, ...]:
    if node is None:
        return tuple(Answer)
    scale: list[Answer] = []
    for item in checker.items(node, "antwoordschaal"):
        fields = checker.mapping(
            item, "de antwoordschaal", ("code",), ("officieel", "omschrijving")
        )
        if fields is None:
            continue
        checker.boolean(fields.get("officieel"), "officieel", default=True)
        checker.text(fields.get("omschrijving"), "omschrijving")
        code = checker.text(fields.get("code"), "code")
        if code is None:
            continue
        try:
            scale.append(Answer(code))
        except ValueError:
            known = [a.value for a in Answer]
            checker.error(
                f"antwoord '{code}' kent limnorm niet{suggest(code, known)}; "
                f"mogelijk: {', '.join(known)}",
                fields["code"].location,
            )
    return tuple(scale)


def _pyramid(node: Node | None, checker: Checker) -> Pyramid | None:
    if node is None:
        return None
    fields = checker.mapping(node, "'piramide'", ("naam", "fasen"), ("norm",))
    if fields is None:
        return None
    phases: dict[int, Phase] = {}
    for item in checker.items(fields.get("fasen"), "fasen"):
        phase_fields = checker.mapping(item, "een fase", ("fase",), ("naam", "omschrijving"))
        if phase_fields is None:
            continue
        nr = _phase_number(phase_fields.get("fase"), checker)
        if nr is None:
            continue
        if nr in phases:
            checker.error(f"fase {nr} staat er twee keer in", phase_fields["fase"].location)
        phases[nr] = Phase(
            nr,
            checker.text(phase_fields.get("naam"), "naam", numbers=True),
            checker.text(phase_fields.get("omschrijving"), "omschrijving"),
        )
    band = (3, 4)
    band_node = fields.get("norm")
    if band_node is not None:
        band_fields = checker.mapping(band_node, "'norm' van de piramide", ("van", "tot"), ())
        if band_fields is not None:
            low = _phase_number(band_fields.get("van"), checker)
            high = _phase_number(band_fields.get("tot"), checker)
            if low is not None and high is not None:
                if low > high:
                    checker.error(
                        f"de norm loopt van fase {low} tot fase {high}: 'van' moet het laagst zijn",
                        band_node.location,
                    )
                band = (low, high)
    return Pyramid(
        checker.text(fields.get("naam"), "naam") or "",
        tuple(phases[n] for n in sorted(phases)),
        *band,
    )


def _phase_number(node: Node | None, checker: Checker) -> int | None:
    if node is None or node.value is None:
        return None
    nr = checker.integer(node, "fase")
    if nr is not None and nr not in PHASES:
        checker.error(f"fase {nr} bestaat niet; de piramide heeft fase 1 t/m 5", node.location)
        return None
    return nr


def _theme(
    node: Node,
    checker: Checker,
    scale: tuple[Answer, ...],
    seen_themes: dict[int, Location],
    seen_norms: dict[str, Location],
    limburgse: bool = True,
) -> NormTheme | None:
    fields = checker.mapping(
        node, "een thema", ("nr", "titel"), ("ook_genoemd", "pagina", "compleet", "fase", "normen")
    )
    if fields is None:
        return None
    nr = checker.integer(fields.get("nr"), "nr")
    if nr is None:
        return None
    where = fields["nr"].location
    if limburgse and nr not in NORM_THEMES:
        checker.error(
            f"thema {nr} bestaat niet in de Limburgse Norm; de norm heeft thema "
            f"{NORM_THEMES[0]} t/m {NORM_THEMES[-1]}",
            where,
        )
    elif nr < 1:
        checker.error(f"thema {nr} bestaat niet; een thema van de norm is 1 of hoger", where)
    elif nr in seen_themes:
        checker.error(
            f"thema {nr} staat er twee keer in (eerder op regel {seen_themes[nr].line})", where
        )
    seen_themes.setdefault(nr, where)
    titel = checker.text(fields.get("titel"), "titel") or ""
    others = [text for text, _ in checker.texts(fields.get("ook_genoemd"), "ook_genoemd")]
    known = THEME_TITLES.get(nr, ()) if limburgse else ()
    if (
        known
        and titel
        and not any(t.lower() in {titel.lower(), *map(str.lower, others)} for t in known)
    ):
        checker.warn(
            f"thema {nr} heet in de Limburgse Norm '{known[0]}', niet '{titel}'",
            fields["titel"].location,
        )
    norms = []
    for norm_node in checker.items(fields.get("normen"), "normen"):
        norm = _norm(norm_node, nr, checker, scale, seen_norms)
        if norm is not None:
            norms.append(norm)
    return NormTheme(
        nr=nr,
        titel=titel,
        normen=tuple(norms),
        pagina=checker.text(fields.get("pagina"), "pagina"),
        compleet=checker.boolean(fields.get("compleet"), "compleet", default=True),
        fase=_phase_number(fields.get("fase"), checker),
        location=node.location,
    )


def _norm(
    node: Node,
    theme: int,
    checker: Checker,
    scale: tuple[Answer, ...],
    seen: dict[str, Location],
) -> Norm | None:
    fields = checker.mapping(
        node, "een norm", ("nr", "titel"), ("antwoord", "toelichting", "acties", "criteria")
    )
    if fields is None:
        return None
    # "nr: 1.10" unquoted is a YAML number; its written text keeps the zero.
    nr = checker.text(fields.get("nr"), "nr", numbers=True)
    if nr is None:
        return None
    where = fields["nr"].location
    match = _NORM_NR.fullmatch(nr.strip())
    if match is None:
        checker.error(f"normnummer '{nr}' moet de vorm X.Y hebben, zoals 4.1", where)
    elif int(match[1]) != theme:
        checker.error(f"norm {nr} hoort bij thema {match[1]} maar staat onder thema {theme}", where)
    if nr in seen:
        checker.error(f"norm {nr} staat er twee keer in (eerder op regel {seen[nr].line})", where)
    seen.setdefault(nr, where)
    answer, toelichting = _answer(fields, checker, scale)
    criteria = []
    for item in checker.items(fields.get("criteria"), "criteria"):
        criterion_fields = checker.mapping(
            item, "een criterium", ("titel",), ("antwoord", "toelichting")
        )
        if criterion_fields is None:
            continue
        c_answer, c_toelichting = _answer(criterion_fields, checker, scale)
        criteria.append(
            Criterion(
                checker.text(criterion_fields.get("titel"), "titel") or "", c_answer, c_toelichting
            )
        )
    links = checker.texts(fields.get("acties"), "acties")
    locations = {f"actie:{index}": place for index, (_, place) in enumerate(links)}
    if "antwoord" in fields:
        locations["antwoord"] = fields["antwoord"].location
    return Norm(
        nr=nr,
        thema=theme,
        titel=checker.text(fields.get("titel"), "titel") or "",
        criteria=tuple(criteria),
        antwoord=answer,
        toelichting=toelichting,
        acties=tuple(text.strip() for text, _ in links),
        location=node.location,
        where=locations,
    )


def _answer(
    fields: dict[str, Node], checker: Checker, scale: tuple[Answer, ...]
) -> tuple[Answer | None, str | None]:
    toelichting = checker.text(fields.get("toelichting"), "toelichting")
    node = fields.get("antwoord")
    text = checker.text(node, "antwoord")
    if node is None or not text or not text.strip():
        return None, toelichting
    normalised = normalise_answer(text)
    try:
        answer = Answer(normalised)
    except ValueError:
        choices = [a.value for a in scale]
        checker.error(
            f"onbekend antwoord '{text}'{suggest(normalised, choices)}; kies uit "
            f"{', '.join(choices)} of laat het leeg",
            node.location,
        )
        return None, toelichting
    if answer not in scale:
        checker.error(
            f"antwoord '{text}' staat niet in de antwoordschaal van deze checklist", node.location
        )
    if answer is Answer.NVT and not (toelichting and toelichting.strip()):
        checker.error(
            "antwoord 'nvt' vraagt een toelichting: leg uit waarom de norm niet van toepassing is",
            node.location,
        )
    return answer, toelichting
