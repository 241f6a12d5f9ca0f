"""One handler per record type: what "still holds personal data", when it is
due, why it may be kept, and the set-based SQL that expunges a batch.

A record type whose model does not exist yet in this installation reports
itself unavailable. Adding one is a few lines: subclass SimpleHandler (or
RecordHandler for anything unusual) and decorate it with @register; see
DisclosureLogHandler below.

SQL conventions: the handled table is aliased `t`; fragments use %s
parameters; every fragment is valid on PostgreSQL and SQLite (see sql.py).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from retention import sql
from retention.vocabulary import (
    ANY_JURISDICTION,
    DEFAULTS,
    Action,
    KeptReason,
    RecordType,
)

ELIGIBLE = "eligible"
DEIDENTIFIED_NAME = "De-identified"


@dataclass(frozen=True)
class Rule:
    """The effective rule for a set of jurisdictions (None: no branch)."""

    period_days: int
    action: str
    keep_birth_year: bool
    jurisdictions: tuple[str, ...] | None = None


class RuleBook:
    """Every retention rule, loaded once per run (a small table)."""

    def __init__(self) -> None:
        from libraryservice.models import Branch
        from retention.models import RetentionRule

        self._rules = {(r.jurisdiction_code, r.record_type): r for r in RetentionRule.objects.all()}
        self._branches: dict[str, list[int]] = {}
        for branch_id, code in Branch.objects.values_list("pk", "jurisdiction_code"):
            self._branches.setdefault(code, []).append(branch_id)
        self._codes = sorted(self._branches)

    def branch_ids(self, codes: tuple[str, ...]) -> list[int]:
        return sorted(pk for code in codes for pk in self._branches.get(code, []))

    def rule(self, record_type: str, jurisdiction: str = ANY_JURISDICTION) -> Rule:
        row = self._rules.get((jurisdiction, record_type)) or self._rules.get(
            (ANY_JURISDICTION, record_type)
        )
        if row is None:
            default = DEFAULTS[record_type]
            return Rule(default.period_days, default.action, False)
        return Rule(row.period_days, row.action, row.keep_birth_year)

    def groups(self, record_type: str, by_branch: bool) -> list[Rule]:
        """Jurisdictions sharing the same effective rule, one group each."""
        if not by_branch:
            return [self.rule(record_type)]
        grouped: dict[Rule, list[str]] = {}
        for code in self._codes:
            grouped.setdefault(self.rule(record_type, code), []).append(code)
        if not grouped:
            return []
        if len(grouped) == 1:
            # One rule for every branch: no branch filter, which lets the
            # planner walk the table's own index in keyset order.
            return [next(iter(grouped))]
        return [
            Rule(r.period_days, r.action, r.keep_birth_year, tuple(codes))
            for r, codes in grouped.items()
        ]


@dataclass
class RunContext:
    as_of: datetime.date
    now: datetime.datetime
    dry_run: bool
    batch_size: int
    rules: RuleBook
    # Called after each committed batch (tests and the benchmark observe
    # progress through it); receives the record type and the batch size.
    on_batch: Callable[[str, int], None] | None = None

    def cutoff_day(self, rule: Rule) -> datetime.date:
        """The last day whose records are due: as_of minus the period."""
        return self.as_of - datetime.timedelta(days=rule.period_days)

    def cutoff(self, rule: Rule) -> datetime.datetime:
        """Records that ended before this instant are due (the end of the
        cutoff day in the library's time zone)."""
        next_day = self.cutoff_day(rule) + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


@dataclass
class TypeReport:
    record_type: str
    available: bool = True
    action: str = ""
    expunged: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"available": self.available}
        if self.available:
            data.update(
                action=self.action,
                expunged=self.expunged,
                kept=dict(sorted(self.kept.items())),
            )
        if self.error:
            data["error"] = self.error
        return data


Fragment = tuple[str, list[Any]]

# The rows of one batch, as the relation `batch` that expunge steps read:
# `id` (primary key) and `tid` (physical locator, see sql.row_locator).
BATCH = "batch"


def _content_type_id(model: type[models.Model]) -> int:
    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


def audit_scrub_step(
    model: type[models.Model],
    keys: Sequence[str],
    *,
    delete: bool = False,
    ids: str = f"SELECT id FROM {BATCH}",
    ids_params: Sequence[Any] = (),
) -> Fragment:
    """The statement that masks (or deletes) the django-auditlog entries of
    the objects `ids` (a query yielding the column `id`) so that they no
    longer carry the removed links.

    Masking removes `keys` from the recorded changes and serialized data and
    drops the free-form additional data; entries stay as a record that the
    object changed, and by whom. Entries are found through the object_id
    index, one probe per object; those with nothing left to remove are not
    rewritten.
    """
    from auditlog.models import LogEntry

    table = sql.table(LogEntry)
    ct = _content_type_id(model)
    if delete:
        return (
            f"DELETE FROM {table} WHERE content_type_id = %s AND {sql.in_query('object_id', ids)}",
            [ct, *ids_params],
        )
    change_paths = [(k,) for k in keys]
    field_paths = [("fields", k) for k in keys]
    changes = sql.json_without("changes", change_paths)
    serialized = sql.json_without("serialized_data", field_paths)
    holds_something = (
        f"{sql.json_has_any('changes', change_paths)} OR "
        f"{sql.json_has_any('serialized_data', field_paths)} OR "
        "additional_data IS NOT NULL OR changes_text <> ''"
    )
    return (
        f"UPDATE {table} SET changes = {changes}, serialized_data = {serialized}, "
        f"additional_data = NULL, changes_text = '' "
        f"WHERE content_type_id = %s AND {sql.in_query('object_id', ids)} "
        f"AND ({holds_something})",
        [ct, *ids_params],
    )


def audit_scrub(
    model: type[models.Model], ids: Sequence[int], keys: Sequence[str], *, delete: bool = False
) -> None:
    """audit_scrub_step for a list of object ids, run now."""
    if not ids:
        return
    relation, params = sql.ids_relation(ids)
    statement, statement_params = audit_scrub_step(
        model, keys, delete=delete, ids=relation, ids_params=params
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, statement_params)


def _step_ctes(steps: Sequence[Fragment]) -> tuple[str, list[Any]]:
    """PostgreSQL: the steps as data-modifying WITH clauses to follow the
    `batch` clause, and their parameters in order."""
    ctes = "".join(f", s{i} AS ({step})" for i, (step, _) in enumerate(steps))
    return ctes, [p for _, step_params in steps for p in step_params]


def run_steps(batch: Fragment, steps: Sequence[Fragment]) -> None:
    """Run expunge steps over the rows `batch` (a query yielding id, tid).

    PostgreSQL runs them as one statement (data-modifying WITH clauses): the
    batch is read once and every step sees the rows as they were before any
    step ran. Elsewhere each step is its own statement, in order; steps are
    written so that both give the same result (a step that reads what
    another changes comes before it).
    """
    batch_sql, batch_params = batch
    if sql.is_postgres():
        ctes, steps_params = _step_ctes(steps)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH {BATCH} AS MATERIALIZED ({batch_sql}){ctes} SELECT count(*) FROM {BATCH}",
                [*batch_params, *steps_params],
            )
        return
    with connection.cursor() as cursor:
        for step, step_params in steps:
            cursor.execute(f"WITH {BATCH} AS ({batch_sql}) {step}", [*batch_params, *step_params])


class RecordHandler:
    """The generic batched expunge of one table.

    Subclasses state SQL fragments; `run` does the rest: per group of
    jurisdictions with the same rule, expunge eligible rows in batches (each
    its own transaction, locked rows skipped, keyset-paginated so that rows
    kept for a reason are scanned once), then count what remains per reason.

    What expunging a batch does is a list of statements over the relation
    `batch` (expunge_steps). On PostgreSQL a whole batch (choosing and
    locking its rows, then every step) is one statement, so that row ids
    never travel to Python and back.
    """

    record_type: ClassVar[str]
    model_label: ClassVar[str]
    actions: ClassVar[tuple[str, ...]] = (Action.ANONYMIZE, Action.DELETE)
    # Column holding the record's branch, whose jurisdiction picks the rule.
    branch_column: ClassVar[str | None] = None
    # Or a column holding the jurisdiction code itself.
    jurisdiction_column: ClassVar[str | None] = None
    # Column holding the patron, for legal holds.
    patron_column: ClassVar[str | None] = None
    # (start, end) of the record's activity, matched against a hold's dates.
    span: ClassVar[tuple[str, str] | None] = None
    # Keyset order; the last column is always t.id.
    keyset: ClassVar[tuple[str, ...]] = ("t.id",)

    def model(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    # -- fragments ---------------------------------------------------------

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        """Rows that still hold what the rule's action removes."""
        raise NotImplementedError

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        raise NotImplementedError

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[tuple[str, str, list[Any]]]:
        """(reason, SQL true when the row must be kept, params), in order."""
        return []

    def exclusions(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        """SQL true for a due row that must be kept, for choosing batches:
        the kept reasons' conditions, unless a handler has a cheaper
        equivalent (the reasons themselves are only needed for counting)."""
        return [(cond, params) for _reason, cond, params in self.kept_reasons(ctx, rule)]

    def held_sql(self) -> Fragment:
        if self.patron_column is None:
            return "1 = 0", []
        conds = [
            f"h.patron_id = {self.patron_column}",
            "h.released_at IS NULL",
            sql.json_list_covers("h.record_types"),
        ]
        if self.span is not None:
            start, end = self.span
            conds.append(f"(h.starts_on IS NULL OR {end} >= h.starts_on)")
            conds.append(f"(h.ends_on IS NULL OR {start} < {sql.day_after('h.ends_on')})")
        return (
            f"EXISTS (SELECT 1 FROM retention_legalhold h WHERE {' AND '.join(conds)})",
            [self.record_type],
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment] | None:
        """The statements that expunge the rows of the relation `batch`
        (columns id and tid: see run_steps), or None for a handler that
        overrides expunge_ids instead."""
        return None

    def expunge_ids(self, ctx: RunContext, rule: Rule, ids: Sequence[int]) -> None:
        """Expunge these rows (already locked, inside the batch transaction)."""
        steps = self.expunge_steps(ctx, rule)
        if steps is None:
            raise NotImplementedError
        if not ids:
            return
        in_sql, in_params = sql.in_ids("t.id", ids)
        batch = (
            f"SELECT t.id AS id, t.{sql.row_locator()} AS tid FROM {self.table()} t WHERE {in_sql}",
            in_params,
        )
        run_steps(batch, steps)

    # -- the generic run ---------------------------------------------------

    def table(self) -> str:
        model = self.model()
        assert model is not None
        return sql.table(model)

    def _scope(self, ctx: RunContext, rule: Rule) -> Fragment:
        pending, params = self.pending_sql(ctx, rule)
        parts, params = [f"({pending})"], list(params)
        if rule.jurisdictions is not None and self.jurisdiction_column is not None:
            marks = ", ".join(["%s"] * len(rule.jurisdictions))
            parts.append(f"{self.jurisdiction_column} IN ({marks})")
            params += list(rule.jurisdictions)
        elif rule.jurisdictions is not None and self.branch_column is not None:
            branch_sql, branch_params = sql.in_ids(
                self.branch_column, ctx.rules.branch_ids(rule.jurisdictions)
            )
            parts.append(branch_sql)
            params += branch_params
        return " AND ".join(parts), params

    def _eligible(self, ctx: RunContext, rule: Rule) -> Fragment:
        scope, params = self._scope(ctx, rule)
        due, due_params = self.due_sql(ctx, rule)
        held, held_params = self.held_sql()
        parts = [scope, f"({due})", f"NOT ({held})"]
        params = [*params, *due_params, *held_params]
        for cond, cond_params in self.exclusions(ctx, rule):
            parts.append(f"NOT ({cond})")
            params += cond_params
        return " AND ".join(parts), params

    def run(self, ctx: RunContext) -> TypeReport:
        report = TypeReport(self.record_type)
        by_jurisdiction = self.branch_column is not None or self.jurisdiction_column is not None
        for rule in ctx.rules.groups(self.record_type, by_jurisdiction):
            if rule.jurisdictions == ():
                continue
            if rule.action not in self.actions:
                rule = Rule(
                    rule.period_days, self.actions[0], rule.keep_birth_year, rule.jurisdictions
                )
            report.action = rule.action
            if not ctx.dry_run:
                report.expunged += self._expunge(ctx, rule)
            for reason, count in self._classify(ctx, rule):
                if reason != ELIGIBLE:
                    report.kept[reason] += count
                elif ctx.dry_run:
                    report.expunged += count
                else:
                    report.kept[KeptReason.IN_USE] += count
        if not report.action:
            report.action = ctx.rules.rule(self.record_type).action
        return report

    def _expunge(self, ctx: RunContext, rule: Rule) -> int:
        """Expunge every eligible row, batch by batch; returns how many."""
        steps = self.expunge_steps(ctx, rule)
        one_statement = steps is not None and sql.is_postgres()
        cols = ", ".join(self.keyset)
        total = 0
        last: Sequence[Any] | None = None
        while True:
            where, params = self._eligible(ctx, rule)
            if last is not None:
                if len(self.keyset) == 1:
                    where += f" AND {self.keyset[0]} > %s"
                    params += [last[0]]
                else:
                    marks = ", ".join(["%s"] * len(self.keyset))
                    where += f" AND {self.keyset[0]} >= %s AND ({cols}) > ({marks})"
                    params += [last[0], *last]
            chosen = f"FROM {self.table()} t WHERE {where} ORDER BY {cols} LIMIT %s"
            params.append(ctx.batch_size)
            with transaction.atomic(), connection.cursor() as cursor:
                sql.no_jit(cursor)
                if one_statement:
                    assert steps is not None
                    count, last_row = self._expunge_batch(cursor, chosen, params, steps)
                else:
                    cursor.execute(f"SELECT {cols} {chosen}{sql.skip_locked('t')}", params)
                    rows = cursor.fetchall()
                    count, last_row = len(rows), (rows[-1] if rows else None)
                    if rows:
                        self.expunge_ids(ctx, rule, [row[-1] for row in rows])
            if not count:
                return total
            total += count
            if ctx.on_batch is not None:
                ctx.on_batch(self.record_type, count)
            if count < ctx.batch_size:
                return total
            last = last_row

    def _expunge_batch(
        self, cursor: Any, chosen: str, params: list[Any], steps: Sequence[Fragment]
    ) -> tuple[int, Sequence[Any] | None]:
        """PostgreSQL: choose, lock and expunge one batch in one statement.
        Returns the batch's size and its last keyset values."""
        keys = ", ".join(f"{col} AS k{i}" for i, col in enumerate(self.keyset))
        out = ", ".join(f"k{i}" for i in range(len(self.keyset)))
        desc = ", ".join(f"k{i} DESC" for i in range(len(self.keyset)))
        ctes, steps_params = _step_ctes(steps)
        cursor.execute(
            f"WITH {BATCH} AS MATERIALIZED (SELECT {keys}, t.id AS id, t.ctid AS tid "
            f"{chosen}{sql.skip_locked('t')}){ctes} "
            f"SELECT {out}, count(*) OVER () FROM {BATCH} ORDER BY {desc} LIMIT 1",
            [*params, *steps_params],
        )
        row = cursor.fetchone()
        if row is None:
            return 0, None
        return int(row[-1]), row[:-1]

    def _classify(self, ctx: RunContext, rule: Rule) -> list[tuple[str, int]]:
        scope, params = self._scope(ctx, rule)
        due, due_params = self.due_sql(ctx, rule)
        held, held_params = self.held_sql()
        whens = [f"WHEN {held} THEN %s"]
        case_params: list[Any] = [*held_params, KeptReason.LEGAL_HOLD.value]
        for reason, cond, cond_params in self.kept_reasons(ctx, rule):
            whens.append(f"WHEN {cond} THEN %s")
            case_params += [*cond_params, str(reason)]
        query = (
            f"SELECT reason, COUNT(*) FROM (SELECT CASE WHEN {due} THEN "
            f"CASE {' '.join(whens)} ELSE %s END ELSE %s END AS reason "
            f"FROM {self.table()} t WHERE {scope}) classified GROUP BY reason"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            sql.no_jit(cursor)
            cursor.execute(
                query,
                [*due_params, *case_params, ELIGIBLE, KeptReason.RETENTION_PERIOD.value, *params],
            )
            return [(str(reason), int(count)) for reason, count in cursor.fetchall()]

    def expunge_for_patrons(self, ctx: RunContext, patron_ids: Sequence[int], rule: Rule) -> None:
        """Expunge every row of these patrons (being de-identified), in
        bounded chunks inside the caller's transaction."""
        if self.patron_column is None or self.model() is None:
            return
        own = Rule(rule.period_days, self._patron_action(), rule.keep_birth_year)
        pending, pending_params = self.pending_sql(ctx, own)
        in_sql, in_params = sql.in_ids(self.patron_column, patron_ids)
        last = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT t.id FROM {self.table()} t WHERE ({pending}) AND {in_sql} "
                    f"AND t.id > %s ORDER BY t.id LIMIT %s",
                    [*pending_params, *in_params, last, ctx.batch_size],
                )
                ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                return
            self.expunge_ids(ctx, own, ids)
            last = ids[-1]

    def _patron_action(self) -> str:
        return Action.ANONYMIZE if Action.ANONYMIZE in self.actions else self.actions[0]


# The patron is looked up only for what the row does not already hold
# (checkout records the category on the loan).
_category = (
    "CASE WHEN t.patron_category = '' THEN "
    "(SELECT p.category FROM patrons_patron p WHERE p.id = t.patron_id) "
    "ELSE t.patron_category END"
)


def _this_row(alias: str = "t") -> str:
    """`alias` is a row of the batch, fetched by its physical locator: no
    index lookup, and never a scan of the table whatever the planner guesses
    for the batch's size. (Exact: the batch was read in the same statement
    and its rows are locked or, if not, an update in between is followed to
    the row's new version.)"""
    return sql.in_query(f"{alias}.{sql.row_locator()}", f"SELECT tid FROM {BATCH}")


class LoanHandler(RecordHandler):
    record_type = RecordType.RETURNED_LOANS
    model_label = "circulation.Loan"
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.checked_out_at", "t.returned_at")
    # Served by the partial index loan_returned_linked_idx.
    keyset = ("t.returned_at", "t.id")

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.returned_at IS NOT NULL AND t.patron_id IS NOT NULL", []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.returned_at < %s", [sql.dt(ctx.cutoff(rule))]

    # The few patrons who keep a history, as one hashed set per statement:
    # cheaper than looking up the patron of every loan.
    _opted_in = "t.patron_id IN (SELECT p.id FROM patrons_patron p WHERE p.keeps_loan_history)"

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[tuple[str, str, list[Any]]]:
        return [
            (KeptReason.OPTED_IN, self._opted_in, []),
            (
                KeptReason.OPEN_FEE,
                "EXISTS (SELECT 1 FROM circulation_fee f "
                "WHERE f.loan_id = t.id AND f.status = 'open')",
                [],
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
            (self._opted_in, []),
            (
                "EXISTS (SELECT 1 FROM circulation_fee f WHERE f.loan_id = t.id "
                "AND (f.status = 'open' OR f.closed_at >= %s))",
                [sql.dt(ctx.cutoff(rule))],
            ),
        ]

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        from circulation.models import Fee, Loan

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
                f"proxy_id = NULL, anonymized_at = %s, patron_category = {_category}, "
                f"patron_birth_year = {birth_year} "
                f"WHERE {_this_row()}",
                [sql.dt(ctx.now)],
            )
        )
        return steps


class HoldHandler(RecordHandler):
    record_type = RecordType.FINISHED_HOLDS
    model_label = "circulation.Hold"
    branch_column = "t.pickup_branch_id"
    patron_column = "t.patron_id"
    span = ("t.placed_at", "COALESCE(t.closed_at, t.placed_at)")

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.patron_id IS NOT NULL AND t.status IN ('fulfilled', 'cancelled', 'expired')", []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "COALESCE(t.closed_at, t.ready_at, t.placed_at) < %s", [sql.dt(ctx.cutoff(rule))]

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        from circulation.models import Hold

        delete = rule.action == Action.DELETE
        steps = [audit_scrub_step(Hold, ["patron"], delete=delete)]
        if delete:
            steps.append((f"DELETE FROM circulation_hold WHERE {sql.in_batch('id')}", []))
            return steps
        steps.append(
            (
                "UPDATE circulation_hold AS t SET patron_id = NULL, anonymized_at = %s, "
                f"patron_category = {_category} "
                f"WHERE {_this_row()}",
                [sql.dt(ctx.now)],
            )
        )
        return steps


class FeeHandler(RecordHandler):
    record_type = RecordType.PAID_FEES
    model_label = "circulation.Fee"
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.closed_at")

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.patron_id IS NOT NULL AND t.status IN ('paid', 'waived')", []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.closed_at < %s", [sql.dt(ctx.cutoff(rule))]

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        from circulation.models import Fee

        delete = rule.action == Action.DELETE
        steps = [audit_scrub_step(Fee, ["patron", "loan"], delete=delete)]
        if delete:
            steps.append((f"DELETE FROM circulation_fee WHERE {sql.in_batch('id')}", []))
            return steps
        # The loan link goes too while the loan still names the patron.
        steps.append(
            (
                "UPDATE circulation_fee AS t SET patron_id = NULL, anonymized_at = %s, "
                f"patron_category = {_category}, loan_id = CASE WHEN EXISTS "
                "(SELECT 1 FROM circulation_loan l WHERE l.id = t.loan_id "
                "AND l.patron_id IS NOT NULL) THEN NULL ELSE t.loan_id END "
                f"WHERE {_this_row()}",
                [sql.dt(ctx.now)],
            )
        )
        return steps


class AccessLogHandler(RecordHandler):
    """django-auditlog "access" entries: who looked at a record, and when."""

    record_type = RecordType.ACCESS_LOG
    model_label = "auditlog.LogEntry"
    actions = (Action.DELETE,)

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        from auditlog.models import LogEntry

        return "t.action = %s", [LogEntry.Action.ACCESS]

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.timestamp < %s", [sql.dt(ctx.cutoff(rule))]

    def held_sql(self) -> Fragment:
        from patrons.models import Patron

        return (
            "EXISTS (SELECT 1 FROM retention_legalhold h WHERE t.content_type_id = %s "
            "AND h.patron_id = t.object_id AND h.released_at IS NULL "
            f"AND {sql.json_list_covers('h.record_types')})",
            [_content_type_id(Patron), self.record_type],
        )

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        return [(f"DELETE FROM {self.table()} WHERE {sql.in_batch('id')}", [])]


class SimpleHandler(RecordHandler):
    """A table with a date, a patron link and columns to blank out.

    Anonymizing sets `anonymize_sets` (column -> SQL value); deleting removes
    the row. Audit entries of the rows lose `audit_keys`.
    """

    date_column: ClassVar[str] = "t.created_at"
    # Rows still holding personal data when anonymizing.
    personal_sql: ClassVar[str] = "t.patron_id IS NOT NULL"
    # SQL true for a finished record (closed, done); None: always finished.
    finished_sql: ClassVar[str | None] = None
    anonymize_sets: ClassVar[dict[str, str]] = {"patron_id": "NULL"}
    audit_keys: ClassVar[tuple[str, ...]] = ("patron",)

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        parts = [self.personal_sql if rule.action == Action.ANONYMIZE else "1 = 1"]
        if self.finished_sql:
            parts.append(self.finished_sql)
        return " AND ".join(f"({p})" for p in parts), []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return f"{self.date_column} < %s", [sql.dt(ctx.cutoff(rule))]

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment]:
        model = self.model()
        assert model is not None
        delete = rule.action == Action.DELETE
        steps = [audit_scrub_step(model, self.audit_keys, delete=delete)]
        if delete:
            steps.append((f"DELETE FROM {self.table()} WHERE {sql.in_batch('id')}", []))
            return steps
        sets = ", ".join(f"{col} = {value}" for col, value in self.anonymize_sets.items())
        steps += self.companion_steps(ctx)
        steps.append((f"UPDATE {self.table()} AS t SET {sets} WHERE {_this_row()}", []))
        return steps

    def companion_steps(self, ctx: RunContext) -> list[Fragment]:
        """Rows of other tables that go with the anonymized ones."""
        return []


class DisclosureLogHandler(SimpleHandler):
    """Disclosure-flow runs: deleted (default) or stripped of the patron
    and of the referral note, which may describe the request."""

    record_type = RecordType.DISCLOSURE_LOG
    model_label = "privacy.DisclosureLog"
    jurisdiction_column = "t.jurisdiction_code"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.created_at")
    personal_sql = "t.patron_id IS NOT NULL OR t.referral_note <> ''"
    anonymize_sets = {"patron_id": "NULL", "referral_note": "''"}
    audit_keys = ("patron", "referral_note")


_FREE_TEXT_REMOVED = "''"
ATTACHMENT_FILES = "complaints.ComplaintAttachment.file"


class ComplaintHandler(SimpleHandler):
    """Closed complaints, 3 years after closing: who complained, how to reach
    them, every free-text field (which may name them) and the attached
    files are removed; the category, branch, dates, clocks and decision stay
    for reports.

    Attached files leave storage after the batch commits: the batch deletes
    the attachment rows and queues their files (PendingFileDeletion), and
    retention_expunge deletes what is queued, now or in the next run.
    """

    record_type = RecordType.COMPLAINTS
    model_label = "complaints.Complaint"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    patron_column = "t.patron_id"
    span = ("t.created_at", "t.closed_at")
    date_column = "t.closed_at"
    finished_sql = "t.status = 'closed' AND t.closed_at IS NOT NULL"
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
        "OR t.contact_phone <> '' OR "
        + " OR ".join(f"t.{c} <> ''" for c in text_columns)
        + " OR EXISTS (SELECT 1 FROM complaints_complaintattachment a WHERE a.complaint_id = t.id)"
    )
    anonymize_sets = {
        "patron_id": "NULL",
        "patron_name": "''",
        "contact_email": "''",
        "contact_phone": "''",
        **{c: _FREE_TEXT_REMOVED for c in text_columns},
    }
    audit_keys = ("patron", "patron_name", "contact_email", "contact_phone", *text_columns)

    def companion_steps(self, ctx: RunContext) -> list[Fragment]:
        from complaints.models import ComplaintAttachment

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


class InactivePatronHandler(RecordHandler):
    """Patrons whose last card expired the period ago, with nothing open:
    names and contact replaced, their remaining records expunged with them."""

    record_type = RecordType.INACTIVE_PATRONS
    model_label = "patrons.Patron"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.home_branch_id"
    patron_column = "t.id"

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.deidentified_at IS NULL", []

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return (
            "NOT EXISTS (SELECT 1 FROM patrons_card c WHERE c.patron_id = t.id "
            "AND c.expires_on > %s) AND t.created_at < %s",
            [sql.day(ctx.cutoff_day(rule)), sql.dt(ctx.cutoff(rule))],
        )

    def held_sql(self) -> Fragment:
        # Any hold on the patron: de-identifying would hide whose records
        # are preserved.
        return (
            "EXISTS (SELECT 1 FROM retention_legalhold h "
            "WHERE h.patron_id = t.id AND h.released_at IS NULL)",
            [],
        )

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[tuple[str, str, list[Any]]]:
        return [
            (
                KeptReason.OPEN_RECORDS,
                "(EXISTS (SELECT 1 FROM circulation_loan l "
                "WHERE l.patron_id = t.id AND l.returned_at IS NULL) "
                "OR EXISTS (SELECT 1 FROM circulation_hold o "
                "WHERE o.patron_id = t.id AND o.status IN ('waiting', 'ready')) "
                "OR EXISTS (SELECT 1 FROM circulation_fee f "
                "WHERE f.patron_id = t.id AND f.status = 'open'))",
                [],
            ),
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
        from patrons.models import GuardianLink, Patron, ProxyAuthorization

        for handler in HANDLERS.values():
            if handler is not self and handler.patron_column == "t.patron_id":
                handler.expunge_for_patrons(ctx, ids, rule)
        in_sql, params = sql.in_ids("patron_id", ids)
        holder_sql, holder_params = sql.in_ids("cardholder_id", ids)
        with connection.cursor() as cursor:
            for model, where, where_params in (
                (GuardianLink, in_sql, params),
                (ProxyAuthorization, holder_sql, holder_params),
            ):
                cursor.execute(
                    f"DELETE FROM auditlog_logentry WHERE content_type_id = %s AND object_id IN "
                    f"(SELECT id FROM {sql.table(model)} WHERE {where})",
                    [_content_type_id(model), *where_params],
                )
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
            cursor.execute(
                "UPDATE patrons_patron SET first_name = '', last_name = %s, "
                "date_of_birth = NULL, email = '', phone = '', address_line = '', "
                "city = '', postal_code = '', notes = '', keeps_loan_history = %s, "
                "keeps_loan_history_since = NULL, shares_with_guardian = %s, "
                f"deidentified_at = %s, updated_at = %s WHERE {id_sql}",
                [DEIDENTIFIED_NAME, False, False, sql.dt(ctx.now), sql.dt(ctx.now), *id_params],
            )


HANDLERS: dict[str, RecordHandler] = {}


def register(handler_class: type[RecordHandler]) -> type[RecordHandler]:
    HANDLERS[handler_class.record_type] = handler_class()
    return handler_class


# Order matters only for speed: per-record rules first, then patrons, whose
# de-identification sweeps whatever they still have.
for _handler in (
    LoanHandler,
    HoldHandler,
    FeeHandler,
    DisclosureLogHandler,
    ComplaintHandler,
    IncidentHandler,
    AccessLogHandler,
    InactivePatronHandler,
):
    register(_handler)


def handlers_in_order() -> list[RecordHandler]:
    patrons = HANDLERS.get(RecordType.INACTIVE_PATRONS)
    rest = [h for h in HANDLERS.values() if h is not patrons]
    return rest + ([patrons] if patrons else [])


def supported_actions(record_type: str) -> tuple[str, ...]:
    handler = HANDLERS.get(record_type)
    return handler.actions if handler else tuple(Action.values)
