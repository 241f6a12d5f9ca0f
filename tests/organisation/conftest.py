"""Fixtures of the organisation tests: the staff the dual-control tests
propose changes for."""

from __future__ import annotations

import pytest

from organisation.roles import Role
from tests import factories
from tests.organisation.dual_control_support import with_email


@pytest.fixture
def second_director(make_staff):
    return with_email(make_staff(Role.DIRECTOR, username="t-director-2"), "d2@library.example")


@pytest.fixture
def newcomer(branch):
    return with_email(
        factories.staff_user("", branch=branch, username="t-newcomer"), "newcomer@library.example"
    )
