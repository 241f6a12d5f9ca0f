"""Killed with SIGKILL mid-run and run again, the expunge job reaches the
same end state as a run that was never interrupted."""

from __future__ import annotations

import datetime
import signal
import subprocess
import time

import pytest
from django.db import connection
from django.utils import timezone

from catalogue.models import Title
from circulation.models import Fee, Hold, Item, Loan
from patrons.barcodes import make_card_barcode, make_item_barcode
from patrons.models import Card, Patron
from retention.models import LegalHold
from retention.services import retention_expunge
from tests.retention.helpers import AS_OF, snapshot
from tests.retention.subprocess_env import PYTHON, ROOT, subprocess_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LOANS = 6000
PATRONS = 60


def ago(days: int, hour: int = 12) -> datetime.datetime:
    day = AS_OF - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build(branch) -> int:
    """The same rows, with the same ids, every time. Returns how many loans
    are due for anonymizing."""
    patrons = []
    for i in range(1, PATRONS + 1):
        inactive = i > PATRONS - 5
        patrons.append(
            Patron(
                pk=i,
                first_name=f"First{i}",
                last_name=f"Last{i}",
                email=f"p{i}@example.org",
                home_branch=branch,
                date_of_birth=datetime.date(1950 + i, 1, 2),
                keeps_loan_history=i % 10 == 0,
                created_at=ago(3000 if inactive else 100),
            )
        )
    Patron.objects.bulk_create(patrons)
    Card.objects.bulk_create(
        Card(
            pk=i,
            patron_id=i,
            barcode=make_card_barcode(10_000 + i),
            expires_on=AS_OF - datetime.timedelta(days=2000 if i > PATRONS - 5 else -300),
            issued_on=datetime.date(2020, 1, 1),
            status_changed_at=ago(3000),
        )
        for i in range(1, PATRONS + 1)
    )
    Title.objects.bulk_create(Title(pk=i, title=f"Item {i}") for i in range(1, LOANS + 1))
    Item.objects.bulk_create(
        Item(
            pk=i,
            barcode=make_item_barcode(50_000 + i),
            title=f"Item {i}",
            title_record_id=i,
            home_branch=branch,
        )
        for i in range(1, LOANS + 1)
    )
    loans = []
    for i in range(1, LOANS + 1):
        patron_id = i % (PATRONS - 5) + 1
        returned = ago(i % 120)
        loans.append(
            Loan(
                pk=i,
                item_id=i,
                patron_id=patron_id,
                card_id=patron_id,
                branch=branch,
                checked_out_at=returned - datetime.timedelta(days=14),
                due_at=returned + datetime.timedelta(days=7),
                returned_at=returned,
                patron_category="adult",
            )
        )
    Loan.objects.bulk_create(loans)
    Fee.objects.bulk_create(
        Fee(
            pk=i,
            loan_id=i,
            patron_id=i % (PATRONS - 5) + 1,
            branch=branch,
            kind=Fee.Kind.OVERDUE,
            amount=1,
            status=Fee.Status.OPEN if i % 2 else Fee.Status.PAID,
            created_at=ago(200),
            closed_at=None if i % 2 else ago(400 if i % 3 else 10),
        )
        for i in range(7, LOANS + 1, 97)
    )
    Hold.objects.bulk_create(
        Hold(
            pk=i,
            item_id=i,
            title_record_id=i,
            patron_id=i % PATRONS + 1,
            pickup_branch=branch,
            status=Hold.Status.FULFILLED,
            placed_at=ago(i % 90 + 5),
            closed_at=ago(i % 90),
        )
        for i in range(1, 400)
    )
    LegalHold.objects.create(pk=1, patron_id=3, reason="Preservation order", created_at=ago(5))
    LegalHold.objects.create(
        pk=2, patron_id=PATRONS, reason="Preservation order", created_at=ago(5)
    )
    with connection.cursor() as cursor:
        # What autovacuum does to a table this size in production.
        cursor.execute("ANALYZE circulation_loan, circulation_fee, patrons_patron")
    return (
        retention_expunge(as_of=AS_OF, dry_run=True, record_run=False)
        .record_types["returned_loans"]
        .expunged
    )


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE circulation_fee, circulation_hold, circulation_loan, circulation_item, "
            "catalogue_title, retention_legalhold, patrons_card, patrons_patron, auditlog_logentry CASCADE"
        )


def anonymized_loans() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM circulation_loan WHERE anonymized_at IS NOT NULL")
        return cursor.fetchone()[0]


def test_a_run_killed_mid_way_and_rerun_ends_as_an_uninterrupted_run(branch):
    due = build(branch)
    assert due > 2000
    command = [PYTHON, "manage.py", "expunge", "--as-of", AS_OF.isoformat(), "--batch-size", "5"]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        done = 0
        while time.monotonic() < deadline and proc.poll() is None:
            done = anonymized_loans()
            if done >= 50:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    partial = anonymized_loans()
    assert 0 < partial < due, "killed mid-run, after some batches were committed"

    retention_expunge(as_of=AS_OF, batch_size=50)
    after_crash = snapshot(ignore_run_times=True)

    reset()
    build(branch)
    retention_expunge(as_of=AS_OF)
    uninterrupted = snapshot(ignore_run_times=True)

    assert anonymized_loans() == due
    assert after_crash == uninterrupted
