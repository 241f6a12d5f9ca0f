"""Builders shared by the legal-request tests: a law-enforcement check at
the desk, a request opened from it, a scan."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from legal import services
from organisation.models import OpeningHours
from privacy.services import disclosure_run
from privacy.vocabulary import Proof, Requester
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def scan(name: str = "subpoena.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def open_weekdays(branch) -> None:
    if not OpeningHours.objects.filter(branch=branch).exists():
        OpeningHours.objects.bulk_create(
            OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
            for d in range(5)
        )


def law_check(*, staff, patron, branch, instrument: str = "subpoena"):
    """The desk's law-enforcement answer for `patron`, run by `staff`."""
    open_weekdays(branch)
    return disclosure_run(
        patron=patron,
        requester=Requester.LAW_ENFORCEMENT,
        proof=Proof.NONE,
        instrument=instrument,
        acting_user=staff,
        staff_branch=branch,
    ).log


def open_request(*, staff, patron, branch, instrument: str = "subpoena", **extra):
    log = law_check(staff=staff, patron=patron, branch=branch, instrument=instrument)
    fields = {
        "officer_name": "Det. Ada Marsh",
        "officer_badge": "4471",
        "agency": "County Sheriff",
        "officer_contact": "555-0100",
        "issuing_court": "Supreme Court, Kings County",
        "instrument_reference": "SW-2026-19",
        "upload": scan() if instrument != "none" else None,
        "content_type": "application/pdf",
        **extra,
    }
    return services.legal_request_open(
        log_id=log.pk, acting_user=staff, instrument=instrument, **fields
    )


@pytest.fixture
def ny_branch(branch):
    open_weekdays(branch)
    return branch


@pytest.fixture
def il_branch(db):
    b = factories.BranchFactory(code="il", name="Illinois Branch", jurisdiction_code="US-IL")
    open_weekdays(b)
    return b


@pytest.fixture
def on_branch(db):
    b = factories.BranchFactory(
        code="on", name="Ontario Branch", jurisdiction_code="CA-ON", timezone="America/Toronto"
    )
    open_weekdays(b)
    return b


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Scans and productions go to a temporary folder, never the repo's."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
