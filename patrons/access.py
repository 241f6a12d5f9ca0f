"""The access log: who opened a patron's record, and why (DESIGN
section 6). A django-auditlog ACCESS entry on the patron, listed on the
cardholder's access report (privacy.selectors.access_report) and expunged
with the access log under its retention rule.

It lives with the patron record, below every app that opens one (the
desk, the patron pages, programs, computers, the SIP2 terminals, privacy's
loan history), so that none of them reaches up to privacy to write it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from kernel import rawsql
from organisation.users import StaffUser
from patrons.models import Patron
from recordtypes.vocabulary import AccessKind, access_kind_labels

# One fixed statement: the access log is written on every card scanned.
_ACCESS_INSERT = (
    f"INSERT INTO {LogEntry._meta.db_table}"  # noqa: S608 (the model's own table name)
    " (content_type_id, object_pk, object_id, object_repr, action, changes_text,"
    " actor_id, timestamp, additional_data)"
    " VALUES (%(content_type)s, %(object_pk)s, %(object_id)s, %(object_repr)s, %(action)s,"
    " '', %(actor)s, %(timestamp)s, %(data)s)"
)


def patron_access_log(
    *,
    patron: Patron,
    acting_user: StaffUser,
    kind: str,
    now: datetime.datetime | None = None,
    then: tuple[str, Mapping[str, Any]] | None = None,
) -> int:
    """Log that `acting_user` opened the patron's record (`kind`, an
    AccessKind or a kind a record type declares): a django-auditlog ACCESS entry on the patron, as
    loan_history_access writes, listed on the cardholder's access report
    and expunged with the access log under its retention rule.

    One INSERT and no read (the content type is cached per process): it
    runs on every card scanned. A single statement needs no transaction of
    its own; inside the caller's, it commits or rolls back with it. The
    caller has already checked that the user may open the patron.

    `then`, a data-changing statement of the caller's and its named
    parameters, runs in the same statement on PostgreSQL (the INSERT as a
    data-modifying WITH): one round trip and one commit for both writes,
    whether or not `then` touches a row (`then` may begin with its own
    WITH list). Returns the number of rows `then` touched (0 without it).
    """
    sql, params = _access_statement(patron, acting_user, kind, now, then)
    if then is not None and connection.vendor != "postgresql":
        with transaction.atomic(savepoint=False):
            rawsql.execute(_ACCESS_INSERT, params)
            return rawsql.execute(*then)
    touched = rawsql.execute(sql, params)
    return touched if then is not None else 0


def patron_access_log_sent(
    *,
    patron: Patron,
    acting_user: StaffUser,
    kind: str,
    now: datetime.datetime | None = None,
    then: tuple[str, Mapping[str, Any]] | None = None,
) -> rawsql.Sent:
    """As patron_access_log, but sent without waiting (kernel.rawsql.send):
    the caller renders its answer while PostgreSQL writes and commits the
    entry, and calls result() before the answer leaves (with `then`: the
    rows `then` touched). For the desk's card scan, where that commit is the request's
    longest wait."""
    sql, params = _access_statement(patron, acting_user, kind, now, then)
    if then is not None and connection.vendor != "postgresql":
        return rawsql.Sent(
            rowcount=patron_access_log(
                patron=patron, acting_user=acting_user, kind=kind, now=now, then=then
            )
        )
    return rawsql.send(sql, params)


def _access_statement(
    patron: Patron,
    acting_user: StaffUser,
    kind: str,
    now: datetime.datetime | None,
    then: tuple[str, Mapping[str, Any]] | None,
) -> tuple[str, dict[str, Any]]:
    """The entry's statement and parameters, with `then` joined to it."""
    row = {
        "content_type": ContentType.objects.get_for_model(Patron).pk,
        "object_pk": str(patron.pk),
        "object_id": patron.pk,
        "object_repr": str(patron),
        "action": LogEntry.Action.ACCESS,
        "actor": acting_user.pk,
        "timestamp": now or timezone.now(),
        "data": _access_data(_access_kind(kind)),
    }
    if then is None:
        return _ACCESS_INSERT, row
    sql, params = then
    if set(params) & set(row):
        raise ValueError(f"parameter names taken by the access entry: {sorted(row)}")
    if connection.vendor != "postgresql":
        return _ACCESS_INSERT, row
    logged = f"WITH access_logged AS ({_ACCESS_INSERT})"
    # A statement with its own WITH list joins this one's.
    combined = f"{logged}, {sql[5:]}" if sql[:5].upper() == "WITH " else f"{logged} {sql}"
    return combined, {**row, **params}


_ACCESS_KINDS = frozenset(AccessKind.values)


def _access_kind(kind: str) -> str:
    """The kind as logged: one of the vocabulary's (checked first: every
    card scanned logs one) or one a record type declares."""
    if kind not in _ACCESS_KINDS and kind not in access_kind_labels():
        raise ValueError(f"Unknown access kind {kind!r}.")
    return str(kind)


_access_data_sent: dict[tuple[str, str], Any] = {}


def _access_data(record: str) -> Any:
    """The entry's additional_data as the JSON field sends it (worked out
    once per kind and database: the same few values on every scan)."""
    key = (connection.vendor, record)
    data = _access_data_sent.get(key)
    if data is None:
        field = LogEntry._meta.get_field("additional_data")
        data = field.get_db_prep_save({"record": record}, connection)  # type: ignore[union-attr]
        _access_data_sent[key] = data
    return data
