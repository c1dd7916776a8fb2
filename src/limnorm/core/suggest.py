"""The "did you mean" of every message about a name that is not known."""

from __future__ import annotations

from collections.abc import Iterable


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (bedoelt u 'x'?)`` for the closest choice, or an empty string."""
    import difflib  # only needed when something is wrong

    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return f" (bedoelt u '{lowered[word.lower()]}'?)"
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (bedoelt u '{close[0]}'?)" if close else ""
