"""Demo data for the privacy app: a desk login at the Massachusetts branch,
so the same minor-and-parent question can be tried under two jurisdictions
(the rules of the branch where the desk is decide). Called by seed_demo."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from libraryservice.models import StaffProfile
from libraryservice.roles import Role


def seed(ctx: Any) -> None:
    User = get_user_model()
    branch = ctx.branches["millbury"]
    user = User.objects.filter(username="desk-millbury").first()
    if user is None:
        user = User.objects.create_user(
            username="desk-millbury", password=settings.DEMO_PASSWORD, first_name="Mel"
        )
    user.groups.add(Group.objects.get(name=Role.DESK_STAFF.value))
    StaffProfile.objects.get_or_create(
        user=user,
        defaults={"display_name": "Mel", "branch": branch, "desk": branch.desks.first()},
    )
    ctx.users["desk-millbury"] = user
    ctx.say("Privacy demo: desk-millbury (desk staff at Millbury, US-MA).")
