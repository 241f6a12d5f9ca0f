"""The SIP2 server as tests run it: `manage.py sip2_server` in a
subprocess on a free loopback port when the suite runs on PostgreSQL (the
subprocess reaches the test database; two worker processes unless told
otherwise), a server thread in this process on
SQLite (whose in-memory test database no other process can open). Either
way its log is kept, to check for tracebacks."""

from __future__ import annotations

import contextlib
import io
import logging
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from sip2.server import Sip2Server
from tests.retention.subprocess_env import PYTHON, ROOT, subprocess_env


@dataclass
class Running:
    port: int
    tls: bool
    _log: io.StringIO = field(default_factory=io.StringIO)
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    def log(self) -> str:
        if self.log_path is not None:
            return self.log_path.read_text(errors="replace")
        return self._log.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, proc: subprocess.Popen[bytes] | None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("sip2_server exited")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise RuntimeError("sip2_server did not start")


@contextlib.contextmanager
def sip2_server(
    tmp_path: Path,
    *,
    certfile: str = "",
    keyfile: str = "",
    idle_timeout: float = 30,
    workers: int = 2,
) -> Iterator[Running]:
    port = free_port()
    if connection.vendor == "postgresql":
        log_path = tmp_path / "sip2_server.log"
        command = [PYTHON, "manage.py", "sip2_server", "--host", "127.0.0.1", "--port", str(port)]
        command += ["--idle-timeout", str(idle_timeout), "--workers", str(workers)]
        if certfile:
            command += ["--certfile", certfile, "--keyfile", keyfile]
        with log_path.open("wb") as out:
            proc = subprocess.Popen(
                command, cwd=ROOT, env=subprocess_env(), stdout=out, stderr=subprocess.STDOUT
            )
        try:
            _wait_for(port, proc)
            yield Running(port=port, tls=bool(certfile), proc=proc, log_path=log_path)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        return
    running = Running(port=port, tls=bool(certfile))
    handler = logging.StreamHandler(running._log)
    logging.getLogger().addHandler(handler)
    server = Sip2Server(
        ("127.0.0.1", port),
        certfile=certfile or None,
        keyfile=keyfile or None,
        idle_timeout=idle_timeout,
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        _wait_for(port, None)
        yield running
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
        logging.getLogger().removeHandler(handler)


def self_signed(tmp_path: Path) -> tuple[str, str]:
    """A throw-away certificate for 127.0.0.1 (CN and IP SAN), made with
    the `cryptography` package."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certfile = tmp_path / "sip2-cert.pem"
    keyfile = tmp_path / "sip2-key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(certfile), str(keyfile)
