"""Retention handlers of the complaints app's record types (DESIGN section
7): closed complaints, closed incidents, closed reconsideration requests
and comment cards that carry a name or contact, each de-identified three
years after it closed (was received) by default.

Discovered by the retention engine at start-up. Statuses come from the
models' constants, as parameters.
"""

from __future__ import annotations

import datetime
from typing import Any

from complaints.models import Complaint, ComplaintAttachment, ReconsiderationRequest
from retention import sql
from retention.audit import audit_scrub_step
from retention.context import Fragment, Rule, RunContext
from retention.handlers import FREE_TEXT_REMOVED, SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, Default, RecordType

THREE_YEARS = 3 * 365
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
    # A closed complaint is due when it closed before the cutoff (closing
    # always sets closed_at to the moment): a nightly pass reads the ones
    # closed since its last bound (complaint_status_closed_idx).
    incremental_column = "t.closed_at"
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


@register
class ReconsiderationHandler(SimpleHandler):
    """Closed requests for reconsideration of an item, 3 years after
    closing, or at once when the requester's patron record has been
    de-identified: who asked (name, patron, e-mail, address) and every
    free-text field (the requester's words, the reasons written to them)
    are removed; the item, branch, basis of eligibility, dates, decision
    and committee stay, as the item's review history."""

    record_type = "reconsiderations"
    label = "Closed reconsideration requests"
    default = Default(THREE_YEARS, Action.ANONYMIZE)
    model_label = "complaints.ReconsiderationRequest"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.requester_patron_id"
    span = ("t.received_at", "t.closed_at")
    date_column = "t.closed_at"
    finished_sql = "t.status = %s AND t.closed_at IS NOT NULL"
    text_columns = ("objection", "requested_action", "decision_reasons", "appeal_grounds")
    personal_sql = (
        "t.requester_patron_id IS NOT NULL OR t.requester_name <> '' "
        "OR t.requester_email <> '' OR t.requester_address <> '' OR " + _any_text(text_columns)
    )
    anonymize_sets = {
        "requester_patron_id": "NULL",
        "requester_name": "''",
        "requester_email": "''",
        "requester_address": "''",
        **{c: FREE_TEXT_REMOVED for c in text_columns},
    }
    audit_keys = (
        "requester_patron",
        "requester_name",
        "requester_email",
        "requester_address",
        *text_columns,
    )

    def finished_params(self) -> list[Any]:
        return [ReconsiderationRequest.Status.CLOSED.value]

    # A nightly pass reads the requests closed since its last bound, and
    # the others that may have become due since the last run (`lanes`).
    # A few thousand rows even in a consortium: no index on closed_at; the
    # lanes spare the per-row probes of every pending request.
    incremental_column = "t.closed_at"

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        # A requester de-identified before this record type was handled
        # still has their closed requests named: those are due at once.
        return (
            "(t.closed_at < %s OR EXISTS (SELECT 1 FROM patrons_patron p "
            "WHERE p.id = t.requester_patron_id AND p.deidentified_at IS NOT NULL))",
            [sql.dt(ctx.cutoff(rule))],
        )

    def _deidentified_since(self, ctx: RunContext) -> Fragment:
        # De-identifying a patron sets updated_at with deidentified_at
        # (patron_updated_idx).
        query = (
            "SELECT p.id FROM patrons_patron p WHERE p.updated_at >= %s AND p.deidentified_at >= %s"
        )
        since = sql.dt(ctx.changed_since)
        return sql.in_query("t.requester_patron_id", query), [since, since]

    def revisits(self, ctx: RunContext, rule: Rule, bound: datetime.datetime) -> list[Fragment]:
        """Besides a lifted legal hold: a requester de-identified since."""
        return [*super().revisits(ctx, rule, bound), self._deidentified_since(ctx)]

    def lanes(self, ctx: RunContext, rule: Rule) -> list[Fragment | None]:
        """The keyset lanes (closed since the bound; revisited below it),
        and the requests closed after the cutoff that are due at once: the
        requester was de-identified since the last run, or the request
        closed since with its requester already de-identified."""
        lanes = super().lanes(ctx, rule)
        if lanes == [None]:
            return lanes
        gone, gone_params = self._deidentified_since(ctx)
        since = sql.dt(ctx.changed_since)
        lanes.append(
            (
                f"t.closed_at >= %s AND (t.closed_at >= %s OR {gone})",
                [sql.dt(ctx.cutoff(rule)), since, *gone_params],
            )
        )
        return lanes


@register
class CommentCardHandler(SimpleHandler):
    """Comment cards that carry a name or contact, 3 years after they were
    received: the name, the contact and the text (which may name the
    writer) are removed; branch, day, theme and whether the card was
    signed stay for the reports by theme. Anonymous cards hold nothing to
    remove."""

    record_type = "comment_cards"
    label = "Comment cards with a name or contact"
    default = Default(THREE_YEARS, Action.ANONYMIZE)
    model_label = "complaints.CommentCard"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    personal_sql = "t.name <> '' OR t.contact <> ''"
    anonymize_sets = {"name": "''", "contact": "''", "text": FREE_TEXT_REMOVED}
    audit_keys = ("name", "contact", "text")

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.received_on <= %s", [sql.day(ctx.cutoff_day(rule))]
