import pytest

from tests.security.world import build_world


@pytest.fixture
def world(branch, other_branch):
    return build_world(branch, other_branch)
