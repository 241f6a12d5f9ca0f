"""Title search at the desk over two million titles, through the real view.

How it is served: as bench_scan, Django's test Client in process through
the full middleware stack of bench.settings, as a logged-in desk-staff
user: GET /circulation/titles/?q=... (the search page, results and their
copy counts rendered).

What it searches: the dataset database's titles, topped up once to
TITLES (2,000,000; 20,000 with --quick) with generate_dataset's COPY of
titles (seed 2: other words than the dataset's own titles). The queries
are what a desk types: a rare word of a title, a rare surname, a common
surname, two common title words, words still being typed (prefixes), a
word of the title with the author's surname, and an ISBN with hyphens;
drawn from circulation/datasets/titles.py so that each finds something.

Against what: the baseline view bench_scan uses (bench/views.py: a card by
barcode behind the same login), baseline and search requests alternating
in a random order after a warm-up.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from bench.bench_scan import FORM, HEADERS, desk_user, percentile, sample_barcodes

NAME = "title_search"
TITLES = 2_000_000
QUICK_TITLES = 20_000
TARGETS = {"median_ms": 100.0}
TOP_UP_SEED = 2


def top_up_titles(target: int) -> dict[str, Any]:
    """Add generated titles until the dataset holds `target` (once)."""
    from io import StringIO

    from django.core.management import call_command

    from catalogue.models import Title

    have = Title.objects.count()
    if have >= target:
        return {"titles": have, "added": 0}
    t0 = time.monotonic()
    call_command(
        "generate_dataset",
        patrons=0,
        items=0,
        loans=0,
        titles=target - have,
        seed=TOP_UP_SEED,
        stdout=StringIO(),
    )
    return {
        "titles": Title.objects.count(),
        "added": target - have,
        "seconds": round(time.monotonic() - t0, 1),
    }


def queries(n: int, titles: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the words of generated titles."""
    from circulation.datasets.titles import title_of

    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    kinds = [
        "rare word",
        "rare surname",
        "common surname",
        "two common words",
        "prefixes",
        "title word + surname",
        "isbn",
    ]
    while len(out) < n:
        w = title_of(TOP_UP_SEED, rng.randrange(titles))
        if not w.author:  # a magazine issue: no author, dates for words
            continue
        words = [x.strip(":,()") for x in w.title.split() if x != "The"]
        last = w.author.split()[-1] if w.author else words[-1]
        kind = kinds[len(out) % len(kinds)]
        if kind == "rare word":
            q = words[-1]
        elif kind == "rare surname" or kind == "common surname":
            q = last
        elif kind == "two common words":
            q = " ".join(words[:2])
        elif kind == "prefixes":
            # Words typed in full but the last, still being typed.
            q = f"{words[0]} {words[1][:4]}"
        elif kind == "title word + surname":
            q = f"{words[-1]} {last}"
        else:
            if not w.isbn:
                continue
            q = f"{w.isbn[:3]}-{w.isbn[3]}-{w.isbn[4:8]}-{w.isbn[8:12]}-{w.isbn[12]}"
        out.append((kind, q))
    return out


def _post_search(client, url: str, q: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    response = client.post(url, urlencode({"q": q}), content_type=FORM, **HEADERS)
    return (time.perf_counter() - t0) * 1000, response.status_code


def _post(client, url: str, barcode: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    response = client.post(url, urlencode({"barcode": barcode}), content_type=FORM, **HEADERS)
    return (time.perf_counter() - t0) * 1000, response.status_code


def run(args: Any) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    target = QUICK_TITLES if args.quick else TITLES
    titles = top_up_titles(target)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_title")
    search_url = reverse("circulation:title_search")
    baseline_url = reverse("bench-baseline")
    client = Client()
    client.force_login(desk_user())
    barcodes = sample_barcodes(200, 2026) or ["20000000000014"]
    pairs = 35 if args.quick else 350
    warmup = 7 if args.quick else 70
    rng = random.Random(2026)
    # Titles of the top-up (seed 2) numbered below half the target: there
    # whatever the dataset held before.
    qs = queries(pairs * args.repeat + warmup, target // 2, seed=2026)
    for _kind, q in qs[:warmup]:
        _post_search(client, search_url, q)
        _post(client, baseline_url, rng.choice(barcodes))
    base: list[float] = []
    search: list[float] = []
    by_kind: dict[str, list[float]] = {}
    found: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    load_before = os.getloadavg()
    for kind, q in qs[warmup:]:
        order = ["baseline", "search"]
        rng.shuffle(order)
        for which in order:
            if which == "baseline":
                ms, status = _post(client, baseline_url, rng.choice(barcodes))
                base.append(ms)
            else:
                ms, status = _post_search(client, search_url, q)
                search.append(ms)
                by_kind.setdefault(kind, []).append(ms)
            statuses[f"{which} {status}"] += 1
    # How many titles each kind of query finds (the first page: at most 25).
    from catalogue.search import CANDIDATES, SEARCH_SQL, title_search

    for kind, q in qs[warmup : warmup + 14]:
        found[kind] += len(title_search(q))
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) " + SEARCH_SQL,
            {"q": "hidden & river:*", "candidates": CANDIDATES, "limit": 25},
        )
        plan = [row[0] for row in cursor.fetchall()]
    s_med, b_med = statistics.median(search), statistics.median(base)
    result: dict[str, Any] = {
        "served_by": "django.test.Client in process, full middleware stack, logged-in desk staff",
        "titles": titles,
        "requests_per_kind": len(search),
        "baseline_median_ms": round(b_med, 2),
        "search_median_ms": round(s_med, 2),
        "search_p95_ms": round(percentile(search, 95), 2),
        "ratio_median": round(s_med / b_med, 2),
        "median_ms_by_query_kind": {
            k: round(statistics.median(v), 2) for k, v in sorted(by_kind.items())
        },
        "titles_found_by_query_kind_first_two": dict(found),
        "statuses": dict(statuses),
        "load_average_before": " ".join(f"{x:.1f}" for x in load_before),
        "load_average_after": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "common_words_plan": plan,
    }
    result["meets_targets"] = s_med <= TARGETS["median_ms"]
    result["targets"] = TARGETS
    return result
