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
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from notices.models import Notice
from organisation import dual_control, policies, staff_access
from organisation.admin import EMAIL_PROPOSED, LINK_PROPOSED, RESET_PROPOSED, ROLES_PROPOSED
from organisation.dual_control import (
    ALREADY_PENDING,
    BREAK_GLASS_NOT_NEEDED,
    EMAIL_SUBJECT,
    NOT_PENDING,
    NOT_YOURS_TO_DECIDE,
)
from organisation.models import PendingStaffChange, StaffAccessEvent
from organisation.roles import DESK_ROLES, Role
from organisation.staff_access import (
    ADMIN_WITH_PATRON_ROLE,
    CONFIRMATION_REQUIRED,
    SELF_CHANGE,
    SET_PASSWORD_SUBJECT,
    StaffAccessError,
)
from tests import factories
from tests.smtp import eager_tasks, smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db

REASON = "Joins the Westfield desk on Monday."
ATTACKER = "mallory@attacker.example"
# A Monday morning, away from any daylight-saving change.
PROPOSED_AT = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
Kind = StaffAccessEvent.Kind


def _roles(user) -> set[str]:
    return set(Group.objects.filter(user=user).values_list("name", flat=True))


def _groups(*roles: Role) -> list[int]:
    return [Group.objects.get(name=r.value).pk for r in roles]


def _change_form(user, **overrides):
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
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _with_email(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def second_director(make_staff):
    return _with_email(make_staff(Role.DIRECTOR, username="t-director-2"), "d2@library.example")


@pytest.fixture
def newcomer(branch):
    return _with_email(
        factories.staff_user("", branch=branch, username="t-newcomer"), "newcomer@library.example"
    )


def _director_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _decide(client: Client, change: PendingStaffChange, decision: str, note: str = ""):
    return client.post(
        reverse("staff_change", args=[change.pk]), {"decision": decision, "note": note}
    )


def _cannot_read_patrons_or_legal(user, patron) -> None:
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
    victim = _with_email(make_staff(target_role, username="t-victim"), "victim@library.example")
    device = TOTPDevice.objects.create(user=victim, name="phone", confirmed=True)
    victim_password = victim.password

    # 1. The e-mail address.
    with django_capture_on_commit_callbacks(execute=True):
        changed = admin_client.post(
            reverse("admin:auth_user_change", args=[victim.pk]),
            _change_form(victim, email=ATTACKER),
        )
    assert changed.status_code == 302
    assert EMAIL_PROPOSED.format(username="t-victim") in _messages(changed)
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
    assert RESET_PROPOSED.format(username="t-victim") in _messages(reset)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    # 3. The set-password link.
    with django_capture_on_commit_callbacks(execute=True):
        link = admin_client.post(reverse("admin:auth_user_send_password_link", args=[victim.pk]))
    assert link.status_code == 302
    assert LINK_PROPOSED.format(username="t-victim") in _messages(link)

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
    _cannot_read_patrons_or_legal(get_admin(), patron)

    # Confirmed by the other Director, the link goes to the owner's address
    # as it was confirmed, never to the proposed one.
    director_client = _director_client(second_director)
    password_change = PendingStaffChange.objects.get(user=victim, kind="password_link")
    email_change = PendingStaffChange.objects.get(user=victim, kind="email")
    assert (
        _decide(director_client, email_change, "refuse", "Not asked by the owner.").status_code
        == 302
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert _decide(director_client, password_change, "confirm").status_code == 302
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
    other = _with_email(make_staff(Role.ADMINISTRATOR, username="t-admin-2"), "a2@library.example")
    with time_machine.travel(PROPOSED_AT, tick=False):
        response = admin_client.post(
            reverse("admin:auth_user_change", args=[other.pk]),
            _change_form(other, email=ATTACKER),
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
    _with_email(director, "director@library.example")
    with django_capture_on_commit_callbacks(execute=True):
        created = admin_client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "t-shadow",
                "first_name": "Shadow",
                "email": ATTACKER,
                "groups": _groups(Role.DIRECTOR),
                "reason": "Deputy Director from Monday.",
            },
        )
    assert created.status_code == 302
    shadow = get_user_model().objects.get(username="t-shadow")
    assert _roles(shadow) == set()
    assert ROLES_PROPOSED.format(summary="Roles of t-shadow become: Director") in _messages(created)
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
    _cannot_read_patrons_or_legal(shadow, patron)

    # The Director refuses it; the staff-access page shows every step.
    client = _director_client(director)
    change = PendingStaffChange.objects.get(user=shadow, kind="roles")
    page = client.get(reverse("staff_change", args=[change.pk]))
    assert ATTACKER in page.content.decode()  # the address a link would go to
    assert _decide(client, change, "refuse", "Nobody was hired.").status_code == 302
    assert _roles(shadow) == set()
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
        _change_form(newcomer, groups=_groups(Role.DESK_STAFF), reason=REASON),
    )
    change = PendingStaffChange.objects.get(user=newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        assert _decide(_director_client(director), change, "confirm").status_code == 302
    assert _roles(newcomer) == {Role.DESK_STAFF.value}
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
        _change_form(newcomer, groups=_groups(Role.ADMINISTRATOR, reading), reason=REASON),
    )
    assert response.status_code == 200
    assert ADMIN_WITH_PATRON_ROLE in response.content.decode()
    assert _roles(newcomer) == set()
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
    _cannot_read_patrons_or_legal(both, patron)
    assert list(policies.directors()) == [director]
    change = PendingStaffChange(user=director, proposed_by=None)
    assert not policies.can_decide_staff_change(both, change)


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
    assert _roles(newcomer) == {Role.DESK_STAFF.value}

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
    posted = _decide(client, change, "confirm")
    assert posted.status_code == 409
    assert NOT_YOURS_TO_DECIDE in posted.content.decode()
    assert _roles(newcomer) == set()


def test_the_services_refuse_an_unconfirmed_change_whatever_calls_them(
    administrator, desk_staff, newcomer
):
    TOTPDevice.objects.create(user=desk_staff, name="phone", confirmed=True)
    _with_email(desk_staff, "dana@library.example")
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
    assert _roles(newcomer) == set()
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
        late = _decide(client, change, "confirm")
        assert late.status_code == 409
        assert NOT_PENDING.format(status="expired unconfirmed") in late.content.decode()
        assert _roles(newcomer) == set()
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
    assert _decide(client, change, "maybe").status_code == 400
    assert (
        client.post(reverse("staff_change", args=[987654]), {"decision": "confirm"}).status_code
        == 404
    )
    change.refresh_from_db()
    assert change.is_pending and _roles(newcomer) == set()


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
