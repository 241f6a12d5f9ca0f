"""Sessions, the daily allowance across the system, guest passes, the queue
and its grace period."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from computers import rules as R
from computers import services
from computers.models import ComputerSession, GuestPass, QueueEntry, Station
from patrons.models import Card
from tests import factories
from tests.clock import at
from tests.computers.helpers import rules, station

pytestmark = pytest.mark.django_db
Refusal = services.Refusal


@pytest.fixture(autouse=True)
def _a_wednesday_afternoon(time_machine):
    """Every session here starts well inside one local day, unless a test
    moves the clock itself."""
    time_machine.move_to(at("2026-12-02 14:00"))


def minutes(session):
    return int((session.ends_at - session.started_at).total_seconds() // 60)


def test_a_session_gets_a_whole_session_then_what_is_left_of_the_allowance(
    branch, other_branch, card, desk_staff
):
    """90 minutes a day across the system: 60 here, then 30 at another branch."""
    rules(branch, daily_allowance_minutes=90, session_minutes=60)
    here, there = station(branch), station(other_branch, "PC 9")
    now = timezone.now()
    first = services.session_start(station=here, card=card, now=now)
    assert minutes(first) == 60
    services.session_end(session=first, reason="patron", now=now + datetime.timedelta(minutes=60))
    second = services.session_start(
        station=there, card=card, now=now + datetime.timedelta(minutes=61)
    )
    assert minutes(second) == 30
    services.session_end(session=second, reason="patron", now=now + datetime.timedelta(minutes=95))
    with pytest.raises(Refusal) as refused:
        services.session_start(station=here, card=card, now=now + datetime.timedelta(minutes=96))
    assert refused.value.code == "allowance_used"
    assert "Come back tomorrow" in refused.value.message


def test_ending_early_gives_the_unused_minutes_back(branch, card):
    rules(branch, daily_allowance_minutes=90, session_minutes=60)
    pc = station(branch)
    now = timezone.now()
    s = services.session_start(station=pc, card=card, now=now)
    services.session_end(session=s, reason="patron", now=now + datetime.timedelta(minutes=20))
    again = services.session_start(station=pc, card=card, now=now + datetime.timedelta(minutes=21))
    assert minutes(again) == 60  # 20 used, 70 left, a whole session fits


def test_one_card_runs_one_session_at_a_time(branch, card):
    a, b = station(branch, "PC 1"), station(branch, "PC 2")
    services.session_start(station=a, card=card)
    with pytest.raises(Refusal) as refused:
        services.session_start(station=b, card=card)
    assert refused.value.code == "already_in_session" and "PC 1" in refused.value.message


def test_a_busy_or_out_of_order_station_is_refused(branch, card):
    pc = station(branch)
    services.session_start(station=pc, card=card)
    other = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    with pytest.raises(Refusal) as refused:
        services.session_start(station=pc, card=other)
    assert refused.value.code == "station_busy"
    broken = Station.objects.create(branch=branch, label="PC 3", out_of_order=True)
    with pytest.raises(Refusal) as refused:
        services.session_start(station=broken, card=other)
    assert refused.value.code == "out_of_order"


@pytest.mark.parametrize(
    "change,code",
    [
        ({"status": Card.Status.LOST}, "card_lost"),
        ({"status": Card.Status.STOLEN}, "card_stolen"),
        ({"expires_on": datetime.date(2020, 1, 1)}, "card_expired"),
    ],
)
def test_a_blocked_or_expired_card_gets_no_session(branch, card, change, code):
    Card.objects.filter(pk=card.pk).update(**change)
    card.refresh_from_db()
    with pytest.raises(Refusal) as refused:
        services.session_start(station=station(branch), card=card)
    assert refused.value.code == code
    assert not ComputerSession.objects.exists()


def test_the_time_is_up_and_the_station_frees_itself(branch, card):
    pc = station(branch)
    now = timezone.now()
    s = services.session_start(station=pc, card=card, now=now)
    services.stations_sweep(now=s.ends_at + datetime.timedelta(seconds=1))
    s.refresh_from_db()
    assert s.end_reason == ComputerSession.EndReason.TIME_UP and s.ended_at == s.ends_at


def test_staff_extend_within_the_allowance_only(branch, card, desk_staff):
    rules(branch, daily_allowance_minutes=70, session_minutes=60, extension_minutes=15)
    s = services.session_start(station=station(branch), card=card)
    s, added = services.session_extend(session=s, acting_user=desk_staff)
    assert added == 10 and minutes(s) == 70
    with pytest.raises(Refusal) as refused:
        services.session_extend(session=s, acting_user=desk_staff)
    assert refused.value.code == "allowance_used"


def test_an_adult_guest_pass_needs_the_photo_id_check(branch, desk_staff):
    with pytest.raises(Refusal) as refused:
        services.guest_pass_issue(
            branch=branch, age_group="adult", photo_id_checked=False, acting_user=desk_staff
        )
    assert refused.value.message == R.GUEST_ID_REQUIRED
    assert "library card instead" in refused.value.message
    issued = services.guest_pass_issue(
        branch=branch, age_group="adult", photo_id_checked=True, acting_user=desk_staff
    )
    assert issued.valid_on == timezone.localdate()


def test_a_minors_guest_pass_follows_the_rule_and_opens_childrens_stations_only(branch, desk_staff):
    rules(branch, minor_guest_passes=False)
    with pytest.raises(Refusal) as refused:
        services.guest_pass_issue(
            branch=branch, age_group="minor", photo_id_checked=False, acting_user=desk_staff
        )
    assert refused.value.code == "minors_refused" and "register the child" in refused.value.message
    assert not GuestPass.objects.exists()
    rules(branch, minor_guest_passes=True)
    minor = services.guest_pass_issue(
        branch=branch, age_group="minor", photo_id_checked=False, acting_user=desk_staff
    )
    with pytest.raises(Refusal) as refused:
        services.session_start(station=station(branch), guest_pass=minor)
    assert refused.value.code == "children_only"
    kids = station(branch, "Kids 1", Station.Kind.CHILDREN)
    assert services.session_start(station=kids, guest_pass=minor).is_guest


def test_the_queue_reserves_a_freed_station_for_the_grace_period_then_moves_on(branch, desk_staff):
    rules(branch, grace_minutes=10)
    pc = station(branch)
    now = timezone.now()
    user, first, second = (
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in range(3)
    )
    running = services.session_start(station=pc, card=user, now=now)
    t1 = services.queue_join(branch=branch, card=first, acting_user=desk_staff, now=now)
    t2 = services.queue_join(branch=branch, card=second, acting_user=desk_staff, now=now)
    assert (t1.ticket, t2.ticket) == (1, 2) and t1.status == QueueEntry.Status.WAITING
    services.session_end(session=running, reason="patron", now=now + datetime.timedelta(minutes=5))
    t1.refresh_from_db()
    assert t1.status == QueueEntry.Status.OFFERED and t1.offered_station == pc
    # Someone else cannot take the reserved station.
    with pytest.raises(Refusal) as refused:
        services.session_start(station=pc, card=second, now=now + datetime.timedelta(minutes=6))
    assert refused.value.code == "station_reserved" and "ticket 1" in refused.value.message
    # Ticket 1 does not come: after the grace period ticket 2 gets it.
    later = now + datetime.timedelta(minutes=16)
    services.stations_sweep(now=later)
    t1.refresh_from_db()
    t2.refresh_from_db()
    assert t1.status == QueueEntry.Status.NO_SHOW
    assert t2.status == QueueEntry.Status.OFFERED
    session = services.session_start(station=pc, card=second, now=later)
    t2.refresh_from_db()
    assert t2.status == QueueEntry.Status.SEATED and session.patron == second.patron


def test_joining_the_queue_when_a_station_is_free_reserves_it_at_once(branch, card, desk_staff):
    pc = station(branch)
    entry = services.queue_join(branch=branch, card=card, acting_user=desk_staff)
    assert entry.status == QueueEntry.Status.OFFERED and entry.offered_station == pc
    with pytest.raises(Refusal) as refused:
        services.queue_join(branch=branch, card=card, acting_user=desk_staff)
    assert refused.value.code == "already_queued"


def test_tokens_are_stored_hashed_and_revocable(branch):
    from computers import policies

    pc = station(branch)
    token = services.station_token_issue(station=pc)
    pc.refresh_from_db()
    assert token not in pc.token_hash and len(pc.token_hash) == 64
    assert policies.station_for_token(token) == pc
    new = services.station_token_issue(station=pc)
    assert policies.station_for_token(token) is None
    services.station_token_revoke(station=pc)
    assert policies.station_for_token(new) is None


def test_a_minor_guest_waits_for_a_childrens_station_while_the_next_ticket_gets_an_adult_one(
    branch, desk_staff
):
    adult_pc = station(branch, "PC 1")
    busy = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    running = services.session_start(station=adult_pc, card=busy)
    minor = services.guest_pass_issue(
        branch=branch, age_group="minor", photo_id_checked=False, acting_user=desk_staff
    )
    adult = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    first = services.queue_join(branch=branch, guest_pass=minor, acting_user=desk_staff)
    second = services.queue_join(branch=branch, card=adult, acting_user=desk_staff)
    services.session_end(session=running, reason="patron")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == QueueEntry.Status.WAITING
    assert second.status == QueueEntry.Status.OFFERED and second.offered_station == adult_pc


def _spend_the_allowance(branch, card, start):
    """Use up a 60-minute allowance in one session starting at `start`."""
    rules(branch, daily_allowance_minutes=60, session_minutes=60)
    pc = station(branch)
    first = services.session_start(station=pc, card=card, now=start)
    services.session_end(session=first, reason="patron", now=start + datetime.timedelta(minutes=60))
    return pc


@pytest.mark.parametrize(
    ("spent_at", "asks_at"),
    [
        ("2026-12-05 22:00", "2026-12-05 23:59"),
        ("2026-03-08 00:30", "2026-03-08 23:59"),
        ("2026-10-31 23:00", "2026-10-31 23:59"),
        ("2026-11-01 00:00", "2026-11-01 23:59"),
    ],
)
def test_the_allowance_spent_today_is_refused_until_local_midnight(branch, card, spent_at, asks_at):
    """At 23:59 local time (daylight-saving days included) it is still the
    day whose allowance was spent."""
    pc = _spend_the_allowance(branch, card, at(spent_at))
    with pytest.raises(Refusal) as refused:
        services.session_start(station=pc, card=card, now=at(asks_at))
    assert refused.value.code == "allowance_used"


@pytest.mark.parametrize(
    ("spent_at", "asks_at"),
    [
        ("2026-12-05 22:30", "2026-12-06 00:00"),
        ("2026-03-07 22:30", "2026-03-08 00:00"),
        ("2026-03-08 22:30", "2026-03-09 00:00"),
        ("2026-10-31 22:30", "2026-11-01 00:00"),
        ("2026-11-01 22:30", "2026-11-02 00:00"),
    ],
)
def test_a_new_allowance_starts_at_the_branchs_midnight(branch, card, spent_at, asks_at):
    """At 00:00 local time the allowance is whole again, on the
    daylight-saving days as on any other (a 23- and a 25-hour day)."""
    pc = _spend_the_allowance(branch, card, at(spent_at))
    again = services.session_start(station=pc, card=card, now=at(asks_at))
    assert minutes(again) == 60
    assert again.day == at(asks_at).date()


@pytest.mark.parametrize("server_zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_the_allowance_turns_over_at_the_branchs_midnight_not_the_servers(
    settings, branch, card, server_zone
):
    """A branch in Chicago on a server set to another zone: 23:59 Chicago
    is still the spent day, 00:00 Chicago is a new one."""
    settings.TIME_ZONE = server_zone
    branch.timezone = "America/Chicago"
    branch.save(update_fields=["timezone"])
    pc = _spend_the_allowance(branch, card, at("2026-12-05 20:00", "America/Chicago"))
    with pytest.raises(Refusal):
        services.session_start(station=pc, card=card, now=at("2026-12-05 23:59", "America/Chicago"))
    again = services.session_start(
        station=pc, card=card, now=at("2026-12-06 00:00", "America/Chicago")
    )
    assert minutes(again) == 60


def test_queue_tickets_start_again_at_the_branchs_midnight(settings, branch, desk_staff):
    """Ticket numbers count the branch's day, not the server's: with the
    server in Tokyo, 23:00 in New York and 00:30 the next morning are two
    days, each with its ticket 1."""
    settings.TIME_ZONE = "Asia/Tokyo"
    evening = services.queue_join(
        branch=branch,
        card=factories.CardFactory(),
        acting_user=desk_staff,
        now=at("2026-12-04 23:00"),
    )
    morning = services.queue_join(
        branch=branch,
        card=factories.CardFactory(),
        acting_user=desk_staff,
        now=at("2026-12-05 00:30"),
    )
    assert (evening.ticket, morning.ticket) == (1, 1)
