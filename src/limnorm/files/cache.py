"""A cache of loaded and validated files, so a region of 33 organisations loads fast.

Entries live under the user's cache folder (``$LIMNORM_CACHE_DIR``, else
``$XDG_CACHE_HOME/limnorm``, else ``~/.cache/limnorm``), one JSON file per
loaded file, named by a SHA-256 of the tool's version, the kind of file, its
name and its exact bytes. A changed file, another limnorm version or another
name simply misses. An entry is read with :mod:`limnorm.files.cachecodec`, which checks
every value; anything unexpected (truncated, edited, hostile) counts as a miss
and is rewritten. Nothing is ever unpickled or executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from limnorm import __version__
from limnorm.files.cachecodec import CodecError, decode
from limnorm.files.loader import Loaded

#: Larger entries are not read: no real plan comes near.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: The layout of an entry (see :mod:`limnorm.files.cachecodec`); part of the key, so that a
#: development build never reads entries written in an older layout.
FORMAT = 3


def cache_directory(env: Mapping[str, str]) -> Path:
    """Where the cache lives, by the XDG convention."""
    if env.get("LIMNORM_CACHE_DIR"):
        return Path(env["LIMNORM_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".cache")
    return Path(base) / "limnorm"


def entry_key(kind: str, name: str, data: bytes) -> str:
    """The entry's name: a hash of version, entry layout, kind, file name and content."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{kind}\0{name}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def entry_text(key: str, payload: dict[str, Any]) -> str:
    """The JSON text of a cache entry (also how worker processes send results back)."""
    return json.dumps({"key": key, "data": payload}, ensure_ascii=False)


class Cache:
    """Read and write cache entries; a ``None`` directory switches the cache off."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path | None:
        return None if self.directory is None else self.directory / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Loaded[Any] | None:
        """The cached result, or None when absent, unreadable or not exactly right."""
        path = self._path(key)
        if path is None:
            return None
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_ENTRY_BYTES + 1)
            if len(raw) > MAX_ENTRY_BYTES:
                raise CodecError("te groot")
            envelope = json.loads(raw)
            if type(envelope) is not dict or envelope.get("key") != key:
                raise CodecError("verkeerde sleutel")
            loaded = decode(kind, envelope.get("data"))
        except (OSError, ValueError, RecursionError):
            # Absent, corrupt, or not ours: a miss. (CodecError is a ValueError.)
            self.misses += 1
            return None
        self.hits += 1
        return loaded

    def put_encoded(self, key: str, payload: dict[str, Any]) -> None:
        """Store a result encoded with :func:`limnorm.files.cachecodec.encode`; a cache that cannot
        be written is silently skipped."""
        self.put_text(key, entry_text(key, payload))

    def put_text(self, key: str, text: str) -> None:
        """Store an entry made by :func:`entry_text`."""
        path = self._path(key)
        if path is None:
            return
        import tempfile  # only a miss writes; a warm run never needs it (~4 ms)

        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            # A read-only or full cache folder must never stop the command itself.
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
