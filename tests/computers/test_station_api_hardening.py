"""A station's token is no card oracle (issue 21): refused cards are
budgeted per station, the answers do not tell an unknown card from a
blocked one, and another branch's stations are not named. And no input,
however malformed, makes the station API answer 500 or Django's error page.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from computers import rules as R
from computers import services
from computers.models import ComputerSession, QueueEntry, Station, StationRefusal
from notices.models import Notice
from organisation.roles import Role
from patrons.models import Card, Patron
from tests import factories
from tests.computers.helpers import rules, station

pytestmark = pytest.mark.django_db

PREFIX = "/computers/station-api/v1"
START = PREFIX + "/sessions"
NOON = datetime.datetime(2026, 11, 17, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def world(branch, other_branch, desk_staff):
    rules(branch, daily_allowance_minutes=90, session_minutes=60, warning_minutes=5)
    pc = station(branch, "PC 1")
    admins = [
        factories.staff_user(Role.ADMINISTRATOR.value, branch=branch, username=f"t-admin-{i}")
        for i in range(2)
    ]
    return {
        "branch": branch,
        "other_branch": other_branch,
        "desk": desk_staff,
        "station": pc,
        "other": station(branch, "PC 2"),
        "token": services.station_token_issue(station=pc),
        "card": factories.CardFactory(patron=factories.PatronFactory(home_branch=branch)),
        "admins": admins,
    }


def _client(world) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {world['token']}", raise_request_exception=False)


def _start(client: Client, **body):
    return client.post(START, json.dumps(body), content_type="application/json")


def _unknown(n: int) -> str:
    from patrons.barcodes import make_card_barcode

    return make_card_barcode(987_654_000 + n)


# -- the budget of refused cards ----------------------------------------------


def test_ten_refused_cards_in_five_minutes_pause_the_station_and_tell_the_administrators_once(
    world,
):
    client = _client(world)
    with time_machine.travel(NOON, tick=False):
        for n in range(10):
            response = _start(client, barcode=_unknown(n))
            assert response.status_code == 403, n
        # Paused: even a valid card waits, and the client is told how long.
        response = _start(client, barcode=world["card"].barcode)
        assert response.status_code == 429
        assert response.json() == {"error": "station_paused", "message": R.STATION_PAUSED}
        assert response["Retry-After"] == str(15 * 60)
        assert not ComputerSession.objects.exists()
        for n in range(10, 40):
            assert _start(client, barcode=_unknown(n)).status_code == 429
    told = Notice.objects.filter(subject__startswith="Public computer PC 1 paused")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        a.pk for a in world["admins"]
    )
    assert "Main Branch" in told.first().body
    # The other station of the branch is not paused by this one's refusals.
    other_token = services.station_token_issue(station=world["other"])
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        response = Client(HTTP_AUTHORIZATION=f"Bearer {other_token}").post(
            START, json.dumps({"barcode": world["card"].barcode}), content_type="application/json"
        )
    assert response.status_code == 201
    # After the pause the station works again, with its budget whole.
    with time_machine.travel(NOON + datetime.timedelta(minutes=15, seconds=1), tick=False):
        other = factories.CardFactory(patron=factories.PatronFactory(home_branch=world["branch"]))
        assert _start(client, barcode=other.barcode).status_code == 201
    assert StationRefusal.objects.count() == 0


def test_refusals_older_than_the_window_do_not_count(world):
    client = _client(world)
    with time_machine.travel(NOON, tick=False):
        for n in range(9):
            assert _start(client, barcode=_unknown(n)).status_code == 403
    with time_machine.travel(NOON + datetime.timedelta(minutes=5, seconds=1), tick=False):
        for n in range(9, 18):
            assert _start(client, barcode=_unknown(n)).status_code == 403
        assert _start(client, barcode=world["card"].barcode).status_code == 201
    assert not Notice.objects.exists()


def test_a_second_pause_tells_the_administrators_again(world):
    client = _client(world)
    for minute in (0, 20):
        with time_machine.travel(NOON + datetime.timedelta(minutes=minute), tick=False):
            for n in range(10):
                _start(client, guest_pass=f"NOPASS{n}")
            assert _start(client, guest_pass="NOPASS").status_code == 429
    assert Notice.objects.filter(recipient=world["admins"][0]).count() == 2


def test_a_new_token_ends_the_pause(world):
    client = _client(world)
    for n in range(10):
        _start(client, barcode=_unknown(n))
    assert _start(client, barcode=world["card"].barcode).status_code == 429
    token = services.station_token_issue(station=world["station"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert _start(client, barcode=world["card"].barcode).status_code == 201


def test_a_patron_mistyping_a_few_times_is_never_paused(world):
    client = _client(world)
    for n in range(5):
        assert _start(client, barcode=_unknown(n)).status_code == 403
    assert _start(client, barcode=world["card"].barcode).status_code == 201
    assert Station.objects.get(pk=world["station"].pk).paused_until is None


# -- what a station learns ----------------------------------------------------


def _set_card(card, **values):
    Card.objects.filter(pk=card.pk).update(**values)


BLOCKS = {
    "unknown": None,
    "lost": {"status": Card.Status.LOST},
    "stolen": {"status": Card.Status.STOLEN},
    "replaced": {"status": Card.Status.REPLACED},
    "expired": {"expires_on": datetime.date(2020, 1, 1)},
}


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_unknown_and_blocked_cards_get_one_answer(world, block):
    card = world["card"]
    barcode = _unknown(1) if BLOCKS[block] is None else card.barcode
    if BLOCKS[block]:
        _set_card(card, **BLOCKS[block])
    response = _start(_client(world), barcode=barcode)
    assert response.status_code == 403
    assert response.json() == {"error": "card_refused", "message": R.SEE_DESK_CARD}


def test_a_card_of_a_deidentified_patron_gets_the_same_answer(world):
    Patron.objects.filter(pk=world["card"].patron_id).update(deidentified_at=timezone.now())
    response = _start(_client(world), barcode=world["card"].barcode)
    assert response.json() == {"error": "card_refused", "message": R.SEE_DESK_CARD}


def test_malformed_barcodes_get_the_same_answer_and_count(world):
    client = _client(world)
    for barcode in (
        "a\x00b",
        "²0000000000014",
        "２００００００００００１４",
        "20000000000015",
        "x" * 500,
    ):
        response = _start(client, barcode=barcode)
        assert response.json() == {"error": "card_refused", "message": R.SEE_DESK_CARD}
    assert StationRefusal.objects.count() == 5


def test_a_busy_or_reserved_station_answers_alike_for_known_and_unknown_cards(world):
    client = _client(world)
    services.session_start(station=world["station"], card=world["card"])
    other = factories.CardFactory(patron=factories.PatronFactory(home_branch=world["branch"]))
    for barcode in (other.barcode, _unknown(1)):
        response = _start(client, barcode=barcode)
        assert (response.status_code, response.json()["error"]) == (409, "station_busy")
    ComputerSession.objects.update(ended_at=timezone.now())
    Station.objects.filter(pk=world["other"].pk).update(out_of_order=True)
    waiting = factories.CardFactory(patron=factories.PatronFactory(home_branch=world["branch"]))
    entry = services.queue_join(branch=world["branch"], card=waiting, acting_user=world["desk"])
    assert entry.status == QueueEntry.Status.OFFERED
    for barcode in (other.barcode, _unknown(2)):
        response = _start(client, barcode=barcode)
        assert (response.status_code, response.json()["error"]) == (409, "station_reserved")
    assert StationRefusal.objects.count() == 0


def test_already_in_session_names_only_a_station_of_the_same_branch(world):
    card = world["card"]
    elsewhere = station(world["other_branch"], "Lab 7")
    running = services.session_start(station=elsewhere, card=card)
    response = _start(_client(world), barcode=card.barcode)
    assert response.status_code == 409
    assert response.json() == {
        "error": "already_in_session",
        "message": R.ALREADY_IN_SESSION_ELSEWHERE,
    }
    assert "Lab 7" not in response.content.decode()
    ComputerSession.objects.filter(pk=running.pk).update(ended_at=timezone.now())
    services.session_start(station=world["other"], card=card)
    response = _start(_client(world), barcode=card.barcode)
    assert response.json()["message"] == R.ALREADY_IN_SESSION.format(station="PC 2")


def test_a_used_up_allowance_is_still_told_to_the_patron(world):
    card = world["card"]
    for _ in range(2):
        s = services.session_start(station=world["other"], card=card)
        ComputerSession.objects.filter(pk=s.pk).update(ended_at=s.ends_at)
    response = _start(_client(world), barcode=card.barcode)
    assert response.status_code == 403
    assert response.json() == {
        "error": "allowance_used",
        "message": R.ALLOWANCE_USED.format(allowance=90),
    }


# -- malformed input: never a 500, always JSON --------------------------------

DIGITS = ["²0000000000014", "２００００００００００１４", "٢٠٠٠٠٠٠٠٠٠٠٠١٤", "۲۰۰۰۰۰۰۰۰۰۰۰۱۴"]
DATES = ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00", "9999-12-31T23:59:59"]
NASTY = ["\x00", "a\x00b", "20000000000014\x00", "G\x00ABCDEF", "\ud800", *DIGITS, *DATES]


def _deep(depth: int) -> bytes:
    return b'{"barcode": ' + b"[" * depth + b"]" * depth + b"}"


# A JSON value of any shape, including the wrong type for each key.
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.sampled_from(NASTY),
        st.text(max_size=60),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
json_bodies = st.one_of(
    st.dictionaries(st.sampled_from(["barcode", "guest_pass", "x"]), json_values, max_size=3),
    json_values,
)
raw_bodies = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            _deep(100_000),
            _deep(900),
            b'{"barcode": "' + b"2" * 100_000 + b'"}',
            b"\xff\xfe\x00",
            b'{"barcode": "\\u0000"}',
            b'{"barcode": "\\ud800"}',
            b'{"barcode": 1e999999}',
            b"[" * 5000,
            b"barcode=2000%000000000014",
            b"barcode=" + "²0000000000014".encode(),
        ]
    ),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/json; charset=utf-16",
    ]
)


def _assert_json_refusal_or_success(response, what):
    assert response.status_code < 500, (what, response.status_code, response.content[:200])
    assert response["Content-Type"] == "application/json", (what, response.content[:200])
    body = response.json()
    if response.status_code >= 400:
        assert body["error"] and body["message"], what
        assert "Traceback" not in response.content.decode()


@override_settings(STATION_REFUSAL_LIMIT=100_000)
@pytest.mark.parametrize("debug", [False, True], ids=["debug_off", "debug_on"])
def test_hostile_json_and_raw_bodies_never_break_the_station_api(world, debug):
    client = _client(world)

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        body=st.one_of(json_bodies.map(lambda b: json.dumps(b).encode()), raw_bodies),
        content_type=content_types,
        path=st.sampled_from(["/sessions", "/sessions/1/end", "/state", "/nowhere"]),
        method=st.sampled_from(["POST", "PUT", "DELETE", "PATCH", "GET"]),
    )
    def run(body, content_type, path, method):
        before = ComputerSession.objects.count()
        response = client.generic(method, PREFIX + path, body, content_type=content_type)
        _assert_json_refusal_or_success(response, (method, path, body[:80]))
        if response.status_code >= 400:
            assert ComputerSession.objects.count() == before
        ComputerSession.objects.filter(ended_at__isnull=True).update(ended_at=timezone.now())

    with override_settings(DEBUG=debug):
        run()


@override_settings(STATION_REFUSAL_LIMIT=100_000)
@pytest.mark.parametrize(
    "body",
    [
        {"barcode": "a\x00b"},
        {"guest_pass": "G\x00ABC"},
        {"barcode": "20000000000014\x00"},
        {"barcode": "²0000000000014"},
        {"guest_pass": "²"},
    ],
    ids=["nul_barcode", "nul_guest_pass", "nul_after_barcode", "superscript", "superscript_pass"],
)
def test_nul_bytes_and_other_scripts_digits_are_refused_not_500(world, body):
    response = _start(_client(world), **body)
    assert response.status_code == 403
    assert response.json()["error"] in ("card_refused", "guest_pass_refused")


def test_json_nested_a_hundred_thousand_deep_is_a_400_or_413(world):
    client = _client(world)
    response = client.post(START, _deep(100_000), content_type="application/json")
    assert response.status_code == 413 and response.json()["error"] == "bad_request"
    response = client.post(START, _deep(900), content_type="application/json")
    assert response.status_code == 400 and response.json()["error"] == "bad_request"
    response = client.post(START, b"[" * 2000, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("session_id", ["9" * 19, "9" * 30, "0"])
def test_a_session_id_out_of_range_is_a_json_404(world, session_id):
    response = _client(world).post(f"{PREFIX}/sessions/{session_id}/end")
    assert response.status_code == 404 and response.json()["error"] == "no_such_session"


def test_the_api_root_is_a_json_answer(world):
    client = _client(world)
    with override_settings(DEBUG=True):
        for path in ("/computers/station-api/", "/computers/station-api/v2/state"):
            response = client.get(path)
            assert response.status_code == 404 and response.json()["error"] == "not_found"
