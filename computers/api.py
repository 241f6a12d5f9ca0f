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
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from computers import policies, selectors, services
from computers import rules as R
from computers.models import ComputerSession, Station
from computers.rules import Refusal, local_day

logger = logging.getLogger(__name__)

BAD_TOKEN = (
    "This station's token is wrong or was revoked: the station cannot start sessions. "
    "Ask staff to issue a new token in the administration."
)
METHOD = "This address does not accept {method}."
NOT_FOUND = "No such address in the station API."
NO_SUCH_SESSION = "No such session on this station."
BAD_BODY = "Send JSON with either a card `barcode` or a `guest_pass` code."
TOO_LARGE = "The request is too large: send only a card `barcode` or a `guest_pass` code."
SERVER_ERROR = "The station service failed. Try again in a minute, or ask at the desk."

# A start is a barcode or a pass code: a few dozen bytes. Anything much
# larger is no client of this API.
MAX_BODY_BYTES = 2048
# Refusals of the card or pass itself: each is counted against the
# station's budget, and those that would tell which card numbers exist
# (unknown, lost, stolen, replaced, expired, de-identified) answer alike.
SEE_DESK_CODES = frozenset(
    {
        "unknown_card",
        "unknown_guest_pass",
        "card_lost",
        "card_stolen",
        "card_replaced",
        "card_expired",
        "card_unusable",
    }
)
COUNTED_CODES = SEE_DESK_CODES | {"allowance_used", "already_in_session", "children_only"}
CONFLICT_CODES = frozenset({"station_busy", "station_reserved", "already_in_session"})

StationView = Callable[..., JsonResponse]


class _BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse({"error": code, "message": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="station"'
    return response


def _method_not_allowed(request: HttpRequest, methods: tuple[str, ...]) -> JsonResponse:
    method = (request.method or "")[:20]
    response = _error(405, "method_not_allowed", METHOD.format(method=method))
    response["Allow"] = ", ".join(methods)
    return response


def _token(request: HttpRequest) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def json_errors(view: StationView) -> StationView:
    """Whatever goes wrong inside a station view answers in JSON: the
    client shows the message, and never Django's error page (which, with
    DEBUG on, would show code and settings to a caller with no login)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            return view(request, *args, **kwargs)
        except Exception:
            # The traceback names the code, not the request's values.
            logger.exception("station API: %s failed", view.__name__)
            return _error(500, "server_error", SERVER_ERROR)

    return wrapper


def station_api(*methods: str) -> Callable[[StationView], StationView]:
    """The token opens the station; other methods are refused in JSON."""

    def decorate(view: StationView) -> StationView:
        @json_errors
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            station = policies.station_for_token(_token(request))
            if station is None:
                return _error(401, "invalid_token", BAD_TOKEN)
            if request.method not in methods:
                return _method_not_allowed(request, methods)
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


@json_errors
def state(request: HttpRequest) -> JsonResponse:
    """Poll: the station's state and its running session's time left. One
    query: the station by its token with its rules, session and offer."""
    now = timezone.now()
    polled = policies.station_polled(_token(request), now)
    if polled is None:
        return _error(401, "invalid_token", BAD_TOKEN)
    if request.method != "GET":
        return _method_not_allowed(request, ("GET",))
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
    """The posted JSON object (or form); None when it is neither. Raises
    _BadBody for a body too large to be a start."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        raise _BadBody(413, TOO_LARGE)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise _BadBody(413, TOO_LARGE) from None
    if len(raw) > MAX_BODY_BYTES:
        raise _BadBody(413, TOO_LARGE)
    if request.content_type == "application/json":
        try:
            data = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        return data if isinstance(data, dict) else None
    try:
        return request.POST.dict()
    except SuspiciousOperation:  # too many fields, a malformed multipart body
        return None


def _paused(station: Station, now: Any) -> JsonResponse | None:
    wait = R.pause_seconds_left(station.paused_until, now)
    if not wait:
        return None
    response = _error(429, "station_paused", R.STATION_PAUSED)
    response["Retry-After"] = str(wait)
    return response


def _refused(station: Station, refusal: Refusal, *, by_card: bool, now: Any) -> JsonResponse:
    """The answer to a refused start; a refusal of the card or pass itself
    is counted, and the one that uses the budget up pauses the station."""
    if refusal.code in COUNTED_CODES:
        services.station_refusal_record(station=station, now=now)
    if refusal.code in SEE_DESK_CODES:
        if by_card:
            return _error(403, "card_refused", R.SEE_DESK_CARD)
        return _error(403, "guest_pass_refused", R.SEE_DESK_GUEST_PASS)
    status = 409 if refusal.code in CONFLICT_CODES else 403
    return _error(status, refusal.code, refusal.message)


@station_api("POST")
def session_start(request: HttpRequest, station: Station) -> JsonResponse:
    """Start a session for a card barcode or a guest-pass code.

    A paused station (its budget of refused cards used up) answers 429
    with Retry-After before it reads the body. An unknown card or pass
    goes through the same checks of the station (out of order, busy,
    reserved) as a valid one, so that a busy station answers the same for
    both."""
    now = timezone.now()
    paused = _paused(station, now)
    if paused is not None:
        return paused
    try:
        data = _body(request)
    except _BadBody as bad:
        return _error(bad.status, "bad_request", bad.message)
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
    else:
        guest = services.guest_pass_by_code(code, day=local_day(station.branch.timezone, now))
    try:
        # With neither a card nor a pass the service refuses as for an
        # unknown card, after the station's own checks.
        session = services.session_start(station=station, card=card, guest_pass=guest, now=now)
    except Refusal as refusal:
        return _refused(station, refusal, by_card=bool(barcode), now=now)
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


@json_errors
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under the station API: a JSON 404 (after the token:
    a client without one learns nothing about what exists)."""
    if policies.station_for_token(_token(request)) is None:
        return _error(401, "invalid_token", BAD_TOKEN)
    return _error(404, "not_found", NOT_FOUND)
