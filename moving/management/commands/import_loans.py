"""python manage.py import_loans FILE [--commit]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from moving.circulation_csv import LoanImporter
from moving.management.commands._common import ImportCommand
from retention.services import retention_expunge


class Command(ImportCommand):
    help = (
        "Import loans now out from CSV, as export_library writes "
        "them; rows that break a rule are kept and noted. A dry run unless --commit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--history",
            action="store_true",
            help="import returned loans (a 'returned' column) of patrons who chose to keep "
            "their loan history; the library decides whether to bring history at all. "
            "Retention runs at once after a committed import.",
        )

    def importer(self, options: dict[str, Any]) -> LoanImporter:
        return LoanImporter(history=options["history"])

    def handle(self, *args: Any, **options: Any) -> None:
        super().handle(*args, **options)
        if options["history"] and options["commit"]:
            # Imported history is a record like any other: it goes through
            # the retention rules now, not at tonight's run. A full pass: a
            # nightly one reads only what fell due since the last run's
            # bounds, and imported loans can have been returned long before.
            report = retention_expunge(full=True)
            expunged = sum(r.expunged for r in report.record_types.values())
            self.stdout.write(f"Retention applied at once: {expunged} records expunged.\n")
