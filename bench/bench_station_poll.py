"""Station poll: 100 public-computer stations polling the station endpoint
every 10 seconds, each poll through the real view.

How it is served: Django's test Client, in process, through the full
middleware stack of bench.settings (DEBUG off), authenticated as a station
(`Authorization: Bearer <token>`), no user session. 100 stations are made
at the dataset's branches (once; their tokens are issued again each run),
70 of them with a running session for a random active card, so polls see
both "in use" and "free" stations.

Against what: the scan benchmark's baseline view (bench/views.py: a
logged-in user, one indexed query), served the same way. Baseline and poll
requests alternate in a random order after a warm-up.

What "100 stations every 10 seconds" needs: 10 polls a second. The figure
reported as `load_share_one_process` is the share of one process's time
those polls take at the measured median (10 x median_ms / 1000).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections import Counter
from typing import Any

NAME = "station_poll"
STATIONS = 100
IN_USE = 70
POLL_INTERVAL_S = 10
TARGETS = {"median_ms": 5.0, "p95_ms": 15.0, "queries": 3}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def stations_with_tokens(seed: int) -> list[str]:
    """The bench stations' fresh tokens; 70 stations with a running session."""
    from computers import services
    from computers.models import ComputerSession, Station
    from organisation.models import Branch
    from patrons.models import Card

    branches = list(Branch.objects.order_by("pk"))
    if not branches:
        raise RuntimeError("the dataset has no branch")
    stations = []
    for n in range(STATIONS):
        station, _ = Station.objects.get_or_create(
            branch=branches[n % len(branches)],
            label=f"Bench PC {n:03d}",
            defaults={"kind": Station.Kind.ADULT},
        )
        stations.append(station)
    ComputerSession.objects.filter(station__in=stations, ended_at__isnull=True).update(
        ended_at=time_now(), end_reason=ComputerSession.EndReason.STAFF
    )
    tokens = [services.station_token_issue(station=s) for s in stations]
    rng = random.Random(seed)
    cards = list(
        Card.objects.filter(status=Card.Status.ACTIVE, expires_on__gte=time_now().date())
        .order_by("?")
        .values_list("pk", flat=True)[:500]
    )
    started = 0
    for station in stations:
        if started >= IN_USE or not cards:
            break
        card = Card.objects.select_related("patron").get(pk=cards.pop(rng.randrange(len(cards))))
        try:
            services.session_start(station=station, card=card)
            started += 1
        except services.Refusal:
            continue
    return tokens


def time_now():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.now()


def _get(client, url: str, token: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    return (time.perf_counter() - t0) * 1000, response.status_code


def _baseline(client, url: str, barcode: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    response = client.post(url, {"barcode": barcode})
    return (time.perf_counter() - t0) * 1000, response.status_code


def run(args: Any) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.bench_scan import desk_user, sample_barcodes

    seed = 2026
    tokens = stations_with_tokens(seed)
    poll_url = reverse("computers:api_state")
    baseline_url = reverse("bench-baseline")
    station_client = Client()
    user_client = Client()
    user_client.force_login(desk_user())
    barcodes = sample_barcodes(100, seed)
    rng = random.Random(seed)
    rounds = 50 if args.quick else 1000
    warmup = 20 if args.quick else 200
    for _ in range(warmup):
        _get(station_client, poll_url, rng.choice(tokens))
        _baseline(user_client, baseline_url, rng.choice(barcodes))
    timings: dict[str, list[float]] = {"baseline": [], "poll": []}
    statuses: Counter[str] = Counter()
    load_before = os.getloadavg()
    for _ in range(rounds * args.repeat):
        order = ["baseline", "poll"]
        rng.shuffle(order)
        for kind in order:
            if kind == "poll":
                ms, status = _get(station_client, poll_url, rng.choice(tokens))
            else:
                ms, status = _baseline(user_client, baseline_url, rng.choice(barcodes))
            timings[kind].append(ms)
            statuses[f"{kind} {status}"] += 1
    counts = []
    for token in tokens[:10] + tokens[-10:]:
        with CaptureQueriesContext(connection) as ctx:
            station_client.get(poll_url, HTTP_AUTHORIZATION=f"Bearer {token}")
        counts.append(len(ctx.captured_queries))
    base, poll = timings["baseline"], timings["poll"]
    median = statistics.median(poll)
    result: dict[str, Any] = {
        "served_by": "django.test.Client in process, full middleware stack, station token",
        "stations": len(tokens),
        "requests_per_kind": len(poll),
        "baseline_median_ms": round(statistics.median(base), 2),
        "baseline_p95_ms": round(percentile(base, 95), 2),
        "poll_median_ms": round(median, 2),
        "poll_p95_ms": round(percentile(poll, 95), 2),
        "ratio_median": round(median / statistics.median(base), 2),
        "ratio_p95": round(percentile(poll, 95) / percentile(base, 95), 2),
        "poll_queries_max": max(counts),
        "polls_per_second_needed": STATIONS / POLL_INTERVAL_S,
        "load_share_one_process": round(STATIONS / POLL_INTERVAL_S * median / 1000, 3),
        "statuses": dict(statuses),
        "load_average_before": " ".join(f"{x:.1f}" for x in load_before),
        "load_average_after": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "targets": TARGETS,
    }
    result["meets_targets"] = (
        result["poll_median_ms"] <= TARGETS["median_ms"]
        and result["poll_p95_ms"] <= TARGETS["p95_ms"]
        and result["poll_queries_max"] <= TARGETS["queries"]
    )
    return result
