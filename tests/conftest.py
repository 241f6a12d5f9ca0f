"""Fixtures shared by every test module."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from libraryservice.roles import Role
from tests import factories

# Property tests assert behaviour, not speed: on a shared 2-core CI machine a
# per-example deadline only adds flakiness (timing belongs to `make bench`).
hypothesis_settings.register_profile(
    "library", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("library")


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Tests marked `postgres` need PostgreSQL's locking; skip them on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def branch(db):
    return factories.BranchFactory(code="main", name="Main Branch", jurisdiction_code="US-NY")


@pytest.fixture
def other_branch(db):
    return factories.BranchFactory(code="other", name="Other Branch", jurisdiction_code="US-MA")


@pytest.fixture
def make_staff(db, branch):
    def make(role: str | Role, at=None, username: str | None = None):
        return factories.staff_user(str(role), branch=at or branch, username=username)

    return make


@pytest.fixture
def volunteer(make_staff):
    return make_staff(Role.VOLUNTEER, username="t-volunteer")


@pytest.fixture
def desk_staff(make_staff):
    return make_staff(Role.DESK_STAFF, username="t-desk")


@pytest.fixture
def supervisor(make_staff):
    return make_staff(Role.SUPERVISOR, username="t-supervisor")


@pytest.fixture
def director(make_staff):
    return make_staff(Role.DIRECTOR, username="t-director")


@pytest.fixture
def administrator(make_staff):
    return make_staff(Role.ADMINISTRATOR, username="t-admin")


@pytest.fixture
def admin_client(client, administrator):
    """Logged in to the admin as the administrator role (staff, not a
    superuser); replaces pytest-django's superuser admin_client."""
    administrator.is_staff = True
    administrator.save(update_fields=["is_staff"])
    client.force_login(administrator)
    return client


@pytest.fixture
def patron(db, branch):
    return factories.PatronFactory(home_branch=branch)


@pytest.fixture
def card(patron):
    return factories.CardFactory(patron=patron)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _force_login_skips_second_factor_too(monkeypatch):
    """`client.force_login` skips authentication; it skips the second factor too.

    Directors and administrators must pass a TOTP step after the password
    (libraryservice.security). Tests that only need a logged-in user get a
    verified session; tests of the second factor log in through the login
    form instead, which takes the enforced path.
    """
    from django.test.client import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from libraryservice.security import needs_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):  # type: ignore[no-untyped-def]
        original(self, user, backend)
        if needs_second_factor(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
