"""Tables that fit: exact output at 60, 80, 100 and 120 columns, and for every table
command at every width: no line wider than the terminal, no trailing spaces, no word
broken inside (a narrow table only wraps at spaces, leaves columns out, or lists records).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE, Invoke
from .test_git import Repo

DUE_60 = """\
Gemeente Eijsden-Margraten · peildatum 20 sep 2024 ·
binnenkort = t/m 20 okt 2024
OOV (Openbare Orde en Veiligheid): 5 te laat, 6 binnenkort
Id   Actie                    Deadline     Dagen
────────────────────────────────────────────────────────────
1.1  Bewustwordingssessie     4 mrt 2024   200 dagen te laat
     directie/MT
0.1  Bespreken en invullen    31 mrt 2024  173 dagen te laat
     checklist
1.2  Bewustwordingssessie     2 apr 2024   171 dagen te laat
     college
6.1  Informeren raad, start   30 apr 2024  143 dagen te laat
0.2  Startmemo voor directie  30 jun 2024  82 dagen te laat
     en college
1.4  Actualisering            30 sep 2024  nog 10 dagen
     weerbaarheidsscan
1.5  Samenwerking met         30 sep 2024  nog 10 dagen
     relevante partners
4.1  Gestructureerd en op     30 sep 2024  nog 10 dagen
     juridisch verantwoorde
     wijze verzamelen,
     verwerken en delen van
     informatie op het thema
     ondermijning
4.2  Vaststellen en/of        30 sep 2024  nog 10 dagen
     actualiseren beleid,
     code en protocollen
5.1  Vaststellen en/of        30 sep 2024  nog 10 dagen
     actualiseren beleid,
     code en protocollen
6.2  Interne en externe       30 sep 2024  nog 10 dagen
     communicatie-strategie
     gericht op de aanpak
     van ondermijning
Niet getoond (te smal): Wanneer, Toelichting.
"""

DUE_80 = """\
Gemeente Eijsden-Margraten · peildatum 20 sep 2024 · binnenkort = t/m 20 okt
2024
OOV (Openbare Orde en Veiligheid): 5 te laat, 6 binnenkort
Id   Actie                   Wanneer  Deadline     Dagen       Toelichting
────────────────────────────────────────────────────────────────────────────────
1.1  Bewustwordingssessie    4-3-24   4 mrt 2024   200 dagen
     directie/MT                                   te laat
0.1  Bespreken en invullen   mrt. 24  31 mrt 2024  173 dagen   In samenspraak
     checklist                                     te laat     met betrokken
                                                               functionarissen
1.2  Bewustwordingssessie    2-4-24   2 apr 2024   171 dagen
     college                                       te laat
6.1  Informeren raad, start  apr 24   30 apr 2024  143 dagen   RIB, evt.
                                                   te laat     presentatie
0.2  Startmemo voor          jun. 24  30 jun 2024  82 dagen
     directie en college                           te laat
1.4  Actualisering           Q3 24    30 sep 2024  nog 10
     weerbaarheidsscan                             dagen
1.5  Samenwerking met        Q3 24    30 sep 2024  nog 10      O.a.
     relevante partners                            dagen       woningcorporaties
                                                               en ondernemers
4.1  Gestructureerd en op    Q3 24    30 sep 2024  nog 10
     juridisch verantwoorde                        dagen
     wijze verzamelen,
     verwerken en delen van
     informatie op het
     thema ondermijning
4.2  Vaststellen en/of       Q3 24    30 sep 2024  nog 10
     actualiseren beleid,                          dagen
     code en protocollen
5.1  Vaststellen en/of       Q3 24    30 sep 2024  nog 10      Met name Bibob en
     actualiseren beleid,                          dagen       Damocles
     code en protocollen
6.2  Interne en externe      Q3 24    30 sep 2024  nog 10      In samenspraak
     communicatie-strategie                        dagen       met communicatie
     gericht op de aanpak
     van ondermijning
"""

DUE_100 = """\
Gemeente Eijsden-Margraten · peildatum 20 sep 2024 · binnenkort = t/m 20 okt 2024
OOV (Openbare Orde en Veiligheid): 5 te laat, 6 binnenkort
Id   Actie                       Wanneer  Deadline     Dagen              Toelichting
────────────────────────────────────────────────────────────────────────────────────────────────────
1.1  Bewustwordingssessie        4-3-24   4 mrt 2024   200 dagen te laat
     directie/MT
0.1  Bespreken en invullen       mrt. 24  31 mrt 2024  173 dagen te laat  In samenspraak met
     checklist                                                            betrokken functionarissen
1.2  Bewustwordingssessie        2-4-24   2 apr 2024   171 dagen te laat
     college
6.1  Informeren raad, start      apr 24   30 apr 2024  143 dagen te laat  RIB, evt. presentatie
0.2  Startmemo voor directie en  jun. 24  30 jun 2024  82 dagen te laat
     college
1.4  Actualisering               Q3 24    30 sep 2024  nog 10 dagen
     weerbaarheidsscan
1.5  Samenwerking met relevante  Q3 24    30 sep 2024  nog 10 dagen       O.a. woningcorporaties en
     partners                                                             ondernemers
4.1  Gestructureerd en op        Q3 24    30 sep 2024  nog 10 dagen
     juridisch verantwoorde
     wijze verzamelen,
     verwerken en delen van
     informatie op het thema
     ondermijning
4.2  Vaststellen en/of           Q3 24    30 sep 2024  nog 10 dagen
     actualiseren beleid, code
     en protocollen
5.1  Vaststellen en/of           Q3 24    30 sep 2024  nog 10 dagen       Met name Bibob en Damocles
     actualiseren beleid, code
     en protocollen
6.2  Interne en externe          Q3 24    30 sep 2024  nog 10 dagen       In samenspraak met
     communicatie-strategie                                               communicatie
     gericht op de aanpak van
     ondermijning
"""

DUE_120 = """\
Gemeente Eijsden-Margraten · peildatum 20 sep 2024 · binnenkort = t/m 20 okt 2024
OOV (Openbare Orde en Veiligheid): 5 te laat, 6 binnenkort
Id   Actie                                 Wanneer  Deadline     Dagen              Toelichting
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
1.1  Bewustwordingssessie directie/MT      4-3-24   4 mrt 2024   200 dagen te laat
0.1  Bespreken en invullen checklist       mrt. 24  31 mrt 2024  173 dagen te laat  In samenspraak met betrokken
                                                                                    functionarissen
1.2  Bewustwordingssessie college          2-4-24   2 apr 2024   171 dagen te laat
6.1  Informeren raad, start                apr 24   30 apr 2024  143 dagen te laat  RIB, evt. presentatie
0.2  Startmemo voor directie en college    jun. 24  30 jun 2024  82 dagen te laat
1.4  Actualisering weerbaarheidsscan       Q3 24    30 sep 2024  nog 10 dagen
1.5  Samenwerking met relevante partners   Q3 24    30 sep 2024  nog 10 dagen       O.a. woningcorporaties en
                                                                                    ondernemers
4.1  Gestructureerd en op juridisch        Q3 24    30 sep 2024  nog 10 dagen
     verantwoorde wijze verzamelen,
     verwerken en delen van informatie op
     het thema ondermijning
4.2  Vaststellen en/of actualiseren        Q3 24    30 sep 2024  nog 10 dagen
     beleid, code en protocollen
5.1  Vaststellen en/of actualiseren        Q3 24    30 sep 2024  nog 10 dagen       Met name Bibob en Damocles
     beleid, code en protocollen
6.2  Interne en externe                    Q3 24    30 sep 2024  nog 10 dagen       In samenspraak met communicatie
     communicatie-strategie gericht op de
     aanpak van ondermijning
"""

STATUS_60 = """\
Gemeente Eijsden-Margraten · stand op 1 okt 2024
                                                          Te
Nr  Thema                 Acties  Gereed  Lopend  Open  laat
────────────────────────────────────────────────────────────
 0  0-meting                   2       0       0     2     2
 1  Bewustwording en           5       0       0     5     4
    organisatie
 2  Integriteit en             1       0       0     1     0
    veilige werkomgeving
 3  Veilige publieke           1       0       0     1     0
    taak
 4  Informatiepositie en       3       0       0     3     2
    informatieveiligheid
 5  Beleid en handhaving       2       0       0     2     1
 6  Communicatie               3       0       0     3     2

    Totaal                    17       0       0    17    11
Niet getoond (te smal): Voortgang.

Normen (0-meting)
                     In
Nr  Uitgevoerd    ontw.  Ontbreekt  Onbeantw.  Voldoet  Fase
────────────────────────────────────────────────────────────
 1           0        0          0          4      nee     –
 2           0        0          0          9      nee     –
 3           0        0          0          5      nee     –
 4           0        0          0          2      nee     –
 5           0        0          0          4      nee     –
 6           0        0          0          3      nee     –
Niet getoond (te smal): Thema, N.v.t.
"""

STATUS_80 = """\
Gemeente Eijsden-Margraten · stand op 1 okt 2024
Nr  Thema                 Acties  Gereed  Lopend  Open  Te laat  Voortgang
────────────────────────────────────────────────────────────────────────────────
 0  0-meting                   2       0       0     2        2  ░░░░░░░░░░   0%
 1  Bewustwording en           5       0       0     5        4  ░░░░░░░░░░   0%
    organisatie
 2  Integriteit en             1       0       0     1        0  ░░░░░░░░░░   0%
    veilige werkomgeving
 3  Veilige publieke           1       0       0     1        0  ░░░░░░░░░░   0%
    taak
 4  Informatiepositie en       3       0       0     3        2  ░░░░░░░░░░   0%
    informatieveiligheid
 5  Beleid en handhaving       2       0       0     2        1  ░░░░░░░░░░   0%
 6  Communicatie               3       0       0     3        2  ░░░░░░░░░░   0%

    Totaal                    17       0       0    17       11  ░░░░░░░░░░   0%

Normen (0-meting)
Nr  Uitgevoerd  In ontw.  Ontbreekt  N.v.t.  Onbeantw.  Voldoet  Fase
─────────────────────────────────────────────────────────────────────
 1           0         0          0       0          4      nee     –
 2           0         0          0       0          9      nee     –
 3           0         0          0       0          5      nee     –
 4           0         0          0       0          2      nee     –
 5           0         0          0       0          4      nee     –
 6           0         0          0       0          3      nee     –
Niet getoond (te smal): Thema.
"""

COMPARE_80 = """\
Regio · stand op 1 okt 2024 · per thema: normen uitgevoerd, eigen fase, acties
te laat (▼ = laagste)
Gemeente Eijsden-Margraten
  Thema 1     – f–  4   Thema 2     – f–  0   Thema 3     – f–  0
  Thema 4     – f–  2   Thema 5     – f–  1   Thema 6     – f–  2
Gemeente Proef
  Thema 1   50% f3  1   Thema 2  100% f4  0   Thema 3     – f–  0
  Thema 4    0% f–  0   Thema 5     – f–  0   Thema 6     – f–  0
Andere normen dan de rest van de regio bij Gemeente Proef (ontbreekt: 1.4, 2.3,
2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.1, 3.2, 3.3, 3.4, 3.5, 5.1, 5.2, 5.3, 5.4, 6.1,
6.2, 6.3)
"""

COMPARE_120 = """\
Regio · stand op 1 okt 2024 · per thema: normen uitgevoerd, eigen fase, acties te laat (▼ = laagste)
Organisatie                 Thema 1      Thema 2      Thema 3      Thema 4      Thema 5      Thema 6
────────────────────────────────────────────────────────────────────────────────────────────────────────
Gemeente Eijsden-Margraten      – f–  4      – f–  0      – f–  0      – f–  2      – f–  1      – f–  2
Gemeente Proef                50% f3  1   100% f4  0      – f–  0     0% f–  0      – f–  0      – f–  0
Andere normen dan de rest van de regio bij Gemeente Proef (ontbreekt: 1.4, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.1, 3.2,
3.3, 3.4, 3.5, 5.1, 5.2, 5.3, 5.4, 6.1, 6.2, 6.3)
"""

DUE = ["due", "--owner", "OOV", "--as-of", "2024-09-20", "--data", str(SAMPLE)]
STATUS = ["status", "--as-of", "2024-10-01", "--data", str(SAMPLE)]
EXACT = [
    (DUE, 60, DUE_60),
    (DUE, 80, DUE_80),
    (DUE, 100, DUE_100),
    (DUE, 120, DUE_120),
    (STATUS, 60, STATUS_60),
    (STATUS, 80, STATUS_80),
]


@pytest.fixture(name="regio")
def _regio(tmp_path: Path) -> Path:
    """Two organisations: the sample and the answered example."""
    root = tmp_path / "regio"
    shutil.copytree(SAMPLE, root / "eijsden")
    shutil.copytree(ROOT / "examples" / "ingevuld", root / "proef")
    return root


@pytest.mark.parametrize(("args", "width", "expected"), EXACT, ids=lambda v: str(v)[:20])
def test_exact_output_at_each_width(
    invoke: Invoke, args: list[str], width: int, expected: str
) -> None:
    """due and status, line for line, at 60 to 120 columns: the action text wraps at
    spaces, the toelichting and the bar give way first, and a note says what is left out."""
    result = invoke(args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


@pytest.mark.parametrize(("width", "expected"), [(80, COMPARE_80), (120, COMPARE_120)])
def test_compare_fits_80_columns(invoke: Invoke, regio: Path, width: int, expected: str) -> None:
    """compare at 120 columns is a table; at 80 each organisation is a record with its
    themes over two lines (the names whole)."""
    result = invoke(
        ["compare", "--regio", str(regio), "--as-of", "2024-10-01"], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.replace("REGIO", str(regio))


def _git_data(root: Path) -> Path:
    repo = Repo(root / "repo")
    repo.git("add", ".")
    repo.git("commit", "-q", "-m", "Begin", date="2024-02-01T10:00:00")
    repo.git("tag", "begin")
    repo.replace(
        "spoorboekje.yaml",
        "wanneer: 4-3-24\n        actiehouder: OOV\n",
        "wanneer: 4-3-24\n        actiehouder: OOV\n        status: gereed\n"
        "        gereed_op: 2024-03-04\n",
    )
    repo.replace(
        "spoorboekje.yaml",
        "actie: Informeren raad, ingericht\n        wanneer: Q4 24",
        "actie: Informeren raad, ingericht\n        wanneer: Q1 2025 (was Q4 24)",
    )
    repo.git(
        "commit", "-q", "-am", "Voortgang met een lange omschrijving", date="2024-04-01T10:00:00"
    )
    return repo.data


def _commands(regio: Path, git_data: Path) -> list[list[str]]:
    day = ["--as-of", "2024-10-01"]
    answered = str(ROOT / "examples" / "ingevuld")
    return [
        ["due", *day, "--data", str(SAMPLE)],
        ["due", "--regio", str(regio), *day],
        ["status", *day, "--data", str(SAMPLE)],
        ["status", "thema", "4", *day, "--data", str(SAMPLE)],
        ["status", "thema", "1", *day, "--data", answered],
        ["status", "--regio", str(regio), *day],
        ["checklist", *day, "--data", answered],
        ["compare", "--regio", str(regio), *day],
        ["timeline", *day, "--data", str(SAMPLE)],
        ["when", "Q3/Q4 24", "eind 2024/begin 2025", "Q5 24", "vanaf Q3 24"],
        ["history", *day, "--data", str(git_data)],
        ["diff", "begin", "--data", str(git_data)],
    ]


WORD = re.compile(r"[^\W\d_][\w./&-]*…?")


def _words(text: str) -> set[str]:
    return {w.rstrip(".,:;") for w in WORD.findall(text) if not w.endswith("…")}


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_every_table_fits_and_breaks_no_word(
    invoke: Invoke, regio: Path, tmp_path: Path, width: int
) -> None:
    """Each table command at each width: lines within the width, no trailing spaces, and
    every word one that the same output has at 400 columns (where nothing wraps), or
    cut off visibly with "…"; never a piece of a word."""
    git_data = _git_data(tmp_path)
    for args in _commands(regio, git_data):
        wide = invoke(args, env={"COLUMNS": "400"})
        narrow = invoke(args, env={"COLUMNS": str(width)})
        assert narrow.exit_code == wide.exit_code, (args, narrow.output)
        # the note on columns left out; the timeline's quarters when months do not fit
        known = _words(wide.stdout) | {"Niet", "getoond", "te", "smal", "Q1", "Q2", "Q3", "Q4"}
        for line in narrow.stdout.splitlines():
            assert len(line) <= width, (args, width, line)
            assert line == line.rstrip(), (args, width, line)
        pieces = _words(narrow.stdout) - known
        assert not pieces, (args, width, sorted(pieces))
