"""The desk's card summary in one statement (PostgreSQL): the card, its
patron, the open loans, holds and fees with guardians and proxies, and the
age of majority, each list as a JSON array built from the same SQL as
`desk.scan.selectors`' separate reads, which SQLite keeps."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone

from circulation.models import Hold
from circulation.services import branch_tz, local_today
from desk.scan.selectors import (
    _CARD_COLUMNS,
    _PATRON_COLUMNS,
    _PATRON_NO_CONTACT,
    HOLDS_FIELDS,
    HOLDS_ORDER,
    HOLDS_SELECT,
    LOANS_FIELDS,
    LOANS_ORDER,
    LOANS_SELECT,
    SIDE_ROWS_FIELDS,
    SIDE_ROWS_ORDER,
    SIDE_ROWS_SELECT,
    PatronSummary,
    _side_params,
    _summary_of,
    card_by_barcode,
    patron_summary,
)
from kernel import rawsql
from organisation import clock
from organisation.models import Branch
from organisation.users import StaffUser
from patrons import policies as patron_policies
from patrons.models import Card
from privacy import selectors as privacy_selectors
from privacy.decision import MAX_AGE_OF_MAJORITY


def _json_rows(select: str, n: int, order: tuple[int, ...], text: tuple[int, ...] = ()) -> str:
    """`select` (its rows for the outer query's patron `p`) as one JSON
    array of row arrays, in `order` (column positions); columns in `text`
    travel as text (a numeric would come back as a float)."""
    names = ", ".join(f"c{i}" for i in range(n))
    values = ", ".join(f"t.c{i}::text" if i in text else f"t.c{i}" for i in range(n))
    by = ", ".join(f"t.c{i}" for i in order)
    correlated = select.replace("%(patron)s", "p.id")
    return (
        f"(SELECT json_agg(json_build_array({values}) ORDER BY {by})"  # noqa: S608
        f" FROM ({correlated}) AS t({names}))"
    )


def _scan_sql(patron: rawsql.Columns) -> str:
    # Constant fragments only (column names from the models' metadata);
    # every value is a parameter.
    return (
        f"SELECT {_CARD_COLUMNS.sql}, {patron.sql},"  # noqa: S608
        f" {_json_rows(LOANS_SELECT, len(LOANS_FIELDS), LOANS_ORDER)},"
        f" {_json_rows(HOLDS_SELECT, len(HOLDS_FIELDS), HOLDS_ORDER)},"
        f" {_json_rows(SIDE_ROWS_SELECT, len(SIDE_ROWS_FIELDS), SIDE_ROWS_ORDER, text=(10,))},"
        f" ({privacy_selectors.AGE_OF_MAJORITY_SQL})"
        " FROM patrons_card c JOIN patrons_patron p ON p.id = c.patron_id"
        " WHERE c.barcode = %(barcode)s AND p.deidentified_at IS NULL"
    )


_SCAN_SQL = {True: _scan_sql(_PATRON_COLUMNS), False: _scan_sql(_PATRON_NO_CONTACT)}


def _from_json(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return list(value)


def _moment(value: str | None) -> datetime.datetime | None:
    return None if value is None else datetime.datetime.fromisoformat(value)


def _day(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


class ScannedCard:
    """A scanned card's summary as read: the card (with its patron) at
    once, the rest built when asked for. The desk sends its access-log
    entry in between, so that PostgreSQL writes and commits it while the
    summary is built and rendered."""

    def __init__(self, card: Card, build: Callable[[], PatronSummary]) -> None:
        self.card = card
        self._build = build
        self._summary: PatronSummary | None = None

    def summary(self) -> PatronSummary:
        if self._summary is None:
            self._summary = self._build()
        return self._summary


def patron_summary_by_barcode(
    *,
    user: StaffUser,
    barcode: str,
    branch: Branch | None,
    now: datetime.datetime | None = None,
    threshold: Decimal | None = None,
) -> PatronSummary | None:
    """The card scanned (if the user may see its patron) and everything
    the desk shows about its patron, with the age of majority at the
    branch's jurisdiction: on PostgreSQL one statement, one round trip
    (each list as a JSON array); elsewhere card_by_barcode, then
    patron_summary and, for a patron young enough to be a minor,
    age_of_majority. None: no such card (or patron
    the user may see). What it shows is patron_summary's, row for row;
    `threshold` (default: the branch's system's) as there.
    """
    scanned = scanned_card(user=user, barcode=barcode, branch=branch, now=now, threshold=threshold)
    return scanned.summary() if scanned is not None else None


def scanned_card(
    *,
    user: StaffUser,
    barcode: str,
    branch: Branch | None,
    now: datetime.datetime | None = None,
    threshold: Decimal | None = None,
) -> ScannedCard | None:
    """patron_summary_by_barcode's read, with the summary's Python objects
    built only when its summary() is asked for (on PostgreSQL; elsewhere
    all is read here)."""
    if not patron_policies.may_see_patrons(user):
        return None
    now = now or timezone.now()
    today = local_today(branch, now) if branch is not None else clock.server_day(now)
    jurisdiction = branch.jurisdiction_code if branch is not None else ""
    if threshold is None:
        threshold = branch.system.fee_block_threshold if branch is not None else Decimal(0)
    if connection.vendor != "postgresql":
        card = card_by_barcode(user=user, barcode=barcode)
        if card is None:
            return None
        summary = patron_summary(user=user, card=card, threshold=threshold, now=now)
        # Only a patron young enough to be a minor somewhere needs the rule
        # (the disclosure panel's); an older one costs the scan no read.
        age = summary.patron.age_on(today)
        if jurisdiction and age is not None and age < MAX_AGE_OF_MAJORITY:
            summary.age_of_majority = privacy_selectors.age_of_majority(
                jurisdiction_code=jurisdiction, on=today
            )
        return ScannedCard(summary.card or card, lambda: summary)
    contact = patron_policies.can_view_contact(user)
    patron_columns = _PATRON_COLUMNS if contact else _PATRON_NO_CONTACT
    fields = [*_CARD_COLUMNS.fields, *patron_columns.fields, None, None, None, None]
    params = {
        "barcode": barcode,
        "waiting": Hold.Status.WAITING.value,
        "transit": Hold.Status.IN_TRANSIT.value,
        "ready": Hold.Status.READY.value,
        "code": jurisdiction,
        "on": today,
        **_side_params(now),
    }
    rows = rawsql.fetch(_SCAN_SQL[contact], params, fields)
    if not rows:
        return None
    row = rows[0]
    n, m = len(_CARD_COLUMNS), len(_CARD_COLUMNS) + len(patron_columns)
    card = _CARD_COLUMNS.instance(row[:n])
    Card.patron.field.set_cached_value(card, patron_columns.instance(row[n:m]))
    loans, holds, side, majority = row[m:]

    def build() -> PatronSummary:
        return _summary_of(
            user=user,
            card=card,
            threshold=threshold,
            now=now,
            today=today,
            tz=branch_tz(branch) if branch is not None else timezone.get_current_timezone(),
            loan_rows=[[*r[:4], _moment(r[4]), *r[5:]] for r in _from_json(loans)],
            hold_rows=[[*r[:4], _day(r[4]), *r[5:]] for r in _from_json(holds)],
            side_rows=[
                [
                    *r[:5],
                    _moment(r[5]),
                    r[6],
                    r[7],
                    _day(r[8]),
                    _moment(r[9]),
                    None if r[10] is None else Decimal(r[10]),
                ]
                for r in _from_json(side)
            ],
            age_of_majority=(
                privacy_selectors.majority_or_default(majority) if jurisdiction else None
            ),
        )

    return ScannedCard(card, build)
