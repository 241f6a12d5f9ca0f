"""Issue 22's late-evening walk, at the desk: the waiting list takes a first
name or a ticket only; an officer or another third party at the desk sees
no record on screen; the access report words a proxy check truthfully;
/desk/work/ opened directly is a page; free text is bounded and wraps; a
retention period of 0 days is refused; htmx never writes a style
attribute the CSP would block."""

from __future__ import annotations

import datetime
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from desk import services
from desk.models import MAX_TEXT, Callback, Inquiry, InquiryType, WaitingEntry
from desk.work import forms as work_forms
from privacy import selectors as privacy_selectors
from retention.models import ZERO_DAYS, RetentionRule
from tests import factories

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


# -- the waiting list: a first name or a ticket only ---------------------------


@pytest.mark.parametrize("name", ["Ana", "Jean-Luc", "Mary-Ann", "O'Neil", "Zoë", "42", "A17"])
def test_a_first_name_or_a_ticket_joins_the_waiting_list(client, volunteer, name):
    client.force_login(volunteer)
    response = client.post(
        reverse("desk:waiting"), {"wait-name": name, "wait-in_person": "1"}, **HTMX
    )
    assert response.status_code == 200
    assert WaitingEntry.objects.get().name == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("John Smith 555-1234", services.WAITING_NAME_CONTACT),
        ("5551234", services.WAITING_NAME_CONTACT),
        ("ana@example.org", services.WAITING_NAME_CONTACT),
        ("John Smith", services.WAITING_NAME_ONE_WORD),
        ("Mary Ann", services.WAITING_NAME_ONE_WORD),
        ("R2D2", services.WAITING_NAME_REFUSED),
    ],
)
def test_a_full_name_or_contact_is_refused_from_the_waiting_list(
    client, volunteer, branch, name, message
):
    client.force_login(volunteer)
    response = client.post(
        reverse("desk:waiting"), {"wait-name": name, "wait-in_person": "1"}, **HTMX
    )
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert not WaitingEntry.objects.exists()
    with pytest.raises(services.DeskWorkError):
        services.waiting_add(acting_user=volunteer, branch=branch, desk=None, name=name)


def test_the_waiting_form_says_what_it_takes(client, volunteer):
    client.force_login(volunteer)
    html = unescape(client.get(reverse("desk:waiting")).content.decode())
    assert services.WAITING_NAME_HELP in html


# -- the disclosure flow: no record on screen for an officer -----------------


@pytest.fixture
def adult(branch):
    patron = factories.PatronFactory(
        home_branch=branch, first_name="Ottoline", last_name="Brackenridge"
    )
    factories.CardFactory(patron=patron)
    factories.LoanFactory(patron=patron, item__title="A Wrinkle in Time")
    return patron


def _ask(client, patron, value):
    return client.post(
        reverse("privacy:disclose"), {"patron": patron.pk, "ask": value}, **HTMX
    ).content.decode()


@pytest.mark.parametrize("asked_by", ["law_enforcement:none", "third_party:none"])
def test_the_patrons_record_leaves_the_screen_for_an_officer_or_a_third_party(
    client, desk_staff, adult, asked_by
):
    client.force_login(desk_staff)
    screen = client.get(reverse("desk:patron", args=[adult.pk])).content.decode()
    for part in ('id="patron-head"', 'id="patron-details"', 'id="disclosure-tools"'):
        assert part in screen  # what the answer replaces is on the desk screen
    assert "Ottoline" in screen and "A Wrinkle in Time" in screen
    answer = _ask(client, adult, asked_by)
    for part in ("patron-head", "patron-details", "disclosure-tools"):
        assert re.search(rf'id="{part}"[^>]*hx-swap-oob', answer), part
    assert "Ottoline" not in answer and "Brackenridge" not in answer
    assert "A Wrinkle in Time" not in answer
    assert "Record hidden" in answer and "Show the record again" in answer
    assert 'data-next-patron aria-keyshortcuts="Escape"' in answer  # Esc still works


def test_the_cardholder_keeps_their_record_on_screen(client, desk_staff, adult):
    client.force_login(desk_staff)
    answer = _ask(client, adult, "cardholder:card")
    assert "hx-swap-oob" not in answer and "Record hidden" not in answer


# -- the access report: a proxy check worded truthfully ----------------------


def test_a_proxy_check_with_no_authorization_on_file_says_so_on_the_access_report(
    client, desk_staff, adult
):
    client.force_login(desk_staff)
    _ask(client, adult, "proxy:card")
    whats = [line.what for line in privacy_selectors.access_report(patron=adult)]
    assert f"Disclosure check: {privacy_selectors.PROXY_NOT_ON_FILE}" in whats
    assert not any("with authorization" in what for what in whats)


def test_a_proxy_check_with_an_authorization_on_file_says_so(client, desk_staff, adult):
    factories.ProxyAuthorizationFactory(cardholder=adult)
    client.force_login(desk_staff)
    _ask(client, adult, "proxy:card")
    whats = [line.what for line in privacy_selectors.access_report(patron=adult)]
    assert f"Disclosure check: {privacy_selectors.PROXY_ON_FILE}" in whats


# -- /desk/work/ opened directly -----------------------------------------------


def test_desk_work_opened_directly_is_a_whole_page(client, desk_staff):
    client.force_login(desk_staff)
    html = client.get(reverse("desk:work_panel")).content.decode()
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html and "<title>Desk work" in html and "<main" in html
    assert 'id="work-live"' in html


def test_desk_work_polled_by_htmx_is_the_panel_alone(client, desk_staff):
    client.force_login(desk_staff)
    html = client.get(reverse("desk:work_panel"), **HTMX).content.decode()
    assert "<html" not in html and 'id="work-live"' in html


# -- free text: bounded, told, wrapped ---------------------------------------


def _inquiry_data(**over):
    data = {
        "inq-channel": "phone",
        "inq-inquiry_type": InquiryType.objects.get(branch=None, label="Ready reference").pk,
        "inq-read_level": "2",
        "inq-minutes": "3",
    }
    data.update(over)
    return data


def test_an_inquiry_of_20000_characters_is_refused_with_the_reason(client, desk_staff):
    client.force_login(desk_staff)
    data = _inquiry_data(**{"inq-question": "x" * 20_000})
    response = client.post(reverse("desk:inquiries"), data, **HTMX)
    assert response.status_code == 400
    assert work_forms.TEXT_TOO_LONG in response.content.decode()
    assert not Inquiry.objects.exists()


def test_the_text_areas_are_not_cut_short_silently_and_say_their_limit(client, desk_staff):
    client.force_login(desk_staff)
    html = client.get(reverse("desk:screen")).content.decode()
    question = re.search(r'<textarea name="inq-question"[^>]*>', html).group(0)
    assert "maxlength" not in question
    assert work_forms.TEXT_HELP in html


def test_the_database_refuses_text_over_the_bound(desk_staff, branch):
    kind = InquiryType.objects.get(branch=None, label="Ready reference")
    inquiry = Inquiry(
        branch=branch,
        recorded_by=desk_staff,
        channel="phone",
        inquiry_type=kind,
        question="x" * (MAX_TEXT + 1),
        local_day=timezone.localdate(),
        local_hour=12,
        weekday=1,
    )
    with pytest.raises(ValidationError):
        inquiry.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        inquiry.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Callback.objects.create(
            branch=branch,
            name="Ana",
            phone="555",
            about="x" * (MAX_TEXT + 1),
            promised_at=timezone.now() + datetime.timedelta(hours=1),
            target_at=timezone.now() + datetime.timedelta(hours=2),
        )


def test_long_text_wraps_in_the_inquiries_table(client, desk_staff):
    client.force_login(desk_staff)
    data = _inquiry_data(**{"inq-question": "x" * MAX_TEXT})
    assert client.post(reverse("desk:inquiries"), data, **HTMX).status_code == 200
    html = client.get(reverse("desk:inquiries")).content.decode()
    assert '<td class="long-text">' in html
    css = (Path(__file__).resolve().parents[2] / "static/css/desk-work.css").read_text()
    assert re.search(r"\.long-text\s*{[^}]*overflow-wrap:\s*anywhere", css)


# -- retention: 0 days refused -------------------------------------------------


@pytest.mark.parametrize("record_type", ["access_log", "returned_loans"])
def test_a_retention_period_of_0_days_is_refused_with_what_it_would_erase(
    admin_client, record_type
):
    rule = RetentionRule.objects.get(jurisdiction_code="*", record_type=record_type)
    response = admin_client.post(
        reverse("admin:retention_retentionrule_change", args=[rule.pk]),
        {
            "jurisdiction_code": "*",
            "record_type": record_type,
            "period_days": "0",
            "action": rule.action,
        },
    )
    assert response.status_code == 200  # the admin's form again, with the error
    label = rule.get_record_type_display()
    assert unescape(ZERO_DAYS.format(what=label)) in unescape(response.content.decode())
    rule.refresh_from_db()
    assert rule.period_days > 0


def test_the_waiting_list_keeps_its_end_of_day_rule_of_0_days():
    rule = RetentionRule.objects.get(jurisdiction_code="*", record_type="waiting_list")
    assert rule.period_days == 0
    rule.full_clean()


# -- the CSP: htmx writes no style attribute -----------------------------------


def test_htmx_never_settles_a_style_attribute(client, desk_staff):
    """htmx copies the settled attributes of a swapped element back with
    setAttribute; a style set through the CSSOM (a resized text area, say)
    would come back as a style attribute, which style-src 'self' blocks."""
    client.force_login(desk_staff)
    html = client.get(reverse("desk:screen")).content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html).group(1)
    config = json.loads(unescape(meta))
    assert config["includeIndicatorStyles"] is False
    assert "style" not in config["attributesToSettle"]
