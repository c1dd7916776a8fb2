"""The one place where limnorm writes files: edits, generated output, ``init`` and the cache.

What it promises (the README lists it for users):

* A file is replaced in one step (a temporary file beside it, fsync, rename), or
  stays exactly as it was: a full disk or a crash never leaves half a file. (Cache
  entries skip the fsync: they are checked when read, see ``durable``.)
* An existing file keeps its mode, owner and group; a new file gets the mode the
  umask gives (``0666 & ~umask``), like any other program's output.
* A symbolic link stays a link: the file it points to is written (the temporary
  file is made beside that file, so the rename stays on one filesystem).
* A file with several hard links, or one whose owner cannot be kept (another
  user's file, edited by a user who is not root), is written in place instead of
  replaced, so every name keeps seeing the same file: the space is reserved first,
  so a full disk stops the write before any byte changed.
* Only generated output (``-o``) may go into a FIFO or a character device such as
  ``/dev/null``; those are written directly, never replaced, as is an open stream
  named ``/dev/stdout`` or ``/dev/fd/N``. Folders, sockets and block devices are refused.
* Nothing is written inside the installed package (its sample data).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from limnorm.core.errors import DataError, Location, describe_os_error
from limnorm.files.yamlsource import NO_FOLLOW, read_bytes

#: Not inherited by child processes, and a terminal never becomes the controlling one.
_FLAGS = sum(getattr(os, flag, 0) for flag in ("O_CLOEXEC", "O_NOCTTY"))


def new_file_mode() -> int:
    """The mode a new file gets: ``0666`` less the process's umask."""
    # The umask can only be read by setting it; it is set back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _protected_folders() -> list[Path]:
    # Imported here: discovery imports the loaders, which a cache write never needs.
    from limnorm.files.discovery import sample_directory

    package = Path(__file__).resolve().parents[1]
    return [package, sample_directory().resolve()]


def is_protected(path: Path) -> bool:
    """Whether ``path`` lies in the installed package or its sample data."""
    real = Path(os.path.realpath(path))
    return any(real == folder or real.is_relative_to(folder) for folder in _protected_folders())


def write_file(
    path: Path,
    data: bytes,
    *,
    name: str | None = None,
    expected: bytes | None = None,
    exclusive: bool = False,
    devices: bool = False,
    durable: bool = True,
) -> None:
    """Write ``data`` to ``path`` with the guarantees in the module docstring.

    Args:
        name: how to name the file in messages (default: the path).
        expected: the bytes the file held when it was read; if it holds anything
            else now (an editor saved it meanwhile), nothing is written.
        exclusive: create a new file only; an existing one (or a link) is refused.
        devices: allow writing into a FIFO or character device (output, not data).
        durable: fsync the file and its folder before and after the rename. Only the
            cache passes False: an entry is checked when read, so one lost or cut short
            in a crash is only a miss, and the 132 fsyncs of a cold region (33
            organisations) took 0.24-0.53 s of its ~1.5 s (benchmarks/region.py).

    Raises:
        DataError: with a Dutch message saying what happened and that the file is
            unchanged.
    """
    where = Location(name or str(path))
    if is_protected(path):
        raise DataError(
            "dit bestand hoort bij de installatie van limnorm (de voorbeeldgegevens) en wordt "
            "niet gewijzigd; maak eigen gegevens met 'limnorm init MAP'",
            where,
        )
    if exclusive:
        _create(path, data, where)
        return
    descriptor = _descriptor(path) if devices else None
    if descriptor is not None:
        # /dev/stdout, /dev/fd/N: the stream the process already has, as it is (appending
        # to a log stays appending); resolving it to a file and replacing that would not.
        try:
            _write_all(descriptor, data)
        except OSError as error:
            raise DataError(f"schrijven mislukt: {describe_os_error(error)}", where) from None
        return
    try:
        info = os.stat(path)  # follows links: what would be written is the link's target
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise DataError(f"kan niet schrijven: {describe_os_error(error)}", where) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_special(path, data, info, where, devices=devices)
        return
    if info is not None and (info.st_mode & 0o222 == 0 or not os.access(path, os.W_OK)):
        # Replacing through a rename would get past the file's own read-only mark (the
        # folder allows it); someone made it read-only on purpose.
        raise DataError(
            "het bestand is alleen-lezen; er is niets geschreven. Maak het eerst schrijfbaar "
            "(bijvoorbeeld met 'chmod u+w') als het gewijzigd mag worden",
            where,
        )
    # The file a link points to (through any chain of links), or the path itself.
    target = Path(os.path.realpath(path))
    if info is None:
        _replace(target, data, None, where, durable=durable)
        return
    if expected is not None and _current(target, where) != expected:
        raise DataError(
            "het bestand is gewijzigd sinds limnorm het las (door een editor of een andere "
            "opdracht); er is niets geschreven. Probeer het opnieuw",
            where,
        )
    if info.st_nlink > 1:
        _in_place(target, data, info, where)
        return
    _replace(target, data, info, where, durable=durable)


def write_text(
    path: Path,
    text: str,
    *,
    name: str | None = None,
    exclusive: bool = False,
    devices: bool = False,
) -> None:
    """:func:`write_file` for text, encoded as UTF-8 exactly as given (no newline translation)."""
    write_file(path, text.encode("utf-8"), name=name, exclusive=exclusive, devices=devices)


_DESCRIPTOR = re.compile(r"/(?:dev|proc/self|proc/thread-self)/fd/(\d+)")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def _descriptor(path: Path) -> int | None:
    """The open file descriptor a path such as ``/dev/stdout`` or ``/dev/fd/3`` names."""
    text = os.path.abspath(path)
    if text in _STANDARD:
        return _STANDARD[text]
    match = _DESCRIPTOR.fullmatch(text)
    return int(match[1]) if match else None


def _current(target: Path, where: Location) -> bytes:
    return read_bytes(target, where.file)


def _failed(error: OSError, where: Location, what: str = "het bestand is onveranderd") -> DataError:
    return DataError(f"schrijven mislukt: {describe_os_error(error)}; {what}", where)


def _write_all(handle: int, data: bytes, offset: int | None = None) -> None:
    view = memoryview(data)
    position = 0
    while position < len(view):
        if offset is None:
            written = os.write(handle, view[position:])
        else:
            written = os.pwrite(handle, view[position:], offset + position)
        position += written


def _write_special(
    path: Path, data: bytes, info: os.stat_result, where: Location, *, devices: bool
) -> None:
    """A target that is not a regular file: write into a FIFO or character device, or refuse."""
    if stat.S_ISDIR(info.st_mode):
        raise DataError("dit is een map, geen bestand; geef een bestandsnaam", where)
    if not (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise DataError(
            "dit is geen gewoon bestand (een apparaat of socket); limnorm schrijft hier niet "
            "naar. Geef een gewone bestandsnaam",
            where,
        )
    if not devices:
        raise DataError(
            "dit is geen gewoon bestand (een FIFO of apparaat); limnorm wijzigt alleen gewone "
            "bestanden",
            where,
        )
    # Like a shell's '>': a FIFO waits for its reader; nothing is ever put in its place.
    try:
        handle = os.open(path, os.O_WRONLY | _FLAGS)
    except OSError as error:
        raise DataError(f"kan niet schrijven: {describe_os_error(error)}", where) from None
    try:
        _write_all(handle, data)
    except OSError as error:
        raise DataError(f"schrijven mislukt: {describe_os_error(error)}", where) from None
    finally:
        os.close(handle)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; some filesystems cannot open a folder: fine.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _temporary(target: Path, data: bytes, mode: int, *, durable: bool = True) -> str:
    """A temporary file beside ``target`` holding ``data`` with ``mode`` (fsynced when
    ``durable``)."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        try:
            _write_all(handle, data)
            os.chmod(temporary, mode)
            if durable:
                os.fsync(handle)
        finally:
            os.close(handle)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _replace(
    target: Path, data: bytes, info: os.stat_result | None, where: Location, *, durable: bool
) -> None:
    """Rename a temporary copy over ``target``, keeping its mode and owner."""
    mode = new_file_mode() if info is None else stat.S_IMODE(info.st_mode)
    try:
        temporary = _temporary(target, data, mode, durable=durable)
    except PermissionError:
        if info is None:
            raise DataError("kan hier geen bestand maken: geen toestemming", where) from None
        # The folder is closed to us but the file itself may be writable.
        _in_place(target, data, info, where)
        return
    except OSError as error:
        if info is None:
            raise DataError(
                f"kan hier geen bestand maken: {describe_os_error(error)}", where
            ) from None
        raise _failed(error, where) from None
    try:
        if info is not None:
            mine = os.stat(temporary)
            if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.chown(temporary, info.st_uid, info.st_gid)
                except PermissionError:
                    # Another user's file: a replacement would be ours, so write in place.
                    os.unlink(temporary)
                    _in_place(target, data, info, where)
                    return
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _failed(error, where) from None
    if durable:
        _sync_folder(target.parent)


def _in_place(target: Path, data: bytes, info: os.stat_result, where: Location) -> None:
    """Overwrite ``target`` itself: every hard link keeps seeing it, owner and mode stay.

    The extra space is reserved before a byte changes, so a full disk leaves the
    file as it was; after that, overwriting allocated space does not fail for lack
    of room.
    """
    try:
        handle = os.open(target, os.O_RDWR | NO_FOLLOW | _FLAGS)
    except OSError as error:
        raise DataError(f"kan niet schrijven: {describe_os_error(error)}", where) from None
    try:
        now = os.fstat(handle)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            raise DataError(
                "het bestand is vervangen terwijl limnorm het schreef; er is niets geschreven. "
                "Probeer het opnieuw",
                where,
            )
        if len(data) > now.st_size:
            try:
                _reserve(handle, now.st_size, len(data))
            except OSError as error:
                with contextlib.suppress(OSError):
                    os.ftruncate(handle, now.st_size)
                raise _failed(error, where) from None
        _write_all(handle, data, 0)
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    except OSError as error:
        raise _failed(error, where, "het bestand is mogelijk onvolledig; controleer het") from None
    finally:
        os.close(handle)


def _reserve(handle: int, size: int, wanted: int) -> None:
    """Grow the file from ``size`` to ``wanted`` bytes before its content is overwritten."""
    allocate = getattr(os, "posix_fallocate", None)  # Linux; not on macOS or Windows
    if allocate is not None:
        try:
            allocate(handle, 0, wanted)
            return
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EINVAL):
                raise
    # Without it (or on a filesystem that cannot): write the extra bytes as zeros first.
    _write_all(handle, bytes(wanted - size), size)


def _create(path: Path, data: bytes, where: Location) -> None:
    """A new file, refused if anything (a file, a link, a folder) has the name already."""
    exists = DataError("bestaat al; limnorm overschrijft niets", where)
    if os.path.lexists(path):
        raise exists
    try:
        temporary = _temporary(path, data, new_file_mode())
    except OSError as error:
        raise DataError(f"kan hier geen bestand maken: {describe_os_error(error)}", where) from None
    try:
        # A link fails if the name appeared meanwhile: an existing file is never replaced.
        os.link(temporary, path)
    except FileExistsError:
        raise exists from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise DataError(
                f"kan hier geen bestand maken: {describe_os_error(error)}", where
            ) from None
        # A filesystem without hard links (a network or FAT drive): create and write.
        _create_directly(path, data, where)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_folder(path.parent)


def _create_directly(path: Path, data: bytes, where: Location) -> None:
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o666)
    except FileExistsError:
        raise DataError("bestaat al; limnorm overschrijft niets", where) from None
    except OSError as error:
        raise DataError(f"kan hier geen bestand maken: {describe_os_error(error)}", where) from None
    try:
        _write_all(handle, data)
        os.fsync(handle)
    except OSError as error:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise DataError(
            f"schrijven mislukt: {describe_os_error(error)}; er is niets aangemaakt", where
        ) from None
    os.close(handle)
