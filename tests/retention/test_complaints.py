"""Closed complaints and incidents are de-identified three years after closing."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from complaints.models import Complaint, ComplaintAttachment, ComplaintEvent, Incident
from retention import services
from retention.models import PendingFileDeletion
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


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def attach(c: Complaint, name: str = "Ms Example letter.pdf") -> ComplaintAttachment:
    attachment = ComplaintAttachment(
        complaint=c, original_name=name, content_type="application/pdf", size=13
    )
    attachment.file.save("upload", ContentFile(b"Dear library,"), save=False)
    attachment.save()
    assert default_storage.exists(attachment.file.name)
    return attachment


def audit_entries(attachment: ComplaintAttachment) -> int:
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ComplaintAttachment),
        object_id=attachment.pk,
    ).count()


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


def test_the_files_of_an_expunged_complaint_leave_storage_with_their_rows(branch, patron):
    old = complaint(branch, patron, closed_days_ago=3 * 365 + 1)
    young = complaint(branch, patron, closed_days_ago=300)
    gone, kept = attach(old), attach(young)
    assert audit_entries(gone) == 1

    report = retention_expunge(as_of=AS_OF)

    assert not default_storage.exists(gone.file.name)
    assert not ComplaintAttachment.objects.filter(pk=gone.pk).exists()
    # The audit entry named the file as uploaded, which may name the patron.
    assert audit_entries(gone) == 0
    assert default_storage.exists(kept.file.name) and audit_entries(kept) == 1
    assert not PendingFileDeletion.objects.exists()
    assert report.record_types[RecordType.COMPLAINTS].expunged == 1
    assert retention_expunge(as_of=AS_OF).record_types[RecordType.COMPLAINTS].expunged == 0


def test_a_legal_hold_keeps_a_complaints_files(branch, patron):
    held = complaint(branch, patron, closed_days_ago=2000)
    attachment = attach(held)
    legal_hold_place(patron=patron, reason="Litigation", record_types=[RecordType.COMPLAINTS])

    retention_expunge(as_of=AS_OF)

    assert default_storage.exists(attachment.file.name)
    assert ComplaintAttachment.objects.filter(pk=attachment.pk).exists()
    assert audit_entries(attachment) == 1
    assert not PendingFileDeletion.objects.exists()


def test_files_left_by_a_run_killed_after_its_batch_committed_go_in_the_next_run(
    branch, patron, monkeypatch
):
    old = complaint(branch, patron, closed_days_ago=2000)
    attachment = attach(old)
    with monkeypatch.context() as patched:
        # Killed between the batch's commit and the deletion of its files.
        patched.setattr(services, "stored_files_delete_pending", lambda: 0)
        retention_expunge(as_of=AS_OF)
    assert not ComplaintAttachment.objects.filter(pk=attachment.pk).exists()
    assert default_storage.exists(attachment.file.name)
    assert PendingFileDeletion.objects.count() == 1

    report = retention_expunge(as_of=AS_OF)

    assert not default_storage.exists(attachment.file.name)
    assert not PendingFileDeletion.objects.exists()
    assert report.record_types[RecordType.COMPLAINTS].expunged == 0


def test_a_file_that_cannot_be_deleted_stays_queued_for_the_next_run(branch, patron, monkeypatch):
    attachment = attach(complaint(branch, patron, closed_days_ago=2000))

    def refuse(name: str) -> None:
        raise PermissionError(name)

    with monkeypatch.context() as patched:
        patched.setattr(default_storage, "delete", refuse)
        report = retention_expunge(as_of=AS_OF)
    assert report.errors == []
    assert PendingFileDeletion.objects.count() == 1
    assert default_storage.exists(attachment.file.name)

    retention_expunge(as_of=AS_OF)

    assert not default_storage.exists(attachment.file.name)
    assert not PendingFileDeletion.objects.exists()


def test_a_dry_run_deletes_no_file(branch, patron):
    attachment = attach(complaint(branch, patron, closed_days_ago=2000))

    report = retention_expunge(as_of=AS_OF, dry_run=True)

    assert report.record_types[RecordType.COMPLAINTS].expunged == 1
    assert default_storage.exists(attachment.file.name)
    assert ComplaintAttachment.objects.filter(pk=attachment.pk).exists()


def test_attachments_of_a_complaint_de_identified_before_files_were_handled_go_too(branch, patron):
    c = complaint(branch, patron, closed_days_ago=2000)
    attachment = attach(c)
    Complaint.objects.filter(pk=c.pk).update(
        patron=None,
        patron_name="",
        contact_email="",
        contact_phone="",
        description="",
        closing_note="",
    )

    report = retention_expunge(as_of=AS_OF)

    assert report.record_types[RecordType.COMPLAINTS].expunged == 1
    assert not default_storage.exists(attachment.file.name)
    assert not ComplaintAttachment.objects.filter(pk=attachment.pk).exists()
