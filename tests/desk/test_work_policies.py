"""Who may see and do what with the desk's records, every role against
every kind of record (desk/policies.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from desk import policies, services
from desk.models import InquiryType
from organisation.roles import Role

pytestmark = pytest.mark.django_db

DESK_ROLES = (Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)


@pytest.fixture
def users(make_staff):
    return {role: make_staff(role, username=f"p-{role.value}") for role in Role}


def _inquiry(user, branch, text="Genealogy of the Smith family"):
    return services.inquiry_record(
        acting_user=user,
        branch=branch,
        desk=None,
        channel="in_person",
        inquiry_type=InquiryType.objects.get(branch=None, label="Research"),
        read_level=4,
        question=text,
    )


@pytest.mark.parametrize("role", list(Role))
def test_recording_is_for_desk_roles_only(users, role):
    assert policies.can_log_inquiries(users[role]) == (role in DESK_ROLES)
    assert policies.can_work_desk(users[role]) == (role in DESK_ROLES)


@pytest.mark.parametrize("role", list(Role))
def test_inquiry_text_of_someone_else_is_for_staff_roles_only(users, branch, role):
    inquiry = _inquiry(users[Role.DESK_STAFF], branch)
    expected = role in (Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)
    assert policies.can_read_inquiry_text(users[role], inquiry) == expected
    assert policies.inquiries_visible_to(users[role]).filter(pk=inquiry.pk).exists() == expected


def test_a_volunteer_reads_their_own_inquiry_text(users, branch):
    inquiry = _inquiry(users[Role.VOLUNTEER], branch)
    assert policies.can_read_inquiry_text(users[Role.VOLUNTEER], inquiry)
    assert list(policies.inquiries_visible_to(users[Role.VOLUNTEER])) == [inquiry]


def test_staff_at_another_branch_do_not_read_the_text(make_staff, users, branch, other_branch):
    inquiry = _inquiry(users[Role.DESK_STAFF], branch)
    elsewhere = make_staff(Role.SUPERVISOR, at=other_branch)
    assert not policies.can_read_inquiry_text(elsewhere, inquiry)
    # The Director reads every branch's.
    director = make_staff(Role.DIRECTOR, at=other_branch)
    assert policies.can_read_inquiry_text(director, inquiry)


def test_only_staff_link_an_inquiry_to_a_patron(users, branch, patron):
    with pytest.raises(services.DeskWorkError, match=services.NO_PATRON_LINK):
        services.inquiry_record(
            acting_user=users[Role.VOLUNTEER],
            branch=branch,
            desk=None,
            channel="phone",
            inquiry_type=None,
            read_level=1,
            patron=patron,
        )
    assert policies.can_link_inquiry_patron(users[Role.DESK_STAFF])


def test_an_administrator_records_nothing(users, branch):
    with pytest.raises(services.DeskWorkError, match=services.NOT_ALLOWED):
        _inquiry(users[Role.ADMINISTRATOR], branch)


@pytest.mark.parametrize("role", list(Role))
def test_callback_contacts_are_for_staff_and_whoever_took_the_call(users, branch, role):
    callback = services.callback_create(
        acting_user=users[Role.VOLUNTEER],
        branch=branch,
        desk=None,
        name="Caller",
        phone="555",
        promised_at=timezone.now() + datetime.timedelta(hours=1),
    )
    other = services.callback_create(
        acting_user=users[Role.DESK_STAFF],
        branch=branch,
        desk=None,
        name="Caller",
        phone="555",
        promised_at=timezone.now() + datetime.timedelta(hours=1),
    )
    user = users[role]
    assert policies.can_see_callback_contact(user, callback) == (role in DESK_ROLES)
    staff = role in (Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)
    assert policies.can_see_callback_contact(user, other) == staff
    assert policies.callbacks_visible_to(user).count() == (2 if role in DESK_ROLES else 0)


@pytest.mark.parametrize("role", list(Role))
def test_desk_statistics_are_for_supervisors_and_the_director(users, branch, other_branch, role):
    user = users[role]
    allowed = role in (Role.SUPERVISOR, Role.DIRECTOR)
    assert policies.can_view_desk_reports(user) == allowed
    branches = set(policies.report_branches_for(user))
    if role == Role.DIRECTOR:
        assert branches == {branch, other_branch}
    elif role == Role.SUPERVISOR:
        assert branches == {branch}
    else:
        assert branches == set()
