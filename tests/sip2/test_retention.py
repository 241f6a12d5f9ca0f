"""Self-service PINs under retention (DESIGN section 7): kept while the
patron has a card in use, deleted a year after the last card expired, and
with the patron when the patron is de-identified."""

from __future__ import annotations

import datetime

import pytest

from retention.services import retention_expunge
from sip2.models import PatronPin
from tests import factories
from tests.retention.helpers import AS_OF, at
from tests.sip2.helpers import patron_with_pin

pytestmark = pytest.mark.django_db


def test_a_pin_goes_a_year_after_the_last_card_expired_and_not_a_day_sooner():
    branch = factories.BranchFactory(code="main")
    # As for inactive patrons: due once the period has passed since the
    # last card's expiry day, that day included.
    gone = patron_with_pin(branch, expires_on=AS_OF - datetime.timedelta(days=365))
    boundary = patron_with_pin(branch, expires_on=AS_OF - datetime.timedelta(days=364))
    current = patron_with_pin(branch, expires_on=AS_OF + datetime.timedelta(days=30))

    report = retention_expunge(as_of=AS_OF)

    assert not PatronPin.objects.filter(patron=gone.patron).exists()
    assert PatronPin.objects.filter(patron=boundary.patron).exists()
    assert PatronPin.objects.filter(patron=current.patron).exists()
    assert report.record_types["sip2_pins"].expunged == 1
    # A second run changes nothing.
    assert retention_expunge(as_of=AS_OF).record_types["sip2_pins"].expunged == 0


def test_a_pin_goes_with_a_de_identified_patron():
    branch = factories.BranchFactory(code="main")
    card = patron_with_pin(branch, expires_on=AS_OF - datetime.timedelta(days=4 * 365))
    patron = card.patron
    type(patron).objects.filter(pk=patron.pk).update(created_at=at(5 * 365))
    retention_expunge(as_of=AS_OF)
    patron.refresh_from_db()
    assert patron.deidentified_at is not None
    assert not PatronPin.objects.filter(patron=patron).exists()
