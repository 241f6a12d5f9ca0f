"""What keeps a desk request within its query budget: the session store, the
user's profile loaded with the user, and capabilities read once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.sessions import SessionStore
from organisation import policies, selectors
from organisation.auth import SingleQueryModelBackend
from organisation.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_existing_session_is_saved_in_one_update_without_a_transaction():
    store = SessionStore()
    store["desk_patron_id"] = 1
    store.create()
    key = store.session_key

    again = SessionStore(session_key=key)
    again["desk_patron_id"] = 2
    with CaptureQueriesContext(connection) as ctx:
        again.save()
    statements = [q["sql"].split()[0].upper() for q in ctx.captured_queries]
    assert statements == ["UPDATE"]
    assert SessionStore(session_key=key)["desk_patron_id"] == 2
    assert Session.objects.count() == 1


def test_saving_a_session_deleted_meanwhile_is_an_update_error():
    store = SessionStore()
    store.create()
    stale = SessionStore(session_key=store.session_key)
    stale["x"] = 1
    Session.objects.all().delete()
    with pytest.raises(UpdateError):
        stale.save()
    assert not Session.objects.exists()


def test_log_in_and_the_desk_still_work_through_the_session_store(client, desk_staff, card):
    client.force_login(desk_staff)
    assert client.post("/desk/scan/", {"barcode": card.barcode}).status_code == 200
    # The patron in view survived in the session, as the next request sees it.
    response = client.get("/desk/")
    assert card.patron.full_name in response.content.decode()


def test_the_user_loads_with_profile_branch_and_system_in_one_query(desk_staff):
    with CaptureQueriesContext(connection) as ctx:
        user = SingleQueryModelBackend().get_user(desk_staff.pk)
        profile = selectors.staff_profile_for(user)
        system = profile.branch.system
        desk = profile.desk
    assert len(ctx.captured_queries) == 1
    assert profile.user_id == desk_staff.pk and system.pk and (desk is None or desk.pk)


def test_a_user_without_a_profile_has_none_and_asks_once():
    user = factories.UserFactory(role=Role.DESK_STAFF)
    loaded = SingleQueryModelBackend().get_user(user.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.staff_profile_for(loaded) is None
        assert selectors.staff_branch(loaded) is None
    assert len(ctx.captured_queries) == 0
    other = get_user_model().objects.get(pk=user.pk)  # loaded without the profile
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.staff_profile_for(other) is None
        assert selectors.staff_profile_for(other) is None
    assert len(ctx.captured_queries) == 1


def test_an_inactive_user_is_not_loaded(desk_staff):
    desk_staff.is_active = False
    desk_staff.save(update_fields=["is_active"])
    assert SingleQueryModelBackend().get_user(desk_staff.pk) is None


def test_capabilities_are_read_once_per_user_object(supervisor):
    user = get_user_model().objects.get(pk=supervisor.pk)
    with CaptureQueriesContext(connection) as ctx:
        answers = [policies.has_capability(user, "override_blocks") for _ in range(10)]
        assert not policies.has_capability(user, "configure_library")
    assert answers == [True] * 10
    assert len(ctx.captured_queries) == 1


def test_capabilities_deny_the_inactive_and_allow_the_superuser():
    inactive = factories.UserFactory(role=Role.SUPERVISOR, is_active=False)
    assert not policies.has_capability(inactive, "circulate")
    root = factories.UserFactory(is_superuser=True)
    assert policies.has_capability(root, "configure_library")
    with pytest.raises(KeyError):
        policies.has_capability(root, "no_such_capability")


def test_the_loaded_user_and_profile_match_the_orm(desk_staff):
    from organisation.models import ServiceDesk, StaffProfile

    profile = StaffProfile.objects.get(user=desk_staff)
    profile.desk = ServiceDesk.objects.create(branch=profile.branch, name="Front desk")
    profile.save(update_fields=["desk"])
    loaded = SingleQueryModelBackend().get_user(desk_staff.pk)
    expected = get_user_model().objects.get(pk=desk_staff.pk)
    threshold = profile.branch.system.fee_block_threshold
    for field in type(expected)._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded.get_session_auth_hash() == expected.get_session_auth_hash()
    with CaptureQueriesContext(connection) as ctx:
        got = loaded.staff_profile
        assert got.pk == profile.pk and got.user is loaded
        assert got.branch.pk == profile.branch_id
        assert got.branch.system.pk == profile.branch.system_id
        assert got.branch.system.fee_block_threshold == threshold
        assert got.desk.name == "Front desk"
    assert len(ctx.captured_queries) == 0


def test_a_profile_without_branch_or_desk_loads_with_none(desk_staff):
    from organisation.models import StaffProfile

    StaffProfile.objects.filter(user=desk_staff).update(branch=None, desk=None)
    loaded = SingleQueryModelBackend().get_user(desk_staff.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert loaded.staff_profile.branch is None and loaded.staff_profile.desk is None
        assert selectors.staff_branch(loaded) is None
    assert len(ctx.captured_queries) == 0


@pytest.mark.parametrize("bad", [None, "x", "", "1.5"])
def test_a_session_user_id_that_is_not_a_number_loads_nobody(bad):
    assert SingleQueryModelBackend().get_user(bad) is None


def test_a_user_id_that_no_longer_exists_loads_nobody():
    assert SingleQueryModelBackend().get_user(987654321) is None
