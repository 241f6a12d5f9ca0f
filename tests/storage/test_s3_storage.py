"""Stored files in S3-compatible object storage, over real HTTP: the pages
upload through django-storages into a bucket on moto's S3 server, the
permission-checked views stream them back, retention deletes them, and
nothing is written to the node's disk. No S3 client is mocked."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint, ComplaintAttachment
from legal import services as legal_services
from legal.models import LegalRequest
from retention.models import PendingFileDeletion
from retention.services import retention_expunge
from tests import factories
from tests.legal.conftest import PDF, law_check, scan
from tests.retention.helpers import AS_OF, at
from tests.storage.conftest import PREFIX

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8

PUBLIC = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def nothing_on_local_disk(bucket) -> bool:
    return not bucket.media_root.exists() or not any(bucket.media_root.rglob("*"))


def upload_attachment(client, complaint, user, data: bytes = PNG) -> ComplaintAttachment:
    client.force_login(user)
    response = client.post(
        reverse("complaints:attachment_upload", args=[complaint.pk]),
        {"file": SimpleUploadedFile("photo of the desk.png", data)},
    )
    assert response.status_code == 302
    return ComplaintAttachment.objects.get(complaint=complaint)


def test_an_attachment_goes_to_the_bucket_and_comes_back_only_through_the_view(
    s3_bucket, client, log_complaint, desk_staff, supervisor, subject, other_supervisor
):
    complaint = log_complaint()
    attachment = upload_attachment(client, complaint, desk_staff)

    key = f"{PREFIX}/{attachment.file.name}"
    assert attachment.file.name.startswith("complaints/")
    assert "photo" not in key
    assert s3_bucket.object_keys() == [key]
    assert s3_bucket.read(key) == PNG
    grantees = s3_bucket.grantees(key)
    assert not PUBLIC & {g.get("URI") for g in grantees}
    assert {g["Type"] for g in grantees} == {"CanonicalUser"}  # the owner only

    client.force_login(supervisor)
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).text
    # Linked to the view, never to the bucket.
    assert reverse("complaints:attachment", args=[attachment.pk]) in page
    assert s3_bucket.endpoint not in page and s3_bucket.name not in page
    assert attachment.file.name not in page
    download = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PNG

    for refused in (subject, other_supervisor):
        client.force_login(refused)
        assert client.get(reverse("complaints:attachment", args=[attachment.pk])).status_code == 404

    assert nothing_on_local_disk(s3_bucket)


def test_retention_deletes_an_expunged_attachment_from_the_bucket(
    s3_bucket, client, log_complaint, desk_staff
):
    complaint = log_complaint()
    attachment = upload_attachment(client, complaint, desk_staff)
    key = f"{PREFIX}/{attachment.file.name}"
    kept = upload_attachment(client, log_complaint(), desk_staff, data=PNG[:100])
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.CLOSED, created_at=at(2020), closed_at=at(2000)
    )
    assert key in s3_bucket.object_keys() and len(s3_bucket.object_keys()) == 2

    retention_expunge(as_of=AS_OF)

    assert not ComplaintAttachment.objects.filter(pk=attachment.pk).exists()
    assert not PendingFileDeletion.objects.exists()
    assert s3_bucket.object_keys() == [f"{PREFIX}/{kept.file.name}"]


def test_a_legal_scan_and_a_production_file_set_round_trip_through_the_bucket(
    s3_bucket, client, branch, desk_staff, director, patron, django_capture_on_commit_callbacks
):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
    )
    log = law_check(staff=desk_staff, patron=patron, branch=branch)
    client.force_login(desk_staff)
    response = client.post(
        reverse("legal:intake"),
        {
            "log": log.pk,
            "officer_name": "Det. Ada Marsh",
            "officer_badge": "4471",
            "agency": "County Sheriff",
            "officer_contact": "555-0100",
            "instrument": "subpoena",
            "issuing_court": "Supreme Court",
            "instrument_reference": "",
            "return_date": "",
            "scan": scan(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.text
    request = LegalRequest.objects.get()
    document = request.documents.get()
    assert s3_bucket.read(f"{PREFIX}/{document.file.name}") == PDF

    client.force_login(director)
    download = client.get(reverse("legal:document", args=[document.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    client.force_login(desk_staff)
    assert client.get(reverse("legal:document", args=[document.pk])).status_code == 404

    client.force_login(director)
    client.post(
        reverse("legal:scope", args=[request.pk]),
        {
            "patrons": str(patron.pk),
            "record_types": ["current_loans"],
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )
    client.post(reverse("legal:counsel", args=[request.pk]), {"note": "Valid subpoena."})
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("legal:produce", args=[request.pk]))
    production = legal_services.production_build(production_id=request.productions.get().pk)
    files = {f.name: f for f in production.files.all()}
    assert "manifest.csv" in files
    stored = [k for k in s3_bucket.object_keys() if k.startswith(f"{PREFIX}/legal/productions/")]
    assert sorted(stored) == sorted(f"{PREFIX}/{f.file.name}" for f in files.values())
    csv_file = next(f for name, f in files.items() if name.endswith("current_loans.csv"))
    download = client.get(reverse("legal:production_file", args=[csv_file.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert body == s3_bucket.read(f"{PREFIX}/{csv_file.file.name}") and len(body) == csv_file.size
    archive = client.get(reverse("legal:production_zip", args=[production.pk]))
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        assert z.read(f"{request.reference}/{csv_file.name}") == body
    assert nothing_on_local_disk(s3_bucket)
