"""Public-computer writes: sessions, guest passes, the queue, station tokens.

Every service is keyword-only and atomic. Locks are taken in one order:
the station, then queue entries, then the patron (or guest pass) whose
allowance is spent. The patron lock makes the day's allowance a
serialized decision: two stations starting sessions on the same card at
the same moment cannot both spend it (and session_one_open_per_patron
backs that up). Stations whose time is up and offers whose grace period
passed are settled by `stations_sweep`, which the desk board, the station
endpoint and a Celery beat job call.
"""

from __future__ import annotations

import datetime
import re
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Max

from circulation.blocks import card_blocks
from computers import policies
from computers import rules as R
from computers.models import (
    ComputerSession,
    ComputerSettings,
    GuestPass,
    QueueEntry,
    Station,
    StationRefusal,
)
from organisation import clock
from organisation.models import Branch, LibrarySystem
from organisation.users import StaffUser
from patrons.barcodes import parse_card_barcode
from patrons.models import Card, Patron
from programs.agebands import AgeBand, age_band_for

NOT_ALLOWED = "Your role may not do this."
_GUEST_CODE = re.compile(r"[A-Z0-9]{1,12}")
Refusal = R.Refusal


def settings_for(system: LibrarySystem | int) -> ComputerSettings:
    """The system's rules; the defaults when an administrator set none."""
    system_id = system if isinstance(system, int) else system.pk
    found = ComputerSettings.objects.filter(system_id=system_id).first()
    return found or ComputerSettings(system_id=system_id)


def _require(allowed: bool) -> None:
    if not allowed:
        raise Refusal("not_allowed", NOT_ALLOWED)


def _session_length(settings: ComputerSettings, station: Station) -> int:
    if station.kind == Station.Kind.EXPRESS:
        return settings.express_session_minutes
    return settings.session_minutes


def card_by_barcode(barcode: object) -> Card | None:
    """The card with this barcode; None for none, and for anything that is
    no card barcode at all (patrons.barcodes.parse_card_barcode)."""
    parsed = parse_card_barcode(barcode)
    if parsed is None:
        return None
    return Card.objects.select_related("patron").filter(barcode=parsed).first()


def guest_pass_by_code(code: object, *, day: datetime.date) -> GuestPass | None:
    """The pass with this code valid on `day`; None otherwise, and for
    anything that is no pass code at all."""
    parsed = parse_guest_pass_code(code)
    if parsed is None:
        return None
    return GuestPass.objects.filter(code=parsed, valid_on=day).first()


def parse_guest_pass_code(raw: object) -> str | None:
    """A guest-pass code as typed (any case, spaces around), or None when
    it cannot be one: only ASCII letters and digits, at most 12."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = raw.strip().upper()
    return code if _GUEST_CODE.fullmatch(code) else None


# ------------------------------------------------------------- sessions


def _end(session: ComputerSession, reason: str, now: datetime.datetime) -> None:
    session.ended_at = (
        min(now, session.ends_at) if reason == ComputerSession.EndReason.TIME_UP else now
    )
    session.end_reason = reason
    session.save(update_fields=["ended_at", "end_reason"])


def _offer(
    station: Station, settings: ComputerSettings, now: datetime.datetime
) -> QueueEntry | None:
    """Offer a free station (locked by the caller) to the first waiting
    ticket of its branch that fits its type."""
    if station.out_of_order:
        return None
    if QueueEntry.objects.filter(
        offered_station=station, status=QueueEntry.Status.OFFERED
    ).exists():
        return None
    waiting = (
        QueueEntry.objects.select_for_update(skip_locked=True)
        .filter(branch_id=station.branch_id, status=QueueEntry.Status.WAITING)
        .filter(kind__in=["", station.kind])
        .order_by("created_at", "pk")
    )
    if station.kind != Station.Kind.CHILDREN:
        # A minor's guest pass opens children's stations only: they wait on.
        minors = GuestPass.objects.filter(age_group=GuestPass.AgeGroup.MINOR).values("pk")
        waiting = waiting.exclude(guest_pass_id__in=minors)
    entry = waiting.first()
    if entry is None:
        return None
    entry.status = QueueEntry.Status.OFFERED
    entry.offered_station = station
    entry.offered_until = now + datetime.timedelta(minutes=settings.grace_minutes)
    entry.save(update_fields=["status", "offered_station", "offered_until"])
    return entry


def _settle_station(station: Station, settings: ComputerSettings, now: datetime.datetime) -> None:
    """With the station locked: end its session if the time is up, drop an
    offer whose grace period passed (a no-show), offer it if free."""
    open_session = ComputerSession.objects.filter(station=station, ended_at__isnull=True).first()
    if open_session is not None and open_session.ends_at <= now:
        _end(open_session, ComputerSession.EndReason.TIME_UP, now)
        open_session = None
    QueueEntry.objects.filter(
        offered_station=station, status=QueueEntry.Status.OFFERED, offered_until__lte=now
    ).update(status=QueueEntry.Status.NO_SHOW, closed_at=now)
    if open_session is None:
        _offer(station, settings, now)


@transaction.atomic
def station_settle(*, station: Station, now: datetime.datetime | None = None) -> None:
    """Settle one station (time up, grace over, next offer). Locks it."""
    now = now or clock.now()
    station = Station.objects.select_for_update().select_related("branch").get(pk=station.pk)
    _settle_station(station, settings_for(station.branch.system_id), now)


def stations_sweep(*, branch: Branch | None = None, now: datetime.datetime | None = None) -> int:
    """Settle every station that needs it (of a branch, or all); returns how
    many were looked at. Each station in its own short transaction."""
    now = now or clock.now()
    stations = Station.objects.all()
    if branch is not None:
        stations = stations.filter(pk__in=Station.objects.filter(branch=branch).values("pk"))
    due_sessions = ComputerSession.objects.filter(ended_at__isnull=True, ends_at__lte=now)
    due_offers = QueueEntry.objects.filter(status=QueueEntry.Status.OFFERED, offered_until__lte=now)
    ids = set(
        stations.filter(pk__in=due_sessions.values("station_id")).values_list("pk", flat=True)
    ) | set(
        stations.filter(pk__in=due_offers.values("offered_station_id")).values_list("pk", flat=True)
    )
    waiting_branches = QueueEntry.objects.filter(status=QueueEntry.Status.WAITING).values(
        "branch_id"
    )
    ids |= set(
        stations.filter(branch_id__in=waiting_branches, out_of_order=False)
        .exclude(pk__in=ComputerSession.objects.filter(ended_at__isnull=True).values("station_id"))
        .exclude(
            pk__in=QueueEntry.objects.filter(status=QueueEntry.Status.OFFERED).values(
                "offered_station_id"
            )
        )
        .values_list("pk", flat=True)
    )
    for pk in sorted(ids):
        station_settle(station=Station(pk=pk), now=now)
    return len(ids)


def _minutes_used_today(
    *, patron: Patron | None, guest_pass: GuestPass | None, day: datetime.date
) -> int:
    if patron is not None:
        rows = ComputerSession.objects.filter(patron=patron, day=day)
    else:
        rows = ComputerSession.objects.filter(guest_pass=guest_pass)
    return R.minutes_used(
        (started, ended or ends)
        for started, ends, ended in rows.values_list("started_at", "ends_at", "ended_at")
    )


def _who(
    card: Card | None, guest_pass: GuestPass | None, day: datetime.date
) -> tuple[Patron | None, GuestPass | None]:
    """Lock and check the patron (or guest pass) whose allowance is spent."""
    if card is not None:
        patron = Patron.objects.select_for_update().filter(pk=card.patron_id).first()
        if patron is None or patron.deidentified_at is not None:
            raise Refusal("card_unusable", R.PATRON_GONE)
        card = Card.objects.get(pk=card.pk)
        blocks = card_blocks(card, day)
        if blocks:
            raise Refusal(blocks[0].code, blocks[0].message)
        return patron, None
    if guest_pass is None:
        raise Refusal("unknown_card", R.UNKNOWN_CARD)
    locked = GuestPass.objects.select_for_update().get(pk=guest_pass.pk)
    if locked.valid_on != day:
        raise Refusal("unknown_guest_pass", R.UNKNOWN_GUEST_PASS)
    return None, locked


@transaction.atomic
def session_start(
    *,
    station: Station,
    card: Card | None = None,
    guest_pass: GuestPass | None = None,
    acting_user: StaffUser | None = None,
    now: datetime.datetime | None = None,
) -> ComputerSession:
    """Start a session on `station` for a card or a guest pass.

    Called by the desk (acting_user: a desk role) or by the station's own
    client (acting_user None; the caller authenticated the station's
    token). Locks the station, its offer, then the patron or pass; refuses
    (Refusal, with a code and a message) an out-of-order, busy or reserved
    station, a blocked or expired card, a second running session and a
    used-up daily allowance (counted across every branch).
    """
    if acting_user is not None:
        _require(policies.can_use_computers(acting_user))
    now = now or clock.now()
    station = Station.objects.select_for_update().select_related("branch").get(pk=station.pk)
    settings = settings_for(station.branch.system_id)
    if station.out_of_order:
        raise Refusal("out_of_order", R.OUT_OF_ORDER)
    _settle_station(station, settings, now)
    if ComputerSession.objects.filter(station=station, ended_at__isnull=True).exists():
        raise Refusal("station_busy", R.STATION_BUSY)
    day = R.local_day(station.branch.timezone, now)
    offer = QueueEntry.objects.filter(
        offered_station=station, status=QueueEntry.Status.OFFERED
    ).first()
    patron_id = card.patron_id if card is not None else None
    guest_id = guest_pass.pk if guest_pass is not None else None
    if offer is not None and not (
        (patron_id and offer.patron_id == patron_id)
        or (guest_id and offer.guest_pass_id == guest_id)
    ):
        until = clock.local_now(station.branch, offer.offered_until).strftime("%H:%M")
        raise Refusal(
            "station_reserved", R.STATION_RESERVED.format(ticket=offer.ticket, until=until)
        )
    patron, guest = _who(card, guest_pass, day)
    if (
        guest is not None
        and guest.age_group == GuestPass.AgeGroup.MINOR
        and station.kind != Station.Kind.CHILDREN
    ):
        raise Refusal("children_only", R.GUEST_PASS_CHILDREN_ONLY)
    running = ComputerSession.objects.filter(ended_at__isnull=True).select_related("station")
    running = (
        running.filter(patron=patron) if patron is not None else running.filter(guest_pass=guest)
    )
    other = running.first()
    if other is not None:
        message = (
            R.ALREADY_IN_SESSION.format(station=other.station.label)
            if other.station.branch_id == station.branch_id
            else R.ALREADY_IN_SESSION_ELSEWHERE
        )
        raise Refusal("already_in_session", message)
    allowance = (
        settings.daily_allowance_minutes if patron is not None else settings.guest_pass_minutes
    )
    used = _minutes_used_today(patron=patron, guest_pass=guest, day=day)
    minutes = R.allotment(
        allowance=allowance, session_minutes=_session_length(settings, station), used=used
    )
    if minutes <= 0:
        raise Refusal("allowance_used", R.ALLOWANCE_USED.format(allowance=allowance))
    if patron is not None:
        band = age_band_for(patron.date_of_birth, day)
        category = patron.category
    else:
        assert guest is not None
        band = AgeBand.ADULT if guest.age_group == GuestPass.AgeGroup.ADULT else AgeBand.UNKNOWN
        category = "guest"
    try:
        with transaction.atomic():
            session = ComputerSession.objects.create(
                station=station,
                branch_id=station.branch_id,
                patron=patron,
                card=card if patron is not None else None,
                guest_pass=guest,
                day=day,
                started_at=now,
                ends_at=now + datetime.timedelta(minutes=minutes),
                started_by=acting_user,
                age_band=band,
                patron_category=category,
                is_guest=guest is not None,
            )
    except IntegrityError:
        raise Refusal("station_busy", R.STATION_BUSY) from None
    mine = QueueEntry.objects.filter(
        status__in=QueueEntry.OPEN_STATUSES, branch_id=station.branch_id
    )
    mine = mine.filter(patron=patron) if patron is not None else mine.filter(guest_pass=guest)
    mine.update(status=QueueEntry.Status.SEATED, closed_at=now)
    return session


@transaction.atomic
def session_end(
    *,
    session: ComputerSession,
    reason: str,
    acting_user: StaffUser | None = None,
    now: datetime.datetime | None = None,
) -> ComputerSession:
    """End a running session (at the station, by staff, or time up) and
    offer the station to the next ticket. Locks the station first."""
    if acting_user is not None:
        _require(policies.can_use_computers(acting_user))
    now = now or clock.now()
    station = (
        Station.objects.select_for_update().select_related("branch").get(pk=session.station_id)
    )
    session = ComputerSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        raise Refusal("session_over", R.SESSION_OVER)
    _end(session, reason, now)
    _settle_station(station, settings_for(station.branch.system_id), now)
    return session


@transaction.atomic
def session_extend(
    *, session: ComputerSession, acting_user: StaffUser, now: datetime.datetime | None = None
) -> tuple[ComputerSession, int]:
    """Staff add time to a running session: the rules' extension, capped by
    what is left of the day's allowance. Returns the session and the
    minutes added. Locks the station, the session, then the patron."""
    _require(policies.can_use_computers(acting_user))
    now = now or clock.now()
    station = (
        Station.objects.select_for_update().select_related("branch").get(pk=session.station_id)
    )
    session = ComputerSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None or session.ends_at <= now:
        raise Refusal("session_over", R.SESSION_OVER)
    settings = settings_for(station.branch.system_id)
    if session.patron_id is not None:
        Patron.objects.select_for_update().filter(pk=session.patron_id).first()
        allowance = settings.daily_allowance_minutes
        used = _minutes_used_today(patron=session.patron, guest_pass=None, day=session.day)
    else:
        allowance = settings.guest_pass_minutes
        used = _minutes_used_today(patron=None, guest_pass=session.guest_pass, day=session.day)
    added = R.allotment(allowance=allowance, session_minutes=settings.extension_minutes, used=used)
    if added <= 0:
        raise Refusal("allowance_used", R.NO_EXTENSION_LEFT.format(allowance=allowance))
    session.ends_at += datetime.timedelta(minutes=added)
    session.extended_minutes += added
    session.save(update_fields=["ends_at", "extended_minutes"])
    return session, added


# ----------------------------------------------------------- guest passes


def _guest_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "G" + "".join(secrets.choice(alphabet) for _ in range(7))


@transaction.atomic
def guest_pass_issue(
    *, branch: Branch, age_group: str, photo_id_checked: bool, acting_user: StaffUser
) -> GuestPass:
    """A pass for today for a visitor without a card. An adult's needs the
    photo ID check where the rules ask for one; a minor's only where the
    rules allow minors passes (children's stations only)."""
    _require(policies.can_use_computers(acting_user))
    settings = settings_for(branch.system_id)
    if age_group not in GuestPass.AgeGroup.values:
        raise Refusal("age_group", "Say whether the visitor is an adult or a minor.")
    if (
        age_group == GuestPass.AgeGroup.ADULT
        and settings.adult_guest_needs_photo_id
        and not photo_id_checked
    ):
        raise Refusal("photo_id_required", R.GUEST_ID_REQUIRED)
    if age_group == GuestPass.AgeGroup.MINOR and not settings.minor_guest_passes:
        raise Refusal("minors_refused", R.GUEST_MINORS_REFUSED)
    day = R.local_day(branch.timezone, clock.now())
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return GuestPass.objects.create(
                    branch=branch,
                    code=_guest_code(),
                    age_group=age_group,
                    photo_id_checked=photo_id_checked,
                    valid_on=day,
                    issued_by=acting_user,
                )
        except IntegrityError:
            continue
    raise Refusal("busy", "Could not make a pass code: try again.")


# ------------------------------------------------------------------ queue


@transaction.atomic
def queue_join(
    *,
    branch: Branch,
    card: Card | None = None,
    guest_pass: GuestPass | None = None,
    kind: str = "",
    acting_user: StaffUser,
    now: datetime.datetime | None = None,
) -> QueueEntry:
    """Put a card or a guest pass in the branch's queue, with the next
    ticket number of the day; a free station is offered at once."""
    _require(policies.can_use_computers(acting_user))
    now = now or clock.now()
    day = R.local_day(branch.timezone, now)
    patron, guest = _who(card, guest_pass, day)
    settings = settings_for(branch.system_id)
    queued = QueueEntry.objects.filter(status__in=QueueEntry.OPEN_STATUSES)
    queued = queued.filter(patron=patron) if patron is not None else queued.filter(guest_pass=guest)
    existing = queued.first()
    if existing is not None:
        raise Refusal("already_queued", R.ALREADY_QUEUED.format(ticket=existing.ticket))
    allowance = (
        settings.daily_allowance_minutes if patron is not None else settings.guest_pass_minutes
    )
    if _minutes_used_today(patron=patron, guest_pass=guest, day=day) >= allowance:
        raise Refusal("allowance_used", R.ALLOWANCE_USED.format(allowance=allowance))
    start_of_day, _ = clock.day_bounds(branch, day)
    last = QueueEntry.objects.filter(branch=branch, created_at__gte=start_of_day).aggregate(
        m=Max("ticket")
    )["m"]
    entry = QueueEntry.objects.create(
        branch=branch,
        ticket=(last or 0) + 1,
        patron=patron,
        card=card if patron is not None else None,
        guest_pass=guest,
        kind=kind if kind in Station.Kind.values else "",
        created_at=now,
    )
    free = (
        Station.objects.select_for_update(skip_locked=True)
        .filter(branch=branch, out_of_order=False)
        .exclude(pk__in=ComputerSession.objects.filter(ended_at__isnull=True).values("station_id"))
        .exclude(
            pk__in=QueueEntry.objects.filter(status=QueueEntry.Status.OFFERED).values(
                "offered_station_id"
            )
        )
        .order_by("label")
    )
    if entry.kind:
        free = free.filter(kind=entry.kind)
    for station in free:
        if _offer(station, settings, now) is not None:
            break
    entry.refresh_from_db()
    return entry


@transaction.atomic
def queue_cancel(
    *, entry: QueueEntry, acting_user: StaffUser, now: datetime.datetime | None = None
) -> None:
    """Take a ticket out of the queue; a station reserved for it is offered
    to the next one."""
    _require(policies.can_use_computers(acting_user))
    now = now or clock.now()
    station_id = entry.offered_station_id if entry.status == QueueEntry.Status.OFFERED else None
    updated = QueueEntry.objects.filter(pk=entry.pk, status__in=QueueEntry.OPEN_STATUSES).update(
        status=QueueEntry.Status.CANCELLED, closed_at=now
    )
    if not updated:
        raise Refusal("queue_closed", R.QUEUE_CLOSED)
    if station_id is not None:
        station_settle(station=Station(pk=station_id), now=now)


# --------------------------------------------------------- station tokens


@transaction.atomic
def station_token_issue(*, station: Station) -> str:
    """A new token for the station's client, replacing any earlier one.
    Returns the token, which is shown once: only its hash is stored."""
    token = secrets.token_urlsafe(32)
    # A new token also ends a pause: the old one may have been the prober's.
    Station.objects.filter(pk=station.pk).update(
        token_hash=policies.token_digest(token), token_issued_at=clock.now(), paused_until=None
    )
    StationRefusal.objects.filter(station_id=station.pk).delete()
    station.token_hash = policies.token_digest(token)
    station.paused_until = None
    return token


@transaction.atomic
def station_token_revoke(*, station: Station) -> None:
    """The station's client is locked out until a new token is issued."""
    Station.objects.filter(pk=station.pk).update(token_hash="", token_issued_at=None)
    station.token_hash = ""


@transaction.atomic
def station_refusal_record(
    *, station: Station, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """Count a card or guest pass refused at the station's client against
    its budget (settings.STATION_REFUSAL_LIMIT within
    STATION_REFUSAL_WINDOW_MINUTES). Returns when the station's pause ends
    if this refusal used the budget up, else None.

    A pause starts once however many web nodes count at the same moment:
    the conditional UPDATE lets one of them start it, and that one tells
    the administrators (a notice, e-mailed after commit). The rows counted
    go with the pause, so the budget is whole again after it.
    """
    from django.conf import settings
    from django.db.models import Q
    from django.urls import reverse

    from notices.services import notice_send

    now = now or clock.now()
    window = datetime.timedelta(minutes=settings.STATION_REFUSAL_WINDOW_MINUTES)
    StationRefusal.objects.filter(station_id=station.pk, at__lte=now - window).delete()
    StationRefusal.objects.create(station_id=station.pk, at=now)
    count = StationRefusal.objects.filter(station_id=station.pk).count()
    if count < settings.STATION_REFUSAL_LIMIT:
        return None
    until = now + datetime.timedelta(minutes=settings.STATION_PAUSE_MINUTES)
    started = (
        Station.objects.filter(pk=station.pk)
        .filter(Q(paused_until__isnull=True) | Q(paused_until__lte=now))
        .update(paused_until=until)
    )
    StationRefusal.objects.filter(station_id=station.pk).delete()
    if not started:
        return None
    station = Station.objects.select_related("branch").get(pk=station.pk)
    notice_send(
        recipients=policies.station_alert_recipients(),
        subject=R.STATION_PAUSED_SUBJECT.format(
            station=station.label, count=count, minutes=settings.STATION_REFUSAL_WINDOW_MINUTES
        ),
        body=R.STATION_PAUSED_BODY.format(
            station=station.label,
            branch=station.branch.name,
            count=count,
            minutes=settings.STATION_REFUSAL_WINDOW_MINUTES,
            pause=settings.STATION_PAUSE_MINUTES,
        ),
        link=reverse("admin:computers_station_change", args=[station.pk]),
    )
    return until
