"""Records compared by what they say, not by where it was written.

The records of a plan and a checklist carry where each value came from (a file
name, a line and column) for messages. Two versions of the same content read
from different places (a git commit and the working tree) hold different
places; :func:`content` leaves them out, so such versions compare equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from limnorm.core.errors import Location

#: Fields that say where a value was written, not what it is.
PLACE_FIELDS = frozenset({"location", "where", "source"})


def content(value: Any) -> Any:
    """``value`` with every place left out, as nested tuples that compare by value."""
    if isinstance(value, Location):
        return None
    fields = getattr(value, "_fields", None)
    if isinstance(value, tuple) and fields is not None:
        return (
            type(value).__name__,
            tuple(content(getattr(value, f)) for f in fields if f not in PLACE_FIELDS),
        )
    if isinstance(value, tuple | list):
        return tuple(content(item) for item in value)
    if isinstance(value, Mapping):
        return tuple((key, content(item)) for key, item in value.items())
    return value


def same_content(first: Any, second: Any) -> bool:
    """Whether two records say the same, wherever each was read."""
    return bool(content(first) == content(second))
