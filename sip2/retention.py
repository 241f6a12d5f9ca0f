"""Retention of self-service PINs (DESIGN section 7: every table holding
a patron's link has a rule). A PIN is deleted once the patron's last card
expired the period ago (default one year), and with the patron when the
patron is de-identified. Discovered by the retention engine at start-up.
"""

from __future__ import annotations

from retention import sql
from retention.context import Fragment, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, Default


@register
class PatronPinHandler(SimpleHandler):
    """PINs of patrons with no card valid since the cutoff day."""

    record_type = "sip2_pins"
    label = "Self-service PINs"
    default = Default(365, Action.DELETE)
    model_label = "sip2.PatronPin"
    actions = (Action.DELETE,)
    branch_column = "(SELECT p.home_branch_id FROM patrons_patron p WHERE p.id = t.patron_id)"
    patron_column = "t.patron_id"
    date_column = "t.set_at"
    personal_sql = "1 = 1"
    audit_keys = ("patron",)

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return (
            "NOT EXISTS (SELECT 1 FROM patrons_card c WHERE c.patron_id = t.patron_id "
            "AND c.expires_on > %s)",
            [sql.day(ctx.cutoff_day(rule))],
        )
