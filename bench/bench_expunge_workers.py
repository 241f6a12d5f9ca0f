"""Expunge split across workers: one worker against two, same data.

What is measured: the wall time of the daily retention job over N due loans
(a) in one worker process (retention_expunge, as RETENTION_WORKERS=1 runs
it) and (b) split in two shares run at once by two worker processes
(retention_expunge_split + retention_expunge_share, as RETENTION_WORKERS=2
runs it through Celery; here each share is a process of its own, without
the broker round trip, which is milliseconds). Speed-up = (a) / (b); the
end state of both (which loans and fees still name a patron) is compared by
checksum and must be identical.

Data and reload: bench/bench_expunge.py's (20,000 patrons, 200,000 items, N
due loans plus 5 % kept, open fees on 1 %), reloaded before every run so
both contenders start from identical rows. Rounds alternate one worker, two
workers; medians are reported. On a machine with C cores, two workers can
gain at most what PostgreSQL can run in parallel: see docs/benchmarks.md.

Stand-alone:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_retention_bench \\
        python -m bench.bench_expunge_workers --sizes 5000000 --repeat 1
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from bench import bench_expunge as base

NAME = "expunge_workers"
TARGETS = {"speedup": 1.0}

CHECKSUM = """
SELECT (SELECT count(*) FROM circulation_loan WHERE patron_id IS NULL),
       (SELECT md5(string_agg(id::text || ':' || coalesce(patron_id::text, '-'), ','
                              ORDER BY id)) FROM circulation_loan),
       (SELECT md5(string_agg(id::text || ':' || coalesce(loan_id::text, '-') || ':'
                              || coalesce(patron_id::text, '-'), ',' ORDER BY id))
          FROM circulation_fee)
"""


def _child(args: list[str], url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.bench_expunge_workers", *args],
        cwd=base.ROOT,
        env=base.child_env(url),
        stdout=subprocess.PIPE,
        text=True,
    )


def _last_json(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"worker exited with {process.returncode}")
    return json.loads(out.strip().splitlines()[-1])


def run_one_worker(url: str) -> float:
    t0 = time.perf_counter()
    _last_json(_child(["--child", "single"], url))
    return time.perf_counter() - t0


def run_two_workers(url: str) -> tuple[float, dict[str, Any]]:
    run_id = _last_json(_child(["--child", "plan"], url))["run"]
    t0 = time.perf_counter()
    shares = [_child(["--child", "share", str(run_id), str(n)], url) for n in (0, 1)]
    results = [_last_json(p) for p in shares]
    elapsed = time.perf_counter() - t0
    final = max(results, key=lambda r: r["shares_done"])
    return elapsed, final


def child(mode: str, extra: list[str]) -> None:
    import django

    django.setup()
    from retention import services

    as_of = base.AS_OF
    if mode == "single":
        report = services.retention_expunge(as_of=as_of)
        print(json.dumps({"expunged": report.record_types["returned_loans"].expunged}))
    elif mode == "plan":
        run = services.retention_expunge_split(shares=2, as_of=as_of)
        print(json.dumps({"run": run.pk}))
    else:
        run_id, share = int(extra[0]), int(extra[1])
        run = services.retention_expunge_share(run_id=run_id, share=share)
        print(
            json.dumps(
                {
                    "shares_done": run.shares_done,
                    "finished": run.finished_at is not None,
                    "counts": run.counts,
                    "errors": run.errors,
                }
            )
        )


def measure(url: str, eligible: int, repeat: int, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    with base.connect(url) as conn:
        t0 = time.perf_counter()
        counts = base.generate(conn, eligible)
        log(f"  generated {counts} in {time.perf_counter() - t0:.0f}s")
        one, two, sums = [], [], set()
        for i in range(repeat):
            base.reload(conn)
            secs = run_one_worker(url)
            single_sum = conn.execute(CHECKSUM).fetchone()
            one.append(secs)
            log(f"  round {i + 1}: one worker {secs:.1f}s")
            base.reload(conn)
            secs, final = run_two_workers(url)
            split_sum = conn.execute(CHECKSUM).fetchone()
            two.append(secs)
            if not final["finished"] or final["errors"]:
                raise RuntimeError(f"split run went wrong: {final}")
            expunged = final["counts"]["returned_loans"]["expunged"]
            log(f"  round {i + 1}: two workers {secs:.1f}s ({expunged} loans)")
            sums.add(single_sum == split_sum)
            if single_sum[0] - 0 < counts["due"]:
                raise RuntimeError(f"one worker left due loans: {single_sum[0]} < {counts['due']}")
        conn.execute("DROP TABLE IF EXISTS bench_loan_template, bench_fee_template")
    one_s, two_s = statistics.median(one), statistics.median(two)
    return {
        "eligible_loans": counts["due"],
        "total_loans": counts["loans"],
        "one_worker_seconds_median": round(one_s, 1),
        "two_workers_seconds_median": round(two_s, 1),
        "speedup": round(one_s / two_s, 2),
        "same_end_state": sums == {True},
        "rounds": repeat,
        "one_worker_seconds": [round(s, 1) for s in one],
        "two_workers_seconds": [round(s, 1) for s in two],
    }


def run(args: Any) -> dict[str, Any]:
    """Entry point for bench/run.py (args.database_url, args.quick, args.repeat)."""
    db = getattr(args, "database_url", None) or os.environ["DATABASE_URL"]
    url = getattr(args, "expunge_database_url", None) or base.with_db(
        db, base.db_name(db) + "_expunge"
    )
    sizes = getattr(args, "sizes", None) or ([50_000] if args.quick else [5_000_000])
    repeat = getattr(args, "repeat", None) or (1 if args.quick else 3)
    base.ensure_database(url)
    result: dict[str, Any] = {"database": base.db_name(url), "cores": os.cpu_count(), "sizes": {}}
    for size in sizes:
        print(f"expunge_workers: {size} eligible loans", flush=True)
        result["sizes"][str(size)] = measure(url, size, repeat)
    biggest = result["sizes"][str(sizes[-1])]
    result["speedup"] = biggest["speedup"]
    result["same_end_state"] = all(s["same_end_state"] for s in result["sizes"].values())
    result["meets_targets"] = result["same_end_state"] and result["speedup"] > TARGETS["speedup"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_expunge_workers")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", help="comma-separated eligible-loan counts")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("extra", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.extra)
        return 0
    db = os.environ.get("DATABASE_URL", "")
    if not db.startswith(("postgres://", "postgresql://")) and not args.database_url:
        print("bench_expunge_workers: set DATABASE_URL to a PostgreSQL server", file=sys.stderr)
        return 2
    args.expunge_database_url = args.database_url or base.with_db(db, "lsd_retention_bench")
    args.database_url = args.expunge_database_url
    if args.sizes:
        args.sizes = [int(s) for s in args.sizes.split(",")]
    started = datetime.datetime.now(datetime.UTC)
    result = run(args)
    result["started"] = started.isoformat(timespec="seconds")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
