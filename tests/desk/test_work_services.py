"""Writes of the desk's records: validation in the service itself (a
second line behind the forms), the same-day target on the branch's
calendar, and two desks racing for the same row."""

from __future__ import annotations

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from desk import services
from desk.models import Callback, InquiryType, ReferralTarget, WaitingEntry
from organisation.models import OpeningHours

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")


def _record(user, branch, **kw):
    args = {
        "acting_user": user,
        "branch": branch,
        "desk": None,
        "channel": "phone",
        "inquiry_type": InquiryType.objects.get(branch=None, label="Other"),
        "read_level": 2,
    }
    args.update(kw)
    return services.inquiry_record(**args)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"read_level": 9}, services.BAD_READ),
        ({"read_level": 0}, services.BAD_READ),
        ({"minutes": -5}, services.BAD_MINUTES),
        ({"minutes": 10_000}, services.BAD_MINUTES),
        ({"question": "x" * 5000}, services.TEXT_TOO_LONG),
    ],
)
def test_the_service_refuses_bad_values_too(desk_staff, branch, kw, message):
    with pytest.raises(services.DeskWorkError, match=message):
        _record(desk_staff, branch, **kw)


def test_a_list_entry_of_another_branch_is_refused(desk_staff, branch, other_branch):
    elsewhere = InquiryType.objects.create(branch=other_branch, label="Their own type")
    with pytest.raises(services.DeskWorkError, match=services.TYPE_ELSEWHERE):
        _record(desk_staff, branch, inquiry_type=elsewhere)
    target = ReferralTarget.objects.create(branch=other_branch, label="Their archive")
    with pytest.raises(services.DeskWorkError, match=services.REFERRAL_ELSEWHERE):
        _record(desk_staff, branch, referred_to=target)


def test_the_local_day_hour_and_weekday_are_the_branchs(desk_staff, branch):
    # 02:30 UTC on a Wednesday is 21:30 on Tuesday in New York.
    moment = datetime.datetime(2026, 3, 4, 2, 30, tzinfo=datetime.UTC)
    inquiry = _record(desk_staff, branch, now=moment)
    assert (inquiry.local_day, inquiry.local_hour, inquiry.weekday) == (
        datetime.date(2026, 3, 3),
        21,
        1,
    )


def _hours(branch, weekdays=range(5), opens=9, closes=17):
    OpeningHours.objects.bulk_create(
        OpeningHours(
            branch=branch, weekday=d, opens=datetime.time(opens), closes=datetime.time(closes)
        )
        for d in weekdays
    )


def test_the_same_day_target_is_close_of_business_today(branch):
    _hours(branch)
    monday_morning = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=NY)
    assert services.same_day_target(branch, monday_morning) == datetime.datetime(
        2026, 3, 2, 17, 0, tzinfo=NY
    )


def test_after_closing_the_target_is_the_next_open_day(branch):
    _hours(branch)
    friday_evening = datetime.datetime(2026, 3, 6, 18, 0, tzinfo=NY)
    assert services.same_day_target(branch, friday_evening) == datetime.datetime(
        2026, 3, 9, 17, 0, tzinfo=NY
    )


def test_a_promise_in_the_past_is_refused(desk_staff, branch):
    now = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=NY)
    with pytest.raises(services.DeskWorkError, match=services.PROMISED_IN_PAST):
        services.callback_create(
            acting_user=desk_staff,
            branch=branch,
            desk=None,
            name="Ada",
            phone="555",
            promised_at=now - datetime.timedelta(minutes=1),
            now=now,
        )
    assert not Callback.objects.exists()


def test_done_on_time_compares_with_the_promise(desk_staff, branch):
    _hours(branch)
    now = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=NY)
    callback = services.callback_create(
        acting_user=desk_staff, branch=branch, desk=None, name="Ada", phone="555", now=now
    )
    late = services.callback_close(
        acting_user=desk_staff, callback_id=callback.pk, now=now + datetime.timedelta(hours=8)
    )
    assert not late.done_on_time


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_two_desks_calling_next_at_once_call_two_different_people(make_staff, branch):
    """Row locks under real concurrency, as the other two-desk races are
    tested: on PostgreSQL. The SQLite test database (in memory, shared
    cache) answers a second writer with "table is locked" at once instead
    of waiting, so there the race failed about one run in five."""
    first, second = make_staff("desk_staff"), make_staff("desk_staff")
    for name in ("Ticket 1", "Ticket 2"):
        services.waiting_add(acting_user=first, branch=branch, desk=None, name=name)
    called: list[str] = []
    barrier = threading.Barrier(2)

    def call(user):
        try:
            barrier.wait()
            called.append(services.waiting_call_next(acting_user=user, branch=branch).name)
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(u,)) for u in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(called) == ["Ticket 1", "Ticket 2"]
    assert not WaitingEntry.objects.filter(status=WaitingEntry.Status.WAITING).exists()
