"""A cache of loaded and validated files, so a region of 33 organisations loads fast.

Entries live under the user's cache folder (``$LIMNORM_CACHE_DIR``, else
``$XDG_CACHE_HOME/limnorm``, else ``~/.cache/limnorm``), one JSON file per
loaded file, named by a SHA-256 of the tool's code (:func:`code_stamp`), the kind of
file, its name and its exact bytes. A changed file, other limnorm code or another
name simply misses. An entry is read with :mod:`limnorm.files.cachecodec`, which checks
every value; anything unexpected (truncated, edited, hostile) counts as a miss
and is rewritten. Nothing is ever unpickled or executed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from limnorm import __version__
from limnorm.core.errors import DataError
from limnorm.files.loader import Loaded
from limnorm.files.yamlsource import read_regular

#: Larger entries are not read. An entry is about 4x the bytes of its file (a 500-action
#: plan of 90 kB makes ~400 kB), so 8 MB bounds memory while no real plan comes near.
MAX_ENTRY_BYTES = 8 * 1024 * 1024
#: The layout of an entry (see :mod:`limnorm.files.cachecodec`); part of the key, so that a
#: development build never reads entries written in an older layout.
FORMAT = 6


def cache_directory(env: Mapping[str, str]) -> Path:
    """Where the cache lives, by the XDG convention.

    A relative ``$XDG_CACHE_HOME`` is ignored, as the XDG specification says: it
    would put the cache in whatever folder the command happens to run in.
    """
    if env.get("LIMNORM_CACHE_DIR"):
        return Path(env["LIMNORM_CACHE_DIR"])
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "limnorm"
    return Path(env.get("HOME", "~")).expanduser() / ".cache" / "limnorm"


def _user() -> int:
    # Windows has no user ids (st_uid is 0 there, as is this).
    geteuid = getattr(os, "geteuid", None)
    return int(geteuid()) if geteuid is not None else 0


def _trusted(info: os.stat_result) -> bool:
    """An entry written by this user and writable by no one else.

    The entry's name is computable by anyone who can read the data, so its name
    proves nothing: another user's file, or one others may edit, could carry a
    false organisation name.
    """
    return info.st_uid == _user() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.cache
def code_stamp() -> str:
    """What tells the code that makes an entry from other code of the same version: where
    it is installed, and the newest modification time, total size, number and inodes of
    the modules of the core and the file layer (the grammar, the loader, the checks).

    ``__version__`` alone is not enough: a ``pip install .`` of a newer checkout, or a
    development build, keeps it, and an entry made by code that read a deadline otherwise
    would give the old date. Installing writes every file anew and editing one makes it
    the newest, so either changes the stamp; where installs fix every file's time (a Nix
    store, some images), a new install has another folder or new inodes. Two directory
    scans: ~0.1 ms, once.
    """
    return package_stamp(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def package_stamp(package: str) -> str:
    """:func:`code_stamp` of the package in folder ``package``."""
    newest = size = count = inodes = 0
    try:
        for folder in ("core", "files"):
            with os.scandir(os.path.join(package, folder)) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        newest = max(newest, info.st_mtime_ns)
                        size += info.st_size
                        count += 1
                        inodes += info.st_ino
    except OSError:  # not installed as files (a zip): the version alone
        return __version__
    return f"{__version__}+{newest:x}.{size:x}.{count}.{inodes:x}@{package}"


def entry_key(kind: str, name: str, data: bytes) -> str:
    """The entry's name: a hash of the code (:func:`code_stamp`), entry layout, kind,
    file name and content."""
    # hashlib, json and the codec are imported where used: every command that reads a
    # plan in git reads one entry through get_text, and they cost it ~10 ms (OpenSSL).
    import hashlib

    digest = hashlib.sha256(f"{code_stamp()}\0{FORMAT}\0{kind}\0{name}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def entry_text(key: str, payload: dict[str, Any]) -> str:
    """The JSON text of a cache entry (also how worker processes send results back)."""
    import json

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
        import json

        from limnorm.files.cachecodec import CodecError, decode

        path = self._path(key)
        if path is None:
            return None
        try:
            # Regular files only, without blocking (a FIFO here would hang), bounded,
            # and never through a link.
            raw = read_regular(path, MAX_ENTRY_BYTES, follow=False, check=_trusted)
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

    def get_text(self, key: str) -> str | None:
        """An entry stored with :meth:`put_text` that is not a loaded file (the first
        deadlines of :mod:`limnorm.files.postponements`), as stored: the caller checks it.
        None when absent, unreadable or not ours."""
        path = self._path(key)
        if path is None:
            return None
        try:
            return read_regular(path, MAX_ENTRY_BYTES, follow=False, check=_trusted).decode()
        except (OSError, ValueError):
            return None

    def put_encoded(self, key: str, payload: dict[str, Any]) -> None:
        """Store a result encoded with :func:`limnorm.files.cachecodec.encode`; a cache that cannot
        be written is silently skipped."""
        self.put_text(key, entry_text(key, payload))

    def put_text(self, key: str, text: str) -> None:
        """Store an entry made by :func:`entry_text`."""
        path = self._path(key)
        data = text.encode("utf-8")
        if path is None or len(data) > MAX_ENTRY_BYTES:  # too large to be read back
            return
        from limnorm.files.atomic import write_file  # only a miss writes

        assert self.directory is not None
        try:
            _private_folder(self.directory)
            _private_folder(path.parent)
            # A fresh file of ours, not one keeping an old entry's owner and mode (which
            # may be why it was not trusted).
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            # Not fsynced (durable=False): an entry cut short by a crash fails its checks
            # when read and is simply a miss.
            write_file(path, data, durable=False)
        except (OSError, DataError):
            # A read-only or full cache folder must never stop the command itself.
            return


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (mode 0700: entries tell what the data holds) or tighten it if ours."""
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        info = folder.lstat()
        ours = stat.S_ISDIR(info.st_mode) and info.st_uid == _user()
        if ours and stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(folder, 0o700)
