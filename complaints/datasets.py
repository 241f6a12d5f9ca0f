"""Complaints and reconsideration requests at scale, for benchmarks:

    python manage.py generate_dataset --patrons 0 --items 0 --loans 0 \\
        --cases 100000 [--seed 1] [--as-of YYYY-MM-DD]

N complaints spread over the five years ending on the as-of day, across the
branches (each in its opening hours), and N/20 requests for reconsideration
of items, each carried through its life as the services would have done it
and stopped at the as-of day: most concerns resolved at the desk and
closed; about a quarter escalated to formal review, with the deadlines the
services set (counted on the branch's business calendar), answered, most
decided within the deadline and closed after the appeal window, some
appealed to the Board. The recent ones are still open at every stage
(open at the desk, in formal review, waiting on the patron, decided with
the appeal window running, appealed), and a share of those are past a
deadline, flagged as the clock job flags them. Their timelines
(ComplaintEvent) and the reconsideration committees come with them.

Patron links: about 40 % of concerns and half of the reconsideration
requests name a patron of the database (never a de-identified one), with
the patron's name and contact, as if the retention job had never run
(like the generated loans): closed cases past their retention period are
due, and the retention job handles them.

If the database has no Director yet, a few fictional staff accounts are
made (a Director, and per branch a supervisor and two desk staff, with
unusable passwords), so that cases have someone who logged, handled and
decided them. Escalated concerns are assigned to the Director.

Deterministic for a seed, an as-of day and the same starting database.
Rows are written with COPY on PostgreSQL (bulk_create elsewhere) with
explicit ids; timelines and committees with INSERT ... SELECT. One
transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandParser
from django.db import connection, models, transaction

from circulation.datasets.extras import Extra, Run, register
from circulation.models import Item
from complaints.dataset_rows import (
    COMPLAINT_COLUMNS,
    PATRON_SHARE,
    RECON_COLUMNS,
    Row,
    Staff,
    complaint_rows,
    reconsideration_rows,
)
from complaints.models import Complaint, ComplaintEvent, ReconsiderationRequest
from organisation.calendar import calendar_for_branch
from organisation.models import Branch, StaffProfile
from organisation.policies import directors
from organisation.roles import Role
from patrons.models import Patron

BATCH = 2_000


def load_staff(branches: Sequence[Branch]) -> Staff:
    """The Director (made, with other staff, if missing) and each branch's staff."""
    by_branch: dict[int, list[int]] = {b.pk: [] for b in branches}
    director = _ensure_staff(branches)
    for user_id, branch_id in StaffProfile.objects.filter(
        branch__in=branches, user__is_active=True
    ).values_list("user_id", "branch_id"):
        by_branch[branch_id].append(user_id)
    return Staff(director=director, by_branch={k: sorted(v) for k, v in by_branch.items()})


def _ensure_staff(branches: Sequence[Branch]) -> int:
    """The Director's user id; fictional staff made if there is no Director."""
    found = directors().values_list("pk", flat=True).first()
    if found is not None:
        return int(found)
    User = get_user_model()

    def make(username: str, role: Role, branch: Branch, name: str) -> int:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
        StaffProfile.objects.get_or_create(
            user=user, defaults={"display_name": name, "branch": branch}
        )
        return int(user.pk)

    director = make("dataset-director", Role.DIRECTOR, branches[0], "Director")
    for branch in branches:
        make(f"dataset-supervisor-{branch.pk}", Role.SUPERVISOR, branch, "Supervisor")
        for n in (1, 2):
            make(f"dataset-desk-{branch.pk}-{n}", Role.DESK_STAFF, branch, f"Desk {n}")
    return director


def _sample(model: type[models.Model], columns: str, where: str, count: int) -> list[tuple]:
    """`count` rows spread over the table, the same ones for the same table
    (a multiplicative hash of the id orders them; portable SQL)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {table} WHERE {where} "
            "ORDER BY (CAST(id AS bigint) * 7919) %% 1000003, id LIMIT %s",
            [count],
        )
        return list(cursor.fetchall())


def _write(model: type[models.Model], columns: list[str], rows: Iterator[Row], copy: bool) -> int:
    n = 0
    if copy:
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.connection.cursor() as cursor, cursor.copy(sql) as out:
            for row in rows:
                out.write_row([row[c] for c in columns])
                n += 1
        return n
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**row))
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            n += len(batch)
            batch.clear()
    model._default_manager.bulk_create(batch)
    return n + len(batch)


# Timeline entries, one statement per kind: (kind, actor column, time column,
# note, extra condition).
EVENTS: tuple[tuple[str, str, str, str, str], ...] = (
    (ComplaintEvent.Kind.LOGGED, "logged_by_id", "created_at", "", ""),
    (
        ComplaintEvent.Kind.RESOLVED,
        "resolved_by_id",
        "closed_at",
        "Explained the policy and what we will do next.",
        "c.resolved_by_id IS NOT NULL",
    ),
    (ComplaintEvent.Kind.ESCALATED, "logged_by_id", "escalated_at", "", ""),
    (
        ComplaintEvent.Kind.UPDATE,
        "assignee_id",
        "first_response_at",
        "Called the patron back about their concern.",
        "",
    ),
    (ComplaintEvent.Kind.PAUSED, "assignee_id", "paused_at", "Asked the patron for details.", ""),
    (ComplaintEvent.Kind.DECIDED, "decided_by_id", "decided_at", "", ""),
    (ComplaintEvent.Kind.LETTER, "decided_by_id", "letter_sent_at", "", ""),
    (ComplaintEvent.Kind.APPEALED, "decided_by_id", "appealed_at", "", ""),
    (ComplaintEvent.Kind.CLOSED, "decided_by_id", "closed_at", "", "c.resolved_by_id IS NULL"),
)


def _timelines(first_id: int) -> int:
    table = Complaint._meta.db_table
    total = 0
    with connection.cursor() as cursor:
        for kind, actor, at, note, extra in EVENTS:
            where = f"c.id >= %s AND c.{at} IS NOT NULL" + (f" AND {extra}" if extra else "")
            cursor.execute(
                f"INSERT INTO {ComplaintEvent._meta.db_table} (complaint_id, kind, actor_id, at, "
                f"note) SELECT c.id, %s, c.{actor}, c.{at}, %s FROM {table} c WHERE {where}",
                [str(kind), note, first_id],
            )
            total += cursor.rowcount
    return total


def _committees(first_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO complaints_committeemember (request_id, name, role, read_in_full, "
            "recorded_at) SELECT r.id, 'Committee member ' || m.n, m.role, %s, r.acknowledged_at "
            f"FROM {ReconsiderationRequest._meta.db_table} r CROSS JOIN ("
            "SELECT 1 AS n, 'Librarian' AS role UNION ALL SELECT 2, 'Branch manager' "
            "UNION ALL SELECT 3, 'Community member') m "
            "WHERE r.id >= %s AND r.acknowledged_at IS NOT NULL",
            [True, first_id],
        )
        return int(cursor.rowcount)


def _staff_involved(first_id: int, staff: Staff) -> int:
    """Concerns about staff conduct name one of the branch's desk staff."""
    pairs = []
    rows = Complaint.objects.filter(
        pk__gte=first_id, category=Complaint.Category.STAFF_CONDUCT
    ).values_list("pk", "branch_id")
    for pk, branch_id in rows.iterator(chunk_size=BATCH):
        candidates = [u for u in staff.by_branch.get(branch_id, []) if u != staff.director]
        if candidates:
            pairs.append(
                Complaint.staff_involved.through(
                    complaint_id=pk, user_id=candidates[pk % len(candidates)]
                )
            )
    Complaint.staff_involved.through.objects.bulk_create(pairs, batch_size=BATCH)
    return len(pairs)


def _next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0) + 1


def _reset_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )


def generate_cases(
    *,
    cases: int,
    seed: int,
    as_of: datetime.date,
    use_copy: bool,
    say: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Add `cases` complaints and cases // 20 reconsideration requests;
    returns the counts of what was added."""
    branches = list(Branch.objects.order_by("pk"))
    if not branches or cases <= 0:
        return {}
    copy = use_copy and connection.vendor == "postgresql"
    recons = cases // 20
    counts: dict[str, int] = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {Complaint._meta.db_table}, "
                    f"{ReconsiderationRequest._meta.db_table} IN EXCLUSIVE MODE"
                )
        staff = load_staff(branches)
        cals = {b.pk: calendar_for_branch(b) for b in branches}
        people = [
            (pk, f"{first} {last}", email, phone)
            for pk, first, last, email, phone in _sample(
                Patron,
                "id, first_name, last_name, email, phone",
                "deidentified_at IS NULL",
                int(cases * PATRON_SHARE) + recons,
            )
        ]
        items = [row[0] for row in _sample(Item, "id", "1 = 1", recons)]
        complaint0 = _next_id(Complaint)
        counts["complaints"] = _write(
            Complaint,
            COMPLAINT_COLUMNS,
            complaint_rows(
                count=cases,
                first_id=complaint0,
                seed=seed,
                as_of=as_of,
                branches=branches,
                cals=cals,
                staff=staff,
                patrons=people[: int(cases * PATRON_SHARE)],
            ),
            copy,
        )
        counts["complaint events"] = _timelines(complaint0)
        counts["complaints about staff"] = _staff_involved(complaint0, staff)
        recon0 = _next_id(ReconsiderationRequest)
        counts["reconsideration requests"] = _write(
            ReconsiderationRequest,
            RECON_COLUMNS,
            reconsideration_rows(
                count=recons,
                first_id=recon0,
                seed=seed,
                as_of=as_of,
                branches=branches,
                cals=cals,
                staff=staff,
                patrons=people[int(cases * PATRON_SHARE) :],
                items=items,
            ),
            copy,
        )
        counts["committee members"] = _committees(recon0)
        _reset_sequence(Complaint)
        _reset_sequence(ReconsiderationRequest)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (Complaint, ComplaintEvent, ReconsiderationRequest):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
    say("cases: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return counts


def _add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--cases",
        type=int,
        default=0,
        help="Also add this many complaints, and a twentieth as many requests for "
        "reconsideration of items, in every state, over five years (complaints.datasets).",
    )


def _check(options: dict[str, Any]) -> str:
    return "Cases cannot be negative." if options["cases"] < 0 else ""


def _generate(options: dict[str, Any], run: Run) -> dict[str, int]:
    if not options["cases"]:
        return {}
    return generate_cases(
        cases=options["cases"],
        seed=run.seed,
        as_of=run.as_of,
        use_copy=run.use_copy,
        say=run.say,
    )


register(Extra("complaints", _add_arguments, _check, _generate))
