"""Database sessions read and saved with one fixed statement each.

Django's database SessionStore wraps every save in a transaction
(BEGIN, UPDATE, COMMIT: three round trips and a model save with its
signals). The desk writes the session whenever a new patron's card is
scanned, so that cost is paid at every patron. A single UPDATE is atomic
on its own; creating a session (log-in, cycle_key) still goes through
Django's path, which needs the transaction to detect a key collision.

Every request reads its session, so the read and the update are fixed SQL
(kernel.rawsql): building the ORM's query for them cost more
Python than the statement takes to run.

Settings: SESSION_ENGINE = "kernel.sessions".
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.core import signing
from django.utils import timezone

from kernel import rawsql

# django.contrib.sessions' own table (this store keeps Django's Session model).
LOAD_SQL = "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"
UPDATE_SQL = "UPDATE django_session SET session_data = %s, expire_date = %s WHERE session_key = %s"


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key: Any) -> bool:
        """Only keys this store could have made (Django's: 32 lowercase
        letters and digits). Anything else in the cookie (a NUL byte made
        PostgreSQL refuse the lookup: a 500 on every page) is no session."""
        return isinstance(key, str) and 8 <= len(key) <= 40 and key.isascii() and key.isalnum()

    def encode(self, session_dict: dict[str, Any]) -> str:
        """As Django's, without compression: a desk's session is a few
        hundred bytes, and zlib's set-up for them cost more than signing
        them (every new patron at the desk writes it). decode() reads
        both, so sessions saved compressed before stay readable."""
        return signing.dumps(session_dict, salt=self.key_salt, serializer=self.serializer)

    def load(self) -> dict[str, Any]:
        """As Django's: the unexpired session's data, or {} and no key."""
        if self.session_key is None:
            return {}
        rows = rawsql.fetch(
            LOAD_SQL,
            [self.session_key, timezone.now()],
            [None],
        )
        if not rows:
            self._session_key = None
            return {}
        return self.decode(rows[0][0])

    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        updated = rawsql.execute(
            UPDATE_SQL,
            [
                self.encode(self._get_session()),  # type: ignore[attr-defined]
                self.get_expiry_date(),
                self.session_key,
            ],
        )
        if not updated:
            # Deleted meanwhile (log-out on another tab, clearsessions):
            # SessionMiddleware answers with SessionInterrupted, as Django's
            # own store does.
            raise UpdateError
