"""A consortium's data (issue 15): one night's expunge, and the case lists,
desk lists and reports, on whatever dataset bench.run was given.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_bench \\
        python -m bench.run --dataset consortium --only consortium

**This benchmark changes the dataset database**: it runs the retention job
on it (anonymizing what is due) and leaves its run records behind; it also
adds bench logins (as bench_scan and bench_desk_work do). Accepted for the
benchmark datasets; do not point it at data you want to keep as it is.

One night's expunge
    The dataset's as-of day is the day of its latest checkouts. The first
    time, the catch-up run (retention_expunge as of that day) anonymizes
    everything due since the data began: untimed for the verdict, its
    seconds and counts are reported as "first run, catch-up". Then the night
    after the latest run (the later of the latest ExpungeRun's as-of day and
    the dataset's, plus one day: every bench run moves one day on, nothing
    is stored in files) is timed: `retention_expunge(as_of=next day)`, which
    has only the rows that became due in that one day to anonymize. Before
    it, EXPLAIN (ANALYZE, BUFFERS) of the batch-selection query of returned
    loans, the query the run executes (RecordHandler.batch_select), inside
    a transaction rolled back: it must find its rows through an index range
    scan, never a Seq Scan on circulation_loan (the benchmark fails if it
    does), and its buffers say how much of the table one night reads.

Lists and reports
    Through Django's test Client in process (bench.settings: the production
    middleware, DEBUG off), as the Director (every branch) and as a
    supervisor of one branch, each past the second factor: the complaint
    list (default, ?status=active, ?status=all), the review desk and its
    CSV, the reconsideration list (Director only), comment cards, incidents,
    the desk's inquiry and callback lists, desk statistics over one year
    with each of its CSVs, the reports index, and the programs and
    computers reports (page and CSV) over one year. One warm-up (its
    queries counted) then five timed requests each: median and max. Every
    response must be 200, or the benchmark fails. Target: each under a
    second; the full complaints export (review CSV: every complaint the
    user may see) is reported apart, as an export, outside the target.

If the dataset holds no complaints, `--cases` rows are added first
(complaints.datasets, 100,000, or 2,000 with --quick).
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import time
from typing import Any
from urllib.parse import urlencode

from bench.bench_desk_work import _director, _verified
from bench.bench_scan import TRANSACTION_CONTROL, desk_user

NAME = "consortium"
TARGETS = {"night_expunge_s": 60.0, "page_max_ms": 1000.0}
BENCH_SUPERVISOR = "bench-supervisor"
TIMED_REQUESTS = 5
LOAN_TABLE = "circulation_loan"
CATCH_UP_VACUUM = ("circulation_loan", "circulation_hold", "circulation_fee")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# -------------------------------------------------------------- the data


def dataset_as_of() -> datetime.date:
    """The day the dataset ends: that of its latest checkouts (loans are
    generated in checkout order, so the highest ids hold them)."""
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT max(checked_out_at) FROM (SELECT checked_out_at FROM circulation_loan "
            "ORDER BY id DESC LIMIT 1000) latest"
        )
        latest = cursor.fetchone()[0]
    return timezone.localdate(latest) if latest is not None else timezone.localdate()


def next_night(as_of: datetime.date) -> datetime.date:
    """The night after the latest run (or after the dataset's day)."""
    from retention.models import ExpungeRun

    latest = (
        ExpungeRun.objects.filter(dry_run=False)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
    )
    return max(latest or as_of, as_of) + datetime.timedelta(days=1)


def ensure_cases(quick: bool) -> dict[str, Any]:
    from django.db import connection

    from complaints.datasets import generate_cases
    from complaints.models import Complaint, ReconsiderationRequest

    out: dict[str, Any] = {}
    if not Complaint.objects.exists():
        t0 = time.monotonic()
        generate_cases(
            cases=2_000 if quick else 100_000,
            seed=1,
            as_of=dataset_as_of(),
            use_copy=True,
        )
        out["cases_generated_seconds"] = round(time.monotonic() - t0, 1)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) complaints_complaint")
    out["complaints"] = Complaint.objects.count()
    out["reconsideration_requests"] = ReconsiderationRequest.objects.count()
    return out


# -------------------------------------------------------------- expunge


def _counts(report: Any) -> dict[str, int]:
    return {rt: r.expunged for rt, r in report.record_types.items() if r.expunged}


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node]
    for child in node.get("Plans", []):
        found += _walk(child)
    return found


def _scan_name(node: dict[str, Any]) -> str:
    """ "Index Scan using x", "Bitmap Heap Scan using x, y", "Seq Scan"."""
    names = [node["Index Name"]] if node.get("Index Name") else []
    names += [n["Index Name"] for n in _walk(node)[1:] if n["Node Type"] == "Bitmap Index Scan"]
    return node["Node Type"] + (f" using {', '.join(names)}" if names else "")


def explain_batch(as_of: datetime.date) -> dict[str, Any]:
    """EXPLAIN (ANALYZE, BUFFERS) of the returned-loans batch selection the
    run as of `as_of` makes first, per rule group and lane (a nightly pass
    reads the range since its bound, then the rows revisited below it),
    rolled back."""
    from django.db import connection, transaction
    from django.utils import timezone

    from retention import sql
    from retention.context import RunContext
    from retention.registry import handlers_in_order
    from retention.rulebook import RuleBook
    from retention.services import DEFAULT_BATCH_SIZE, nightly_base
    from retention.vocabulary import RecordType

    handler = next(h for h in handlers_in_order() if h.record_type == RecordType.RETURNED_LOANS)
    bounds, started = nightly_base(as_of)
    ctx = RunContext(
        as_of=as_of,
        now=timezone.now(),
        dry_run=False,
        batch_size=DEFAULT_BATCH_SIZE,
        rules=RuleBook(),
        previous_bounds=bounds,
        previous_started=started,
    )
    groups = []
    lanes = [
        (rule, n, lane)
        for rule in handler.effective_rules(ctx)
        for n, lane in enumerate(handler.lanes(ctx, rule))
    ]
    for rule, n, lane in lanes:
        query, params = handler.batch_select(ctx, rule, None, lane)
        with transaction.atomic(), connection.cursor() as cursor:
            sql.no_jit(cursor)
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {query}", params)
            raw = cursor.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
            text = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
        nodes = _walk(plan["Plan"])
        loan_nodes = [n for n in nodes if n.get("Relation Name") == LOAN_TABLE]
        top = plan["Plan"]
        groups.append(
            {
                "jurisdictions": list(rule.jurisdictions) if rule.jurisdictions else "all",
                "period_days": rule.period_days,
                "lane": "full" if lane is None else ("since the bound" if n == 0 else "revisits"),
                "cutoff": ctx.cutoff(rule).isoformat(),
                "rows": top.get("Actual Rows"),
                "ms": round(plan.get("Execution Time", 0.0), 1),
                "loan_scans": [_scan_name(n) for n in loan_nodes],
                # Loan rows the scans produced and those their filter threw
                # away: what one batch reads of the table, against "rows".
                "loan_rows_read": sum(
                    (n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0))
                    * n.get("Actual Loops", 1)
                    for n in loan_nodes
                ),
                "loan_rows_removed_by_filter": sum(
                    n.get("Rows Removed by Filter", 0) for n in loan_nodes
                ),
                "shared_hit": top.get("Shared Hit Blocks", 0),
                "shared_read": top.get("Shared Read Blocks", 0),
                "seq_scan_on_loans": f"Seq Scan on {LOAN_TABLE}" in text,
                "plan": text.splitlines(),
            }
        )
    return {"groups": groups}


def measure_expunge() -> dict[str, Any]:
    from django.db import connection

    from retention.models import ExpungeRun
    from retention.services import retention_expunge

    out: dict[str, Any] = {}
    as_of = dataset_as_of()
    out["dataset_as_of"] = as_of.isoformat()
    caught_up = ExpungeRun.objects.filter(
        dry_run=False, as_of__gte=as_of, finished_at__isnull=False
    ).exists()
    if not caught_up:
        t0 = time.monotonic()
        report = retention_expunge(as_of=as_of)
        out["catch_up_seconds"] = round(time.monotonic() - t0, 1)
        out["catch_up_expunged"] = _counts(report)
        out["catch_up_errors"] = report.errors
        # What autovacuum does soon after a run that changed most of a table
        # (its threshold is a fifth of the rows): dead index entries gone,
        # statistics that know the rows are no longer linked.
        t0 = time.monotonic()
        with connection.cursor() as cursor:
            for table in CATCH_UP_VACUUM:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        out["catch_up_vacuum_seconds"] = round(time.monotonic() - t0, 1)
    night = next_night(as_of)
    out["night_as_of"] = night.isoformat()
    explained = explain_batch(night)
    groups = explained["groups"]
    out["explain"] = explained
    out["seq_scan_on_loans"] = any(g["seq_scan_on_loans"] for g in groups)
    if out["seq_scan_on_loans"]:
        plans = "\n\n".join("\n".join(g["plan"]) for g in groups)
        raise AssertionError(f"the batch selection scans the whole loan table:\n{plans}")
    out["batch_select_ms"] = max((g["ms"] for g in groups), default=0.0)
    out["batch_select_rows"] = sum(g["rows"] or 0 for g in groups)
    out["batch_select_loan_rows_read"] = sum(g["loan_rows_read"] for g in groups)
    out["batch_select_rows_removed_by_filter"] = sum(
        g["loan_rows_removed_by_filter"] for g in groups
    )
    out["batch_select_buffers_hit"] = sum(g["shared_hit"] for g in groups)
    out["batch_select_buffers_read"] = sum(g["shared_read"] for g in groups)
    out["load_average_before_night"] = _load()
    t0 = time.monotonic()
    report = retention_expunge(as_of=night)
    out["night_seconds"] = round(time.monotonic() - t0, 2)
    out["night_expunged"] = _counts(report)
    out["night_loans_expunged"] = out["night_expunged"].get("returned_loans", 0)
    out["night_errors"] = report.errors
    return out


# -------------------------------------------------------------- pages


def _supervisor(branch: Any) -> Any:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from organisation.models import StaffProfile
    from organisation.roles import Role

    user, _ = get_user_model().objects.get_or_create(username=BENCH_SUPERVISOR)
    user.groups.add(Group.objects.get(name=Role.SUPERVISOR.value))
    StaffProfile.objects.get_or_create(
        user=user, defaults={"display_name": "Bench supervisor", "branch": branch}
    )
    return user


def pages(as_of: datetime.date, director: bool) -> dict[str, tuple[str, bool]]:
    """name -> (URL, is an export outside the target)."""
    from django.urls import reverse

    from desk.statistics import selectors as stats

    year = urlencode({"start": as_of - datetime.timedelta(days=364), "end": as_of})
    out: dict[str, tuple[str, bool]] = {
        "complaints": (reverse("complaints:list"), False),
        "complaints_active": (reverse("complaints:list") + "?status=active", False),
        "complaints_all": (reverse("complaints:list") + "?status=all", False),
        "complaints_review": (reverse("complaints:review"), False),
        "complaints_csv": (reverse("complaints:review_csv"), True),
    }
    if director:
        out["reconsiderations"] = (reverse("complaints:reconsideration_list"), False)
    out |= {
        "comment_cards": (reverse("complaints:comment_report"), False),
        "incidents": (reverse("complaints:incident_list"), False),
        "desk_inquiries": (reverse("desk:inquiries"), False),
        "desk_callbacks": (reverse("desk:callbacks"), False),
        "desk_stats_year": (reverse("desk:stats") + f"?{year}", False),
        **{
            f"desk_csv_{key}": (reverse("desk:stats_csv", args=[key]) + f"?{year}", False)
            for key in stats.REPORT_KEYS
        },
        "reports_index": (reverse("reports:index"), False),
        "programs_report": (reverse("programs:report") + f"?{year}", False),
        "programs_csv": (reverse("programs:report") + f"?{year}&format=csv", False),
        "computers_report": (reverse("computers:report") + f"?{year}", False),
        "computers_csv": (reverse("computers:report") + f"?{year}&format=csv", False),
    }
    return out


class PageFailed(RuntimeError):
    pass


def _body(response: Any) -> bytes:
    """The whole answer: a streamed one (an export) is read to its end, so
    that its time is the time to the last byte."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def measure_page(client: Any, url: str, timed: int = TIMED_REQUESTS) -> dict[str, Any]:
    """One warm-up (queries counted), then `timed` requests: ms median, max
    (to the last byte)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        body = _body(response)
    if response.status_code != 200:
        raise PageFailed(f"GET {url} answered {response.status_code}, not 200")
    queries = sum(1 for q in ctx.captured_queries if not TRANSACTION_CONTROL.match(q["sql"]))
    runs = []
    for _ in range(timed):
        t0 = time.perf_counter()
        response = client.get(url)
        body = _body(response)
        runs.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise PageFailed(f"GET {url} answered {response.status_code}, not 200")
    return {
        "median_ms": round(statistics.median(runs), 1),
        "max_ms": round(max(runs), 1),
        "queries": queries,
        "bytes": len(body),
    }


def measure_pages(as_of: datetime.date, timed: int = TIMED_REQUESTS) -> dict[str, Any]:
    from django.test import Client

    director = _director()
    supervisor = _supervisor(desk_user().staff_profile.branch)
    out: dict[str, Any] = {}
    for role, user in (("director", director), ("supervisor", supervisor)):
        client = Client()
        client.force_login(user)
        _verified(client, user)
        for name, (url, export) in pages(as_of, role == "director").items():
            measured = measure_page(client, url, timed)
            measured["url"] = url
            measured["export"] = export
            out[f"{role}:{name}"] = measured
    return out


# -------------------------------------------------------------- the run


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| page | median ms | max ms | queries |",
        "|---|---|---|---|",
    ]
    for name, p in result["pages"].items():
        mark = " (export)" if p["export"] else ""
        lines.append(f"| {name}{mark} | {p['median_ms']} | {p['max_ms']} | {p['queries']} |")
    lines += [
        "",
        "| one night's expunge | value |",
        "|---|---|",
        f"| as of | {result['night_as_of']} |",
        f"| seconds | {result['night_seconds']} |",
        f"| rows expunged | {result['night_expunged']} |",
        f"| batch selection (returned loans) | {result['batch_select_ms']} ms, "
        f"{result['batch_select_rows']} rows chosen, "
        f"{result['batch_select_loan_rows_read']} loan rows read, "
        f"buffers hit {result['batch_select_buffers_hit']}, "
        f"read {result['batch_select_buffers_read']} |",
        "| loan scans | "
        + "; ".join(s for g in result["explain"]["groups"] for s in g["loan_scans"])
        + " |",
        f"| Seq Scan on {LOAN_TABLE} | {'yes' if result['seq_scan_on_loans'] else 'no'} |",
    ]
    if "catch_up_seconds" in result:
        lines.append(
            f"| first run, catch-up (as of {result['dataset_as_of']}) | "
            f"{result['catch_up_seconds']} s, {result['catch_up_expunged']} |"
        )
    return "\n".join(lines)


def run(args: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "served_by": "django.test.Client in process, full middleware stack",
        "load_average_start": _load(),
        **ensure_cases(args.quick),
    }
    result.update(measure_expunge())
    as_of = datetime.date.fromisoformat(result["dataset_as_of"])
    result["pages"] = measure_pages(as_of)
    in_target = [p for p in result["pages"].values() if not p["export"]]
    result["page_max_ms"] = max(p["max_ms"] for p in in_target)
    result["page_median_max_ms"] = max(p["median_ms"] for p in in_target)
    slowest = max(result["pages"].items(), key=lambda kv: kv[1]["max_ms"] * (not kv[1]["export"]))
    result["slowest_page"] = slowest[0]
    exports = {k: p for k, p in result["pages"].items() if p["export"]}
    result["export_max_ms"] = max((p["max_ms"] for p in exports.values()), default=0.0)
    result["load_average_end"] = _load()
    result["meets_targets"] = (
        result["night_seconds"] <= TARGETS["night_expunge_s"]
        and result["page_max_ms"] <= TARGETS["page_max_ms"]
        and not result["seq_scan_on_loans"]
    )
    result["targets"] = TARGETS
    # A list, so that bench.run's table leaves it out; printed here.
    result["markdown"] = markdown(result).splitlines()
    print("\n".join(result["markdown"]), flush=True)
    return result
