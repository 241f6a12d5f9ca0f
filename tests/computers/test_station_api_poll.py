"""The poll in every state a station can be in, on SQLite and PostgreSQL
alike: always a JSON answer, 200 for GET and 405 for any other method.

SQLite hands the poll's fixed SQL naive datetimes; comparing them with an
aware "now" made every poll of a station in use or reserved a 500.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from computers import services
from computers.models import ComputerSession, QueueEntry, Station
from tests import factories
from tests.computers.helpers import rules, station

pytestmark = pytest.mark.django_db

STATE_URL = "/computers/station-api/v1/state"
METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _in_use(world):
    services.session_start(station=world["station"], card=world["card"])


def _warning(world):
    session = services.session_start(station=world["station"], card=world["card"])
    ComputerSession.objects.filter(pk=session.pk).update(
        ends_at=timezone.now() + datetime.timedelta(minutes=2)
    )


def _reserved(world):
    Station.objects.filter(pk=world["other"].pk).update(out_of_order=True)
    waiting = factories.CardFactory(patron=factories.PatronFactory(home_branch=world["branch"]))
    entry = services.queue_join(branch=world["branch"], card=waiting, acting_user=world["desk"])
    assert entry.offered_station_id == world["station"].pk


def _out_of_order(world):
    Station.objects.filter(pk=world["station"].pk).update(out_of_order=True)


def _stale_session(world):
    session = services.session_start(station=world["station"], card=world["card"])
    ComputerSession.objects.filter(pk=session.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=61),
        ends_at=timezone.now() - datetime.timedelta(seconds=1),
    )


def _stale_offer(world):
    _reserved(world)
    QueueEntry.objects.filter(offered_station=world["station"]).update(
        offered_until=timezone.now() - datetime.timedelta(seconds=1)
    )


def _in_use_out_of_order(world):
    _in_use(world)
    _out_of_order(world)


# state set up -> the state the poll answers
STATES = {
    "free": (lambda world: None, "free"),
    "in_use": (_in_use, "in_use"),
    "in_use_warning": (_warning, "in_use"),
    "reserved": (_reserved, "reserved"),
    "out_of_order": (_out_of_order, "out_of_order"),
    "in_use_then_out_of_order": (_in_use_out_of_order, "in_use"),
    "stale_session": (_stale_session, "free"),
    # The no-show's offer passes on; nobody else waits.
    "stale_offer": (_stale_offer, "free"),
}


@pytest.fixture
def world(branch, desk_staff):
    rules(branch, daily_allowance_minutes=90, session_minutes=60, warning_minutes=5)
    pc = station(branch, "PC 1")
    return {
        "branch": branch,
        "desk": desk_staff,
        "station": pc,
        "other": station(branch, "PC 2"),
        "token": services.station_token_issue(station=pc),
        "card": factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)),
    }


@pytest.mark.parametrize("debug", [False, True], ids=["debug_off", "debug_on"])
@pytest.mark.parametrize("name", sorted(STATES))
def test_the_poll_answers_in_every_state_and_refuses_other_methods_in_json(world, name, debug):
    make, expected = STATES[name]
    make(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world['token']}", raise_request_exception=False)
    with override_settings(DEBUG=debug):
        for _ in range(3):
            response = client.get(STATE_URL)
            assert response.status_code == 200, (name, response.content[:300])
            body = response.json()
            assert body["state"] == expected
            assert (body["session"] is not None) == (expected == "in_use")
            assert (body["reserved_for_ticket"] is not None) == (expected == "reserved")
        for method in METHODS:
            response = client.generic(method, STATE_URL)
            assert response.status_code == 405, (name, method, response.content[:300])
            assert response["Content-Type"] == "application/json"
            assert response.json()["error"] == "method_not_allowed"
            assert response["Allow"] == "GET"


def test_a_station_in_use_polled_a_hundred_times_answers_a_hundred_times(world):
    _in_use(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world['token']}", raise_request_exception=False)
    with override_settings(DEBUG=True):
        statuses = [client.get(STATE_URL).status_code for _ in range(100)]
    assert statuses == [200] * 100
