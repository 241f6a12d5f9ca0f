"""Public-computer reads: the stations board, the queue, a station's state
for its own client."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from computers import rules as R
from computers.models import ComputerSession, QueueEntry, Station


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


def with_state(stations: QuerySet[Station]) -> QuerySet[Station]:
    """The stations with their running session and their offer, as
    annotations: the poll's whole answer in the station's own query."""
    from django.db.models import OuterRef, Subquery

    running = ComputerSession.objects.filter(station=OuterRef("pk"), ended_at__isnull=True)
    offered = QueueEntry.objects.filter(
        offered_station=OuterRef("pk"), status=QueueEntry.Status.OFFERED
    )
    return stations.annotate(
        running_id=Subquery(running.values("pk")[:1]),
        running_started=Subquery(running.values("started_at")[:1]),
        running_ends=Subquery(running.values("ends_at")[:1]),
        offer_ticket=Subquery(offered.values("ticket")[:1]),
        offer_until=Subquery(offered.values("offered_until")[:1]),
    )


def state_of_annotated(
    station: Station, now: datetime.datetime, warning_minutes: int
) -> tuple[StationView, bool]:
    """station_state for a station fetched through with_state (no query)."""
    session = offer = None
    if getattr(station, "running_id", None) is not None:
        session = ComputerSession(
            pk=station.running_id,  # type: ignore[attr-defined]
            station=station,
            started_at=station.running_started,  # type: ignore[attr-defined]
            ends_at=station.running_ends,  # type: ignore[attr-defined]
        )
    elif getattr(station, "offer_ticket", None) is not None and not station.out_of_order:
        offer = QueueEntry(
            ticket=station.offer_ticket,  # type: ignore[attr-defined]
            offered_until=station.offer_until,  # type: ignore[attr-defined]
            status=QueueEntry.Status.OFFERED,
        )
    stale = (session is not None and session.ends_at <= now) or (
        offer is not None and offer.offered_until is not None and offer.offered_until <= now
    )
    return station_view(station, session, offer, now, warning_minutes), stale


def station_state(
    station: Station, now: datetime.datetime, warning_minutes: int
) -> tuple[StationView, bool]:
    """One station's state for its own client, and whether it is stale (its
    time ran out or an offer's grace period passed since it was settled):
    one or two small indexed queries."""
    session = (
        ComputerSession.objects.filter(station=station, ended_at__isnull=True)
        .only("pk", "station_id", "started_at", "ends_at", "ended_at")
        .first()
    )
    offer = None
    if session is None and not station.out_of_order:
        offer = (
            QueueEntry.objects.filter(offered_station=station, status=QueueEntry.Status.OFFERED)
            .only("pk", "ticket", "offered_until", "offered_station_id", "status")
            .first()
        )
    stale = (session is not None and session.ends_at <= now) or (
        offer is not None and offer.offered_until is not None and offer.offered_until <= now
    )
    return station_view(station, session, offer, now, warning_minutes), stale


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
