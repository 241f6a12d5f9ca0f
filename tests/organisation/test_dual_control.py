"""Dual control of staff accounts (DESIGN section 4, issue 21).

A change that would let someone read patron data or legal requests takes
effect only when a second person confirms it. Both findings of the issue are
replayed here through the real admin pages, with a real SMTP server showing
where each message goes.
"""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from notices.models import Notice
from organisation import dual_control, policies, staff_access
from organisation.admin import EMAIL_PROPOSED, LINK_PROPOSED, RESET_PROPOSED, ROLES_PROPOSED
from organisation.dual_control import (
    EMAIL_SUBJECT,
)
from organisation.models import PendingStaffChange, StaffAccessEvent
from organisation.roles import DESK_ROLES, Role
from organisation.staff_access import (
    ADMIN_WITH_PATRON_ROLE,
    SET_PASSWORD_SUBJECT,
    StaffAccessError,
)
from tests.organisation.dual_control_support import (
    ATTACKER,
    PROPOSED_AT,
    REASON,
    Kind,
    cannot_read_patrons_or_legal,
    change_form,
    decide,
    director_client,
    groups_of,
    messages_of,
    roles_of,
    with_email,
)
from tests.smtp import eager_tasks, smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db


# --- finding 1: taking over an account that reads patron data ------------------------------


@pytest.mark.parametrize("target_role", [Role.DIRECTOR, Role.DESK_STAFF])
def test_finding_1_the_takeover_replayed_in_the_admin_gives_nothing(
    admin_client,
    make_staff,
    second_director,
    patron,
    target_role,
    smtp_server,  # noqa: F811
    eager_tasks,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Issue 21, finding 1, step by step as an administrator: change the
    account's address to a mailbox the administrator holds, reset its second
    factor, send a set-password link. Each step only proposes; the old
    address and the Directors hear of it; nothing reaches the new address;
    the account's owner keeps it; no patron record opens."""
    victim = with_email(make_staff(target_role, username="t-victim"), "victim@library.example")
    device = TOTPDevice.objects.create(user=victim, name="phone", confirmed=True)
    victim_password = victim.password

    # 1. The e-mail address.
    with django_capture_on_commit_callbacks(execute=True):
        changed = admin_client.post(
            reverse("admin:auth_user_change", args=[victim.pk]),
            change_form(victim, email=ATTACKER),
        )
    assert changed.status_code == 302
    assert EMAIL_PROPOSED.format(username="t-victim") in messages_of(changed)
    victim.refresh_from_db()
    assert victim.email == "victim@library.example"
    (told,) = [m for m in smtp_server.to("victim@library.example") if m.subject == EMAIL_SUBJECT]
    assert ATTACKER in told.text() and "t-admin" in told.text()
    assert smtp_server.to("d2@library.example"), "the other Director is told"
    assert (
        StaffAccessEvent.objects.get(user=victim, kind=Kind.CHANGE_PROPOSED).change.kind
        == PendingStaffChange.Kind.EMAIL
    )

    # 2. The second factor.
    with django_capture_on_commit_callbacks(execute=True):
        reset = admin_client.post(
            reverse("admin:auth_user_reset_second_factor", args=[victim.pk]),
            {"reason": "Lost phone."},
        )
    assert reset.status_code == 302
    assert RESET_PROPOSED.format(username="t-victim") in messages_of(reset)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    # 3. The set-password link.
    with django_capture_on_commit_callbacks(execute=True):
        link = admin_client.post(reverse("admin:auth_user_send_password_link", args=[victim.pk]))
    assert link.status_code == 302
    assert LINK_PROPOSED.format(username="t-victim") in messages_of(link)

    # Nothing reached the administrator's mailbox; no link left at all.
    assert smtp_server.to(ATTACKER) == []
    assert not [m for m in smtp_server.messages if m.subject == SET_PASSWORD_SUBJECT]
    victim.refresh_from_db()
    assert victim.password == victim_password
    assert victim.email == "victim@library.example"
    assert set(
        PendingStaffChange.objects.filter(user=victim, status="pending").values_list(
            "kind", flat=True
        )
    ) == {"email", "second_factor", "password_link"}
    # No session of the account is to be had (its password, address and
    # authenticator are the owner's), and the administrator reads nothing.
    cannot_read_patrons_or_legal(get_admin(), patron)

    # Confirmed by the other Director, the link goes to the owner's address
    # as it was confirmed, never to the proposed one.
    second = director_client(second_director)
    password_change = PendingStaffChange.objects.get(user=victim, kind="password_link")
    email_change = PendingStaffChange.objects.get(user=victim, kind="email")
    assert decide(second, email_change, "refuse", "Not asked by the owner.").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(second, password_change, "confirm").status_code == 302
    (sent,) = [m for m in smtp_server.messages if m.subject == SET_PASSWORD_SUBJECT]
    assert sent.rcpt_tos == ["victim@library.example"]
    assert smtp_server.to(ATTACKER) == []


def get_admin():
    return get_user_model().objects.get(username="t-admin")


def test_an_email_change_on_an_account_that_reads_nothing_is_recorded_and_told(
    admin_client,
    make_staff,
    smtp_server,  # noqa: F811
):
    """Takes effect (it opens nothing), but is recorded, told to the old
    address, and set-password links to the new address wait some days."""
    other = with_email(make_staff(Role.ADMINISTRATOR, username="t-admin-2"), "a2@library.example")
    with time_machine.travel(PROPOSED_AT, tick=False):
        response = admin_client.post(
            reverse("admin:auth_user_change", args=[other.pk]),
            change_form(other, email=ATTACKER),
        )
        assert response.status_code == 302
        other.refresh_from_db()
        assert other.email == ATTACKER
        event = StaffAccessEvent.objects.get(user=other)
        assert event.kind == Kind.EMAIL_CHANGED and ATTACKER in event.detail
        (told,) = smtp_server.to("a2@library.example")
        assert ATTACKER in told.text()
        refused = admin_client.post(reverse("admin:auth_user_send_password_link", args=[other.pk]))
        assert refused.status_code == 400
        assert "without a Director" in refused.content.decode()
        assert smtp_server.to(ATTACKER) == []
    with time_machine.travel(PROPOSED_AT + datetime.timedelta(days=8), tick=False):
        sent = admin_client.post(reverse("admin:auth_user_send_password_link", args=[other.pk]))
        assert sent.status_code == 302


# --- finding 2: a Director of the administrator's own making ------------------------------------


def test_finding_2_a_director_created_by_an_administrator_reads_nothing_until_confirmed(
    admin_client,
    director,
    patron,
    smtp_server,  # noqa: F811
    eager_tasks,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Issue 21, finding 2: a new account given the Director role, with a
    reason, and a set-password link to the administrator's mailbox. Now the
    role waits for the Director, who alone is told (not the new "Director"),
    the link waits too, and the account opens nothing."""
    with_email(director, "director@library.example")
    with django_capture_on_commit_callbacks(execute=True):
        created = admin_client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "t-shadow",
                "first_name": "Shadow",
                "email": ATTACKER,
                "groups": groups_of(Role.DIRECTOR),
                "reason": "Deputy Director from Monday.",
            },
        )
    assert created.status_code == 302
    shadow = get_user_model().objects.get(username="t-shadow")
    assert roles_of(shadow) == set()
    assert ROLES_PROPOSED.format(summary="Roles of t-shadow become: Director") in messages_of(
        created
    )
    with django_capture_on_commit_callbacks(execute=True):
        link = admin_client.post(reverse("admin:auth_user_send_password_link", args=[shadow.pk]))
    assert link.status_code == 302
    assert smtp_server.to(ATTACKER) == []
    assert smtp_server.to("director@library.example")
    assert not Notice.objects.filter(recipient=shadow).exists()
    account_page = admin_client.get(reverse("admin:auth_user_change", args=[shadow.pk]))
    assert "Waiting for a Director" in account_page.content.decode()
    assert "Roles of t-shadow become: Director" in account_page.content.decode()

    # Even with a password (from the shell), the account opens nothing.
    shadow.set_password("Shadow-Pass-2026")
    shadow.save(update_fields=["password"])
    cannot_read_patrons_or_legal(shadow, patron)

    # The Director refuses it; the staff-access page shows every step.
    client = director_client(director)
    change = PendingStaffChange.objects.get(user=shadow, kind="roles")
    page = client.get(reverse("staff_change", args=[change.pk]))
    assert ATTACKER in page.content.decode()  # the address a link would go to
    assert decide(client, change, "refuse", "Nobody was hired.").status_code == 302
    assert roles_of(shadow) == set()
    body = client.get(reverse("staff_access")).content.decode()
    assert "Change proposed" in body and "Change refused" in body
    assert "Nobody was hired." in body


def test_a_confirmed_role_for_a_new_account_sends_its_link_to_the_address_confirmed(
    admin_client,
    director,
    newcomer,
    smtp_server,  # noqa: F811
    eager_tasks,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    newcomer.set_unusable_password()
    newcomer.save(update_fields=["password"])
    admin_client.post(
        reverse("admin:auth_user_change", args=[newcomer.pk]),
        change_form(newcomer, groups=groups_of(Role.DESK_STAFF), reason=REASON),
    )
    change = PendingStaffChange.objects.get(user=newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(director_client(director), change, "confirm").status_code == 302
    assert roles_of(newcomer) == {Role.DESK_STAFF.value}
    (sent,) = [m for m in smtp_server.messages if m.subject == SET_PASSWORD_SUBJECT]
    assert sent.rcpt_tos == ["newcomer@library.example"]
    link = re.search(r"https://desk\.example\.org(/accounts/set-password/\S+)", sent.text())
    assert link


# --- the administrator role with a patron-reading role ------------------------------------------


@pytest.mark.parametrize("reading", DESK_ROLES)
def test_the_administrator_role_with_a_patron_reading_role_is_refused(
    admin_client, newcomer, reading
):
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[newcomer.pk]),
        change_form(newcomer, groups=groups_of(Role.ADMINISTRATOR, reading), reason=REASON),
    )
    assert response.status_code == 200
    assert ADMIN_WITH_PATRON_ROLE in response.content.decode()
    assert roles_of(newcomer) == set()
    assert not PendingStaffChange.objects.exists()
    root = get_user_model().objects.create_superuser("root", password="x-long-password-1")
    for attempt in (dual_control.staff_roles_propose, staff_access.staff_roles_set):
        with pytest.raises(StaffAccessError) as refused:
            attempt(
                user=newcomer,
                roles=[Role.ADMINISTRATOR, reading],
                acting_user=root if attempt is staff_access.staff_roles_set else get_admin(),
                reason=REASON,
            )
        assert refused.value.message == ADMIN_WITH_PATRON_ROLE


@pytest.mark.parametrize("reading", [Role.DIRECTOR, Role.SUPERVISOR, Role.DESK_STAFF])
def test_an_existing_account_with_both_reads_no_patron_record(
    make_staff, patron, director, reading
):
    """Made before this change on the command line: the administrator's
    capability wins, so it reads nothing, is no Director, confirms nothing."""
    both = make_staff(reading, username="t-both")
    both.groups.add(Group.objects.get(name=Role.ADMINISTRATOR.value))  # the command line
    both = get_user_model().objects.get(pk=both.pk)
    assert policies.can_configure(both)
    assert not policies.has_capability(both, "manage_patrons")
    assert not policies.can_use_desk(both)
    cannot_read_patrons_or_legal(both, patron)
    assert list(policies.directors()) == [director]
    change = PendingStaffChange(user=director, proposed_by=None)
    assert not policies.can_decide_staff_change(both, change)
