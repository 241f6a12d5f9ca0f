"""The station endpoint: a small JSON API for the reservation client on each
public computer (docs/station-api.md).

Not a user login: the client sends its station's token
(`Authorization: Bearer <token>`), which opens only that station and its
own sessions. CSRF protection is lifted for these views only (no cookie
authenticates them: a browser cannot be tricked into sending the token).
Every answer is JSON; every refusal has a stable `error` code and a
`message` the client shows as is. No answer names a patron.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from computers import policies, selectors, services
from computers.models import ComputerSession, Station
from computers.rules import Refusal, local_day

BAD_TOKEN = (
    "This station's token is wrong or was revoked: the station cannot start sessions. "
    "Ask staff to issue a new token in the administration."
)
METHOD = "This address does not accept {method}."
NOT_FOUND = "No such address in the station API."
NO_SUCH_SESSION = "No such session on this station."
BAD_BODY = "Send JSON with either a card `barcode` or a `guest_pass` code."

StationView = Callable[..., JsonResponse]


def _error(status: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse({"error": code, "message": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="station"'
    return response


def _token(request: HttpRequest) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def station_api(*methods: str, with_state: bool = False) -> Callable[[StationView], StationView]:
    """The token opens the station; other methods are refused in JSON.
    `with_state`: the station comes with its state (selectors.with_state)."""

    def decorate(view: StationView) -> StationView:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            station = policies.station_for_token(_token(request))
            if station is None:
                return _error(401, "invalid_token", BAD_TOKEN)
            if request.method not in methods:
                response = _error(405, "method_not_allowed", METHOD.format(method=request.method))
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, station, *args, **kwargs)

        return wrapper

    return decorate


def _session_json(
    session: ComputerSession, view: selectors.StationView | None = None
) -> dict[str, Any]:
    now = timezone.now()
    left = max(0, int((session.ends_at - now).total_seconds())) if session.ended_at is None else 0
    return {
        "id": session.pk,
        "started_at": session.started_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "seconds_left": left,
        "warning": view.warning if view is not None else False,
    }


def _state_json(station: Station, view: selectors.StationView) -> dict[str, Any]:
    data: dict[str, Any] = {
        "station": {"label": station.label, "kind": station.kind},
        "state": view.state,
        "session": _session_json(view.session, view) if view.session is not None else None,
        "reserved_for_ticket": view.offer.ticket if view.offer is not None else None,
        "reserved_until": (
            view.offer.offered_until.isoformat()
            if view.offer is not None and view.offer.offered_until
            else None
        ),
    }
    return data


@csrf_exempt
def state(request: HttpRequest) -> JsonResponse:
    """Poll: the station's state and its running session's time left. One
    query: the station by its token with its rules, session and offer."""
    now = timezone.now()
    polled = policies.station_polled(_token(request), now)
    if polled is None:
        return _error(401, "invalid_token", BAD_TOKEN)
    if request.method != "GET":
        response = _error(405, "method_not_allowed", METHOD.format(method=request.method))
        response["Allow"] = "GET"
        return response
    station, view = polled.station, polled.view
    if polled.stale:
        # Rare: the time ran out or the grace period passed since the last
        # poll; settle it now so that the answer is true.
        services.station_settle(station=station, now=now)
        polled = policies.station_polled(_token(request), now)
        if polled is None:
            return _error(401, "invalid_token", BAD_TOKEN)
        view = polled.view
    return JsonResponse(_state_json(station, view))


def _body(request: HttpRequest) -> dict[str, Any] | None:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None
    return request.POST.dict()


@station_api("POST")
def session_start(request: HttpRequest, station: Station) -> JsonResponse:
    """Start a session for a card barcode or a guest-pass code."""
    data = _body(request)
    barcode = data.get("barcode") if data else None
    code = data.get("guest_pass") if data else None
    if (
        not isinstance(barcode, str | None)
        or not isinstance(code, str | None)
        or not (barcode or code)
    ):
        return _error(400, "bad_request", BAD_BODY)
    card = guest = None
    if barcode:
        card = services.card_by_barcode(barcode)
        if card is None:
            return _error(403, "unknown_card", services.R.UNKNOWN_CARD)
    else:
        guest = services.guest_pass_by_code(
            code or "", day=local_day(station.branch.timezone, timezone.now())
        )
        if guest is None:
            return _error(403, "unknown_guest_pass", services.R.UNKNOWN_GUEST_PASS)
    try:
        session = services.session_start(station=station, card=card, guest_pass=guest)
    except Refusal as refusal:
        status = (
            409
            if refusal.code in ("station_busy", "station_reserved", "already_in_session")
            else 403
        )
        return _error(status, refusal.code, refusal.message)
    return JsonResponse({"session": _session_json(session)}, status=201)


@station_api("POST")
def session_end(request: HttpRequest, station: Station, session_id: int) -> JsonResponse:
    """End this station's session (the patron logged off)."""
    try:
        session = policies.station_session(station, session_id)
    except Http404:
        return _error(404, "no_such_session", NO_SUCH_SESSION)
    try:
        session = services.session_end(session=session, reason=ComputerSession.EndReason.PATRON)
    except Refusal as refusal:
        return _error(409, refusal.code, refusal.message)
    return JsonResponse({"session": _session_json(session)})


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under the station API: a JSON 404 (after the token:
    a client without one learns nothing about what exists)."""
    if policies.station_for_token(_token(request)) is None:
        return _error(401, "invalid_token", BAD_TOKEN)
    return _error(404, "not_found", NOT_FOUND)
