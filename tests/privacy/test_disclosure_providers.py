"""Record types owned by other apps reach the desk's disclosure answer
through privacy.disclosure, only when the decision allows them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from privacy import disclosure
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET = "Asked about Zanzibar tide tables"


@pytest.fixture
def reference_provider():
    """A stand-in provider for one test; the real ones live in their apps."""
    previous = disclosure.PROVIDERS.pop("reference", None)

    @disclosure.provides("reference")
    def questions(patron, limit):
        return [disclosure.DisclosedLine(when=datetime.date(2026, 11, 2), text=SECRET)][:limit]

    yield
    disclosure.withdraw("reference")
    if previous is not None:
        disclosure.PROVIDERS["reference"] = previous


def ask(client, patron, value):
    return client.post(
        reverse("privacy:disclose"), {"patron": patron.pk, "ask": value}, **HTMX
    ).content.decode()


def test_the_cardholder_hears_the_providers_lines(client, desk_staff, patron, reference_provider):
    factories.CardFactory(patron=patron)
    client.force_login(desk_staff)
    html = ask(client, patron, "cardholder:card")
    assert SECRET in html
    assert "2 Nov 2026" in html


def test_a_third_party_hears_none_of_them(client, desk_staff, patron, reference_provider):
    client.force_login(desk_staff)
    assert SECRET not in ask(client, patron, "third_party:none")


def test_two_providers_for_one_record_type_are_refused(reference_provider):
    with pytest.raises(ImproperlyConfigured, match="two disclosure providers"):

        @disclosure.provides("reference")
        def other(patron, limit):
            return []
