"""The SIP2 server: worker processes sharing one listening socket, one
thread per terminal connection in each, plain TCP or TLS.

`serve(server, workers=N)` forks N processes that all accept on the
socket the parent bound: the kernel hands each new connection to one of
them, and the connection stays with it (its `Session` lives there).
Throttled logins and PIN locks are rows in the database, so every
process agrees on them. Each connection has its own `Session` and its
own database connection (Django keeps one per thread).

On SIGTERM (or SIGINT) the parent tells each worker to stop: a worker
stops accepting, lets every connection finish the message it is
answering, closes them, and exits; the parent waits for all of them
(up to `STOP_GRACE` seconds, then kills what is left) and returns. A
worker that dies on its own is replaced.

Requests end with CR, LF or CRLF. A line longer than protocol.MAX_LINE,
or one that does not decode, gets a resend request (96); an idle
connection is closed after the timeout.
Nothing a terminal sends can stop the server: every failure is logged
(without the request, which may hold a PIN) and the connection goes on
or is closed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, connection, connections

from sip2 import protocol as P
from sip2.session import Session

log = logging.getLogger("sip2")

# Seconds a stopping worker gives its connections to finish the message
# in hand, and the parent its workers to exit.
STOP_GRACE = 10.0


class _Connection(socketserver.BaseRequestHandler):
    server: Sip2Server

    def setup(self) -> None:
        self.request.settimeout(self.server.idle_timeout)
        self.buffer = b""
        self.tracked = self.request
        self.server.track(self.tracked)

    def finish(self) -> None:
        self.server.untrack(self.tracked)

    def handle(self) -> None:
        peer = str(self.client_address[0]) if self.client_address else "?"
        session = Session(peer=peer)
        sock = self.request
        try:
            if self.server.tls is not None:
                sock = self.server.tls.wrap_socket(sock, server_side=True)
                self.request = sock
                # Wrapping detached the plain socket: track the wrapper.
                self.server.untrack(self.tracked)
                self.tracked = sock
                self.server.track(sock)
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
                if self.server.stopping:
                    return  # answered; the worker is stopping
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
    request_queue_size = 128

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
        self.stopping = False
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Connection)

    def track(self, sock: socket.socket) -> None:
        with self._open_lock:
            self._open.add(sock)

    def untrack(self, sock: socket.socket) -> None:
        with self._open_lock:
            self._open.discard(sock)

    def open_connections(self) -> int:
        with self._open_lock:
            return len(self._open)

    def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop accepting, then close every connection once it has
        answered the message in hand (a connection waiting for its next
        request is closed at once); wait up to `grace` seconds."""
        self.shutdown()
        self.stopping = True
        with self._open_lock:
            waiting = list(self._open)
        for sock in waiting:
            # Ends the connection's next read: an idle one at once, a
            # busy one after it has sent its answer. The plain socket's
            # shutdown, also under TLS: SSLSocket.shutdown would drop the
            # TLS state and let a busy connection's answer go out in clear.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RD)
        deadline = time.monotonic() + grace
        while self.open_connections() and time.monotonic() < deadline:
            time.sleep(0.02)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.exception(
            "SIP2 connection from %s failed", client_address[0] if client_address else "?"
        )


def serve(
    server: Sip2Server,
    *,
    workers: int,
    poll_interval: float = 0.5,
    on_start: Callable[[list[int]], None] | None = None,
) -> None:
    """Serve until SIGTERM or SIGINT: in this process when `workers` is 1,
    otherwise in `workers` forked processes sharing the server's socket.
    `on_start` gets the workers' process ids once they run."""
    stop_requested = threading.Event()

    def request_stop(*_: object) -> None:
        stop_requested.set()

    if workers <= 1:
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": poll_interval}, daemon=True
        )
        previous = _on_stop_signals(request_stop)
        try:
            thread.start()
            if on_start:
                on_start([os.getpid()])
            while not stop_requested.wait(0.5):
                pass
            server.stop()
        finally:
            _restore(previous)
        return

    # Each worker's accept() must not block when another took the
    # connection first.
    server.socket.setblocking(False)
    connections.close_all()  # no database connection crosses a fork
    children: dict[int, int] = {}  # pid -> worker number
    previous = _on_stop_signals(request_stop)
    try:
        for number in range(workers):
            children[_fork_worker(server, number, poll_interval)] = number
        if on_start:
            on_start(sorted(children))
        while not stop_requested.is_set():
            stop_requested.wait(0.2)
            for pid, number in _exited(children):
                if not stop_requested.is_set():
                    log.warning("SIP2 worker %s (pid %s) exited: replacing it", number, pid)
                    children[_fork_worker(server, number, poll_interval)] = number
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE + 5
        while children and time.monotonic() < deadline:
            _exited(children)
            time.sleep(0.05)
        for pid in children:
            log.warning("SIP2 worker (pid %s) did not stop: killing it", pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
    finally:
        _restore(previous)


def _fork_worker(server: Sip2Server, number: int, poll_interval: float) -> int:
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    # The worker: serve until told to stop, then let its connections
    # finish and leave without running the parent's exit handlers.
    code = 0
    try:
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        signal.signal(signal.SIGINT, lambda *_: stopping.set())
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": poll_interval}, daemon=True
        )
        thread.start()
        while not stopping.wait(0.5):
            if os.getppid() != parent:
                break  # the parent is gone
        server.stop()
    except BaseException:
        log.exception("SIP2 worker %s failed", number)
        code = 1
    finally:
        with contextlib.suppress(Exception):
            connections.close_all()
        logging.shutdown()
        os._exit(code)
    return 0  # not reached


def _exited(children: dict[int, int]) -> list[tuple[int, int]]:
    """Reap the workers that have exited; remove them from `children`."""
    gone = []
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            gone.append((pid, children.pop(pid)))
    return gone


def _on_stop_signals(handler: Callable[..., None]) -> dict[int, Any]:
    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, handler)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)
