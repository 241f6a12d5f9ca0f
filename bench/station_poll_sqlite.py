"""A station in use, polled over HTTP on a `make run`-like server.

Issue 22: on the default set-up (SQLite, DEBUG on, config.settings.
local) every poll of a station in use answered 500 with Django's debug page.
This migrates a fresh SQLite database in a temporary folder, loads the demo
data, issues a token for a demo station, starts a session on it, runs
Django's development server and polls the station N times (and once with
DELETE, which must be a JSON 405). Prints the count of each status.

    .venv/bin/python -m bench.station_poll_sqlite [--polls 100] [--port 8765]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
from computers import services
from computers.models import ComputerSession, Station
from patrons.models import Card
running = ComputerSession.objects.filter(ended_at=None).values("station_id")
station = Station.objects.filter(pk__in=running).order_by("pk").first()
if station is None:  # the demo left every station free
    station = Station.objects.order_by("pk").first()
    card = Card.objects.filter(status=Card.Status.ACTIVE).order_by("pk").first()
    services.session_start(station=station, card=card)
print("TOKEN=" + services.station_token_issue(station=station))
"""


def _call(url: str, token: str, method: str = "GET") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--polls", type=int, default=100)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "BROKER_DIR": f"{tmp}/broker",
            "MEDIA_ROOT": f"{tmp}/media",
            "DEBUG": "1",
        }
        env.pop("REDIS_URL", None)
        manage = [sys.executable, str(ROOT / "manage.py")]
        quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
        subprocess.run([*manage, "migrate", "--noinput"], **quiet)  # type: ignore[call-overload]
        subprocess.run([*manage, "seed_demo"], **quiet)  # type: ignore[call-overload]
        out = subprocess.run([*manage, "shell", "-c", SETUP], text=True, **quiet).stdout  # type: ignore[call-overload]
        token = next(line[6:] for line in out.splitlines() if line.startswith("TOKEN="))
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{args.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{args.port}/computers/station-api/v1/state"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=2)
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.2)
            statuses: collections.Counter[int] = collections.Counter()
            states: collections.Counter[str] = collections.Counter()
            for _ in range(args.polls):
                status, content_type, body = _call(url, token)
                statuses[status] += 1
                if content_type == "application/json":
                    states[json.loads(body).get("state", "error")] += 1
            delete = _call(url, token, "DELETE")
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{args.polls} polls of a station in use (SQLite, DEBUG on, settings.local):")
    print(f"  statuses {dict(statuses)}; states {dict(states)}")
    print(f"  DELETE -> {delete[0]} {delete[1]} {delete[2][:80]!r}")
    return 0 if statuses == {200: args.polls} and delete[0] == 405 else 1


if __name__ == "__main__":
    sys.exit(main())
