"""Nights of the retention job on a caught-up dataset: a nightly pass (only
what may have become due) against a full pass, and the same end state.

Issue 28. On the dataset (consortium or medium; it CHANGES the dataset, as
bench_consortium does), after the catch-up (a full run as of the dataset's
day, made first if there is none):

1. A full pass on the next night (reads every pending row; the bounds the
   nights continue from). Timed: what every night cost before.
2. The day's changes, as the desks make them: open fees on returned loans
   paid, legal holds placed before the full pass released, patrons who
   stop keeping a history (the patron row changed). Fees paid a loan
   period before night A are closed before the full pass: their loans
   fall due on night A and must be found below the bound.
3. Night A, one day on, and night B, three days after A (three days of
   returns fall due): each a nightly pass, timed, with the rows it read
   (expunged + kept, from its counts). Then, as of the same day, a full
   pass (`full=True`), which must expunge nothing; the checksums of the
   tables retention changes, taken after the nightly pass and after the
   full pass, must be equal. The nightly pass expunges with the full pass's
   own eligibility (restricted to its lanes) and the same statements, so
   "a full pass afterwards finds nothing and changes nothing" is "the
   nightly pass left the state the full pass would have".

The process's clock moves forward with the nights (DaysLater): the desks'
changes half a day after the full pass, each night as many days after it
as its as-of day, so that a nightly pass's revisits ("changed since the
last run started, less an hour") see one night's changes, as on real
nights, not every change the bench made minutes before.

Load averages before each timed run are in the result, and per night the
time per row expunged (the whole run's, and the loans part's per loan); the
two nights' ratios of rows and of seconds say whether a night's time goes
with its rows. The catch-up (its seconds, rows per record type and the
VACUUM after it) is reported when this module makes it: in one process as
the daily task does, or (`--catch-up-shares N`) as a split run, N worker
processes at once, as RETENTION_WORKERS=N runs it. Every stage is printed
to stderr as it ends, with progress every million rows, so that a run cut
short still says how far it got.

Stand-alone:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_expunge_medium \\
        DJANGO_SETTINGS_MODULE=bench.settings python -m bench.bench_expunge_nights \\
        [--catch-up-shares 2] [--gaps 1,3]
Through the harness (one process, nights one and three days apart):
    python -m bench.run --dataset consortium --only expunge_nights
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from typing import Any

NAME = "expunge_nights"
TARGETS: dict[str, float] = {}

# Tables retention changes, and the columns that only say when a run ran
# (they differ between any two runs and are left out of the checksums).
CHECKED_TABLES = (
    "circulation_loan",
    "circulation_fee",
    "circulation_hold",
    "patrons_patron",
    "patrons_card",
    "auditlog_logentry",
)
RUN_TIME_COLUMNS = ("anonymized_at", "deidentified_at", "updated_at")
# The day's changes: how many of each.
FEES_PAID_A_PERIOD_AGO = 2_000
FEES_PAID_TODAY = 2_000
HOLDS_RELEASED = 200
HISTORIES_STOPPED = 500
# Days between the full pass and night A, and between night A and night B.
GAPS = (1, 3)
# Progress lines every this many rows of a record type.
PROGRESS_EVERY = 1_000_000


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _say(stage: str, data: Any) -> None:
    """A stage's figures on stderr as soon as it ends (a run cut short by a
    deadline still leaves them)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%H:%M:%S")
    print(f"expunge_nights {stamp} {stage}: {json.dumps(data, default=str)}", file=sys.stderr)
    sys.stderr.flush()


def _progress() -> Any:
    """An on_batch callback that reports every PROGRESS_EVERY rows."""
    done: dict[str, int] = {}
    t0 = time.monotonic()

    def on_batch(record_type: str, count: int) -> None:
        before = done.get(record_type, 0)
        done[record_type] = before + count
        if before // PROGRESS_EVERY != done[record_type] // PROGRESS_EVERY:
            _say(
                "progress",
                {
                    "record_type": record_type,
                    "rows": done[record_type],
                    "seconds": round(time.monotonic() - t0, 1),
                    "load": _load(),
                },
            )

    return on_batch


def checksums() -> dict[str, str]:
    """Per table: row count and an order-independent sum of row hashes."""
    from django.db import connection

    out = {}
    with connection.cursor() as cursor:
        for table in CHECKED_TABLES:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = %s ORDER BY ordinal_position",
                [table],
            )
            columns = [c for (c,) in cursor.fetchall() if c not in RUN_TIME_COLUMNS]
            row = "concat_ws('|', " + ", ".join(f'"{c}"::text' for c in columns) + ")"
            cursor.execute(
                f"SELECT count(*), coalesce(sum(hashtextextended({row}, 0)::numeric), 0) "
                f"FROM {table}"
            )
            count, total = cursor.fetchone()
            out[table] = f"{count}:{total}"
    return out


def _expunged(report: Any) -> dict[str, int]:
    return {rt: r.expunged for rt, r in report.record_types.items() if r.expunged}


def _read(report: Any) -> dict[str, int]:
    """Rows a run counted: expunged and kept, per record type."""
    return {
        rt: r.expunged + sum(r.kept.values())
        for rt, r in report.record_types.items()
        if r.expunged or r.kept
    }


def fees_paid_a_period_ago(night: datetime.date) -> int:
    """Before the full pass: fees on loans paid a loan period before
    `night` (between the full pass's cutoff and the night's), which keep
    their loans at the full pass and free them on that night, found below
    the bound by their closing date."""
    from django.db import connection

    from circulation.models import Fee

    long_ago = loans_cutoff(night) - datetime.timedelta(hours=6)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE circulation_fee SET status = %s, closed_at = %s WHERE id IN "
            "(SELECT id FROM circulation_fee WHERE status = %s AND loan_id IS NOT NULL "
            "ORDER BY id LIMIT %s)",
            [Fee.Status.PAID.value, long_ago, Fee.Status.OPEN.value, FEES_PAID_A_PERIOD_AGO],
        )
        return cursor.rowcount


def day_changes(night: datetime.date) -> dict[str, int]:
    """The desks' day before `night`: fees paid, legal holds released,
    histories no longer kept. Returns the counts."""
    from django.db import connection

    from circulation.models import Fee
    from organisation import clock

    now = clock.now()
    out = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE circulation_fee SET status = %s, closed_at = %s WHERE id IN "
            "(SELECT id FROM circulation_fee WHERE status = %s AND loan_id IS NOT NULL "
            "ORDER BY id DESC LIMIT %s)",
            [Fee.Status.PAID.value, now, Fee.Status.OPEN.value, FEES_PAID_TODAY],
        )
        out["fees_paid_today"] = cursor.rowcount
        cursor.execute(
            "UPDATE retention_legalhold SET released_at = %s WHERE id IN "
            "(SELECT id FROM retention_legalhold WHERE released_at IS NULL "
            "ORDER BY id LIMIT %s)",
            [now, HOLDS_RELEASED],
        )
        out["legal_holds_released"] = cursor.rowcount
        cursor.execute(
            "UPDATE patrons_patron SET keeps_loan_history = false, "
            "keeps_loan_history_since = NULL, updated_at = %s WHERE id IN "
            "(SELECT id FROM patrons_patron WHERE keeps_loan_history ORDER BY id LIMIT %s)",
            [now, HISTORIES_STOPPED],
        )
        out["histories_stopped"] = cursor.rowcount
    return out


def loans_cutoff(as_of: datetime.date) -> datetime.datetime:
    """The returned loans' cutoff as of that day (the "*" rule)."""
    from organisation import clock
    from retention.context import RunContext
    from retention.registry import HANDLERS
    from retention.rulebook import RuleBook
    from retention.vocabulary import RecordType

    handler = HANDLERS[RecordType.RETURNED_LOANS]
    ctx = RunContext(as_of=as_of, now=clock.now(), dry_run=False, batch_size=1, rules=RuleBook())
    return ctx.cutoff(handler.effective_rules(ctx)[0])


def place_holds(as_of: datetime.date, count: int) -> int:
    """Legal holds on patrons whose loans fall due on the night `as_of`
    (that night keeps them; releasing the holds later frees them)."""
    from django.db import connection

    cutoff = loans_cutoff(as_of)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO retention_legalhold (patron_id, record_types, reason, created_at) "
            "SELECT DISTINCT patron_id, '[]'::jsonb, 'bench', now() FROM "
            "(SELECT patron_id FROM circulation_loan WHERE patron_id IS NOT NULL "
            "AND returned_at >= %s AND returned_at < %s ORDER BY returned_at LIMIT %s) due",
            [cutoff - datetime.timedelta(days=1), cutoff, count],
        )
        return cursor.rowcount


# Seconds per record type of the latest timed run (see _timing).
TYPE_SECONDS: dict[str, float] = {}


def _timing() -> None:
    """Time each handler's run (expunge and count) within a run."""
    from retention.handlers import RecordHandler

    if getattr(RecordHandler.run, "timed", False):
        return
    plain = RecordHandler.run

    def run(self: Any, ctx: Any) -> Any:
        t0 = time.monotonic()
        try:
            return plain(self, ctx)
        finally:
            TYPE_SECONDS[self.record_type] = round(time.monotonic() - t0, 2)

    run.timed = True  # type: ignore[attr-defined]
    RecordHandler.run = run  # type: ignore[method-assign]


def timed_run(as_of: datetime.date, **kwargs: Any) -> tuple[Any, float, str]:
    from retention.services import retention_expunge

    _timing()
    TYPE_SECONDS.clear()
    load = _load()
    t0 = time.monotonic()
    report = retention_expunge(as_of=as_of, **kwargs)
    return report, round(time.monotonic() - t0, 2), load


def _slowest() -> dict[str, float]:
    return {k: v for k, v in sorted(TYPE_SECONDS.items(), key=lambda kv: -kv[1]) if v >= 0.01}


def _per_row(seconds: float | None, rows: int) -> float | None:
    """Milliseconds per row, or None for no rows."""
    return round(1000 * seconds / rows, 3) if rows and seconds is not None else None


def night(as_of: datetime.date) -> dict[str, Any]:
    """A nightly pass, then a full pass as of the same day that must find
    nothing; checksums after each."""
    report, seconds, load = timed_run(as_of, on_batch=_progress())
    type_seconds = _slowest()
    after_nightly = checksums()
    full, full_seconds, full_load = timed_run(as_of, full=True)
    after_full = checksums()
    expunged = _expunged(report)
    loans = expunged.get("returned_loans", 0)
    loans_read = _read(report).get("returned_loans", 0)
    loans_seconds = type_seconds.get("returned_loans")
    return {
        "as_of": as_of.isoformat(),
        "full_pass": report.full_pass,
        "pass_reason": report.pass_reason,
        "seconds": seconds,
        "load_average": load,
        "expunged": expunged,
        "rows_expunged": sum(expunged.values()),
        "ms_per_row_expunged": _per_row(seconds, sum(expunged.values())),
        "rows_read": _read(report),
        "loans_read": loans_read,
        "loans_seconds": loans_seconds,
        "loans_ms_per_loan_expunged": _per_row(loans_seconds, loans),
        "loans_ms_per_loan_read": _per_row(loans_seconds, loans_read),
        "seconds_per_type": type_seconds,
        "errors": report.errors,
        "full_pass_after_seconds": full_seconds,
        "full_pass_after_load_average": full_load,
        "full_pass_after_expunged": _expunged(full),
        "checksums": after_nightly,
        "checksums_after_full_pass": after_full,
        "checksums_equal": after_nightly == after_full,
    }


class DaysLater:
    """The process's clock as many days past the full pass as the nights
    are (ticking, forward only), so that the runs' own moments and the
    desks' changes are as far apart as on real nights. A nightly pass
    revisits what changed since the last complete run started (less an
    hour): with every run minutes apart in real time, night B would read
    again every change night A read, and the full passes' writes too,
    which real nights a day or more apart never do. The database's own
    clock is not moved; nothing the runs compare reads it.

    It starts no earlier than a minute after the latest recorded run
    started: a nightly pass continues the run that started last, so a
    bench run after another one (whose nights were days ahead) must not
    start behind it."""

    def __init__(self, after: datetime.datetime | None = None) -> None:
        now = datetime.datetime.now(datetime.UTC)
        later = after + datetime.timedelta(minutes=1) if after is not None else now
        self.start = max(now, later)
        self.traveller: Any = None

    def move(self, days: float) -> None:
        import time_machine

        self.stop()
        self.traveller = time_machine.travel(self.start + datetime.timedelta(days=days), tick=True)
        self.traveller.start()

    def stop(self) -> None:
        if self.traveller is not None:
            self.traveller.stop()
            self.traveller = None


def _share_child(run_id: int, share: int) -> subprocess.Popen[str]:
    from bench.datasets import ROOT

    return subprocess.Popen(
        [sys.executable, "-m", "bench.bench_expunge_nights", "--share", str(run_id), str(share)],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        text=True,
    )


def catch_up(as_of: datetime.date, shares: int) -> dict[str, Any]:
    """Everything due as of the dataset's day: one retention_expunge in
    this process (shares 1), or a split run whose shares run at once, each
    in a worker process of its own, the last one finishing the run with
    its ordinary pass. Then VACUUM (ANALYZE), as autovacuum would soon
    after a run that changed most of a table."""
    from django.db import connection

    from bench.bench_consortium import CATCH_UP_VACUUM
    from retention.models import ExpungeRun
    from retention.services import retention_expunge, retention_expunge_split

    out: dict[str, Any] = {"as_of": as_of.isoformat(), "shares": shares, "load_average": _load()}
    _say("catch-up starts", out)
    t0 = time.monotonic()
    if shares <= 1:
        report = retention_expunge(as_of=as_of, on_batch=_progress())
        out["expunged"] = _expunged(report)
        out["errors"] = report.errors
    else:
        run = retention_expunge_split(shares=shares, as_of=as_of)
        out["plan_seconds"] = round(time.monotonic() - t0, 1)
        _say("catch-up planned", out)
        started = time.monotonic()
        children = [_share_child(run.pk, n) for n in range(shares)]
        out["share_seconds"] = []
        for child in children:
            child.communicate()
            out["share_seconds"].append(round(time.monotonic() - started, 1))
            if child.returncode != 0:
                raise RuntimeError(f"a share of the catch-up exited with {child.returncode}")
        run = ExpungeRun.objects.get(pk=run.pk)
        if run.finished_at is None:
            raise RuntimeError(f"the catch-up run #{run.pk} did not finish")
        out["expunged"] = {
            rt: c["expunged"] for rt, c in (run.counts or {}).items() if c.get("expunged")
        }
        out["errors"] = run.errors
    out["seconds"] = round(time.monotonic() - t0, 1)
    out["rows_expunged"] = sum(out["expunged"].values())
    out["load_average_end"] = _load()
    t0 = time.monotonic()
    with connection.cursor() as cursor:
        for table in CATCH_UP_VACUUM:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    out["vacuum_seconds"] = round(time.monotonic() - t0, 1)
    _say("catch-up done", out)
    return out


def share(run_id: int, number: int) -> None:
    """A worker process's share of the split catch-up."""
    from retention.services import retention_expunge_share

    run = retention_expunge_share(run_id=run_id, share=number)
    _say(f"share {number} done", {"shares_done": run.shares_done, "errors": run.errors})


def measure(shares: int = 1, gaps: tuple[int, int] = GAPS) -> dict[str, Any]:
    from django.db.models import Max

    from bench.bench_consortium import dataset_as_of
    from retention.models import ExpungeRun

    out: dict[str, Any] = {}
    as_of = dataset_as_of()
    out["dataset_as_of"] = as_of.isoformat()
    done = ExpungeRun.objects.filter(dry_run=False, finished_at__isnull=False)
    if not done.filter(as_of__gte=as_of).exists():
        out["catch_up"] = catch_up(as_of, shares)
        out["catch_up_seconds"] = out["catch_up"]["seconds"]
    latest = done.order_by("-as_of").values_list("as_of", flat=True).first() or as_of
    first = max(latest, as_of) + datetime.timedelta(days=1)
    out["legal_holds_placed"] = place_holds(first, HOLDS_RELEASED)
    out["fees_paid_a_period_ago"] = fees_paid_a_period_ago(first + datetime.timedelta(days=1))
    clock = DaysLater(after=ExpungeRun.objects.aggregate(Max("started_at"))["started_at__max"])
    clock.move(0)
    report, seconds, load = timed_run(first, full=True, on_batch=_progress())
    out["full"] = {
        "as_of": first.isoformat(),
        "seconds": seconds,
        "load_average": load,
        "expunged": _expunged(report),
        "rows_read": _read(report),
        "loans_read": _read(report).get("returned_loans", 0),
        "seconds_per_type": _slowest(),
    }
    _say("full pass", out["full"])
    nights = []
    day = first
    try:
        for n, gap in enumerate(gaps):
            if n == 0:
                # The desks' day, at its middle.
                clock.move(0.5)
            changes = day_changes(day + datetime.timedelta(days=gap)) if n == 0 else {}
            day += datetime.timedelta(days=gap)
            clock.move((day - first).days)
            result = night(day)
            result["day_changes"] = changes
            result["days"] = gap
            _say(f"night {n + 1}", {k: v for k, v in result.items() if "checksums" not in k})
            nights.append(result)
    finally:
        clock.stop()
    out["nights"] = nights
    out["all_checksums_equal"] = all(n["checksums_equal"] for n in nights)
    out["full_pass_after_found_nothing"] = all(not n["full_pass_after_expunged"] for n in nights)
    out |= ratios(nights)
    return out


def ratios(nights: list[dict[str, Any]]) -> dict[str, Any]:
    """The second night against the first: rows and seconds, the whole run
    and the loans part. Proportional when the ratios are close."""
    if len(nights) < 2:
        return {}
    a, b = nights[0], nights[1]

    def ratio(x: float | None, y: float | None) -> float | None:
        return round(y / x, 2) if x and y is not None else None

    return {
        "nights_rows_ratio": ratio(a["rows_expunged"], b["rows_expunged"]),
        "nights_seconds_ratio": ratio(a["seconds"], b["seconds"]),
        "nights_loans_ratio": ratio(
            a["expunged"].get("returned_loans", 0), b["expunged"].get("returned_loans", 0)
        ),
        "nights_loans_seconds_ratio": ratio(a["loans_seconds"], b["loans_seconds"]),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| run | as of | seconds | load | ms per row expunged | loans s | loans expunged | "
        "loans read | loans ms per loan expunged | other rows expunged | "
        "same state as a full pass |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    if "catch_up" in result:
        c = result["catch_up"]
        how = "one process" if c["shares"] <= 1 else f"{c['shares']} shares"
        lines.append(
            f"| catch-up ({how}; VACUUM after: {c['vacuum_seconds']} s) | {c['as_of']} | "
            f"{c['seconds']} | {c['load_average']} / {c['load_average_end']} | "
            f"{_per_row(c['seconds'], c['rows_expunged'])} | | "
            f"{c['expunged'].get('returned_loans', 0):,} | | | "
            f"{c['rows_expunged'] - c['expunged'].get('returned_loans', 0):,} | |"
        )
    full = result["full"]
    lines.append(
        f"| full pass | {full['as_of']} | {full['seconds']} | {full['load_average']} | | "
        f"{full['seconds_per_type'].get('returned_loans', '')} | "
        f"{full['expunged'].get('returned_loans', 0):,} | {full['loans_read']:,} | | "
        f"{sum(v for k, v in full['expunged'].items() if k != 'returned_loans'):,} | |"
    )
    for n in result["nights"]:
        lines.append(
            f"| nightly pass, {n['days']} day(s) | {n['as_of']} | {n['seconds']} | "
            f"{n['load_average']} | {n['ms_per_row_expunged']} | "
            f"{n['seconds_per_type'].get('returned_loans', '')} | "
            f"{n['expunged'].get('returned_loans', 0):,} | {n['loans_read']:,} | "
            f"{n['loans_ms_per_loan_expunged']} | "
            f"{sum(v for k, v in n['expunged'].items() if k != 'returned_loans'):,} | "
            f"{'yes' if n['checksums_equal'] and not n['full_pass_after_expunged'] else 'NO'} "
            f"(full pass after: {n['full_pass_after_seconds']} s) |"
        )
    if result.get("nights_rows_ratio") is not None:
        lines.append(
            f"\nSecond night against the first: rows {result['nights_rows_ratio']}x, "
            f"seconds {result['nights_seconds_ratio']}x; loans {result['nights_loans_ratio']}x, "
            f"loans seconds {result['nights_loans_seconds_ratio']}x."
        )
    return "\n".join(lines)


def run(args: Any) -> dict[str, Any]:
    result = measure(getattr(args, "catch_up_shares", 1), getattr(args, "gaps", GAPS))
    result["load_average_end"] = _load()
    print(markdown(result))
    return result


GAPS_INVALID = "--gaps takes two positive numbers of days, such as 1,3"


def parse_gaps(text: str) -> tuple[int, int] | None:
    """The two gaps of "1,3", as (1, 3); None unless two positive whole numbers."""
    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    first, second = (int(p) for p in parts)
    return (first, second) if first >= 1 and second >= 1 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_expunge_nights")
    parser.add_argument(
        "--catch-up-shares",
        type=int,
        default=1,
        help="make the catch-up (if one is needed) a split run of this many worker processes",
    )
    parser.add_argument(
        "--gaps",
        default=",".join(map(str, GAPS)),
        help="days from the full pass to night A and from night A to night B (default 1,3)",
    )
    parser.add_argument("--share", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    gaps = parse_gaps(args.gaps)
    if gaps is None:
        parser.error(GAPS_INVALID)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    if args.share:
        share(*args.share)
        return 0
    result = measure(args.catch_up_shares, gaps)
    result["load_average_end"] = _load()
    print(json.dumps(result, indent=2, default=str))
    print(markdown(result))
    ok = result["all_checksums_equal"] and result["full_pass_after_found_nothing"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
