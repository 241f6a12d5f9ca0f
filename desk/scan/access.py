"""The access-log entry of a card scanned at the desk, written with the
session the scan changed: one statement, one round trip, one commit,
sent before the answer renders and waited for before it leaves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse, HttpResponseBase

from kernel import rawsql
from kernel.sessions import SessionStore as DeskSessionStore
from organisation.users import StaffRequest
from patrons.access import patron_access_log_sent
from patrons.models import Card
from privacy.vocabulary import AccessKind

# The session store's own UPDATE (kernel.sessions), with named
# parameters so that it can share a statement with the access-log entry.
SESSION_UPDATE_SQL = (
    "UPDATE django_session SET session_data = %(session_data)s,"
    " expire_date = %(session_expires)s WHERE session_key = %(session_key)s"
)

# SessionMiddleware's own words for a session deleted meanwhile.
SESSION_GONE = (
    "The request's session was deleted before the request completed. The "
    "user may have logged out in a concurrent request, for example."
)


class _SessionSavedBy:
    """The request's session, with save() replaced by `save`."""

    def __init__(self, session: Any, save: Callable[..., None]) -> None:
        self._session = session
        self.save = save

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


@dataclass
class ScanLog:
    """The entry (and session) sent."""

    sent: rawsql.Sent
    with_session: bool


def scan_log_sent(request: StaffRequest, card: Card) -> ScanLog:
    """Send the scan's access-log entry and, when the scan changed it, the
    session (it now names this patron) in one statement: one round trip
    and one commit instead of two, plus a transaction's BEGIN and COMMIT.
    The caller renders its answer meanwhile and must pass it to
    scan_logged() before it leaves: the entry is then committed.

    Everything done before the send is time the answer waits for; the
    rest of the session's work (its cookie and headers) is done by
    scan_logged() on the answer, while PostgreSQL may still be writing.

    The session is saved as SessionMiddleware would save it for a 200
    answer (same conditions, cookie and headers, SessionInterrupted if it
    was deleted meanwhile); the middleware then has nothing left to write
    unless something later changes the session again.
    """
    session = request.session
    if not (
        session.modified
        and isinstance(session, DeskSessionStore)
        and session.session_key is not None
        # What SessionMiddleware saves: a modified session that is not empty.
        and not session.is_empty()
    ):
        sent = patron_access_log_sent(
            patron=card.patron, acting_user=request.user, kind=AccessKind.SCAN
        )
        return ScanLog(sent=sent, with_session=False)
    sent = patron_access_log_sent(
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
    return ScanLog(sent=sent, with_session=True)


_middleware_by_engine: dict[str, SessionMiddleware] = {}


def _session_middleware() -> SessionMiddleware:
    """SessionMiddleware for its process_response() (made once per session
    engine: it imports the engine's module when made)."""
    engine = settings.SESSION_ENGINE
    middleware = _middleware_by_engine.get(engine)
    if middleware is None:
        middleware = SessionMiddleware(lambda _request: HttpResponse())
        _middleware_by_engine[engine] = middleware
    return middleware


def scan_logged(log: ScanLog, request: StaffRequest, response: HttpResponseBase) -> None:
    """Give `response` the session's cookie and Vary header as
    SessionMiddleware would, then wait until the entry sent by
    scan_log_sent() is written (committed, outside a transaction).
    Raises the statement's error, or SessionInterrupted when the session
    was deleted meanwhile, as SessionMiddleware would."""
    if log.with_session:
        saved = False

        def save(must_create: bool = False) -> None:
            # The statement sent saved it.
            nonlocal saved
            saved = True

        session = request.session
        request.session = _SessionSavedBy(session, save)  # type: ignore[assignment]
        try:
            _session_middleware().process_response(request, response)  # type: ignore[arg-type]
        finally:
            request.session = session
        if not saved:
            # The conditions were the middleware's own; this is a bug.
            log.sent.result()
            raise RuntimeError("the session was written without SessionMiddleware saving it")
        session.modified = False
    updated = log.sent.result()
    if log.with_session and not updated:
        raise SessionInterrupted(SESSION_GONE) from UpdateError()
