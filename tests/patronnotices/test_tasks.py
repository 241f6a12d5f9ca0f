"""The beat's job through Redis on real Celery workers: run twice, and on
two workers at once, each notice is queued once and sent once."""

from __future__ import annotations

import datetime
import time

import pytest

from patronnotices.models import NoticeSettings, PatronNotice
from patronnotices.tasks import notices_run_task
from tests.celery_worker import celery_worker
from tests.patronnotices import helpers as h

PATRONS = 40


@pytest.mark.integration
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_twice_send_each_notice_once(smtp_server, sms_provider):
    # The workers read the real clock: the holds were put on the shelf just
    # now, which is inside today's window at any hour in any zone.
    branch = h.ny_branch()
    # No quiet hours: the test runs at any hour.
    NoticeSettings.objects.create(
        branch=branch, quiet_hours_start=datetime.time(0), quiet_hours_end=datetime.time(0)
    )
    texted = set()
    for n in range(PATRONS):
        reader = h.patron(branch, email=f"reader{n}@example.org", phone=f"508-555-{1000 + n}")
        if n % 4 == 0:
            h.prefer(reader, "sms")
            texted.add(f"+1508555{1000 + n}")
        h.hold_ready(reader, branch, ready_at=h.timezone.now())
    env = {
        "EMAIL_URL": smtp_server.url,
        "SMS_PROVIDER_URL": sms_provider.url,
        "SMS_PROVIDER_TOKEN": "t",
        "SMS_SENDER": "+15085550000",
    }
    with (
        celery_worker("notices-beat", **env) as (queue, first),
        celery_worker("notices-beat", queue=queue, **env) as (_, second),
    ):
        for _ in range(4):  # two at once on two workers, then twice more
            notices_run_task.apply_async(queue=queue)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert first.poll() is None and second.poll() is None
            done = PatronNotice.objects.exclude(status=PatronNotice.Status.QUEUED).count()
            if done == PATRONS:
                break
            time.sleep(0.3)
        # Let any duplicate the workers might still send arrive.
        time.sleep(3)
    assert PatronNotice.objects.count() == PATRONS
    assert set(PatronNotice.objects.values_list("status", flat=True)) == {"sent"}
    emailed = [m.rcpt_tos[0] for m in smtp_server.messages]
    assert len(emailed) == len(set(emailed)) == PATRONS - len(texted)
    numbers = [m["to"] for m in sms_provider.messages]
    assert sorted(numbers) == sorted(texted)
