"""Separation of duties for staff accounts (DESIGN section 4, issue 11).

Every path a role can change by: the staff-access service itself, the
staff-member form (account, roles and profile), the group admin, bulk actions, any other
code run during a web request, and the command line (exempt).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from notices.models import Notice
from organisation import dual_control, staff_access
from organisation.models import StaffAccessEvent
from organisation.roles import DESK_ROLES, Role
from organisation.staff_access import (
    NO_DEVICE,
    NO_EMAIL,
    OUTSIDE_SERVICE,
    REASON_REQUIRED,
    REASON_REQUIRED_RESET,
    SELF_CHANGE,
    StaffAccessError,
)
from tests import factories
from tests.organisation.dual_control_support import change_form, groups_of
from tests.smtp import eager_tasks, smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1"
REASON = "Covers the Saturday desk while Dana is on leave."


def _roles(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


@pytest.fixture
def newcomer(branch):
    """A staff account with no role yet, and an e-mail address."""
    user = factories.staff_user("", branch=branch, username="t-newcomer")
    user.email = "newcomer@example.org"
    user.save(update_fields=["email"])
    return user


# --- the service ---------------------------------------------------------------


@pytest.mark.parametrize("role", DESK_ROLES)
def test_a_role_that_reads_patron_data_needs_a_reason(administrator, newcomer, role):
    with pytest.raises(StaffAccessError) as refused:
        staff_access.staff_roles_set(
            user=newcomer, roles=[role], acting_user=administrator, reason="  "
        )
    assert refused.value.message == REASON_REQUIRED
    assert _roles(newcomer) == set()
    assert not StaffAccessEvent.objects.exists()


def test_a_grant_is_recorded_with_who_to_whom_when_why_and_the_director_told(
    administrator, director, newcomer
):
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.DESK_STAFF], acting_user=administrator, reason=REASON
    )
    assert _roles(newcomer) == set()
    notice = Notice.objects.get(recipient=director)
    assert notice.kind == Notice.Kind.STAFF_ACCESS
    assert notice.link == reverse("staff_change", args=[change.pk])
    assert "t-newcomer" in notice.subject and REASON in notice.body
    # Nobody else is told.
    assert Notice.objects.count() == 1

    dual_control.staff_change_confirm(change=change, acting_user=director)
    assert _roles(newcomer) == {Role.DESK_STAFF.value}
    event = StaffAccessEvent.objects.get(kind=StaffAccessEvent.Kind.ROLE_GRANTED)
    assert (event.user, event.role, event.acting_user) == (
        newcomer,
        Role.DESK_STAFF.value,
        administrator,
    )
    assert REASON in event.reason and "confirmed by t-director" in event.reason
    assert event.created_at is not None


def test_the_director_gets_an_email_with_an_absolute_link_to_the_staff_access_page(
    administrator,
    director,
    newcomer,
    smtp_server,  # noqa: F811
    eager_tasks,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    director.email = "director@example.org"
    director.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        dual_control.staff_roles_propose(
            user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
        )
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["director@example.org"]
    assert "t-newcomer" in message.subject
    assert "https://desk.example.org/staff-access/" in message.text()
    assert REASON in message.text()


def test_revoking_a_role_is_recorded_and_needs_no_reason(administrator, director, desk_staff):
    staff_access.staff_roles_set(user=desk_staff, roles=[], acting_user=administrator)
    assert _roles(desk_staff) == set()
    event = StaffAccessEvent.objects.get()
    assert (event.kind, event.role) == (StaffAccessEvent.Kind.ROLE_REVOKED, Role.DESK_STAFF)
    assert not Notice.objects.exists()


def test_the_administrator_role_alone_reads_no_patron_data_and_needs_no_reason(
    administrator, newcomer
):
    staff_access.staff_roles_set(
        user=newcomer, roles=[Role.ADMINISTRATOR], acting_user=administrator
    )
    assert _roles(newcomer) == {Role.ADMINISTRATOR.value}
    assert StaffAccessEvent.objects.get().kind == StaffAccessEvent.Kind.ROLE_GRANTED


@pytest.mark.parametrize("superuser", [False, True])
def test_nobody_changes_their_own_roles(administrator, superuser):
    administrator.is_superuser = superuser
    administrator.save(update_fields=["is_superuser"])
    with pytest.raises(StaffAccessError) as refused:
        staff_access.staff_roles_set(
            user=administrator,
            roles=[Role.ADMINISTRATOR, Role.DIRECTOR],
            acting_user=administrator,
            reason=REASON,
        )
    assert refused.value.message == SELF_CHANGE
    assert _roles(administrator) == {Role.ADMINISTRATOR.value}


def test_a_superuser_made_on_the_command_line_is_exempt(director, newcomer):
    call_command("createsuperuser", "--noinput", username="root", email="root@example.org")
    root = get_user_model().objects.get(username="root")
    assert (
        staff_access.staff_roles_set(user=newcomer, roles=[Role.DIRECTOR], acting_user=root) == []
    )
    assert _roles(newcomer) == {Role.DIRECTOR.value}
    assert not StaffAccessEvent.objects.exists()
    assert not Notice.objects.exists()


def test_an_administrator_cannot_act_on_a_superuser(administrator):
    root = get_user_model().objects.create_superuser("root", password="x-long-password-1")
    TOTPDevice.objects.create(user=root, name="phone")
    with pytest.raises(StaffAccessError):
        staff_access.second_factor_reset(user=root, acting_user=administrator, reason=REASON)
    assert TOTPDevice.objects.filter(user=root).exists()


# --- every other path during a web request is refused ------------------------------


def test_any_other_change_of_roles_during_a_request_is_refused(administrator, desk_staff):
    """A bulk action, a group-side form or a view calling groups.add: all
    run inside a request, and none may bypass the service."""
    director = Group.objects.get(name=Role.DIRECTOR.value)
    circulate = Permission.objects.get(codename="circulate")
    attempts = [
        lambda: desk_staff.groups.add(director),
        lambda: desk_staff.groups.set([director]),
        lambda: desk_staff.groups.remove(Group.objects.get(name=Role.DESK_STAFF.value)),
        lambda: desk_staff.groups.clear(),
        lambda: director.user_set.add(desk_staff),
        lambda: director.user_set.set([desk_staff]),
        lambda: Group.objects.get(name=Role.DESK_STAFF.value).user_set.clear(),
        lambda: desk_staff.user_permissions.add(circulate),
        lambda: circulate.user_set.add(desk_staff),
    ]
    with staff_access.serving_request(administrator):
        for attempt in attempts:
            with pytest.raises(StaffAccessError) as refused, transaction.atomic():
                attempt()
            assert refused.value.message == OUTSIDE_SERVICE
    assert _roles(desk_staff) == {Role.DESK_STAFF.value}
    assert not desk_staff.user_permissions.exists()


def test_the_command_line_may_change_roles_without_a_record(desk_staff):
    """Management commands (seed_demo) and the shell: no request, exempt."""
    desk_staff.groups.add(Group.objects.get(name=Role.SUPERVISOR.value))
    assert _roles(desk_staff) == {Role.DESK_STAFF.value, Role.SUPERVISOR.value}
    assert not StaffAccessEvent.objects.exists()


def test_the_only_management_command_giving_roles_is_the_demo_seeder():
    """The shell-free commands: only seed_demo gives roles (refused with
    DEBUG off unless forced), and it runs outside any web request."""
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    givers = sorted(
        str(path.relative_to(base))
        for path in base.glob("*/management/commands/*.py")
        if re.search(r"\.(groups|user_set|user_permissions)\b", path.read_text())
    )
    assert givers == ["organisation/management/commands/seed_demo.py"]


# --- the user admin ------------------------------------------------------------------


def test_the_issue_an_administrator_cannot_give_themselves_patron_access(
    admin_client, administrator
):
    """Issue 11: posting administrator + desk staff + director to one's own
    account opened /patrons/<id>/. Now it is refused with the reason."""
    patron = factories.PatronFactory()
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        change_form(
            administrator,
            groups=groups_of(Role.ADMINISTRATOR, Role.DESK_STAFF, Role.DIRECTOR),
            reason="I need it",
        ),
    )
    assert response.status_code == 403
    assert SELF_CHANGE in response.content.decode()
    administrator.refresh_from_db()
    assert _roles(administrator) == {Role.ADMINISTRATOR.value}
    assert not StaffAccessEvent.objects.exists()
    fresh = Client()
    fresh.force_login(get_user_model().objects.get(pk=administrator.pk))
    assert fresh.get(reverse("patrons:detail", args=[patron.pk])).status_code in (403, 404)


def test_ones_own_account_page_shows_the_roles_read_only(admin_client, administrator):
    page = admin_client.get(reverse("admin:auth_user_change", args=[administrator.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="groups"' not in body
    assert "another administrator changes your roles" in body
    # Editing one's own name still works.
    saved = admin_client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        {"username": administrator.username, "first_name": "Alex", "email": ""},
    )
    assert saved.status_code == 302
    administrator.refresh_from_db()
    assert administrator.first_name == "Alex"


def test_the_user_admin_asks_for_a_reason_before_giving_a_desk_role(
    admin_client, director, newcomer
):
    url = reverse("admin:auth_user_change", args=[newcomer.pk])
    refused = admin_client.post(url, change_form(newcomer, groups=groups_of(Role.SUPERVISOR)))
    assert refused.status_code == 200
    assert REASON_REQUIRED in refused.content.decode()
    assert _roles(newcomer) == set()
    assert not Notice.objects.exists()

    saved = admin_client.post(
        url, change_form(newcomer, groups=groups_of(Role.SUPERVISOR), reason=REASON)
    )
    assert saved.status_code == 302
    assert _roles(newcomer) == set()  # until a Director confirms
    event = StaffAccessEvent.objects.get()
    assert (event.kind, event.change.roles, event.reason, event.acting_username) == (
        StaffAccessEvent.Kind.CHANGE_PROPOSED,
        [Role.SUPERVISOR.value],
        REASON,
        "t-admin",
    )
    assert Notice.objects.get(recipient=director).kind == Notice.Kind.STAFF_ACCESS
    messages = [str(m) for m in saved.wsgi_request._messages]
    assert any("The Director was told" in m for m in messages)
    assert any("Waiting for a Director's confirmation" in m for m in messages)


def test_saving_an_account_without_changing_roles_records_nothing(admin_client, desk_staff):
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[desk_staff.pk]),
        change_form(desk_staff, first_name="Dana"),
    )
    assert response.status_code == 302
    assert _roles(desk_staff) == {Role.DESK_STAFF.value}
    assert not StaffAccessEvent.objects.exists()


def test_superuser_status_and_loose_permissions_are_never_edited_in_the_admin(
    admin_client, desk_staff
):
    circulate = Permission.objects.get(codename="circulate")
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[desk_staff.pk]),
        change_form(desk_staff, is_superuser="on", user_permissions=[circulate.pk]),
    )
    assert response.status_code == 302
    desk_staff.refresh_from_db()
    assert desk_staff.is_superuser is False
    assert not desk_staff.user_permissions.exists()


def test_the_user_changelist_has_no_bulk_action_that_changes_roles(admin_client):
    page = admin_client.get(reverse("admin:auth_user_changelist"))
    actions = re.findall(
        r'<option value="([a-z_]+)"',
        page.content.decode().split('name="action"')[1].split("</select>")[0],
    )
    assert actions == ["delete_selected"]


# --- the group admin and the staff-profile admin ---------------------------------------


def test_the_group_admin_changes_no_one_s_roles(admin_client, desk_staff):
    group = Group.objects.get(name=Role.DIRECTOR.value)
    url = reverse("admin:auth_group_change", args=[group.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="users"' not in page.content.decode()
    posted = admin_client.post(
        url, {"name": group.name, "permissions": [], "users": [desk_staff.pk]}
    )
    assert posted.status_code == 403
    assert _roles(desk_staff) == {Role.DESK_STAFF.value}
    assert group.permissions.exists()


def test_the_profile_is_edited_on_the_staff_member_form_and_sets_no_roles(
    admin_client, desk_staff, other_branch
):
    """There is no separate staff-profile form to post roles to; the profile
    part of the staff-member form changes the profile and no role."""
    with pytest.raises(NoReverseMatch):
        reverse("admin:libraryservice_staffprofile_change", args=[desk_staff.staff_profile.pk])
    posted = admin_client.post(
        reverse("admin:auth_user_change", args=[desk_staff.pk]),
        change_form(desk_staff, display_name="Dana", branch=other_branch.pk, desk=""),
    )
    assert posted.status_code == 302
    desk_staff.staff_profile.refresh_from_db()
    assert (desk_staff.staff_profile.display_name, desk_staff.staff_profile.branch) == (
        "Dana",
        other_branch,
    )
    assert _roles(desk_staff) == {Role.DESK_STAFF.value}
    assert not StaffAccessEvent.objects.exists()


# --- passwords -------------------------------------------------------------------------


def test_administrators_never_see_a_password_hash_nor_set_a_password(admin_client, desk_staff):
    page = admin_client.get(reverse("admin:auth_user_change", args=[desk_staff.pk]))
    body = page.content.decode()
    assert desk_staff.password.split("$")[-1] not in body
    assert "md5" not in body.lower() and 'name="password' not in body
    assert "Send a set-password link" in body
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_user_password_change", args=[desk_staff.pk])
    old_page = admin_client.get(f"/admin/auth/user/{desk_staff.pk}/password/", follow=True)
    assert 'name="password1"' not in old_page.content.decode()
    for path in ("password/", "password/change/"):
        admin_client.post(
            f"/admin/auth/user/{desk_staff.pk}/{path}",
            {"password1": "New-pass-1234!", "password2": "New-pass-1234!"},
        )
    desk_staff.refresh_from_db()
    assert desk_staff.check_password(PASSWORD)


def test_a_new_account_has_no_password_until_its_owner_chooses_one(admin_client):
    add = admin_client.get(reverse("admin:auth_user_add"))
    assert 'name="password' not in add.content.decode()
    response = admin_client.post(
        reverse("admin:auth_user_add"), {"username": "t-new", "email": "new@example.org"}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="t-new")
    assert not user.has_usable_password()


def test_a_set_password_link_lets_only_its_owner_choose_a_password(
    admin_client, newcomer, settings
):
    """An account that reads no patron data gets its link at once (one that
    does waits for a Director: tests/organisation/test_dual_control.py)."""
    desk_staff = newcomer
    desk_staff.email = "dana@example.org"
    desk_staff.save(update_fields=["email"])
    settings.SITE_URL = "https://desk.example.org"
    response = admin_client.post(
        reverse("admin:auth_user_send_password_link", args=[desk_staff.pk])
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["dana@example.org"]
    link = re.search(r"https://desk\.example\.org(/accounts/set-password/\S+)", message.body)
    assert link, message.body
    assert StaffAccessEvent.objects.get().kind == StaffAccessEvent.Kind.PASSWORD_LINK_SENT

    owner = Client()
    form_page = owner.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert "Choose your password" in form_page.content.decode()
    set_url = form_page.request["PATH_INFO"]
    weak = owner.post(set_url, {"new_password1": "abc", "new_password2": "abc"})
    assert weak.status_code == 200
    done = owner.post(
        set_url, {"new_password1": "Quiet-Reading-Room-7", "new_password2": "Quiet-Reading-Room-7"}
    )
    assert done.status_code == 302
    desk_staff.refresh_from_db()
    assert desk_staff.check_password("Quiet-Reading-Room-7")
    # The link works once.
    again = Client().get(link.group(1), follow=True)
    assert "has been used or has expired" in again.content.decode()


def test_an_account_without_an_address_is_told_plainly(admin_client, desk_staff):
    response = admin_client.post(
        reverse("admin:auth_user_send_password_link", args=[desk_staff.pk])
    )
    assert response.status_code == 400
    assert NO_EMAIL in response.content.decode()
    assert mail.outbox == []
    assert not StaffAccessEvent.objects.exists()


def test_an_administrator_cannot_send_themselves_a_link(admin_client, administrator):
    administrator.email = "admin@example.org"
    administrator.save(update_fields=["email"])
    response = admin_client.post(
        reverse("admin:auth_user_send_password_link", args=[administrator.pk])
    )
    assert response.status_code == 400
    assert SELF_CHANGE in response.content.decode()
    assert mail.outbox == []


# --- second factor ---------------------------------------------------------------------


def test_a_lost_second_factor_is_reset_with_a_reason_recorded_and_told(
    admin_client, director, make_staff
):
    other_admin = make_staff(Role.ADMINISTRATOR, username="t-admin-2")
    TOTPDevice.objects.create(user=other_admin, name="phone", confirmed=True)
    url = reverse("admin:auth_user_reset_second_factor", args=[other_admin.pk])
    assert admin_client.get(url).status_code == 200

    no_reason = admin_client.post(url, {"reason": ""})
    assert no_reason.status_code == 400
    assert REASON_REQUIRED_RESET in no_reason.content.decode()
    assert TOTPDevice.objects.filter(user=other_admin).exists()

    done = admin_client.post(url, {"reason": "Phone lost on the bus."})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=other_admin).exists()
    event = StaffAccessEvent.objects.get()
    assert (event.kind, event.user, event.acting_username, event.reason) == (
        StaffAccessEvent.Kind.SECOND_FACTOR_RESET,
        other_admin,
        "t-admin",
        "Phone lost on the bus.",
    )
    assert Notice.objects.get(recipient=director).kind == Notice.Kind.SECOND_FACTOR
    # At the next log-in they enrol a new authenticator.
    fresh = Client()
    fresh.post(reverse("login"), {"username": "t-admin-2", "password": PASSWORD})
    assert fresh.get("/admin/")["Location"].startswith(reverse("two_factor_setup"))


def test_nobody_resets_their_own_second_factor(admin_client, administrator):
    url = reverse("admin:auth_user_reset_second_factor", args=[administrator.pk])
    response = admin_client.post(url, {"reason": "new phone"})
    assert response.status_code == 400
    assert SELF_CHANGE in response.content.decode()
    assert TOTPDevice.objects.filter(user=administrator).exists()
    assert not StaffAccessEvent.objects.exists()


def test_an_account_without_a_second_factor_says_so(admin_client, desk_staff):
    url = reverse("admin:auth_user_reset_second_factor", args=[desk_staff.pk])
    response = admin_client.post(url, {"reason": "lost phone"})
    assert response.status_code == 400
    assert NO_DEVICE in response.content.decode()


def test_the_device_admin_no_longer_deletes_a_second_factor(client, administrator):
    root = get_user_model().objects.create_superuser("root", password="x-long-password-1")
    device = TOTPDevice.objects.create(user=administrator, name="phone", confirmed=True)
    client.force_login(root)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


@pytest.mark.parametrize("view", ["config", "qrcode"])
def test_the_device_admin_pages_answer_403_not_500_and_show_no_secret(client, administrator, view):
    """Issue 11 finding 5: a missing id raised DoesNotExist (500)."""
    root = get_user_model().objects.create_superuser("root", password="x-long-password-1")
    device = TOTPDevice.objects.create(user=administrator, name="phone", confirmed=True)
    client.force_login(root)
    for pk in (987654, device.pk):
        response = client.get(reverse(f"admin:otp_totp_totpdevice_{view}", args=[pk]))
        assert response.status_code == 403, pk
        assert device.key not in response.content.decode()


# --- the staff-access page -----------------------------------------------------------


def test_the_director_sees_who_gave_whom_what_when_and_why(
    client, director, administrator, newcomer, make_staff, django_assert_max_num_queries
):
    second_director = make_staff(Role.DIRECTOR, username="t-director-2")
    change = dual_control.staff_roles_propose(
        user=newcomer, roles=[Role.VOLUNTEER], acting_user=administrator, reason=REASON
    )
    dual_control.staff_change_confirm(change=change, acting_user=second_director)
    other_admin = make_staff(Role.ADMINISTRATOR, username="t-admin-2")
    TOTPDevice.objects.create(user=other_admin, name="phone")
    staff_access.second_factor_reset(
        user=other_admin, acting_user=administrator, reason="Phone stolen."
    )
    client.force_login(director)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("staff_access"))
    assert page.status_code == 200
    body = page.content.decode()
    for text in ("Role given: Volunteer", "t-newcomer", "t-admin", REASON):
        assert text in body
    assert "Second factor reset" in body and "Phone stolen." in body
    assert "Change proposed" in body and "Change confirmed" in body
    assert body.index("Phone stolen.") < body.index(REASON)  # newest first


@pytest.mark.parametrize(
    "role", [Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.ADMINISTRATOR]
)
def test_only_the_director_opens_the_staff_access_page(client, make_staff, role):
    client.force_login(make_staff(role, username="t-someone"))
    assert client.get(reverse("staff_access")).status_code == 403
