"""The WSGI application of the load benchmark (bench.load.settings).

BENCH_RAWSQL=plain replaces kernel.rawsql's server-binding cursor
with Django's own connection.cursor() (client-side binding, never
prepared), so that the hand-written cursor can be measured against the
plain one under the same load.
"""

import os
import time
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load.settings")
_django = get_wsgi_application()


def application(environ: dict[str, Any], start_response: Any) -> Any:
    """Django's handler, with the time it took (from here to the
    response's start, which Django sends once the view and the middleware
    are done) and the worker thread's CPU in it as two response headers
    that gunicorn's access log records (harness.ACCESS_LOG_FORMAT): the
    server's time split between Django and what surrounds it."""
    wall, cpu = time.perf_counter(), time.thread_time()

    def timed_start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
        headers = [
            *headers,
            ("X-Bench-Django-Us", str(int((time.perf_counter() - wall) * 1e6))),
            ("X-Bench-Cpu-Us", str(int((time.thread_time() - cpu) * 1e6))),
        ]
        return start_response(status, headers, *exc_info)

    return _django(environ, timed_start)


if os.environ.get("BENCH_RAWSQL", "fixed") == "plain":
    from django.db import connection

    from kernel import rawsql

    rawsql._cursor = connection.cursor  # type: ignore[assignment]

if os.environ.get("BENCH_SQL_STATS"):
    # Where PostgreSQL's time goes, seen from the worker when the server has
    # no pg_stat_statements: calls and milliseconds per statement shape
    # (numbers and quoted values masked), written when the worker exits.
    import atexit
    import json
    import re
    import time
    from collections import defaultdict
    from pathlib import Path

    from django.db import connection as _connection

    _LITERALS = re.compile(r"'[^']*'|\b\d+\b")
    _stats: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])

    def _timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            entry = _stats[_LITERALS.sub("?", " ".join(str(sql).split()))[:300]]
            entry[0] += 1
            entry[1] += (time.perf_counter() - t0) * 1000

    _connection.execute_wrappers.append(_timed)

    def _dump() -> None:
        out = Path(os.environ["BENCH_SQL_STATS"]) / f"sql-{os.getpid()}.json"
        out.write_text(json.dumps(_stats))

    atexit.register(_dump)
