"""The SIP2 server: one thread per terminal connection, plain TCP or TLS.

Each connection has its own `Session` and its own database connection
(Django keeps one per thread). Requests end with CR, LF or CRLF. A line
longer than protocol.MAX_LINE, or one that does not decode, gets a
resend request (96); an idle connection is closed after the timeout.
Nothing a terminal sends can stop the server: every failure is logged
(without the request, which may hold a PIN) and the connection goes on
or is closed.
"""

from __future__ import annotations

import logging
import socketserver
import ssl
from typing import Any

from django.db import close_old_connections, connection

from sip2 import protocol as P
from sip2.session import Session

log = logging.getLogger("sip2")


class _Connection(socketserver.BaseRequestHandler):
    server: Sip2Server

    def setup(self) -> None:
        self.request.settimeout(self.server.idle_timeout)
        self.buffer = b""

    def handle(self) -> None:
        peer = str(self.client_address[0]) if self.client_address else "?"
        session = Session(peer=peer)
        sock = self.request
        try:
            if self.server.tls is not None:
                sock = self.server.tls.wrap_socket(sock, server_side=True)
                self.request = sock
            for line in self._lines(sock):
                answer: str | None
                if line is None:
                    answer = P.resend(with_checksum=session.checksums)
                else:
                    close_old_connections()
                    answer = session.answer(line.decode(session.encoding, errors="replace"))
                if answer is None:
                    return
                sock.sendall(answer.encode(session.encoding, errors="replace"))
        except TimeoutError:
            log.info("SIP2 connection from %s idle: closed", peer)
        except (ssl.SSLError, OSError) as error:
            log.info("SIP2 connection from %s ended: %s", peer, type(error).__name__)
        finally:
            connection.close()

    def _lines(self, sock: Any) -> Any:
        """Each request line as bytes (without CR/LF), or None for a line
        too long to be a request (its bytes are dropped up to its end)."""
        skipping = False
        while True:
            while True:
                cut = min(
                    (i for i in (self.buffer.find(b"\r"), self.buffer.find(b"\n")) if i >= 0),
                    default=-1,
                )
                if cut < 0:
                    break
                line, self.buffer = self.buffer[:cut], self.buffer[cut + 1 :]
                if skipping:
                    skipping = False
                    yield None
                    continue
                if not line:
                    continue  # the LF of a CRLF, or an empty line
                yield line if len(line) <= P.MAX_LINE else None
            if len(self.buffer) > P.MAX_LINE:
                self.buffer = b""
                skipping = True
            chunk = sock.recv(65536)
            if not chunk:
                return
            self.buffer += chunk


class Sip2Server(socketserver.ThreadingTCPServer):
    """A threaded TCP server; TLS when `certfile` and `keyfile` are set."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        *,
        certfile: str | None = None,
        keyfile: str | None = None,
        idle_timeout: float = 300.0,
    ) -> None:
        self.idle_timeout = idle_timeout
        self.tls: ssl.SSLContext | None = None
        if certfile:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            context.load_cert_chain(certfile, keyfile or None)
            self.tls = context
        super().__init__(address, _Connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.exception(
            "SIP2 connection from %s failed", client_address[0] if client_address else "?"
        )
