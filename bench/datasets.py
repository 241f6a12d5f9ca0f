"""The benchmark datasets, each in a database of its own.

The medium dataset takes minutes to generate, so it is generated once into a
dedicated database (`<DATABASE_URL's name>_medium`, or BENCH_DATABASE_URL)
and reused as long as it holds exactly the expected counts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


@dataclass(frozen=True)
class Dataset:
    name: str
    patrons: int
    items: int
    loans: int
    seed: int = 1
    # Extras generated with the dataset (generate_dataset --desk-traffic,
    # --desk-days and --cases); not part of the counts ensure() checks.
    desk_traffic: int = 0
    desk_days: int = 3 * 365
    cases: int = 0

    def extra_options(self) -> list[str]:
        out = []
        if self.desk_traffic:
            out += [f"--desk-traffic={self.desk_traffic}", f"--desk-days={self.desk_days}"]
        if self.cases:
            out.append(f"--cases={self.cases}")
        return out


MEDIUM = Dataset("medium", patrons=200_000, items=500_000, loans=5_000_000)
QUICK = Dataset("quick", patrons=2_000, items=5_000, loans=50_000)
# A library district or consortium (issue 15): the scan path must not slow
# with the data, the nightly expunge must touch only the day's due rows, and
# the case lists, desk lists and reports must stay under a second: three
# years of desk traffic and 100,000 complaints (5,000 reconsideration
# requests) come with it.
CONSORTIUM = Dataset(
    "consortium",
    patrons=2_000_000,
    items=2_000_000,
    loans=30_000_000,
    desk_traffic=3_000_000,
    cases=100_000,
)
BY_NAME = {d.name: d for d in (QUICK, MEDIUM, CONSORTIUM)}


class NotPostgres(Exception):
    pass


def check_postgres_url(url: str | None) -> str:
    if not url:
        raise NotPostgres(
            "DATABASE_URL is not set. The benchmarks run on PostgreSQL only: "
            "export DATABASE_URL=postgres://USER@HOST:5432/NAME"
        )
    scheme = urlsplit(url).scheme
    if scheme not in POSTGRES_SCHEMES:
        raise NotPostgres(
            f"DATABASE_URL uses {scheme or 'no scheme'!r}; the benchmarks run on PostgreSQL "
            "only: export DATABASE_URL=postgres://USER@HOST:5432/NAME"
        )
    return url


def dataset_url(base_url: str, dataset: Dataset) -> str:
    """BENCH_DATABASE_URL (medium) or the base URL's database name + suffix."""
    if dataset is MEDIUM and os.environ.get("BENCH_DATABASE_URL"):
        return check_postgres_url(os.environ["BENCH_DATABASE_URL"])
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "postgres"
    return urlunsplit(parts._replace(path=f"/{name}_{dataset.name}"))


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def _libpq(url: str) -> str:
    """psycopg wants postgresql:// (or postgres://)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def _create_database(url: str) -> bool:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def counts(url: str) -> dict[str, int]:
    """Row counts of the tables a dataset fills (zeros before migrations)."""
    with psycopg.connect(_libpq(url)) as conn:
        out = {}
        for key, table in (
            ("patrons", "patrons_patron"),
            ("cards", "patrons_card"),
            ("items", "circulation_item"),
            ("loans", "circulation_loan"),
            ("holds", "circulation_hold"),
            ("fees", "circulation_fee"),
        ):
            present = conn.execute("SELECT to_regclass(%s)", [table]).fetchone()
            if present is None or present[0] is None:
                out[key] = 0
                continue
            row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            out[key] = int(row.fetchone()[0])  # type: ignore[index]
        return out


def database_size(url: str) -> int:
    """pg_database_size of the dataset's database: what it takes on disk."""
    with psycopg.connect(_libpq(url)) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0])  # type: ignore[index]


def _manage(url: str, *args: str) -> str:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings")
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def ensure(base_url: str, dataset: Dataset, say=print) -> dict:  # type: ignore[no-untyped-def]
    """Create, migrate and fill the dataset's database unless it already
    holds exactly the expected counts. Returns what it found or did."""
    url = dataset_url(base_url, dataset)
    created = _create_database(url)
    say(f"dataset {dataset.name}: {redact(url)}" + (" (created)" if created else ""))
    _manage(url, "migrate", "--noinput", "-v0")
    found = counts(url)
    expected = {"patrons": dataset.patrons, "items": dataset.items, "loans": dataset.loans}
    info: dict = {
        "name": dataset.name,
        "url": redact(url),
        "seed": dataset.seed,
        "generated_now": False,
        "generate_seconds": None,
    }
    if any(found[k] != v for k, v in expected.items()):
        if any(found[k] for k in expected):
            raise RuntimeError(
                f"{redact(url)} holds {found}, not the {dataset.name} dataset {expected}. "
                "Drop that database (dropdb) or point BENCH_DATABASE_URL elsewhere."
            )
        say(
            f"generating the {dataset.name} dataset ({dataset.patrons:,} patrons, "
            f"{dataset.items:,} items, {dataset.loans:,} loans"
            + "".join(f", {o.lstrip('-')}" for o in dataset.extra_options())
            + "); this runs once"
        )
        t0 = time.monotonic()
        out = _manage(
            url,
            "generate_dataset",
            f"--patrons={dataset.patrons}",
            f"--items={dataset.items}",
            f"--loans={dataset.loans}",
            f"--seed={dataset.seed}",
            *dataset.extra_options(),
        )
        info["generated_now"] = True
        info["generate_seconds"] = round(time.monotonic() - t0, 1)
        info["generate_output"] = out.strip().splitlines()
        found = counts(url)
        say(
            f"generated in {info['generate_seconds']}s; the database takes "
            f"{database_size(url) / 1e9:.2f} GB"
        )
    info["counts"] = found
    info["database_bytes"] = database_size(url)
    info["database_url"] = url
    return info
