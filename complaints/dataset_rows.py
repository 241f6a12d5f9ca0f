"""The rows of complaints.datasets: each case carried through its life as
the services would have done it, stopped at the as-of day. Pure Python:
nothing here reads the database (the rows are consumed while a COPY holds
the connection)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from complaints.models import Channel, Complaint, ReconsiderationRequest
from organisation.calendar import BusinessCalendar, add_business_days
from organisation.models import Branch

YEARS = 5
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

# Every column, by attribute name (a row is a dict of them).
COMPLAINT_COLUMNS = [f.attname for f in Complaint._meta.concrete_fields]
RECON_COLUMNS = [f.attname for f in ReconsiderationRequest._meta.concrete_fields]

Row = dict[str, Any]


@dataclass
class Staff:
    """Who logs, handles and decides: user ids per branch, and the Director."""

    director: int
    by_branch: dict[int, list[int]]


Person = tuple[int, str, str, str]  # id, name, e-mail, phone


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
