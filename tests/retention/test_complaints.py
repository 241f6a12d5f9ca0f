"""Closed complaints and incidents are de-identified three years after closing."""

from __future__ import annotations

import pytest

from complaints.models import Complaint, ComplaintEvent, Incident
from retention.services import legal_hold_place, retention_expunge
from retention.vocabulary import KeptReason, RecordType
from tests.retention.helpers import AS_OF, at

pytestmark = pytest.mark.django_db


def complaint(branch, patron, *, closed_days_ago, status=Complaint.Status.CLOSED):
    c = Complaint.objects.create(
        branch=branch,
        category=Complaint.Category.SERVICE,
        description="Ms Example was told off at the desk",
        patron=patron,
        patron_name="Ms Example",
        contact_email="ms@example.org",
        contact_phone="555-0101",
        status=status,
        created_at=at(closed_days_ago + 20),
        closed_at=at(closed_days_ago) if status == Complaint.Status.CLOSED else None,
        closing_note="Apologised to Ms Example",
    )
    ComplaintEvent.objects.create(complaint=c, kind="closed", note="Called Ms Example")
    return c


def test_a_complaint_closed_three_years_ago_loses_who_complained_and_the_narrative(branch, patron):
    old = complaint(branch, patron, closed_days_ago=3 * 365 + 1)
    young = complaint(branch, patron, closed_days_ago=300)
    still_open = complaint(branch, patron, closed_days_ago=2000, status=Complaint.Status.ESCALATED)

    report = retention_expunge(as_of=AS_OF)

    old.refresh_from_db()
    assert (old.patron_id, old.patron_name, old.contact_email, old.contact_phone) == (
        None,
        "",
        "",
        "",
    )
    assert old.description == "" and old.closing_note == ""
    assert old.category == Complaint.Category.SERVICE and old.closed_at is not None
    assert set(old.events.values_list("note", flat=True)) == {""}
    young.refresh_from_db()
    still_open.refresh_from_db()
    assert young.patron_name == "Ms Example" and still_open.patron_name == "Ms Example"
    result = report.record_types[RecordType.COMPLAINTS]
    assert result.expunged == 1
    assert dict(result.kept) == {KeptReason.RETENTION_PERIOD: 1}


def test_a_legal_hold_keeps_a_complaint(branch, patron):
    held = complaint(branch, patron, closed_days_ago=2000)
    legal_hold_place(patron=patron, reason="Litigation", record_types=[RecordType.COMPLAINTS])

    report = retention_expunge(as_of=AS_OF)

    held.refresh_from_db()
    assert held.patron_name == "Ms Example"
    assert dict(report.record_types[RecordType.COMPLAINTS].kept) == {KeptReason.LEGAL_HOLD: 1}


def test_a_closed_incident_loses_its_patron_and_narrative_after_three_years(branch, patron):
    old = Incident.objects.create(
        branch=branch,
        type=Incident.Type.SAFETY,
        description="Mr X fell",
        action_taken="Called 911",
        patron=patron,
        called_911=True,
        occurred_at=at(1200),
        closed_at=at(1190),
    )
    open_incident = Incident.objects.create(
        branch=branch,
        type=Incident.Type.SAFETY,
        description="Ongoing",
        patron=patron,
        occurred_at=at(1500),
    )

    report = retention_expunge(as_of=AS_OF)

    old.refresh_from_db()
    open_incident.refresh_from_db()
    assert (old.patron_id, old.description, old.action_taken) == (None, "", "")
    assert old.called_911 and old.type == Incident.Type.SAFETY
    assert open_incident.patron_id == patron.pk
    assert report.record_types[RecordType.INCIDENTS].expunged == 1
    # A second run changes nothing.
    assert retention_expunge(as_of=AS_OF).record_types[RecordType.INCIDENTS].expunged == 0
