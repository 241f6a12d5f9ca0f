"""The complaint search is a POST and survives hostile terms; desk record
dates are bounded (issue 11, findings 4, 5 and 9)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import CommentCard, Incident
from tests.clock import at

pytestmark = pytest.mark.django_db


def test_the_search_is_posted_and_finds_by_name_and_reference(client, log_complaint, director):
    complaint = log_complaint()
    client.force_login(director)
    by_name = client.post(reverse("complaints:list"), {"status": "all", "q": "Jo Example"})
    assert by_name.status_code == 200 and complaint.reference in by_name.text
    by_ref = client.post(reverse("complaints:list"), {"status": "all", "q": complaint.reference})
    assert complaint.reference in by_ref.text
    page = client.get(reverse("complaints:list"))
    assert 'method="post"' in page.text and 'name="q"' in page.text


def test_a_name_in_the_query_string_is_not_searched(client, log_complaint, make_staff, director):
    log_complaint()
    log_complaint(patron_name="Sam Other", description="Noise.")
    client.force_login(director)
    page = client.get(reverse("complaints:list"), {"status": "all", "q": "Sam Other"})
    assert page.status_code == 200
    assert "2 concerns" in page.text  # the term was ignored, not used to filter


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "term",
    ["ab\x00cd", "²0000000000014", "C-²1", "٢٠٠", "99999999999999999999", "C-99999999999", "-1"],
)
def test_hostile_search_terms_never_cause_a_500(client, log_complaint, volunteer, method, term):
    log_complaint()
    client.force_login(volunteer)
    response = getattr(client, method)(reverse("complaints:list"), {"status": "all", "q": term})
    assert response.status_code in (200, 400)


def test_a_nul_byte_in_the_search_is_refused_with_a_message(client, volunteer):
    client.force_login(volunteer)
    response = client.post(reverse("complaints:list"), {"q": "ab\x00cd"})
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.text


# ------------------------------------------------------------------ dates


def _today(branch):
    return timezone.localdate(timezone=ZoneInfo(branch.timezone))


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        ("0001-01-01", "Enter a date within the last year"),
        ("9999-12-31", "cannot be in the future"),
        ("tomorrow", "cannot be in the future"),
    ],
)
def test_a_comment_card_date_out_of_bounds_is_refused(
    client, branch, volunteer, received_on, message
):
    if received_on == "tomorrow":
        received_on = str(_today(branch) + datetime.timedelta(days=1))
    client.force_login(volunteer)
    response = client.post(
        reverse("complaints:comment_create"),
        {"theme": "hours", "text": "Open earlier", "anonymous": "on", "received_on": received_on},
    )
    assert response.status_code == 400
    assert message in response.text
    assert not CommentCard.objects.exists()


def test_a_comment_card_from_today_or_last_month_is_logged(client, branch, volunteer):
    client.force_login(volunteer)
    for day in (_today(branch), _today(branch) - datetime.timedelta(days=30)):
        response = client.post(
            reverse("complaints:comment_create"),
            {"theme": "hours", "text": "Open earlier", "anonymous": "on", "received_on": day},
        )
        assert response.status_code == 302
    assert CommentCard.objects.count() == 2


def test_the_service_refuses_a_comment_card_date_in_the_future(branch, volunteer):
    with pytest.raises(services.ServiceError) as exc:
        services.comment_card_log(
            branch=branch,
            logged_by=volunteer,
            theme="hours",
            text="x",
            received_on=datetime.date(9999, 12, 31),
        )
    assert "future" in exc.value.message


@pytest.mark.parametrize(
    ("occurred_at", "message"),
    [
        ("0001-01-01T10:00", "Enter a time within the last year"),
        ("9999-12-31T23:59", "cannot be reported before it happens"),
    ],
)
def test_an_incident_time_out_of_bounds_is_refused(client, volunteer, occurred_at, message):
    client.force_login(volunteer)
    response = client.post(
        reverse("complaints:incident_create"),
        {"type": "safety", "description": "Wet floor.", "occurred_at": occurred_at},
    )
    assert response.status_code == 400
    assert message in response.text
    assert not Incident.objects.exists()


@pytest.mark.parametrize("local_time", ["2026-12-05 14:00", "2026-12-05 23:30", "2026-12-06 00:30"])
def test_an_incident_an_hour_ago_is_recorded(client, volunteer, time_machine, local_time):
    """The time typed is the desk's wall clock; it is stored as that
    instant, also when an hour ago was yesterday."""
    time_machine.move_to(at(local_time), tick=False)
    client.force_login(volunteer)
    earlier = at(local_time) - datetime.timedelta(hours=1)
    response = client.post(
        reverse("complaints:incident_create"),
        {"type": "safety", "description": "Wet floor.", "occurred_at": f"{earlier:%Y-%m-%dT%H:%M}"},
    )
    assert response.status_code == 302
    assert Incident.objects.get().occurred_at == earlier


def test_the_service_refuses_an_incident_in_the_future(branch, volunteer):
    with pytest.raises(services.ServiceError):
        services.incident_report(
            branch=branch,
            reported_by=volunteer,
            type="safety",
            description="x",
            called_911=False,
            occurred_at=timezone.now() + datetime.timedelta(days=2),
        )
