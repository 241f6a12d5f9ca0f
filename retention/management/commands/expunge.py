"""python manage.py expunge [--dry-run] [--as-of YYYY-MM-DD] [--json] [--full]

A stable interface (DESIGN section 7): per record type, how many records
were expunged and how many kept, and why. A run on the day after the last
complete one reads only what may have become due since (a nightly pass, whose
kept counts are of the rows it read); --full reads every pending row.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from retention.models import ExpungeRun
from retention.registry import record_type_label
from retention.services import DEFAULT_BATCH_SIZE, retention_expunge
from retention.vocabulary import KeptReason

BAD_DATE = "--as-of must be a date written YYYY-MM-DD, e.g. 2026-01-31 (got {value!r})."


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(BAD_DATE.format(value=value)) from None


class Command(BaseCommand):
    help = (
        "Apply the retention rules: anonymize or delete every record whose "
        "retention period is over, and report per record type what was "
        "expunged and what was kept, and why."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Apply the rules as on this day (default: today).",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Read every pending record, not only what may have become due since the "
            "last complete run (counts what is kept in the whole table).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per transaction (default {DEFAULT_BATCH_SIZE}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _date(options["as_of"]) if options["as_of"] is not None else None
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        report = retention_expunge(
            as_of=as_of,
            dry_run=options["dry_run"],
            batch_size=options["batch_size"],
            trigger=ExpungeRun.Trigger.COMMAND,
            full=options["full"],
        )
        data = report.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
        else:
            self._print(data)
        if data["errors"]:
            raise CommandError("Some record types failed: " + "; ".join(data["errors"]))

    def _print(self, data: dict[str, Any]) -> None:
        verb = "would expunge" if data["dry_run"] else "expunged"
        title = f"Retention as of {data['as_of']}" + (
            " (dry run: nothing changed)" if data["dry_run"] else ""
        )
        self.stdout.write(title)
        if data["full_pass"]:
            self.stdout.write(f"Full pass ({data['pass_reason']}): every pending record read.")
        else:
            self.stdout.write(
                "Nightly pass: what became due since the last complete run, and the records "
                "whose reason to be kept ended since; kept counts are of those."
            )
        labels = dict(KeptReason.choices)
        for record_type, entry in data["record_types"].items():
            label = record_type_label(record_type)
            if not entry["available"]:
                self.stdout.write(
                    f"  {record_type} ({label}): no such records in this installation"
                )
                continue
            if "error" in entry:
                self.stdout.write(f"  {record_type} ({label}): FAILED: {entry['error']}")
                continue
            kept = entry["kept"]
            kept_total = sum(kept.values())
            self.stdout.write(
                f"  {record_type} ({label}): {verb} {entry['expunged']} ({entry['action']}), "
                f"kept {kept_total}"
            )
            for reason, count in kept.items():
                self.stdout.write(f"      {count} kept: {labels.get(reason, reason)} [{reason}]")
