"""Retention handler of inactive patrons (DESIGN section 7: a patron whose
last card expired three years ago, with nothing open, is de-identified),
discovered by the retention engine at start-up."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from auditlog.models import LogEntry
from django.db import connection

from organisation import clock
from patrons.models import GuardianLink, Patron, ProxyAuthorization
from retention import sql
from retention.audit import audit_delete_where, audit_scrub, content_type_id
from retention.context import Fragment, KeptCondition, Rule, RunContext
from retention.handlers import DEIDENTIFIED_NAME, RecordHandler
from retention.registry import patron_open_records, patron_records_expunge, register
from retention.vocabulary import Action, KeptReason, RecordType


@register
class InactivePatronHandler(RecordHandler):
    """Patrons whose last card expired the period ago, with nothing open:
    names and contact replaced, their remaining records expunged with them
    (every other handler's rows of theirs), guardian and proxy names of
    theirs replaced."""

    record_type = RecordType.INACTIVE_PATRONS
    model_label = "patrons.Patron"
    companion_models = ("patrons.Card", "patrons.GuardianLink", "patrons.ProxyAuthorization")
    actions = (Action.ANONYMIZE,)
    branch_column = "t.home_branch_id"
    patron_column = "t.id"
    de_identifies_patrons = True

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.deidentified_at IS NULL", []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return (
            "NOT EXISTS (SELECT 1 FROM patrons_card c WHERE c.patron_id = t.id "
            "AND c.expires_on > %s) AND t.created_at < %s",
            [sql.day(ctx.cutoff_day(rule)), sql.dt(ctx.cutoff(rule))],
        )

    # -- the nightly pass -----------------------------------------------------

    def reads_nightly(self) -> bool:
        return True

    def lanes(self, ctx: RunContext, rule: Rule) -> list[Fragment | None]:
        """A nightly pass reads the patrons who may have become due since
        the last complete run: a card that expired between its cutoff day
        and tonight's (card_expires_idx), or no card and created in
        that span (patron_created_idx); and those whose reason to be kept
        may have ended since it (`revisits`)."""
        bound = ctx.previous_bound(self.record_type, rule)
        if bound is None:
            return [None]
        # The day before the bound's day: a card that expired on the last
        # cutoff day or after (the range overlaps the last night's by a day).
        since_day = clock.server_day(bound) - datetime.timedelta(days=1)
        expired = sql.in_query(
            "t.id",
            "SELECT c.patron_id FROM patrons_card c "
            "WHERE c.expires_on >= %s AND c.expires_on <= %s",
        )
        newly_due = f"({expired} OR (t.created_at >= %s AND t.created_at < %s))"
        day = sql.day(ctx.cutoff_day(rule))
        window: Fragment = (
            newly_due,
            [
                sql.day(since_day),
                day,
                sql.dt(bound - datetime.timedelta(days=1)),
                sql.dt(ctx.cutoff(rule)),
            ],
        )
        revisits = self.revisits(ctx, rule, bound)
        either = " OR ".join(f"({cond})" for cond, _params in revisits)
        params = [p for _cond, cond_params in revisits for p in cond_params]
        return [window, (f"NOT {newly_due} AND ({either})", [*window[1], *params])]

    def revisits(self, ctx: RunContext, rule: Rule, bound: datetime.datetime) -> list[Fragment]:
        """Besides a released legal hold: a patron changed since the last
        run (home branch, choices), one whose loan was returned or hold or
        fee closed since (open records), and one whose ward or cardholder
        was de-identified, or whose proxy authorization was revoked or
        expired, since (linked patrons)."""
        since = sql.dt(ctx.changed_since)
        since_day = sql.day(clock.server_day(ctx.changed_since))
        ended = [
            ("SELECT p.id FROM patrons_patron p WHERE p.updated_at >= %s", [since]),
            (
                "SELECT l.patron_id FROM circulation_loan l "
                "WHERE l.returned_at >= %s AND l.patron_id IS NOT NULL",
                [since],
            ),
            (
                # A closed hold's end is its closing (hold_ended_idx).
                "SELECT o.patron_id FROM circulation_hold o "
                "WHERE COALESCE(o.closed_at, o.ready_at, o.placed_at) >= %s "
                "AND o.closed_at >= %s AND o.patron_id IS NOT NULL",
                [since, since],
            ),
            (
                "SELECT f.patron_id FROM circulation_fee f "
                "WHERE f.closed_at >= %s AND f.patron_id IS NOT NULL",
                [since],
            ),
            # De-identifying a patron sets updated_at with deidentified_at:
            # patron_updated_idx finds the day's, where deidentified_at alone
            # (no index) would read every patron.
            (
                "SELECT g.guardian_patron_id FROM patrons_guardianlink g "
                "JOIN patrons_patron w ON w.id = g.patron_id "
                "WHERE w.updated_at >= %s AND w.deidentified_at >= %s",
                [since, since],
            ),
            (
                "SELECT x.proxy_patron_id FROM patrons_proxyauthorization x "
                "JOIN patrons_patron c ON c.id = x.cardholder_id "
                "WHERE x.revoked_at >= %s OR (x.expires_on >= %s AND x.expires_on < %s) "
                "OR c.deidentified_at >= %s",
                [since, since_day, sql.day(ctx.as_of), since],
            ),
        ]
        return [
            *super().revisits(ctx, rule, bound),
            *((sql.in_query("t.id", query), params) for query, params in ended),
        ]

    def held_sql(self) -> Fragment:
        # Any hold on the patron: de-identifying would hide whose records
        # are preserved.
        return (
            "EXISTS (SELECT 1 FROM retention_legalhold h "
            "WHERE h.patron_id = t.id AND h.released_at IS NULL)",
            [],
        )

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[KeptCondition]:
        open_records, open_params = patron_open_records("t.id", besides=self)
        return [
            (KeptReason.OPEN_RECORDS, f"({open_records})", open_params),
            (
                KeptReason.LINKED_PATRON,
                "(EXISTS (SELECT 1 FROM patrons_guardianlink g "
                "JOIN patrons_patron w ON w.id = g.patron_id "
                "WHERE g.guardian_patron_id = t.id AND w.deidentified_at IS NULL) "
                "OR EXISTS (SELECT 1 FROM patrons_proxyauthorization x "
                "JOIN patrons_patron c ON c.id = x.cardholder_id "
                "WHERE x.proxy_patron_id = t.id AND x.revoked_at IS NULL "
                "AND x.expires_on >= %s AND c.deidentified_at IS NULL))",
                [sql.day(ctx.as_of)],
            ),
        ]

    def expunge_ids(self, ctx: RunContext, rule: Rule, ids: Sequence[int]) -> None:
        patron_records_expunge(ctx, ids, rule, besides=self)
        in_sql, params = sql.in_ids("patron_id", ids)
        holder_sql, holder_params = sql.in_ids("cardholder_id", ids)
        audit_delete_where(GuardianLink, in_sql, params)
        audit_delete_where(ProxyAuthorization, holder_sql, holder_params)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE patrons_guardianlink SET guardian_name = %s, guardian_patron_id = NULL "
                f"WHERE {in_sql}",
                [DEIDENTIFIED_NAME, *params],
            )
            cursor.execute(
                "UPDATE patrons_proxyauthorization SET proxy_name = %s, proxy_patron_id = NULL "
                f"WHERE {holder_sql}",
                [DEIDENTIFIED_NAME, *holder_params],
            )
        audit_scrub(Patron, ids, [], delete=True)
        id_sql, id_params = sql.in_ids("id", ids)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE patrons_patron SET first_name = '', last_name = %s, "
                "date_of_birth = NULL, email = '', phone = '', address_line = '', "
                "city = '', postal_code = '', notes = '', keeps_loan_history = %s, "
                "keeps_loan_history_since = NULL, shares_with_guardian = %s, "
                f"deidentified_at = %s, updated_at = %s WHERE {id_sql}",
                [DEIDENTIFIED_NAME, False, False, sql.dt(ctx.now), sql.dt(ctx.now), *id_params],
            )


# The access log (patrons.access writes it): who looked at a patron's record.
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
