"""The daily retention task, its beat schedule, and a real Celery worker."""

from __future__ import annotations

import time

import pytest
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from circulation.models import Loan
from config.celery import app
from retention import schedule
from retention.models import ExpungeRun
from retention.tasks import retention_expunge_task
from tests.celery_worker import celery_worker
from tests.retention.helpers import AS_OF, returned_loan


@pytest.mark.django_db
def test_the_task_runs_the_service_and_records_the_run(patron, card):
    loan = returned_loan(patron=patron, returned_days_ago=40)

    run_id = retention_expunge_task.apply(kwargs={"as_of": AS_OF.isoformat()}).get()

    run = ExpungeRun.objects.get(pk=run_id)
    assert run.trigger == ExpungeRun.Trigger.SCHEDULE and run.finished_at is not None
    assert Loan.objects.get(pk=loan.pk).patron_id is None


def test_beat_runs_the_job_daily_at_the_configured_time(settings):
    app.finalize()
    entry = app.conf.beat_schedule["retention-expunge-daily"]
    assert entry["task"] == "retention.expunge"
    assert isinstance(entry["schedule"], crontab)

    settings.RETENTION_RUN_AT = "22:05"
    assert schedule.run_at() == (22, 5)
    settings.RETENTION_RUN_AT = "25:00"
    with pytest.raises(ImproperlyConfigured, match="RETENTION_RUN_AT"):
        schedule.run_at()


@pytest.mark.integration
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_runs_the_task_through_redis(patron, card):
    loan = returned_loan(patron=patron, returned_days_ago=40)
    with celery_worker("retention-test") as (queue, worker):
        retention_expunge_task.apply_async(kwargs={"as_of": AS_OF.isoformat()}, queue=queue)
        deadline = time.monotonic() + 90
        run = None
        while time.monotonic() < deadline and worker.poll() is None:
            run = ExpungeRun.objects.filter(
                trigger=ExpungeRun.Trigger.SCHEDULE, finished_at__isnull=False
            ).first()
            if run is not None:
                break
            time.sleep(0.3)
        assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
        assert run is not None, "the worker never recorded the run"
        assert run.as_of == AS_OF and run.counts["returned_loans"]["expunged"] == 1
        assert Loan.objects.get(pk=loan.pk).patron_id is None
