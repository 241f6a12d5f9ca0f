"""Issue 22, legal: a subpoena waits for counsel before production (DESIGN
section 8), each instrument shows its own guidance, and holds and the
timeline read in record-type labels, never internal ids."""

from __future__ import annotations

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from legal import services
from legal.services import review
from tests import factories
from tests.legal.conftest import open_request

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)


def scope_loans(request, director, patron):
    services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=["current_loans"],
        starts_on=START,
        ends_on=END,
    )


def with_a_loan(patron):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
    )


def test_a_subpoena_is_not_produced_before_counsels_review_is_recorded(
    ny_branch, desk_staff, director, patron
):
    with_a_loan(patron)
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    scope_loans(request, director, patron)
    with pytest.raises(services.LegalError) as refused:
        services.production_request(request=request, acting_user=director)
    assert refused.value.message == review.COUNSEL_FIRST
    assert not request.productions.exists()
    services.legal_counsel_note(request=request, acting_user=director, note="Valid; loans only.")
    assert services.production_request(request=request, acting_user=director).pk


def test_the_subpoena_page_says_production_waits_for_counsel(
    client, ny_branch, desk_staff, director, patron
):
    with_a_loan(patron)
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    scope_loans(request, director, patron)
    client.force_login(director)
    page = unescape(client.get(reverse("legal:detail", args=[request.pk])).content.decode())
    assert review.COUNSEL_GUIDANCE["subpoena"] in page
    assert review.COUNSEL_FIRST in page


@pytest.mark.parametrize("instrument", ["search_warrant", "emergency", "court_order"])
def test_other_instruments_show_their_own_guidance_not_the_subpoenas(
    client, ny_branch, desk_staff, director, patron, instrument
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch, instrument=instrument)
    client.force_login(director)
    page = unescape(client.get(reverse("legal:detail", args=[request.pk])).content.decode())
    assert "A subpoena waits for counsel" not in page
    assert review.COUNSEL_GUIDANCE[instrument] in page


def test_a_court_order_needs_no_counsel_step_to_be_produced(
    ny_branch, desk_staff, director, patron
):
    with_a_loan(patron)
    request = open_request(
        staff=desk_staff, patron=patron, branch=ny_branch, instrument="court_order"
    )
    scope_loans(request, director, patron)
    assert services.production_request(request=request, acting_user=director).pk


def test_holds_and_the_timeline_show_record_type_labels_not_ids(
    client, ny_branch, desk_staff, director, patron
):
    with_a_loan(patron)
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    scope_loans(request, director, patron)
    client.force_login(director)
    page = unescape(client.get(reverse("legal:detail", args=[request.pk])).content.decode())
    for internal in ("returned_loans", "disclosure_log", "access_log"):
        assert internal not in page
    assert "Audit access log, Disclosure log, Returned loans" in page
    hold_event = request.events.filter(kind="hold_placed").last()
    assert "Returned loans" in hold_event.note and "returned_loans" not in hold_event.note
