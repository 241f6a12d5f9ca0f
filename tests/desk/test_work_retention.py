"""Retention of the desk's records (DESIGN section 7): inquiry text after
30 days with the counts kept, callback contacts 7 days after done, and no
waiting-list names after the branch's day ends."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from desk import services
from desk.models import Callback, Inquiry, InquiryType, WaitingEntry
from desk.tasks import waiting_forget_ended_task
from privacy import disclosure
from retention.services import legal_hold_place, retention_expunge
from retention.vocabulary import KeptReason
from tests.clock import at as at_local
from tests.retention.helpers import AS_OF, at

pytestmark = pytest.mark.django_db


def _inquiry(user, branch, *, days_ago, patron=None, question="Where is the tax form?"):
    return services.inquiry_record(
        acting_user=user,
        branch=branch,
        desk=None,
        channel="phone",
        inquiry_type=InquiryType.objects.get(branch=None, label="Policy"),
        read_level=2,
        minutes=4,
        question=question,
        answer="Gave the 2026 form",
        patron=patron,
        now=at(days_ago),
    )


def test_inquiry_text_and_patron_go_after_30_days_and_the_counts_stay(desk_staff, branch, patron):
    old = _inquiry(desk_staff, branch, days_ago=31, patron=patron)
    recent = _inquiry(desk_staff, branch, days_ago=29)
    report = retention_expunge(as_of=AS_OF)
    assert report.record_types["inquiries"].expunged == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.question, old.answer, old.patron_id) == ("", "", None)
    assert old.text_erased_at is not None
    assert (old.channel, old.read_level, old.minutes, old.local_day) == (
        "phone",
        2,
        4,
        (AS_OF - datetime.timedelta(days=31)),
    )
    assert recent.question == "Where is the tax form?"
    assert Inquiry.objects.count() == 2


def test_a_tally_holds_nothing_to_expunge(volunteer, branch):
    services.tally_add(
        acting_user=volunteer,
        branch=branch,
        desk=None,
        inquiry_type=InquiryType.objects.get(branch=None, tally_key="1"),
        now=at(100),
    )
    assert retention_expunge(as_of=AS_OF).record_types["inquiries"].expunged == 0


def test_a_legal_hold_keeps_a_patrons_linked_inquiry(desk_staff, branch, patron):
    old = _inquiry(desk_staff, branch, days_ago=40, patron=patron)
    legal_hold_place(patron=patron, reason="Court order 12", record_types=["inquiries"])
    report = retention_expunge(as_of=AS_OF)
    assert report.record_types["inquiries"].kept[KeptReason.LEGAL_HOLD] == 1
    old.refresh_from_db()
    assert old.question


def _callback(user, branch, *, done_days_ago=None, status=Callback.Status.DONE):
    created = at((done_days_ago or 0) + 1)
    callback = services.callback_create(
        acting_user=user,
        branch=branch,
        desk=None,
        name="Grace Hopper",
        phone="555-0142",
        email="grace@example.org",
        about="Interlibrary loan of COBOL manuals",
        promised_at=created + datetime.timedelta(hours=2),
        now=created,
    )
    if done_days_ago is not None:
        services.callback_close(
            acting_user=user, callback_id=callback.pk, status=status, now=at(done_days_ago)
        )
    return callback


def test_callback_contacts_go_7_days_after_done_and_open_ones_stay(desk_staff, branch):
    done = _callback(desk_staff, branch, done_days_ago=8)
    cancelled = _callback(desk_staff, branch, done_days_ago=8, status=Callback.Status.CANCELLED)
    recent = _callback(desk_staff, branch, done_days_ago=6)
    still_open = _callback(desk_staff, branch)
    report = retention_expunge(as_of=AS_OF)
    assert report.record_types["callbacks"].expunged == 2
    for callback in (done, cancelled):
        callback.refresh_from_db()
        assert (callback.name, callback.phone, callback.email, callback.about) == ("", "", "", "")
        assert callback.contact_erased_at is not None and callback.done_at is not None
    for callback in (recent, still_open):
        callback.refresh_from_db()
        assert callback.name == "Grace Hopper"


def test_expunge_reports_inquiries_and_callbacks_available_with_counts(desk_staff, branch):
    _inquiry(desk_staff, branch, days_ago=31)
    _callback(desk_staff, branch, done_days_ago=8)
    out = StringIO()
    call_command("expunge", "--dry-run", "--json", "--as-of", AS_OF.isoformat(), stdout=out)
    report = json.loads(out.getvalue())["record_types"]
    assert report["inquiries"]["available"] is True and report["inquiries"]["expunged"] == 1
    assert report["callbacks"]["available"] is True and report["callbacks"]["expunged"] == 1
    assert report["waiting_list"]["available"] is True
    assert Inquiry.objects.get().question  # a dry run changes nothing


def _waiting(user, branch, when):
    return services.waiting_add(
        acting_user=user, branch=branch, desk=None, name="Ticket 42", reason="Printing", now=when
    )


def test_waiting_list_names_are_forgotten_when_the_branch_day_ends(volunteer, branch):
    now = timezone.now()
    yesterday = _waiting(volunteer, branch, now - datetime.timedelta(days=1, hours=1))
    today = _waiting(volunteer, branch, now)
    assert services.waiting_forget_ended(now=now) == 1
    yesterday.refresh_from_db()
    today.refresh_from_db()
    assert (yesterday.name, yesterday.reason, yesterday.status) == ("", "", "left")
    assert yesterday.name_erased_at is not None
    assert today.name == "Ticket 42"
    assert services.waiting_forget_ended(now=now) == 0  # safe to run again


def test_the_day_ends_at_the_branchs_own_midnight(volunteer, branch):
    branch.timezone = "America/Los_Angeles"
    branch.save(update_fields=["timezone"])
    # 23:30 in Los Angeles is already the next day in UTC.
    evening = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    entry = _waiting(volunteer, branch, evening)
    assert services.waiting_forget_ended(now=evening + datetime.timedelta(minutes=20)) == 0
    assert services.waiting_forget_ended(now=evening + datetime.timedelta(minutes=31)) == 1
    entry.refresh_from_db()
    assert entry.name == ""


def test_the_hourly_task_and_the_retention_run_both_forget_names(volunteer, branch):
    _waiting(volunteer, branch, timezone.now() - datetime.timedelta(days=2))
    assert waiting_forget_ended_task() == 1
    _waiting(volunteer, branch, timezone.now() - datetime.timedelta(days=2))
    report = retention_expunge()
    assert report.record_types["waiting_list"].expunged == 1
    assert not WaitingEntry.objects.exclude(name="").exists()


def test_the_reference_disclosure_lists_a_patrons_linked_questions(desk_staff, branch, patron):
    _inquiry(desk_staff, branch, days_ago=2, patron=patron, question="Books on tax law")
    _inquiry(desk_staff, branch, days_ago=1, question="Unlinked question")
    lines = disclosure.lines_for(patron=patron, record_type="reference", limit=10)
    assert lines is not None and len(lines) == 1
    assert lines[0].text == "Policy: Books on tax law"


def test_erased_inquiries_leave_nothing_to_disclose(desk_staff, branch, patron):
    _inquiry(desk_staff, branch, days_ago=40, patron=patron)
    retention_expunge(as_of=AS_OF)
    assert disclosure.lines_for(patron=patron, record_type="reference", limit=10) == []


def test_an_open_callback_loses_its_contact_7_days_after_the_promised_time(desk_staff, branch):
    """Never marked done: the contact goes 7 days after the time promised
    to the caller (DESIGN 7), and not a day before."""
    forgotten = _callback(desk_staff, branch, done_days_ago=None)
    Callback.objects.filter(pk=forgotten.pk).update(promised_at=at(8))
    recent = _callback(desk_staff, branch, done_days_ago=None)
    Callback.objects.filter(pk=recent.pk).update(promised_at=at(6))
    report = retention_expunge(as_of=AS_OF)
    assert report.record_types["callbacks"].expunged == 1
    forgotten.refresh_from_db()
    recent.refresh_from_db()
    assert (forgotten.name, forgotten.phone, forgotten.email) == ("", "", "")
    assert forgotten.contact_erased_at is not None
    assert recent.name == "Grace Hopper"


def test_expunge_as_of_a_later_date_forgets_that_dates_waiting_list(
    volunteer, branch, time_machine
):
    """Run on Saturday evening as of the Monday after: Saturday's names are
    over by then, though the real clock has not reached midnight."""
    time_machine.move_to(at_local("2026-12-05 23:30"), tick=False)
    entry = _waiting(volunteer, branch, at_local("2026-12-05 20:00"))
    out = StringIO()
    call_command("expunge", "--json", "--as-of", "2026-12-07", stdout=out)
    assert json.loads(out.getvalue())["record_types"]["waiting_list"]["expunged"] == 1
    entry.refresh_from_db()
    assert entry.name == ""


def test_expunge_as_of_today_keeps_todays_waiting_list(volunteer, branch, time_machine):
    time_machine.move_to(at_local("2026-12-05 23:59"), tick=False)
    entry = _waiting(volunteer, branch, at_local("2026-12-05 20:00"))
    report = retention_expunge(as_of=datetime.date(2026, 12, 5))
    assert report.record_types["waiting_list"].expunged == 0
    entry.refresh_from_db()
    assert entry.name == "Ticket 42"
    time_machine.move_to(at_local("2026-12-06 00:00"), tick=False)
    assert retention_expunge().record_types["waiting_list"].expunged == 1
