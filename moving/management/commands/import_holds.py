"""python manage.py import_holds FILE [--commit]"""

from __future__ import annotations

from typing import Any

from moving.circulation_csv import HoldImporter
from moving.management.commands._common import ImportCommand


class Command(ImportCommand):
    help = (
        "Import holds from CSV, as export_library writes "
        "them; rows that break a rule are kept and noted. A dry run unless --commit."
    )

    def importer(self, options: dict[str, Any]) -> HoldImporter:
        return HoldImporter()
