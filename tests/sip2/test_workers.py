"""The SIP2 server's worker processes: they share one port, each
connection keeps its session in the worker that accepted it, a worker
that dies is replaced, and SIGTERM stops them all gracefully (a message
being answered is answered, then every connection is closed)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import ssl
import time

import pytest
from django.db import connection, transaction

from circulation.models import Item, Loan
from sip2.server import STOP_GRACE
from tests import factories
from tests.sip2.helpers import DATE, PASSWORD, PIN, patron_with_pin, signed, terminal
from tests.sip2.running import self_signed, sip2_server
from tests.sip2.test_robustness import Line


def _worker_pids(running) -> list[int]:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"workers? \(pid ([\d, ]+)\)", running.log())
        if found:
            return [int(pid) for pid in found.group(1).split(", ")]
        time.sleep(0.1)
    raise AssertionError(f"no worker pids in the banner: {running.log()!r}")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return bool(cursor.fetchone()[0])


def _checkout(card: str, item: str) -> bytes:
    return signed(f"11YN{DATE}{' ' * 18}AOmain|AA{card}|AB{item}|AD{PIN}|").encode() + b"\r"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_share_the_port_and_each_connection_keeps_its_session(tmp_path):
    branch = factories.BranchFactory(code="main")
    for n in range(6):
        terminal(branch, login=f"kiosk{n}")
    with sip2_server(tmp_path, workers=3) as running:
        pids = _worker_pids(running)
        assert len(pids) == 3 and running.proc is not None
        assert running.proc.pid not in pids and all(_alive(pid) for pid in pids)
        lines = [Line(running.port) for _ in range(6)]
        for n, line in enumerate(lines):
            line.login(f"kiosk{n}")
        # Logged in on whichever worker took it, each connection is served
        # there message after message.
        for _ in range(3):
            for line in lines:
                answer = line.send(signed("9900802.00").encode() + b"\r")
                assert answer is not None and answer.startswith("98Y"), answer
        for line in lines:
            line.close()
    assert "Traceback" not in running.log()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_that_dies_is_replaced_and_the_others_go_on(tmp_path):
    branch = factories.BranchFactory(code="main")
    terminal(branch)
    with sip2_server(tmp_path, workers=2) as running:
        first, second = _worker_pids(running)
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "replacing it" not in running.log():
            time.sleep(0.1)
        assert "replacing it" in running.log()
        assert _alive(second)
        # New connections are served (by the survivor or the replacement).
        for _ in range(4):
            line = Line(running.port)
            line.login()
            assert (line.send(signed("9900802.00").encode() + b"\r") or "").startswith("98Y")
            line.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sigterm_answers_the_message_in_hand_then_closes_every_connection_and_exits(tmp_path):
    branch = factories.BranchFactory(code="main")
    terminal(branch)
    terminal(branch, login="idle")
    card = patron_with_pin(branch)
    item = factories.ItemFactory(home_branch=branch)
    with sip2_server(tmp_path, workers=2) as running:
        assert running.proc is not None
        pids = _worker_pids(running)
        busy, idle = Line(running.port), Line(running.port)
        busy.login()
        idle.login("idle")
        with transaction.atomic():
            # Hold the item's row so the checkout waits inside its worker.
            Item.objects.select_for_update().get(pk=item.pk)
            busy.sock.sendall(_checkout(card.barcode, item.barcode))
            deadline = time.monotonic() + 20
            while not _waiting_on_a_lock() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _waiting_on_a_lock(), "the checkout never reached the item's row"
            running.proc.send_signal(signal.SIGTERM)
            # The idle connection is closed at once, cleanly.
            idle.sock.settimeout(10)
            assert idle.sock.recv(100) == b""
            assert running.proc.poll() is None  # still finishing the checkout
        # The lock is released: the checkout is answered, then the
        # connection is closed.
        answer = busy.send(b"")
        assert answer is not None and answer.startswith("121"), answer
        assert busy.sock.recv(100) == b""
        assert running.proc.wait(timeout=30) == 0
        busy.close()
        idle.close()
    assert not any(_alive(pid) for pid in pids)
    assert Loan.objects.filter(item=item, returned_at__isnull=True).count() == 1
    log = running.log()
    assert "Traceback" not in log
    assert "did not stop" not in log


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sigterm_closes_a_tls_connection_at_once_too(tmp_path):
    branch = factories.BranchFactory(code="main")
    terminal(branch)
    certfile, keyfile = self_signed(tmp_path)
    with sip2_server(tmp_path, certfile=certfile, keyfile=keyfile, workers=2) as running:
        assert running.proc is not None
        context = ssl.create_default_context(cafile=certfile)
        raw = socket.create_connection(("127.0.0.1", running.port), timeout=20)
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            tls.sendall(signed(f"9300CNkiosk1|CO{PASSWORD}|").encode() + b"\r")
            assert tls.recv(100).startswith(b"941")
            started = time.monotonic()
            running.proc.send_signal(signal.SIGTERM)
            # Ended: at the end of the stream, or with TLS's own alert
            # (the server stops reading; no close_notify is exchanged).
            with contextlib.suppress(ssl.SSLError):
                assert tls.recv(100) == b""
            assert running.proc.wait(timeout=30) == 0
            # Not held for the grace period: the connection was let go as
            # soon as it had nothing in hand.
            assert time.monotonic() - started < STOP_GRACE
    assert "Traceback" not in running.log()
