"""Expunge: the retention job against a single raw SQL UPDATE.

What is measured: returned loans anonymized per second by the retention
service (retention.services.retention_expunge: bounded batches, each its own
transaction, keyset-paginated, audit-log scrub included), and by one raw
UPDATE ... FROM statement that anonymizes exactly the same rows (same
eligibility: returned before the cutoff, no open or recently closed fee,
patron not opted in, no legal hold). Ratio = service rows/s / raw rows/s
(target >= 0.5). The service runs in a subprocess, as a worker would; its
peak resident memory (ru_maxrss) is reported (target < 200 MB, flat with
volume).

Data: a database of its own (`<dataset db>_expunge`, or lsd_retention_bench
stand-alone), migrated once; per size, N eligible loans plus 5 % kept
(recently returned, opted-in patrons, open fees) generated with INSERT ...
SELECT generate_series into a template table. Before every measured run the
loan table is reloaded from the template and VACUUM ANALYZEd, so that both
contenders start from identical data and an identical table state. Runs
alternate (raw, service, raw, service...); medians are reported.

Stand-alone:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_retention \
        python -m bench.bench_expunge [--quick] [--sizes 1000000,5000000] [--repeat 3]
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
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

NAME = "expunge"
TARGETS = {"ratio": 0.5, "peak_rss_mb": 200}
ROOT = Path(__file__).resolve().parent.parent
AS_OF = datetime.date(2026, 6, 30)
PATRONS = 20_000
ITEMS = 200_000
KEPT_SHARE = 0.05


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def connect(url: str, autocommit: bool = True):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=autocommit)


def ensure_database(url: str) -> None:
    """Create and migrate the bench database if needed."""
    name = db_name(url)
    with connect(with_db(url, "postgres")) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = child_env(url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def child_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="0",
        REDIS_URL="",
    )
    return env


def generate(conn, eligible: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Fill the template table bench_loan_template; patrons, items, fees."""
    kept = int(eligible * KEPT_SHARE)
    total = eligible + kept
    conn.execute(
        "TRUNCATE circulation_fee, circulation_hold, circulation_loan, circulation_item, "
        "catalogue_title, retention_legalhold, patrons_card, patrons_patron, auditlog_logentry, "
        "retention_expungerun CASCADE"
    )
    conn.execute("DROP TABLE IF EXISTS bench_loan_template, bench_fee_template")
    system = conn.execute(
        "INSERT INTO libraryservice_librarysystem (name, fee_block_threshold, hold_pickup_days, "
        "card_validity_years) SELECT 'Bench', 10, 7, 3 WHERE NOT EXISTS "
        "(SELECT 1 FROM libraryservice_librarysystem) RETURNING id"
    ).fetchone()
    system_id = (
        system[0]
        if system
        else conn.execute("SELECT min(id) FROM libraryservice_librarysystem").fetchone()[0]
    )
    branch = conn.execute("SELECT id FROM libraryservice_branch WHERE code = 'bench'").fetchone()
    if branch is None:
        branch = conn.execute(
            "INSERT INTO libraryservice_branch (system_id, code, name, jurisdiction_code, "
            "timezone, address, phone, observes_public_holidays) VALUES (%s, 'bench', "
            "'Bench', 'US-NY', 'America/New_York', '', '', true) RETURNING id",
            [system_id],
        ).fetchone()
    branch_id = branch[0]
    conn.execute(
        "INSERT INTO patrons_patron (id, first_name, last_name, date_of_birth, category, email, "
        "phone, address_line, city, postal_code, home_branch_id, keeps_loan_history, "
        "shares_with_guardian, notes, created_at, updated_at) "
        "SELECT g, 'First' || g, 'Last' || g, date '1960-01-01' + (g %% 15000), 'adult', "
        "'p' || g || '@example.org', '555-0100', '', '', '', %s, g %% 50 = 0, false, '', "
        "now(), now() FROM generate_series(1, %s) g",
        [branch_id, PATRONS],
    )
    conn.execute(
        "INSERT INTO catalogue_title (id, title, author, isbn, issn, publisher, format, "
        "language, source_system, source_record_number, marc_syntax, marc_record, created_at) "
        "SELECT g, 'Item ' || g, '', '', '', '', 'book', '', '', '', '', '', now() "
        "FROM generate_series(1, %s) g",
        [ITEMS],
    )
    conn.execute(
        "INSERT INTO circulation_item (id, barcode, title_record_id, title, author, "
        "call_number, format, home_branch_id, status, replacement_cost) "
        "SELECT g, '3' || lpad(g::text, 13, '0'), g, 'Item ' || g, '', '', 'book', %s, "
        "'available', 25 FROM generate_series(1, %s) g",
        [branch_id, ITEMS],
    )
    # Loans in checkout order; ids 1..eligible are due, except those of
    # opted-in patrons (every 50th) which are kept. The last `kept` loans were
    # returned recently. returned_at grows with id, as in a real library.
    conn.execute("CREATE TABLE bench_loan_template AS SELECT * FROM circulation_loan WITH NO DATA")
    conn.execute(
        "INSERT INTO bench_loan_template (id, item_id, patron_id, card_id, proxy_id, branch_id, "
        "checked_out_at, due_at, returned_at, renewals, checked_out_by_id, override_by_id, "
        "override_reason, patron_category, patron_birth_year, anonymized_at) "
        "SELECT g, g %% %s + 1, p, NULL, NULL, %s, r - interval '14 days', "
        "r + interval '7 days', r, 0, NULL, NULL, '', '', NULL, NULL FROM ("
        "  SELECT g, (g::bigint * 7919) %% %s + 1 AS p, CASE WHEN g <= %s "
        "    THEN timestamptz '2025-06-01 10:00+00' + (g::float8 / %s) * interval '300 days' "
        "    ELSE timestamptz '2026-06-20 10:00+00' + (g %% 600) * interval '1 minute' END AS r "
        "  FROM generate_series(1, %s) g) s",
        [ITEMS, branch_id, PATRONS, eligible, eligible, total],
    )
    conn.execute("ALTER TABLE bench_loan_template ADD PRIMARY KEY (id)")
    # Open fees on 1 % of the due loans.
    conn.execute("CREATE TABLE bench_fee_template AS SELECT * FROM circulation_fee WITH NO DATA")
    conn.execute(
        "INSERT INTO bench_fee_template (id, patron_id, loan_id, branch_id, kind, amount, status, "
        "created_at, closed_at, waive_reason, patron_category, anonymized_at) "
        "SELECT g, (g::bigint * 7919) %% %s + 1, g, %s, 'overdue', 1, 'open', now(), NULL, '', '', NULL "
        "FROM generate_series(1, %s, 100) g",
        [PATRONS, branch_id, eligible],
    )
    row = conn.execute(
        "SELECT count(*) FROM bench_loan_template t JOIN patrons_patron p ON p.id = t.patron_id "
        "WHERE t.returned_at < %s AND NOT p.keeps_loan_history AND NOT EXISTS "
        "(SELECT 1 FROM bench_fee_template f WHERE f.loan_id = t.id)",
        [cutoff()],
    ).fetchone()
    return {"loans": total, "due": row[0], "patrons": PATRONS, "items": ITEMS}


def cutoff() -> datetime.datetime:
    # The service's cutoff: end of (as_of - 30 days) in the library's zone;
    # the generated data has no loan near it, so UTC midnight is the same.
    return datetime.datetime.combine(
        AS_OF - datetime.timedelta(days=29), datetime.time.min, tzinfo=datetime.UTC
    )


def reload(conn) -> None:  # type: ignore[no-untyped-def]
    """Identical loans and fees, fast: load without the secondary indexes
    and foreign-key triggers (the template already satisfies them), then
    rebuild the indexes exactly as they were."""
    indexes = conn.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = "
        "'circulation_loan' AND i.indexname NOT IN (SELECT conname FROM pg_constraint)"
    ).fetchall()
    conn.execute("SET session_replication_role = replica")
    conn.execute("TRUNCATE circulation_fee, circulation_loan CASCADE")
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("INSERT INTO circulation_loan SELECT * FROM bench_loan_template")
    conn.execute("INSERT INTO circulation_fee SELECT * FROM bench_fee_template")
    for _, definition in indexes:
        conn.execute(definition)
    conn.execute("SET session_replication_role = DEFAULT")
    conn.execute("VACUUM ANALYZE circulation_loan")
    conn.execute("VACUUM ANALYZE circulation_fee")
    conn.execute("CHECKPOINT")


RAW_UPDATE = """
UPDATE circulation_loan AS t SET patron_id = NULL, card_id = NULL, proxy_id = NULL,
    anonymized_at = now(),
    patron_category = CASE WHEN t.patron_category = '' THEN p.category
                           ELSE t.patron_category END,
    patron_birth_year = NULL
FROM patrons_patron p
WHERE p.id = t.patron_id AND t.returned_at IS NOT NULL AND t.returned_at < %(cutoff)s
  AND NOT p.keeps_loan_history
  AND NOT EXISTS (SELECT 1 FROM circulation_fee f WHERE f.loan_id = t.id
                  AND (f.status = 'open' OR f.closed_at >= %(cutoff)s))
  AND NOT EXISTS (SELECT 1 FROM retention_legalhold h WHERE h.patron_id = t.patron_id
                  AND h.released_at IS NULL)
"""


def run_raw(conn) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    cur = conn.execute(RAW_UPDATE, {"cutoff": cutoff()})
    return cur.rowcount, time.perf_counter() - t0


def run_service(url: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_expunge", "--child", "--as-of", AS_OF.isoformat()],
        cwd=ROOT,
        env=child_env(url),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(as_of: str) -> None:
    """Inside the worker-like subprocess: set up Django, run the service."""
    import resource

    import django

    django.setup()
    from retention.services import retention_expunge

    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    report = retention_expunge(as_of=datetime.date.fromisoformat(as_of))
    elapsed = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    loans = report.record_types["returned_loans"]
    print(
        json.dumps(
            {
                "expunged": loans.expunged,
                "kept": dict(loans.kept),
                "seconds": elapsed,
                "peak_rss_mb": peak_kb / 1024,
                "rss_after_setup_mb": baseline_kb / 1024,
                "errors": report.errors,
            }
        )
    )


def measure(url: str, eligible: int, repeat: int, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    with connect(url) as conn:
        t0 = time.perf_counter()
        counts = generate(conn, eligible)
        log(f"  generated {counts} in {time.perf_counter() - t0:.0f}s")
        raw_rates, service_rates, peaks, service_secs, raw_secs = [], [], [], [], []
        for i in range(repeat):
            reload(conn)
            rows, secs = run_raw(conn)
            if rows != counts["due"]:
                raise RuntimeError(f"raw UPDATE touched {rows} rows, expected {counts['due']}")
            raw_rates.append(rows / secs)
            raw_secs.append(secs)
            log(f"  round {i + 1}: raw UPDATE {rows} rows in {secs:.1f}s")
            reload(conn)
            result = run_service(url)
            if result["errors"] or result["expunged"] != counts["due"]:
                raise RuntimeError(f"service run went wrong: {result}")
            service_rates.append(result["expunged"] / result["seconds"])
            service_secs.append(result["seconds"])
            peaks.append(result["peak_rss_mb"])
            log(
                f"  round {i + 1}: service {result['expunged']} rows in {result['seconds']:.1f}s,"
                f" peak RSS {result['peak_rss_mb']:.0f} MB"
            )
        conn.execute("DROP TABLE IF EXISTS bench_loan_template, bench_fee_template")
    raw = statistics.median(raw_rates)
    service = statistics.median(service_rates)
    return {
        "eligible_loans": counts["due"],
        "total_loans": counts["loans"],
        "raw_rows_per_s": round(raw),
        "service_rows_per_s": round(service),
        "ratio": round(service / raw, 2),
        "raw_seconds_median": round(statistics.median(raw_secs), 1),
        "service_seconds_median": round(statistics.median(service_secs), 1),
        "peak_rss_mb": round(max(peaks), 1),
        "rounds": repeat,
    }


def run(args: Any) -> dict[str, Any]:
    """Entry point for bench/run.py (args.database_url, args.quick, args.repeat)."""
    base = getattr(args, "database_url", None) or os.environ["DATABASE_URL"]
    url = getattr(args, "expunge_database_url", None) or with_db(base, db_name(base) + "_expunge")
    sizes = getattr(args, "sizes", None) or (
        [20_000, 100_000] if args.quick else [1_000_000, 5_000_000]
    )
    repeat = getattr(args, "repeat", None) or (1 if args.quick else 3)
    ensure_database(url)
    result: dict[str, Any] = {"database": db_name(url), "sizes": {}}
    for size in sizes:
        print(f"expunge: {size} eligible loans", flush=True)
        # Five million rows take minutes per round: fewer rounds there.
        rounds = repeat
        result["sizes"][str(size)] = measure(url, size, rounds)
    biggest = result["sizes"][str(sizes[-1])]
    result["ratio"] = min(s["ratio"] for s in result["sizes"].values())
    result["peak_rss_mb"] = max(s["peak_rss_mb"] for s in result["sizes"].values())
    result["service_rows_per_s"] = biggest["service_rows_per_s"]
    result["raw_rows_per_s"] = biggest["raw_rows_per_s"]
    result["meets_targets"] = (
        result["ratio"] >= TARGETS["ratio"] and result["peak_rss_mb"] < TARGETS["peak_rss_mb"]
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_expunge")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", help="comma-separated eligible-loan counts")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--database-url", default=None, help="bench database (created if needed)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--as-of", default=AS_OF.isoformat(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.as_of)
        return 0
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")) and not args.database_url:
        print("bench_expunge: set DATABASE_URL to a PostgreSQL server", file=sys.stderr)
        return 2
    args.expunge_database_url = args.database_url or with_db(base, "lsd_retention_bench")
    args.database_url = args.expunge_database_url
    if args.sizes:
        args.sizes = [int(s) for s in args.sizes.split(",")]
    result = run(args)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
