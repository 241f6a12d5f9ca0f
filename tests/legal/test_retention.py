"""Retention of legal requests: kept 7 years after close, then deleted with
their scans and file sets; the referral that opened one is kept as long as
the request is; the request's holds keep the patron's records."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from legal import services
from legal.models import LegalRequest
from privacy.models import DisclosureLog
from retention.registry import HANDLERS, default_rule
from retention.services import retention_expunge
from retention.vocabulary import Action, KeptReason
from tests import factories
from tests.legal.conftest import open_request

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 30)


def ago(days: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(TODAY - datetime.timedelta(days=days), datetime.time(12))
    )


def test_legal_requests_are_a_record_type_kept_seven_years_after_close():
    handler = HANDLERS["legal_requests"]
    assert handler.label == "Closed legal requests"
    assert default_rule("legal_requests") == (7 * 365, Action.DELETE)


def closed_request(ny_branch, desk_staff, director, patron, days_ago: int) -> LegalRequest:
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_close(request=request, acting_user=director)
    LegalRequest.objects.filter(pk=request.pk).update(closed_at=ago(days_ago))
    DisclosureLog.objects.filter(pk=request.referral_id).update(created_at=ago(days_ago + 10))
    return request


def test_a_closed_request_and_its_referral_are_kept_for_seven_years(
    ny_branch, desk_staff, director, patron
):
    request = closed_request(ny_branch, desk_staff, director, patron, days_ago=7 * 365 - 1)
    report = retention_expunge(as_of=TODAY)

    assert LegalRequest.objects.filter(pk=request.pk).exists()
    # The referral is past its own year, and kept because the request is.
    assert DisclosureLog.objects.filter(pk=request.referral_id).exists()
    assert report.record_types["disclosure_log"].kept[KeptReason.LEGAL_REQUEST] == 1
    assert report.record_types["legal_requests"].kept[KeptReason.RETENTION_PERIOD] == 1


def test_after_seven_years_the_request_goes_with_its_files_then_its_referral(
    ny_branch, desk_staff, director, patron
):
    request = closed_request(ny_branch, desk_staff, director, patron, days_ago=7 * 365 + 1)
    scan_name = request.documents.get().file.name
    assert default_storage.exists(scan_name)

    report = retention_expunge(as_of=TODAY)

    assert report.record_types["legal_requests"].expunged == 1
    assert not LegalRequest.objects.filter(pk=request.pk).exists()
    assert not default_storage.exists(scan_name)
    # The referral no longer has a request to keep it: the next run deletes it.
    retention_expunge(as_of=TODAY)
    assert not DisclosureLog.objects.filter(pk=request.referral_id).exists()


def test_an_open_request_keeps_the_patrons_records_and_the_report_says_why(
    ny_branch, desk_staff, director, patron
):
    loan = factories.LoanFactory(patron=patron, checked_out_at=ago(80), returned_at=ago(60))
    open_request(staff=desk_staff, patron=patron, branch=ny_branch)

    report = retention_expunge(as_of=TODAY)

    loan.refresh_from_db()
    assert loan.patron_id == patron.pk
    assert report.record_types["returned_loans"].kept[KeptReason.LEGAL_HOLD] == 1


def test_once_closed_the_hold_no_longer_keeps_them(ny_branch, desk_staff, director, patron):
    loan = factories.LoanFactory(patron=patron, checked_out_at=ago(80), returned_at=ago(60))
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_close(request=request, acting_user=director)

    retention_expunge(as_of=TODAY)

    loan.refresh_from_db()
    assert loan.patron_id is None
