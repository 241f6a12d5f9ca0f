"""Public-computer reads: the stations board, the queue, a station's state
for its own client."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from computers import rules as R
from computers.models import ComputerSession, ComputerSettings, QueueEntry, Station
from kernel import rawsql


class State:
    FREE = "free"
    IN_USE = "in_use"
    RESERVED = "reserved"
    OUT_OF_ORDER = "out_of_order"


STATE_LABELS = {
    State.FREE: "Free",
    State.IN_USE: "In use",
    State.RESERVED: "Reserved",
    State.OUT_OF_ORDER: "Out of order",
}


@dataclass
class StationView:
    station: Station
    state: str
    session: ComputerSession | None
    offer: QueueEntry | None
    seconds_left: int | None
    warning: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def minutes_left(self) -> int | None:
        return None if self.seconds_left is None else (self.seconds_left + 59) // 60


def station_view(
    station: Station,
    session: ComputerSession | None,
    offer: QueueEntry | None,
    now: datetime.datetime,
    warning_minutes: int,
) -> StationView:
    """The state of one station from its running session and its offer."""
    if session is not None and session.ends_at > now:
        left = R.seconds_left(session.ends_at, now)
        return StationView(station, State.IN_USE, session, None, left, left <= warning_minutes * 60)
    if station.out_of_order:
        return StationView(station, State.OUT_OF_ORDER, None, None, None, False)
    if offer is not None and offer.offered_until and offer.offered_until > now:
        return StationView(station, State.RESERVED, None, offer, None, False)
    return StationView(station, State.FREE, None, None, None, False)


def stations_board(
    *, stations: QuerySet[Station], now: datetime.datetime, warning_minutes: int
) -> list[StationView]:
    """Every station given, with its state: three queries whatever the count."""
    stations_list = list(stations.select_related("branch").order_by("branch__name", "label"))
    ids = [s.pk for s in stations_list]
    sessions = {
        s.station_id: s
        for s in ComputerSession.objects.filter(station_id__in=ids, ended_at__isnull=True)
    }
    offers = {
        q.offered_station_id: q
        for q in QueueEntry.objects.filter(
            offered_station_id__in=ids, status=QueueEntry.Status.OFFERED
        )
    }
    return [
        station_view(s, sessions.get(s.pk), offers.get(s.pk), now, warning_minutes)
        for s in stations_list
    ]


def queue_for(*, entries: QuerySet[QueueEntry], branch_id: int) -> list[QueueEntry]:
    return list(
        entries.filter(branch_id=branch_id, status__in=QueueEntry.OPEN_STATUSES)
        .select_related("offered_station")
        .order_by("created_at", "pk")
    )


@dataclass
class Polled:
    """A station found by its token, with what its poll answers."""

    station: Station
    warning_minutes: int
    view: StationView
    stale: bool


# One statement: the station by its token hash, its rules, its running
# session and its offer (each at most one row: session_one_open_per_station,
# queue_one_offer_per_station). Built once; the ORM's compilation of the
# same query cost more than the query itself.
_POLL_SQL = (
    "SELECT s.id, s.label, s.kind, s.out_of_order, s.branch_id, "
    "COALESCE(cs.warning_minutes, %s), r.id, r.started_at, r.ends_at, "
    "o.ticket, o.offered_until "
    "FROM computers_station s "
    "JOIN libraryservice_branch b ON b.id = s.branch_id "
    "LEFT JOIN computers_computersettings cs ON cs.system_id = b.system_id "
    "LEFT JOIN computers_computersession r ON r.station_id = s.id AND r.ended_at IS NULL "
    "LEFT JOIN computers_queueentry o ON o.offered_station_id = s.id AND o.status = %s "
    "WHERE s.token_hash = %s LIMIT 1"
)


@functools.cache
def _poll_fields() -> tuple[Any, ...]:
    """The model field of each column of _POLL_SQL, in order."""
    station, run, offer = Station._meta, ComputerSession._meta, QueueEntry._meta
    return (
        station.get_field("id"),
        station.get_field("label"),
        station.get_field("kind"),
        station.get_field("out_of_order"),
        station.get_field("branch"),
        ComputerSettings._meta.get_field("warning_minutes"),
        run.get_field("id"),
        run.get_field("started_at"),
        run.get_field("ends_at"),
        offer.get_field("ticket"),
        offer.get_field("offered_until"),
    )


def station_polled(token_digest: str, now: datetime.datetime) -> Polled | None:
    """The poll of the station whose token hashes to `token_digest` (the
    caller, computers.policies, decides what a token opens): one query.

    Columns are converted as their model fields (kernel.rawsql):
    SQLite returns datetimes as naive text, which cannot be compared with
    an aware `now`.
    """
    default_warning = ComputerSettings._meta.get_field("warning_minutes").get_default()
    rows = rawsql.fetch(
        _POLL_SQL,
        [default_warning, QueueEntry.Status.OFFERED.value, token_digest],
        _poll_fields(),
    )
    if not rows:
        return None
    row = rows[0]
    (
        pk,
        label,
        kind,
        out_of_order,
        branch_id,
        warning,
        run_id,
        run_start,
        run_end,
        ticket,
        until,
    ) = row
    station = Station(pk=pk, label=label, kind=kind, out_of_order=out_of_order, branch_id=branch_id)
    session = offer = None
    if run_id is not None:
        session = ComputerSession(pk=run_id, station=station, started_at=run_start, ends_at=run_end)
    elif ticket is not None and not out_of_order:
        offer = QueueEntry(ticket=ticket, offered_until=until, status=QueueEntry.Status.OFFERED)
    stale = (session is not None and session.ends_at <= now) or (
        offer is not None and until is not None and until <= now
    )
    return Polled(station, warning, station_view(station, session, offer, now, warning), stale)


# -- reports: counts only ----------------------------------------------------


@dataclass
class UseCounts:
    """Sessions and minutes in a date range, by branch, month, age band and
    station type; and the detail rows for the CSV."""

    sessions_by_branch: list[tuple[str, int]]
    sessions_by_month: list[tuple[str, int]]
    sessions_by_age_band: list[tuple[str, int]]
    sessions_by_kind: list[tuple[str, int]]
    minutes_by_kind: list[tuple[str, int]]
    rows: list[tuple[str, str, str, str, int, int]]  # branch, month, kind, band, sessions, minutes


def use_counts(*, start: datetime.date, end: datetime.date) -> UseCounts:
    """One grouped query over the sessions of the range (by their day);
    counts survive the daily purge, which erases only who used a station."""
    from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
    from django.db.models.functions import Coalesce, TruncMonth

    from programs.agebands import AgeBand

    used = ExpressionWrapper(
        Coalesce(F("ended_at"), F("ends_at")) - F("started_at"), output_field=DurationField()
    )
    grouped = (
        ComputerSession.objects.filter(day__gte=start, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("branch__name", "month", "station__kind", "age_band")
        .annotate(sessions=Count("pk"), duration=Sum(used))
    )
    bands = dict(AgeBand.choices)
    kinds = dict(Station.Kind.choices)
    rows = []
    for r in grouped:
        minutes = int(r["duration"].total_seconds() // 60) if r["duration"] else 0
        rows.append(
            (
                r["branch__name"],
                r["month"].strftime("%Y-%m"),
                str(kinds[r["station__kind"]]),
                str(bands[r["age_band"]]),
                r["sessions"],
                minutes,
            )
        )
    rows.sort()

    def total(key: int, value: int, order: list[str] | None = None) -> list[tuple[str, int]]:
        sums: dict[str, int] = {}
        for row in rows:
            sums[str(row[key])] = sums.get(str(row[key]), 0) + int(row[value])
        rank = {name: i for i, name in enumerate(order or [])}
        return sorted(sums.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))

    band_order = [str(v) for v in bands.values()]
    kind_order = [str(v) for v in kinds.values()]
    return UseCounts(
        sessions_by_branch=total(0, 4),
        sessions_by_month=total(1, 4),
        sessions_by_age_band=total(3, 4, band_order),
        sessions_by_kind=total(2, 4, kind_order),
        minutes_by_kind=total(2, 5, kind_order),
        rows=rows,
    )
