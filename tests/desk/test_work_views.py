"""The desk's own work through its views: recording, htmx answers, bad
input refused with a clear message and nothing saved, and who sees what."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import services
from desk.models import Callback, Inquiry, InquiryType, WaitingEntry
from desk.work import forms as work_forms
from reports.forms import RANGE_BACKWARDS, RANGE_TOO_LONG

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _type(label="Ready reference"):
    return InquiryType.objects.get(branch=None, label=label)


def _inquiry_data(**over):
    data = {
        "inq-channel": "phone",
        "inq-inquiry_type": _type().pk,
        "inq-read_level": "2",
        "inq-minutes": "3",
        "inq-question": "Tide tables for the harbour",
        "inq-answer": "Gave the almanac",
    }
    data.update(over)
    return data


def test_the_desk_screen_shows_the_work_forms_and_live_panel(client, desk_staff):
    client.force_login(desk_staff)
    html = client.get(reverse("desk:screen")).content.decode()
    assert 'id="inquiry-form"' in html and 'id="work-live"' in html
    assert "Alt+Shift+I" in html and 'data-tally-key="1"' in html
    assert "1: Directions, supplies" in html  # the READ example beside the level


def test_recording_an_inquiry_is_one_request_and_answers_htmx(client, desk_staff):
    client.force_login(desk_staff)
    response = client.post(reverse("desk:inquiries"), _inquiry_data(), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inquiry recorded: Ready reference, READ 2." in html
    inquiry = Inquiry.objects.get()
    assert (inquiry.channel, inquiry.read_level, inquiry.minutes) == ("phone", 2, 3)
    assert inquiry.question == "Tide tables for the harbour"
    assert not inquiry.is_tally and inquiry.recorded_by == desk_staff


def test_a_saved_form_is_not_sent_back_the_page_resets_it(client, desk_staff):
    """The busy path renders no form: the page resets it on deskWorkSaved."""
    client.force_login(desk_staff)
    response = client.post(reverse("desk:inquiries"), _inquiry_data(), **HTMX)
    assert response["HX-Reswap"] == "none"
    assert json.loads(response["HX-Trigger-After-Settle"]) == {
        "deskWorkSaved": {"form": "inquiry-form", "keep": False}
    }
    assert 'id="inquiry-form"' not in response.content.decode()


def test_record_and_keep_keeps_the_choices(client, desk_staff):
    client.force_login(desk_staff)
    response = client.post(reverse("desk:inquiries"), _inquiry_data(keep="1"), **HTMX)
    assert "The form is kept for the next one" in response.content.decode()
    assert json.loads(response["HX-Trigger-After-Settle"])["deskWorkSaved"]["keep"] is True
    # Without JavaScript, the page comes back with the kept form.
    html = client.post(reverse("desk:inquiries"), _inquiry_data(keep="1")).content.decode()
    assert '<option value="phone" selected>' in html
    assert "data-keep-focus" in html
    assert "Tide tables" not in html  # the text is never kept
    assert Inquiry.objects.count() == 2


def test_a_form_drawn_with_errors_is_replaced_by_a_fresh_one_once_saved(client, desk_staff):
    client.force_login(desk_staff)
    bad = client.post(reverse("desk:inquiries"), _inquiry_data(**{"inq-minutes": "-5"}), **HTMX)
    assert 'name="redraw"' in bad.content.decode()
    response = client.post(reverse("desk:inquiries"), _inquiry_data(redraw="1"), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Reswap" not in response
    assert 'id="inquiry-form"' in html and 'name="redraw"' not in html
    assert 'name="inq-minutes" value="1"' in html  # the initial value, not the posted 3


def test_a_plain_post_redirects_back_with_a_message(client, desk_staff):
    client.force_login(desk_staff)
    response = client.post(reverse("desk:inquiries"), _inquiry_data(next="/desk/"))
    assert response.status_code == 302 and response["Location"] == "/desk/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("inq-read_level", "9", work_forms.BAD_READ),
        ("inq-minutes", "-5", work_forms.BAD_MINUTES),
        ("inq-question", "x" * 5000, work_forms.TEXT_TOO_LONG),
    ],
)
def test_bad_inquiry_input_is_refused_and_nothing_saved(client, desk_staff, field, value, message):
    client.force_login(desk_staff)
    response = client.post(reverse("desk:inquiries"), _inquiry_data(**{field: value}), **HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Inquiry.objects.exists()


def test_ten_megabytes_of_text_is_refused_with_a_clear_message(client, desk_staff):
    client.force_login(desk_staff)
    data = _inquiry_data(**{"inq-question": "x" * (10 * 1024 * 1024)})
    response = client.post(reverse("desk:inquiries"), data, **HTMX)
    assert response.status_code in (400, 413)
    assert "far too much text" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_a_tally_is_one_key_and_counts(client, volunteer):
    client.force_login(volunteer)
    printer = InquiryType.objects.get(branch=None, tally_key="2")
    for _ in range(2):
        response = client.post(reverse("desk:tally"), {"inquiry_type": printer.pk}, **HTMX)
    assert response.status_code == 200
    assert "today at this branch: 2" in response.content.decode()
    assert Inquiry.objects.filter(is_tally=True, inquiry_type=printer).count() == 2


def test_a_type_without_a_tally_key_is_no_tally(client, desk_staff):
    client.force_login(desk_staff)
    response = client.post(reverse("desk:tally"), {"inquiry_type": _type().pk}, **HTMX)
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def _open_all_week(branch):
    from organisation.models import OpeningHours

    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=d, opens=datetime.time(0), closes=datetime.time(23, 59))
        for d in range(7)
    )


def test_a_callback_is_taken_with_the_same_day_target(client, desk_staff, branch):
    _open_all_week(branch)
    client.force_login(desk_staff)
    response = client.post(
        reverse("desk:callbacks"),
        {"cb-name": "Ada", "cb-phone": "555-0199", "cb-channel": "phone", "cb-about": "ILL"},
        **HTMX,
    )
    assert response.status_code == 200, response.content.decode()
    assert "Callback added: call Ada" in response.content.decode()
    callback = Callback.objects.get()
    assert callback.promised_at == callback.target_at
    assert callback.promised_at > timezone.now()


def test_a_promised_time_in_the_past_is_refused(client, desk_staff, branch):
    client.force_login(desk_staff)
    past = (timezone.localtime(timezone.now()) - datetime.timedelta(hours=2)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    response = client.post(
        reverse("desk:callbacks"),
        {"cb-name": "Ada", "cb-phone": "555", "cb-channel": "phone", "cb-promised_at": past},
        **HTMX,
    )
    assert response.status_code == 400
    assert work_forms.PROMISED_IN_PAST in response.content.decode()
    assert not Callback.objects.exists()


def test_a_callback_needs_a_way_to_call_back(client, desk_staff):
    client.force_login(desk_staff)
    response = client.post(
        reverse("desk:callbacks"), {"cb-name": "Ada", "cb-channel": "phone"}, **HTMX
    )
    assert response.status_code == 400
    assert work_forms.NO_CONTACT in response.content.decode()


def _callback(user, branch, *, promised_in=datetime.timedelta(hours=1)):
    now = timezone.now()
    return services.callback_create(
        acting_user=user,
        branch=branch,
        desk=None,
        name="Grace",
        phone="555-0142",
        promised_at=now + promised_in,
        now=now,
    )


def test_an_overdue_callback_is_marked_on_every_desk_screen(client, desk_staff, make_staff, branch):
    callback = _callback(desk_staff, branch)
    Callback.objects.filter(pk=callback.pk).update(
        promised_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.force_login(make_staff("supervisor"))
    for url in (
        "desk:screen",
        "desk:inquiries",
        "desk:callbacks",
        "desk:waiting",
        "desk:work_panel",
    ):
        html = client.get(reverse(url)).content.decode()
        assert "Overdue" in html and "Grace" in html, url


def test_a_volunteer_sees_an_overdue_callback_but_not_the_callers_contact(
    client, desk_staff, volunteer, branch
):
    callback = _callback(desk_staff, branch)
    Callback.objects.filter(pk=callback.pk).update(
        promised_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.force_login(volunteer)
    html = client.get(reverse("desk:work_panel")).content.decode()
    assert "Overdue" in html
    assert "Grace" not in html and "555-0142" not in html
    response = client.post(reverse("desk:callback_done", args=[callback.pk]), **HTMX)
    assert response.status_code == 403


def test_marking_a_callback_done_twice_is_a_conflict(client, desk_staff, branch):
    callback = _callback(desk_staff, branch)
    client.force_login(desk_staff)
    url = reverse("desk:callback_done", args=[callback.pk])
    assert client.post(url, **HTMX).status_code == 200
    assert client.post(url, **HTMX).status_code == 409


def test_another_branchs_callback_is_not_found(client, make_staff, desk_staff, other_branch):
    callback = _callback(make_staff("desk_staff", at=other_branch), other_branch)
    client.force_login(desk_staff)
    assert client.post(reverse("desk:callback_done", args=[callback.pk])).status_code == 404


def test_the_waiting_list_calls_in_person_before_phone(client, volunteer):
    client.force_login(volunteer)
    url = reverse("desk:waiting")
    client.post(url, {"wait-name": "Priya", "wait-in_person": "0"}, **HTMX)
    client.post(url, {"wait-name": "Ticket 12", "wait-in_person": "1"}, **HTMX)
    html = client.get(reverse("desk:work_panel")).content.decode()
    assert html.index("Ticket 12") < html.index("Priya")
    response = client.post(reverse("desk:waiting_next"), **HTMX)
    assert "Next: Ticket 12." in response.content.decode()
    response = client.post(reverse("desk:waiting_next"), **HTMX)
    assert "Next: Priya (on the phone)." in response.content.decode()
    response = client.post(reverse("desk:waiting_next"), **HTMX)
    assert response.status_code == 409 and services.NOBODY_WAITING in response.content.decode()


def test_a_waiting_entry_needs_a_name(client, volunteer):
    client.force_login(volunteer)
    response = client.post(reverse("desk:waiting"), {"wait-name": ""}, **HTMX)
    assert response.status_code == 400
    assert work_forms.NAME_REQUIRED in response.content.decode()
    assert not WaitingEntry.objects.exists()


def _record(user, branch, question):
    return services.inquiry_record(
        acting_user=user,
        branch=branch,
        desk=None,
        channel="in_person",
        inquiry_type=_type(),
        read_level=3,
        question=question,
    )


def test_a_volunteer_reads_only_their_own_inquiry_text(client, volunteer, desk_staff, branch):
    _record(desk_staff, branch, "Staff question about probate")
    _record(volunteer, branch, "Volunteer question about maps")
    client.force_login(volunteer)
    html = client.get(reverse("desk:inquiries")).content.decode()
    assert "Volunteer question about maps" in html
    assert "probate" not in html


def test_staff_read_their_branchs_inquiry_text(client, volunteer, desk_staff, branch):
    _record(volunteer, branch, "Volunteer question about maps")
    client.force_login(desk_staff)
    assert "Volunteer question about maps" in client.get(reverse("desk:inquiries")).content.decode()


def test_the_inquiry_list_runs_a_fixed_number_of_queries(
    client, desk_staff, branch, django_assert_max_num_queries
):
    for n in range(15):
        _record(desk_staff, branch, f"Question {n}")
    client.force_login(desk_staff)
    client.get(reverse("desk:inquiries"))
    with django_assert_max_num_queries(25):
        client.get(reverse("desk:inquiries"))


# ------------------------------------------------------------- statistics


def test_supervisors_see_counts_as_charts_tables_and_csv(client, make_staff, desk_staff, branch):
    _record(desk_staff, branch, "Secret question text")
    client.force_login(make_staff("supervisor"))
    html = client.get(reverse("desk:stats")).content.decode()
    assert "Busiest hours" in html and "by READ level" in html
    assert "<svg" in html and "<table" in html
    assert "Secret question text" not in html
    response = client.get(reverse("desk:stats_csv", args=["read"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "READ 3,1" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, RANGE_BACKWARDS),
        ({"start": "2010-01-01", "end": "2026-01-01"}, RANGE_TOO_LONG),
    ],
)
def test_a_bad_range_is_refused_with_a_message(client, make_staff, query, message):
    client.force_login(make_staff("supervisor"))
    response = client.get(reverse("desk:stats"), query)
    assert response.status_code == 400 and message in response.content.decode()
    response = client.get(reverse("desk:stats_csv", args=["hour"]), query)
    assert response.status_code == 400 and message in response.content.decode()


def test_desk_staff_get_no_statistics(client, desk_staff):
    client.force_login(desk_staff)
    assert client.get(reverse("desk:stats")).status_code == 403


def test_the_reports_index_offers_desk_statistics_to_supervisors(client, make_staff):
    client.force_login(make_staff("supervisor"))
    html = client.get(reverse("reports:index")).content.decode()
    assert "Desk statistics" in html


# ------------------------------------------------------ follow-up and disclosure


def test_staff_link_a_question_to_the_patron_for_follow_up(client, desk_staff, patron):
    from privacy.selectors import access_report

    client.force_login(desk_staff)
    page = client.get(reverse("desk:inquiries"), {"patron": patron.pk}).content.decode()
    assert "Linked for follow-up to" in page and 'name="redraw"' in page
    assert access_report(patron=patron), "opening the patron for a follow-up is logged"
    response = client.post(
        reverse("desk:inquiries"),
        _inquiry_data(**{"inq-patron": str(patron.pk), "redraw": "1"}),
        **HTMX,
    )
    assert response.status_code == 200
    assert Inquiry.objects.get().patron == patron
    # The form sent back is a fresh one, linked to nobody.
    assert (
        f'value="{patron.pk}"' not in response.content.decode().split('name="inq-patron"')[1][:40]
    )


def test_a_volunteer_may_not_link_a_patron(client, volunteer, patron):
    client.force_login(volunteer)
    assert client.get(reverse("desk:inquiries"), {"patron": patron.pk}).status_code == 403
    response = client.post(
        reverse("desk:inquiries"), _inquiry_data(**{"inq-patron": str(patron.pk)}), **HTMX
    )
    assert response.status_code == 403
    assert not Inquiry.objects.exists()


def test_a_patron_that_does_not_exist_is_not_found(client, desk_staff):
    client.force_login(desk_staff)
    assert client.get(reverse("desk:inquiries"), {"patron": "999999"}).status_code == 404


def test_the_cardholder_hears_their_reference_questions_at_the_desk(
    client, desk_staff, patron, branch
):
    from tests import factories

    factories.CardFactory(patron=patron)
    services.inquiry_record(
        acting_user=desk_staff,
        branch=branch,
        desk=None,
        channel="phone",
        inquiry_type=_type(),
        read_level=2,
        question="Books about beekeeping",
        patron=patron,
    )
    client.force_login(desk_staff)
    ask = reverse("privacy:disclose")
    html = client.post(ask, {"patron": patron.pk, "ask": "cardholder:card"}, **HTMX)
    assert "Books about beekeeping" in html.content.decode()
    html = client.post(ask, {"patron": patron.pk, "ask": "third_party:none"}, **HTMX)
    assert "Books about beekeeping" not in html.content.decode()


def test_the_patron_summary_offers_the_follow_up_link_to_staff_only(
    client, desk_staff, volunteer, patron
):
    from tests import factories

    factories.CardFactory(patron=patron)
    url = reverse("desk:patron", args=[patron.pk])
    client.force_login(desk_staff)
    assert "Record a question linked to this patron" in client.get(url).content.decode()
    client.force_login(volunteer)
    assert "Record a question linked to this patron" not in client.get(url).content.decode()


def test_times_are_shown_in_the_branchs_time_zone(client, make_staff, branch):
    branch.timezone = "America/Chicago"
    branch.save(update_fields=["timezone"])
    user = make_staff("desk_staff", username="t-chicago")
    promised = datetime.datetime(2031, 5, 6, 15, 30, tzinfo=datetime.UTC)  # 10:30 in Chicago
    services.callback_create(
        acting_user=user, branch=branch, desk=None, name="Kim", phone="555", promised_at=promised
    )
    client.force_login(user)
    html = client.get(reverse("desk:callbacks")).content.decode()
    assert "Tue 6 May 2031, 10:30" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16:30", datetime.datetime(2026, 3, 2, 16, 30)),
        ("2026-03-03 09:15", datetime.datetime(2026, 3, 3, 9, 15)),
        ("2026-03-03T09:15", datetime.datetime(2026, 3, 3, 9, 15)),
    ],
)
def test_a_promised_time_is_typed_as_text_in_the_branchs_zone(branch, text, expected):
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    now = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ny)
    form = work_forms.CallbackForm(
        {"cb-name": "Ada", "cb-phone": "555", "cb-channel": "phone", "cb-promised_at": text},
        branch=branch,
        now=now,
        prefix="cb",
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["promised_at"] == expected.replace(tzinfo=ny)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("half past four", work_forms.PROMISED_UNREADABLE),
        ("09:00", work_forms.PROMISED_IN_PAST),
        ("2026-05-01 10:00", work_forms.PROMISED_TOO_FAR),
    ],
)
def test_an_unreadable_past_or_far_promise_is_refused(branch, text, message):
    from zoneinfo import ZoneInfo

    now = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    form = work_forms.CallbackForm(
        {"cb-name": "Ada", "cb-phone": "555", "cb-channel": "phone", "cb-promised_at": text},
        branch=branch,
        now=now,
        prefix="cb",
    )
    assert not form.is_valid()
    assert message in form.errors["promised_at"]
