"""python manage.py import_patrons FILE [--commit] [--map FIELD=COLUMN ...]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from moving.management.commands._common import ImportCommand, pairs
from moving.patrons_csv import KOHA_LAYOUT, PatronImporter


class Command(ImportCommand):
    help = (
        "Import patrons and their cards from CSV (Koha's patron import columns, or "
        "mapped with --map). A dry run unless --commit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--map",
            action="append",
            metavar="FIELD=COLUMN",
            help="read FIELD from COLUMN; fields: " + ", ".join(KOHA_LAYOUT),
        )
        parser.add_argument(
            "--category",
            action="append",
            metavar="CODE=CATEGORY",
            help="the source's patron category CODE is our CATEGORY (adult, juvenile, ...)",
        )
        parser.add_argument("--delimiter", default=",", help="the column separator (default ,)")

    def importer(self, options: dict[str, Any]) -> PatronImporter:
        columns = pairs(options["map"], "--map")
        unknown = sorted(set(columns) - set(KOHA_LAYOUT))
        if unknown:
            raise CommandError("--map names no such field: " + ", ".join(unknown))
        delimiter = options["delimiter"].replace("\\t", "\t")
        if len(delimiter) != 1:
            raise CommandError("--delimiter is one character")
        return PatronImporter(
            columns=columns,
            categories=pairs(options["category"], "--category"),
            delimiter=delimiter,
        )
