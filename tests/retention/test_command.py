"""python manage.py expunge: a stable interface (DESIGN section 7)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from retention.models import ExpungeRun
from retention.vocabulary import RecordType
from tests.retention.helpers import AS_OF, returned_loan

pytestmark = pytest.mark.django_db


def expunge(*args):
    out = StringIO()
    call_command("expunge", *args, stdout=out)
    return out.getvalue()


def test_json_output_reports_every_record_type_with_expunged_and_kept_counts(patron, card):
    returned_loan(patron=patron, returned_days_ago=45)
    returned_loan(patron=patron, returned_days_ago=3)

    data = json.loads(expunge("--as-of", AS_OF.isoformat(), "--json"))

    assert data["as_of"] == AS_OF.isoformat() and data["dry_run"] is False
    assert set(data["record_types"]) == {
        *RecordType.values,
        "reconsiderations",
        "comment_cards",
        "legal_requests",
        "computer_queue",
        "waiting_list",
        "sip2_pins",
        "patron_notices",
        "notice_preferences",
    }
    loans = data["record_types"]["returned_loans"]
    assert loans == {
        "available": True,
        "action": "anonymize",
        "expunged": 1,
        "kept": {"retention_period": 1},
    }
    assert data["errors"] == []


def test_dry_run_counts_without_changing_anything(patron, card):
    loan = returned_loan(patron=patron, returned_days_ago=45)

    data = json.loads(expunge("--dry-run", "--as-of", AS_OF.isoformat(), "--json"))

    assert data["dry_run"] is True
    assert data["record_types"]["returned_loans"]["expunged"] == 1
    loan.refresh_from_db()
    assert loan.patron_id == patron.pk


def test_text_output_names_each_record_type_and_reason(patron, card):
    returned_loan(patron=patron, returned_days_ago=3)

    text = expunge("--as-of", AS_OF.isoformat())

    assert "Retention as of 2026-06-30" in text
    assert "returned_loans (Returned loans): expunged 0 (anonymize), kept 1" in text
    assert "[retention_period]" in text


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "30/06/2026", ""])
def test_a_bad_date_is_a_clear_error(bad):
    with pytest.raises(CommandError, match="--as-of must be a date written YYYY-MM-DD"):
        expunge("--as-of", bad)
    assert not ExpungeRun.objects.exists()


def test_the_command_records_its_run():
    expunge("--as-of", AS_OF.isoformat())

    run = ExpungeRun.objects.get()
    assert run.trigger == ExpungeRun.Trigger.COMMAND and run.finished_at is not None
