"""Retention handler of the disclosure log (DESIGN section 7: one year),
discovered by the retention engine at start-up."""

from __future__ import annotations

from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import RecordType


@register
class DisclosureLogHandler(SimpleHandler):
    """Disclosure-flow runs: deleted (default) or stripped of the patron
    and of the referral note, which may describe the request."""

    record_type = RecordType.DISCLOSURE_LOG
    model_label = "privacy.DisclosureLog"
    jurisdiction_column = "t.jurisdiction_code"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.created_at")
    personal_sql = "t.patron_id IS NOT NULL OR t.referral_note <> ''"
    anonymize_sets = {"patron_id": "NULL", "referral_note": "''"}
    audit_keys = ("patron", "referral_note")
