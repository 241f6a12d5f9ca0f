"""Two desks (or two stations) at the same moment, with real threads and
transactions on PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from computers import services as computer_services
from computers.models import ComputerSession
from programs import services
from programs.models import ProgramSignup
from tests import factories
from tests.clock import at
from tests.computers.helpers import rules, station
from tests.concurrency import race
from tests.programs.helpers import program

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("attempt", range(3))
def test_two_desks_signing_up_the_last_place_give_it_to_exactly_one(make_staff, branch, attempt):
    p = program(branch=branch, capacity=3)
    for _ in range(2):
        services.signup_by_name(
            program=p,
            name="Earlier",
            phone="555",
            acting_user=make_staff("desk_staff", username=f"e{_}{attempt}"),
        )
    cards = [
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in "ab"
    ]
    desks = [make_staff("desk_staff", username=f"race-{n}-{attempt}") for n in "ab"]
    results = race(
        [
            lambda c=c, d=d: services.signup_by_card(program=p, card=c, acting_user=d)
            for c, d in zip(cards, desks, strict=True)
        ]
    )
    assert all(isinstance(r, ProgramSignup) for r in results), results
    assert sorted(r.status for r in results) == ["confirmed", "waitlisted"]
    assert ProgramSignup.objects.filter(program=p, status="confirmed").count() == 3


def test_two_stations_starting_on_one_card_never_exceed_the_allowance(branch, time_machine):
    """Twenty minutes left of the day: two stations at once give one
    session of at most twenty minutes, never two. Early afternoon at the
    branch, so that the session two hours ago fell on the same day (the
    allowance turns over at the branch's midnight)."""
    time_machine.move_to(at("2026-12-02 13:00"))
    rules(branch, daily_allowance_minutes=90, session_minutes=60)
    card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    now = timezone.now()
    used = computer_services.session_start(
        station=station(branch, "PC 0"), card=card, now=now - datetime.timedelta(hours=2)
    )
    computer_services.session_end(
        session=used, reason="patron", now=now - datetime.timedelta(minutes=50)
    )
    stations = [station(branch, f"PC {n}") for n in (1, 2)]
    results = race(
        [lambda s=s: computer_services.session_start(station=s, card=card) for s in stations]
    )
    sessions = [r for r in results if isinstance(r, ComputerSession)]
    refusals = [r for r in results if isinstance(r, computer_services.Refusal)]
    assert len(sessions) == 1 and len(refusals) == 1, results
    assert refusals[0].code == "already_in_session"
    total = sum(s.minutes_counted(now) for s in ComputerSession.objects.filter(patron=card.patron))
    assert total <= 90


def test_many_desks_at_once_never_overfill_a_program(make_staff, branch):
    """Five sign-ups and a cancellation at the same moment: the places
    taken never exceed the capacity, and the waitlist holds the rest."""
    p = program(branch=branch, capacity=2)
    desk = make_staff("desk_staff", username="many-0")
    held = services.signup_by_name(program=p, name="Early", phone="555", acting_user=desk)
    cards = [
        factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)) for _ in range(5)
    ]
    desks = [make_staff("desk_staff", username=f"many-{n + 1}") for n in range(5)]
    jobs = [
        lambda c=c, d=d: services.signup_by_card(program=p, card=c, acting_user=d)
        for c, d in zip(cards, desks, strict=True)
    ]
    jobs.append(lambda: services.signup_cancel(signup=held, acting_user=desk))
    results = race(jobs)
    assert not [r for r in results if isinstance(r, Exception)], results
    confirmed = ProgramSignup.objects.filter(program=p, status="confirmed").count()
    waiting = ProgramSignup.objects.filter(program=p, status="waitlisted").count()
    assert confirmed == 2 and waiting == 3
