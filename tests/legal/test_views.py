"""The screens: intake at the desk (confirmation and script only), the
queue and the request page for the Director and designees, bad input
answered with its message and a 4xx, files served only to those who may
see the request."""

from __future__ import annotations

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from legal import forms as legal_forms
from legal import services
from legal.models import LegalRequest
from legal.services import review
from tests import factories
from tests.conftest import DISTINCT_LAST_NAME
from tests.legal.conftest import PDF, law_check, open_request, scan

pytestmark = pytest.mark.django_db


def intake_post(client, log, **extra):
    data = {
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
        **extra,
    }
    return client.post(reverse("legal:intake"), data, HTTP_HX_REQUEST="true")


def test_the_desk_sees_only_its_confirmation_and_the_script(client, ny_branch, desk_staff, patron):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(desk_staff)
    response = intake_post(client, log)
    assert response.status_code == 200
    page = response.content.decode()
    request = LegalRequest.objects.get()
    assert f"request {request.reference}" in page and "Say:" in page
    assert DISTINCT_LAST_NAME not in page
    assert client.get(reverse("legal:detail", args=[request.pk])).status_code == 404
    assert client.get(reverse("legal:queue")).status_code == 404


def test_the_intake_marks_the_check_referred_to_the_director(client, ny_branch, desk_staff, patron):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(desk_staff)
    assert intake_post(client, log).status_code == 200
    log.refresh_from_db()
    assert log.referred_to_director
    assert log.referral_note == f"Legal request {LegalRequest.objects.get().reference}"


def test_nobody_else_can_take_the_intake_of_my_check(
    client, ny_branch, desk_staff, supervisor, patron
):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(supervisor)
    assert intake_post(client, log).status_code == 404
    log.refresh_from_db()
    assert not log.referred_to_director and log.referral_note == ""
    assert not LegalRequest.objects.exists()


def test_the_law_enforcement_answer_carries_the_intake_form(client, ny_branch, desk_staff, patron):
    client.force_login(desk_staff)
    response = client.post(
        reverse("privacy:disclose"),
        {"patron": patron.pk, "requester": "law_enforcement", "instrument": "subpoena"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert reverse("legal:intake") in page and 'name="officer_badge"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scan": scan("x.txt", b"hello")}, "Only a PDF or an image"),
        ({"scan": ""}, "Scan or photograph"),
        ({"officer_badge": ""}, "Ask the officer"),
        ({"scan": scan("big.pdf", PDF + b"0" * 2048)}, "larger than"),
    ],
)
def test_bad_intake_input_is_a_400_with_its_message(
    client, ny_branch, desk_staff, patron, data, message, monkeypatch
):
    monkeypatch.setattr(legal_forms, "MAX_SCAN_BYTES", 1024)
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(desk_staff)
    response = intake_post(client, log, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LegalRequest.objects.exists()


def test_a_verbal_request_gets_the_refusal_script(client, ny_branch, desk_staff, patron):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch, instrument="none")
    client.force_login(desk_staff)
    response = intake_post(
        client, log, instrument="none", scan="", officer_badge="", officer_contact=""
    )
    assert response.status_code == 200
    assert "Refused and logged" in response.content.decode()
    assert LegalRequest.objects.get().status == LegalRequest.Status.REFUSED


def test_the_director_works_the_request_page(
    client, ny_branch, desk_staff, director, patron, django_assert_max_num_queries
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(director)
    with django_assert_max_num_queries(40):
        queue = client.get(reverse("legal:queue"))
    assert request.reference in queue.content.decode()
    LegalRequest.objects.filter(pk=request.pk).update(
        return_date=timezone.localdate() + datetime.timedelta(days=14)
    )
    page = client.get(reverse("legal:detail", args=[request.pk])).content.decode()
    assert "Accepted here" in page and "Timeline" in page
    assert "business days left" in page
    doc = request.documents.get()
    download = client.get(reverse("legal:document", args=[doc.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_backwards_scope_is_a_400_with_its_message(
    client, ny_branch, desk_staff, director, patron
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(director)
    response = client.post(
        reverse("legal:scope", args=[request.pk]),
        {
            "patrons": str(patron.pk),
            "record_types": ["current_loans"],
            "starts_on": "2026-12-31",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert review.RANGE_BACKWARDS in response.content.decode()


def test_an_unknown_patron_in_the_scope_is_named(client, ny_branch, desk_staff, director, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    client.force_login(director)
    response = client.post(
        reverse("legal:scope", args=[request.pk]),
        {
            "patrons": "99999999999999",
            "record_types": ["current_loans"],
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 400
    assert "No patron has the card or number 99999999999999" in response.content.decode()


def test_naming_a_guardian_designee_is_a_400(
    client, ny_branch, desk_staff, director, supervisor, patron
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    supervisor.first_name, supervisor.last_name = "Hal", "Quillfeather"
    supervisor.save()
    factories.GuardianLinkFactory(patron=patron, guardian_name="Hal Quillfeather")
    client.force_login(director)
    response = client.post(
        reverse("legal:designee", args=[request.pk]), {"designee": supervisor.pk}
    )
    assert response.status_code == 400
    assert "parent or guardian" in response.content.decode()


def test_a_designee_sees_their_request_and_an_unrelated_supervisor_nothing(
    client, ny_branch, desk_staff, director, supervisor, make_staff, patron
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    other = open_request(
        staff=desk_staff, patron=factories.PatronFactory(home_branch=ny_branch), branch=ny_branch
    )
    services.legal_designee_name(request=request, acting_user=director, designee=supervisor)
    client.force_login(supervisor)
    assert client.get(reverse("legal:detail", args=[request.pk])).status_code == 200
    assert client.get(reverse("legal:detail", args=[other.pk])).status_code == 404
    queue = client.get(reverse("legal:queue")).content.decode()
    assert request.reference in queue and other.reference not in queue
    unrelated = make_staff("supervisor", username="unrelated-sup")
    client.force_login(unrelated)
    assert client.get(reverse("legal:queue")).status_code == 404
    assert client.get(reverse("legal:detail", args=[request.pk])).status_code == 404


def test_the_acknowledgement_form_prints_for_an_emergency(client, il_branch, make_staff, patron):
    desk = make_staff("desk_staff", at=il_branch, username="il-desk")
    director = make_staff("director", at=il_branch, username="il-director")
    request = open_request(staff=desk, patron=patron, branch=il_branch, instrument="emergency")
    client.force_login(director)
    page = client.get(reverse("legal:acknowledgement", args=[request.pk])).content.decode()
    assert "imminent danger" in page and "Officer's signature" in page


def test_production_from_the_page_to_the_hand_over(
    client, ny_branch, desk_staff, director, patron, django_capture_on_commit_callbacks
):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
    )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
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
    response = client.post(reverse("legal:produce", args=[request.pk]))
    assert response.status_code == 400
    assert review.COUNSEL_FIRST in unescape(response.content.decode())
    assert not request.productions.exists()
    client.post(reverse("legal:counsel", args=[request.pk]), {"note": "Valid subpoena."})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("legal:produce", args=[request.pk]))
    assert response.status_code == 302 and callbacks
    production = request.productions.get()
    services.production_build(production_id=production.pk)
    page = client.get(reverse("legal:detail", args=[request.pk])).content.decode()
    assert "01-current_loans.csv" in page
    f = production.files.get(name__endswith="current_loans.csv")
    assert client.get(reverse("legal:production_file", args=[f.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("legal:hand_over", args=[production.pk]), {"handed_to": "Det. Ada Marsh"}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == LegalRequest.Status.PRODUCED
