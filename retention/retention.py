"""The engine's own record type: django-auditlog access entries (who
looked at a patron's record, and when). Discovered like every app's
`retention.py`."""

from __future__ import annotations

from auditlog.models import LogEntry

from patrons.models import Patron
from retention import sql
from retention.audit import content_type_id
from retention.context import Fragment, Rule, RunContext
from retention.handlers import RecordHandler
from retention.registry import register
from retention.vocabulary import Action, RecordType


@register
class AccessLogHandler(RecordHandler):
    """Access entries are deleted when their period is over; other audit
    entries go with the records they describe (retention.audit)."""

    record_type = RecordType.ACCESS_LOG
    held_with_every_scope = True
    model_label = "auditlog.LogEntry"
    actions = (Action.DELETE,)

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.action = %s", [LogEntry.Action.ACCESS]

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.timestamp < %s", [sql.dt(ctx.cutoff(rule))]

    def held_sql(self) -> Fragment:
        return (
            "EXISTS (SELECT 1 FROM retention_legalhold h WHERE t.content_type_id = %s "
            "AND h.patron_id = t.object_id AND h.released_at IS NULL "
            f"AND {sql.json_list_covers('h.record_types')})",
            [content_type_id(Patron), self.record_type],
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        return [(f"DELETE FROM {self.table()} WHERE {sql.in_batch('id')}", [])]
