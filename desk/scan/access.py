"""The access-log entry of a card scanned at the desk, written with the
session the scan changed: one statement, one round trip, one commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse

from kernel.sessions import SessionStore as DeskSessionStore
from organisation.users import StaffRequest
from patrons.models import Card
from privacy import services as privacy_services
from privacy.vocabulary import AccessKind

# The session store's own UPDATE (kernel.sessions), with named
# parameters so that it can share a statement with the access-log entry.
SESSION_UPDATE_SQL = (
    "UPDATE django_session SET session_data = %(session_data)s,"
    " expire_date = %(session_expires)s WHERE session_key = %(session_key)s"
)


class _SessionSavedBy:
    """The request's session, with save() replaced by `save`."""

    def __init__(self, session: Any, save: Callable[..., None]) -> None:
        self._session = session
        self.save = save

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def scan_logged(request: StaffRequest, response: HttpResponse, card: Card) -> None:
    """Write the scan's access-log entry and, when the scan changed it, the
    session (it now names this patron) in one statement: one round trip
    and one commit instead of two, plus a transaction's BEGIN and COMMIT.

    The session is saved as SessionMiddleware would save it (same
    conditions, cookie and headers, SessionInterrupted if it was deleted
    meanwhile); the middleware then has nothing left to write unless a
    later middleware changes the session again.
    """
    session = request.session
    logged = False

    def save(must_create: bool = False) -> None:
        nonlocal logged
        updated = privacy_services.patron_access_log(
            patron=card.patron,
            acting_user=request.user,
            kind=AccessKind.SCAN,
            then=(
                SESSION_UPDATE_SQL,
                {
                    "session_data": session.encode(session._get_session()),  # type: ignore[attr-defined]
                    "session_expires": session.get_expiry_date(),
                    "session_key": session.session_key,
                },
            ),
        )
        logged = True
        if not updated:
            raise UpdateError

    if (
        session.modified
        and isinstance(session, DeskSessionStore)
        and session.session_key is not None
    ):
        request.session = _SessionSavedBy(session, save)  # type: ignore[assignment]
        try:
            SessionMiddleware(lambda _request: response).process_response(request, response)
        finally:
            request.session = session
        session.modified = False
    if not logged:
        privacy_services.patron_access_log(
            patron=card.patron, acting_user=request.user, kind=AccessKind.SCAN
        )
