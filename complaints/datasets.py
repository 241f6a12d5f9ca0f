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
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, models, transaction

from circulation.models import Item
from complaints.models import Channel, Complaint, ComplaintEvent, ReconsiderationRequest
from libraryservice.calendar import BusinessCalendar, add_business_days, calendar_for_branch
from libraryservice.models import Branch, StaffProfile
from libraryservice.policies import directors
from libraryservice.roles import Role
from patrons.models import Patron

YEARS = 5
BATCH = 2_000
# Default targets of ComplaintSettings, in business days.
FIRST_RESPONSE_DAYS, UPDATE_DAYS, RESOLUTION_DAYS, APPEAL_DAYS = 1, 5, 15, 10
RECON_DECISION_DAYS, RECON_APPEAL_DAYS = 30, 10
ESCALATED_SHARE = 0.25
PATRON_SHARE = 0.4
HOURS = (9, 10, 10, 11, 11, 12, 13, 14, 15, 15, 16, 16, 17, 18)

DESCRIPTIONS = {
    Complaint.Category.SERVICE: (
        "Waited a long time at the desk while nobody came.",
        "Was told a hold was ready but it was not on the shelf.",
        "The phone line rang out three times this week.",
    ),
    Complaint.Category.STAFF_CONDUCT: (
        "The patron felt a staff member was curt and unhelpful.",
        "A staff member raised their voice at the patron's child.",
    ),
    Complaint.Category.MATERIALS: (
        "Not enough copies of the book club title.",
        "The patron objects to a display in the teen area.",
    ),
    Complaint.Category.FACILITIES: (
        "The lift was out of order again.",
        "Too cold in the reading room all afternoon.",
        "Noise from the meeting room during study hours.",
    ),
    Complaint.Category.POLICY: (
        "Charged a replacement fee for a book the patron says was returned.",
        "Disagrees with the limit on computer time.",
    ),
    Complaint.Category.OTHER: ("Parking outside is always full.",),
}
CATEGORY_WEIGHTS = {
    Complaint.Category.SERVICE: 35,
    Complaint.Category.STAFF_CONDUCT: 10,
    Complaint.Category.MATERIALS: 10,
    Complaint.Category.FACILITIES: 25,
    Complaint.Category.POLICY: 15,
    Complaint.Category.OTHER: 5,
}
CHANNEL_WEIGHTS = {Channel.IN_PERSON: 60, Channel.PHONE: 20, Channel.EMAIL: 15, Channel.WRITTEN: 5}
DECISION_WEIGHTS = {
    Complaint.Decision.UPHELD: 30,
    Complaint.Decision.PARTLY_UPHELD: 35,
    Complaint.Decision.NOT_UPHELD: 35,
}
RECON_DECISION_WEIGHTS = {
    ReconsiderationRequest.Decision.RETAIN: 75,
    ReconsiderationRequest.Decision.RELOCATE: 20,
    ReconsiderationRequest.Decision.WITHDRAW: 5,
}

COMPLAINT_COLUMNS = [
    "id",
    "branch_id",
    "channel",
    "category",
    "description",
    "patron_id",
    "patron_name",
    "contact_email",
    "contact_phone",
    "logged_by_id",
    "created_at",
    "status",
    "informal_explanation",
    "alternative_offered",
    "resolved_by_id",
    "assignee_id",
    "escalated_at",
    "first_response_due",
    "first_response_at",
    "first_response_reminded_at",
    "first_response_breached_at",
    "next_update_due",
    "next_update_reminded_at",
    "next_update_breached_at",
    "resolution_due",
    "resolution_reminded_at",
    "resolution_breached_at",
    "paused_at",
    "paused_total",
    "decision",
    "decision_reasons",
    "decided_by_id",
    "decided_at",
    "letter_sent_at",
    "appeal_due",
    "appealed_at",
    "appeal_grounds",
    "closing_note",
    "closed_at",
]
RECON_COLUMNS = [
    "id",
    "item_id",
    "branch_id",
    "requester_name",
    "requester_patron_id",
    "requester_email",
    "requester_address",
    "eligibility_basis",
    "identity_confidential",
    "requester_read_in_full",
    "objection",
    "requested_action",
    "status",
    "logged_by_id",
    "received_at",
    "acknowledged_at",
    "decision_due",
    "decision_reminded_at",
    "decision_breached_at",
    "decision",
    "decision_reasons",
    "decided_by_id",
    "decided_at",
    "appeal_due",
    "appealed_at",
    "appeal_grounds",
    "closed_at",
]

Row = dict[str, Any]
Person = tuple[int, str, str, str]  # id, name, e-mail, phone


class Staff:
    """Who logs, handles and decides: per branch, and the Director."""

    def __init__(self, branches: Sequence[Branch]) -> None:
        self.director = _ensure_staff(branches)
        self.by_branch: dict[int, list[int]] = {b.pk: [] for b in branches}
        for user_id, branch_id in StaffProfile.objects.filter(
            branch__in=branches, user__is_active=True
        ).values_list("user_id", "branch_id"):
            self.by_branch[branch_id].append(user_id)
        for ids in self.by_branch.values():
            ids.sort()


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


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Life:
    """Times on one branch's calendar, from a seeded generator."""

    def __init__(self, cal: BusinessCalendar, rng: random.Random, now: datetime.datetime):
        self.cal, self.rng, self.now = cal, rng, now

    def due(self, start: datetime.datetime, days: int) -> datetime.datetime:
        return add_business_days(self.cal, start, days)

    def after(self, start: datetime.datetime, hours: float) -> datetime.datetime:
        return start + datetime.timedelta(hours=hours)

    def happened(self, moment: datetime.datetime | None) -> bool:
        return moment is not None and moment <= self.now


def _created(
    rng: random.Random, cal: BusinessCalendar, first: datetime.date, days: int, recent: float
) -> datetime.datetime:
    """A moment in opening hours; `recent` of them in the last 60 days."""
    if rng.random() < recent:
        offset = days - 1 - int(rng.random() * min(60, days))
    else:
        offset = int(rng.random() * days)
    day = first + datetime.timedelta(days=offset)
    while not cal.is_open_day(day) and day > first:
        day -= datetime.timedelta(days=1)
    return datetime.datetime(
        day.year, day.month, day.day, rng.choice(HOURS), rng.randrange(60), tzinfo=cal.tz
    )


def complaint_rows(
    *,
    count: int,
    first_id: int,
    seed: int,
    as_of: datetime.date,
    branches: Sequence[Branch],
    cals: dict[int, BusinessCalendar],
    staff: Staff,
    patrons: Sequence[Person],
) -> Iterator[Row]:
    """The complaints' rows. Reads nothing from the database (the rows are
    consumed while a COPY holds the connection): `cals` are the branches'
    calendars."""
    rng = random.Random(f"{seed}:complaints")
    now = datetime.datetime.combine(as_of, datetime.time(6), tzinfo=datetime.UTC)
    days = YEARS * 365
    first = as_of - datetime.timedelta(days=days)
    weights = [1.0 + (i % 3) * 0.5 for i in range(len(branches))]
    people = iter(patrons)
    for n in range(count):
        branch = rng.choices(branches, weights=weights)[0]
        cal = cals[branch.pk]
        life = Life(cal, rng, now)
        created = _created(rng, cal, first, days, recent=0.06)
        category = _pick(rng, CATEGORY_WEIGHTS)
        desk = staff.by_branch[branch.pk] or [staff.director]
        row: Row = dict.fromkeys(COMPLAINT_COLUMNS)
        row.update(
            id=first_id + n,
            branch_id=branch.pk,
            channel=_pick(rng, CHANNEL_WEIGHTS),
            category=category,
            description=rng.choice(DESCRIPTIONS[category]),
            patron_name="",
            contact_email="",
            contact_phone="",
            logged_by_id=rng.choice(desk),
            created_at=created,
            informal_explanation="",
            alternative_offered="",
            paused_total=datetime.timedelta(0),
            decision="",
            decision_reasons="",
            appeal_grounds="",
            closing_note="",
        )
        if rng.random() < PATRON_SHARE:
            person = next(people, None)
            if person is not None:
                row.update(
                    patron_id=person[0],
                    patron_name=person[1],
                    contact_email=person[2] if rng.random() < 0.6 else "",
                    contact_phone=person[3] if rng.random() < 0.5 else "",
                )
        elif rng.random() < 0.5:
            row["patron_name"] = f"Visitor {n % 997}"
        if rng.random() >= ESCALATED_SHARE:
            _informal(row, life, desk)
        else:
            _formal(row, life, desk, staff.director)
        yield row


def _informal(row: Row, life: Life, desk: list[int]) -> None:
    """Resolved at the desk, or still open there."""
    # Most at once or within hours; some wait days for a supervisor.
    slow = life.rng.random() < 0.2
    hours = life.rng.uniform(24, 24 * 20) if slow else life.rng.expovariate(1 / 4)
    resolved = life.after(row["created_at"], hours)
    if not life.happened(resolved):
        row["status"] = Complaint.Status.OPEN
        return
    row.update(
        status=Complaint.Status.CLOSED,
        informal_explanation="Explained the policy and what we will do next.",
        alternative_offered="Offered another way to get the service."
        if life.rng.random() < 0.5
        else "",
        resolved_by_id=life.rng.choice(desk),
        closed_at=resolved,
    )


def _formal(row: Row, life: Life, desk: list[int], director: int) -> None:
    """Escalated to the Director, then answered, decided, maybe appealed,
    closed; stopped at `now` with the clocks the clock job would have
    flagged by then."""
    rng = life.rng
    escalated = life.after(row["created_at"], rng.uniform(1, 72))
    if not life.happened(escalated):
        row["status"] = Complaint.Status.OPEN
        return
    row.update(
        status=Complaint.Status.ESCALATED,
        assignee_id=director,
        escalated_at=escalated,
        first_response_due=life.due(escalated, FIRST_RESPONSE_DAYS),
        resolution_due=life.due(escalated, RESOLUTION_DAYS),
    )
    late_answer = rng.random() < 0.08
    answered = life.after(escalated, rng.uniform(30, 72) if late_answer else rng.uniform(1, 20))
    late_decision = rng.random() < 0.12
    decided = life.after(
        escalated, 24 * (rng.uniform(22, 40) if late_decision else rng.uniform(3, 20))
    )
    if not life.happened(decided):
        # Still in formal review.
        if life.happened(answered):
            row["first_response_at"] = answered
            stale = rng.random() < 0.2
            weeks = max(0, int((life.now - answered).days // 7) - (1 if stale else 0))
            last_update = answered + datetime.timedelta(days=7 * weeks)
            row["next_update_due"] = life.due(last_update, UPDATE_DAYS)
        for clock in ("first_response", "next_update", "resolution"):
            due = row[f"{clock}_due"]
            met = clock == "first_response" and row["first_response_at"] is not None
            if due is not None and due <= life.now and not met:
                row[f"{clock}_breached_at"] = due
        if row["first_response_at"] is not None and rng.random() < 0.25:
            row["status"] = Complaint.Status.WAITING
            row["paused_at"] = max(row["first_response_at"], life.now - datetime.timedelta(days=3))
        return
    row["first_response_at"] = answered
    if answered > row["first_response_due"]:
        row["first_response_breached_at"] = row["first_response_due"]
    if decided > row["resolution_due"]:
        row["resolution_breached_at"] = row["resolution_due"]
    decision = _pick(rng, DECISION_WEIGHTS)
    appeal_due = life.due(decided, APPEAL_DAYS)
    row.update(
        status=Complaint.Status.DECIDED,
        decision=decision,
        decision_reasons="The reasons for this decision, as written to the patron.",
        decided_by_id=director,
        decided_at=decided,
        letter_sent_at=life.after(decided, 0.1) if row["contact_email"] else None,
        appeal_due=appeal_due,
    )
    if rng.random() < 0.1:
        appealed = life.after(decided, rng.uniform(24, 24 * 10))
        if appealed <= appeal_due and life.happened(appealed):
            row.update(
                status=Complaint.Status.APPEALED,
                appealed_at=appealed,
                appeal_grounds="The patron asks the Board to look again.",
            )
            closed = life.after(appealed, 24 * rng.uniform(20, 60))
            if life.happened(closed):
                row.update(
                    status=Complaint.Status.CLOSED,
                    closed_at=closed,
                    closing_note="The Board upheld the decision.",
                )
            return
    closed = life.after(appeal_due, 24 * rng.uniform(0.5, 5))
    if life.happened(closed):
        row.update(status=Complaint.Status.CLOSED, closed_at=closed, closing_note="")


def reconsideration_rows(
    *,
    count: int,
    first_id: int,
    seed: int,
    as_of: datetime.date,
    branches: Sequence[Branch],
    cals: dict[int, BusinessCalendar],
    staff: Staff,
    patrons: Sequence[Person],
    items: Sequence[int],
) -> Iterator[Row]:
    """The reconsideration requests' rows; reads nothing from the database."""
    rng = random.Random(f"{seed}:reconsideration")
    now = datetime.datetime.combine(as_of, datetime.time(6), tzinfo=datetime.UTC)
    days = YEARS * 365
    first = as_of - datetime.timedelta(days=days)
    people = iter(patrons)
    for n in range(min(count, len(items))):
        branch = rng.choice(branches)
        cal = cals[branch.pk]
        life = Life(cal, rng, now)
        received = _created(rng, cal, first, days, recent=0.08)
        desk = staff.by_branch[branch.pk] or [staff.director]
        person = next(people, None) if rng.random() < 0.5 else None
        row: Row = dict.fromkeys(RECON_COLUMNS)
        row.update(
            id=first_id + n,
            item_id=items[n],
            branch_id=branch.pk,
            requester_name=person[1] if person else f"Resident {n % 991}",
            requester_patron_id=person[0] if person else None,
            requester_email=person[2] if person and rng.random() < 0.7 else "",
            requester_address="" if person else f"{n % 400 + 1} Main Street",
            eligibility_basis=(
                ReconsiderationRequest.Basis.CARDHOLDER
                if person
                else ReconsiderationRequest.Basis.RESIDENT
            ),
            identity_confidential=True,
            requester_read_in_full=rng.random() < 0.4,
            objection="Finds the content unsuitable for the section it is in.",
            requested_action="Move it to another part of the collection.",
            status=ReconsiderationRequest.Status.RECEIVED,
            logged_by_id=rng.choice(desk),
            received_at=received,
            decision_due=life.due(received, RECON_DECISION_DAYS),
            decision="",
            decision_reasons="",
            appeal_grounds="",
        )
        acknowledged = life.after(received, rng.uniform(2, 72))
        if not life.happened(acknowledged):
            yield row
            continue
        row.update(acknowledged_at=acknowledged, status=ReconsiderationRequest.Status.UNDER_REVIEW)
        late = rng.random() < 0.1
        decided = life.after(received, 24 * (rng.uniform(45, 70) if late else rng.uniform(14, 40)))
        if not life.happened(decided):
            if row["decision_due"] <= life.now:
                row["decision_breached_at"] = row["decision_due"]
            yield row
            continue
        if decided > row["decision_due"]:
            row["decision_breached_at"] = row["decision_due"]
        appeal_due = life.due(decided, RECON_APPEAL_DAYS)
        row.update(
            status=ReconsiderationRequest.Status.DECIDED,
            decision=_pick(rng, RECON_DECISION_WEIGHTS),
            decision_reasons="The committee read the item in full; its reasons.",
            decided_by_id=staff.director,
            decided_at=decided,
            appeal_due=appeal_due,
        )
        closed_from = appeal_due
        if rng.random() < 0.15:
            appealed = life.after(decided, rng.uniform(24, 24 * 10))
            if appealed <= appeal_due and life.happened(appealed):
                row.update(
                    status=ReconsiderationRequest.Status.APPEALED,
                    appealed_at=appealed,
                    appeal_grounds="The requester asks the Board to review the decision.",
                )
                closed_from = life.after(appealed, 24 * 30)
        closed = life.after(closed_from, 24 * rng.uniform(0.5, 5))
        if life.happened(closed):
            row.update(status=ReconsiderationRequest.Status.CLOSED, closed_at=closed)
        yield row


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
                [kind.value, note, first_id],
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
        staff = Staff(branches)
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
