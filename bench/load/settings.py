"""Settings for the load benchmark: bench.settings (the production
middleware, DEBUG off, the baseline view) served by gunicorn over HTTP.

Variants for re-judging hand-written infrastructure under load, chosen by
environment so that one server process runs one variant:

    BENCH_SESSIONS  fixed-sql (default: kernel.sessions) | db |
                    cached_db | cache   (the last two on Redis, REDIS_URL)
    BENCH_RAWSQL    fixed (default) | plain   (see bench/load/wsgi.py)
"""

import os

from bench.settings import *  # noqa: F403

ALLOWED_HOSTS = [
    "127.0.0.1",
    "localhost",
    "testserver",
    # A node's own address in the two-node run (its readiness probe).
    *os.environ.get("BENCH_ALLOWED_HOSTS", "").split(),
]
# Plain HTTP on loopback: no TLS in front of the benchmark.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

SESSION_ENGINES = {
    "fixed-sql": "kernel.sessions",
    "db": "django.contrib.sessions.backends.db",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "cache": "django.contrib.sessions.backends.cache",
}
BENCH_SESSIONS = os.environ.get("BENCH_SESSIONS", "fixed-sql")
SESSION_ENGINE = SESSION_ENGINES[BENCH_SESSIONS]
if BENCH_SESSIONS in ("cached_db", "cache"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
