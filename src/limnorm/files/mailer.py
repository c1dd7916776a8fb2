"""The I/O of ``remind``: reminder drafts as ``.eml`` files, or sent over SMTP.

Sending is refused unless it is safe: the connection must be encrypted with STARTTLS
(the server's certificate checked against the system's certificate authorities, or
``LIMNORM_SMTP_CAFILE``), except to this machine itself (a loopback address), where
nothing crosses a network. The user name and password come from the environment only,
never from the command line (where other users see them in the process list).

``smtplib`` and ``ssl`` are imported here, and this module only by ``remind``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from limnorm.core.errors import LimnormError, Location, UsageError, describe_os_error
from limnorm.files.atomic import write_file

if TYPE_CHECKING:
    from email.message import EmailMessage

USER_VAR = "LIMNORM_SMTP_USER"
PASSWORD_VAR = "LIMNORM_SMTP_PASSWORD"
CAFILE_VAR = "LIMNORM_SMTP_CAFILE"


class MailError(LimnormError):
    """Sending or writing the reminders failed or was refused; nothing (more) was done."""

    exit_code = 1


class Outgoing(NamedTuple):
    """One message to write or send, with whom it is for (an owner code)."""

    code: str
    address: str | None
    message: EmailMessage


class Outcome(NamedTuple):
    """What happened to one reminder."""

    code: str
    address: str | None
    ok: bool
    #: In Dutch: "verstuurd", "geschreven naar ...", or why not.
    detail: str


class Server(NamedTuple):
    """Where to send: host and port."""

    host: str
    port: int

    @property
    def loopback(self) -> bool:
        """Whether the host is this machine itself (127.0.0.0/8, ::1 or ``localhost``)."""
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine: ``localhost`` or a loopback IP address.

    Names other than ``localhost`` are not looked up: what a name resolves to can change
    between this check and the connection.
    """
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_server(text: str) -> Server:
    """``HOST``, ``HOST:PORT``, ``[IPv6]`` or ``[IPv6]:PORT``; without a port 25 for this
    machine (a local relay) and 587 (submission) for any other.

    Raises:
        UsageError: not of that form, or a port outside 1-65535.
    """
    match = re.fullmatch(r"\s*(?:\[([0-9A-Fa-f:.]+)\]|([^\s:\[\]/]+))(?::(\d{1,5}))?\s*", text)
    if match is None:
        raise UsageError(
            f"'{text}' is geen mailserver; schrijf HOST of HOST:POORT, zoals smtp.gemeente.nl:587"
        )
    host = match[1] or match[2]
    port = int(match[3]) if match[3] else (25 if is_loopback(host) else 587)
    if not 0 < port < 65536:
        raise UsageError(f"poort {port} bestaat niet; kies een poort van 1 tot 65535")
    return Server(host, port)


def credentials(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(user, password) from the environment; None when no user is set.

    Raises:
        UsageError: a user without a password.
    """
    user = env.get(USER_VAR)
    if not user:
        return None
    password = env.get(PASSWORD_VAR)
    if not password:
        raise UsageError(f"{USER_VAR} is gezet maar {PASSWORD_VAR} niet; zet ze allebei")
    return user, password


def draft_name(code: str, taken: set[str]) -> str:
    """A file name for an owner's draft: the code with only safe characters, made unique."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", code).strip("_") or "actiehouder"
    name, n = f"{stem}.eml", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}.eml"
    taken.add(name.lower())
    return name


def write_drafts(outgoing: Sequence[Outgoing], folder: Path, shown: str) -> list[Outcome]:
    """Write each message as ``CODE.eml`` in ``folder`` (made if missing).

    Nothing is overwritten: when any of the files exists already, none is written.

    Args:
        shown: how to name ``folder`` in messages.

    Raises:
        MailError: a file exists already, or the folder cannot be made or written.
    """
    if folder.exists() and not folder.is_dir():
        raise MailError("dit is geen map; kies een map voor de concepten", Location(shown))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        message = f"kan de map niet maken: {describe_os_error(error)}"
        raise MailError(message, Location(shown)) from None
    taken: set[str] = set()
    names = [draft_name(item.code, taken) for item in outgoing]
    existing = [name for name in names if (folder / name).exists() or (folder / name).is_symlink()]
    if existing:
        raise MailError(
            f"bestaat al: {', '.join(existing)}; limnorm overschrijft niets. Kies een andere "
            "map, of verplaats of verwijder die bestanden. Er is niets geschreven",
            Location(shown),
        )
    outcomes = []
    for item, name in zip(outgoing, names, strict=True):
        display = f"{shown.rstrip('/')}/{name}"
        write_file(folder / name, item.message.as_bytes(), name=display, exclusive=True)
        outcomes.append(Outcome(item.code, item.address, True, f"concept geschreven: {display}"))
    return outcomes


def _connection_error(error: OSError) -> str:
    import socket

    if isinstance(error, socket.gaierror):
        return "deze servernaam is onbekend"
    if isinstance(error, ConnectionRefusedError):
        return "de verbinding wordt geweigerd (draait er een mailserver op die poort?)"
    if isinstance(error, TimeoutError):
        return "geen antwoord binnen de tijd"
    return describe_os_error(error)


def _reply(error: Exception) -> str:
    """The server's answer in a refusal, as one line."""
    code = getattr(error, "smtp_code", None)
    text = getattr(error, "smtp_error", b"")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = " ".join(str(text).split())
    return f"{code} {text}".strip() if code else (text or str(error))


def send(
    outgoing: Sequence[Outgoing],
    server: Server,
    *,
    login: tuple[str, str] | None,
    cafile: str | None = None,
    timeout: float = 30,
) -> list[Outcome]:
    """Send each message over one SMTP connection; the outcome per addressee.

    Raises:
        MailError: no connection, no STARTTLS to a host that is not this machine, an
            untrusted certificate, or a refused login: then nothing was sent.
    """
    import smtplib
    import ssl

    where = f"{server.host}:{server.port}"
    nothing = "Er is niets verstuurd."
    try:
        smtp = smtplib.SMTP(server.host, server.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as error:
        detail = _connection_error(error) if isinstance(error, OSError) else _reply(error)
        raise MailError(f"geen verbinding met mailserver {where}: {detail}. {nothing}") from None
    try:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            context = ssl.create_default_context(cafile=cafile)
            try:
                smtp.starttls(context=context)
            except ssl.SSLError as error:
                raise MailError(
                    f"versleutelen met {where} mislukt: {error.reason or error}. Is het "
                    f"certificaat van de server te vertrouwen? Een eigen CA-bestand geeft u "
                    f"met {CAFILE_VAR}. {nothing}"
                ) from None
            smtp.ehlo()
        elif not server.loopback:
            raise MailError(
                f"mailserver {where} biedt geen versleuteling (STARTTLS) aan; limnorm verstuurt "
                f"alleen versleuteld, behalve naar dit apparaat zelf (localhost). {nothing}"
            )
        if login is not None:
            try:
                smtp.login(*login)
            except smtplib.SMTPException as error:
                raise MailError(
                    f"aanmelden bij {where} geweigerd: {_reply(error)}. Controleer {USER_VAR} "
                    f"en {PASSWORD_VAR}. {nothing}"
                ) from None
        return [_send_one(smtp, item) for item in outgoing]
    except (OSError, smtplib.SMTPException) as error:
        detail = _connection_error(error) if isinstance(error, OSError) else _reply(error)
        raise MailError(f"mailserver {where}: {detail}. {nothing}") from None
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _send_one(smtp: object, item: Outgoing) -> Outcome:
    import smtplib

    assert isinstance(smtp, smtplib.SMTP)
    try:
        refused = smtp.send_message(item.message)
    except smtplib.SMTPRecipientsRefused as error:
        answers = "; ".join(
            f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
            for code, text in error.recipients.values()
        )
        return Outcome(item.code, item.address, False, f"geweigerd door de server: {answers}")
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
        return Outcome(item.code, item.address, False, f"geweigerd door de server: {_reply(error)}")
    except smtplib.SMTPServerDisconnected:
        detail = "niet verstuurd: de server verbrak de verbinding"
        return Outcome(item.code, item.address, False, detail)
    if refused:
        return Outcome(item.code, item.address, False, "geweigerd door de server")
    return Outcome(item.code, item.address, True, "verstuurd")
