"""The administration is branded, grouped by task, and has one form for a
staff member that goes through the staff-access guard."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from notices.models import Notice
from organisation.admin_site import OTHER, SECTIONS, SITE_NAME, group_by_task, section_of
from organisation.models import StaffAccessEvent, StaffProfile
from organisation.roles import Role
from organisation.staff_access import REASON_REQUIRED, SELF_CHANGE

pytestmark = pytest.mark.django_db

# DESIGN section 1's tasks, then the desk's lists, the patron notices'
# wording (section 8), the catalogue, read only (section 8), and the import
# runs, counts only (section 8).
TASKS = [
    "Branches and hours",
    "Staff and roles",
    "Jurisdiction rules",
    "Retention",
    "Patron notices",
    "Desk lists",
    "Catalogue",
    "Moving in and out",
]


def _group(role: Role) -> int:
    return Group.objects.get(name=role.value).pk


# --- branding and grouping --------------------------------------------------------------


def test_the_sections_are_the_administrators_tasks_of_design_section_1():
    assert [s.title for s in SECTIONS] == TASKS


def test_every_registered_model_of_the_library_has_a_task_section():
    """Only the security packages' own models (never shown to
    administrators) fall back to "Other settings"."""
    unplaced = sorted(
        m._meta.label_lower
        for m in admin.site._registry
        if section_of(m._meta.label_lower)[0] is OTHER
    )
    assert all(label.split(".")[0] in ("auditlog", "axes") for label in unplaced), unplaced


def test_a_model_nobody_mapped_yet_is_listed_under_other_settings():
    class Opts:
        label_lower = "programs.newthing"

    class NewThing:
        _meta = Opts

    app_list = [
        {
            "name": "Programs",
            "app_label": "programs",
            "models": [{"model": NewThing, "name": "New things", "object_name": "NewThing"}],
        },
        {
            "name": "Library organisation",
            "app_label": "libraryservice",
            "models": [
                {
                    "model": _model("libraryservice.branch"),
                    "name": "Branches",
                    "object_name": "Branch",
                }
            ],
        },
    ]
    grouped = group_by_task(app_list, "/admin/")
    assert [s["name"] for s in grouped] == ["Branches and hours", "Other settings"]
    assert grouped[0]["models"][0]["name"] == "Branches, opening hours and desks"
    assert grouped[0]["app_url"] == "/admin/#branches-and-hours"
    assert grouped[1]["models"][0]["name"] == "New things"


def _model(label: str):
    return next(m for m in admin.site._registry if m._meta.label_lower == label)


def test_the_index_is_branded_and_grouped_by_task(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Django administration" not in html and "Site administration" not in html
    assert html.count(SITE_NAME) >= 2  # the page title and the header
    positions = [html.index(f'id="{section.slug}"') for section in SECTIONS]
    assert positions == sorted(positions)
    assert "Staff members" in html and "Retention periods" in html
    assert 'id="staff-and-roles"' in html
    # Administrators see no security records.
    assert "Access attempts" not in html and "Other settings" not in html


def test_a_settings_page_leads_back_to_its_task_section(admin_client):
    html = admin_client.get(reverse("admin:retention_retentionrule_changelist")).content.decode()
    assert '<a href="/admin/#retention">Retention</a>' in html
    assert "Retention periods" in html


# --- one form for a staff member --------------------------------------------------------


def _new_staff_member(**overrides):
    data = {
        "username": "t-jordan",
        "first_name": "Jordan",
        "last_name": "Reyes",
        "email": "jordan@example.org",
        "groups": [_group(Role.DESK_STAFF)],
        "reason": "Joins the Westfield desk on Monday.",
        "display_name": "",
        "branch": "",
        "desk": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_the_add_form_has_account_role_branch_and_display_name_and_no_password(admin_client):
    html = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    for name in ("username", "email", "groups", "reason", "display_name", "branch", "desk"):
        assert f'name="{name}"' in html, name
    assert 'name="password' not in html
    assert "Desk staff: " in html  # roles named in words, not group names


def test_creating_a_desk_staff_member_proposes_the_grant_and_tells_the_director(
    admin_client, director, branch
):
    response = admin_client.post(
        reverse("admin:auth_user_add"), _new_staff_member(branch=branch.pk)
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="t-jordan")
    assert not user.has_usable_password()
    # Dual control: the role waits for the Director's confirmation.
    assert set(user.groups.values_list("name", flat=True)) == set()
    profile = StaffProfile.objects.get(user=user)
    assert (profile.display_name, profile.branch) == ("Jordan", branch)  # first name by default
    event = StaffAccessEvent.objects.get(user=user)
    assert (event.kind, event.change.roles, event.acting_username) == (
        StaffAccessEvent.Kind.CHANGE_PROPOSED,
        [Role.DESK_STAFF.value],
        "t-admin",
    )
    assert Notice.objects.get(recipient=director).kind == Notice.Kind.STAFF_ACCESS


def test_a_new_desk_staff_member_without_a_reason_is_refused_and_not_created(admin_client):
    response = admin_client.post(reverse("admin:auth_user_add"), _new_staff_member(reason=""))
    assert response.status_code == 200
    assert REASON_REQUIRED in response.content.decode()
    assert not get_user_model().objects.filter(username="t-jordan").exists()
    assert not StaffAccessEvent.objects.exists()


def test_a_desk_role_needs_a_name_patrons_are_told(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"), _new_staff_member(first_name="", display_name="")
    )
    assert response.status_code == 200
    assert "Give the name patrons are told" in response.content.decode()
    assert not get_user_model().objects.filter(username="t-jordan").exists()


def test_a_desk_must_be_at_the_staff_members_branch(admin_client, branch, other_branch):
    desk = other_branch.desks.create(name="Front desk")
    response = admin_client.post(
        reverse("admin:auth_user_add"), _new_staff_member(branch=branch.pk, desk=desk.pk)
    )
    assert response.status_code == 200
    assert "choose a desk at the staff member" in response.content.decode()


def test_an_administrator_without_a_desk_role_needs_no_profile(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        _new_staff_member(
            username="t-sam", groups=[_group(Role.ADMINISTRATOR)], reason="", is_staff="on"
        ),
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="t-sam")
    assert user.is_staff
    assert not StaffProfile.objects.filter(user=user).exists()
    assert StaffAccessEvent.objects.get(user=user).role == Role.ADMINISTRATOR.value
    assert not Notice.objects.exists()


def test_the_staff_member_form_refuses_a_change_of_ones_own_roles(admin_client, administrator):
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        {
            "username": administrator.username,
            "groups": [_group(Role.ADMINISTRATOR), _group(Role.DIRECTOR)],
            "display_name": "Alex",
        },
    )
    assert response.status_code == 403
    assert SELF_CHANGE in response.content.decode()
    assert set(administrator.groups.values_list("name", flat=True)) == {Role.ADMINISTRATOR.value}


def test_the_staff_list_shows_display_name_roles_and_branch_in_few_queries(
    admin_client, make_staff, django_assert_max_num_queries
):
    for n in range(5):
        make_staff(Role.DESK_STAFF, username=f"t-desk-{n}")
    with django_assert_max_num_queries(15):
        html = admin_client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "Desk staff" in html
    assert "Staff members" in html


def test_the_roles_are_shown_in_words_with_what_each_may_do(admin_client):
    listing = admin_client.get(reverse("admin:auth_group_changelist")).content.decode()
    assert "Desk staff" in listing and "sees no patron data" in listing
    group = Group.objects.get(name=Role.SUPERVISOR.value)
    page = admin_client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    assert "Override a checkout block with a reason" in page
    assert 'name="permissions"' not in page
