"""``limnorm init``: start a new organisation's data from the norm's full checklist.

The checklist is the packaged sample's text with the organisation's own parts
(name, answers, links to actions) emptied, so its comments and layout, which
explain the format to the person filling it in, come along unchanged.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from limnorm.core.errors import DataError, Location, UsageError, describe_os_error
from limnorm.core.norm import BASELINE_THEME, BASELINE_TITLE, THEME_TITLES
from limnorm.files.atomic import write_text
from limnorm.files.discovery import sample_directory
from limnorm.files.loader import CHECKLIST_FILE, PLAN_FILE
from limnorm.files.schema import SCHEMA_FILES, schema_json

_SAMPLE_ORGANISATION = "Gemeente Eijsden-Margraten"


def _quote(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, whatever the name holds.
    return json.dumps(text, ensure_ascii=False)


def readable(name: str) -> str:
    """A name from the command line or a folder as text a UTF-8 file can hold.

    A folder name that is not UTF-8 (made on an old Windows share, say) reaches
    Python as surrogates; its bytes are read as Windows-1252, which such names
    almost always are, so 'caf\\xe9' becomes 'café' instead of failing to be written.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")
    return name


def _one_line(text: str) -> str:
    """The name as it may stand in a comment: one line (a line break would end the comment
    and leave the rest as broken YAML), without control characters."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def modeline(kind: str) -> str:
    """The comment that points YAML-aware editors at the schema beside the file."""
    return f"# yaml-language-server: $schema={SCHEMA_FILES[kind]}"


def plan_template(organisatie: str) -> str:
    """An empty spoorboekje: the 0-meting and the six themes without actions."""
    themes = [(BASELINE_THEME, BASELINE_TITLE)]
    themes += [(nr, titles[0]) for nr, titles in THEME_TITLES.items()]
    blocks = "".join(
        f"  - nr: {nr}\n    titel: {title}\n    acties: []\n\n" for nr, title in themes
    )
    return (
        f"{modeline('spoorboekje')}\n"
        f"# Spoorboekje implementatie Limburgse Norm van {_one_line(organisatie)}.\n"
        "# Per thema de acties: wat (actie), wanneer (zoals u het schrijft: 'Q3 25',\n"
        "# 'mrt. 25', '4-3-25'), wie (actiehouder), en eventueel toelichting en status\n"
        "# (open, lopend, gereed, vervallen). Een actie ziet er zo uit:\n"
        "#\n"
        "#    acties:\n"
        '#      - id: "1.1"\n'
        "#        actie: Bewustwordingssessie directie/MT\n"
        "#        wanneer: Q3 25\n"
        "#        actiehouder: OOV\n"
        "#\n"
        "# Meer actiehouders: 'OOV/HRM' of 'OOV en HRM'; een team of partner mag ook.\n"
        "# Kan ook: voortgang: 40 (procent), mijlpaal: true, oorspronkelijk: Q2 25 (de\n"
        "# deadline van voor het uitstel) en eigen kolommen zoals budget: (blijven staan).\n"
        "# Schrijft u datums zonder jaar ('1 juli', 'najaar'), zet dan 'jaar: 2025' hieronder.\n"
        "#\n"
        "# Controleer na elke wijziging met: limnorm check\n"
        "\n"
        f"organisatie: {_quote(organisatie)}\n"
        "titel: Spoorboekje implementatie Limburgse Norm\n"
        "\n"
        "# Met een e-mailadres kan 'limnorm remind' elke actiehouder een herinnering sturen:\n"
        "#   HRM: {naam: Human Resource Management, email: hrm@gemeente.nl}\n"
        "actiehouders:   # code: volledige naam, of code: {naam: ..., email: ...}; vul aan\n"
        "  OOV: Openbare Orde en Veiligheid\n"
        "\n"
        "themas:\n" + blocks.rstrip("\n") + "\n"
    )


def _blank(text: str, key: str) -> str:
    """Empty the value of every ``key:`` line matching ``key``, keeping its comment."""
    return re.sub(
        rf"(?m)^({key}:)[^#\n]*(#.*)?$",
        lambda m: m[1] + (f"   {m[2]}" if m[2] else ""),
        text,
    )


def checklist_template(sample: str, organisatie: str) -> str:
    """The sample checklist without its organisation's name, answers and links."""
    text = (
        sample.replace("van de gemeente Eijsden-Margraten.", f"van {_one_line(organisatie)}.")
        .replace(f"organisatie: {_SAMPLE_ORGANISATION}", f"organisatie: {_quote(organisatie)}")
        .replace(
            "# De antwoorden van Eijsden-Margraten zijn niet openbaar; daarom staan ze leeg.\n", ""
        )
    )
    text = re.sub(r"(?m)^(\s+acties: )\[[^\]\n]*\]", r"\1[]", text)
    # Answers of norms and criteria (indented 8 or more) and each theme's phase;
    # never the norm's own texts, which sit at other depths.
    text = _blank(text, r" {8,}(?:antwoord|toelichting)")
    text = _blank(text, r" {4}fase")
    return _blank(text, "peildatum")


def init_data(directory: Path, organisatie: str) -> list[Path]:
    """Create ``spoorboekje.yaml``, ``checklist.yaml`` and their schemas in ``directory``.

    All or nothing: when one file cannot be written (a full disk, no permission), the
    files and folders made so far are removed again, so a second try starts clean.

    Raises:
        UsageError: either file exists already (nothing is written then), or the
            path is a file.
        DataError: the folder or a file cannot be made.
    """
    organisatie = readable(organisatie)
    targets = [
        directory / PLAN_FILE,
        directory / CHECKLIST_FILE,
        *(directory / name for name in SCHEMA_FILES.values()),
    ]
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            "dit is een bestand, geen map; kies een nieuwe of lege map", Location(str(directory))
        )
    for target in targets:
        if os.path.lexists(target):
            raise UsageError(
                "bestaat al; limnorm init overschrijft niets. Kies een lege map",
                Location(str(target)),
            )
    sample = (sample_directory() / CHECKLIST_FILE).read_text(encoding="utf-8")
    texts = [
        plan_template(organisatie),
        checklist_template(sample, organisatie),
        *(schema_json(kind) for kind in SCHEMA_FILES),
    ]
    made = _make_folders(directory)
    created: list[Path] = []
    try:
        for target, text in zip(targets, texts, strict=True):
            write_text(target, text, exclusive=True)
            created.append(target)
    except BaseException:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only ever an empty folder this run made
        raise
    return targets


def _make_folders(directory: Path) -> list[Path]:
    """Create ``directory`` and missing parents; the folders made, outermost first."""
    missing = [folder for folder in (directory, *directory.parents) if not folder.exists()]
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            for done in reversed(made):
                with contextlib.suppress(OSError):
                    done.rmdir()
            raise DataError(
                f"kan de map niet maken: {describe_os_error(error)}", Location(str(folder))
            ) from None
        made.append(folder)
    return made
