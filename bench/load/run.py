"""The load benchmark on one machine: `make bench-load`
(python -m bench.load.run [--quick] [--desks 5,10,20] [--compare]).

Real HTTP: gunicorn (sync workers, (2 x cores) + 1) on loopback, serving
bench.load.settings (the production middleware, DEBUG off, database
sessions) from a throw-away copy of the benchmark dataset; Locust (its own
virtualenv) drives N desks, each logged in with its own account, sending
the mix of bench/load/mix.py, the baseline view among it. One Locust run
per N, each bounded by --seconds and a request cap per desk.

--compare instead runs the variants of the hand-written infrastructure
(session store, fixed-SQL cursor) at one N, alternating them in rounds.

Created and removed by the run: the database copy, the desk accounts in
it, the gunicorn and Locust processes. Results: bench/results/load/<stamp>/
(plan, Locust CSVs, flame graph) and a summary JSON beside it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench import datasets
from bench.bench_scan import percentile
from bench.load import harness, mix

SEED = 2026
VARIANTS = {
    # name: (BENCH_SESSIONS, BENCH_RAWSQL)
    "fixed-sql sessions": ("fixed-sql", "fixed"),
    "Django db sessions": ("db", "fixed"),
    "Django cached_db (Redis)": ("cached_db", "fixed"),
    "Django cache sessions (Redis)": ("cache", "fixed"),
    "plain cursor": ("fixed-sql", "plain"),
}
KNEE_MS = 100.0
# (server cores, load-tool core) as taskset lists, or None: set by main().
PINNED: tuple[str, str] | None = None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small dataset, two short steps")
    parser.add_argument("--desks", default=None, help="comma-separated N (default 5,10,20,40,80)")
    parser.add_argument("--seconds", type=int, default=None, help="per step (default 25)")
    parser.add_argument("--workers", type=int, default=harness.default_workers())
    parser.add_argument(
        "--sessions", default="fixed-sql", choices=["fixed-sql", "db", "cached_db", "cache"]
    )
    parser.add_argument("--rawsql", default="fixed", choices=["fixed", "plain"])
    parser.add_argument(
        "--compare", action="store_true", help="compare the infrastructure variants"
    )
    parser.add_argument("--compare-desks", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of --compare")
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help="comma-separated names of --compare's variants (default: all)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy step")
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="do not pin Locust to its own core (taskset) and the server to the others",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the run's database copy")
    parser.add_argument("--results-dir", type=Path, default=harness.RESULTS)
    args = parser.parse_args(argv)
    args.desks = [
        int(n) for n in (args.desks or ("2,4" if args.quick else "5,10,20,40,80")).split(",")
    ]
    unknown = [v for v in args.variants.split(",") if v.strip() not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant {unknown}; have {', '.join(VARIANTS)}")
    if args.seconds is None:
        args.seconds = 6 if args.quick else 25
    if not (1 <= args.seconds <= 600) or not all(1 <= n <= 500 for n in args.desks):
        parser.error("--seconds must be 1-600 and each N 1-500")
    return args


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.load.settings"
    import django

    django.setup()


def redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL") or ""


class Server:
    """One gunicorn on loopback, with its own variant of the settings."""

    def __init__(self, *, database_url: str, workers: int, logs: Path, port: int, **variant: str):
        self.host = f"http://127.0.0.1:{port}"
        self.access_log = logs / f"access-{port}.log"
        self.access_log.parent.mkdir(parents=True, exist_ok=True)
        self.access_log.touch()
        # The server on its cores, the load tool on its own (PINNED).
        self.client_cores = PINNED[1] if PINNED else None
        self.process = harness.start(
            harness.on_cores(
                harness.gunicorn_argv(
                    f"127.0.0.1:{port}", workers, sys.executable, access_log=self.access_log
                ),
                PINNED[0] if PINNED else None,
            ),
            env=harness.server_env(database_url, redis_url(), **variant),
            log=logs / "gunicorn.log",
        )
        harness.wait_healthy(self.host + "/healthz", timeout=60)

    def pids(self) -> list[int]:
        return [self.process.pid, *harness.children(self.process.pid)]

    def stop(self) -> None:
        harness.stop(self.process)


def free_port() -> int:
    """A free port on loopback: the first free one of BENCH_LOAD_PORTS
    ("9200-9219", on a machine shared by several people, each with a range
    of their own), else any the system gives."""
    import socket

    wanted = os.environ.get("BENCH_LOAD_PORTS", "")
    if wanted:
        first, _, last = wanted.partition("-")
        for port in range(int(first), int(last or first) + 1):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
        raise harness.HarnessError(f"no free port in BENCH_LOAD_PORTS={wanted}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def refresh_plan(plan: dict[str, Any], path: Path, seed: int) -> Path:
    """New item pools before each step: the previous step left some lent."""
    from django.db import connection

    from bench.load.harness import ITEMS_PER_DESK, available_items

    items = available_items(len(plan["desks"]) * ITEMS_PER_DESK, seed=seed)
    for i, desk in enumerate(plan["desks"]):
        desk["items_available"] = items[i * ITEMS_PER_DESK : (i + 1) * ITEMS_PER_DESK]
    connection.close()
    return harness.write_plan(plan, path)


def step(
    server: Server, *, users: int, seconds: int, plan: Path, out: Path, history: bool = False
) -> dict[str, Any]:
    """One Locust run at `users` desks: per-name stats, CPU, load average."""
    pids = server.pids()
    _, logged = harness.server_times(server.access_log)
    cpu0, t0 = harness.cpu_seconds(pids), time.monotonic()
    with harness.load_sampler() as loads:
        done = harness.run_locust(
            host=server.host,
            users=users,
            seconds=seconds,
            plan=plan,
            csv_prefix=out,
            history=history,
            start_together=True,
            cores=server.client_cores,
        )
    wall = time.monotonic() - t0
    cpu = harness.cpu_seconds(pids) - cpu0
    if done.returncode not in (0, 1):  # 1: some requests failed, reported below
        raise harness.HarnessError(f"locust exited {done.returncode}: {done.stderr[-2000:]}")
    stats = harness.read_stats(out)
    # The server's own time per request (gunicorn's access log), from the
    # step's start; it includes the desks' log-in and settling requests.
    server_ms, django_ms, cpu_ms = (
        {
            name: {
                "requests": len(values),
                "p50": round(statistics.median(values), 2),
                "p95": round(percentile(values, 95), 2),
            }
            for name, values in harness.server_times(server.access_log, since=logged, field=field)[
                0
            ].items()
            if values
        }
        for field in ("total", "django", "cpu")
    )
    total = stats.get("Aggregated", {})
    served = sum(v["requests"] for k, v in stats.items() if k not in ("Aggregated", "login"))
    return {
        "desks": users,
        "seconds": seconds,
        "stats": stats,
        "failures": harness.read_failures(out),
        "rps": round(
            sum(v["rps"] for k, v in stats.items() if k not in ("Aggregated", "login")), 1
        ),
        "requests": served,
        "errors": sum(v["failures"] for k, v in stats.items() if k != "Aggregated"),
        "server_ms": server_ms,
        # Of the server's time: inside Django's handler, and the worker's
        # CPU there (bench/load/wsgi.py).
        "django_ms": django_ms,
        "worker_cpu_ms": cpu_ms,
        "pinned": {"server": PINNED[0], "load_tool": PINNED[1]} if PINNED else None,
        "all_p50": total.get("p50"),
        "all_p95": total.get("p95"),
        "all_p99": total.get("p99"),
        "server_cpu_ms_per_request": round(cpu * 1000 / max(1, served + 2 * users), 2),
        "server_cpu_cores": round(cpu / wall, 2),
        "load_average_max": round(max(loads), 2),
        "load_average_end": round(loads[-1], 2),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def _pair(times: dict[str, Any] | None, key: str) -> str:
    """The scan's and the baseline's `key` of a per-action table, "-"
    for a run whose log has no such field."""
    scan, base = (times or {}).get(mix.SCAN, {}), (times or {}).get(mix.BASELINE, {})
    if key not in scan or key not in base:
        return "-"
    return f"{scan[key]:.1f}/{base[key]:.1f}"


def row(result: dict[str, Any]) -> dict[str, Any]:
    s = result["stats"]
    scan, base = s.get(mix.SCAN, {}), s.get(mix.BASELINE, {})
    server = result.get("server_ms") or {}
    server_scan, server_base = server.get(mix.SCAN, {}), server.get(mix.BASELINE, {})
    return {
        "desks": result["desks"],
        "rps": result["rps"],
        "all p50/p95/p99": f"{result['all_p50']:.0f}/{result['all_p95']:.0f}/{result['all_p99']:.0f}",
        "scan p50/p95/p99": f"{scan.get('p50', 0):.0f}/{scan.get('p95', 0):.0f}/{scan.get('p99', 0):.0f}",
        "baseline p50/p95/p99": f"{base.get('p50', 0):.0f}/{base.get('p95', 0):.0f}/{base.get('p99', 0):.0f}",
        "ratio p50": ratio(scan.get("p50"), base.get("p50")),
        "ratio p95": ratio(scan.get("p95"), base.get("p95")),
        "server scan/baseline p50 ms": (
            f"{server_scan.get('p50', 0):.1f}/{server_base.get('p50', 0):.1f}"
        ),
        "server ratio p50": ratio(server_scan.get("p50"), server_base.get("p50")),
        "django scan/baseline p50 ms": _pair(result.get("django_ms"), "p50"),
        "cpu scan/baseline p50 ms": _pair(result.get("worker_cpu_ms"), "p50"),
        "errors": result["errors"],
        "cpu ms/req": result["server_cpu_ms_per_request"],
        "server cores": result["server_cpu_cores"],
        "load": result["load_average_max"],
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def knee(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The first N whose scan p95 passes 100 ms, and the throughput before it."""
    cores = os.cpu_count() or 1
    below = [r for r in results if (r["stats"].get(mix.SCAN, {}).get("p95") or 0) <= KNEE_MS]
    above = [r for r in results if (r["stats"].get(mix.SCAN, {}).get("p95") or 0) > KNEE_MS]
    best = max(below, key=lambda r: r["rps"]) if below else None
    return {
        "first_desks_over_100ms": above[0]["desks"] if above else None,
        "last_desks_under_100ms": best["desks"] if best else None,
        "rps_under_100ms": best["rps"] if best else None,
        "rps_per_core_under_100ms": round(best["rps"] / cores, 1) if best else None,
        "cores": cores,
    }


def profile(
    *,
    database_url: str,
    workers: int,
    users: int,
    seconds: int,
    plan: Path,
    out: Path,
    variant: dict[str, str],
) -> dict[str, Any]:
    """A separate step with py-spy on every worker and statement timing."""
    sql_dir = out / "sql"
    sql_dir.mkdir(parents=True, exist_ok=True)
    why_not = harness.pg_stat_statements_ready(database_url)
    server = Server(
        database_url=database_url,
        workers=workers,
        logs=out,
        port=free_port(),
        BENCH_SQL_STATS=str(sql_dir),
        **variant,
    )
    result: dict[str, Any] = {"desks": users, "pg_stat_statements": why_not or "used"}
    try:
        if why_not is None:
            harness.pg_stat_statements_reset(database_url)
        # py-spy starts once the desks have logged in, and stops before
        # Locust does.
        delay = mix.settle_seconds(users) + 1
        duration = max(5, seconds - 3)
        spies: list[subprocess.Popen[bytes]] = []

        def record() -> None:
            time.sleep(delay)
            for fmt, name in (("flamegraph", "flame.svg"), ("raw", "stacks.txt")):
                argv = [harness.tool("py-spy"), "record", "--pid", str(server.process.pid)]
                argv += ["--subprocesses", "--duration", str(duration), "--rate", "50"]
                argv += ["--nonblocking", "--format", fmt, "--output", str(out / name)]
                spies.append(
                    subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                )

        recorder = threading.Thread(target=record, daemon=True)
        recorder.start()
        result["step"] = row(
            step(server, users=users, seconds=seconds, plan=plan, out=out / "profile")
        )
        recorder.join(timeout=delay + 5)
        for p in spies:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        result["py_spy"] = [p.returncode for p in spies]
        if why_not is None:
            result["top_statements"] = harness.pg_stat_statements_top(database_url)
    finally:
        server.stop()
    merged: dict[str, list[float]] = {}
    for file in sql_dir.glob("sql-*.json"):
        for statement, (calls, ms) in json.loads(file.read_text()).items():
            entry = merged.setdefault(statement, [0, 0.0])
            entry[0] += calls
            entry[1] += ms
    result["worker_sql"] = [
        {"calls": int(c), "total_ms": round(ms, 1), "mean_ms": round(ms / c, 3), "query": q[:160]}
        for q, (c, ms) in sorted(merged.items(), key=lambda kv: -kv[1][1])[:15]
    ]
    result["python_frames"] = top_frames(out / "stacks.txt")
    return result


def top_frames(path: Path, limit: int = 25) -> list[dict[str, Any]]:
    """Inclusive share of the samples in which a worker was serving a
    request (py-spy's collapsed stacks), per function, each function
    counted once per stack; idle workers waiting in accept() are left out."""
    if not path.exists():
        return []
    totals: dict[str, int] = {}
    samples = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or "WSGIHandler.__call__" not in stack:
            continue
        n = int(count)
        samples += n
        frames = stack.split(";")
        start = next(i for i, f in enumerate(frames) if "WSGIHandler.__call__" in f)
        for frame in {_frame_name(f) for f in frames[start:]}:
            totals[frame] = totals.get(frame, 0) + n
    return [
        {"function": f, "share": round(n / samples, 3)}
        for f, n in sorted(totals.items(), key=lambda kv: -kv[1])[:limit]
    ]


def _frame_name(frame: str) -> str:
    """ "func (path/to/file.py:12)" -> "func (to/file.py)"."""
    name, _, where = frame.partition(" (")
    where = where.rsplit(":", 1)[0].rstrip(")")
    return f"{name} ({'/'.join(where.split('/')[-2:])})"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        base_url = datasets.check_postgres_url(os.environ.get("DATABASE_URL"))
        harness.tool("locust")
    except (datasets.NotPostgres, harness.HarnessError) as exc:
        print(f"bench-load: {exc}", file=sys.stderr)
        return 2
    global PINNED
    PINNED = None if args.no_pin else harness.pinned_cores()
    started = datetime.datetime.now(datetime.UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    out = args.results_dir / stamp
    out.mkdir(parents=True, exist_ok=True)
    dataset = datasets.QUICK if args.quick else datasets.MEDIUM
    info = datasets.ensure(base_url, dataset)
    source = info.pop("database_url")
    print(f"copying {dataset.name} dataset for this run ...", flush=True)
    run_url = harness.copy_database(source, f"{harness.db_name(source)}_loadrun")
    report: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "command": "python -m bench.load.run "
        + " ".join(argv if argv is not None else sys.argv[1:]),
        "dataset": info,
        "workers": args.workers,
        "cores": os.cpu_count(),
        "think_seconds": mix.THINK_SECONDS,
        "load_average_start": os.getloadavg(),
    }
    server: Server | None = None
    try:
        setup_django(run_url)
        from django.db import connection

        top = max([*args.desks, args.compare_desks if args.compare else 0])
        plan = harness.build_plan(harness.create_desks(top, seed=SEED), seed=SEED)
        connection.close()
        plan_path = harness.write_plan(plan, out / "plan.json")
        report["mix"] = [
            (a["name"], a["method"], a["path"], a["weight"], a["role"]) for a in plan["actions"]
        ]
        if args.compare:
            report["compare"] = compare(args, run_url, plan, plan_path, out)
        else:
            variant = {"BENCH_SESSIONS": args.sessions, "BENCH_RAWSQL": args.rawsql}
            server = Server(
                database_url=run_url, workers=args.workers, logs=out, port=free_port(), **variant
            )
            print(f"warm-up: {top} desks, 5 s", flush=True)
            step(
                server,
                users=top,
                seconds=5,
                plan=refresh_plan(plan, plan_path, SEED),
                out=out / "warmup",
            )
            results = []
            for n in args.desks:
                print(f"step: {n} desks, {args.seconds} s", flush=True)
                results.append(
                    step(
                        server,
                        users=n,
                        seconds=args.seconds,
                        plan=refresh_plan(plan, plan_path, SEED + n),
                        out=out / f"n{n}",
                    )
                )
                print(markdown([row(results[-1])]).splitlines()[-1], flush=True)
            server.stop()
            server = None
            report["steps"] = results
            report["table"] = [row(r) for r in results]
            report["knee"] = knee(results)
            print(markdown(report["table"]))
            print("knee:", json.dumps(report["knee"]))
            if not args.no_profile:
                print(f"profile step: {args.desks[-1]} desks, py-spy", flush=True)
                report["profile"] = profile(
                    database_url=run_url,
                    workers=args.workers,
                    users=args.desks[-1],
                    seconds=args.seconds,
                    plan=refresh_plan(plan, plan_path, SEED + 1),
                    out=out,
                    variant=variant,
                )
    finally:
        if server is not None:
            server.stop()
        if not args.keep_db:
            harness.drop_database(run_url)
        report["load_average_end"] = os.getloadavg()
        (out / "plan.json").unlink(missing_ok=True)  # passwords of dropped accounts
        text = json.dumps(report, indent=2, default=str)
        (args.results_dir / f"{stamp}.json").write_text(text)
        (args.results_dir / "latest.json").write_text(text)
        print(f"results: {args.results_dir / (stamp + '.json')}")
    return 0


def compare(
    args: argparse.Namespace, run_url: str, plan: dict[str, Any], plan_path: Path, out: Path
) -> dict[str, Any]:
    """Each variant at --compare-desks, alternating, --rounds times."""
    needs_redis = not redis_url()
    chosen = [name.strip() for name in args.variants.split(",")]
    variants = {
        k: VARIANTS[k]
        for k in chosen
        if not (needs_redis and VARIANTS[k][0] in ("cache", "cached_db"))
    }
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
    for r in range(args.rounds):
        for name, (sessions, rawsql) in variants.items():
            print(f"compare round {r + 1}: {name}", flush=True)
            server = Server(
                database_url=run_url,
                workers=args.workers,
                logs=out,
                port=free_port(),
                BENCH_SESSIONS=sessions,
                BENCH_RAWSQL=rawsql,
            )
            try:
                step(
                    server,
                    users=args.compare_desks,
                    seconds=3,
                    plan=refresh_plan(plan, plan_path, SEED),
                    out=out / "cmp-warm",
                )
                result = step(
                    server,
                    users=args.compare_desks,
                    seconds=args.seconds,
                    plan=refresh_plan(plan, plan_path, SEED + r),
                    out=out / f"cmp-{sessions}-{rawsql}-{r}",
                )
            finally:
                server.stop()
            runs[name].append(result)
            print(markdown([{"variant": name, **row(result)}]).splitlines()[-1], flush=True)
    table = []
    for name, results in runs.items():

        def med(key: str, of: str, results: list[dict[str, Any]] = results) -> float:
            return round(
                statistics.median(r["stats"].get(of, {}).get(key) or 0 for r in results), 1
            )

        table.append(
            {
                "variant": name,
                "desks": args.compare_desks,
                "rps": round(statistics.median(r["rps"] for r in results), 1),
                "scan p50": med("p50", mix.SCAN),
                "scan p95": med("p95", mix.SCAN),
                "baseline p50": med("p50", mix.BASELINE),
                "baseline p95": med("p95", mix.BASELINE),
                "all p95": round(statistics.median(r["all_p95"] for r in results), 1),
                "cpu ms/req": round(
                    statistics.median(r["server_cpu_ms_per_request"] for r in results), 2
                ),
                "errors": sum(r["errors"] for r in results),
                "load": max(r["load_average_max"] for r in results),
            }
        )
    print(markdown(table))
    return {"table": table, "runs": {k: [row(r) for r in v] for k, v in runs.items()}}


if __name__ == "__main__":
    sys.exit(main())
