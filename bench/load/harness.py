"""Pieces shared by the single-machine and the two-node load runs.

Processes started here are started in their own process group and ended by
that group's id; every wait is bounded in time.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bench import datasets
from bench.load import mix

ROOT = datasets.ROOT
LOAD_VENV = Path(os.environ.get("LOAD_VENV", ROOT / ".venv-load"))
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
RESULTS = ROOT / "bench" / "results" / "load"
DESK_PREFIX = "load-desk-"
ITEMS_PER_DESK = 200
CARDS = 2000


class HarnessError(Exception):
    pass


def tool(name: str) -> str:
    """A program of the load tool's virtualenv (Locust, py-spy)."""
    path = LOAD_VENV / "bin" / name
    if not path.exists():
        raise HarnessError(
            f"{path} is missing: `make bench-load` creates {LOAD_VENV.name} "
            "from requirements/bench-load.txt"
        )
    return str(path)


# --- databases --------------------------------------------------------------


def _admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def copy_database(source_url: str, name: str, *, timeout: float = 300) -> str:
    """A fresh copy of the dataset (CREATE DATABASE ... TEMPLATE), so that
    the run's writes (loans, sessions, logs) never change the dataset that
    later runs reuse. Retries while another session holds the template."""
    target = with_db(source_url, name)
    drop_database(target)
    deadline = time.monotonic() + timeout
    with psycopg.connect(_admin_url(source_url), autocommit=True) as conn:
        while True:
            try:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(name), sql.Identifier(db_name(source_url))
                    )
                )
                return target
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(2)


def drop_database(url: str) -> None:
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db_name(url)))
        )


# --- accounts and the plan --------------------------------------------------


def create_desks(count: int, *, seed: int) -> list[dict[str, Any]]:
    """`count` staff logins (one supervisor in mix.SUPERVISOR_EVERY, the
    rest desk staff), spread over the branches, each with a new random
    password. Django must be set up on the run's database."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from organisation.models import Branch, StaffProfile
    from organisation.roles import Role

    branches = list(Branch.objects.order_by("pk"))
    if not branches:
        raise HarnessError("the dataset has no branch")
    groups = {
        "desk": Group.objects.get(name=Role.DESK_STAFF.value),
        "supervisor": Group.objects.get(name=Role.SUPERVISOR.value),
    }
    users = get_user_model().objects
    desks = []
    for i in range(count):
        role = "supervisor" if i % mix.SUPERVISOR_EVERY == 0 else "desk"
        username = f"{DESK_PREFIX}{i + 1:03d}"
        password = secrets.token_urlsafe(16)
        user, _ = users.get_or_create(username=username, defaults={"first_name": "Load"})
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set([groups[role]])
        branch = branches[i % len(branches)]
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": f"Desk {i + 1}",
                "branch": branch,
                "desk": branch.desks.first(),
            },
        )
        desks.append({"username": username, "password": password, "role": role})
    return desks


def available_items(count: int, *, seed: int) -> list[str]:
    from django.db import connection

    from circulation.models import Item

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT barcode FROM circulation_item WHERE status = %s "
            "ORDER BY md5(barcode || %s) LIMIT %s",
            [Item.Status.AVAILABLE, str(seed), count],
        )
        return [row[0] for row in cursor.fetchall()]


def build_plan(desks: list[dict[str, Any]], *, seed: int) -> dict[str, Any]:
    """Everything Locust needs, with each desk's own pool of items to lend
    (disjoint, so two desks never race for the same item by construction;
    the app's row locks are tested elsewhere)."""
    from django.urls import reverse

    from bench.bench_scan import sample_barcodes

    items = available_items(len(desks) * ITEMS_PER_DESK, seed=seed)
    for i, desk in enumerate(desks):
        desk["items_available"] = items[i * ITEMS_PER_DESK : (i + 1) * ITEMS_PER_DESK]
    return {
        "seed": seed,
        "login_path": reverse("login"),
        "actions": mix.resolve(reverse),
        "desks": desks,
        "cards": sample_barcodes(CARDS, seed),
        "think_seconds": list(mix.THINK_SECONDS),
        "max_requests_per_desk": mix.MAX_REQUESTS_PER_DESK,
    }


def write_plan(plan: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Holds the run's passwords: readable by its owner only.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(plan, file)
    return path


# --- processes --------------------------------------------------------------


def start(argv: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A child in its own process group (ended with stop())."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        return subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes] | None, *, grace: float = 10) -> None:
    """TERM the child's process group, KILL it after `grace` seconds."""
    if process is None or process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


def server_env(database_url: str, redis_url: str, **variant: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    env.update({k: v for k, v in variant.items() if v})
    return env


def default_workers() -> int:
    """gunicorn's own advice for sync workers: (2 x cores) + 1."""
    return 2 * (os.cpu_count() or 1) + 1


def pinned_cores() -> tuple[str, str] | None:
    """(the server's cores, the load tool's core) as taskset lists: the
    last core for Locust, the others for gunicorn and PostgreSQL's share;
    None on one core or without taskset."""
    count = os.cpu_count() or 1
    if count < 2 or shutil.which("taskset") is None:
        return None
    server = "0" if count == 2 else f"0-{count - 2}"
    return server, str(count - 1)


def on_cores(argv: list[str], cores: str | None) -> list[str]:
    """`argv` run on `cores` (taskset -c), or as is."""
    return ["taskset", "-c", cores, *argv] if cores else argv


# gunicorn's access log, one line per request: the load tool's name for
# the action (a header the locustfile sends), the status and the time the
# server spent on it (microseconds, %(D)s).
# The action's name (the load tool's header), the status, gunicorn's own
# time for the request (microseconds), then the time and the worker
# thread's CPU spent inside Django's handler (bench/load/wsgi.py's
# headers): "-" where a response lacks them.
ACCESS_LOG_FORMAT = (
    "%({x-bench-action}i)s %(s)s %(D)s %({x-bench-django-us}o)s %({x-bench-cpu-us}o)s"
)
# Which of those a server_times() call reads.
TIME_FIELDS = {"total": 2, "django": 3, "cpu": 4}


def gunicorn_argv(
    bind: str, workers: int, python: str, access_log: Path | None = None
) -> list[str]:
    logging = ["--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT]
    return [
        python,
        "-m",
        "gunicorn",
        "bench.load.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
        *(logging if access_log else []),
    ]


def server_times(
    access_log: Path, *, since: int = 0, field: str = "total"
) -> tuple[dict[str, list[float]], int]:
    """Server-side milliseconds per request from gunicorn's access log
    (ACCESS_LOG_FORMAT), by the load tool's action name, from byte offset
    `since`; and the offset reached. `field`: gunicorn's whole time
    ("total"), the time inside Django's handler ("django") or the worker's
    CPU in it ("cpu")."""
    column = TIME_FIELDS[field]
    times: dict[str, list[float]] = {}
    with open(access_log, "rb") as file:
        file.seek(since)
        data = file.read()
        end = file.tell()
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split()
        try:
            name, ms = parts[0], int(parts[column]) / 1000
        except (IndexError, ValueError):  # a short line, or "-"
            continue
        times.setdefault(name, []).append(ms)
    return times, end


def wait_healthy(url: str, *, timeout: float = 60, run: Any = None) -> None:
    """Poll `url` until it answers 200; `run` is a command prefix (ip netns
    exec ...) when the server is only reachable from a namespace."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            if run:
                done = subprocess.run(
                    [*run, "python3", "-c", _PROBE, url],
                    capture_output=True,
                    text=True,
                    timeout=10,
                    check=False,
                )
                if done.returncode == 0:
                    return
                last = done.stderr.strip()[-200:]
            else:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
        except OSError as exc:
            last = str(exc)
        time.sleep(0.5)
    raise HarnessError(f"{url} did not become healthy in {timeout:.0f} s: {last}")


_PROBE = (
    "import sys, urllib.request; "
    "sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=5).status == 200 else 1)"
)


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


@contextmanager
def load_sampler(every: float = 2.0) -> Iterator[list[float]]:
    """The 1-minute load average, sampled while the block runs."""
    samples: list[float] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(every):
            samples.append(os.getloadavg()[0])

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        done.set()
        thread.join(timeout=every + 1)
        samples.append(os.getloadavg()[0])


def locust_argv(
    *,
    host: str,
    users: int,
    seconds: int,
    csv_prefix: Path,
    history: bool = False,
    start_together: bool = False,
) -> list[str]:
    argv = [
        tool("locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users)),
        "--run-time",
        f"{seconds + (mix.settle_seconds(users) if start_together else 0)}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(csv_prefix),
        "--loglevel",
        "WARNING",
    ]
    if history:
        argv.append("--csv-full-history")
    return argv


def run_locust(
    *,
    host: str,
    users: int,
    seconds: int,
    plan: Path,
    csv_prefix: Path,
    history: bool = False,
    start_together: bool = False,
    cores: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Locust for `seconds` (on `cores`, a taskset list, if given). With
    start_together, the desks first all log in, then the statistics are
    reset and the `seconds` are measured."""
    env = dict(os.environ, LOAD_PLAN=str(plan))
    if start_together:
        env["LOAD_START_TOGETHER"] = "1"
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        on_cores(
            locust_argv(
                host=host,
                users=users,
                seconds=seconds,
                csv_prefix=csv_prefix,
                history=history,
                start_together=start_together,
            ),
            cores,
        ),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds + mix.settle_seconds(users) + 90,
        check=False,
    )


def read_stats(csv_prefix: Path) -> dict[str, dict[str, Any]]:
    """Locust's per-name statistics: requests, failures, req/s, p50/p95/p99."""
    out: dict[str, dict[str, Any]] = {}
    with open(f"{csv_prefix}_stats.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            name = row["Name"]
            out[name] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": _ms(row["50%"]),
                "p95": _ms(row["95%"]),
                "p99": _ms(row["99%"]),
                "max": _ms(row["Max Response Time"]),
            }
    return out


def read_failures(csv_prefix: Path) -> list[dict[str, Any]]:
    path = Path(f"{csv_prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as file:
        return [
            {"name": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
            for r in csv.DictReader(file)
        ]


def _ms(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


# --- PostgreSQL's view --------------------------------------------------------


def pg_stat_statements_ready(url: str) -> str | None:
    """None when pg_stat_statements can be read in this database, else why not."""
    with psycopg.connect(datasets._libpq(url), autocommit=True) as conn:
        preload = conn.execute("SHOW shared_preload_libraries").fetchone()
        if not preload or "pg_stat_statements" not in preload[0]:
            return (
                "pg_stat_statements is not in shared_preload_libraries on this server "
                "(adding it needs a restart of PostgreSQL)"
            )
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return None


def pg_stat_statements_reset(url: str) -> None:
    with psycopg.connect(datasets._libpq(url), autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")


def pg_stat_statements_top(url: str, limit: int = 15) -> list[dict[str, Any]]:
    with psycopg.connect(datasets._libpq(url), autocommit=True) as conn:
        rows = conn.execute(
            """
            SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3),
                   round(total_plan_time::numeric, 1), left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time + total_plan_time DESC LIMIT %s
            """,
            [limit],
        ).fetchall()
    return [
        {
            "calls": r[0],
            "total_ms": float(r[1]),
            "mean_ms": float(r[2]),
            "plan_ms": float(r[3]),
            "query": r[4],
        }
        for r in rows
    ]
