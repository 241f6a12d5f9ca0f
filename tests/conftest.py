"""Fixtures shared by every test module."""

from __future__ import annotations

import pytest
from django.db import connection, connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from organisation.roles import Role
from tests import factories

# Property tests assert behaviour, not speed: on a shared 2-core CI machine a
# per-example deadline only adds flakiness (timing belongs to `make bench`).
hypothesis_settings.register_profile(
    "library", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("library")


# What migrate leaves in the test database (content types, permissions, role
# groups, rule presets, loan rules, retention defaults), by database alias.
# Kept in this process rather than on the connection: inside Playwright's
# event loop Django's connection handler hands out another connection object.
_MIGRATED_STATE: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _barcode_schemes_start_as_the_default():
    """Every test starts with no BarcodeScheme row, so with the default
    schemes, read without a query: a test that counts the scan's queries
    counts the same whatever ran before it (patrons.schemes caches)."""
    from patrons import schemes

    schemes.assume_defaults()
    yield
    schemes.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """pytest-django's test database, and a snapshot of it as migrate left it."""
    with django_db_blocker.unblock():
        for alias in connections:
            conn = connections[alias]
            _MIGRATED_STATE[alias] = getattr(conn, "_test_serialized_contents", None) or (
                conn.creation.serialize_db_to_string()
            )
    yield


def _load_migrated_state(alias: str) -> None:
    """Reload the snapshot into a flushed database, with the original ids."""
    from auditlog.context import disable_auditlog
    from django.contrib.contenttypes.models import ContentType

    # Loading saves each row; django-auditlog would log the rule sets it
    # reloads as created, rows no test made.
    with disable_auditlog():
        connections[alias].creation.deserialize_db_from_string(_MIGRATED_STATE[alias])
    # The cache may hold ids of content types post_migrate re-created.
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session", autouse=True)
def _transactional_tests_leave_the_database_as_migrated():
    """Every test starts from the database migrate made, in any order.

    A transactional test (live server, real threads, subprocesses) ends with
    Django's flush, which empties every table: the role groups, presets and
    rules that migrations created are gone, and post_migrate re-creates
    content types under new ids while ContentType's cache keeps the old ones
    (django-auditlog then writes entries that point at no content type). A
    later test would see a database no installation has. Instead, each flush
    here is followed by reloading the migrated snapshot, ids included.
    """
    from django.core.management import call_command
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown

    def fixture_teardown(self):  # type: ignore[no-untyped-def]
        if self.available_apps is not None:
            original(self)
            return
        for alias in self._databases_names(include_mirrors=False):
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=alias,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            if alias in _MIGRATED_STATE:
                _load_migrated_state(alias)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", fixture_teardown)
        yield


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """The random order's seed again at the end (the header has it too), so a
    failure seen in a long log can be replayed in the same order."""
    seed = config.getoption("randomly_seed", default=None)
    if isinstance(seed, int) and config.pluginmanager.hasplugin("randomly"):
        terminalreporter.write_line(f"Test order: replay with -p randomly --randomly-seed={seed}")


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


# Names no page could contain by chance: tests assert that a patron's name is
# NOT on a page, and a random surname such as "Chang" is inside "Change password".
DISTINCT_FIRST_NAME = "Wrenna"
DISTINCT_LAST_NAME = "Quillfeather"


@pytest.fixture
def patron(db, branch):
    return factories.PatronFactory(
        home_branch=branch,
        first_name=DISTINCT_FIRST_NAME,
        last_name=DISTINCT_LAST_NAME,
        email="wrenna.quillfeather@example.org",
    )


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
    (organisation.security). Tests that only need a logged-in user get a
    verified session; tests of the second factor log in through the login
    form instead, which takes the enforced path.
    """
    from django.test.client import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisation.security import needs_second_factor

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
