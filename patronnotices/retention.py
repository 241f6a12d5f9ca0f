"""Retention of patron notices (DESIGN section 7: "notices their own
(default 90 days)"). A notice row says which patron was told what kind of
thing, by which channel, and links the loan, hold, fee or card it was
about: it is deleted, whole, the period after it was sent (or given up).
A notice still queued is never due. A patron's notice preference goes
when the patron is de-identified. Discovered by the retention engine."""

from __future__ import annotations

from typing import Any

from patronnotices.models import PatronNotice
from retention.context import Fragment, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, Default

NOTICES = "patron_notices"
PREFERENCES = "notice_preferences"


@register
class PatronNoticeHandler(SimpleHandler):
    record_type = NOTICES
    label = "Notices sent to patrons"
    default = Default(90, Action.DELETE)
    model_label = "patronnotices.PatronNotice"
    actions = (Action.DELETE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.queued_at", "COALESCE(t.sent_at, t.queued_at)")
    date_column = "COALESCE(t.sent_at, t.queued_at)"
    finished_sql = "t.status <> %s"
    audit_keys = ("patron", "loan", "hold", "fee", "card")

    def finished_params(self) -> list[Any]:
        return [PatronNotice.Status.QUEUED.value]


@register
class NoticePreferenceHandler(SimpleHandler):
    """How a patron wants to hear from the library: kept while the patron
    is, removed with their de-identification."""

    record_type = PREFERENCES
    label = "Notice preferences (removed when the patron is de-identified)"
    default = Default(0, Action.DELETE)
    model_label = "patronnotices.NoticePreference"
    actions = (Action.DELETE,)
    patron_column = "t.patron_id"
    date_column = "t.updated_at"
    audit_keys = ("patron",)

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return (
            "EXISTS (SELECT 1 FROM patrons_patron p WHERE p.id = t.patron_id"
            " AND p.deidentified_at IS NOT NULL)",
            [],
        )
