"""The benchmark harness: refusal without PostgreSQL, discovery, the
interleaved measurement, and a quick end-to-end run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from bench import bench_scan, datasets, run
from tests import factories

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize("url", [None, "sqlite:///db.sqlite3", "mysql://u@h/db"])
def test_the_harness_refuses_to_run_without_postgresql(url, monkeypatch, capsys):
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    assert run.main(["--quick"]) == 2
    assert "PostgreSQL only" in capsys.readouterr().err


def test_an_unknown_benchmark_name_is_refused(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/x")
    assert run.main(["--only", "nope"]) == 2
    assert "no benchmark named nope" in capsys.readouterr().err


def test_every_bench_module_is_found_by_its_name():
    modules = run.discover()
    assert modules["scan"] is bench_scan
    for module in modules.values():
        assert callable(module.run)


def test_quick_runs_one_round_by_default_and_full_runs_three():
    assert run.parse_args(["--quick"]).repeat == 1
    assert run.parse_args([]).repeat == 3
    assert run.parse_args(["--repeat", "5"]).repeat == 5


def test_the_dataset_gets_a_database_of_its_own(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    base = "postgres://u:secret@db:5432/lsd"
    assert datasets.dataset_url(base, datasets.MEDIUM) == "postgres://u:secret@db:5432/lsd_medium"
    assert datasets.dataset_url(base, datasets.QUICK) == "postgres://u:secret@db:5432/lsd_quick"
    assert datasets.redact(base) == "postgres://u:***@db:5432/lsd"
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgres://u@other:5432/big")
    assert datasets.dataset_url(base, datasets.MEDIUM) == "postgres://u@other:5432/big"


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert bench_scan.percentile(values, 95) == 95.0
    assert bench_scan.percentile(values, 50) == 50.0
    assert bench_scan.percentile([3.0], 95) == 3.0


@pytest.mark.django_db
@pytest.mark.urls("bench.urls")
def test_interleaved_measurement_times_both_views_alike(branch, desk_staff):
    """The machinery of bench_scan, with the baseline standing in for both
    views: equal numbers of requests, all answered, queries counted."""
    cards = [
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in range(3)
    ]
    client = Client()
    client.force_login(desk_staff)
    url = reverse("bench-baseline")
    measured = bench_scan.measure(
        client, url, url, [c.barcode for c in cards], pairs=6, warmup=2, seed=1
    )
    assert len(measured["timings"]["scan"]) == len(measured["timings"]["baseline"]) == 6
    assert measured["statuses"] == {"baseline 200": 6, "scan 200": 6}
    summary = bench_scan.summarize(measured["timings"])
    assert summary["scan_median_ms"] > 0
    counted = bench_scan.count_queries(client, url, [cards[0].barcode])
    count, queries = counted[0]
    # Session, user, permissions (read by the second-factor middleware) and
    # the card; the idle-logout timestamp was written by an earlier request
    # and the savepoints of the test's own transaction are not counted.
    assert count == 4, "\n".join(q["sql"][:150] for q in queries)
    assert len(queries) >= count
    assert any("patrons_card" in q["sql"] for q in queries)
    assert not any(cards[0].barcode in q["sql"] for q in queries)


@pytest.mark.postgres
def test_quick_mode_runs_end_to_end(tmp_path):
    """`python -m bench.run --quick` on a small generated dataset: a table on
    stdout and the JSON results."""
    base = os.environ.get("DATABASE_URL") or ""
    env = dict(os.environ, DATABASE_URL=base)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--quick",
            "--only",
            "scan",
            "--results-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "== scan" in done.stdout
    report = json.loads((tmp_path / "latest.json").read_text())
    assert report["quick"] is True
    assert report["dataset"]["counts"]["loans"] == datasets.QUICK.loans
    scan = report["results"]["scan"]
    assert "error" not in scan
    if "skipped" not in scan:
        assert scan["requests_per_kind"] > 0
        assert scan["scan_queries_max"] >= scan["baseline_queries"]
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
