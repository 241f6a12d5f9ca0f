"""Letters and notices arrive at a real SMTP server, to the right people,
with absolute links, and nothing about the patron reaches a log."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints import services, tasks
from complaints.models import Complaint
from notices.models import Notice
from tests.celery_worker import celery_worker
from tests.complaints.conftest import MONDAY_10
from tests.security.logscan import capture_all_logs, leaks

pytestmark = pytest.mark.django_db

SITE = "https://desk.example.org"
REASONS = "The desk should have offered a quiet room for Jo."


def _relative_links(html: str) -> list[str]:
    return [h for h in re.findall(r'(?:href|src)="([^"]*)"', html) if not h.startswith("https://")]


def _decide(complaint, director, capture):
    with capture(execute=True):
        return services.complaint_decide(
            complaint=complaint, acting_user=director, decision="upheld", reasons=REASONS
        )


def test_the_decision_letter_reaches_the_patron_only(
    escalated, director, smtp_server, eager_tasks, django_capture_on_commit_callbacks
):
    _decide(escalated, director, django_capture_on_commit_callbacks)
    (letter,) = smtp_server.wait_for(1)
    assert letter.rcpt_tos == ["jo@example.org"]
    assert letter.subject == f"Your concern {escalated.reference}: our decision"
    assert "Dear Jo Example" in letter.text() and REASONS in letter.text()
    assert REASONS in letter.html() and _relative_links(letter.html()) == []
    escalated.refresh_from_db()
    assert escalated.letter_sent_at is not None
    assert escalated.events.filter(kind="letter").count() == 1


def test_the_reconsideration_letters_reach_the_requester(
    recon, director, smtp_server, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reconsideration_acknowledge(request=recon, acting_user=director)
    services.reconsideration_add_member(
        request=recon, acting_user=director, name="A. Reader", read_in_full=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reconsideration_decide(
            request=recon, acting_user=director, decision="retain", reasons="It fits the policy."
        )
    ack, decision = smtp_server.wait_for(2)
    assert ack.rcpt_tos == decision.rcpt_tos == ["pat@example.org"]
    assert "was received" in ack.subject and recon.reference in ack.subject
    assert "decision" in decision.subject and "It fits the policy." in decision.text()
    assert _relative_links(ack.html()) == _relative_links(decision.html()) == []


def test_the_assignee_is_told_in_the_app_and_by_email_with_an_absolute_link(
    log_complaint,
    supervisor,
    director,
    smtp_server,
    eager_tasks,
    django_capture_on_commit_callbacks,
):
    director.email = "director@example.org"
    director.save()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.complaint_escalate(
            complaint=log_complaint(), acting_user=supervisor, assignee=director
        )
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["director@example.org"]
    link = f"{SITE}{reverse('complaints:detail', args=[complaint.pk])}"
    assert link in message.text()
    assert "Jo Example" not in message.text()
    assert Notice.objects.filter(recipient=director, kind=Notice.Kind.ASSIGNED).count() == 1


def test_a_reminder_reaches_the_assignee_with_an_absolute_link(
    escalated, director, smtp_server, eager_tasks, django_capture_on_commit_callbacks
):
    import datetime

    with django_capture_on_commit_callbacks(execute=True):
        counts = services.complaints_check_clocks(
            now=MONDAY_10 + datetime.timedelta(days=1, hours=4)
        )
    assert counts["reminders"] == 1
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["director@example.org"]
    assert "first response" in message.subject
    assert f"{SITE}{reverse('complaints:detail', args=[escalated.pk])}" in message.text()
    assert Notice.objects.filter(recipient=director, kind=Notice.Kind.REMINDER).exists()


def test_the_directors_reconsideration_reminder_arrives_without_requester_data(
    recon, director, make_staff, smtp_server, eager_tasks, django_capture_on_commit_callbacks
):
    import datetime

    from organisation.roles import Role

    director.email = "director@example.org"
    director.save()
    second = make_staff(Role.DIRECTOR, username="t-director-2")  # no address: in the app only
    with django_capture_on_commit_callbacks(execute=True):
        services.complaints_check_clocks(now=recon.decision_due - datetime.timedelta(hours=2))
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["director@example.org"]
    assert f"{SITE}{reverse('complaints:reconsideration_detail', args=[recon.pk])}" in (
        message.text()
    )
    for secret in ("Pat Requester", "pat@example.org", recon.item.title):
        assert secret not in message.text() and secret not in message.subject
    assert Notice.objects.filter(recipient=second, kind=Notice.Kind.REMINDER).exists()


def test_incident_supervisors_get_the_notice_and_the_screen_says_how(
    client,
    branch,
    volunteer,
    supervisor,
    make_staff,
    smtp_server,
    eager_tasks,
    django_capture_on_commit_callbacks,
):
    from organisation.roles import Role

    supervisor.email = "sup@example.org"
    supervisor.save()
    quiet = make_staff(Role.SUPERVISOR, username="t-sup-no-mail")
    quiet.staff_profile.display_name = "Robin"
    quiet.staff_profile.save()
    client.force_login(volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("complaints:incident_create"),
            {"type": "medical", "description": "Fainted.", "called_911": "on"},
            follow=True,
        )
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["sup@example.org"]
    assert "(911 called)" in message.subject
    assert re.search(rf"{SITE}/complaints/incidents/\d+/", message.text())
    assert "by e-mail and in the app" in response.text
    assert "Robin in the app only (no e-mail address on file)" in response.text
    assert Notice.objects.filter(recipient=quiet, kind=Notice.Kind.INCIDENT).count() == 1


def test_an_incident_with_no_supervisor_to_tell_warns_the_desk(client, volunteer):
    client.force_login(volunteer)
    response = client.post(
        reverse("complaints:incident_create"),
        {"type": "safety", "description": "Wet floor."},
        follow=True,
    )
    assert "No supervisor of this branch could be told" in response.text
    assert "being told now" not in response.text


def test_sending_a_letter_logs_no_patron_data(
    escalated, director, smtp_server, eager_tasks, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level("DEBUG")
    with capture_all_logs() as logs:
        _decide(escalated, director, django_capture_on_commit_callbacks)
        smtp_server.wait_for(1)
    # The test's own SMTP server (aiosmtpd, logger "mail.log") is not the application.
    texts = [t for t in logs.texts if not t.startswith("mail.log ")]
    texts += [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    secrets = {
        "Jo Example": "patron name",
        "jo@example.org": "patron address",
        REASONS: "decision reasons",
    }
    assert leaks(texts, secrets) == []


def test_the_log_check_would_catch_a_letter_body_in_a_log(caplog):
    import logging

    caplog.set_level("DEBUG")
    with capture_all_logs() as logs:
        logging.getLogger("complaints").debug("letter to %s: %s", "jo@example.org", REASONS)
    assert leaks(logs.texts, {"jo@example.org": "address", REASONS: "reasons"}) != []


@pytest.mark.integration
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_decision_letter_through_redis(
    log_complaint, supervisor, director, smtp_server
):
    complaint = log_complaint()
    services.complaint_escalate(complaint=complaint, acting_user=supervisor, assignee=director)
    # Decided without the on-commit queueing, then queued on a queue of its own.
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.DECIDED,
        decision=Complaint.Decision.UPHELD,
        decision_reasons=REASONS,
        decided_by=director,
        decided_at=MONDAY_10,
        appeal_due=MONDAY_10,
    )
    with celery_worker("complaints-test", EMAIL_URL=smtp_server.url, SITE_URL=SITE) as (
        queue,
        _,
    ):
        tasks.send_decision_letter.apply_async(args=[complaint.pk], queue=queue)
        (letter,) = smtp_server.wait_for(1, timeout=90)
        assert letter.rcpt_tos == ["jo@example.org"]
        assert "Dear Jo Example" in letter.text() and REASONS in letter.text()
    complaint.refresh_from_db()
    assert complaint.letter_sent_at is not None


def test_the_escalation_screen_says_how_the_assignee_was_told(
    client, log_complaint, supervisor, director
):
    director.email = ""
    director.save()
    director.staff_profile.display_name = "Morgan"
    director.staff_profile.save()
    complaint = log_complaint()
    client.force_login(supervisor)
    response = client.post(
        reverse("complaints:escalate", args=[complaint.pk]),
        {"assignee": director.pk, "note": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "Told Morgan in the app only (no e-mail address on file)." in response.text
