"""The Limburgse Norm as the code knows it: its theme numbers, their names, its phases.

The one home for these numbers: the checklist's checks, the region's comparison,
``init``'s template, the import and the terminal take them from here (a test fails
on a second definition). A plan or checklist for another programme numbers its
themes itself; these apply only where the norm is the Limburgse Norm, or where no
checklist says otherwise.
"""

from __future__ import annotations

#: The theme number of the 0-meting in a spoorboekje: the checklist itself, not a
#: theme of the norm.
BASELINE_THEME = 0

#: The name people use for the 0-meting's block.
BASELINE_TITLE = "0-meting"

#: The theme titles of the Limburgse Norm by number; theme 4 is published under two names.
THEME_TITLES: dict[int, tuple[str, ...]] = {
    1: ("Bewustwording en organisatie",),
    2: ("Integriteit en veilige werkomgeving",),
    3: ("Veilige publieke taak",),
    4: (
        "Informatiepositie en informatieveiligheid",
        "Informatiepositie en informatiebeveiliging",
    ),
    5: ("Beleid en handhaving",),
    6: ("Communicatie",),
}

#: The themes of the Limburgse Norm (1-6), in order.
NORM_THEMES: tuple[int, ...] = tuple(THEME_TITLES)

#: The blocks of a spoorboekje for the Limburgse Norm: the 0-meting and the themes (0-6).
PLAN_THEMES: tuple[int, ...] = (BASELINE_THEME, *NORM_THEMES)

#: The phases of the "Piramide naar fitte gemeente" (1-5).
PHASES = range(1, 6)


def is_limburgse_norm(naam: str) -> bool:
    """Whether a checklist's norm is the Limburgse Norm (by its name, as written)."""
    return "limburgse norm" in " ".join(naam.lower().split())
