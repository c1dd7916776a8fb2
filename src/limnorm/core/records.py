"""Records compared by what they say, not by where it was written.

The records of a plan and a checklist carry where each value came from (a file
name, a line and column) for messages. Two versions of the same content read
from different places (a git commit and the working tree) hold different
places. :func:`compare_by_value` gives such records an ``==`` that leaves the
places out (the models use it); :func:`content` does the same for any nested value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

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


def compare_by_value(*records: type[NamedTuple]) -> None:
    """Give named-tuple classes an ``==``, ``!=`` and hash over their fields without
    the places (:data:`PLACE_FIELDS`), so a record equals the same record read elsewhere.

    Set on the classes after they are made: a method defined in a ``NamedTuple`` body
    would leave the tuple's hash in place, inconsistent with the new ``==``. Nested
    records compare by their own ``==``, so a plan compares its actions by value too.
    """
    for record in records:
        values = tuple(name for name in record._fields if name not in PLACE_FIELDS)

        def equal(self: Any, other: object, values: tuple[str, ...] = values) -> Any:
            if type(other) is not type(self):
                return NotImplemented
            return all(getattr(self, name) == getattr(other, name) for name in values)

        def unequal(self: Any, other: object) -> Any:
            result = self.__eq__(other)
            return result if result is NotImplemented else not result

        def hashed(self: Any, values: tuple[str, ...] = values) -> int:
            return hash(tuple(getattr(self, name) for name in values))

        record.__eq__ = equal  # type: ignore[method-assign]
        record.__ne__ = unequal  # type: ignore[method-assign]
        record.__hash__ = hashed  # type: ignore[method-assign]
