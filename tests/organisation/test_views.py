"""Health check, login, idle logout and demo seeding."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kernel.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    body = response.json()
    assert body["database"]["ok"] is True
    assert "ok" in body["broker"] and "transport" in body["broker"]
    assert response.status_code == (200 if body["broker"]["ok"] else 503)


def test_login_page_is_served_to_anonymous_users(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label for="id_username">' in response.content


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("desk:screen"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_idle_session_is_logged_out(client, desk_staff, settings):
    settings.IDLE_LOGOUT_SECONDS = 60
    client.force_login(desk_staff)
    client.get(reverse("desk:screen"))
    session = client.session
    session[SESSION_KEY] = session[SESSION_KEY] - 61
    session.save()
    response = client.get(reverse("desk:screen"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_active_session_stays_logged_in(client, desk_staff, settings):
    settings.IDLE_LOGOUT_SECONDS = 60
    client.force_login(desk_staff)
    client.get(reverse("desk:screen"))
    assert client.get(reverse("desk:screen")).status_code == 200


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent(settings):
    from django.contrib.auth import get_user_model

    from circulation.models import Loan
    from patrons.models import Patron

    call_command("seed_demo", "--force")
    counts = (Patron.objects.count(), Loan.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", "--force")
    assert (
        Patron.objects.count(),
        Loan.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    for username in ("volunteer", "desk", "supervisor", "director", "admin"):
        user = get_user_model().objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.staff_profile.display_name


def test_activity_is_recorded_at_most_every_granularity_seconds(client, desk_staff, settings):
    from kernel.middleware import ACTIVITY_GRANULARITY

    settings.IDLE_LOGOUT_SECONDS = 600
    client.force_login(desk_staff)
    client.get(reverse("desk:screen"))
    first = client.session[SESSION_KEY]
    client.get(reverse("desk:screen"))
    assert client.session[SESSION_KEY] == first
    session = client.session
    session[SESSION_KEY] = first - ACTIVITY_GRANULARITY
    session.save()
    client.get(reverse("desk:screen"))
    assert client.session[SESSION_KEY] >= first
