"""The WSGI application of the load benchmark (bench.load.settings).

BENCH_RAWSQL=plain replaces kernel.rawsql's server-binding cursor
with Django's own connection.cursor() (client-side binding, never
prepared), so that the hand-written cursor can be measured against the
plain one under the same load.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load.settings")
application = get_wsgi_application()

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
