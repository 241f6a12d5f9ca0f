"""SIP2: 50 self-check terminals at once, each a patron information (63),
a checkout (11) and a checkin (09) in a loop, over real TCP sockets.

How it is served: `sip2.server.Sip2Server` in this process (a thread per
connection, as `sip2_server` runs it) on a loopback port; 50 client
threads, each logged in as its own terminal (no PIN required, checksums
on), send requests and wait for each answer. The figures are the time
from sending a request to reading its answer.

Against what: the desk's scan (the scan benchmark's `desk:scan`, Django's
test Client in process, full middleware), one at a time, measured before
the terminals start. The ratio compares one SIP2 message under 50
terminals with one desk scan alone; a second ratio, one terminal alone,
compares like with like.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from typing import Any

NAME = "sip2"
TERMINALS = 50
PASSWORD = "bench-terminal"
DATE = "20260101    120000"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def _checksummed(text: str, seq: int) -> bytes:
    from sip2 import protocol as P

    body = f"{text}AY{seq % 10}AZ"
    return (body + P.checksum(body) + "\r").encode()


def _bench_admin():  # type: ignore[no-untyped-def]
    """An administrator login for creating the bench terminals (once)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from libraryservice.roles import Role

    user, created = get_user_model().objects.get_or_create(username="bench-admin")
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.ADMINISTRATOR.value))
    return get_user_model().objects.get(pk=user.pk)


def terminals(n: int) -> list[str]:
    """The bench terminals' logins (created once, password reset each run)."""
    from django.contrib.auth.hashers import make_password

    from libraryservice.models import Branch
    from sip2.models import LoginThrottle, Terminal
    from sip2.services import terminal_create

    branches = list(Branch.objects.order_by("pk"))
    admin = _bench_admin()
    logins = []
    for i in range(n):
        login = f"bench-kiosk-{i:02d}"
        if not Terminal.objects.filter(login=login).exists():
            terminal_create(
                login=login,
                label=f"Bench kiosk {i:02d}",
                kind=Terminal.Kind.SELF_CHECK,
                branch=branches[i % len(branches)],
                password=PASSWORD,
                acting_user=admin,
                requires_pin=False,
            )
        logins.append(login)
    Terminal.objects.filter(login__in=logins).update(
        password_hash=make_password(PASSWORD), revoked_at=None
    )
    LoginThrottle.objects.all().delete()
    return logins


def _pairs(n: int, seed: int) -> list[tuple[str, str]]:
    """(card, item) pairs: active cards, available items nobody holds."""
    from django.db import connection

    from bench.bench_scan import sample_barcodes

    cards = sample_barcodes(n, seed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.barcode FROM circulation_item i WHERE i.status = 'available' "
            "AND NOT EXISTS (SELECT 1 FROM circulation_hold h WHERE h.item_id = i.id) "
            "ORDER BY md5(i.barcode || %s) LIMIT %s",
            [str(seed), n],
        )
        items = [row[0] for row in cursor.fetchall()]
    return list(zip(cards, items, strict=False))


class _Kiosk(threading.Thread):
    def __init__(self, port: int, login: str, pairs: list[tuple[str, str]], rounds: int) -> None:
        super().__init__(daemon=True)
        self.port, self.login, self.pairs, self.rounds = port, login, pairs, rounds
        self.timings: dict[str, list[float]] = {"63": [], "11": [], "09": []}
        self.refused = 0
        self.error: str | None = None

    def _ask(self, sock: socket.socket, data: bytes) -> str:
        t0 = time.perf_counter()
        sock.sendall(data)
        buffer = b""
        while not buffer.endswith(b"\r"):
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            buffer += chunk
        self.last_ms = (time.perf_counter() - t0) * 1000
        return buffer.decode()

    def run(self) -> None:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
                seq = 0
                answer = self._ask(sock, _checksummed(f"9300CN{self.login}|CO{PASSWORD}|", seq))
                if not answer.startswith("941"):
                    raise RuntimeError(f"login refused: {answer!r}")
                for n in range(self.rounds):
                    card, item = self.pairs[n % len(self.pairs)]
                    for code, text in (
                        ("63", f"63000{DATE}{' ' * 10}AOx|AA{card}|"),
                        ("11", f"11YN{DATE}{' ' * 18}AOx|AA{card}|AB{item}|"),
                        ("09", f"09N{DATE}{DATE}APx|AOx|AB{item}|AC|"),
                    ):
                        seq += 1
                        answer = self._ask(sock, _checksummed(text, seq))
                        self.timings[code].append(self.last_ms)
                        if code == "11" and answer.startswith("120"):
                            self.refused += 1
        except (OSError, RuntimeError) as error:  # reported: the others go on
            self.error = f"{type(error).__name__}: {error}"


def _desk_scans(barcodes: list[str], rounds: int) -> list[float]:
    from django.test import Client
    from django.urls import reverse

    from bench.bench_scan import FORM, HEADERS, _form, desk_user

    client = Client()
    client.force_login(desk_user())
    url = reverse("desk:scan")
    timings = []
    for n in range(rounds):
        t0 = time.perf_counter()
        client.post(url, _form(barcodes[n % len(barcodes)]), content_type=FORM, **HEADERS)
        timings.append((time.perf_counter() - t0) * 1000)
    return timings


def _load(
    port: int, logins: list[str], pairs: list[tuple[str, str]], rounds: int
) -> dict[str, Any]:
    share = max(1, len(pairs) // len(logins))
    kiosks = [
        _Kiosk(port, login, pairs[i * share : (i + 1) * share] or pairs, rounds)
        for i, login in enumerate(logins)
    ]
    t0 = time.perf_counter()
    for kiosk in kiosks:
        kiosk.start()
    for kiosk in kiosks:
        kiosk.join(600)
    elapsed = time.perf_counter() - t0
    every = [ms for k in kiosks for code in k.timings for ms in k.timings[code]]
    out: dict[str, Any] = {
        "messages": len(every),
        "messages_per_second": round(len(every) / elapsed, 1),
        "p50_ms": round(statistics.median(every), 2) if every else None,
        "p95_ms": round(percentile(every, 95), 2) if every else None,
        "checkouts_refused": sum(k.refused for k in kiosks),
        "errors": sorted({k.error for k in kiosks if k.error}),
    }
    for code in ("63", "11", "09"):
        values = [ms for k in kiosks for ms in k.timings[code]]
        if values:
            out[f"{code}_p50_ms"] = round(statistics.median(values), 2)
            out[f"{code}_p95_ms"] = round(percentile(values, 95), 2)
    return out


def _forget(logins: list[str]) -> None:
    """Take back what the terminals wrote (their loans, fees and access-log
    entries) and put their items back, so the dataset keeps its counts."""
    from auditlog.models import LogEntry

    from circulation.models import Fee, Item, Loan
    from sip2.models import Terminal

    users = list(Terminal.objects.filter(login__in=logins).values_list("user_id", flat=True))
    loans = Loan.objects.filter(checked_out_by_id__in=users)
    Item.objects.filter(loans__in=loans, status=Item.Status.ON_LOAN).update(
        status=Item.Status.AVAILABLE
    )
    Fee.objects.filter(loan__in=loans).delete()
    loans.delete()
    LogEntry.objects.filter(actor_id__in=users).delete()


def run(args: Any) -> dict[str, Any]:
    from sip2.server import Sip2Server

    seed = 2026
    logins = terminals(TERMINALS)
    rounds = 3 if args.quick else 20 * args.repeat
    pairs = _pairs(TERMINALS * 4, seed)
    if not pairs:
        raise RuntimeError("the dataset has no available item")
    barcodes = [card for card, _ in pairs]
    _desk_scans(barcodes, 20)  # warm-up
    desk = _desk_scans(barcodes, 50 if args.quick else 400)
    server = Sip2Server(("127.0.0.1", 0), idle_timeout=600)
    port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        alone = _load(port, logins[:1], pairs[:4], rounds * 5)
        many = _load(port, logins, pairs, rounds)
    finally:
        server.shutdown()
        server.server_close()
        _forget(logins)
    desk_p50 = statistics.median(desk)
    return {
        "served_by": "sip2.server.Sip2Server in process, loopback TCP, checksums on",
        "terminals": len(logins),
        "desk_scan_p50_ms": round(desk_p50, 2),
        "desk_scan_p95_ms": round(percentile(desk, 95), 2),
        "one_terminal": alone,
        "fifty_terminals": many,
        "ratio_p50_one_terminal_to_desk_scan": (
            round(alone["p50_ms"] / desk_p50, 2) if alone["p50_ms"] else None
        ),
        "ratio_p50_fifty_terminals_to_desk_scan": (
            round(many["p50_ms"] / desk_p50, 2) if many["p50_ms"] else None
        ),
        "seed": seed,
    }
