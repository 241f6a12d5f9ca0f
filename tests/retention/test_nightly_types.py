"""The nightly pass of the record types besides loans whose whole table a
night used to read: desk inquiries (recorded_at), closed complaints
(closed_at) and finished holds (when they ended). A night reads only the rows recorded or closed since the last
complete run's bound and those of a patron whose legal hold was lifted
since, yet leaves exactly the state a full pass leaves."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction

from circulation.models import Hold
from complaints.models import Complaint, ReconsiderationRequest
from desk.models import Inquiry
from organisation import clock
from patrons.models import Patron
from retention.models import ExpungeRun, LegalHold
from retention.services import legal_hold_place, legal_hold_release, retention_expunge
from retention.vocabulary import KeptReason, RecordType
from tests import factories
from tests.clock import at
from tests.retention.helpers import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

INQUIRIES = RecordType.INQUIRIES
COMPLAINTS = RecordType.COMPLAINTS
HOLDS = RecordType.FINISHED_HOLDS
# Nights that cross the spring daylight-saving change (2026-03-08).
FIRST_NIGHT = datetime.date(2026, 3, 2)
THREE_YEARS = datetime.timedelta(days=3 * 365)
TABLES = {
    "desk_inquiry": "id",
    "complaints_complaint": "id",
    "complaints_reconsiderationrequest": "id",
}


def night_moment(day: datetime.date) -> datetime.datetime:
    return at(f"{day.isoformat()} 03:30")


def inquiry(branch, patron, moment: datetime.datetime) -> Inquiry:
    local = clock.local_now(branch, moment)
    return Inquiry.objects.create(
        branch=branch,
        recorded_at=moment,
        local_day=local.date(),
        local_hour=local.hour,
        weekday=local.weekday(),
        channel="phone",
        question=f"Did {patron.last_name} leave a scarf?",
        answer="Yes, at the desk",
        patron=patron,
    )


def complaint(branch, patron, closed: datetime.datetime) -> Complaint:
    return Complaint.objects.create(
        branch=branch,
        category=Complaint.Category.SERVICE,
        description=f"{patron.last_name} was told off at the desk",
        patron=patron,
        patron_name=patron.last_name,
        contact_email="ms@example.org",
        status=Complaint.Status.CLOSED,
        created_at=closed - datetime.timedelta(days=20),
        closed_at=closed,
        closing_note="Apologised",
    )


def finished_hold(branch, patron, closed: datetime.datetime) -> Hold:
    return factories.HoldFactory(
        patron=patron,
        pickup_branch=branch,
        status=Hold.Status.FULFILLED,
        placed_at=closed - datetime.timedelta(days=5),
        closed_at=closed,
    )


def build(branch, time_machine) -> dict:
    """Two patrons (one under a legal hold), each with an inquiry and a
    finished hold every other day from 20 to 40 days before the first
    night (due after 30) and a complaint closed every other day from three
    years and 10 days to three years less 10 days before it."""
    start = night_moment(FIRST_NIGHT)
    time_machine.move_to(start - datetime.timedelta(days=1), tick=False)
    plain = factories.PatronFactory(home_branch=branch)
    held = factories.PatronFactory(home_branch=branch)
    for days in range(20, 42, 2):
        for patron in (plain, held):
            inquiry(branch, patron, start - datetime.timedelta(days=days, hours=5))
            finished_hold(branch, patron, start - datetime.timedelta(days=days, hours=5))
    for days in range(-10, 12, 2):
        for patron in (plain, held):
            complaint(branch, patron, start - THREE_YEARS - datetime.timedelta(days=days, hours=5))
    legal_hold_place(patron=held, reason="Preservation letter 26-051")
    return {"plain": plain, "held": held}


def run_night(day: datetime.date, time_machine, **kwargs) -> ExpungeRun:
    time_machine.move_to(night_moment(day), tick=False)
    report = retention_expunge(**kwargs)
    return ExpungeRun.objects.get(pk=report.run_id)


def full_and_nightly_agree(day: datetime.date, time_machine) -> tuple[ExpungeRun, ExpungeRun]:
    """The night both ways from the same state: a full pass (rolled back),
    then the nightly pass (kept); every table retention touches, inquiries
    and complaints included, must be identical after either."""
    before = transaction.savepoint()
    full = run_night(day, time_machine, full=True)
    assert full.full_pass
    full_state = snapshot(tables=TABLES)
    transaction.savepoint_rollback(before)
    nightly = run_night(day, time_machine)
    assert nightly.finished_at is not None and nightly.errors == []
    assert snapshot(tables=TABLES) == full_state, f"night {day}: nightly and full pass differ"
    return full, nightly


def named(model, patron) -> int:
    return model.objects.filter(patron=patron).count()


def test_a_night_reads_only_the_inquiries_and_complaints_that_fell_due_since(branch, time_machine):
    world = build(branch, time_machine)
    first = run_night(FIRST_NIGHT, time_machine)
    assert first.full_pass
    assert all(rt in first.bounds for rt in (INQUIRIES, COMPLAINTS, HOLDS))
    # The held patron's rows are kept; the other's due ones are gone.
    assert named(Inquiry, world["plain"]) == 5
    assert named(Complaint, world["plain"]) == 5
    assert named(Hold, world["plain"]) == 5

    full, nightly = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=2), time_machine)
    assert not nightly.full_pass
    for record_type in (INQUIRIES, COMPLAINTS, HOLDS):
        # Tonight's: one row of each patron; the held one's is kept.
        assert nightly.counts[record_type]["expunged"] == 1, record_type
        assert nightly.counts[record_type]["kept"] == {KeptReason.LEGAL_HOLD: 1}, record_type
        # The full pass read every pending row: the held patron's older
        # ones and everything not yet due.
        assert full.counts[record_type]["kept"][KeptReason.LEGAL_HOLD] == 7, record_type
        assert full.counts[record_type]["kept"][KeptReason.RETENTION_PERIOD] == 8, record_type


def test_a_lifted_legal_hold_frees_the_inquiries_and_complaints_it_kept_that_night(
    branch, time_machine
):
    world = build(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    held = world["held"]
    assert named(Inquiry, held) == 11 and named(Complaint, held) == 11
    assert named(Hold, held) == 11
    time_machine.move_to(night_moment(FIRST_NIGHT) + datetime.timedelta(hours=9), tick=False)
    legal_hold_release(hold=LegalHold.objects.get(patron=held))
    _full, nightly = full_and_nightly_agree(FIRST_NIGHT + datetime.timedelta(days=1), time_machine)
    assert not nightly.full_pass
    # Recorded (closed) less than the period before tonight: still named.
    assert named(Inquiry, held) == 4 and named(Complaint, held) == 4
    assert named(Hold, held) == 4
    # Seven of the held patron's, the other's one of tonight.
    for record_type in (INQUIRIES, COMPLAINTS, HOLDS):
        assert nightly.counts[record_type]["expunged"] == 8, record_type


def test_over_nights_with_new_rows_and_holds_a_nightly_pass_leaves_the_full_pass_state(
    branch, time_machine
):
    """New inquiries, finished holds and complaints closed during the days,
    long-waiting holds cancelled, legal holds placed and lifted: every night, the nightly pass and the full pass agree, and
    the rows end up expunged on the night their period ends."""
    world = build(branch, time_machine)
    run_night(FIRST_NIGHT, time_machine)
    day = FIRST_NIGHT
    late = factories.PatronFactory(home_branch=branch)
    # Six days: the seventh would be the weekly full pass.
    for n, gap in enumerate((1, 3, 1, 1)):
        noon = night_moment(day) + datetime.timedelta(hours=8)
        time_machine.move_to(noon, tick=False)
        inquiry(branch, late, noon - datetime.timedelta(days=29))
        finished_hold(branch, late, noon - datetime.timedelta(days=29))
        # A hold waiting since long before the bound, cancelled today:
        # it ended today, not when it was placed.
        waiting = factories.HoldFactory(
            patron=late,
            pickup_branch=branch,
            status=Hold.Status.WAITING,
            placed_at=noon - datetime.timedelta(days=60),
        )
        Hold.objects.filter(pk=waiting.pk).update(status=Hold.Status.CANCELLED, closed_at=noon)
        complaint(branch, late, noon - THREE_YEARS + datetime.timedelta(days=1))
        if n == 1:
            legal_hold_place(patron=world["plain"], reason="Preservation letter 26-052")
            legal_hold_place(patron=late, reason="Preservation letter 26-053")
        if n == 2:
            legal_hold_release(hold=LegalHold.objects.get(patron=late))
        day += datetime.timedelta(days=gap)
        _full, nightly = full_and_nightly_agree(day, time_machine)
        assert not nightly.full_pass, day
    # Every row of `late`'s is due by now (the last ones tonight); its hold
    # was lifted. The other patron's, under a hold since, are still named.
    assert named(Inquiry, late) == 0 and named(Complaint, late) == 0
    # The cancelled holds ended less than the period before: still named.
    assert named(Hold, late) == 4
    assert named(Inquiry, world["plain"]) == 4 and named(Complaint, world["plain"]) == 4


RECONSIDERATIONS = "reconsiderations"


def request(branch, patron, *, closed: datetime.datetime | None) -> ReconsiderationRequest:
    received = (closed or clock.now()) - datetime.timedelta(days=60)
    return ReconsiderationRequest.objects.create(
        item=factories.ItemFactory(home_branch=branch),
        branch=branch,
        requester_name=patron.last_name,
        requester_patron=patron,
        requester_email="ms@example.org",
        eligibility_basis=ReconsiderationRequest.Basis.CARDHOLDER,
        objection="Objects to chapter 3",
        status=(
            ReconsiderationRequest.Status.CLOSED
            if closed
            else ReconsiderationRequest.Status.UNDER_REVIEW
        ),
        received_at=received,
        decision_due=received + datetime.timedelta(days=40),
        closed_at=closed,
    )


def named_requests(patron) -> int:
    return ReconsiderationRequest.objects.filter(requester_patron=patron).count()


def test_reconsideration_requests_fall_due_on_their_night_or_at_once_with_their_requester(
    branch, time_machine
):
    """Closed three years before, or as soon as the requester's record is
    de-identified: a request closed since whose requester already was, and
    one whose requester was de-identified since, go on the next night; the
    nightly pass and the full pass agree every night."""
    world = build(branch, time_machine)
    start = night_moment(FIRST_NIGHT)
    plain, held = world["plain"], world["held"]
    for days in range(-10, 12, 2):
        for patron in (plain, held):
            request(branch, patron, closed=start - THREE_YEARS - datetime.timedelta(days=days))
    gone = factories.PatronFactory(home_branch=branch, last_name="De-identified")
    Patron.objects.filter(pk=gone.pk).update(deidentified_at=start - datetime.timedelta(days=400))
    under_review = request(branch, gone, closed=None)
    later = factories.PatronFactory(home_branch=branch)
    last_year = request(branch, later, closed=start - datetime.timedelta(days=365))
    first = run_night(FIRST_NIGHT, time_machine)
    assert RECONSIDERATIONS in first.bounds
    assert named_requests(plain) == 5 and named_requests(gone) == 1

    day = FIRST_NIGHT + datetime.timedelta(days=1)
    time_machine.move_to(night_moment(FIRST_NIGHT) + datetime.timedelta(hours=8), tick=False)
    ReconsiderationRequest.objects.filter(pk=under_review.pk).update(
        status=ReconsiderationRequest.Status.CLOSED, closed_at=clock.now()
    )
    Patron.objects.filter(pk=later.pk).update(deidentified_at=clock.now(), updated_at=clock.now())
    _full, nightly = full_and_nightly_agree(day, time_machine)
    assert not nightly.full_pass
    assert named_requests(gone) == 0 and named_requests(later) == 0
    assert ReconsiderationRequest.objects.get(pk=last_year.pk).objection == ""
    # The two above (no request reached its three years tonight), and
    # nothing else read: not the requests kept by the legal hold.
    assert nightly.counts[RECONSIDERATIONS]["expunged"] == 2
    assert nightly.counts[RECONSIDERATIONS]["kept"] == {}

    time_machine.move_to(night_moment(day) + datetime.timedelta(hours=8), tick=False)
    legal_hold_release(hold=LegalHold.objects.get(patron=held))
    _full, nightly = full_and_nightly_agree(day + datetime.timedelta(days=2), time_machine)
    assert not nightly.full_pass
    # Closed less than three years before that night: four each.
    assert named_requests(held) == named_requests(plain) == 4
    assert nightly.counts[RECONSIDERATIONS]["expunged"] == 8
