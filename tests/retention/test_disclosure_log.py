"""The disclosure log: deleted a year after each run, unless held."""

from __future__ import annotations

import pytest

from privacy.models import DisclosureLog
from retention.models import RetentionRule
from retention.services import legal_hold_place, retention_expunge
from retention.vocabulary import Action, KeptReason, RecordType
from tests.retention.helpers import AS_OF, at

pytestmark = pytest.mark.django_db

LOG = RecordType.DISCLOSURE_LOG


def log(patron, days_ago, jurisdiction="US-NY", **kwargs):
    return DisclosureLog.objects.create(
        created_at=at(days_ago),
        patron=patron,
        jurisdiction_code=jurisdiction,
        requester="guardian",
        proof="card",
        **kwargs,
    )


def test_disclosure_log_entries_are_deleted_a_year_after_the_run(branch, patron):
    old = log(patron, 366)
    young = log(patron, 300)

    report = retention_expunge(as_of=AS_OF)

    assert not DisclosureLog.objects.filter(pk=old.pk).exists()
    assert DisclosureLog.objects.filter(pk=young.pk).exists()
    assert report.record_types[LOG].expunged == 1
    assert dict(report.record_types[LOG].kept) == {KeptReason.RETENTION_PERIOD: 1}


def test_a_jurisdiction_may_keep_its_log_longer_and_only_anonymize_it(branch, other_branch, patron):
    RetentionRule.objects.create(
        jurisdiction_code="US-MA", record_type=LOG, period_days=200, action=Action.ANONYMIZE
    )
    ny = log(patron, 250, "US-NY")
    ma = log(patron, 250, "US-MA", referral_note="Officer Smith, subpoena 42")

    retention_expunge(as_of=AS_OF)

    assert DisclosureLog.objects.filter(pk=ny.pk).exists()  # NY: 365 days, not yet
    ma.refresh_from_db()
    assert ma.patron_id is None and ma.referral_note == ""


def test_a_legal_hold_keeps_the_disclosure_log(branch, patron):
    held = log(patron, 500)
    legal_hold_place(patron=patron, reason="Court order", record_types=[LOG])

    report = retention_expunge(as_of=AS_OF)

    assert DisclosureLog.objects.filter(pk=held.pk).exists()
    assert dict(report.record_types[LOG].kept) == {KeptReason.LEGAL_HOLD: 1}
