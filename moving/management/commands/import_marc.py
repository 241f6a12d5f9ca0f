"""python manage.py import_marc FILE [--commit] [--source koha]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from catalogue.models import MarcSyntax
from moving.management.commands._common import ImportCommand
from moving.marc_import import MarcImporter, syntax_of
from moving.readers import UnreadableFile, open_source


class Command(ImportCommand):
    help = (
        "Import titles and their copies from MARC 21 (ISO 2709 or MARCXML, UTF-8 or "
        "MARC-8); copies from the holdings fields of MOVING_HOLDINGS (Koha's 952, "
        "standard 852). A dry run unless --commit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--source",
            default="import",
            help="the system the records come from; 'koha' reads the record number "
            "from 999 $c (default: 'import', the record number from 001)",
        )
        parser.add_argument(
            "--syntax",
            choices=["auto", MarcSyntax.ISO2709, MarcSyntax.MARCXML],
            default="auto",
        )

    def importer(self, options: dict[str, Any]) -> MarcImporter:
        syntax = options["syntax"]
        if syntax == "auto":
            try:
                open_source(options["path"]).close()
            except UnreadableFile as exc:
                raise CommandError(f"Refused, nothing was imported: {exc}") from None
            syntax = syntax_of(options["path"])
        return MarcImporter(syntax=syntax, source=options["source"])
