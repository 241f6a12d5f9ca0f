"""Retention handlers of the desk's record types (DESIGN section 7):

- `inquiries`: the question and answer text and any patron link, 30 days
  after the inquiry by default; the row and its counts stay.
- `callbacks`: the caller's name, phone, e-mail and what it was about,
  7 days after the callback was done or cancelled by default, or after the
  promised time when it never was.
- `waiting_list`: the first name or ticket number and the reason, once the
  branch's day has ended (the period adds days on top; 0 by default).
  desk/tasks.py also forgets them hourly, so that a name never outlives
  its day by more than an hour even between daily runs.

Discovered by the retention engine at start-up. Statuses come from the
models' constants, as parameters.
"""

from __future__ import annotations

from retention import sql
from retention.context import Fragment, Rule, RunContext
from retention.handlers import FREE_TEXT_REMOVED, SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, Default, RecordType

WAITING_LIST = "waiting_list"


@register
class InquiryHandler(SimpleHandler):
    """Inquiries and reference questions: the text and the patron go; the
    branch, desk, time, channel, type, READ level and minutes stay."""

    record_type = RecordType.INQUIRIES
    model_label = "desk.Inquiry"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.recorded_at", "t.recorded_at")
    date_column = "t.recorded_at"
    # An inquiry is due when it was recorded before the cutoff: a nightly
    # pass reads the ones recorded since its last bound (inquiry_recent_idx),
    # not the three years of traffic whose text is long gone. The keyset
    # stays the id: a full pass reads the table in its physical order (by
    # recorded_at, it walked the index over every row: 2.7 times slower).
    incremental_column = "t.recorded_at"
    personal_sql = "t.question <> '' OR t.answer <> '' OR t.patron_id IS NOT NULL"
    anonymize_sets = {
        "question": FREE_TEXT_REMOVED,
        "answer": FREE_TEXT_REMOVED,
        "patron_id": "NULL",
        "text_erased_at": "CURRENT_TIMESTAMP",
    }
    audit_keys = ("patron", "question", "answer")


@register
class CallbackHandler(SimpleHandler):
    """Callbacks: who to call and about what go the period after the
    callback was done or cancelled, or, when it never was, after the time
    promised to the caller; the branch, channel and times (for the on-time
    percentage) stay."""

    record_type = RecordType.CALLBACKS
    model_label = "desk.Callback"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    span = ("t.created_at", "COALESCE(t.done_at, t.promised_at)")
    date_column = "COALESCE(t.done_at, t.promised_at)"
    personal_sql = "t.name <> '' OR t.phone <> '' OR t.email <> '' OR t.about <> ''"
    anonymize_sets = {
        "name": "''",
        "phone": "''",
        "email": "''",
        "about": FREE_TEXT_REMOVED,
        "contact_erased_at": "CURRENT_TIMESTAMP",
    }
    audit_keys = ("name", "phone", "email", "about")


@register
class WaitingListHandler(SimpleHandler):
    """The desk waiting list: names and reasons go when the day ends; the
    times (how long people waited) stay."""

    record_type = WAITING_LIST
    label = "Desk waiting-list names"
    default = Default(0, Action.ANONYMIZE)
    model_label = "desk.WaitingEntry"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    date_column = "t.forget_after"
    personal_sql = "t.name <> '' OR t.reason <> ''"
    anonymize_sets = {
        "name": "''",
        "reason": "''",
        "name_erased_at": "CURRENT_TIMESTAMP",
    }
    audit_keys = ("name", "reason")

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        # Never before the day has ended, whatever the period says; the
        # run's moment, not the real clock, so that --as-of a later date
        # forgets what that date would.
        cutoff = min(ctx.moment, ctx.cutoff(rule))
        return "t.forget_after <= %s", [sql.dt(cutoff)]
