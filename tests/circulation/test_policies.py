"""Who may circulate, override blocks and waive fees, and who sees and acts
on loans, holds and fees: every role against every object kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import Http404
from django.utils import timezone

from circulation import policies
from organisation.roles import CAPABILITIES, Role
from tests import factories

pytestmark = pytest.mark.django_db

MATRIX = {
    # role: (circulate, override, waive)
    Role.VOLUNTEER: (True, False, False),
    Role.DESK_STAFF: (True, False, False),
    Role.SUPERVISOR: (True, True, True),
    Role.DIRECTOR: (True, True, True),
    Role.ADMINISTRATOR: (False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_circulation_capabilities_per_role(make_staff, role):
    user = make_staff(role)
    expected = MATRIX[role]
    assert (
        policies.can_circulate(user),
        policies.can_override_blocks(user),
        policies.can_waive_fees(user),
    ) == expected


def test_anonymous_and_roleless_users_may_do_nothing(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    nobody = django_user_model.objects.create_user("nobody", password="x-long-pass-1")
    for user in (AnonymousUser(), nobody):
        assert not policies.can_circulate(user)
        assert not policies.can_override_blocks(user)
        assert not policies.can_waive_fees(user)


def test_an_inactive_supervisor_may_do_nothing(supervisor):
    supervisor.is_active = False
    assert not policies.can_circulate(supervisor)
    assert not policies.can_override_blocks(supervisor)


# ------------------------------------------------ loans, holds and fees


OBJECT_KINDS = {
    # kind: (factory, visible queryset, access, object-level checks)
    "loan": (
        lambda patron: factories.LoanFactory(patron=patron),
        policies.loans_visible_to,
        policies.access_loan,
        (policies.can_view_loan, policies.can_renew),
    ),
    "hold": (
        lambda patron: factories.HoldFactory(patron=patron),
        policies.holds_visible_to,
        policies.access_hold,
        (),
    ),
    "fee": (
        lambda patron: factories.FeeFactory(patron=patron),
        policies.fees_visible_to,
        policies.access_fee,
        (policies.can_view_fee,),
    ),
}

# Who sees a patron's loans, holds and fees: every desk role (DESIGN
# section 4, "check out / in, renew, holds"), never an administrator.
SEES_CIRCULATION = {
    Role.VOLUNTEER: True,
    Role.DESK_STAFF: True,
    Role.SUPERVISOR: True,
    Role.DIRECTOR: True,
    Role.ADMINISTRATOR: False,
}


@pytest.mark.parametrize("kind", list(OBJECT_KINDS))
@pytest.mark.parametrize("role", list(Role))
def test_every_role_against_every_circulation_record(make_staff, patron, role, kind):
    make, visible_to, access, checks = OBJECT_KINDS[kind]
    user = make_staff(role)
    record = make(patron)
    expected = SEES_CIRCULATION[role]

    assert visible_to(user).filter(pk=record.pk).exists() is expected
    for check in checks:
        assert check(user, record) is expected, check.__name__
    if expected:
        assert access(user, record.pk) == record
    else:
        with pytest.raises(Http404):
            access(user, record.pk)


@pytest.mark.parametrize("kind", list(OBJECT_KINDS))
def test_a_missing_and_a_forbidden_record_look_the_same(make_staff, patron, kind):
    make, _, access, _ = OBJECT_KINDS[kind]
    record = make(patron)
    patron.deidentified_at = timezone.now()
    patron.save(update_fields=["deidentified_at"])
    desk = make_staff(Role.DESK_STAFF)
    for missing in (record.pk, 999_999, "not-a-number", None):
        with pytest.raises(Http404):
            access(desk, missing)


@pytest.mark.parametrize("role", list(Role))
def test_object_level_lost_waive_and_hold_checks_per_role(make_staff, patron, role):
    user = make_staff(role)
    loan = factories.LoanFactory(patron=patron)
    assert policies.can_declare_loan_lost(user, loan) == (
        role in (Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR)
    )
    assert policies.can_waive_fees(user) == (role in (Role.SUPERVISOR, Role.DIRECTOR))
    assert policies.can_place_hold(user, patron) == SEES_CIRCULATION[role]


def test_authorization_lives_only_in_policies_in_the_desk_apps():
    """No capability string, role name or permission check outside
    policies.py and roles.py in circulation, desk, patrons, privacy and the
    library views, nor in their templates."""
    root = Path(__file__).resolve().parents[2]
    capabilities = "|".join(CAPABILITIES)
    roles = "|".join(r.value for r in Role)
    patterns = [
        re.compile(r"has_capability\(|has_perm\(|has_role\(|roles_of\(|groups__name"),
        re.compile(rf"[\"']({capabilities})[\"']"),
        re.compile(rf"\bnav\.({capabilities})\b"),
        re.compile(rf"groups\.filter\(name=[\"']({roles})[\"']"),
    ]
    files = [
        p
        for app in ("circulation", "desk", "patrons", "privacy")
        for p in (root / app).rglob("*.py")
        if p.name not in ("policies.py", "roles.py") and "migrations" not in p.parts
    ]
    files.append(root / "organisation" / "views.py")
    for folder in ("desk", "patrons", "privacy"):
        files.extend((root / "templates" / folder).rglob("*.html"))
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in files
        for pattern in patterns
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []
