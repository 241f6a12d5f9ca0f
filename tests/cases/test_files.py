"""The stored-file base of case documents (cases/files.py), through both of
its case types: a complaint's attachments and a legal request's scans.
Real storage (the file system of the test settings), real PostgreSQL."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, transaction
from django.urls import reverse

from cases.files import stored_file_save
from complaints import services as complaint_services
from complaints.models import ComplaintAttachment
from legal import services as legal_services
from legal.models import LegalDocument
from organisation.models import OpeningHours
from tests.legal.conftest import open_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NAME = "Jo Example statement.pdf"


@pytest.fixture
def open_branch(branch):
    branch.timezone = "America/New_York"
    branch.save()
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
        for d in range(5)
    )
    return branch


def _complaint(branch, staff):
    return complaint_services.complaint_log(
        branch=branch,
        logged_by=staff,
        category="service",
        description="The self-check machine kept my card.",
        patron_name="Jo Example",
        contact_email="jo@example.org",
    )


def add_attachment(*, branch, staff, director, patron, name=NAME):
    complaint = _complaint(branch, staff)
    saved = complaint_services.complaint_add_attachment(
        complaint=complaint,
        acting_user=staff,
        upload=SimpleUploadedFile(name, PDF),
        content_type="application/pdf",
    )
    return saved, staff


def add_legal_document(*, branch, staff, director, patron, name=NAME):
    request = open_request(staff=staff, patron=patron, branch=branch)
    saved = legal_services.legal_document_add(
        request=request,
        acting_user=director,
        kind=LegalDocument.Kind.OTHER,
        upload=SimpleUploadedFile(name, PDF),
        content_type="application/pdf",
    )
    return saved, director


CASE_FILES = {
    "complaint attachment": (add_attachment, "complaints:attachment", "complaints/"),
    "legal document": (add_legal_document, "legal:document", "legal/documents/"),
}


@pytest.fixture(params=list(CASE_FILES))
def case_file(request):
    return CASE_FILES[request.param]


def test_a_case_file_is_kept_under_a_random_name_in_its_case_types_folder(
    case_file, open_branch, desk_staff, director, patron
):
    add, _, folder = case_file
    saved, uploader = add(branch=open_branch, staff=desk_staff, director=director, patron=patron)

    saved.refresh_from_db()
    assert saved.file.name.startswith(folder)
    assert "Example" not in saved.file.name and "statement" not in saved.file.name
    assert saved.original_name == NAME
    assert saved.size == len(PDF) and saved.content_type == "application/pdf"
    assert saved.uploaded_by == uploader
    assert (Path(settings.MEDIA_ROOT) / saved.file.name).read_bytes() == PDF


def test_a_case_file_downloads_as_an_attachment_that_is_never_cached(
    case_file, client, open_branch, desk_staff, director, patron
):
    add, url_name, _ = case_file
    saved, uploader = add(branch=open_branch, staff=desk_staff, director=director, patron=patron)
    client.force_login(uploader)

    download = client.get(reverse(url_name, args=[saved.pk]))

    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_a_legal_scan_is_offered_under_the_requests_reference_not_its_own_name(
    client, open_branch, desk_staff, director, patron
):
    saved, _ = add_legal_document(
        branch=open_branch, staff=desk_staff, director=director, patron=patron
    )
    client.force_login(director)
    disposition = client.get(reverse("legal:document", args=[saved.pk]))["Content-Disposition"]
    assert saved.request.reference in disposition and "Example" not in disposition


def test_a_closed_case_takes_no_more_files(open_branch, desk_staff, director, patron):
    """Both saves check their case type's policy on the locked case."""
    request = open_request(staff=desk_staff, patron=patron, branch=open_branch)
    kept = request.documents.count()  # the instrument scanned at intake
    request.status = request.Status.CLOSED
    request.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        legal_services.legal_document_add(
            request=request,
            acting_user=director,
            kind=LegalDocument.Kind.OTHER,
            upload=SimpleUploadedFile(NAME, PDF),
            content_type="application/pdf",
        )
    complaint = _complaint(open_branch, desk_staff)
    complaint.status = complaint.Status.CLOSED
    complaint.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        complaint_services.complaint_add_attachment(
            complaint=complaint,
            acting_user=desk_staff,
            upload=SimpleUploadedFile(NAME, PDF),
            content_type="application/pdf",
        )
    assert request.documents.count() == kept
    assert not ComplaintAttachment.objects.exists()


@pytest.mark.postgres
def test_a_row_that_cannot_be_saved_leaves_no_file_behind(open_branch, desk_staff):
    """Nothing half-saved: the file goes if its row does not land (here a
    content type longer than its column, refused by PostgreSQL)."""
    complaint = _complaint(open_branch, desk_staff)
    folder = Path(settings.MEDIA_ROOT) / "complaints"
    before = set(folder.iterdir()) if folder.exists() else set()
    with pytest.raises(DataError), transaction.atomic():
        stored_file_save(
            ComplaintAttachment(complaint=complaint),
            upload=SimpleUploadedFile(NAME, PDF),
            content_type="x" * 61,
            acting_user=desk_staff,
        )
    after = set(folder.iterdir()) if folder.exists() else set()
    assert after == before
    assert not ComplaintAttachment.objects.exists()
