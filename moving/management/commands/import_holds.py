"""python manage.py import_holds FILE [--commit]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from moving.circulation_csv import HoldImporter
from moving.management.commands._common import ImportCommand


class Command(ImportCommand):
    help = (
        "Import holds from CSV, as export_library writes "
        "them; rows that break a rule are kept and noted. A dry run unless --commit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--source",
            default=None,
            help="the system whose record numbers the file's record_number holds, as given "
            "to import_marc --source (default: any; a number two systems share is refused)",
        )

    def importer(self, options: dict[str, Any]) -> HoldImporter:
        return HoldImporter(source=options["source"])
