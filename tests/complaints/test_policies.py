"""Who sees which complaint, and who may take each step: every role."""

from __future__ import annotations

import pytest
from django.http import Http404

from complaints import policies, services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "volunteer",
    "desk_staff",
    "supervisor",
    "other_supervisor",
    "director",
    "designee",
    "subject",
    "administrator",
]


@pytest.fixture
def people(request):
    return {name: request.getfixturevalue(name) for name in ROLES}


OPEN_VISIBLE = {
    "volunteer": False,
    "desk_staff": True,  # logged it
    "supervisor": True,  # own branch
    "other_supervisor": False,
    "director": True,
    "designee": False,  # nothing granted yet
    "subject": False,  # it is about them
    "administrator": False,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_concern_open_at_the_desk(role, people, log_complaint):
    complaint = log_complaint()
    user = people[role]
    assert policies.can_view_complaint(user, complaint) is OPEN_VISIBLE[role]
    assert (complaint in policies.complaints_visible_to(user)) is OPEN_VISIBLE[role]


ESCALATED_VISIBLE = {
    "volunteer": False,
    "desk_staff": False,  # escalated: it left the desk
    "supervisor": True,
    "other_supervisor": False,
    "director": True,
    "designee": True,  # granted by the escalation
    "subject": False,
    "administrator": False,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_complaint_escalated_to_a_designee(role, people, log_complaint):
    complaint = log_complaint()
    services.complaint_escalate(
        complaint=complaint, acting_user=people["supervisor"], assignee=people["designee"]
    )
    user = people[role]
    assert policies.can_view_complaint(user, complaint) is ESCALATED_VISIBLE[role]


def test_the_staff_member_complained_about_gets_404_even_as_director(log_complaint, director):
    complaint = log_complaint(staff_involved=[director])
    assert not policies.complaints_visible_to(director).exists()
    with pytest.raises(Http404):
        policies.access_complaint(director, complaint.pk)


def test_a_missing_and_a_forbidden_complaint_look_the_same(log_complaint, volunteer):
    complaint = log_complaint()
    with pytest.raises(Http404):
        policies.access_complaint(volunteer, complaint.pk)
    with pytest.raises(Http404):
        policies.access_complaint(volunteer, complaint.pk + 1000)


def test_reassigning_revokes_the_previous_designees_grant(
    log_complaint, supervisor, designee, director
):
    complaint = log_complaint()
    services.complaint_escalate(complaint=complaint, acting_user=supervisor, assignee=designee)
    assert designee.has_perm(policies.HANDLE_PERM, complaint)
    services.complaint_escalate(complaint=complaint, acting_user=director, assignee=director)
    fresh = UserFactory._meta.model.objects.get(pk=designee.pk)  # drop the perm cache
    assert not fresh.has_perm(policies.HANDLE_PERM, complaint)
    assert not policies.can_view_complaint(fresh, complaint)


ESCALATE_ALLOWED = {
    "volunteer": False,
    "desk_staff": False,
    "supervisor": True,
    "other_supervisor": False,
    "director": True,
    "designee": False,
    "subject": False,
    "administrator": False,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_escalate_an_open_concern(role, people, log_complaint):
    assert policies.can_escalate(people[role], log_complaint()) is ESCALATE_ALLOWED[role]


RESOLVE_ALLOWED = {**OPEN_VISIBLE}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_resolve_a_concern_at_the_desk(role, people, log_complaint):
    assert policies.can_resolve_informally(people[role], log_complaint()) is RESOLVE_ALLOWED[role]


WORK_ALLOWED = {
    "volunteer": False,
    "desk_staff": False,
    "supervisor": False,  # sees it, but formal review is the Director's or designee's
    "other_supervisor": False,
    "director": True,
    "designee": True,
    "subject": False,
    "administrator": False,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_work_the_formal_review(role, people, log_complaint):
    complaint = log_complaint()
    services.complaint_escalate(
        complaint=complaint, acting_user=people["supervisor"], assignee=people["designee"]
    )
    complaint.refresh_from_db()
    assert policies.can_work_formal_review(people[role], complaint) is WORK_ALLOWED[role]


def test_a_supervisor_who_is_the_subject_cannot_escalate_or_resolve(log_complaint, subject):
    complaint = log_complaint()
    assert not policies.can_escalate(subject, complaint)
    assert not policies.can_resolve_informally(subject, complaint)


def test_the_subject_cannot_be_named_assignee(log_complaint, subject, director):
    complaint = log_complaint()
    assert not policies.can_be_assigned(subject, complaint)
    assert policies.can_be_assigned(director, complaint)


def test_volunteer_may_log_but_administrator_may_not(volunteer, administrator):
    assert policies.can_log_complaint(volunteer)
    assert not policies.can_log_complaint(administrator)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("volunteer", False),
        ("desk_staff", False),
        ("supervisor", False),
        ("director", True),
        ("administrator", False),
    ],
)
def test_only_the_director_sees_reconsideration_requests(role, expected, request):
    user = request.getfixturevalue(role)
    assert policies.reconsiderations_visible_to(user).model is not None
    from organisation.policies import has_capability

    assert has_capability(user, "handle_escalations") is expected
