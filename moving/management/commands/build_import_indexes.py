"""python manage.py build_import_indexes

Builds the indexes and foreign keys that a move-in import set aside and
could not build again itself (it was killed, or the database went away
while it failed). The next committed import does the same before it
starts; this is for the operator who will not import again soon."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from moving import move_in


class Command(BaseCommand):
    help = "Build the indexes and foreign keys a stopped move-in import left set aside."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = move_in.pending()
        if not waiting:
            self.stdout.write("No index is set aside.")
            return
        self.stdout.write(f"Building {len(waiting)} indexes and foreign keys set aside...")
        built = move_in.build()
        self.stdout.write(f"Built {built}.")
