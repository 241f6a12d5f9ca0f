"""Retention handler of the disclosure log (DESIGN section 7: one year),
discovered by the retention engine at start-up."""

from __future__ import annotations

from typing import Any

from retention.context import KeptCondition, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import RecordType

# Other apps that keep some disclosure-log rows past their period say so
# here: (kept reason, SQL true for a row of `t` they keep). A legal request
# keeps the desk referral that opened it for as long as it is kept itself.
KEEPERS: dict[str, tuple[str, str]] = {}


def keep_disclosure_logs(name: str, reason: str, condition: str) -> None:
    """Keep the due disclosure-log rows for which `condition` holds."""
    KEEPERS[name] = (reason, condition)


@register
class DisclosureLogHandler(SimpleHandler):
    """Disclosure-flow runs: deleted (default) or stripped of the patron
    and of the referral note, which may describe the request."""

    record_type = RecordType.DISCLOSURE_LOG
    held_with_every_scope = True
    model_label = "privacy.DisclosureLog"
    jurisdiction_column = "t.jurisdiction_code"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.created_at")
    personal_sql = "t.patron_id IS NOT NULL OR t.referral_note <> ''"
    anonymize_sets = {"patron_id": "NULL", "referral_note": "''"}
    audit_keys = ("patron", "referral_note")

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[KeptCondition]:
        params: list[Any] = []
        return [(reason, condition, params) for reason, condition in KEEPERS.values()]
