"""Sending: e-mail through a real SMTP server, text messages through a
local HTTP server standing in for the provider, printed letters; what a
notice says and to whom, by the confidentiality rules; retries with
back-off; the access report; the retention rule."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from circulation.models import Hold
from patronnotices import services
from patronnotices.models import DeliveryCount, NoticeSettings, NoticeTemplate, PatronNotice
from privacy.selectors import access_report
from retention.services import retention_expunge
from tests import factories
from tests.patronnotices import helpers as h
from tests.patronnotices.conftest import SMS_TOKEN

pytestmark = pytest.mark.django_db

Status = PatronNotice.Status


@pytest.fixture(autouse=True)
def _pinned(time_machine):
    time_machine.move_to(h.NOW, tick=False)


def run(now=None):
    services.notices_queue(now=now)
    return services.notices_send(now=now)


def counts() -> dict[str, int]:
    found: dict[str, int] = {}
    for row in DeliveryCount.objects.all():
        for column in ("sent", "retried", "failed", "withheld"):
            found[column] = found.get(column, 0) + getattr(row, column)
    return found


def test_a_hold_ready_e_mail_reaches_the_cardholder_without_a_title(smtp_server):
    branch = h.ny_branch()
    reader = h.patron(branch)
    hold = h.hold_ready(reader, branch)
    assert run()["sent"] == 1
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == [h.OWN_EMAIL]
    assert "Hudson Branch" in message.subject
    text = message.text()
    assert h.TITLE not in text and h.TITLE not in message.subject
    assert f"{hold.pickup_by:%B} {hold.pickup_by.day}, {hold.pickup_by.year}" in text
    notice = PatronNotice.objects.get()
    assert (notice.status, notice.channel, notice.sent_at) == (Status.SENT, "email", h.NOW)


def test_titles_appear_only_for_a_patron_who_asked_for_them(smtp_server):
    branch = h.ny_branch()
    asked = h.patron(branch, email="asked@example.org")
    h.prefer(asked, "email", titles=True)
    h.loan_due(asked, branch, 2)
    h.loan_due(h.patron(branch, email="not-asked@example.org"), branch, 2)
    run()
    smtp_server.wait_for(2)
    (with_title,) = smtp_server.to("asked@example.org")
    (without,) = smtp_server.to("not-asked@example.org")
    assert h.TITLE in with_title.text()
    assert h.TITLE not in without.text() and "An item you borrowed" in without.text()


def test_a_massachusetts_minors_hold_never_reaches_the_guardians_address(smtp_server):
    branch = h.ma_branch()
    parent = h.patron(branch, email=h.GUARDIAN_EMAIL)
    minor = h.patron(branch, email=h.GUARDIAN_EMAIL, date_of_birth=datetime.date(2012, 6, 1))
    factories.GuardianLinkFactory(patron=minor, guardian_patron=parent)
    h.prefer(minor, "email", titles=True)
    h.hold_ready(minor, branch)
    assert run()["printed"] == 1
    assert smtp_server.messages == []
    notice = PatronNotice.objects.get()
    assert (notice.channel, notice.outcome) == ("print", services.AT_DESK)
    letter = services.compose(notice)
    assert letter.words is not None and h.TITLE not in letter.words.body


def test_a_new_york_minor_on_a_parents_address_is_told_but_names_no_title(smtp_server):
    branch = h.ny_branch()
    parent = h.patron(branch, email=h.GUARDIAN_EMAIL)
    minor = h.patron(branch, email=h.GUARDIAN_EMAIL, date_of_birth=datetime.date(2012, 6, 1))
    factories.GuardianLinkFactory(patron=minor, guardian_patron=parent)
    h.prefer(minor, "email", titles=True)
    h.hold_ready(minor, branch)
    run()
    (message,) = smtp_server.wait_for(1)
    assert h.TITLE not in message.text()


def test_a_text_message_goes_to_the_provider_with_the_number_normalised(sms_provider):
    branch = h.ny_branch()
    reader = h.patron(branch, phone="(508) 555-0123")
    h.prefer(reader, "sms")
    h.hold_ready(reader, branch)
    assert run()["sent"] == 1
    (message,) = sms_provider.messages
    assert message["to"] == "+15085550123"
    assert message["from"] == "+15085550000"
    assert "ready at Hudson Branch" in message["body"] and h.TITLE not in message["body"]
    assert sms_provider.recorded.tokens == [f"Bearer {SMS_TOKEN}"]


def test_no_text_message_in_the_branchs_quiet_hours(sms_provider, time_machine):
    branch = h.ny_branch()
    reader = h.patron(branch, phone="508-555-0123")
    h.prefer(reader, "sms")
    late = h.NOW.replace(hour=22)
    time_machine.move_to(late, tick=False)
    h.hold_ready(reader, branch, ready_at=late - datetime.timedelta(minutes=5))
    assert run(late)["deferred"] == 1
    assert sms_provider.messages == []
    notice = PatronNotice.objects.get()
    assert notice.next_attempt_at == h.NOW.replace(hour=8) + datetime.timedelta(days=1)
    assert run(late + datetime.timedelta(hours=9, minutes=59)).get("sent", 0) == 0
    morning = notice.next_attempt_at
    assert run(morning)["sent"] == 1
    assert len(sms_provider.messages) == 1


def test_quiet_hours_are_the_branchs_own(sms_provider):
    branch = h.ny_branch()
    NoticeSettings.objects.create(
        branch=branch, quiet_hours_start=datetime.time(9), quiet_hours_end=datetime.time(11)
    )
    reader = h.patron(branch, phone="508-555-0123")
    h.prefer(reader, "sms")
    h.hold_ready(reader, branch)
    assert run()["deferred"] == 1  # 10:00 in New York


def test_a_failing_provider_is_retried_with_back_off_and_sends_once(sms_provider):
    sms_provider.recorded.fail_first = 2
    branch = h.ny_branch()
    reader = h.patron(branch, phone="508-555-0123")
    h.prefer(reader, "sms")
    h.hold_ready(reader, branch)
    assert run()["retry"] == 1
    notice = PatronNotice.objects.get()
    assert notice.next_attempt_at == h.NOW + datetime.timedelta(minutes=5)
    assert run(h.now_plus(minutes=4)) == {}
    assert run(h.now_plus(minutes=5))["retry"] == 1
    notice.refresh_from_db()
    assert notice.next_attempt_at == h.now_plus(minutes=15)
    assert run(h.now_plus(minutes=15))["sent"] == 1
    assert len(sms_provider.messages) == 1
    assert counts() == {"sent": 1, "retried": 2, "failed": 0, "withheld": 0}
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Status.SENT, 2)


def test_a_provider_that_never_answers_gives_up_and_the_failure_is_counted(settings):
    settings.SMS_PROVIDER_URL = "http://127.0.0.1:9/v1/messages"  # nothing listens
    branch = h.ny_branch()
    reader = h.patron(branch, phone="508-555-0123")
    h.prefer(reader, "sms")
    h.hold_ready(reader, branch)
    moment = h.NOW
    for _ in range(10):
        run(moment)
        notice = PatronNotice.objects.get()
        if notice.status != Status.QUEUED:
            break
        moment = notice.next_attempt_at
    assert (notice.status, notice.outcome) == (Status.FAILED, "sms_provider_failed")
    assert counts()["failed"] == 1 and counts()["retried"] == 5


def test_a_refused_number_fails_at_once(sms_provider):
    sms_provider.recorded.refuse = {"+15085550123"}
    branch = h.ny_branch()
    reader = h.patron(branch, phone="508-555-0123")
    h.prefer(reader, "sms")
    h.hold_ready(reader, branch)
    assert run()["failed"] == 1
    assert counts()["failed"] == 1


def test_with_neither_address_nor_phone_the_notice_is_printed(smtp_server):
    branch = h.ny_branch()
    reader = h.patron(branch, email="", phone="")
    h.fee(reader, branch)
    assert run()["printed"] == 1
    notice = PatronNotice.objects.get()
    assert notice.print_batch is not None and notice.print_batch.branch == branch
    assert smtp_server.messages == []


def test_a_settled_hold_and_a_de_identified_patron_are_withheld(smtp_server):
    branch = h.ny_branch()
    picked_up = h.hold_ready(h.patron(branch, email="a@example.org"), branch)
    gone = h.patron(branch, email="b@example.org")
    h.hold_ready(gone, branch)
    services.notices_queue()
    Hold.objects.filter(pk=picked_up.pk).update(status=Hold.Status.FULFILLED, closed_at=h.NOW)
    gone.deidentified_at = timezone.now()
    gone.save()
    assert services.notices_send()["withheld"] == 2
    assert smtp_server.messages == []


def test_a_branchs_own_wording_wins_over_the_librarys(smtp_server):
    branch = h.ny_branch()
    other = h.ma_branch()
    NoticeTemplate.objects.create(
        system=branch.system,
        kind="hold_ready",
        subject="Library-wide: ready",
        body="Hello {{ first_name }}",
        sms_body="x",
    )
    NoticeTemplate.objects.create(
        system=branch.system,
        branch=branch,
        kind="hold_ready",
        subject="Hudson says: ready by {{ pickup_by }}",
        body="Hello {{ first_name }}",
        sms_body="x",
    )
    h.hold_ready(h.patron(branch, email="hudson@example.org"), branch)
    h.hold_ready(h.patron(other, email="worcester@example.org"), other)
    run()
    smtp_server.wait_for(2)
    assert smtp_server.to("hudson@example.org")[0].subject.startswith("Hudson says")
    assert smtp_server.to("worcester@example.org")[0].subject == "Library-wide: ready"


def test_the_access_report_lists_each_notice_without_a_title(smtp_server):
    branch = h.ny_branch()
    reader = h.patron(branch)
    h.prefer(reader, "email", titles=True)
    h.hold_ready(reader, branch)
    h.loan_due(reader, branch, 2)
    run()
    lines = [line for line in access_report(patron=reader) if line.what.startswith("Notice")]
    assert sorted(line.what for line in lines) == [
        "Notice: Due soon (courtesy notice)",
        "Notice: Hold ready for pickup",
    ]
    assert all(line.purpose == "By e-mail" and line.when == h.NOW for line in lines)
    assert all(h.TITLE not in f"{line.what} {line.purpose}" for line in lines)


def test_notices_are_expunged_after_their_own_period(smtp_server, time_machine):
    branch = h.ny_branch()
    reader = h.patron(branch)
    h.hold_ready(reader, branch)
    run()
    later = h.NOW + datetime.timedelta(days=89)
    time_machine.move_to(later, tick=False)
    retention_expunge(as_of=later.date())
    assert PatronNotice.objects.count() == 1
    later = h.NOW + datetime.timedelta(days=92)
    time_machine.move_to(later, tick=False)
    retention_expunge(as_of=later.date())
    assert PatronNotice.objects.count() == 0
    assert not [line for line in access_report(patron=reader) if line.what.startswith("Notice")]
