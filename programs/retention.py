"""Retention handler of program sign-ups and attendance (DESIGN section 7:
30 days after the program by default).

Who signed up or attended (patron, card, name and phone) is erased; the
program, branch, status, attendance, age band and patron category stay,
so attendance counts survive. Legal holds on the patron keep the rows.
Discovered by the retention engine at start-up.
"""

from __future__ import annotations

from programs.models import ProgramSignup
from retention import sql
from retention.audit import audit_scrub_step
from retention.batches import this_row
from retention.context import Fragment, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.registry import register
from retention.vocabulary import Action, RecordType

_PROGRAM = "(SELECT p.{col} FROM programs_program p WHERE p.id = t.program_id)"


@register
class ProgramSignupHandler(SimpleHandler):
    """Sign-ups of programs that ended more than the period ago."""

    record_type = RecordType.PROGRAM_SIGNUPS
    model_label = "programs.ProgramSignup"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = (_PROGRAM.format(col="starts_at"), _PROGRAM.format(col="ends_at"))
    personal_sql = (
        "t.patron_id IS NOT NULL OR t.card_id IS NOT NULL "
        "OR t.guest_name <> '' OR t.guest_phone <> ''"
    )
    audit_keys = ("patron", "card", "guest_name", "guest_phone")

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return (
            "EXISTS (SELECT 1 FROM programs_program p WHERE p.id = t.program_id "
            "AND p.ends_at < %s)",
            [sql.dt(ctx.cutoff(rule))],
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        return [
            audit_scrub_step(ProgramSignup, self.audit_keys),
            (
                "UPDATE programs_programsignup AS t SET patron_id = NULL, card_id = NULL, "
                "guest_name = '', guest_phone = '', anonymized_at = %s "
                f"WHERE {this_row()}",
                [sql.dt(ctx.now)],
            ),
        ]
