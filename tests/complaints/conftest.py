"""Fixtures for the complaints tests."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from circulation.models import Item
from complaints import services
from organisation.models import OpeningHours
from organisation.roles import Role
from tests.factories import CardFactory, ItemFactory
from tests.smtp import eager_tasks, smtp_server  # noqa: F401

NY = ZoneInfo("America/New_York")
# A Monday morning in the branch's timezone.
MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=NY)


@pytest.fixture
def weekday_hours(branch):
    """The branch opens Monday to Friday, 09:00 to 17:00, New York time."""
    branch.timezone = "America/New_York"
    branch.save()
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
        for d in range(5)
    )
    return branch


@pytest.fixture
def subject(make_staff):
    """A supervisor at the branch whom the complaint is about."""
    user = make_staff(Role.SUPERVISOR, username="t-subject")
    user.email = "subject@example.org"
    user.save()
    return user


@pytest.fixture
def designee(make_staff):
    user = make_staff(Role.DESK_STAFF, username="t-designee")
    user.email = "designee@example.org"
    user.save()
    return user


@pytest.fixture
def other_supervisor(make_staff, other_branch):
    return make_staff(Role.SUPERVISOR, at=other_branch, username="t-other-sup")


@pytest.fixture
def log_complaint(branch, desk_staff, subject, weekday_hours):
    def make(**kwargs):
        params = {
            "branch": branch,
            "logged_by": desk_staff,
            "category": "staff_conduct",
            "description": "Was spoken to rudely at the desk.",
            "patron_name": "Jo Example",
            "contact_email": "jo@example.org",
            "staff_involved": [subject],
        }
        params.update(kwargs)
        return services.complaint_log(**params)

    return make


@pytest.fixture
def escalated(log_complaint, supervisor, director):
    director.email = "director@example.org"
    director.save()
    complaint = log_complaint()
    return services.complaint_escalate(
        complaint=complaint, acting_user=supervisor, assignee=director, now=MONDAY_10
    )


@pytest.fixture
def item(branch):
    return ItemFactory(home_branch=branch, status=Item.Status.ON_LOAN)


@pytest.fixture
def cardholder(patron):
    CardFactory(patron=patron)
    return patron


@pytest.fixture
def recon(item, branch, desk_staff, cardholder, weekday_hours):
    return services.reconsideration_request(
        item=item,
        branch=branch,
        logged_by=desk_staff,
        requester_name="Pat Requester",
        requester_patron=cardholder,
        requester_email="pat@example.org",
        objection="Too frightening for children.",
        now=MONDAY_10,
    )
