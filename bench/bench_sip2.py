"""SIP2: self-check terminals, each a patron information (63), a checkout
(11) and a checkin (09) in a loop with no pause, over real TCP sockets,
against the desk's scan measured in the same run.

How it is served: the real server, `manage.py sip2_server --workers W`
(W = the CPU count, its default, or
BENCH_SIP2_WORKERS) in a subprocess on a loopback port, on
the dataset's database with bench.settings. The terminals are client
threads of this process, each logged in as its own terminal (no PIN
required, checksums on), each sending WARMUP untimed rounds on its own
connection before all are released together (as the desks below are);
a figure is the time from sending a request to reading its answer. The
server's CPU time (parent and workers, from /proc) divided by the
messages answered is its CPU per message.

Against what: the desk's scan (`desk:scan`, as bench_scan calls it:
Django's test Client, in process, full middleware, a card barcode posted
as htmx posts it), and the scan's own baseline (bench_scan's one-query
view, `bench-baseline`, served the same way). Alone: one desk, one
request at a time. At once: as many desks as terminals, spread over W
forked processes (the same parallelism as the server's workers), each
desk a thread with its own Client, all released together, each doing as
many requests as a terminal sends messages.

Six phases, alternating, `repeat` times: the baseline alone, one desk
alone, one terminal alone (60 loops; the others alone as many requests
as it sends messages), 50 baselines at once, 50 desks at once, 50
terminals at once (BENCH_SIP2_ROUNDS loops each, 30 by default; the
desks again as many requests); the figures reported are the medians over
the repeats of each phase's p50 and p95. Ratios of a checkout's (11) p50:
one terminal alone to one desk's scan and to the baseline alone, 50
terminals to 50 desks and to 50 baselines (same concurrency), and 50
terminals to the lone desk scan (queueing, for the record).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

NAME = "sip2"
BASELINE = "bench-baseline"  # bench_scan's one-query baseline view
TERMINALS = 50
PASSWORD = "bench-terminal"
DATE = "20260101    120000"
# Untimed requests each desk, and untimed rounds each terminal, sends on
# its own connection before the timed ones: the same for both sides, so
# neither is timed while its database session still plans statements
# that the other has already run (PostgreSQL plans a prepared statement
# anew for its first five runs on a connection).
WARMUP = 3


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

    from organisation.roles import Role

    user, created = get_user_model().objects.get_or_create(username="bench-admin")
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.ADMINISTRATOR.value))
    return get_user_model().objects.get(pk=user.pk)


def terminals(n: int) -> list[str]:
    """The bench terminals' logins (created once, password reset each run)."""
    from django.contrib.auth.hashers import make_password

    from organisation.models import Branch
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
    """One terminal: logs in and sends WARMUP untimed rounds on its own
    connection, waits at `ready` until every terminal has, then sends
    `rounds` timed ones once `go` is set."""

    def __init__(
        self,
        port: int,
        login: str,
        pairs: list[tuple[str, str]],
        rounds: int,
        ready: threading.Barrier,
        go: threading.Event,
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.login, self.pairs, self.rounds = port, login, pairs, rounds
        self.ready, self.go = ready, go
        self.timings: dict[str, list[float]] = {"63": [], "11": [], "09": []}
        self.refused = 0
        self.reasons: dict[str, int] = {}
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

    def _round(self, sock: socket.socket, n: int, seq: int, timed: bool) -> int:
        card, item = self.pairs[n % len(self.pairs)]
        for code, text in (
            ("63", f"63000{DATE}{' ' * 10}AOx|AA{card}|"),
            ("11", f"11YN{DATE}{' ' * 18}AOx|AA{card}|AB{item}|"),
            ("09", f"09N{DATE}{DATE}APx|AOx|AB{item}|AC|"),
        ):
            seq += 1
            answer = self._ask(sock, _checksummed(text, seq))
            if not timed:
                continue
            self.timings[code].append(self.last_ms)
            if code == "11" and answer.startswith("120"):
                self.refused += 1
                screen = answer.split("|AF", 1)[-1].split("|", 1)[0]
                self.reasons[screen] = self.reasons.get(screen, 0) + 1
        return seq

    def run(self) -> None:
        waited = False
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
                seq = 0
                answer = self._ask(sock, _checksummed(f"9300CN{self.login}|CO{PASSWORD}|", seq))
                if not answer.startswith("941"):
                    raise RuntimeError(f"login refused: {answer!r}")
                for n in range(WARMUP):
                    seq = self._round(sock, n, seq, timed=False)
                waited = True
                self.ready.wait()
                self.go.wait()
                for n in range(self.rounds):
                    seq = self._round(sock, WARMUP + n, seq, timed=True)
        except (OSError, RuntimeError, threading.BrokenBarrierError) as error:
            # Reported: the others go on (and are not left at the barrier).
            self.error = f"{type(error).__name__}: {error}"
            if not waited:
                self.ready.abort()


def _desk_scans(barcodes: list[str], rounds: int, view: str = "desk:scan") -> list[float]:
    from django.test import Client
    from django.urls import reverse

    from bench.bench_scan import FORM, HEADERS, _form, desk_user

    client = Client()
    client.force_login(desk_user())
    url = reverse(view)
    timings = []
    for n in range(rounds):
        t0 = time.perf_counter()
        client.post(url, _form(barcodes[n % len(barcodes)]), content_type=FORM, **HEADERS)
        timings.append((time.perf_counter() - t0) * 1000)
    return timings


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _summary(timings: dict[str, list[float]], elapsed: float, cpu: float) -> dict[str, Any]:
    every = [ms for values in timings.values() for ms in values]
    out: dict[str, Any] = {
        "messages": len(every),
        "messages_per_second": round(len(every) / elapsed, 1) if elapsed else None,
        "cpu_ms_per_message": round(cpu * 1000 / len(every), 2) if every else None,
        "p50_ms": round(statistics.median(every), 2) if every else None,
        "p95_ms": round(percentile(every, 95), 2) if every else None,
    }
    for code, values in timings.items():
        if values and len(timings) > 1:
            out[f"{code}_p50_ms"] = round(statistics.median(values), 2)
            out[f"{code}_p95_ms"] = round(percentile(values, 95), 2)
    return out


def _desks_at_once(
    barcodes: list[str], desks: int, scans: int, processes: int, view: str = "desk:scan"
) -> dict[str, Any]:
    """`desks` desks scanning at once (or posting to another view: the
    scan's baseline): threads with their own test Client, spread over
    `processes` forked processes, released together."""
    from django.db import connections

    connections.close_all()  # no database connection crosses a fork
    start_read, start_write = os.pipe()
    children = []
    for p in range(processes):
        mine = [d for d in range(desks) if d % processes == p]
        out_read, out_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 0
            try:
                os.close(start_write)
                result = _desk_child(barcodes, mine, scans, start_read, out_write, view)
                with os.fdopen(out_write, "w") as out:
                    json.dump(result, out)
            except BaseException:  # noqa: BLE001 - printed; the child must exit
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        os.close(out_write)
        children.append((pid, out_read))
    os.close(start_read)
    for _, fd in children:
        os.read(fd, 1)  # each process: its desks are logged in and warm
    t0 = time.perf_counter()
    os.close(start_write)  # release them all (their reads see EOF)
    timings: list[float] = []
    cpu = 0.0
    for pid, fd in children:
        with os.fdopen(fd) as data:
            result = json.loads(data.read() or "{}")
        os.waitpid(pid, 0)
        timings += result.get("timings", [])
        cpu += result.get("cpu", 0.0)
    elapsed = time.perf_counter() - t0
    return _summary({"scan": timings}, elapsed, cpu)


def _desk_child(
    barcodes: list[str], desks: list[int], scans: int, start: int, out: int, view: str
) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from bench.bench_scan import FORM, HEADERS, _form, desk_user

    url = reverse(view)
    user = desk_user()
    timings: list[float] = []
    lock = threading.Lock()
    go = threading.Event()
    ready = threading.Barrier(len(desks) + 1)

    def desk(d: int) -> None:
        client = Client()
        client.force_login(user)
        for n in range(WARMUP):
            client.post(url, _form(barcodes[(d + n) % len(barcodes)]), content_type=FORM, **HEADERS)
        ready.wait()
        go.wait()
        mine = []
        for n in range(scans):
            barcode = barcodes[(d * scans + n) % len(barcodes)]
            t0 = time.perf_counter()
            client.post(url, _form(barcode), content_type=FORM, **HEADERS)
            mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=desk, args=(d,), daemon=True) for d in desks]
    for thread in threads:
        thread.start()
    ready.wait()
    os.write(out, b"R")  # every desk of this process is warm
    os.read(start, 1)  # EOF when the parent releases all processes at once
    t0 = os.times()
    go.set()
    for thread in threads:
        thread.join()
    t1 = os.times()
    cpu = (t1.user - t0.user) + (t1.system - t0.system)
    return {"timings": timings, "cpu": cpu}


def _server(
    database_url: str, workers: int, log_path: Path
) -> tuple[subprocess.Popen, int, list[int]]:  # type: ignore[type-arg]
    """`manage.py sip2_server` on a free loopback port; its port and the
    pids of its parent and workers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="bench.settings")
    env["PYTHONUNBUFFERED"] = "1"
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "manage.py", "sip2_server", "--port", str(port)]
    command += ["--workers", str(workers), "--idle-timeout", "600"]
    with log_path.open("wb") as out:
        proc = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = re.search(r"workers? \(pid ([\d, ]+)\)", log_path.read_text(errors="replace"))
        if found:
            pids = [int(pid) for pid in found.group(1).split(", ")]
            return proc, port, [proc.pid, *pids]
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"sip2_server did not start: {log_path.read_text(errors='replace')}")


def _load(
    port: int,
    logins: list[str],
    pairs: list[tuple[str, str]],
    rounds: int,
    server_pids: list[int],
) -> dict[str, Any]:
    share = max(1, len(pairs) // len(logins))
    ready = threading.Barrier(len(logins) + 1)
    go = threading.Event()
    kiosks = [
        _Kiosk(port, login, pairs[i * share : (i + 1) * share] or pairs, rounds, ready, go)
        for i, login in enumerate(logins)
    ]
    for kiosk in kiosks:
        kiosk.start()
    # Every terminal logged in and warm on its own connection, as each
    # desk is before _desks_at_once releases them; then all at once.
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(600)
    cpu0 = _cpu_seconds(server_pids)
    t0 = time.perf_counter()
    go.set()
    for kiosk in kiosks:
        kiosk.join(600)
    elapsed = time.perf_counter() - t0
    cpu = _cpu_seconds(server_pids) - cpu0
    timings = {code: [ms for k in kiosks for ms in k.timings[code]] for code in ("63", "11", "09")}
    out = _summary(timings, elapsed, cpu)
    out["checkouts_refused"] = sum(k.refused for k in kiosks)
    reasons: dict[str, int] = {}
    for kiosk in kiosks:
        for screen, n in kiosk.reasons.items():
            reasons[screen] = reasons.get(screen, 0) + n
    out["refusals"] = reasons
    out["errors"] = sorted({k.error for k in kiosks if k.error})
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


# What the benchmark writes, and _forget deletes from, run after run on
# the same database.
WRITTEN = (
    "circulation_loan",
    "circulation_item",
    "circulation_fee",
    "auditlog_logentry",
    "django_session",
    "auth_user",
    "sip2_terminal",
)


def _vacuum() -> None:
    """VACUUM (ANALYZE) what earlier runs wrote, as autovacuum would on a
    server that has it on (this machine's PostgreSQL has it off): after
    a dozen runs the session table held 120,000 dead rows beside 3,900
    live ones, and each run measured a slower database than the last."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in WRITTEN:
            cursor.execute(f"VACUUM (ANALYZE) {table}")


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [run[key] for run in runs if run.get(key) is not None]
    return round(statistics.median(values), 2) if values else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def run(args: Any) -> dict[str, Any]:
    seed = 2026
    # The server's default; BENCH_SIP2_WORKERS tries another count (the
    # 50 desks then run over as many processes).
    workers = int(os.environ.get("BENCH_SIP2_WORKERS") or os.cpu_count() or 1)
    logins = terminals(TERMINALS)
    rounds = 2 if args.quick else int(os.environ.get("BENCH_SIP2_ROUNDS") or 30)
    alone_rounds = 20 if args.quick else 60
    pairs = _pairs(TERMINALS * 4, seed)
    if not pairs:
        raise RuntimeError("the dataset has no available item")
    barcodes = [card for card, _ in pairs]
    _vacuum()
    _desk_scans(barcodes, 20)  # warm-up
    log_path = Path(tempfile.mkdtemp(prefix="bench-sip2-")) / "sip2_server.log"
    proc, port, server_pids = _server(args.database_url, workers, log_path)
    phases: dict[str, list[dict[str, Any]]] = {
        "baseline_alone": [],
        "desk_alone": [],
        "terminal_alone": [],
        "baselines_at_once": [],
        "desks_at_once": [],
        "terminals_at_once": [],
    }
    loads: list[tuple[float, float, float]] = []
    try:
        _load(port, logins, pairs, 1, server_pids)  # warm every worker up
        for _ in range(args.repeat):
            loads.append(os.getloadavg())
            base = _desk_scans(barcodes, alone_rounds * 3, BASELINE)
            phases["baseline_alone"].append(_summary({"baseline": base}, 0, 0))
            desk = _desk_scans(barcodes, alone_rounds * 3)
            phases["desk_alone"].append(_summary({"scan": desk}, 0, 0))
            phases["terminal_alone"].append(
                _load(port, logins[:1], pairs[:4], alone_rounds, server_pids)
            )
            phases["baselines_at_once"].append(
                _desks_at_once(barcodes, TERMINALS, rounds * 3, workers, BASELINE)
            )
            phases["desks_at_once"].append(_desks_at_once(barcodes, TERMINALS, rounds * 3, workers))
            phases["terminals_at_once"].append(_load(port, logins, pairs, rounds, server_pids))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        _forget(logins)
    server_log = log_path.read_text(errors="replace")
    keys = ("p50_ms", "p95_ms", "messages_per_second", "cpu_ms_per_message")
    codes = ("63_p50_ms", "63_p95_ms", "11_p50_ms", "11_p95_ms", "09_p50_ms", "09_p95_ms")
    medians = {
        phase: {key: _median(runs, key) for key in (*keys, *codes) if any(key in r for r in runs)}
        for phase, runs in phases.items()
    }
    desk_alone = medians["desk_alone"]["p50_ms"]
    baseline_alone = medians["baseline_alone"]["p50_ms"]
    baselines_at_once = medians["baselines_at_once"]["p50_ms"]
    return {
        "served_by": f"manage.py sip2_server --workers {workers}, loopback TCP, checksums on",
        "terminals": len(logins),
        "workers": workers,
        "repeats": args.repeat,
        "load_averages": loads,
        "medians": medians,
        "desk_scan_p50_ms": desk_alone,
        "one_terminal_checkout_p50_ms": medians["terminal_alone"].get("11_p50_ms"),
        "fifty_terminals_checkout_p50_ms": medians["terminals_at_once"].get("11_p50_ms"),
        "fifty_desks_scan_p50_ms": medians["desks_at_once"]["p50_ms"],
        "ratio_checkout_one_terminal_to_desk_scan": _ratio(
            medians["terminal_alone"].get("11_p50_ms"), desk_alone
        ),
        "ratio_checkout_fifty_terminals_to_fifty_desks": _ratio(
            medians["terminals_at_once"].get("11_p50_ms"), medians["desks_at_once"]["p50_ms"]
        ),
        "ratio_checkout_fifty_terminals_to_desk_scan": _ratio(
            medians["terminals_at_once"].get("11_p50_ms"), desk_alone
        ),
        # The scan's own baseline (bench_scan's one-query view, same
        # client, login and middleware): alone against one terminal, 50
        # at once against 50 terminals.
        "baseline_p50_ms": baseline_alone,
        "fifty_baselines_p50_ms": baselines_at_once,
        "ratio_checkout_one_terminal_to_baseline": _ratio(
            medians["terminal_alone"].get("11_p50_ms"), baseline_alone
        ),
        "ratio_checkout_fifty_terminals_to_fifty_baselines": _ratio(
            medians["terminals_at_once"].get("11_p50_ms"), baselines_at_once
        ),
        "errors": sorted(
            {e for r in phases["terminal_alone"] + phases["terminals_at_once"] for e in r["errors"]}
        ),
        "checkouts_refused": sum(
            r["checkouts_refused"] for r in phases["terminal_alone"] + phases["terminals_at_once"]
        ),
        "server_log_tracebacks": server_log.count("Traceback"),
        "runs": phases,
        "seed": seed,
    }
