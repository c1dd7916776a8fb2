"""The process's output streams: any terminal encoding, a closed pipe, a full disk.

A command's output must never end in a traceback because of where it goes:

* a terminal that cannot show a character (a Latin-1 or ASCII locale,
  ``PYTHONIOENCODING=latin-1``) gets a replacement character instead of a
  ``UnicodeEncodeError``; a file name that is not UTF-8 is written back as the
  bytes it was (as ``ls`` does);
* a reader that stops early (``limnorm due | head``) ends the command quietly,
  as ``git log | head`` does: no message, status 141 (128 + SIGPIPE);
* output that cannot be written (``> /dev/full``, a vanished network drive)
  gives a Dutch message on stderr and status 2.
"""

from __future__ import annotations

import codecs
import errno
import io
import sys

from limnorm.core.errors import describe_os_error

#: The status of a command ended by a closed pipe, as a shell reports SIGPIPE.
BROKEN_PIPE = 141
_HANDLER = "limnorm-replace"


def _replace(error: UnicodeError) -> tuple[str | bytes, int]:
    """Encode what the stream's encoding cannot: surrogate-escaped bytes (a file name that
    is not UTF-8) as those bytes, anything else as '?'."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    part = error.object[error.start : error.end]
    if all("\udc80" <= char <= "\udcff" for char in part):
        return bytes(ord(char) - 0xDC00 for char in part), error.end
    return "?" * len(part), error.end


def tolerant_streams() -> None:
    """Make stdout and stderr replace what they cannot encode instead of failing."""
    codecs.register_error(_HANDLER, _replace)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=_HANDLER)


def broken_pipe() -> None:
    """For Rich's consoles: a closed pipe ends the command like any other (see :func:`main`),
    not with Rich's own status 1."""
    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def output_failed(error: OSError) -> int:
    """The exit status for output that could not be written, telling the user why.

    A closed pipe is the reader's choice, not a failure: quiet. Everything else
    (a full disk, an I/O error) is said in Dutch on stderr.
    """
    if error.errno == errno.EPIPE:
        return BROKEN_PIPE
    try:
        sys.stderr.write(
            f"limnorm: fout: de uitvoer kan niet worden geschreven: {describe_os_error(error)}\n"
        )
        sys.stderr.flush()
    except OSError:
        pass  # stderr is gone too; the status still says it
    return 2


def flush_all(code: int) -> int:
    """Flush stdout and stderr before the process ends; the final status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as error:
            if stream is sys.stderr:
                continue
            failed = output_failed(error)
            code = failed if code == 0 or failed == 2 else code
        except ValueError:  # a closed stream
            continue
    return code
