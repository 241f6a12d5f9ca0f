"""Confirm a staff-account change on the server's command line (break-glass).

For a library with one Director: a change to the Director's own account, or
one the Director proposed, has nobody to confirm it in the app. Run on the
server by someone with shell access, it is recorded as a break-glass change
with the operator's name and reason, and every Director is told. Refused
while another Director could confirm the change in the app.

    python manage.py staff_change_break_glass --list
    python manage.py staff_change_break_glass 12 --operator "Sam Lee" \\
        --reason "Only Director; new phone after the old one was lost."
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisation import dual_control
from organisation.models import PendingStaffChange
from organisation.staff_access import StaffAccessError


class Command(BaseCommand):
    help = "Confirm a pending staff-account change where no other Director can (break-glass)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("change_id", nargs="?", type=int, help="the pending change's number")
        parser.add_argument("--list", action="store_true", help="list the pending changes")
        parser.add_argument("--operator", default="", help="who is running this command")
        parser.add_argument("--reason", default="", help="why, recorded with the change")

    def handle(self, *args: Any, **options: Any) -> None:
        dual_control.staff_changes_expire()
        if options["list"] or options["change_id"] is None:
            for change in dual_control.staff_changes_pending():
                confirmers = list(
                    dual_control.eligible_confirmers(change).values_list("username", flat=True)
                )
                who = ", ".join(confirmers) if confirmers else "nobody in the app: break-glass"
                self.stdout.write(
                    f"{change.pk}: {change.summary} (proposed by "
                    f"{change.proposed_by_username}; confirmed by {who})"
                )
            return
        found = PendingStaffChange.objects.filter(pk=options["change_id"]).first()
        if found is None:
            raise CommandError(f"There is no change number {options['change_id']}.")
        try:
            dual_control.staff_change_break_glass(
                change=found, operator=options["operator"], reason=options["reason"]
            )
        except StaffAccessError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Confirmed on the command line (break-glass): {found.summary}")
