"""`python manage.py generate_dataset`: scale data for benchmarks.

    python manage.py generate_dataset --patrons 200000 --items 500000 \\
        --loans 5000000 [--seed 1] [--as-of YYYY-MM-DD]

The generator lives in circulation.datasets, which describes what it makes;
other apps add theirs through circulation.datasets.extras.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.module_loading import autodiscover_modules

from circulation.datasets import REBUILD_MIN_ROWS, generate_dataset
from circulation.datasets.extras import Extra, Run, extras
from organisation import clock


def _extras() -> list[Extra]:
    """Other apps' generators (desk traffic, cases), registered by their
    `datasets.py` modules (circulation.datasets.extras)."""
    autodiscover_modules("datasets")
    return extras()


class Command(BaseCommand):
    help = (
        "Add realistic scale data (patrons, cards, items, loans, holds, fees) fast: COPY on "
        "PostgreSQL, batched inserts elsewhere. Deterministic for a seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patrons", type=int, required=True)
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument("--loans", type=int, required=True)
        parser.add_argument(
            "--titles",
            type=int,
            default=None,
            help="Catalogue titles the items are copies of (default: two for every three "
            "items); more titles than items leaves titles with no copy.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data ends (default: today). Same seed and day, same data.",
        )
        parser.add_argument(
            "--rebuild-indexes",
            choices=["auto", "always", "never"],
            default="auto",
            help="Drop and recreate a table's secondary indexes and foreign keys around "
            f"its load (auto: for loads of {REBUILD_MIN_ROWS:,} rows or more; PostgreSQL).",
        )
        parser.add_argument(
            "--method",
            choices=["auto", "copy", "bulk"],
            default="auto",
            help="copy: PostgreSQL COPY; bulk: batched bulk_create (any database); "
            "auto: copy on PostgreSQL.",
        )
        for extra in _extras():
            extra.add_arguments(parser)
        parser.add_argument(
            "--no-vacuum",
            action="store_true",
            help="Skip VACUUM ANALYZE after the load (PostgreSQL; outside a transaction).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        patrons, items, loans = options["patrons"], options["items"], options["loans"]
        titles = options["titles"]
        if min(patrons, items, loans, titles or 0) < 0:
            raise CommandError("Counts cannot be negative.")
        if items and titles == 0:
            raise CommandError("Items need titles to be copies of.")
        if loans and not (patrons and items):
            raise CommandError("Loans need patrons and items generated in the same run.")
        extras = _extras()
        problems = [problem for extra in extras if (problem := extra.check(options))]
        if problems:
            raise CommandError(" ".join(problems))
        started = time.monotonic()
        postgres = connection.vendor == "postgresql"
        if options["method"] == "copy" and not postgres:
            raise CommandError("COPY needs PostgreSQL; use --method bulk (or auto).")
        counts = generate_dataset(
            patrons=patrons,
            items=items,
            loans=loans,
            titles=titles,
            seed=options["seed"],
            as_of=options["as_of"],
            rebuild_indexes=options["rebuild_indexes"],
            use_copy=postgres and options["method"] != "bulk",
            vacuum=not options["no_vacuum"],
            say=lambda line: self._say(options, line),
        )
        run = Run(
            seed=options["seed"],
            as_of=options["as_of"] or clock.server_day(),
            use_copy=postgres and options["method"] != "bulk",
            say=lambda line: self._say(options, line),
        )
        for extra in extras:
            counts |= extra.generate(options, run)
        summary = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Generated in {time.monotonic() - started:.1f}s: {summary}")
        )
        if postgres:
            # What the whole database takes on disk now (tables, indexes, TOAST).
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_database_size(current_database()), "
                    "pg_size_pretty(pg_database_size(current_database()))"
                )
                size, pretty = cursor.fetchone()
            self.stdout.write(f"Database size: {pretty} ({size} bytes)")

    def _say(self, options: dict[str, Any], line: str) -> None:
        if options["verbosity"] >= 1:
            self.stdout.write(line)
