"""Patron notices (issue 26): the day's notices selected and queued by
index, in time proportional to their number, with memory flat.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_x \\
        python -m bench.run --dataset consortium --only notices

Two days of different sizes: the dataset's last day (that of its latest
checkouts) and the day ten days before it. For each, `notices_queue` (every
kind: hold ready, courtesy, overdue first and second, card expiring, fee;
one INSERT ... SELECT ... ON CONFLICT per kind) runs `repeat` times, each
inside a transaction rolled back, so every round queues the same notices
anew: median seconds, notices queued, milliseconds per thousand notices,
and the peak of Python's memory (tracemalloc) during the call. Per kind,
the same for its own statement.

Baseline, in the same run: the courtesy selection of each day with index
scans turned off for its transaction (what reading every loan costs): the
ratio says what the index saves.

Plans: EXPLAIN (ANALYZE, BUFFERS) of each kind's selecting query on the
first day. The benchmark fails on a Seq Scan of circulation_loan, and when
the time per thousand notices of the two days differs by more than
PROPORTIONAL_LIMIT (so a time that grows with the table, not with the
notices, fails), or when the memory peak of the larger day is more than
MEMORY_LIMIT_KB above the smaller's.

Changes nothing: every statement runs in a transaction rolled back.
"""

from __future__ import annotations

import datetime
import os
import statistics
import time
import tracemalloc
from typing import Any

NAME = "notices"
LOAN_TABLE = "circulation_loan"
PROPORTIONAL_LIMIT = 2.0
MEMORY_LIMIT_KB = 512
SECOND_DAY_BEFORE = 10


class BenchmarkFailed(AssertionError):
    pass


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _moment(day: datetime.date) -> datetime.datetime:
    """Ten in the morning of `day`, in the library system's zone."""
    from organisation import clock

    return clock.at(clock.server_zone(), day, datetime.time(10))


def _rolled_back(fn: Any) -> tuple[Any, float, int]:
    """fn() inside a transaction rolled back: (result, seconds, peak KiB of
    Python memory allocated during it)."""
    from django.db import transaction

    with transaction.atomic():
        tracemalloc.start()
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        transaction.set_rollback(True)
    return result, seconds, peak // 1024


def measure_day(day: datetime.date, repeat: int) -> dict[str, Any]:
    from patronnotices import selection, services
    from patronnotices.models import Kind

    now = _moment(day)
    rounds = [_rolled_back(lambda: services.notices_queue(now=now)) for _ in range(repeat)]
    counts = rounds[0][0]
    total = sum(counts.values())
    seconds = statistics.median(r[1] for r in rounds)
    kinds = {}
    for kind in Kind.values:
        timed = [
            _rolled_back(lambda kind=kind: selection.notices_queue_kind(kind, now=now))
            for _ in range(repeat)
        ]
        n = timed[0][0]
        s = statistics.median(t[1] for t in timed)
        kinds[kind] = {
            "notices": n,
            "median_ms": round(s * 1000, 1),
            "ms_per_1000": round(s * 1000 / n * 1000, 1) if n else None,
        }
    return {
        "day": day.isoformat(),
        "notices": total,
        "by_kind": counts,
        "median_s": round(seconds, 3),
        "ms_per_1000": round(seconds * 1000 / total * 1000, 1) if total else None,
        "memory_peak_kb": max(r[2] for r in rounds),
        "kinds": kinds,
    }


def baseline_courtesy(day: datetime.date) -> dict[str, Any]:
    """The courtesy selection with index scans off: a read of every loan."""
    from django.db import connection

    from patronnotices import selection
    from patronnotices.models import Kind

    now = _moment(day)

    def forced() -> int:
        with connection.cursor() as cursor:
            for knob in ("enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"):
                cursor.execute(f"SET LOCAL {knob} = off")
        return selection.notices_queue_kind(Kind.COURTESY, now=now)

    n, seconds, _ = _rolled_back(forced)
    return {"notices": n, "seconds": round(seconds, 3)}


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node]
    for child in node.get("Plans", []):
        found += _walk(child)
    return found


def explain(day: datetime.date) -> dict[str, Any]:
    from django.db import connection, transaction

    from patronnotices import selection
    from patronnotices.models import Kind

    now = _moment(day)
    plans = {}
    for kind in Kind.values:
        query = selection.selecting_sql(kind, now=now)
        if query is None:
            continue
        sql, params = query
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
            (raw,) = cursor.fetchone()
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            text = [row[0] for row in cursor.fetchall()]
            transaction.set_rollback(True)
        tree = raw[0]["Plan"] if isinstance(raw, list) else raw
        nodes = _walk(tree)
        scans = sorted(
            {
                f"{n['Node Type']} on {n['Relation Name']}"
                + (f" using {n['Index Name']}" if n.get("Index Name") else "")
                for n in nodes
                if n.get("Relation Name")
            }
        )
        plans[kind] = {
            "scans": scans,
            "seq_scan_on_loans": any(
                n["Node Type"] == "Seq Scan" and n.get("Relation Name") == LOAN_TABLE for n in nodes
            ),
            "seq_scans": sorted(n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"),
            "plan": text,
        }
    return plans


def run(args: Any) -> dict[str, Any]:
    from django.db import connection

    from bench.bench_consortium import dataset_as_of

    with connection.cursor() as cursor:
        for table in (LOAN_TABLE, "circulation_hold", "circulation_fee", "patrons_card"):
            cursor.execute(f"ANALYZE {table}")
    last = dataset_as_of()
    days = [last, last - datetime.timedelta(days=SECOND_DAY_BEFORE)]
    load_before = _load()
    measured = [measure_day(day, args.repeat) for day in days]
    baselines = [baseline_courtesy(day) for day in days]
    plans = explain(days[0])
    load_after = _load()

    small, large = sorted(measured, key=lambda m: m["notices"])
    per_small, per_large = small["ms_per_1000"], large["ms_per_1000"]
    spread = max(per_small, per_large) / min(per_small, per_large)
    memory_growth = large["memory_peak_kb"] - small["memory_peak_kb"]
    result: dict[str, Any] = {
        "load_average_before": load_before,
        "load_average_after": load_after,
        "repeat": args.repeat,
    }
    for label, m, b in zip(("day_1", "day_2"), measured, baselines, strict=True):
        courtesy = m["kinds"]["courtesy"]
        result.update(
            {
                f"{label}": m["day"],
                f"{label}_notices": m["notices"],
                f"{label}_median_s": m["median_s"],
                f"{label}_ms_per_1000": m["ms_per_1000"],
                f"{label}_memory_peak_kb": m["memory_peak_kb"],
                f"{label}_courtesy_ms": courtesy["median_ms"],
                f"{label}_courtesy_no_index_ms": round(b["seconds"] * 1000, 1),
                f"{label}_courtesy_index_speedup": round(
                    b["seconds"] * 1000 / courtesy["median_ms"], 1
                )
                if courtesy["median_ms"]
                else None,
            }
        )
    result.update(
        {
            "ms_per_1000_spread": round(spread, 2),
            "memory_growth_kb": memory_growth,
            "seq_scan_on_loans": sorted(k for k, p in plans.items() if p["seq_scan_on_loans"]),
            "days": measured,
            "plans": plans,
        }
    )
    problems = []
    if result["seq_scan_on_loans"]:
        problems.append(f"Seq Scan on {LOAN_TABLE} in {result['seq_scan_on_loans']}")
    if spread > PROPORTIONAL_LIMIT:
        problems.append(f"time per thousand notices differs {spread:.2f}x between the days")
    if memory_growth > MEMORY_LIMIT_KB:
        problems.append(f"memory grew {memory_growth} KiB with the larger day")
    result["verdict"] = "pass" if not problems else "FAIL: " + "; ".join(problems)
    if problems:
        figures = {k: v for k, v in result.items() if not isinstance(v, dict | list)}
        raise BenchmarkFailed(f"{result['verdict']} ({figures})")
    return result
