"""The station endpoint over real HTTP (urllib against pytest-django's live
server): the token opens one station, start/poll/end for a card barcode,
the rules enforced, and everything else refused."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from computers import rules as rules_
from computers import services
from computers.api import BAD_TOKEN
from computers.models import ComputerSession, Station
from patrons.models import Card
from tests import factories
from tests.computers.helpers import rules, station

pytestmark = pytest.mark.django_db(transaction=True)

PREFIX = "/computers/station-api/v1"


def call(base, path, *, token=None, method="GET", body=None, content_type="application/json"):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + PREFIX + path, data=data, method=method)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers


@pytest.fixture
def setup(branch):
    rules(branch, daily_allowance_minutes=90, session_minutes=60, warning_minutes=5)
    pc = station(branch, "PC 1")
    other = station(branch, "PC 2")
    card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    return {
        "station": pc,
        "token": services.station_token_issue(station=pc),
        "other": other,
        "other_token": services.station_token_issue(station=other),
        "card": card,
    }


def test_start_poll_and_end_a_session_for_a_card(live_server, setup):
    base, token = live_server.url, setup["token"]
    status, body, _ = call(base, "/state", token=token)
    assert status == 200 and body["state"] == "free" and body["session"] is None
    assert body["station"] == {"label": "PC 1", "kind": "adult"}

    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": setup["card"].barcode}
    )
    assert status == 201
    session_id = body["session"]["id"]
    assert 3590 <= body["session"]["seconds_left"] <= 3600
    text = json.dumps(body)
    assert setup["card"].patron.last_name not in text and setup["card"].barcode not in text

    status, body, _ = call(base, "/state", token=token)
    assert body["state"] == "in_use" and body["session"]["id"] == session_id
    assert body["session"]["warning"] is False

    # Another station may neither see nor end it.
    status, body, _ = call(
        base, f"/sessions/{session_id}/end", token=setup["other_token"], method="POST", body={}
    )
    assert status == 404 and body["error"] == "no_such_session"

    status, body, _ = call(base, f"/sessions/{session_id}/end", token=token, method="POST", body={})
    assert status == 200 and body["session"]["ended_at"] is not None
    assert ComputerSession.objects.get(pk=session_id).end_reason == "patron"
    status, body, _ = call(base, "/state", token=token)
    assert body["state"] == "free"


def test_a_wrong_missing_or_revoked_token_is_refused_with_the_reason(live_server, setup):
    base = live_server.url
    for token in (None, "not-a-token", setup["token"] + "x"):
        status, body, headers = call(base, "/state", token=token)
        assert status == 401 and body == {"error": "invalid_token", "message": BAD_TOKEN}
        assert headers["WWW-Authenticate"].startswith("Bearer")
    services.station_token_revoke(station=setup["station"])
    status, body, _ = call(base, "/state", token=setup["token"])
    assert status == 401 and "revoked" in body["message"]


def test_other_methods_and_addresses_are_refused(live_server, setup):
    base, token = live_server.url, setup["token"]
    status, body, headers = call(base, "/state", token=token, method="POST", body={})
    assert status == 405 and headers["Allow"] == "GET"
    status, body, _ = call(base, "/sessions", token=token, method="DELETE")
    assert status == 405
    status, body, _ = call(base, "/anything-else", token=token)
    assert status == 404 and body["error"] == "not_found"
    status, body, _ = call(base, "/anything-else")
    assert status == 401
    # The token is no staff login: the desk pages still ask to log in.
    request = urllib.request.Request(live_server.url + "/computers/")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "/accounts/login/" in response.url
    status, body, _ = call(base, "/sessions", token=token, method="POST", body={"barcode": 5})
    assert status == 400 and body["error"] == "bad_request"


def test_blocked_and_expired_cards_busy_stations_and_the_allowance_are_enforced(
    live_server, setup, branch
):
    base, token = live_server.url, setup["token"]
    card = setup["card"]
    Card.objects.filter(pk=card.pk).update(status=Card.Status.LOST)
    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": card.barcode}
    )
    # Lost, expired and unknown answer alike: the station learns no more
    # than what it shows the patron (ask at the desk).
    assert status == 403 and body == {"error": "card_refused", "message": rules_.SEE_DESK_CARD}
    Card.objects.filter(pk=card.pk).update(status=Card.Status.ACTIVE, expires_on="2020-01-01")
    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": card.barcode}
    )
    assert status == 403 and body == {"error": "card_refused", "message": rules_.SEE_DESK_CARD}
    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": "29999999999999"}
    )
    assert status == 403 and body == {"error": "card_refused", "message": rules_.SEE_DESK_CARD}

    Card.objects.filter(pk=card.pk).update(expires_on="2099-01-01")
    rules(branch, daily_allowance_minutes=90, session_minutes=60)
    # 90 minutes used at another station today: nothing left anywhere.
    for _ in range(2):
        s = services.session_start(station=setup["other"], card=card)
        ComputerSession.objects.filter(pk=s.pk).update(ended_at=s.ends_at)
    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": card.barcode}
    )
    assert status == 403 and body["error"] == "allowance_used"

    Station.objects.filter(pk=setup["station"].pk).update(out_of_order=True)
    status, body, _ = call(base, "/state", token=token)
    assert body["state"] == "out_of_order"


def test_a_station_reserved_for_the_queue_refuses_others_until_the_grace_period_ends(
    live_server, setup, branch, desk_staff
):
    base, token = live_server.url, setup["token"]
    Station.objects.filter(pk=setup["other"].pk).update(out_of_order=True)
    waiting = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    entry = services.queue_join(branch=branch, card=waiting, acting_user=desk_staff)
    assert entry.offered_station_id == setup["station"].pk
    status, body, _ = call(base, "/state", token=token)
    assert body["state"] == "reserved" and body["reserved_for_ticket"] == entry.ticket
    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": setup["card"].barcode}
    )
    assert status == 409 and body["error"] == "station_reserved"
    status, body, _ = call(
        base, "/sessions", token=token, method="POST", body={"barcode": waiting.barcode}
    )
    assert status == 201


def test_a_poll_costs_few_queries(client, setup):
    """Measured in-process: one query, the station by its token with its
    rules, running session and offer."""
    services.session_start(station=setup["station"], card=setup["card"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PREFIX + "/state", HTTP_AUTHORIZATION=f"Bearer {setup['token']}")
    assert response.status_code == 200
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_the_poll_warns_before_the_end_and_ends_a_session_whose_time_is_up(client, setup):
    import datetime

    from django.utils import timezone

    session = services.session_start(station=setup["station"], card=setup["card"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {setup['token']}"}
    ComputerSession.objects.filter(pk=session.pk).update(
        ends_at=timezone.now() + datetime.timedelta(minutes=4)
    )
    body = client.get(PREFIX + "/state", **auth).json()
    assert body["state"] == "in_use" and body["session"]["warning"] is True
    ComputerSession.objects.filter(pk=session.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=61),
        ends_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    body = client.get(PREFIX + "/state", **auth).json()
    assert body["state"] == "free" and body["session"] is None
    session.refresh_from_db()
    assert session.end_reason == ComputerSession.EndReason.TIME_UP


@override_settings(STATION_REFUSAL_LIMIT=100_000)
def test_hostile_bodies_never_break_the_station_endpoint(client, setup):
    """Any JSON or form body: a 4xx with a reason, or a session; never a 500.
    (The budget of refusals is lifted: it would pause the station after
    ten, tests/computers/test_station_api_hardening.py.)"""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.security.fuzz_forms_catalogue import hostile

    auth = {"HTTP_AUTHORIZATION": f"Bearer {setup['token']}"}
    values = st.one_of(hostile, st.integers(), st.none(), st.lists(st.integers(), max_size=3))

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        body=st.dictionaries(st.sampled_from(["barcode", "guest_pass", "x"]), values, max_size=3)
    )
    def run(body):
        before = ComputerSession.objects.count()
        response = client.post(
            PREFIX + "/sessions", json.dumps(body), content_type="application/json", **auth
        )
        assert response.status_code < 500, (body, response.status_code)
        if response.status_code >= 400:
            assert response.json()["error"] and ComputerSession.objects.count() == before
        ComputerSession.objects.filter(ended_at__isnull=True).update(ended_at=F_NOW())

    run()
    response = client.post(
        PREFIX + "/sessions", b"{not json", content_type="application/json", **auth
    )
    assert response.status_code == 400


def F_NOW():
    from django.utils import timezone

    return timezone.now()
