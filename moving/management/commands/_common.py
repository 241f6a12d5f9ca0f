"""What every import command shares: --commit, --batch-size, the report."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from moving.readers import UnreadableFile
from moving.runner import DEFAULT_BATCH, Importer, import_file


def pairs(values: list[str] | None, option: str) -> dict[str, str]:
    """NAME=VALUE options as a dict; CommandError for one without '='."""
    result: dict[str, str] = {}
    for value in values or []:
        name, sep, other = value.partition("=")
        if not sep or not name.strip():
            raise CommandError(f"{option} takes NAME=VALUE, not {value!r}")
        result[name.strip()] = other.strip()
    return result


class ImportCommand(BaseCommand):
    # The system checks (URL patterns, templates, admin) say nothing about
    # a file's rows and cost half a second of CPU at every start, most of
    # a small import; `manage.py check` and the test suite run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the file to import")
        parser.add_argument(
            "--commit",
            action="store_true",
            help="write the import (without it: a dry run that only reports)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help=f"rows written and committed together (default: the importer's, else "
            f"{DEFAULT_BATCH})",
        )
        parser.add_argument(
            "--defer-indexes",
            choices=["auto", "always", "never"],
            default="auto",
            help="PostgreSQL, with --commit: build the tables' secondary indexes and "
            "foreign keys once at the end instead of row by row (auto: when the file is "
            "large and the tables hold far fewer rows than it brings, a library moving in)",
        )

    def importer(self, options: dict[str, Any]) -> Importer:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] is not None and options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        # pymarc logs oddities of real records (extra indicators) as
        # warnings; the report says what matters.
        logging.getLogger("pymarc").setLevel(logging.ERROR)
        importer = self.importer(options)
        try:
            import_file(
                importer=importer,
                path=options["path"],
                commit=options["commit"],
                out=self.stdout,
                err=self.stderr._out,
                batch_size=options["batch_size"] or getattr(importer, "batch_size", DEFAULT_BATCH),
                defer_indexes=options["defer_indexes"],
            )
        except UnreadableFile as exc:
            raise CommandError(f"Refused, nothing was imported: {exc}") from None
        except KeyboardInterrupt:
            raise SystemExit(130) from None
