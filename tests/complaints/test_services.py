"""State changes of a complaint, their clocks, and who may make them."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied

from complaints import services
from complaints.models import Complaint, ComplaintEvent
from tests.complaints.conftest import MONDAY_10, NY

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A time in the week of Monday 2026-11-23 (day 0) or later, New York."""
    base = datetime.date(2026, 11, 23) + datetime.timedelta(days=day)
    return datetime.datetime.combine(base, datetime.time(hour, minute), tzinfo=NY)


def test_logging_records_who_and_what_and_starts_no_clock(log_complaint, desk_staff, subject):
    complaint = log_complaint()
    assert complaint.status == Complaint.Status.OPEN
    assert complaint.logged_by == desk_staff
    assert list(complaint.staff_involved.all()) == [subject]
    assert complaint.first_response_due is None
    assert complaint.events.get().kind == ComplaintEvent.Kind.LOGGED


def test_administrator_cannot_log_a_concern(branch, administrator):
    with pytest.raises(PermissionDenied):
        services.complaint_log(
            branch=branch, logged_by=administrator, category="service", description="x"
        )


def test_desk_staff_resolve_informally_and_close(log_complaint, desk_staff):
    complaint = services.complaint_resolve_informally(
        complaint=log_complaint(),
        acting_user=desk_staff,
        explanation="Explained the fine policy.",
        alternative="Offered a payment plan.",
    )
    assert complaint.status == Complaint.Status.CLOSED
    assert complaint.closed_at is not None
    assert complaint.alternative_offered == "Offered a payment plan."


def test_resolving_twice_is_refused_with_a_message(log_complaint, desk_staff):
    complaint = log_complaint()
    services.complaint_resolve_informally(
        complaint=complaint, acting_user=desk_staff, explanation="Done."
    )
    with pytest.raises(services.ServiceError) as exc:
        services.complaint_resolve_informally(
            complaint=complaint, acting_user=desk_staff, explanation="Again."
        )
    assert exc.value.message == services.WRONG_STATE


def test_volunteer_who_did_not_log_it_cannot_resolve(log_complaint, volunteer):
    with pytest.raises(PermissionDenied):
        services.complaint_resolve_informally(
            complaint=log_complaint(), acting_user=volunteer, explanation="x"
        )


def test_escalation_starts_clocks_on_business_days(escalated):
    # Monday 10:00: acknowledge by close of Tuesday, decide in 15 business days.
    assert escalated.status == Complaint.Status.ESCALATED
    assert escalated.first_response_due == at(1, 17)
    assert escalated.resolution_due == at(21, 17)  # Mon Dec 14, 17:00
    assert escalated.next_update_due is None


def test_escalation_leaves_an_audit_entry_and_a_grant(escalated, director, supervisor):
    entries = [
        e
        for e in LogEntry.objects.get_for_object(escalated)
        if e.action == LogEntry.Action.UPDATE and "assignee" in (e.changes or {})
    ]
    assert len(entries) == 1
    assert entries[0].actor == supervisor
    assert director.has_perm("complaints.handle_complaint", escalated)


def test_escalation_emails_the_assignee_without_patron_data(
    log_complaint, supervisor, director, eager_tasks, django_capture_on_commit_callbacks
):
    director.email = "director@example.org"
    director.save()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_escalate(
            complaint=log_complaint(), acting_user=supervisor, assignee=director
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["director@example.org"]
    assert complaint.reference in mail.outbox[0].subject
    assert "Jo Example" not in mail.outbox[0].body


def test_reassignment_keeps_the_clocks(escalated, director, designee):
    due = escalated.resolution_due
    services.complaint_escalate(
        complaint=escalated, acting_user=director, assignee=designee, now=at(2, 12)
    )
    escalated.refresh_from_db()
    assert escalated.assignee == designee
    assert escalated.resolution_due == due
    assert escalated.events.filter(kind=ComplaintEvent.Kind.REASSIGNED).exists()


def test_the_subject_cannot_be_assigned(log_complaint, supervisor, subject):
    with pytest.raises(services.ServiceError) as exc:
        services.complaint_escalate(
            complaint=log_complaint(), acting_user=supervisor, assignee=subject
        )
    assert exc.value.message == services.ASSIGNEE_NOT_ELIGIBLE


def test_desk_staff_cannot_escalate(log_complaint, desk_staff, director):
    with pytest.raises(PermissionDenied):
        services.complaint_escalate(
            complaint=log_complaint(), acting_user=desk_staff, assignee=director
        )


def test_other_branch_supervisor_cannot_escalate(log_complaint, other_supervisor, director):
    with pytest.raises(PermissionDenied):
        services.complaint_escalate(
            complaint=log_complaint(), acting_user=other_supervisor, assignee=director
        )


def test_first_update_meets_first_response_and_starts_update_clock(escalated, director):
    services.complaint_record_update(
        complaint=escalated, acting_user=director, note="Called the patron.", now=at(1, 11)
    )
    escalated.refresh_from_db()
    assert escalated.first_response_at == at(1, 11)
    assert escalated.next_update_due == at(8, 17)  # 5 business days after Tuesday


def test_supervisor_may_not_work_the_formal_review(escalated, supervisor):
    with pytest.raises(PermissionDenied):
        services.complaint_record_update(complaint=escalated, acting_user=supervisor, note="x")


def test_designee_works_the_review_then_loses_it_when_reassigned(escalated, director, designee):
    services.complaint_escalate(complaint=escalated, acting_user=director, assignee=designee)
    services.complaint_record_update(complaint=escalated, acting_user=designee, note="Called.")
    services.complaint_escalate(complaint=escalated, acting_user=director, assignee=director)
    from django.contrib.auth import get_user_model

    fresh = get_user_model().objects.get(pk=designee.pk)
    with pytest.raises(PermissionDenied):
        services.complaint_record_update(complaint=escalated, acting_user=fresh, note="x")


def test_waiting_on_patron_stops_and_resuming_extends_by_paused_business_time(escalated, director):
    services.complaint_pause(complaint=escalated, acting_user=director, now=at(0, 15))
    # Paused Monday 15:00 to Wednesday 11:00: 2 + 8 + 2 = 12 business hours.
    services.complaint_resume(complaint=escalated, acting_user=director, now=at(2, 11))
    escalated.refresh_from_db()
    assert escalated.status == Complaint.Status.ESCALATED
    assert escalated.paused_total == datetime.timedelta(hours=12)
    # Tuesday 17:00 + 12 business hours = Thursday 13:00.
    assert escalated.first_response_due == at(3, 13)
    assert escalated.resolution_due == at(23, 13)  # Mon Dec 14 17:00 -> Wed Dec 16 13:00


def test_a_paused_complaint_gets_no_reminder_or_breach(escalated, director):
    services.complaint_pause(complaint=escalated, acting_user=director, now=at(0, 15))
    counts = services.complaints_check_clocks(now=at(30, 12))
    escalated.refresh_from_db()
    assert counts["breaches"] == 0
    assert escalated.first_response_breached_at is None


def test_resume_without_pause_is_refused(escalated, director):
    with pytest.raises(services.ServiceError) as exc:
        services.complaint_resume(complaint=escalated, acting_user=director)
    assert exc.value.message == services.NOT_WAITING


def test_clock_task_reminds_before_and_marks_breach_after_once(
    escalated, eager_tasks, django_capture_on_commit_callbacks
):
    from complaints import tasks

    # Tuesday 14:00: 3 business hours before the first-response deadline.
    with django_capture_on_commit_callbacks(execute=True):
        first = services.complaints_check_clocks(now=at(1, 14))
        again = services.complaints_check_clocks(now=at(1, 14, 15))
    assert first["reminders"] == 1
    assert again["reminders"] == 0
    assert len(mail.outbox) == 1
    assert "first response" in mail.outbox[0].subject
    escalated.refresh_from_db()
    assert escalated.first_response_reminded_at == at(1, 14)

    breach = services.complaints_check_clocks(now=at(2, 9))
    repeat = services.complaints_check_clocks(now=at(2, 9, 15))
    escalated.refresh_from_db()
    assert breach["breaches"] == 1 and repeat["breaches"] == 0
    assert escalated.first_response_breached_at == at(2, 9)
    assert escalated.is_breached
    assert tasks.check_clocks.run()["breaches"] == 0  # the beat task calls the same service


def test_no_reminder_while_deadline_is_far(escalated):
    assert services.complaints_check_clocks(now=at(0, 11))["reminders"] == 0


def test_decision_opens_the_appeal_window_and_emails_the_letter(
    escalated, director, eager_tasks, django_capture_on_commit_callbacks
):
    director.staff_profile.display_name = "Morgan"
    director.staff_profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_decide(
            complaint=escalated,
            acting_user=director,
            decision="partly_upheld",
            reasons="The desk should have offered a quiet room.",
            now=at(3, 10),
        )
    escalated.refresh_from_db()
    assert escalated.status == Complaint.Status.DECIDED
    assert escalated.appeal_due == at(17, 17)  # 10 business days after Thursday
    assert escalated.letter_sent_at is not None
    letter = mail.outbox[-1]
    assert letter.to == ["jo@example.org"]
    assert "Dear Jo Example" in letter.body
    assert "Partly upheld" in letter.body
    assert "quiet room" in letter.body
    assert "Morgan" in letter.body and "Library Director" in letter.body
    assert "December 10, 2026" in letter.body  # the appeal deadline
    # Sending again does nothing.
    assert services.complaint_send_decision_letter(complaint_id=escalated.pk) is False


def test_no_letter_is_emailed_without_an_address(
    log_complaint, supervisor, director, django_capture_on_commit_callbacks, eager_tasks
):
    complaint = log_complaint(contact_email="")
    services.complaint_escalate(complaint=complaint, acting_user=supervisor, assignee=director)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_decide(
            complaint=complaint, acting_user=director, decision="upheld", reasons="Sorry."
        )
    assert mail.outbox == []


def test_appeal_within_window_then_close(escalated, director):
    services.complaint_decide(
        complaint=escalated,
        acting_user=director,
        decision="not_upheld",
        reasons="Policy.",
        now=at(3, 10),
    )
    services.complaint_record_appeal(
        complaint=escalated, acting_user=director, grounds="Disagree.", now=at(10, 10)
    )
    escalated.refresh_from_db()
    assert escalated.status == Complaint.Status.APPEALED
    services.complaint_close(complaint=escalated, acting_user=director, note="Board upheld.")
    escalated.refresh_from_db()
    assert escalated.status == Complaint.Status.CLOSED and escalated.closed_at


def test_appeal_after_the_window_is_refused(escalated, director):
    services.complaint_decide(
        complaint=escalated,
        acting_user=director,
        decision="not_upheld",
        reasons="Policy.",
        now=at(3, 10),
    )
    with pytest.raises(services.ServiceError) as exc:
        services.complaint_record_appeal(
            complaint=escalated, acting_user=director, grounds="Late.", now=at(30, 10)
        )
    assert "appeal window closed" in exc.value.message


def test_targets_come_from_the_settings(log_complaint, supervisor, director, branch):
    cfg = services.settings_for(branch.system)
    cfg.first_response_days = 3
    cfg.save()
    complaint = services.complaint_escalate(
        complaint=log_complaint(), acting_user=supervisor, assignee=director, now=MONDAY_10
    )
    assert complaint.first_response_due == at(3, 17)
