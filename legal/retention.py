"""Retention of legal requests (DESIGN section 7: 7 years after close), a
record type this app declares, and the desk referral each request keeps.

Discovered by the retention engine at start-up. A request is deleted with
everything kept beside it (patrons named, holds' links, timeline, scans,
productions and their files, notices); the files leave storage after the
batch commits (retention.PendingFileDeletion).
"""

from __future__ import annotations

from typing import Any

from legal.models import LegalRequest
from privacy.retention import keep_disclosure_logs
from retention import sql
from retention.audit import audit_scrub_step
from retention.context import Fragment, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, Default, KeptReason

SEVEN_YEARS = 7 * 365
DOCUMENT_FILES = "legal.LegalDocument.file"
PRODUCTION_FILES = "legal.ProductionFile.file"

keep_disclosure_logs(
    "legal.referral",
    KeptReason.LEGAL_REQUEST.value,
    "EXISTS (SELECT 1 FROM legal_legalrequest r WHERE r.referral_id = t.id)",
)


@register
class LegalRequestHandler(SimpleHandler):
    """Closed legal requests, deleted 7 years after they closed (by
    default). An open request is never due; its patrons' records are kept
    by its holds meanwhile."""

    record_type = "legal_requests"
    label = "Closed legal requests"
    default = Default(SEVEN_YEARS, Action.DELETE)
    model_label = "legal.LegalRequest"
    companion_models = (
        "legal.LegalRequestPatron",
        "legal.LegalRequestHold",
        "legal.LegalEvent",
        "legal.LegalDocument",
        "legal.SeizedItem",
        "legal.Production",
        "legal.ProductionFile",
        "legal.PatronNotice",
    )
    actions = (Action.DELETE,)
    branch_column = "t.branch_id"
    date_column = "t.closed_at"
    finished_sql = "t.status = %s AND t.closed_at IS NOT NULL"

    def finished_params(self) -> list[Any]:
        return [LegalRequest.Status.CLOSED.value]

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        requests = sql.in_batch("request_id")
        productions = f"SELECT p.id FROM legal_production p WHERE {sql.in_batch('p.request_id')}"
        return [
            audit_scrub_step(LegalRequest, (), delete=True),
            (
                "INSERT INTO retention_pendingfiledeletion (source, name, created_at) "
                "SELECT %s, d.file, %s FROM legal_legaldocument d "
                f"WHERE {sql.in_batch('d.request_id')} AND d.file <> ''",
                [DOCUMENT_FILES, sql.dt(ctx.now)],
            ),
            (
                "INSERT INTO retention_pendingfiledeletion (source, name, created_at) "
                "SELECT %s, f.file, %s FROM legal_productionfile f "
                f"WHERE {sql.in_query('f.production_id', productions)} AND f.file <> ''",
                [PRODUCTION_FILES, sql.dt(ctx.now)],
            ),
            (
                f"DELETE FROM legal_productionfile WHERE "
                f"{sql.in_query('production_id', productions)}",
                [],
            ),
            (f"DELETE FROM legal_production WHERE {requests}", []),
            (f"DELETE FROM legal_legaldocument WHERE {requests}", []),
            (f"DELETE FROM legal_legalevent WHERE {requests}", []),
            (f"DELETE FROM legal_seizeditem WHERE {requests}", []),
            (f"DELETE FROM legal_patronnotice WHERE {requests}", []),
            (f"DELETE FROM legal_legalrequestpatron WHERE {requests}", []),
            (f"DELETE FROM legal_legalrequesthold WHERE {requests}", []),
            (f"DELETE FROM {self.table()} WHERE {sql.in_batch('id')}", []),
        ]
