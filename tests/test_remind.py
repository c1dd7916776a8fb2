"""``limnorm remind``: one e-mail per actiehouder, as drafts (.eml parsed with the stdlib
``email`` package) or sent through a real SMTP server (aiosmtpd) on this machine."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from limnorm.core.address import is_email_address
from limnorm.files.mailer import Server, is_loopback, parse_server

from .conftest import Invoke

PLAN = """
organisatie: Gemeente Proef
actiehouders:
  OOV: {naam: Openbare Orde en Veiligheid, email: oov@proef.nl}
  HRM: {naam: Human Resource Management, email: hrm@proef.nl}
  F&I: Financiën
themas:
  - nr: 1
    titel: Bewustwording en organisatie
    acties:
      - {id: "1.1", actie: Weerbaarheidsscan, wanneer: Q3 24, actiehouder: OOV,
         toelichting: "Met <b>RIEC</b>"}
      - {id: "1.2", actie: Sessie college, wanneer: 15-10-24, actiehouder: OOV/HRM}
      - {id: "1.3", actie: Gedragscode, wanneer: Q2 24, actiehouder: HRM, status: gereed,
         gereed_op: 2024-06-01}
      - {id: "1.4", actie: Zonder eigenaar, wanneer: Q2 24}
      - {id: "1.5", actie: Later, wanneer: Q2 25, actiehouder: OOV}
      - {id: "1.6", actie: Begroting, wanneer: Q4 25, actiehouder: F&I}
"""

AS_OF = ["--as-of", "2024-10-01"]


class Received(NamedTuple):
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    login: bytes | None


class Handler:
    """Keeps what arrives; refuses recipients starting with ``refuse``."""

    def __init__(self) -> None:
        self.received: list[Received] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("hrm"):
            return "550 5.1.1 Onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        login = session.auth_data if session.authenticated else None
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, login))
        return "250 OK"


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(name="smtp_server")
def _smtp_server() -> Iterator[Callable[..., tuple[Handler, str]]]:
    """Start aiosmtpd servers on this machine; stopped after the test."""
    controllers: list[Controller] = []

    def start(host: str = "127.0.0.1", **options: Any) -> tuple[Handler, str]:
        handler = Handler()
        port = _free_port(host)
        controller = Controller(handler, hostname=host, port=port, **options)
        controller.start()
        controllers.append(controller)
        return handler, f"{host}:{port}"

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture(name="plan_dir")
def _plan_dir(write_plan: Callable[[str], Path]) -> Path:
    return write_plan(PLAN)


def _parse(path: Path) -> EmailMessage:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _bodies(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None
    assert html is not None
    return text.get_content(), html.get_content()


def test_preview_shows_each_owner_and_sends_nothing(invoke: Invoke, plan_dir: Path) -> None:
    """Without --naar or --verstuur: what each owner would get, on stdout; HRM only for
    its shared action (its finished one is not mentioned), F&I (nothing due) and the
    action without owner nowhere."""
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Aan: Openbare Orde en Veiligheid <oov@proef.nl>\n"
        "Onderwerp: Spoorboekje Gemeente Proef: 1 actie te laat, 1 binnenkort (OOV)\n\n"
        "Beste Openbare Orde en Veiligheid,\n"
    )
    assert (
        "Aan: Human Resource Management <hrm@proef.nl>\n"
        "Onderwerp: Spoorboekje Gemeente Proef: 1 actie binnenkort (HRM)\n" in out
    )
    assert (
        "Te laat (1):\n- 1.1 Weerbaarheidsscan\n  wanneer: Q3 24 (deadline 30 sep 2024, 1 dag te laat)\n  toelichting: Met <b>RIEC</b>\n"
        in out
    )
    assert (
        "Binnenkort, tot en met 31 okt 2024 (1):\n- 1.2 Sessie college\n  wanneer: 15-10-24 (deadline 15 okt 2024, over 14 dagen)\n  samen met: OOV, HRM\n"
        in out
    )
    assert all(len(line) <= 76 for line in out.splitlines() if not line.startswith("Onderwerp:"))
    assert "Zonder eigenaar" not in out
    assert "Gedragscode" not in out
    assert "F&I" not in out
    assert "niets verstuurd" in result.stderr


def test_drafts_are_rfc5322_with_text_and_html(
    invoke: Invoke, plan_dir: Path, tmp_path: Path
) -> None:
    """--naar writes one .eml per owner: To, From, Subject, Date, X-Unsent; plain text and
    an HTML alternative with escaped text and nothing external; never overwritten."""
    folder = tmp_path / "concepten"
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--naar", str(folder),
                     "--van", "adviseur@proef.nl"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["HRM.eml", "OOV.eml"]
    assert f"OOV <oov@proef.nl>: concept geschreven: {folder}/OOV.eml" in result.stdout
    raw = (folder / "OOV.eml").read_bytes()
    assert b"\r\n" in raw
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    message = _parse(folder / "OOV.eml")
    assert message["To"] == "Openbare Orde en Veiligheid <oov@proef.nl>"
    assert message["From"] == "adviseur@proef.nl"
    assert message["Subject"] == "Spoorboekje Gemeente Proef: 1 actie te laat, 1 binnenkort (OOV)"
    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime.tzinfo is not None
    assert message["Message-ID"].endswith("@proef.nl>")
    text, html = _bodies(message)
    assert "- 1.1 Weerbaarheidsscan" in text
    assert "Met &lt;b&gt;RIEC&lt;/b&gt;" in html
    assert "<b>" not in html
    lowered = html.lower()
    for external in ("<img", "src=", "href=", "http:", "https:", "url(", "<link", "<script"):
        assert external not in lowered, external
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--naar", str(folder)])
    assert again.exit_code == 1
    assert "bestaat al: OOV.eml, HRM.eml; limnorm overschrijft niets" in again.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_sends_one_mail_per_owner_to_a_local_server(
    invoke: Invoke, plan_dir: Path, smtp_server: Callable[..., tuple[Handler, str]]
) -> None:
    """--verstuur through aiosmtpd on 127.0.0.1 (no TLS needed on this machine): the server
    refuses HRM, gets OOV's mail; the report says per recipient what happened; exit 1."""
    handler, address = smtp_server()
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--verstuur", "--smtp", address,
                     "--van", "adviseur@proef.nl"])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "OOV <oov@proef.nl>: verstuurd\n"
        "HRM <hrm@proef.nl>: geweigerd door de server: 550 5.1.1 Onbekende ontvanger\n"
    )
    [received] = handler.received
    assert received.mail_from == "adviseur@proef.nl"
    assert received.rcpt_tos == ["oov@proef.nl"]
    assert received.message["X-Unsent"] is None
    text, _ = _bodies(received.message)
    assert "1.2 Sessie college" in text


def test_nothing_due_sends_nothing(
    invoke: Invoke, plan_dir: Path, smtp_server: Callable[..., tuple[Handler, str]]
) -> None:
    """Nothing late or due: a message, exit 0, no connection used."""
    handler, address = smtp_server()
    result = invoke(["remind", "--data", str(plan_dir), "--as-of", "2024-01-01", "--within", "7d",
                     "--verstuur", "--smtp", address, "--van", "a@proef.nl"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "niemand heeft acties te laat of binnenkort (tot en met 8 jan 2024)" in result.stderr
    assert handler.received == []


def test_actions_without_owner_are_named_not_hidden(invoke: Invoke, plan_dir: Path) -> None:
    """An action without an actiehouder cannot be mailed: ``remind`` (with or without
    ``--owner -``) says so on stderr and lists it, rather than claiming nobody has
    anything due; dates are Dutch like everywhere else. Exit 0: nothing failed."""
    notice = (
        "limnorm: 1 actie zonder actiehouder is te laat of binnenkort; daarover gaat geen "
        "e-mail. Geef ze een actiehouder (limnorm set ID actiehouder CODE):\n"
        "  1.4 Zonder eigenaar: deadline 30 jun 2024, 93 dagen te laat\n"
    )
    only = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--owner", "-"])
    assert only.exit_code == 0, only.output
    assert only.stdout == ""
    assert only.stderr == notice
    everyone = invoke(["remind", "--data", str(plan_dir), *AS_OF])
    assert everyone.exit_code == 0, everyone.output
    assert everyone.stderr.startswith(notice)
    assert "Zonder eigenaar" not in everyone.stdout
    quiet = invoke(["remind", "--data", str(plan_dir), "--as-of", "2024-01-01", "--within", "7d",
                    "--owner", "-"])  # fmt: skip
    assert quiet.stderr == (
        "limnorm: geen actie zonder actiehouder is te laat of binnenkort (tot en met "
        "8 jan 2024); er is niets te versturen.\n"
    )


def test_refused_when_an_addressee_has_no_address(
    invoke: Invoke,
    write_plan: Callable[[str], Path],
    smtp_server: Callable[..., tuple[Handler, str]],
) -> None:
    """F&I has something due and no address: nothing is sent to anyone; --owner sends the
    others."""
    folder = write_plan(
        PLAN.replace("wanneer: Q4 25, actiehouder: F&I", "wanneer: 20-10-24, actiehouder: F&I")
    )
    handler, address = smtp_server()
    args = [
        "remind",
        "--data",
        str(folder),
        *AS_OF,
        "--verstuur",
        "--smtp",
        address,
        "--van",
        "a@proef.nl",
    ]
    result = invoke(args)
    assert result.exit_code == 1
    assert "niet iedereen heeft een bruikbaar e-mailadres: F&I (geen adres)" in result.stderr
    assert "Er is niets verstuurd." in result.stderr
    assert handler.received == []
    only = invoke([*args, "--owner", "oov"])
    assert only.exit_code == 0, only.output
    assert [r.rcpt_tos for r in handler.received] == [["oov@proef.nl"]]


def _non_loopback_address() -> str | None:
    """An address of this machine that is not loopback (the source address the routing
    table picks; a UDP connect sends nothing), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            host: str = probe.getsockname()[0]
    except OSError:
        return None
    return None if ipaddress.ip_address(host).is_loopback else host


def test_refuses_a_server_elsewhere_without_starttls(
    invoke: Invoke, plan_dir: Path, smtp_server: Callable[..., tuple[Handler, str]]
) -> None:
    """A server on an address that is not loopback (this machine's own network address)
    that offers no STARTTLS: refused after EHLO, before any mail; nothing sent."""
    host = _non_loopback_address()
    if host is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    handler, address = smtp_server(host)
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--verstuur", "--smtp", address,
                     "--van", "a@proef.nl"])  # fmt: skip
    assert result.exit_code == 1
    assert f"mailserver {address} biedt geen versleuteling (STARTTLS) aan" in result.stderr
    assert "Er is niets verstuurd." in result.stderr
    assert handler.received == []


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made for this test."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "limnorm test")])
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * 30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_starttls_and_login_from_the_environment(
    invoke: Invoke, plan_dir: Path, tmp_path: Path, smtp_server: Callable[..., tuple[Handler, str]]
) -> None:
    """A server that requires STARTTLS and login: limnorm encrypts (trusting the test's CA
    through LIMNORM_SMTP_CAFILE), logs in with the user and password from the environment,
    and sends; without the CA file the certificate is not trusted and nothing is sent."""
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        ok = (data.login, data.password) == (b"adviseur", b"geheim wachtwoord")
        # handled=False: the server answers 535 itself on a refusal.
        return AuthResult(success=ok, handled=False, auth_data=data.login if ok else None)

    handler, address = smtp_server(
        tls_context=context, require_starttls=True, authenticator=authenticator,
        auth_required=True, auth_require_tls=True,
    )  # fmt: skip
    args = ["remind", "--data", str(plan_dir), *AS_OF, "--owner", "OOV", "--verstuur",
            "--smtp", address, "--van", "adviseur@proef.nl"]  # fmt: skip
    env = {"LIMNORM_SMTP_USER": "adviseur", "LIMNORM_SMTP_PASSWORD": "geheim wachtwoord"}
    untrusted = invoke(args, env=env)
    assert untrusted.exit_code == 1
    assert f"versleutelen met {address} mislukt" in untrusted.stderr
    assert handler.received == []
    assert logins == []  # the password never went over an untrusted connection

    result = invoke(args, env={**env, "LIMNORM_SMTP_CAFILE": str(cert)})
    assert result.exit_code == 0, result.output
    assert result.stdout == "OOV <oov@proef.nl>: verstuurd\n"
    [received] = handler.received
    assert received.login == b"adviseur"

    wrong = invoke(
        args, env={**env, "LIMNORM_SMTP_PASSWORD": "fout", "LIMNORM_SMTP_CAFILE": str(cert)}
    )
    assert wrong.exit_code == 1
    assert f"aanmelden bij {address} geweigerd: 535" in wrong.stderr
    assert len(handler.received) == 1


def test_server_that_does_not_answer(invoke: Invoke, plan_dir: Path) -> None:
    """A port where nothing listens: a Dutch message, nothing sent."""
    port = _free_port("127.0.0.1")
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--verstuur", "--smtp",
                     f"127.0.0.1:{port}", "--van", "a@proef.nl"])  # fmt: skip
    assert result.exit_code == 1
    assert "de verbinding wordt geweigerd" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--smtp", "localhost"], "--smtp hoort bij --verstuur"),
        (
            ["--verstuur", "--van", "a@proef.nl"],
            "--verstuur heeft --smtp HOST[:POORT] en --van ADRES nodig",
        ),
        (["--verstuur", "--smtp", "localhost"], "--verstuur heeft --smtp"),
        (
            ["--verstuur", "--smtp", "localhost", "--van", "adviseur"],
            "--van 'adviseur' is geen e-mailadres",
        ),
        (["--verstuur", "--smtp", "a b", "--van", "a@proef.nl"], "'a b' is geen mailserver"),
    ],
)
def test_usage_errors(invoke: Invoke, plan_dir: Path, args: list[str], message: str) -> None:
    """Wrong combinations are refused before anything is read or sent."""
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_password_user_without_password(invoke: Invoke, plan_dir: Path) -> None:
    """A user without a password in the environment is refused."""
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--verstuur", "--smtp",
                     "localhost", "--van", "a@proef.nl"], env={"LIMNORM_SMTP_USER": "x"})  # fmt: skip
    assert result.exit_code == 2
    assert "LIMNORM_SMTP_USER is gezet maar LIMNORM_SMTP_PASSWORD niet" in result.stderr


@pytest.mark.parametrize(
    ("text", "server"),
    [
        ("smtp.gemeente.nl", Server("smtp.gemeente.nl", 587)),
        ("smtp.gemeente.nl:465", Server("smtp.gemeente.nl", 465)),
        ("localhost", Server("localhost", 25)),
        ("127.0.0.1:2525", Server("127.0.0.1", 2525)),
        ("[::1]", Server("::1", 25)),
        ("[2001:db8::1]:587", Server("2001:db8::1", 587)),
    ],
)
def test_parse_server(text: str, server: Server) -> None:
    """HOST[:PORT] with the usual default ports."""
    assert parse_server(text) == server


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True), ("LOCALHOST.", True), ("127.0.0.1", True), ("127.8.9.1", True),
        ("::1", True), ("192.0.2.2", False), ("smtp.gemeente.nl", False),
        ("localhost.gemeente.nl", False), ("::ffff:127.0.0.1", False),
    ],
)  # fmt: skip
def test_loopback(host: str, loopback: bool) -> None:
    """Only names for this machine itself count; other names are not looked up."""
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("oov@gemeente.nl", True), ("a.b-c+d@sub.gemeente.nl", True), ("x@y.z", False),
        ("oov@gemeente", False), ("oov gemeente.nl", False), ("Naam <oov@gemeente.nl>", False),
        ("oov@@gemeente.nl", False), ("oov@gemeente..nl", False), (".oov@gemeente.nl", False),
        ("oov@-gemeente.nl", False), ("", False), ("oov@gemeente.nl ", False),
    ],
)  # fmt: skip
def test_address_syntax(text: str, valid: bool) -> None:
    """Plain addresses pass; display names, spaces and broken domains do not."""
    assert is_email_address(text) is valid


def test_only_remind_imports_mail_modules() -> None:
    """A plain command never imports smtplib, ssl's socket layer or the email package."""
    code = (
        "import sys; import limnorm.cli.app, limnorm.queries.remind, limnorm.output.mail; "
        "print(sorted(m for m in ('smtplib', 'email.message', 'email.mime', 'limnorm.files.mailer') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_reports_an_address_that_is_not_one(
    invoke: Invoke, write_plan: Callable[[str], Path]
) -> None:
    """A mistyped address is a fout at its line and column; the other commands still run,
    and remind refuses to send to that owner."""
    text = PLAN.replace("email: hrm@proef.nl", "email: hrm proef.nl")
    folder = write_plan(text)
    line = text.lstrip().splitlines()[3]
    column = line.index("hrm proef.nl") + 1
    result = invoke(["check", "--data", str(folder), *AS_OF])
    assert result.exit_code == 1
    assert (
        f"spoorboekje.yaml:4:{column}: fout: actiehouder 'HRM': 'hrm proef.nl' is geen e-mailadres; "
        "schrijf alleen het adres, zoals oov@gemeente.nl" in " ".join(result.stdout.split())
    )
    args = ["remind", "--data", str(folder), *AS_OF, "--verstuur", "--smtp", "localhost:1",
            "--van", "a@proef.nl"]  # fmt: skip
    refused = invoke(args)
    assert refused.exit_code == 1
    assert "HRM (ongeldig adres hrm proef.nl)" in refused.stderr


def test_schema_accepts_both_forms_of_owner() -> None:
    """The JSON Schema takes 'OOV: naam' and 'OOV: {naam, email}', and nothing else in a block."""
    jsonschema = pytest.importorskip("jsonschema")
    from limnorm.files.schema import plan_schema

    plan = {
        "organisatie": "X",
        "actiehouders": {"OOV": "Openbare Orde", "HRM": {"naam": "HRM", "email": "h@x.nl"}},
        "themas": [],
    }
    jsonschema.validate(plan, plan_schema())
    plan["actiehouders"] = {"HRM": {"naam": "HRM", "adres": "h@x.nl"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, plan_schema())


def test_drafts_into_a_file_are_refused(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    """--naar naming an existing file: refused, the file untouched."""
    target = tmp_path / "brief.txt"
    target.write_bytes(b"eigen tekst")
    result = invoke(["remind", "--data", str(plan_dir), *AS_OF, "--naar", str(target)])
    assert result.exit_code == 1
    assert f"{target}: dit is geen map" in result.stderr
    assert target.read_bytes() == b"eigen tekst"
