"""Retention handlers of the complaints app's record types (DESIGN section
7): closed complaints and closed incidents, each de-identified three years
after it closed by default.

Discovered by the retention engine at start-up. Statuses come from the
models' constants, as parameters.
"""

from __future__ import annotations

from typing import Any

from complaints.models import Complaint, ComplaintAttachment
from retention import sql
from retention.audit import audit_scrub_step
from retention.context import Fragment, RunContext
from retention.handlers import FREE_TEXT_REMOVED, SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, RecordType

ATTACHMENT_FILES = "complaints.ComplaintAttachment.file"


def _any_text(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"t.{c} <> ''" for c in columns)


@register
class ComplaintHandler(SimpleHandler):
    """Closed complaints, 3 years after closing: who complained, how to reach
    them, every free-text field (which may name them) and the attached
    files are removed; the category, branch, dates, clocks and decision stay
    for reports.

    Attached files leave storage after the batch commits: the batch deletes
    the attachment rows and queues their files (PendingFileDeletion), and
    the engine deletes what is queued, now or in the next run.
    """

    record_type = RecordType.COMPLAINTS
    model_label = "complaints.Complaint"
    companion_models = ("complaints.ComplaintEvent", "complaints.ComplaintAttachment")
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.closed_at")
    date_column = "t.closed_at"
    finished_sql = "t.status = %s AND t.closed_at IS NOT NULL"
    text_columns = (
        "description",
        "informal_explanation",
        "alternative_offered",
        "decision_reasons",
        "appeal_grounds",
        "closing_note",
    )
    personal_sql = (
        "t.patron_id IS NOT NULL OR t.patron_name <> '' OR t.contact_email <> '' "
        f"OR t.contact_phone <> '' OR {_any_text(text_columns)}"
        " OR EXISTS (SELECT 1 FROM complaints_complaintattachment a WHERE a.complaint_id = t.id)"
    )
    anonymize_sets = {
        "patron_id": "NULL",
        "patron_name": "''",
        "contact_email": "''",
        "contact_phone": "''",
        **{c: FREE_TEXT_REMOVED for c in text_columns},
    }
    audit_keys = ("patron", "patron_name", "contact_email", "contact_phone", *text_columns)

    def finished_params(self) -> list[Any]:
        return [Complaint.Status.CLOSED.value]

    def companion_steps(self, ctx: RunContext) -> list[Fragment]:
        attachments = (
            "SELECT a.id, a.file FROM complaints_complaintattachment a "
            f"WHERE {sql.in_batch('a.complaint_id')}"
        )
        return [
            (
                "UPDATE complaints_complaintevent SET note = '' "
                f"WHERE {sql.in_batch('complaint_id')} AND note <> ''",
                [],
            ),
            # The entries name the file as uploaded, which may name the patron.
            audit_scrub_step(
                ComplaintAttachment, [], delete=True, ids=f"SELECT id FROM ({attachments}) a"
            ),
            (
                "INSERT INTO retention_pendingfiledeletion (source, name, created_at) "
                f"SELECT %s, a.file, %s FROM ({attachments}) a WHERE a.file <> ''",
                [ATTACHMENT_FILES, sql.dt(ctx.now)],
            ),
            (
                f"DELETE FROM complaints_complaintattachment WHERE {sql.in_batch('complaint_id')}",
                [],
            ),
        ]


@register
class IncidentHandler(SimpleHandler):
    """Closed incidents, 3 years after closing: the patron link and the
    narrative go; type, branch, dates and whether 911 was called stay."""

    record_type = RecordType.INCIDENTS
    model_label = "complaints.Incident"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.occurred_at", "t.closed_at")
    date_column = "t.closed_at"
    finished_sql = "t.closed_at IS NOT NULL"
    personal_sql = (
        "t.patron_id IS NOT NULL OR t.description <> '' OR t.action_taken <> '' "
        "OR t.closing_note <> ''"
    )
    anonymize_sets = {
        "patron_id": "NULL",
        "description": "''",
        "action_taken": "''",
        "closing_note": "''",
    }
    audit_keys = ("patron", "description", "action_taken", "closing_note")
