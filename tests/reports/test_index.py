"""The reports index lists the sections each app's policy lets a user see."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports import registry
from reports.forms import RANGE_BACKWARDS, RANGE_TOO_LONG, DateRangeForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    registry.register(
        registry.Section(
            key="test-home",
            title="Test section",
            description="Only for tests.",
            url_name="home",
            visible_to=lambda user: user.username == "sees-reports",
        )
    )
    yield
    registry.unregister("test-home")


def test_the_index_lists_a_section_its_policy_allows(client, make_staff, branch, section):
    user = make_staff("desk_staff", username="sees-reports")
    client.force_login(user)
    response = client.get(reverse("reports:index"))
    assert response.status_code == 200
    assert "Test section" in response.content.decode()


def test_someone_with_no_section_is_refused(client, make_staff, branch, section):
    client.force_login(make_staff("desk_staff", username="sees-nothing"))
    response = client.get(reverse("reports:index"))
    assert response.status_code == 403
    assert "Test section" not in response.content.decode()


def test_a_key_registered_twice_with_another_page_is_an_error(section):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        registry.register(
            registry.Section(
                key="test-home", title="Other", description="", url_name="x", visible_to=bool
            )
        )


TODAY = datetime.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, RANGE_BACKWARDS),
        ({"start": "2014-01-01", "end": "2026-01-01"}, RANGE_TOO_LONG),
    ],
)
def test_a_backwards_or_overlong_range_is_refused(data, error):
    form = DateRangeForm(data, today=TODAY)
    assert not form.is_valid()
    assert error in form.non_field_errors()


def test_an_empty_range_is_the_last_four_weeks():
    form = DateRangeForm({}, today=TODAY)
    assert form.is_valid()
    assert form.cleaned_data["end"] == TODAY
    assert form.cleaned_data["start"] == datetime.date(2026, 2, 16)


@pytest.mark.parametrize(
    "data", [{"start": "9999-12-31"}, {"end": "0001-01-02"}, {"start": "1850-01-01"}]
)
def test_dates_out_of_any_sensible_range_are_refused(data):
    from reports.forms import OUT_OF_RANGE

    form = DateRangeForm(data, today=TODAY)
    assert not form.is_valid()
    assert OUT_OF_RANGE in form.non_field_errors()
