"""Retention handlers of public-computer use (DESIGN section 7): who used
which station is erased one day after the session by default (Seattle
Public Library: "The Library purges all patron booking information
daily"), and so is who waited in the queue.

The station, branch, day, minutes, age band, patron category and whether it
was a guest pass stay, so the counts survive. Legal holds on the patron
keep the rows. Discovered by the retention engine at start-up.
"""

from __future__ import annotations

from computers.models import ComputerSession
from retention import sql
from retention.audit import audit_scrub_step
from retention.batches import this_row
from retention.context import Fragment, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, Default, RecordType

LINKS = "t.patron_id IS NOT NULL OR t.card_id IS NOT NULL OR t.guest_pass_id IS NOT NULL"


@register
class ComputerSessionHandler(SimpleHandler):
    """Ended sessions lose their patron, card and guest pass."""

    record_type = RecordType.COMPUTER_SESSIONS
    model_label = "computers.ComputerSession"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.started_at", "COALESCE(t.ended_at, t.ends_at)")
    date_column = "t.ended_at"
    finished_sql = "t.ended_at IS NOT NULL"
    personal_sql = LINKS
    audit_keys = ("patron", "card", "guest_pass")

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        return [
            audit_scrub_step(ComputerSession, self.audit_keys),
            (
                "UPDATE computers_computersession AS t SET patron_id = NULL, card_id = NULL, "
                f"guest_pass_id = NULL, anonymized_at = %s WHERE {this_row()}",
                [sql.dt(ctx.now)],
            ),
        ]


@register
class QueueEntryHandler(SimpleHandler):
    """Queue tickets lose whom they were for a day after they were taken."""

    record_type = "computer_queue"
    label = "Public-computer queue"
    default = Default(1, Action.ANONYMIZE)
    model_label = "computers.QueueEntry"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.created_at", "COALESCE(t.closed_at, t.created_at)")
    date_column = "t.created_at"
    personal_sql = LINKS
    anonymize_sets = {"patron_id": "NULL", "card_id": "NULL", "guest_pass_id": "NULL"}
    audit_keys = ("patron", "card", "guest_pass")
