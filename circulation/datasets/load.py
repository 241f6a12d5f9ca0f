"""The load: plan from what the database holds, generate each table in
order, write it, and leave sequences and statistics right."""

from __future__ import annotations

import datetime
import tempfile
import time
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import connection, models, transaction

from catalogue.models import Title
from circulation.models import Fee, Hold, Item, ItemFormat, Loan, LoanRule
from organisation import clock
from organisation.management.commands.seed_demo import BRANCHES
from organisation.models import Branch, LibrarySystem, StaffProfile
from organisation.policies import users_with_role
from organisation.roles import Role
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

from .lending import choose_busy_items, hold_rows, item_rows, loan_rows
from .people import card_rows, guardian_rows, patron_rows, proxy_rows
from .plan import COLUMNS, Clock, Plan, Row
from .titles import title_rows
from .vocabulary import BARCODE_FLOOR, REBUILD_MIN_ROWS
from .writing import IndexRebuild, bulk_insert, copy_rows, copy_text, text_rows


def generate_dataset(
    *,
    patrons: int,
    items: int,
    loans: int,
    titles: int | None = None,
    seed: int,
    as_of: datetime.date | None,
    rebuild_indexes: str,
    use_copy: bool,
    vacuum: bool,
    say: Callable[[str], None],
) -> dict[str, int]:
    """Add the rows in one transaction and return the count per table
    (verbose plural name). `use_copy` needs PostgreSQL; `say` gets a line
    per table. Callers validate the counts."""
    postgres = connection.vendor == "postgresql"
    touched: list[type[models.Model]] = []
    with transaction.atomic():
        plan = _plan(
            patrons=patrons,
            items=items,
            loans=loans,
            titles=default_titles(items) if titles is None else titles,
            seed=seed,
            as_of=as_of,
        )
        if postgres:
            with connection.cursor() as cursor:
                # Foreign keys are deferred; check them row by row instead,
                # so that no pending check blocks dropping a constraint.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        clock = Clock(plan.as_of)
        choose_busy_items(plan)
        with tempfile.SpooledTemporaryFile(max_size=32 << 20, mode="w+", encoding="utf-8") as fees:
            steps: list[tuple[type[models.Model], int, Callable[[], Iterable[Row]]]] = [
                (Patron, patrons, lambda: patron_rows(plan, clock)),
                (Card, patrons, lambda: card_rows(plan, clock)),
                (GuardianLink, patrons // 10, lambda: guardian_rows(plan, clock)),
                (ProxyAuthorization, patrons // 200, lambda: proxy_rows(plan, clock)),
                (Title, plan.titles, lambda: title_rows(plan, clock)),
                (Item, items, lambda: item_rows(plan, clock)),
                (Loan, loans, lambda: loan_rows(plan, clock, fees)),
                (Hold, loans // 50, lambda: hold_rows(plan, clock)),
                (Fee, loans // 20, lambda: text_rows(fees)),
            ]
            for model, expected, rows in steps:
                t0 = time.monotonic()
                rebuild = _rebuild(model, expected, rebuild_indexes)
                if use_copy and model is Fee:
                    copy_text(Fee, fees)
                    n = plan.fee_count
                elif use_copy:
                    n = copy_rows(model, rows())
                else:
                    n = bulk_insert(model, rows())
                t1 = time.monotonic()
                if rebuild:
                    rebuild.restore()
                touched.append(model)
                plan.counts[str(model._meta.verbose_name_plural)] = n
                say(
                    f"{model._meta.verbose_name_plural}: {n:,} rows in {t1 - t0:.3f}s"
                    + (f" + {time.monotonic() - t1:.3f}s indexes" if rebuild else "")
                )
        _reset_sequences(touched)
        if postgres:
            with connection.cursor() as cursor:
                for model in touched:
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
    if postgres and vacuum and not connection.in_atomic_block:
        t0 = time.monotonic()
        with connection.cursor() as cursor:
            for model in touched:
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
        say(f"vacuum: {time.monotonic() - t0:.1f}s")
    return plan.counts


def _rebuild(model: type[models.Model], expected: int, mode: str) -> IndexRebuild | None:
    if connection.vendor != "postgresql" or mode == "never":
        return None
    if mode == "auto" and expected < REBUILD_MIN_ROWS:
        return None
    rebuild = IndexRebuild(model._meta.db_table)
    rebuild.drop()
    return rebuild


def default_titles(items: int) -> int:
    """Titles for `items` copies when no count is given: three copies for
    every two titles, as a public library's shelves have."""
    return (items * 2 + 2) // 3


def _plan(
    *, patrons: int, items: int, loans: int, titles: int, seed: int, as_of: datetime.date | None
) -> Plan:
    as_of = as_of or clock.server_day()
    if connection.vendor == "postgresql":
        tables = ", ".join(m._meta.db_table for m in COLUMNS)
        with connection.cursor() as cursor:
            # Readers go on; writers wait, so the ids below stay free.
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
    branches = _branches()
    system = LibrarySystem.objects.order_by("pk").first()
    rules = {fmt.value: (21, 2, Decimal("0.25"), Decimal("5.00")) for fmt in ItemFormat} | {
        r.format: (r.loan_days, r.max_renewals, r.overdue_fee_per_day, r.overdue_fee_cap)
        for r in LoanRule.objects.all()
    }
    staff_ids = list(
        StaffProfile.objects.exclude(user__in=users_with_role(Role.ADMINISTRATOR))
        .order_by("user_id")
        .values_list("user_id", flat=True)[:50]
    )
    first_id = {
        m._meta.model_name + "s": _next_id(m)  # type: ignore[operator]
        for m in COLUMNS
    }
    return Plan(
        patrons=patrons,
        items=items,
        loans=loans,
        titles=titles,
        seed=seed,
        as_of=as_of,
        branch_ids=[b.pk for b in branches],
        branch_cities=[b.name.split()[0].strip("(") for b in branches],
        branch_postal=["14787", "01527", "60441", "P9N 1A1"][: len(branches)],
        staff_ids=staff_ids,
        loan_rules=rules,
        hold_pickup_days=system.hold_pickup_days if system else 7,
        card_validity_years=system.card_validity_years if system else 3,
        first_id=first_id,
        card_number0=_next_number(Card),
        item_number0=_next_number(Item),
    )


def _branches() -> list[Branch]:
    """One branch per demo jurisdiction, created as seed_demo would if missing."""
    system = LibrarySystem.objects.order_by("pk").first()
    if system is None:
        system = LibrarySystem.objects.create(name="Demo Library System")
    branches = []
    for code, name, jurisdiction, tz in BRANCHES:
        branch = Branch.objects.filter(jurisdiction_code=jurisdiction).order_by("pk").first()
        if branch is None:
            branch, _ = Branch.objects.get_or_create(
                code=code,
                defaults={
                    "system": system,
                    "name": name,
                    "jurisdiction_code": jurisdiction,
                    "timezone": tz,
                },
            )
        branches.append(branch)
    return branches


def _next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()  # type: ignore[attr-defined]
    return (last or 0) + 1


def _next_number(model: type[models.Model]) -> int:
    """Barcode numbers above every existing one and above BARCODE_FLOOR."""
    last = model.objects.order_by("-barcode").values_list("barcode", flat=True).first()  # type: ignore[attr-defined]
    number = int(last[1:13]) + 1 if last else 0
    return max(number, BARCODE_FLOOR)


def _reset_sequences(models: list[type[models.Model]]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite AUTOINCREMENT follows explicit ids by itself.
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
            )
