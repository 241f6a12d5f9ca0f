"""The desk sets a patron's preferred channel on the patron's record;
administrators edit and preview the wording with invented data; staff
print the batch of letters."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from patronnotices import services
from patronnotices.models import NoticePreference, NoticeTemplate, PatronNotice, PrintBatch
from privacy.selectors import access_report
from tests.conftest import DISTINCT_LAST_NAME
from tests.patronnotices import helpers as h

pytestmark = pytest.mark.django_db


def test_the_patron_page_offers_the_notice_choices(client, desk_staff, patron):
    client.force_login(desk_staff)
    html = client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert "Preferred channel for notices" in html
    assert reverse("patronnotices:preference", args=[patron.pk]) in html


def test_desk_staff_set_the_preferred_channel(client, desk_staff, patron):
    client.force_login(desk_staff)
    response = client.post(
        reverse("patronnotices:preference", args=[patron.pk]),
        {"channel": "sms", "include_titles": "on"},
    )
    assert response.status_code == 302
    preference = NoticePreference.objects.get(patron=patron)
    assert (preference.channel, preference.include_titles, preference.contact_is_shared) == (
        "sms",
        True,
        False,
    )
    assert preference.updated_by == desk_staff


def test_an_unknown_channel_is_refused_with_a_message_and_nothing_saved(client, desk_staff, patron):
    client.force_login(desk_staff)
    response = client.post(
        reverse("patronnotices:preference", args=[patron.pk]), {"channel": "pigeon"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not NoticePreference.objects.exists()


def test_volunteers_and_administrators_cannot_set_it(client, volunteer, administrator, patron):
    for user in (volunteer, administrator):
        client.force_login(user)
        url = reverse("patronnotices:preference", args=[patron.pk])
        assert client.post(url, {"channel": "sms"}).status_code == 403
    assert not NoticePreference.objects.exists()


def test_an_administrator_previews_unsaved_wording_with_invented_data(admin_client, patron):
    url = reverse("admin:patronnotices_noticetemplate_preview", args=[0])
    response = admin_client.post(
        url,
        {
            "system": patron.home_branch.system_id,
            "kind": "hold_ready",
            "subject": "Ready: {% if title %}{{ title }}{% else %}your hold{% endif %}",
            "body": "Hi {{ first_name }}, pick up by {{ pickup_by }} at {{ branch }}.",
            "sms_body": "{{ library }}: ready.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ready: An Invented Book Title" in html and "Ready: your hold" in html
    assert "Hi Sample, pick up by March 14, 2026 at Sample Branch." in html
    assert DISTINCT_LAST_NAME not in html and patron.first_name not in html
    assert not NoticeTemplate.objects.exists()


def test_a_broken_template_is_refused_with_a_clear_message(admin_client, branch):
    url = reverse("admin:patronnotices_noticetemplate_preview", args=[0])
    data = {
        "system": branch.system_id,
        "kind": "fee",
        "subject": "{% if %}",
        "body": "x",
        "sms_body": "x",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert "not a valid template" in response.content.decode()
    add = admin_client.post(reverse("admin:patronnotices_noticetemplate_add"), data)
    assert add.status_code == 200 and "not a valid template" in add.content.decode()
    assert not NoticeTemplate.objects.exists()


def test_the_shipped_default_can_be_previewed(admin_client):
    url = reverse("admin:patronnotices_noticetemplate_preview", args=[0])
    html = admin_client.get(url + "?kind=card_expiring").content.decode()
    assert "Your library card expires on March 14, 2026" in html


def test_staff_print_the_batch_and_each_letter_is_on_the_access_report(
    client, desk_staff, time_machine
):
    time_machine.move_to(h.NOW, tick=False)
    branch = h.ny_branch()
    reader = h.patron(branch, email="", phone="", address_line="12 Elm Street")
    h.fee(reader, branch)
    services.notices_queue()
    services.notices_send()
    batch = PrintBatch.objects.get()
    client.force_login(desk_staff)
    html = client.get(reverse("patronnotices:print_batch", args=[batch.pk])).content.decode()
    assert "12 Elm Street" in html and "A fee of $3.75" in html
    assert any("print batch" in line.what for line in access_report(patron=reader))
    client.post(reverse("patronnotices:print_batch_printed", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.printed_at == h.NOW
    assert PatronNotice.objects.get().status == "printed"
    assert datetime.timedelta(0) == batch.printed_at - h.NOW
