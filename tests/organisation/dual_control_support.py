"""What the dual-control tests share (tests/organisation/test_dual_control*.py,
and test_staff_access.py for the staff-member form): the proposal's words,
a Monday morning to propose on, and the pages as a browser posts them."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from organisation.models import PendingStaffChange, StaffAccessEvent
from organisation.roles import Role

REASON = "Joins the Westfield desk on Monday."
ATTACKER = "mallory@attacker.example"
# A Monday morning, away from any daylight-saving change.
PROPOSED_AT = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
Kind = StaffAccessEvent.Kind


def roles_of(user) -> set[str]:
    return set(Group.objects.filter(user=user).values_list("name", flat=True))


def groups_of(*roles: Role) -> list[int]:
    return [Group.objects.get(name=r.value).pk for r in roles]


def change_form(user, **overrides):
    """The staff-member form as a browser posts it for `user`."""
    user = get_user_model().objects.get(pk=user.pk)
    profile = getattr(user, "staff_profile", None)
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "groups": [g.pk for g in user.groups.all()],
        "display_name": profile.display_name if profile else "",
        "branch": (profile.branch_id or "") if profile else "",
        "desk": (profile.desk_id or "") if profile else "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def with_email(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return user


def director_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def decide(client: Client, change: PendingStaffChange, decision: str, note: str = ""):
    return client.post(
        reverse("staff_change", args=[change.pk]), {"decision": decision, "note": note}
    )


def cannot_read_patrons_or_legal(user, patron) -> None:
    """Through the web, `user` opens no patron record and no legal request."""
    from legal.models import LegalRequest

    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))
    assert client.get(reverse("patrons:detail", args=[patron.pk])).status_code in (403, 404)
    assert client.get(reverse("patrons:search"), {"q": patron.last_name}).status_code in (
        403,
        404,
    )
    assert client.get(reverse("desk:patron", args=[patron.pk])).status_code in (403, 404)
    assert client.get(reverse("legal:queue")).status_code in (403, 404)
    for legal in LegalRequest.objects.all():
        assert client.get(reverse("legal:detail", args=[legal.pk])).status_code == 404
