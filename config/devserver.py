"""`make run`: the web server, a Celery worker with beat and the SIP2 server
for self-check machines (on SIP2_PORT, loopback only), stopped together.

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


def banner(
    *,
    port: str,
    password: str,
    logins: list[tuple[str, str]],
    broker: str,
    sip2_port: str | None = None,
) -> str:
    """What `make run` prints: the URL, every demo login and its password,
    and where terminals reach the SIP2 server."""
    width = max(len(username) for username, _ in logins)
    lines = [
        "",
        f"  Library Service Desk: http://127.0.0.1:{port}/",
        f"  Demo logins (password: {password}):",
        *(f"    {username:<{width}}  {who}" for username, who in logins),
        *(
            [
                f"  SIP2 server for self-check and PC reservation: 127.0.0.1:{sip2_port}"
                " (plain TCP; add a terminal in the admin, docs/sip2.md)."
            ]
            if sip2_port
            else []
        ),
        f"  Celery worker and beat running; broker: {broker}. Ctrl-C stops everything.",
        "",
    ]
    return "\n".join(lines)


def _banner(port: str, env: dict[str, str], sip2_port: str | None = None) -> str:
    # The password and the logins come from the settings (which also read
    # .env) and from seed_demo, so the banner says what seed_demo made.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", env["DJANGO_SETTINGS_MODULE"])
    import django
    from django.conf import settings

    django.setup()
    from organisation.management.commands.seed_demo import demo_logins

    broker = "Redis" if settings.REDIS_URL else "embedded (filesystem)"
    return banner(
        port=port,
        password=settings.DEMO_PASSWORD,
        logins=demo_logins(),
        broker=broker,
        sip2_port=sip2_port,
    )


def main() -> int:
    port = os.environ.get("PORT", "8000")
    sip2_port = os.environ.get("SIP2_PORT", "6001")
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    for sub in ("queue", "processed"):
        (BASE / "var" / "broker" / sub).mkdir(parents=True, exist_ok=True)
    # Built before anything starts, so a broken setting stops here.
    text = _banner(port, env, sip2_port)
    python = sys.executable
    worker = subprocess.Popen(
        [
            python,
            "-m",
            "celery",
            "-A",
            "config",
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
    sip2 = subprocess.Popen(
        [python, "manage.py", "sip2_server", "--host", "127.0.0.1", "--port", sip2_port],
        cwd=BASE,
        env=env,
    )
    print(text, flush=True)
    procs = [web, worker, sip2]

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
