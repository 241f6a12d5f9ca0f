"""Scale data for benchmarks, behind `python manage.py generate_dataset`.

    python manage.py generate_dataset --patrons 200000 --items 500000 \\
        --loans 5000000 [--seed 1] [--as-of YYYY-MM-DD]

Adds fictional patrons (with cards, some guardians and proxies), items,
loans spread over the past years (most returned, a share open and some of
those overdue), holds and fees, on top of whatever the database holds.

Fast on PostgreSQL: rows are generated as text and streamed with COPY
(psycopg 3 `cursor.copy()`), memory stays bounded, and for large loads the
secondary indexes and foreign keys of a table are dropped for the load and
recreated afterwards (which also re-validates them), then the tables are
analysed. On SQLite the same rows go through `bulk_create` in batches:
slower, but it works.

Deterministic: the same seed, the same --as-of date and the same starting
state (highest ids and barcode numbers) give the same rows. Ids and barcode
numbers start above what the database already holds, and barcode numbers
never fall below BARCODE_FLOOR, far above seed_demo's and the test
factories' numbers. Every database constraint holds: one open loan per
item, one active card per patron, one ready hold per item, fees closed iff
not open.

The whole load is one transaction: it either all lands or none of it does.
While it runs it locks the tables it writes.

Modules by subject: `vocabulary` (shares and word lists), `plan` (what the
generators read), `people` and `lending` (the row generators), `writing`
(COPY, bulk_create, index rebuilds) and `load` (the whole run).
"""

from .load import generate_dataset
from .vocabulary import BARCODE_FLOOR, REBUILD_MIN_ROWS

__all__ = ["BARCODE_FLOOR", "REBUILD_MIN_ROWS", "generate_dataset"]
