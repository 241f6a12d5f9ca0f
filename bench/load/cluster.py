"""Two web nodes and two Celery workers behind HAProxy, in network
namespaces on one machine; one web node is killed mid-run.
`make bench-cluster` (python -m bench.load.cluster, as root).

Topology (addresses only inside namespaces this run creates):

    Locust --127.0.0.1:PORT--> HAProxy (host) --veth--> lsdl-web1 10.231.1.2:8000 (gunicorn)
                                             \\--veth--> lsdl-web2 10.231.2.2:8000 (gunicorn)
    lsdl-wrk1 10.231.3.2, lsdl-wrk2 10.231.4.2: one Celery worker each

Every namespace reaches only its own veth peer on the host (10.231.N.1),
where HAProxy relays PostgreSQL (5432) and Redis (6379) to the host's
loopback: the nodes share the one database (sessions included) and the one
broker. Uploads go to one MEDIA_ROOT both nodes mount (on one machine a
directory; in production an object store).

What the run shows, from Locust's own counts and the database: no desk
sent to the log-in page after the kill (no session lost), failed requests
no more than were in flight on the killed node, the same circulation
invariants before and after (nothing half-applied), and throughput per
second before, during and after. Everything is removed at the end, also on
error or Ctrl-C; `--cleanup` removes what a killed run left.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import datetime
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import datasets
from bench.load import harness

Runner = Callable[..., subprocess.CompletedProcess[str]]


def _run(*argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=30, check=check)


@dataclass(frozen=True)
class Topology:
    """The namespaces, veth pairs and addresses of one run."""

    prefix: str = "lsdl"
    net: int = 231
    web: tuple[str, ...] = ("web1", "web2")
    workers: tuple[str, ...] = ("wrk1", "wrk2")

    @property
    def nodes(self) -> list[tuple[int, str]]:
        return list(enumerate([*self.web, *self.workers], start=1))

    def ns(self, node: str) -> str:
        return f"{self.prefix}-{node}"

    def index(self, node: str) -> int:
        return dict((name, i) for i, name in self.nodes)[node]

    def host_ip(self, node: str) -> str:
        return f"10.{self.net}.{self.index(node)}.1"

    def node_ip(self, node: str) -> str:
        return f"10.{self.net}.{self.index(node)}.2"

    def veth(self, i: int) -> tuple[str, str]:
        return f"{self.prefix}-h{i}", f"{self.prefix}-n{i}"

    def exec(self, node: str) -> list[str]:
        return ["ip", "netns", "exec", self.ns(node)]


def setup(topo: Topology, run: Runner = _run) -> None:
    """Namespaces with one veth pair each; no route beyond the pair."""
    cleanup(topo, run)
    for i, node in topo.nodes:
        ns, (host, peer) = topo.ns(node), topo.veth(i)
        run("ip", "netns", "add", ns)
        run("ip", "link", "add", host, "type", "veth", "peer", "name", peer)
        run("ip", "link", "set", peer, "netns", ns)
        run("ip", "addr", "add", f"{topo.host_ip(node)}/24", "dev", host)
        run("ip", "link", "set", host, "up")
        run("ip", "netns", "exec", ns, "ip", "addr", "add", f"{topo.node_ip(node)}/24", "dev", peer)
        run("ip", "netns", "exec", ns, "ip", "link", "set", peer, "up")
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")


def namespace_pids(topo: Topology, node: str, run: Runner = _run) -> list[int]:
    done = run("ip", "netns", "pids", topo.ns(node), check=False)
    return [int(p) for p in done.stdout.split()] if done.returncode == 0 else []


def kill_node(topo: Topology, node: str, run: Runner = _run) -> int:
    """SIGKILL every process in the node's namespace; how many there were."""
    pids = namespace_pids(topo, node, run)
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(pids)


def cleanup(topo: Topology, run: Runner = _run) -> None:
    """Remove the run's processes, namespaces and veths; safe to repeat and
    on a half-built topology."""
    for i, node in topo.nodes:
        kill_node(topo, node, run)
        run("ip", "netns", "del", topo.ns(node), check=False)
        run("ip", "link", "del", topo.veth(i)[0], check=False)


def haproxy_config(topo: Topology, *, port: int, pidfile: Path, per_node: int = 2) -> str:
    """The load balancer for the desks, and TCP relays from each namespace's
    host address to the host's PostgreSQL and Redis."""
    web = "\n".join(f"    server {node} {topo.node_ip(node)}:8000 check" for node in topo.web)
    relay_pg = ",".join(f"{topo.host_ip(n)}:5432" for _, n in topo.nodes)
    relay_redis = ",".join(f"{topo.host_ip(n)}:6379" for _, n in topo.nodes)
    return f"""global
    maxconn 4096
    pidfile {pidfile}

defaults
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # Connection failures only (the request never reached a node), then
    # to the other node: a POST is never sent twice.
    retries 3
    option redispatch

frontend desks
    mode http
    bind 127.0.0.1:{port}
    default_backend web

backend web
    mode http
    balance roundrobin
    # A node gets no more requests than it has sync workers; the rest wait
    # here, not in a node's accept queue, so a node that dies takes with it
    # only the requests it was running, and waiting ones go to the other.
    # The first refused connection marks a node down; a busy node's slow
    # health check does not.
    option httpchk
    http-check send meth GET uri /healthz hdr Host 127.0.0.1
    timeout check 5s
    timeout queue 30s
    default-server inter 1s fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down
{web}

listen postgresql
    mode tcp
    timeout client 10m
    timeout server 10m
    bind {relay_pg}
    server pg 127.0.0.1:5432

listen redis
    mode tcp
    timeout client 10m
    timeout server 10m
    bind {relay_redis}
    server redis 127.0.0.1:6379
"""


INVARIANTS = {
    "items on loan without an open loan": """
        SELECT count(*) FROM circulation_item i WHERE i.status = 'on_loan'
        AND NOT EXISTS (SELECT 1 FROM circulation_loan l
                        WHERE l.item_id = i.id AND l.returned_at IS NULL)""",
    "open loans whose item is not on loan": """
        SELECT count(*) FROM circulation_loan l JOIN circulation_item i ON i.id = l.item_id
        WHERE l.returned_at IS NULL AND i.status <> 'on_loan'""",
    "items with two open loans": """
        SELECT count(*) FROM (SELECT item_id FROM circulation_loan WHERE returned_at IS NULL
                              GROUP BY item_id HAVING count(*) > 1) x""",
    "sessions in the database": "SELECT count(*) FROM django_session",
}


def invariants(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(datasets._libpq(url), autocommit=True) as conn:
        return {k: int(conn.execute(q).fetchone()[0]) for k, q in INVARIANTS.items()}  # type: ignore[index]


def per_second(history: Path) -> list[dict[str, Any]]:
    """Requests and failures per second (Locust's cumulative counts, diffed)."""
    rows = []
    with open(history, newline="", encoding="utf-8") as file:
        for r in csv.DictReader(file):
            if r["Name"] == "Aggregated":
                rows.append(
                    (
                        int(r["Timestamp"]),
                        int(r["Total Request Count"]),
                        int(r["Total Failure Count"]),
                    )
                )
    out = []
    for (t0, n0, f0), (t1, n1, f1) in itertools.pairwise(rows):
        if t1 > t0:
            out.append({"t": t1, "requests": (n1 - n0) / (t1 - t0), "failures": f1 - f0})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load.cluster", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=45)
    parser.add_argument("--kill-at", type=int, default=15, help="seconds into the run")
    parser.add_argument(
        "--workers-per-node", type=int, default=max(2, harness.default_workers() // 2)
    )
    parser.add_argument(
        "--cleanup", action="store_true", help="only remove a previous run's leftovers"
    )
    parser.add_argument("--results-dir", type=Path, default=harness.RESULTS)
    args = parser.parse_args(argv)
    if not (
        5 <= args.seconds <= 300 and 1 <= args.desks <= 500 and 0 < args.kill_at < args.seconds
    ):
        parser.error("--seconds 5-300, --desks 1-500, 0 < --kill-at < --seconds")
    topo = Topology()
    if args.cleanup:
        cleanup(topo)
        return 0
    if os.geteuid() != 0 or not shutil.which("ip") or not shutil.which("haproxy"):
        print(
            "bench-cluster: needs root, iproute2 and haproxy (make bench-cluster installs it)",
            file=sys.stderr,
        )
        return 2
    try:
        base_url = datasets.check_postgres_url(os.environ.get("DATABASE_URL"))
        harness.tool("locust")
    except (datasets.NotPostgres, harness.HarnessError) as exc:
        print(f"bench-cluster: {exc}", file=sys.stderr)
        return 2
    redis_db = (
        os.environ.get("BENCH_REDIS_URL")
        or os.environ.get("REDIS_URL")
        or "redis://127.0.0.1:6379/0"
    )
    redis_path = redis_db.rsplit("/", 1)[-1] if redis_db.count("/") >= 3 else "0"

    started = datetime.datetime.now(datetime.UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    out = args.results_dir / f"cluster-{stamp}"
    out.mkdir(parents=True, exist_ok=True)
    dataset = datasets.QUICK if args.quick else datasets.MEDIUM
    info = datasets.ensure(base_url, dataset)
    source = info.pop("database_url")
    run_db = f"{harness.db_name(source)}_cluster"
    print(f"copying {dataset.name} dataset ...", flush=True)
    run_url = harness.copy_database(source, run_db)
    scratch = Path(tempfile.mkdtemp(prefix="lsd-cluster-"))
    media = scratch / "media"
    media.mkdir()
    processes: list[subprocess.Popen[bytes]] = []
    lb: subprocess.Popen[bytes] | None = None

    def teardown() -> None:
        for p in processes:
            harness.stop(p, grace=5)
        if lb is not None:
            harness.stop(lb, grace=5)
        cleanup(topo)
        with suppress(Exception):
            harness.drop_database(run_url)
        shutil.rmtree(scratch, ignore_errors=True)

    atexit.register(teardown)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "command": "python -m bench.load.cluster "
        + " ".join(argv if argv is not None else sys.argv[1:]),
        "desks": args.desks,
        "seconds": args.seconds,
        "kill_at": args.kill_at,
        "workers_per_node": args.workers_per_node,
        "dataset": info,
        "load_average_start": os.getloadavg(),
    }
    try:
        from bench.load.run import setup_django

        setup_django(run_url)
        from django.db import connection

        plan = harness.build_plan(harness.create_desks(args.desks, seed=7), seed=7)
        connection.close()
        plan_path = harness.write_plan(plan, out / "plan.json")

        setup(topo)
        port = 18000 + os.getpid() % 1000
        config = scratch / "haproxy.cfg"
        config.write_text(
            haproxy_config(
                topo, port=port, pidfile=scratch / "haproxy.pid", per_node=args.workers_per_node
            )
        )
        lb = harness.start(
            ["haproxy", "-db", "-f", str(config)], env=dict(os.environ), log=out / "haproxy.log"
        )
        time.sleep(1)
        if lb.poll() is not None:
            raise harness.HarnessError(
                f"haproxy exited: {(out / 'haproxy.log').read_text()[-800:]}"
            )

        def node_env(node: str) -> dict[str, str]:
            env = harness.server_env(
                harness.with_db(run_url, run_db).replace("127.0.0.1", topo.host_ip(node)),
                f"redis://{topo.host_ip(node)}:6379/{redis_path}",
            )
            env["MEDIA_ROOT"] = str(media)
            env["BENCH_ALLOWED_HOSTS"] = topo.node_ip(node)
            return env

        for node in topo.web:
            processes.append(
                harness.start(
                    [
                        *topo.exec(node),
                        *harness.gunicorn_argv(
                            f"{topo.node_ip(node)}:8000", args.workers_per_node, sys.executable
                        ),
                    ],
                    env=node_env(node),
                    log=out / f"{node}.log",
                )
            )
        for node in topo.workers:
            processes.append(
                harness.start(
                    [
                        *topo.exec(node),
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "config",
                        "worker",
                        "--hostname",
                        f"{node}@%h",
                        "--concurrency",
                        "1",
                        "--loglevel",
                        "WARNING",
                    ],
                    env=node_env(node),
                    log=out / f"{node}.log",
                )
            )
        for node in topo.web:
            harness.wait_healthy(
                f"http://{topo.node_ip(node)}:8000/healthz", timeout=90, run=topo.exec(node)
            )
        harness.wait_healthy(f"http://127.0.0.1:{port}/healthz", timeout=30)
        report["celery_ping"] = celery_ping(redis_db)
        report["invariants_before"] = invariants(run_url)

        kill = {}

        def killer() -> None:
            time.sleep(args.kill_at)
            kill["at"] = time.time()
            kill["processes"] = kill_node(topo, topo.web[0])

        thread = threading.Thread(target=killer, daemon=True)
        with harness.load_sampler() as loads:
            thread.start()
            t0 = time.time()
            done = harness.run_locust(
                host=f"http://127.0.0.1:{port}",
                users=args.desks,
                seconds=args.seconds,
                plan=plan_path,
                csv_prefix=out / "run",
                history=True,
            )
            thread.join(timeout=args.seconds)
        if done.returncode not in (0, 1):
            raise harness.HarnessError(f"locust exited {done.returncode}: {done.stderr[-2000:]}")
        report["load_average_max"] = max(loads)
        report["invariants_after"] = invariants(run_url)
        stats = harness.read_stats(out / "run")
        failures = harness.read_failures(out / "run")
        seconds = per_second(Path(f"{out / 'run'}_stats_history.csv"))
        kill_t = kill.get("at", 0)
        report["killed"] = {
            "node": topo.web[0],
            "processes": kill.get("processes"),
            "at_s": round(kill_t - t0, 1),
        }
        report["requests"] = sum(
            v["requests"] for k, v in stats.items() if k not in ("Aggregated", "login")
        )
        report["failures"] = failures
        report["failed_requests"] = sum(f["count"] for f in failures)
        report["logged_out"] = sum(f["count"] for f in failures if "logged out" in f["error"])
        report["failure_seconds_after_kill"] = [
            round(s["t"] - kill_t, 0) for s in seconds if s["failures"]
        ]

        def rate(lo: float, hi: float) -> float | None:
            sel = [s["requests"] for s in seconds if lo <= s["t"] - kill_t < hi]
            return round(sum(sel) / len(sel), 1) if sel else None

        report["rps_before_kill"] = rate(-args.kill_at + 3, 0)
        report["rps_first_3s_after"] = rate(0, 3)
        report["rps_3s_to_end"] = rate(3, args.seconds)
        report["rps_per_5s_from_kill"] = {
            f"{lo:+d}..{lo + 5:+d} s": rate(lo, lo + 5)
            for lo in range(-5 * (args.kill_at // 5), args.seconds - args.kill_at, 5)
        }
        report["per_second"] = seconds
        report["stats"] = stats
        report["in_flight_bound"] = args.workers_per_node
        report["haproxy_log_tail"] = (out / "haproxy.log").read_text()[-1500:]
        report["celery_ping_after"] = celery_ping(redis_db)
    finally:
        report["load_average_end"] = os.getloadavg()
        (out / "plan.json").unlink(missing_ok=True)
        teardown()
        text = json.dumps(report, indent=2, default=str)
        (args.results_dir / f"cluster-{stamp}.json").write_text(text)
        print(
            json.dumps(
                {k: v for k, v in report.items() if k not in ("per_second", "stats", "dataset")},
                indent=2,
                default=str,
            )
        )
        print(f"results: {args.results_dir / f'cluster-{stamp}.json'}")
    return 0


def celery_ping(redis_url: str) -> list[str]:
    """Names of the Celery workers that answer a ping through the broker."""
    env = dict(os.environ, REDIS_URL=redis_url, DJANGO_SETTINGS_MODULE="bench.load.settings")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "inspect",
            "ping",
            "--timeout",
            "3",
            "--json",
        ],
        env=env,
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    try:
        return sorted(json.loads(done.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        return [f"no answer: {done.stderr.strip()[-300:]}"]


if __name__ == "__main__":
    sys.exit(main())
