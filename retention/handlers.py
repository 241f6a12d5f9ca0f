"""Record handlers: the generic, batched expunge of one table.

An app that owns a record type subclasses RecordHandler (or SimpleHandler
for the common case) in its `retention.py` and registers it with
retention.registry.register; see docs/architecture-retention.md.

SQL conventions: the handled table is aliased `t`; fragments use %s
parameters (statuses and other choices are passed as parameters or built
from the model's constants, never spelled as literals); every fragment is
valid on PostgreSQL and SQLite (see retention.sql).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, ClassVar

from django.apps import apps
from django.db import connection, models, transaction

from retention import sql
from retention.audit import audit_scrub_step
from retention.batches import BATCH, run_steps, step_ctes, this_row
from retention.context import (
    ELIGIBLE,
    INCREMENTAL_SLACK,
    Fragment,
    KeptCondition,
    Rule,
    RunContext,
    TypeReport,
)
from retention.vocabulary import Action, Default, KeptReason

DEIDENTIFIED_NAME = "De-identified"
# How many due rows a split run reads to cut them into ranges (the keyset's
# first column); above it, it samples the table's pages instead.
SHARE_SAMPLE = 100_000
FREE_TEXT_REMOVED = "''"


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
    # For a record type the vocabulary (retention.vocabulary.RecordType)
    # does not name: its label and its default rule (DESIGN section 7).
    label: ClassVar[str | None] = None
    default: ClassVar[Default | None] = None
    model_label: ClassVar[str]
    # Other models whose rows this handler expunges with its own (for the
    # check that every table holding patron data has a handler).
    companion_models: ClassVar[tuple[str, ...]] = ()
    actions: ClassVar[tuple[str, ...]] = (Action.ANONYMIZE, Action.DELETE)
    # Column holding the record's branch, whose jurisdiction picks the rule.
    branch_column: ClassVar[str | None] = None
    # Or a column holding the jurisdiction code itself.
    jurisdiction_column: ClassVar[str | None] = None
    # Column holding the patron, for legal holds and for de-identifying a
    # patron's records with the patron.
    patron_column: ClassVar[str | None] = None
    # (start, end) of the record's activity, matched against a hold's dates.
    span: ClassVar[tuple[str, str] | None] = None
    # Keyset order; the last column is always t.id.
    keyset: ClassVar[tuple[str, ...]] = ("t.id",)
    # Records of who looked at the patron's records: a legal hold keeps
    # them whichever record types its scope names.
    held_with_every_scope: ClassVar[bool] = False
    # A handler that de-identifies patrons runs after every other, so that
    # the per-record rules have run first; it sweeps what patrons still have.
    de_identifies_patrons: ClassVar[bool] = False
    # For a nightly pass that reads only what may have become due: a
    # column (or an indexed expression) such that a pending row is due
    # exactly when it is before the rule's cutoff, and an index serves its
    # ranges. Usually the keyset's first column; with the id as keyset, a
    # night's few rows are found by the index and sorted.
    # Such a handler reads the range since the last complete run's bound
    # and the rows `revisits` names; others read every pending row.
    incremental_column: ClassVar[str | None] = None

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

    def kept_reasons(self, ctx: RunContext, rule: Rule) -> list[KeptCondition]:
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

    def revisits(self, ctx: RunContext, rule: Rule, bound: datetime.datetime) -> list[Fragment]:
        """SQL true for a row below the keyset `bound` whose reason to be
        kept may have ended since the last complete run (ctx.changed_since),
        for a nightly pass to read again: here, the rows of a patron whose
        legal hold was released since. Subclasses add their own reasons;
        each fragment should be answered by an index (a nightly pass reads
        nothing else below the bound)."""
        if self.patron_column is None:
            return []
        released = "SELECT h.patron_id FROM retention_legalhold h WHERE h.released_at >= %s"
        return [(sql.in_query(self.patron_column, released), [sql.dt(ctx.changed_since)])]

    def reads_nightly(self) -> bool:
        """A nightly pass reads this record type by lanes (see `lanes`)."""
        return self.incremental_column is not None

    def nightly(self, ctx: RunContext, rule: Rule) -> bool:
        """This rule group is read as a nightly pass (its lanes), not whole."""
        return self.reads_nightly() and ctx.previous_bound(self.record_type, rule) is not None

    def lanes(self, ctx: RunContext, rule: Rule) -> list[Fragment | None]:
        """The parts of the table a run reads for this rule group: None (all
        of it) in a full pass; in a nightly pass, the keyset range from the
        last complete run's bound to the cutoff, and the rows below the
        bound that `revisits` names. The parts are disjoint."""
        column = self.incremental_column
        bound = ctx.previous_bound(self.record_type, rule) if column else None
        if column is None or bound is None:
            return [None]
        since = sql.dt(bound)
        lanes: list[Fragment | None] = [
            (f"{column} >= %s AND {column} < %s", [since, sql.dt(ctx.cutoff(rule))])
        ]
        revisits = self.revisits(ctx, rule, bound)
        if revisits:
            either = " OR ".join(f"({cond})" for cond, _params in revisits)
            params = [p for _cond, cond_params in revisits for p in cond_params]
            lanes.append((f"{column} < %s AND ({either})", [since, *params]))
        return lanes

    def next_bound(self, ctx: RunContext, rule: Rule) -> datetime.datetime:
        """The bound a complete run leaves: the cutoff, but never later than
        INCREMENTAL_SLACK before the run's own moment."""
        return min(ctx.cutoff(rule), ctx.now - INCREMENTAL_SLACK)

    def open_for_patron(self, patron: str) -> Fragment | None:
        """SQL true when the patron `patron` (an SQL expression) has a
        record here still in use (an open loan, a waiting hold...), which
        keeps the patron from being de-identified; None when there is no
        such state."""
        return None

    def expunge_steps(self, ctx: RunContext, rule: Rule) -> list[Fragment] | None:
        """The statements that expunge the rows of the relation `batch`
        (columns id and tid: see retention.batches), or None for a handler
        that overrides expunge_ids instead."""
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

    # -- a patron's kept history (the history opt-in) ----------------------

    # True for a record type a patron may ask the library to keep (loan
    # history); withdrawing that choice erases it at once.
    keeps_patron_history: ClassVar[bool] = False

    def history_count(self, patron_id: int) -> int:
        """How many records the patron's kept history holds."""
        raise NotImplementedError

    def history_erase(self, ctx: RunContext, patron_id: int) -> int:
        """Expunge the patron's kept history now (inside the caller's
        transaction); returns how many records were erased."""
        raise NotImplementedError

    # -- the generic run ---------------------------------------------------

    def table(self) -> str:
        model = self.model()
        assert model is not None
        return sql.table(model)

    def _scope(self, ctx: RunContext, rule: Rule, lane: Fragment | None = None) -> Fragment:
        pending, params = self.pending_sql(ctx, rule)
        parts, params = [f"({pending})"], list(params)
        if lane is not None:
            parts.append(f"({lane[0]})")
            params += lane[1]
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

    def _eligible(self, ctx: RunContext, rule: Rule, lane: Fragment | None = None) -> Fragment:
        scope, params = self._scope(ctx, rule, lane)
        due, due_params = self.due_sql(ctx, rule)
        held, held_params = self.held_sql()
        parts = [scope, f"({due})", f"NOT ({held})"]
        params = [*params, *due_params, *held_params]
        for cond, cond_params in self.exclusions(ctx, rule):
            parts.append(f"NOT ({cond})")
            params += cond_params
        if ctx.is_share:
            # Disjoint shares: two workers never contend for the same rows.
            bounds = ctx.bounds_for(self.record_type, rule)
            if bounds is None:
                parts.append("(t.id %% %s) = %s")
                params += [ctx.shards, ctx.shard]
            elif not bounds:
                # Nothing was due when the run was planned: the first share
                # takes whatever is due now.
                if ctx.shard > 0:
                    parts.append("1 = 0")
            else:
                # A range of the keyset: each worker walks only its part of
                # the index, instead of all of it keeping every n-th row.
                field = self.share_column()
                first = self.keyset[0]
                if ctx.shard > 0:
                    parts.append(f"{first} >= %s")
                    params.append(field.to_python(bounds[ctx.shard - 1]))
                if ctx.shard < len(bounds):
                    parts.append(f"{first} < %s")
                    params.append(field.to_python(bounds[ctx.shard]))
        return " AND ".join(parts), params

    def effective_rules(self, ctx: RunContext) -> list[Rule]:
        """The run's rule groups for this record type, each with an action
        this handler can take."""
        by_jurisdiction = self.branch_column is not None or self.jurisdiction_column is not None
        rules = []
        for rule in ctx.rules.groups(self.record_type, by_jurisdiction):
            if rule.jurisdictions == ():
                continue
            if rule.action not in self.actions:
                rule = Rule(
                    rule.period_days, self.actions[0], rule.keep_birth_year, rule.jurisdictions
                )
            rules.append(rule)
        return rules

    def share_bounds(self, ctx: RunContext, rule: Rule, shares: int) -> list[Any] | None:
        """Values of the keyset's first column that cut the rows due under
        `rule` into `shares` ranges of about equal size: shares - 1 values,
        ascending (a share is [bound before, its bound)). From the due rows
        themselves when there are at most SHARE_SAMPLE of them, otherwise
        from a sample of the table's pages. None when the rows cannot be
        ranged here (not PostgreSQL): the shares then split by id modulo."""
        if not sql.is_postgres():
            return None
        first = self.keyset[0]
        cols = ", ".join(self.keyset)
        where, params = self._eligible(ctx, rule)
        with transaction.atomic(), connection.cursor() as cursor:
            sql.no_jit(cursor)
            cursor.execute(
                f"SELECT {first} FROM {self.table()} t WHERE {where} ORDER BY {cols} LIMIT %s",
                [*params, SHARE_SAMPLE + 1],
            )
            values = [row[0] for row in cursor.fetchall()]
            if len(values) > SHARE_SAMPLE:
                cursor.execute(
                    "SELECT greatest(reltuples, 1) FROM pg_class WHERE oid = %s::regclass",
                    [self.table()],
                )
                percent = min(100.0, 100.0 * SHARE_SAMPLE / float(cursor.fetchone()[0]))
                cursor.execute(
                    f"SELECT {first} FROM {self.table()} t TABLESAMPLE SYSTEM (%s) "
                    f"WHERE {where} ORDER BY {first}",
                    [percent, *params],
                )
                values = [row[0] for row in cursor.fetchall()]
        values = [v for v in values if v is not None]
        if not values:
            return []
        return [values[len(values) * k // shares] for k in range(1, shares)]

    def share_column(self) -> Any:
        """The model field behind the keyset's first column."""
        model = self.model()
        assert model is not None
        column = self.keyset[0].split(".")[-1]
        return next(f for f in model._meta.concrete_fields if f.column == column)

    def run(self, ctx: RunContext) -> TypeReport:
        """Expunge what is due under each rule group, then count what the
        run read and kept, and why (a full pass: every pending row; a
        nightly pass: the rows of its lanes). Leaves the group's bound for
        the next nightly pass when nothing due was left behind."""
        report = TypeReport(self.record_type)
        for rule in self.effective_rules(ctx):
            report.action = rule.action
            lanes = self.lanes(ctx, rule)
            if not ctx.dry_run:
                for lane in lanes:
                    report.expunged += self._expunge(ctx, rule, lane)
            if ctx.is_share:
                continue
            left = 0
            for lane in lanes:
                for reason, count in self._classify(ctx, rule, lane):
                    if reason != ELIGIBLE:
                        report.kept[reason] += count
                    elif ctx.dry_run:
                        report.expunged += count
                    else:
                        report.kept[KeptReason.IN_USE] += count
                        left += count
            if self.reads_nightly() and not ctx.dry_run and left == 0:
                # Rows left due (locked by another transaction) leave no
                # bound: the next night reads the group whole.
                ctx.leave_bound(self.record_type, rule, self.next_bound(ctx, rule))
        if not report.action:
            report.action = ctx.rules.rule(self.record_type).action
        return report

    def _expunge(self, ctx: RunContext, rule: Rule, lane: Fragment | None = None) -> int:
        """Expunge every eligible row (of the lane), batch by batch; returns
        how many."""
        steps = self.expunge_steps(ctx, rule)
        one_statement = steps is not None and sql.is_postgres()
        total = 0
        last: Sequence[Any] | None = None
        while True:
            chosen, params = self.batch_choice(ctx, rule, last, lane)
            with transaction.atomic(), connection.cursor() as cursor:
                sql.no_jit(cursor)
                if one_statement:
                    assert steps is not None
                    count, last_row = self._expunge_batch(cursor, chosen, params, steps)
                else:
                    cursor.execute(*self.batch_select(ctx, rule, last, lane))
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

    def batch_choice(
        self,
        ctx: RunContext,
        rule: Rule,
        last: Sequence[Any] | None = None,
        lane: Fragment | None = None,
    ) -> Fragment:
        """`FROM ... WHERE ... ORDER BY ... LIMIT %s`: the next batch's rows,
        the eligible ones after the keyset values `last` (None: from the
        start), as `_expunge` chooses them."""
        cols = ", ".join(self.keyset)
        where, params = self._eligible(ctx, rule, lane)
        if last is not None:
            if len(self.keyset) == 1:
                where += f" AND {self.keyset[0]} > %s"
                params += [last[0]]
            else:
                marks = ", ".join(["%s"] * len(self.keyset))
                where += f" AND {self.keyset[0]} >= %s AND ({cols}) > ({marks})"
                params += [last[0], *last]
        chosen = f"FROM {self.table()} t WHERE {where} ORDER BY {cols} LIMIT %s"
        return chosen, [*params, ctx.batch_size]

    def batch_select(
        self,
        ctx: RunContext,
        rule: Rule,
        last: Sequence[Any] | None = None,
        lane: Fragment | None = None,
    ) -> Fragment:
        """The statement that chooses and locks one batch: its keyset values.
        On PostgreSQL the run embeds the same choice in the batch statement
        (`_expunge_batch`); this is what to EXPLAIN to see how a batch is
        found (bench/bench_consortium.py does)."""
        chosen, params = self.batch_choice(ctx, rule, last, lane)
        return f"SELECT {', '.join(self.keyset)} {chosen}{sql.skip_locked('t')}", params

    def _expunge_batch(
        self, cursor: Any, chosen: str, params: list[Any], steps: Sequence[Fragment]
    ) -> tuple[int, Sequence[Any] | None]:
        """PostgreSQL: choose, lock and expunge one batch in one statement.
        Returns the batch's size and its last keyset values."""
        keys = ", ".join(f"{col} AS k{i}" for i, col in enumerate(self.keyset))
        out = ", ".join(f"k{i}" for i in range(len(self.keyset)))
        desc = ", ".join(f"k{i} DESC" for i in range(len(self.keyset)))
        ctes, steps_params = step_ctes(steps)
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

    def _classify(
        self, ctx: RunContext, rule: Rule, lane: Fragment | None = None
    ) -> list[tuple[str, int]]:
        scope, params = self._scope(ctx, rule, lane)
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


class SimpleHandler(RecordHandler):
    """A table with a date, a patron link and columns to blank out.

    Anonymizing sets `anonymize_sets` (column -> SQL value); deleting removes
    the row. Audit entries of the rows lose `audit_keys`.
    """

    date_column: ClassVar[str] = "t.created_at"
    # Rows still holding personal data when anonymizing.
    personal_sql: ClassVar[str] = "t.patron_id IS NOT NULL"
    # SQL true for a finished record (closed, done); None: always finished.
    # Statuses go in as parameters (finished_params), never as literals.
    finished_sql: ClassVar[str | None] = None
    anonymize_sets: ClassVar[dict[str, str]] = {"patron_id": "NULL"}
    audit_keys: ClassVar[tuple[str, ...]] = ("patron",)

    def finished_params(self) -> list[Any]:
        """The parameters of finished_sql, in order."""
        return []

    def pending_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        parts = [self.personal_sql if rule.action == Action.ANONYMIZE else "1 = 1"]
        params: list[Any] = []
        if self.finished_sql:
            parts.append(self.finished_sql)
            params += self.finished_params()
        return " AND ".join(f"({p})" for p in parts), params

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
        steps.append((f"UPDATE {self.table()} AS t SET {sets} WHERE {this_row()}", []))
        return steps

    def companion_steps(self, ctx: RunContext) -> list[Fragment]:
        """Rows of other tables that go with the anonymized ones."""
        return []
