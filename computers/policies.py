"""Who may see and act on public-computer stations, sessions, guest passes
and the queue; and which station a token opens. The only place these rules
live.

Desk roles (volunteers included) run the stations board: start, extend and
end sessions, issue guest passes, manage the queue. The board shows no
patron names. Administrators configure stations and the rules in the admin
and never see a session. A station's reservation client is not a user: it
authenticates with its own token (hashed, revocable) and reaches only its
own station's sessions (computers/api.py).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from computers import selectors
from computers.models import ComputerSession, QueueEntry, Station
from organisation.policies import can_review_branch_records, has_capability, users_with_role
from organisation.roles import Role
from organisation.users import StaffUser


def can_use_computers(user: StaffUser) -> bool:
    return has_capability(user, "circulate")


def can_view_computer_reports(user: StaffUser) -> bool:
    """Counts by branch, month, age band and station type: supervisors and
    the Director."""
    return can_review_branch_records(user)


def stations_visible_to(user: StaffUser) -> QuerySet[Station]:
    if not can_use_computers(user):
        return Station.objects.none()
    return Station.objects.all()


def sessions_visible_to(user: StaffUser) -> QuerySet[ComputerSession]:
    """Sessions the board acts on (extend, end), for desk roles; acting on
    one that already ended is refused by the service with its reason."""
    if not can_use_computers(user):
        return ComputerSession.objects.none()
    return ComputerSession.objects.all()


def queue_visible_to(user: StaffUser) -> QuerySet[QueueEntry]:
    """Queue tickets, for desk roles (the board lists the open ones)."""
    if not can_use_computers(user):
        return QueueEntry.objects.none()
    return QueueEntry.objects.all()


# Ids are bigint: a larger number reaching the database is its error, a 500.
_MAX_PK = 2**63 - 1


def _as_pk(value: int | str | None) -> int:
    try:
        pk = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("No such record.") from None
    if not 0 < pk <= _MAX_PK:
        raise Http404("No such record.")
    return pk


def station_alert_recipients() -> QuerySet[Any]:
    """Who is told when a station's client is paused for refused cards:
    the administrators, who issue and revoke station tokens."""
    return users_with_role(Role.ADMINISTRATOR).filter(is_active=True).distinct()


def access_station(user: StaffUser, station_id: int | str | None) -> Station:
    station = (
        stations_visible_to(user).select_related("branch").filter(pk=_as_pk(station_id)).first()
    )
    if station is None:
        raise Http404("No such station.")
    return station


def access_session(user: StaffUser, session_id: int | str | None) -> ComputerSession:
    session = (
        sessions_visible_to(user)
        .select_related("station", "branch")
        .filter(pk=_as_pk(session_id))
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    return session


def access_queue_entry(user: StaffUser, entry_id: int | str | None) -> QueueEntry:
    entry = queue_visible_to(user).filter(pk=_as_pk(entry_id)).first()
    if entry is None:
        raise Http404("No such ticket.")
    return entry


# ------------------------------------------------------ station tokens


def token_digest(token: str) -> str:
    """What is stored of a station token: its SHA-256 (the token is 32
    random bytes, so a fast hash is enough; the raw token is shown once)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _plausible(token: str | None) -> bool:
    return bool(token) and len(token or "") <= 200


def station_for_token(token: str | None) -> Station | None:
    """The station this token belongs to, if it is current (not revoked,
    not replaced); None otherwise. One indexed query."""
    if not _plausible(token):
        return None
    return (
        Station.objects.select_related("branch__system__computer_settings")
        .filter(token_hash=token_digest(token or ""))
        .first()
    )


def station_polled(token: str | None, now: datetime.datetime) -> selectors.Polled | None:
    """What the station this token opens answers to a poll; None for a
    token that opens nothing. One query (computers.selectors)."""
    if not _plausible(token):
        return None
    return selectors.station_polled(token_digest(token or ""), now)


def station_session(station: Station, session_id: int | str | None) -> ComputerSession:
    """A session of this station; Http404 for another station's and a
    missing one alike."""
    session = ComputerSession.objects.filter(pk=_as_pk(session_id), station=station).first()
    if session is None:
        raise Http404("No such session.")
    return session
