"""A fresh demo shows every feature with data that makes sense.

`make run` runs seed_demo and then prints a banner; a new user should find
work for the retention job, concerns whose dates read in order, e-mail for
the people notices go to, every login in the banner, and the password the
banner prints working.
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from circulation.models import Fee, Hold, Loan
from complaints.models import Complaint, ComplaintEvent
from config import devserver
from organisation.calendar import calendar_for_branch
from organisation.management.commands.seed_demo import demo_logins
from organisation.models import Branch, Holiday
from organisation.roles import Role
from patrons.models import Patron

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def dry_run() -> dict:
    out = io.StringIO()
    call_command("expunge", "--dry-run", "--json", stdout=out)
    return json.loads(out.getvalue())["record_types"]


def test_a_fresh_demo_gives_the_retention_job_work():
    seed()
    report = dry_run()
    assert report["returned_loans"]["expunged"] > 0
    assert report["finished_holds"]["expunged"] > 0
    assert report["paid_fees"]["expunged"] > 0
    # And some it must keep, each with its reason.
    assert report["returned_loans"]["kept"].get("opted_in", 0) > 0
    assert report["returned_loans"]["kept"].get("retention_period", 0) > 0
    # A dry run changes nothing.
    assert dry_run() == report


def test_demo_concerns_are_logged_before_anything_happens_to_them():
    seed()
    complaints = list(Complaint.objects.all())
    assert len(complaints) >= 7
    assert sum(c.escalated_at is not None for c in complaints) >= 4
    for c in complaints:
        logged = c.created_at
        assert logged <= datetime.datetime.now(datetime.UTC), c.description
        later = [
            c.escalated_at,
            c.first_response_due,
            c.first_response_at,
            c.next_update_due,
            c.resolution_due,
            c.paused_at,
            c.decided_at,
            c.appeal_due,
            c.closed_at,
            c.first_response_breached_at,
            c.resolution_breached_at,
        ]
        for moment in later:
            assert moment is None or moment >= logged, c.description
        for due in (c.first_response_due, c.resolution_due, c.appeal_due):
            assert due is None or due > logged, c.description
        if c.decided_at is not None:
            assert c.decided_at >= c.escalated_at
        events = list(ComplaintEvent.objects.filter(complaint=c).order_by("at", "pk"))
        assert events[0].kind == ComplaintEvent.Kind.LOGGED
        # The service stamps the log entry a moment after the concern.
        assert events[0].at - logged < datetime.timedelta(seconds=5)
        assert all(e.at >= logged for e in events), c.description


def test_demo_deadlines_are_counted_on_the_branch_calendar():
    seed()
    for c in Complaint.objects.exclude(escalated_at=None).select_related("branch"):
        cal = calendar_for_branch(c.branch)
        for due in (c.first_response_due, c.resolution_due, c.appeal_due, c.next_update_due):
            if due is not None:
                local = due.astimezone(cal.tz)
                assert cal.is_open_day(local.date()), c.description
                assert local.time() == cal.hours[local.weekday()][-1][1]
        # The clock starts when the concern was escalated, on an open day.
        assert cal.is_open_day(cal.local_date(c.escalated_at))


def test_supervisors_and_the_director_have_email_addresses():
    seed()
    users = get_user_model().objects.filter(
        groups__name__in=[Role.SUPERVISOR.value, Role.DIRECTOR.value]
    )
    assert {u.username for u in users} >= {"supervisor", "director"}
    for user in users:
        assert user.email.endswith("@example.org"), user.username
    for username, _ in demo_logins():
        assert get_user_model().objects.get(username=username).email


def test_seeding_again_with_a_new_password_makes_that_password_work(settings, client):
    settings.DEMO_PASSWORD = "first-demo-pass"
    seed()
    users = get_user_model().objects.count()
    settings.DEMO_PASSWORD = "second-demo-pass"
    output = seed()
    assert "second-demo-pass" in output
    assert get_user_model().objects.count() == users
    for username, _ in demo_logins():
        user = get_user_model().objects.get(username=username)
        assert user.check_password("second-demo-pass"), username
        assert not user.check_password("first-demo-pass"), username
    response = client.post(reverse("login"), {"username": "desk", "password": "second-demo-pass"})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_seeding_twice_creates_nothing_twice():
    from complaints.models import CommentCard, Incident, ReconsiderationRequest

    models = (
        Patron,
        Loan,
        Hold,
        Fee,
        Complaint,
        ComplaintEvent,
        CommentCard,
        Incident,
        ReconsiderationRequest,
        Holiday,
        get_user_model(),
    )
    seed()
    counts = [m.objects.count() for m in models]
    seed()
    assert [m.objects.count() for m in models] == counts


def test_the_make_run_banner_lists_every_demo_login_and_the_password(settings):
    settings.DEMO_PASSWORD = "banner-demo-pass"
    seed()
    text = devserver._banner("8123", {"DJANGO_SETTINGS_MODULE": "config.settings.test"})
    assert "http://127.0.0.1:8123/" in text
    assert "banner-demo-pass" in text
    assert "desk-millbury" in text
    for user in get_user_model().objects.all():
        assert user.username in text


def test_the_ontario_demo_branch_keeps_canada_day_not_july_4():
    seed()
    next_year = datetime.date.today().year + 1
    kenora = calendar_for_branch(Branch.objects.get(code="kenora"))
    westfield = calendar_for_branch(Branch.objects.get(code="westfield"))
    canada_day = datetime.date(next_year, 7, 1)
    july_4 = datetime.date(next_year, 7, 4)
    while july_4.weekday() == 6 or canada_day.weekday() == 6:
        next_year += 1
        canada_day, july_4 = datetime.date(next_year, 7, 1), datetime.date(next_year, 7, 4)
    assert not kenora.is_open_day(canada_day)
    assert kenora.is_open_day(july_4)
    assert not westfield.is_open_day(july_4)
    assert westfield.is_open_day(canada_day)
    # No closure of every branch: public holidays are each branch's own.
    assert not Holiday.objects.filter(branch=None).exists()


def test_reseeding_removes_the_us_holidays_earlier_demos_gave_every_branch():
    seed()
    system = Branch.objects.get(code="kenora").system
    july_4 = datetime.date(datetime.date.today().year + 1, 7, 4)
    Holiday.objects.create(system=system, branch=None, date=july_4, name="Independence Day")
    seed()
    assert not Holiday.objects.filter(branch=None).exists()
    assert july_4 not in calendar_for_branch(Branch.objects.get(code="kenora")).holidays


def test_the_demo_can_be_seeded_on_29_february(monkeypatch):
    """Birthdays and card expiry are counted in years; a leap day must not crash."""
    import django.utils.timezone

    leap_day = datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC)
    monkeypatch.setattr(django.utils.timezone, "now", lambda: leap_day)
    seed()
    avery = Patron.objects.get(first_name="Avery")
    assert avery.cards.get().expires_on == datetime.date(2030, 2, 28)
