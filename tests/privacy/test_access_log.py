"""Every staff opening of a patron's record is an access-log entry (DESIGN
section 7): a card scan, the desk showing a patron, the patron page, a
search result opened, the loan history. The cardholder's access report
groups them by staff member and day, and retention expunges them.
"""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from privacy import selectors, services
from privacy.vocabulary import AccessKind

pytestmark = pytest.mark.django_db


def opened(patron):
    """The kinds of the patron's access entries, oldest first."""
    return [
        (e.additional_data or {}).get("record")
        for e in LogEntry.objects.get_for_object(patron)
        .filter(action=LogEntry.Action.ACCESS)
        .order_by("timestamp", "pk")
    ]


def test_scanning_a_card_logs_one_access_by_the_staff_member(client, desk_staff, card):
    client.force_login(desk_staff)
    client.post("/desk/scan/", {"barcode": card.barcode}, HTTP_HX_REQUEST="true")
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == desk_staff
    assert entry.object_id == card.patron_id
    assert entry.additional_data == {"record": AccessKind.SCAN}
    # Opaque: no name in the entry.
    assert card.patron.last_name not in entry.object_repr


def test_the_scan_access_entry_is_one_insert_and_no_extra_read(client, desk_staff, card):
    client.force_login(desk_staff)
    client.post("/desk/scan/", {"barcode": card.barcode}, HTTP_HX_REQUEST="true")  # warm caches
    with CaptureQueriesContext(connection) as captured:
        client.post("/desk/scan/", {"barcode": card.barcode}, HTTP_HX_REQUEST="true")
    sql = [q["sql"] for q in captured.captured_queries]
    touching_log = [s for s in sql if "auditlog_logentry" in s or 'FROM "django_content_type"' in s]
    assert len(touching_log) == 1 and touching_log[0].startswith("INSERT")


def test_a_failed_card_scan_logs_nothing(client, desk_staff):
    client.force_login(desk_staff)
    client.post("/desk/scan/", {"barcode": "29999999999997"}, HTTP_HX_REQUEST="true")
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_the_patron_page_a_search_result_and_the_desk_page_are_logged(client, desk_staff, card):
    patron = card.patron
    client.force_login(desk_staff)
    client.get(reverse("patrons:detail", args=[patron.pk]))
    client.get(reverse("patrons:detail", args=[patron.pk]) + "?via=search")
    client.get(reverse("desk:patron", args=[patron.pk]))
    assert opened(patron) == [
        AccessKind.PATRON_PAGE,
        AccessKind.SEARCH_RESULT,
        AccessKind.DESK,
    ]


def test_search_results_link_to_a_logged_opening(client, desk_staff, card):
    client.force_login(desk_staff)
    html = client.post(reverse("patrons:search"), {"q": card.patron.last_name}).content.decode()
    assert reverse("patrons:detail", args=[card.patron_id]) + "?via=search" in html


def test_a_forbidden_opening_logs_nothing(client, volunteer, card):
    client.force_login(volunteer)
    assert client.get(reverse("patrons:detail", args=[card.patron_id])).status_code == 403
    assert opened(card.patron) == []


def test_the_report_groups_openings_by_staff_member_and_day(client, desk_staff, supervisor, card):
    patron = card.patron
    for _ in range(3):
        services.patron_access_log(patron=patron, acting_user=desk_staff, kind=AccessKind.SCAN)
    services.patron_access_log(patron=patron, acting_user=desk_staff, kind=AccessKind.PATRON_PAGE)
    services.patron_access_log(patron=patron, acting_user=supervisor, kind=AccessKind.SCAN)
    yesterday = LogEntry.objects.create(
        content_type_id=LogEntry.objects.get_for_object(patron).first().content_type_id,
        object_pk=str(patron.pk),
        object_id=patron.pk,
        object_repr=str(patron),
        action=LogEntry.Action.ACCESS,
        actor=desk_staff,
        additional_data={"record": AccessKind.SCAN},
    )
    LogEntry.objects.filter(pk=yesterday.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=1)
    )

    lines = selectors.access_report(patron=patron)

    assert len(lines) == 3
    desk_name = desk_staff.staff_profile.display_name
    today_desk = [line for line in lines if line.staff == desk_name and line.count == 4]
    assert len(today_desk) == 1
    assert today_desk[0].what == ("Scanned the library card (3 times); Opened the patron page")
    assert [line.count for line in lines if line.staff == desk_name] == [4, 1]
    assert [line.count for line in lines if line.staff != desk_name] == [1]


def test_the_printed_report_shows_each_group_once_with_its_count(client, desk_staff, card):
    for _ in range(5):
        services.patron_access_log(patron=card.patron, acting_user=desk_staff, kind=AccessKind.SCAN)
    client.force_login(desk_staff)
    html = client.get(reverse("privacy:access_report", args=[card.patron_id])).content.decode()
    assert html.count("Scanned the library card (5 times)") == 1
    assert "<td>5</td>" in html


def test_expunge_removes_scan_entries_older_than_the_access_log_rule(card, desk_staff):
    services.patron_access_log(patron=card.patron, acting_user=desk_staff, kind=AccessKind.SCAN)
    services.patron_access_log(patron=card.patron, acting_user=desk_staff, kind=AccessKind.SCAN)
    old, young = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
    LogEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=400)
    )
    out = StringIO()
    call_command("expunge", "--as-of", timezone.localdate().isoformat(), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["record_types"]["access_log"]["expunged"] == 1
    assert list(LogEntry.objects.filter(action=LogEntry.Action.ACCESS)) == [young]


# One statement needs PostgreSQL's data-modifying WITH
# (privacy.services falls back to two statements on SQLite, which has none).
@pytest.mark.postgres
def test_a_scan_writes_its_access_entry_and_the_session_in_one_statement(client, desk_staff, card):
    """The desk remembers the scanned patron in the session; that write and
    the access entry share one statement (one round trip, one commit)."""
    client.force_login(desk_staff)
    client.get("/desk/")
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/desk/scan/", {"barcode": card.barcode}, HTTP_HX_REQUEST="true")
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "WITH"))
    ]
    assert len(writes) == 1
    assert "auditlog_logentry" in writes[0] and "django_session" in writes[0]
    assert opened(card.patron) == [AccessKind.SCAN]
    # Saved as SessionMiddleware saves it: the cookie is refreshed, and the
    # desk shows the scanned patron next time.
    assert response.cookies["sessionid"]["max-age"]
    assert client.get("/desk/").context["summary"].patron == card.patron


def test_rescanning_the_patron_in_view_still_logs_each_opening(client, desk_staff, card):
    client.force_login(desk_staff)
    for _ in range(3):
        client.post("/desk/scan/", {"barcode": card.barcode}, HTTP_HX_REQUEST="true")
    assert opened(card.patron) == [AccessKind.SCAN] * 3


def test_a_session_ended_meanwhile_refuses_the_scan_and_keeps_the_entry(
    client, desk_staff, card, monkeypatch
):
    """As Django answers a session deleted during the request (another tab
    logged out): 400; the patron's record was read, so the entry stays.
    The session goes while the card is read, before the scan saves it."""
    from django.contrib.sessions.models import Session

    from desk.scan import summary

    client.force_login(desk_staff)
    session_key = client.session.session_key
    read = summary.scanned_card

    def logged_out_meanwhile(**kwargs):
        scanned = read(**kwargs)
        Session.objects.filter(session_key=session_key).delete()
        return scanned

    monkeypatch.setattr(summary, "scanned_card", logged_out_meanwhile)
    response = client.post("/desk/scan/", {"barcode": card.barcode}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert opened(card.patron) == [AccessKind.SCAN]


def test_the_access_entry_is_written_with_a_statement_that_touches_no_row(card, desk_staff):
    touched = services.patron_access_log(
        patron=card.patron,
        acting_user=desk_staff,
        kind=AccessKind.SCAN,
        then=(
            "UPDATE django_session SET expire_date = expire_date WHERE session_key = %(key)s",
            {"key": "no-such-session"},
        ),
    )
    assert touched == 0
    assert opened(card.patron) == [AccessKind.SCAN]


def test_a_statement_reusing_the_entry_parameter_names_is_refused(card, desk_staff):
    with pytest.raises(ValueError, match="parameter names"):
        services.patron_access_log(
            patron=card.patron,
            acting_user=desk_staff,
            kind=AccessKind.SCAN,
            then=("UPDATE django_session SET session_key = %(actor)s WHERE false", {"actor": 1}),
        )
    assert opened(card.patron) == []
