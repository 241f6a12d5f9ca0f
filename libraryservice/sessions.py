"""Database sessions that save an existing session in one statement.

Django's database SessionStore wraps every save in a transaction
(BEGIN, UPDATE, COMMIT: three round trips and a model save with its
signals). The desk writes the session whenever a new patron's card is
scanned, so that cost is paid at every patron. A single UPDATE is atomic
on its own; creating a session (log-in, cycle_key) still goes through
Django's path, which needs the transaction to detect a key collision.

Settings: SESSION_ENGINE = "libraryservice.sessions".
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        updated = self.model.objects.filter(session_key=self.session_key).update(
            session_data=self.encode(self._get_session()),  # type: ignore[attr-defined]
            expire_date=self.get_expiry_date(),
        )
        if not updated:
            # Deleted meanwhile (log-out on another tab, clearsessions):
            # SessionMiddleware answers with SessionInterrupted, as Django's
            # own store does.
            raise UpdateError
