"""Retention handlers of circulation's record types: returned loans,
finished holds, paid and waived fees (DESIGN section 7).

Discovered by the retention engine at start-up. Statuses come from the
models' constants, as parameters.
"""

from __future__ import annotations

import datetime

from django.db import connection

from circulation.models import Fee, Hold, Loan
from retention import sql
from retention.audit import audit_scrub_step
from retention.batches import this_row
from retention.context import Fragment, KeptCondition, Rule, RunContext
from retention.handlers import RecordHandler
from retention.registry import register
from retention.vocabulary import Action, KeptReason, RecordType

FINISHED_HOLD_STATUSES = [s for s in Hold.Status if s not in Hold.OPEN_STATUSES]
# When a hold ended: the expression of the index hold_ended_idx.
HOLD_ENDED = "COALESCE(t.closed_at, t.ready_at, t.placed_at)"
CLOSED_FEE_STATUSES = [s for s in Fee.Status if s != Fee.Status.OPEN]

# The patron is looked up only for what the row does not already hold
# (checkout records the category on the loan).
PATRON_CATEGORY = (
    "CASE WHEN t.patron_category = '' THEN "
    "(SELECT p.category FROM patrons_patron p WHERE p.id = t.patron_id) "
    "ELSE t.patron_category END"
)


@register
class LoanHandler(RecordHandler):
    """Returned loans lose their patron, card and proxy; the item, branch,
    dates and the patron's category (birth year where the rule keeps it)
    stay for statistics. A loan with an open fee, or one closed within the
    period, waits for the fee; an opted-in patron keeps the history."""

    record_type = RecordType.RETURNED_LOANS
    model_label = "circulation.Loan"
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.checked_out_at", "t.returned_at")
    # Served by the partial index loan_returned_linked_idx.
    keyset = ("t.returned_at", "t.id")
    keeps_patron_history = True
    # A returned loan is due when its return is before the cutoff: a
    # nightly pass reads the returns since its last bound.
    incremental_column = "t.returned_at"

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.returned_at IS NOT NULL AND t.patron_id IS NOT NULL", []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.returned_at < %s", [sql.dt(ctx.cutoff(rule))]

    # The few patrons who keep a history, as one hashed set per statement:
    # cheaper than looking up the patron of every loan.
    _opted_in = "t.patron_id IN (SELECT p.id FROM patrons_patron p WHERE p.keeps_loan_history)"

    # For the few rows of a nightly pass, one probe per loan instead: a
    # scalar subquery, which the planner keeps a per-row probe of the
    # patron's primary key (an EXISTS it turns into an anti-join that reads
    # every opted-in patron, in every statement of every lane, however few
    # loans the night has).
    _opted_in_probe = (
        "COALESCE((SELECT p.keeps_loan_history FROM patrons_patron p "
        "WHERE p.id = t.patron_id), FALSE)"
    )

    def opted_in(self, ctx: RunContext, rule: Rule) -> str:
        return self._opted_in_probe if self.nightly(ctx, rule) else self._opted_in

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[KeptCondition]:
        return [
            (KeptReason.OPTED_IN, self.opted_in(ctx, rule), []),
            (
                KeptReason.OPEN_FEE,
                "EXISTS (SELECT 1 FROM circulation_fee f WHERE f.loan_id = t.id AND f.status = %s)",
                [Fee.Status.OPEN.value],
            ),
            (
                KeptReason.FEE_RECENTLY_CLOSED,
                "EXISTS (SELECT 1 FROM circulation_fee f "
                "WHERE f.loan_id = t.id AND f.closed_at >= %s)",
                [sql.dt(ctx.cutoff(rule))],
            ),
        ]

    def exclusions(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        # Both fee reasons in one probe of the fee's loan index (the closing
        # date alone has no index: it would scan every fee per batch).
        return [
            (self.opted_in(ctx, rule), []),
            (
                "EXISTS (SELECT 1 FROM circulation_fee f WHERE f.loan_id = t.id "
                "AND (f.status = %s OR f.closed_at >= %s))",
                [Fee.Status.OPEN.value, sql.dt(ctx.cutoff(rule))],
            ),
        ]

    def revisits(self, ctx: RunContext, rule: Rule, bound: datetime.datetime) -> list[Fragment]:
        """Besides a released legal hold: a fee on the loan that closed
        between the bound and the cutoff (an open fee, then a recently
        closed one, kept the loan; the fee index fee_closed_idx
        finds them), and a patron changed since the last run who no longer
        keeps a history (patron_updated_idx)."""
        fee_closed = (
            "SELECT f.loan_id FROM circulation_fee f WHERE f.loan_id IS NOT NULL "
            "AND f.closed_at >= %s AND f.closed_at < %s"
        )
        opted_out = (
            "SELECT p.id FROM patrons_patron p WHERE p.updated_at >= %s "
            "AND NOT p.keeps_loan_history"
        )
        return [
            *super().revisits(ctx, rule, bound),
            (sql.in_query("t.id", fee_closed), [sql.dt(bound), sql.dt(ctx.cutoff(rule))]),
            (sql.in_query("t.patron_id", opted_out), [sql.dt(ctx.changed_since)]),
        ]

    def open_for_patron(self, patron: str) -> Fragment:
        return (
            "EXISTS (SELECT 1 FROM circulation_loan l "
            f"WHERE l.patron_id = {patron} AND l.returned_at IS NULL)",
            [],
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        delete = rule.action == Action.DELETE
        # A fee still naming the patron must not lead to the item; a deleted
        # loan leaves no fee pointing at it.
        still_named = "" if delete else " AND f.patron_id IS NOT NULL"
        fees = f"SELECT f.id FROM circulation_fee f WHERE {sql.in_batch('f.loan_id')}{still_named}"
        steps = [
            audit_scrub_step(Fee, ["loan"], ids=fees),
            (
                "UPDATE circulation_fee AS f SET loan_id = NULL "
                f"WHERE {sql.in_batch('f.loan_id')}{still_named}",
                [],
            ),
            audit_scrub_step(Loan, ["patron", "card", "proxy"], delete=delete),
        ]
        if delete:
            steps.append((f"DELETE FROM circulation_loan WHERE {sql.in_batch('id')}", []))
            return steps
        birth_year = (
            f"COALESCE(t.patron_birth_year, (SELECT {sql.year_of('p.date_of_birth')} "
            "FROM patrons_patron p WHERE p.id = t.patron_id))"
            if rule.keep_birth_year
            else "NULL"
        )
        steps.append(
            (
                "UPDATE circulation_loan AS t SET patron_id = NULL, card_id = NULL, "
                f"proxy_id = NULL, anonymized_at = %s, patron_category = {PATRON_CATEGORY}, "
                f"patron_birth_year = {birth_year} "
                f"WHERE {this_row()}",
                [sql.dt(ctx.now)],
            )
        )
        return steps

    # -- the loan history a patron opted in to ------------------------------

    def history_count(self, patron_id: int) -> int:
        return Loan.objects.filter(patron_id=patron_id, returned_at__isnull=False).count()

    def history_erase(self, ctx: RunContext, patron_id: int) -> int:
        """Every returned loan of the patron (open loans are current, not
        history), whatever its age, except those under a legal hold or with
        an open fee (the fee still needs them; the daily job anonymizes them
        once it closes). Locks the loans; the caller holds the transaction."""
        held, held_params = self.held_sql()
        erased = 0
        last = 0
        while True:
            with connection.cursor() as cursor:
                sql.no_jit(cursor)
                cursor.execute(
                    "SELECT t.id, b.jurisdiction_code FROM circulation_loan t "
                    "JOIN libraryservice_branch b ON b.id = t.branch_id "
                    "WHERE t.patron_id = %s AND t.returned_at IS NOT NULL AND t.id > %s "
                    f"AND NOT ({held}) AND NOT EXISTS (SELECT 1 FROM circulation_fee f "
                    "WHERE f.loan_id = t.id AND f.status = %s) "
                    f"ORDER BY t.id LIMIT %s{' FOR UPDATE OF t' if sql.is_postgres() else ''}",
                    [patron_id, last, *held_params, Fee.Status.OPEN.value, ctx.batch_size],
                )
                rows = cursor.fetchall()
            if not rows:
                return erased
            by_code: dict[str, list[int]] = {}
            for loan_id, code in rows:
                by_code.setdefault(code, []).append(loan_id)
            for code, ids in by_code.items():
                rule = ctx.rules.rule(self.record_type, code)
                self.expunge_ids(ctx, Rule(0, Action.ANONYMIZE, rule.keep_birth_year), ids)
            erased += len(rows)
            last = rows[-1][0]


@register
class HoldHandler(RecordHandler):
    """Finished holds (picked up, cancelled, expired) lose their patron."""

    record_type = RecordType.FINISHED_HOLDS
    model_label = "circulation.Hold"
    branch_column = "t.pickup_branch_id"
    patron_column = "t.patron_id"
    span = ("t.placed_at", "COALESCE(t.closed_at, t.placed_at)")

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        finished, params = sql.in_values("t.status", FINISHED_HOLD_STATUSES)
        return f"t.patron_id IS NOT NULL AND {finished}", params

    # A finished hold is due when it ended before the cutoff: a nightly pass
    # reads the holds that ended since its last bound (hold_ended_idx, on
    # this very expression). A hold that finishes is closed at that moment,
    # so it enters a later night's range, never one already read.
    incremental_column = HOLD_ENDED

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return f"{HOLD_ENDED} < %s", [sql.dt(ctx.cutoff(rule))]

    def open_for_patron(self, patron: str) -> Fragment:
        waiting, params = sql.in_values("o.status", Hold.OPEN_STATUSES)
        return (
            f"EXISTS (SELECT 1 FROM circulation_hold o WHERE o.patron_id = {patron} AND {waiting})",
            params,
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        delete = rule.action == Action.DELETE
        steps = [audit_scrub_step(Hold, ["patron"], delete=delete)]
        if delete:
            steps.append((f"DELETE FROM circulation_hold WHERE {sql.in_batch('id')}", []))
            return steps
        steps.append(
            (
                "UPDATE circulation_hold AS t SET patron_id = NULL, anonymized_at = %s, "
                f"patron_category = {PATRON_CATEGORY} "
                f"WHERE {this_row()}",
                [sql.dt(ctx.now)],
            )
        )
        return steps


@register
class FeeHandler(RecordHandler):
    """Paid and waived fees lose their patron, and their loan while the
    loan still names the patron."""

    record_type = RecordType.PAID_FEES
    model_label = "circulation.Fee"
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.closed_at")
    # A closed fee is due when it closed before the cutoff (fee_closed_idx).
    incremental_column = "t.closed_at"

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        closed, params = sql.in_values("t.status", CLOSED_FEE_STATUSES)
        return f"t.patron_id IS NOT NULL AND {closed}", params

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.closed_at < %s", [sql.dt(ctx.cutoff(rule))]

    def open_for_patron(self, patron: str) -> Fragment:
        return (
            f"EXISTS (SELECT 1 FROM circulation_fee f WHERE f.patron_id = {patron} "
            "AND f.status = %s)",
            [Fee.Status.OPEN.value],
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        delete = rule.action == Action.DELETE
        steps = [audit_scrub_step(Fee, ["patron", "loan"], delete=delete)]
        if delete:
            steps.append((f"DELETE FROM circulation_fee WHERE {sql.in_batch('id')}", []))
            return steps
        steps.append(
            (
                "UPDATE circulation_fee AS t SET patron_id = NULL, anonymized_at = %s, "
                f"patron_category = {PATRON_CATEGORY}, loan_id = CASE WHEN EXISTS "
                "(SELECT 1 FROM circulation_loan l WHERE l.id = t.loan_id "
                "AND l.patron_id IS NOT NULL) THEN NULL ELSE t.loan_id END "
                f"WHERE {this_row()}",
                [sql.dt(ctx.now)],
            )
        )
        return steps
