"""python manage.py export_library FOLDER --operator USERNAME"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from moving import policies
from moving.export import library_export


class Command(BaseCommand):
    help = (
        "Export patrons (CSV, Koha's columns), titles with copies (MARC 21), loans, "
        "holds and fees (CSV) to FOLDER, so the library can move to another system. "
        "Each exported patron's access report shows the export by the operator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder")
        parser.add_argument(
            "--operator",
            required=True,
            help="the Director's username the export is logged as",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["operator"]).first()
        if not policies.can_export_library(user):
            raise CommandError(
                "Refused: --operator must be the username of an active Director account."
            )
        report = library_export(folder=options["folder"], acting_user=user)
        for name, rows in report.files.items():
            self.stdout.write(f"{name}: {rows} rows\n")
        self.stdout.write(f"{report.patrons_logged} patrons logged as exported by the operator.\n")
