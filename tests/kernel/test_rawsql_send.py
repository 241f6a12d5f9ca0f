"""kernel.rawsql.send: a write sent without waiting, waited for later.

The desk's scan sends its access-log entry before rendering and waits for
it before the answer leaves; these tests pin what the helper promises:
the row count, the statement's error raised by result(), and that any
other statement on the connection first waits for the one in flight.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kernel import rawsql

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

INSERT = (
    "INSERT INTO django_session (session_key, session_data, expire_date)"
    " VALUES (%(key)s, %(data)s, %(expires)s)"
)


def _params(key: str) -> dict[str, object]:
    return {
        "key": key,
        "data": "it's data",
        "expires": timezone.now() + datetime.timedelta(hours=1),
    }


def test_the_result_is_the_rows_the_statement_touched():
    sent = rawsql.send(INSERT, _params("sendone1"))
    assert sent.result() == 1
    assert sent.result() == 1  # asking again asks nothing
    stored = Session.objects.get(session_key="sendone1")
    assert stored.session_data == "it's data"
    assert rawsql.send("DELETE FROM django_session WHERE session_key = %s", ["none"]).result() == 0


def test_a_statement_while_one_is_in_flight_waits_for_it():
    """Nothing needs to know a write is in flight: the next statement on
    the connection, ORM or fixed SQL, first waits for it and sees it."""
    sent = rawsql.send(INSERT, _params("sendtwo2"))
    assert Session.objects.filter(session_key="sendtwo2").exists()
    assert connection.execute_wrappers == []
    assert sent.result() == 1


def test_the_statement_s_error_is_raised_by_result_and_the_connection_stays_usable():
    Session.objects.create(session_key="taken333", session_data="", expire_date=timezone.now())
    with pytest.raises(DatabaseError), transaction.atomic():
        sent = rawsql.send(INSERT, _params("taken333"))
        sent.result()
    with pytest.raises(DatabaseError):
        sent.result()
    assert Session.objects.filter(session_key="taken333").count() == 1


def test_the_statement_is_logged_like_any_other_with_its_values():
    with CaptureQueriesContext(connection) as ctx:
        rawsql.send(INSERT, _params("sendlog4")).result()
    (logged,) = ctx.captured_queries
    assert logged["sql"].startswith("INSERT INTO django_session")
    assert "'sendlog4'" in logged["sql"] and "'it''s data'" in logged["sql"]


@pytest.mark.django_db(transaction=True)
def test_a_send_that_opens_a_transaction_is_part_of_it():
    """Inside atomic(), psycopg sends its BEGIN only with its own first
    statement: a write sent before any would have run, and committed, on
    its own, outside the block that then rolls back."""

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        assert rawsql.send(INSERT, _params("sendfive5")).result() == 1
        assert Session.objects.filter(session_key="sendfive5").exists()
        raise Undo
    assert not Session.objects.filter(session_key="sendfive5").exists()
    with transaction.atomic():
        assert rawsql.send(INSERT, _params("sendsix66")).result() == 1
    assert Session.objects.filter(session_key="sendsix66").exists()


def test_values_are_bound_on_the_server_a_name_used_twice_is_one_parameter():
    """The statement goes with its values apart (the server binds them):
    a name used twice is sent once, and a literal %% stays a percent."""
    Session.objects.create(session_key="bindone7", session_data="", expire_date=timezone.now())
    sent = rawsql.send(
        "UPDATE django_session SET session_data = %(data)s || '%%' || %(data)s"
        " WHERE session_key = %(key)s",
        {"data": "it's", "key": "bindone7"},
    )
    assert sent.result() == 1
    assert Session.objects.get(session_key="bindone7").session_data == "it's%it's"


def test_positional_values_are_bound_in_turn():
    expires = timezone.now() + datetime.timedelta(days=2)
    # A statement first: the transaction is then begun, and the send binds
    # on the server (the first statement of a block goes with its BEGIN).
    assert not Session.objects.filter(session_key="bindtwo8").exists()
    sent = rawsql.send(
        "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (%s, %s, %s)",
        ["bindtwo8", "data", expires],
    )
    assert sent.result() == 1
    assert Session.objects.get(session_key="bindtwo8").expire_date == expires


def test_placeholders_are_numbered_once_per_statement():
    sql = "SELECT %(a)s, %(b)s, %(a)s, '100%%'"
    assert rawsql._numbered(sql) == ("SELECT $1, $2, $1, '100%'", ("a", "b"))
    assert rawsql._numbered(sql) is rawsql._numbered(sql)
    assert rawsql._numbered("SELECT %s, %s") == ("SELECT $1, $2", ())
    with pytest.raises(ValueError, match="not both"):
        rawsql._numbered("SELECT %s, %(a)s")


def _prepared_sends() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE name LIKE '\\_lsd\\_send\\_%%'"
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_on_its_own_a_statement_is_prepared_once_per_connection():
    """Outside a transaction the statement is parsed and planned once per
    connection, not on every send: the desk sends one on every card."""
    for key in ("prepone1", "preptwo2", "prepthr3"):
        assert rawsql.send(INSERT, _params(key)).result() == 1
    assert _prepared_sends() == [rawsql._numbered(INSERT)[0]]
    assert Session.objects.filter(session_key__startswith="prep").count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_statement_a_rollback_dropped_is_prepared_and_run_again_once():
    """psycopg empties the connection's prepared statements on a ROLLBACK
    (DEALLOCATE ALL): the next send finds its statement gone, and result()
    prepares and runs it again, once, waiting for it."""
    assert rawsql.send(INSERT, _params("gonedne1")).result() == 1

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        Session.objects.create(session_key="undone22", session_data="", expire_date=timezone.now())
        raise Undo
    with connection.cursor() as cursor:
        # What psycopg sends after a rollback when it has prepared any.
        cursor.execute("DEALLOCATE ALL")
    assert _prepared_sends() == []
    sent = rawsql.send(INSERT, _params("gonetwo2"))
    assert sent.result() == 1
    assert Session.objects.filter(session_key="gonetwo2").count() == 1
    assert _prepared_sends() == [rawsql._numbered(INSERT)[0]]
    assert rawsql.send(INSERT, _params("gonethr3")).result() == 1


@pytest.mark.django_db(transaction=True)
def test_a_prepared_statement_s_error_is_raised_by_result():
    Session.objects.create(session_key="preperr1", session_data="", expire_date=timezone.now())
    rawsql.send(INSERT, _params("preperr0")).result()
    sent = rawsql.send(INSERT, _params("preperr1"))
    with pytest.raises(DatabaseError):
        sent.result()
    assert rawsql.send(INSERT, _params("preperr2")).result() == 1


@pytest.mark.django_db(transaction=True)
def test_with_prepared_statements_turned_off_nothing_is_prepared():
    """PREPARED_STATEMENTS=false (a pooler that cannot keep them): psycopg's
    prepare_threshold is None, and send() prepares nothing either."""
    connection.ensure_connection()
    conn = connection.connection
    threshold = conn.prepare_threshold
    conn.prepare_threshold = None
    try:
        assert rawsql.send(INSERT, _params("noprep01")).result() == 1
        assert rawsql.send(INSERT, _params("noprep02")).result() == 1
        assert _prepared_sends() == []
    finally:
        conn.prepare_threshold = threshold
    assert Session.objects.filter(session_key__startswith="noprep").count() == 2
