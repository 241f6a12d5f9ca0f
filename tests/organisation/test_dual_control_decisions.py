"""Dual control of staff accounts (DESIGN section 4, issue 21): who may
confirm a proposal, the one-Director break-glass command, expiry, the
pages, and superuser status. The two findings of the issue are replayed in
test_dual_control.py.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation import dual_control, staff_access
from organisation.dual_control import (
    ALREADY_PENDING,
    BREAK_GLASS_NOT_NEEDED,
    NOT_PENDING,
    NOT_YOURS_TO_DECIDE,
)
from organisation.models import StaffAccessEvent
from organisation.roles import Role
from organisation.staff_access import (
    CONFIRMATION_REQUIRED,
    SELF_CHANGE,
    StaffAccessError,
)
from tests.organisation.dual_control_support import (
    PROPOSED_AT,
    REASON,
    Kind,
    decide,
    roles_of,
    with_email,
)
from tests.smtp import eager_tasks, smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db


# --- nobody confirms their own proposal ----------------------------------------------------------


def test_no_one_confirms_their_own_proposal_in_any_combination_of_roles(
    make_staff, director, second_director, newcomer, administrator
):
    third_director = make_staff(Role.DIRECTOR, username="t-director-3")
    both = make_staff(Role.DIRECTOR, username="t-both")
    both.groups.add(Group.objects.get(name=Role.ADMINISTRATOR.value))
    both = get_user_model().objects.get(pk=both.pk)

    # An administrator's proposal: the administrator is no Director.
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
    )
    for refused in (administrator, both, newcomer):
        with pytest.raises(StaffAccessError) as why:
            dual_control.staff_change_confirm(change=change, acting_user=refused)
        assert why.value.message == NOT_YOURS_TO_DECIDE
    dual_control.staff_change_refuse(change=change, acting_user=director)

    # A Director's proposal: another Director confirms.
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.DESK_STAFF], acting_user=director, reason=REASON
    )
    with pytest.raises(StaffAccessError) as why:
        dual_control.staff_change_confirm(change=change, acting_user=director)
    assert why.value.message == NOT_YOURS_TO_DECIDE
    with pytest.raises(StaffAccessError):
        dual_control.staff_change_refuse(change=change, acting_user=director)
    dual_control.staff_change_confirm(change=change, acting_user=second_director)
    assert roles_of(newcomer) == {Role.DESK_STAFF.value}

    # A change to a Director's account: not that Director.
    TOTPDevice.objects.create(user=second_director, name="phone", confirmed=True)
    change = dual_control.second_factor_reset_propose(
        user=second_director, acting_user=administrator, reason="Lost phone."
    )
    with pytest.raises(StaffAccessError):
        dual_control.staff_change_confirm(change=change, acting_user=second_director)

    # A Director proposing a change to another Director: a third confirms.
    change2 = dual_control.staff_email_propose(
        user=director, email="new@library.example", acting_user=second_director
    )
    for refused in (director, second_director):
        with pytest.raises(StaffAccessError):
            dual_control.staff_change_confirm(change=change2, acting_user=refused)
    dual_control.staff_change_confirm(change=change2, acting_user=third_director)
    director.refresh_from_db()
    assert director.email == "new@library.example"

    # Nobody proposes a change to their own account.
    with pytest.raises(StaffAccessError) as why:
        dual_control.staff_roles_propose(
            user=director, roles=[Role.DIRECTOR, Role.SUPERVISOR], acting_user=director, reason="x"
        )
    assert why.value.message == SELF_CHANGE


def test_the_page_says_who_may_confirm_and_refuses_the_proposer(
    client, director, second_director, newcomer
):
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.VOLUNTEER], acting_user=director, reason=REASON
    )
    client.force_login(director)
    page = client.get(reverse("staff_change", args=[change.pk]))
    assert page.status_code == 200
    assert "another Director confirms" in page.content.decode()
    assert "t-director-2" in page.content.decode()
    posted = decide(client, change, "confirm")
    assert posted.status_code == 409
    assert NOT_YOURS_TO_DECIDE in posted.content.decode()
    assert roles_of(newcomer) == set()


def test_the_services_refuse_an_unconfirmed_change_whatever_calls_them(
    administrator, desk_staff, newcomer
):
    TOTPDevice.objects.create(user=desk_staff, name="phone", confirmed=True)
    with_email(desk_staff, "dana@library.example")
    attempts = [
        lambda: staff_access.staff_roles_set(
            user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
        ),
        lambda: staff_access.second_factor_reset(
            user=desk_staff, acting_user=administrator, reason="Lost phone."
        ),
        lambda: staff_access.set_password_link_send(user=desk_staff, acting_user=administrator),
    ]
    for attempt in attempts:
        with pytest.raises(StaffAccessError) as refused:
            attempt()
        assert refused.value.message == CONFIRMATION_REQUIRED
    assert roles_of(newcomer) == set()
    assert TOTPDevice.objects.filter(user=desk_staff).exists()


def test_one_pending_change_of_a_kind_per_account(administrator, director, newcomer):
    dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
    )
    with pytest.raises(StaffAccessError) as refused:
        dual_control.staff_roles_propose(
            user=newcomer, roles=[Role.SUPERVISOR], acting_user=administrator, reason=REASON
        )
    assert refused.value.message == ALREADY_PENDING.format(username="t-newcomer")


# --- one Director: break-glass on the command line ------------------------------------------------


def test_a_library_with_one_director_confirms_on_the_command_line(
    client, administrator, director, second_director
):
    TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    change = dual_control.second_factor_reset_propose(
        user=director, acting_user=administrator, reason="Phone lost."
    )
    # With a second Director, the command line is not the way.
    with pytest.raises(CommandError, match="Another Director can confirm"):
        call_command(
            "staff_change_break_glass", str(change.pk), operator="Sam", reason="Only Director."
        )
    assert BREAK_GLASS_NOT_NEEDED.startswith("Another Director can confirm")
    second_director.is_active = False
    second_director.save(update_fields=["is_active"])

    client.force_login(director)
    page = client.get(reverse("staff_change", args=[change.pk]))
    assert "No other Director can" in page.content.decode()
    assert f"staff_change_break_glass {change.pk}" in page.content.decode()
    assert TOTPDevice.objects.filter(user=director).exists()
    with pytest.raises(CommandError):
        call_command("staff_change_break_glass", str(change.pk), operator="Sam")  # no reason
    call_command(
        "staff_change_break_glass",
        str(change.pk),
        operator="Sam Lee",
        reason="Only Director; phone lost.",
    )
    assert not TOTPDevice.objects.filter(user=director).exists()
    change.refresh_from_db()
    assert (change.status, change.break_glass) == ("confirmed", True)
    event = StaffAccessEvent.objects.get(kind=Kind.BREAK_GLASS)
    assert event.acting_username == "command line (Sam Lee)"
    assert event.reason == "Only Director; phone lost."


# --- expiry -------------------------------------------------------------------------------------


def test_a_pending_change_expires_unconfirmed(client, administrator, director, newcomer):
    with time_machine.travel(PROPOSED_AT, tick=False):
        change = dual_control.staff_roles_propose(
            user=newcomer, roles=[Role.DESK_STAFF], acting_user=administrator, reason=REASON
        )
    assert change.expires_at == PROPOSED_AT + datetime.timedelta(hours=72)
    client.force_login(director)
    with time_machine.travel(PROPOSED_AT + datetime.timedelta(hours=71, minutes=59), tick=False):
        assert dual_control.staff_changes_expire() == 0
        page = client.get(reverse("staff_changes"))
        assert "Roles of t-newcomer become: Desk staff" in page.content.decode()
    with time_machine.travel(PROPOSED_AT + datetime.timedelta(hours=72), tick=False):
        late = decide(client, change, "confirm")
        assert late.status_code == 409
        assert NOT_PENDING.format(status="expired unconfirmed") in late.content.decode()
        assert roles_of(newcomer) == set()
        from organisation.tasks import expire_staff_changes

        assert expire_staff_changes() == 0  # the page already marked it
    change.refresh_from_db()
    assert change.status == "expired"
    event = StaffAccessEvent.objects.get(kind=Kind.CHANGE_EXPIRED)
    assert event.change == change
    client.force_login(director)  # the idle logout ended the session meanwhile
    assert "Change expired unconfirmed" in client.get(reverse("staff_access")).content.decode()


def test_the_beat_task_expires_changes_once(administrator, newcomer):
    from config.celery import app
    from organisation.tasks import expire_staff_changes

    with time_machine.travel(PROPOSED_AT, tick=False):
        dual_control.staff_roles_propose(
            user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
        )
    with time_machine.travel(PROPOSED_AT + datetime.timedelta(days=4), tick=False):
        assert expire_staff_changes() == 1
        assert expire_staff_changes() == 0
    assert StaffAccessEvent.objects.filter(kind=Kind.CHANGE_EXPIRED).count() == 1
    app.finalize()
    schedule = app.conf.beat_schedule
    assert schedule["libraryservice-expire-staff-changes"]["task"] == (
        "organisation.tasks.expire_staff_changes"
    )


# --- the pages ---------------------------------------------------------------------------------


def test_the_staff_access_page_links_to_the_changes_waiting(
    client, director, administrator, newcomer, django_assert_max_num_queries
):
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
    )
    client.force_login(director)
    body = client.get(reverse("staff_access")).content.decode()
    assert reverse("staff_changes") in body and "1 waiting for a Director" in body
    with django_assert_max_num_queries(15):
        listing = client.get(reverse("staff_changes"))
    assert reverse("staff_change", args=[change.pk]) in listing.content.decode()


def test_a_bad_decision_is_a_400_and_changes_nothing(client, director, administrator, newcomer):
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
    )
    client.force_login(director)
    assert decide(client, change, "maybe").status_code == 400
    assert (
        client.post(reverse("staff_change", args=[987654]), {"decision": "confirm"}).status_code
        == 404
    )
    change.refresh_from_db()
    assert change.is_pending and roles_of(newcomer) == set()


# --- superuser and staff status -----------------------------------------------------------------


def test_the_admin_makes_nobody_a_superuser_nor_gives_loose_permissions(admin_client, branch):
    from django.contrib.auth.models import Permission

    circulate = Permission.objects.get(codename="circulate")
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "t-sneaky",
            "email": "s@library.example",
            "is_superuser": "on",
            "is_staff": "on",
            "user_permissions": [circulate.pk],
        },
    )
    assert response.status_code == 302
    sneaky = get_user_model().objects.get(username="t-sneaky")
    assert not sneaky.is_superuser and not sneaky.user_permissions.exists()
    # Staff status alone opens the administration's door and nothing behind it.
    sneaky.set_password("Sneaky-Pass-2026")
    sneaky.save(update_fields=["password"])
    client = Client()
    client.force_login(sneaky)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
