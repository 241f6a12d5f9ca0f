"""Demo data for trying the product: `python manage.py seed_demo`.

Idempotent: every row is found by a natural key before it is created, so a
second run changes nothing. Each app may add its own demo rows in a
`<app>/demo.py` module with `seed(ctx)`; they run in INSTALLED_APPS order.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from libraryservice.models import (
    Branch,
    Holiday,
    LibrarySystem,
    OpeningHours,
    ServiceDesk,
    StaffProfile,
)
from libraryservice.roles import Role

BRANCHES = [
    # code, name, jurisdiction, timezone
    ("westfield", "Westfield (Patterson Library)", "US-NY", "America/New_York"),
    ("millbury", "Millbury Public Library", "US-MA", "America/New_York"),
    ("jones", "Robert R. Jones District Library", "US-IL", "America/Chicago"),
    ("kenora", "Kenora Public Library", "CA-ON", "America/Winnipeg"),
]

USERS = [
    # username, role, display name, branch
    ("volunteer", Role.VOLUNTEER, "Vic", "westfield"),
    ("desk", Role.DESK_STAFF, "Dana", "westfield"),
    ("supervisor", Role.SUPERVISOR, "Sam", "westfield"),
    ("director", Role.DIRECTOR, "Morgan", "westfield"),
    ("admin", Role.ADMINISTRATOR, "Alex", "westfield"),
]


@dataclass
class DemoContext:
    system: LibrarySystem
    branches: dict[str, Branch]
    users: dict[str, Any]
    today: datetime.date
    out: Any
    extra: dict[str, Any] = field(default_factory=dict)

    def say(self, line: str) -> None:
        self.out.write(line)


class Command(BaseCommand):
    help = "Create demo branches, one login per role, patrons, items, loans (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates known logins and refuses to run with DEBUG off. "
                "Use --force if this really is a demo installation."
            )
        with transaction.atomic():
            ctx = self._organisation()
            for app_config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.seed(ctx)
        password = settings.DEMO_PASSWORD
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Logins (password {password!r}): " + ", ".join(u for u, *_ in USERS))

    def _organisation(self) -> DemoContext:
        from django.utils import timezone

        system, _ = LibrarySystem.objects.get_or_create(name="Demo Library System")
        branches: dict[str, Branch] = {}
        for code, name, jurisdiction, tz in BRANCHES:
            branch, _ = Branch.objects.get_or_create(
                code=code,
                defaults={
                    "system": system,
                    "name": name,
                    "jurisdiction_code": jurisdiction,
                    "timezone": tz,
                },
            )
            branches[code] = branch
            if not branch.opening_hours.exists():
                OpeningHours.objects.bulk_create(
                    [
                        OpeningHours(
                            branch=branch,
                            weekday=d,
                            opens=datetime.time(9),
                            closes=datetime.time(20 if d < 4 else 17),
                        )
                        for d in range(6)
                    ]
                )
            ServiceDesk.objects.get_or_create(branch=branch, name="Main desk")
        year = timezone.localdate().year
        for y in (year, year + 1):
            for month, day, name in (
                (1, 1, "New Year's Day"),
                (7, 4, "Independence Day"),
                (12, 25, "Christmas Day"),
            ):
                Holiday.objects.get_or_create(
                    system=system,
                    branch=None,
                    date=datetime.date(y, month, day),
                    defaults={"name": name},
                )
        User = get_user_model()
        users: dict[str, Any] = {}
        for username, role, display, branch_code in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=settings.DEMO_PASSWORD,
                    first_name=display,
                    is_staff=(role == Role.ADMINISTRATOR),
                )
            user.groups.add(Group.objects.get(name=role.value))
            StaffProfile.objects.get_or_create(
                user=user,
                defaults={
                    "display_name": display,
                    "branch": branches[branch_code],
                    "desk": branches[branch_code].desks.first(),
                },
            )
            users[username] = user
        return DemoContext(
            system=system,
            branches=branches,
            users=users,
            today=timezone.localdate(),
            out=self.stdout,
        )
