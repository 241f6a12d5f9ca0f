"""Demo data for trying the product: `python manage.py seed_demo`.

Idempotent: every row is found by a natural key before it is created, so a
second run changes nothing, except that the demo logins take the password of
the current `DEMO_PASSWORD` so that what the command prints is what works.
Each app may add its own demo rows in a `<app>/demo.py` module with
`seed(ctx)`, and its own logins (created with `demo_login`) listed in the
module's `LOGINS`; the modules run in INSTALLED_APPS order.

Public holidays come from each branch's jurisdiction (organisation.calendar),
so the demo adds only a local closure, the kind administrators add by hand.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisation import clock
from organisation.models import (
    Branch,
    Holiday,
    LibrarySystem,
    OpeningHours,
    ServiceDesk,
    StaffProfile,
)
from organisation.roles import Role
from organisation.users import StaffUser

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
# (username, who): what `make run` and this command print for each login.
LOGINS = [
    (username, f"{role.label.lower()} at Westfield, US-NY rules")
    for username, role, _display, _branch in USERS
]

# A closure of one branch, as administrators add them (public holidays need
# no rows): a weekday about two weeks ahead, so the desk calendar shows it.
LOCAL_CLOSURE = ("millbury", "Staff development day (branch closed)")

# What earlier versions of this command created: United States holidays for
# every branch, the Ontario one included. Removed on the next run.
_OLD_SYSTEM_HOLIDAYS = {
    (1, 1, "New Year's Day"),
    (7, 4, "Independence Day"),
    (12, 25, "Christmas Day"),
}


def demo_modules() -> list[ModuleType]:
    """Each installed app's `demo` module, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{app_config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.demo":
                raise
    return modules


def demo_logins() -> list[tuple[str, str]]:
    """(username, who) of every demo login: the role logins and the apps' own."""
    logins = list(LOGINS)
    for module in demo_modules():
        logins += list(getattr(module, "LOGINS", ()))
    return logins


def demo_login(*, username: str, role: Role, display_name: str, branch: Branch) -> StaffUser:
    """Find or create a demo login with the role and a staff profile at `branch`.

    Its password is set to `DEMO_PASSWORD` whenever it differs, so a second
    run with another password makes the printed password the working one.
    Every demo login has an example.org address, so e-mailed notices (an
    escalation to the Director, an incident to supervisors) have somewhere
    to go.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            password=settings.DEMO_PASSWORD,
            first_name=display_name,
            email=f"{username}@example.org",
            is_staff=(role == Role.ADMINISTRATOR),
        )
    else:
        changed = []
        if not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            changed.append("password")
        if not user.email:
            user.email = f"{username}@example.org"
            changed.append("email")
        if changed:
            user.save(update_fields=changed)
    user.groups.add(Group.objects.get(name=role.value))
    StaffProfile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "branch": branch,
            "desk": branch.desks.first(),
        },
    )
    return user


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
            for module in demo_modules():
                module.seed(ctx)
        password = settings.DEMO_PASSWORD
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Logins (password {password!r}):")
        for username, who in demo_logins():
            self.stdout.write(f"  {username}: {who}")

    def _organisation(self) -> DemoContext:

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
        today = clock.server_day()
        for month, day, name in _OLD_SYSTEM_HOLIDAYS:
            Holiday.objects.filter(
                system=system, branch=None, name=name, date__month=month, date__day=day
            ).delete()
        closure_branch, closure_name = LOCAL_CLOSURE
        if not Holiday.objects.filter(
            branch=branches[closure_branch], name=closure_name, date__gte=today
        ).exists():
            closure = today + datetime.timedelta(days=14)
            while closure.weekday() >= 5:
                closure += datetime.timedelta(days=1)
            Holiday.objects.get_or_create(
                system=system,
                branch=branches[closure_branch],
                date=closure,
                defaults={"name": closure_name},
            )
        users = {
            username: demo_login(
                username=username,
                role=role,
                display_name=display,
                branch=branches[branch_code],
            )
            for username, role, display, branch_code in USERS
        }
        return DemoContext(
            system=system,
            branches=branches,
            users=users,
            today=today,
            out=self.stdout,
        )
