"""`make run`: the web server plus a Celery worker with beat, stopped together.

With no REDIS_URL the broker is kombu's filesystem transport under var/,
so scheduled jobs really run in the zero-set-up default.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def main() -> int:
    port = os.environ.get("PORT", "8000")
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "libraryservice.settings.local")
    for sub in ("queue", "processed"):
        (BASE / "var" / "broker" / sub).mkdir(parents=True, exist_ok=True)
    python = sys.executable
    worker = subprocess.Popen(
        [
            python,
            "-m",
            "celery",
            "-A",
            "libraryservice",
            "worker",
            "--beat",
            "--loglevel=INFO",
            "--concurrency=1",
            "--schedule",
            str(BASE / "var" / "celerybeat-schedule"),
        ],
        cwd=BASE,
        env=env,
    )
    web = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=BASE,
        env=env,
    )
    password = env.get("DEMO_PASSWORD", "desk-demo-2026")
    broker = "Redis" if env.get("REDIS_URL") else "embedded (filesystem)"
    print(
        f"\n  Library Service Desk: http://127.0.0.1:{port}/\n"
        f"  Demo logins (password: {password}): volunteer, desk, supervisor, director, admin\n"
        f"  Celery worker and beat running; broker: {broker}. Ctrl-C stops everything.\n",
        flush=True,
    )
    procs = [web, worker]

    def stop(*_: object) -> None:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.time() + 10
        for p in procs:
            try:
                p.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                p.kill()

    def terminate(*_: object) -> None:
        stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, terminate)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
