"""Reads of the legal app."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from legal import policies, records
from legal.models import LegalRequest, Production
from organisation import clock
from organisation.inputs import opaque_id
from organisation.users import StaffUser
from patrons.barcodes import parse_card_barcode
from patrons.models import Card, Patron


def queue_for(*, user: StaffUser, state: str = "open") -> QuerySet[LegalRequest]:
    """The requests `user` may see, oldest deadline first for open ones."""
    qs = policies.legal_requests_visible_to(user).select_related("branch")
    if state == "open":
        return qs.filter(status__in=LegalRequest.OPEN_STATUSES).order_by("review_due", "pk")
    return qs.order_by("-received_at", "-pk")


def patrons_named(*, request: LegalRequest) -> list[Patron]:
    return [link.patron for link in request.scope.select_related("patron").order_by("patron_id")]


def patrons_from_keys(keys: list[str]) -> tuple[list[Patron], list[str]]:
    """Patrons by card barcode or patron number; and the keys that match none."""
    found: dict[int, Patron] = {}
    missing = []
    for key in keys:
        barcode = parse_card_barcode(key)
        card = (
            Card.objects.filter(barcode=barcode).select_related("patron").first()
            if barcode is not None
            else None
        )
        patron = card.patron if card is not None else None
        patron_id = opaque_id(key)
        if patron is None and patron_id is not None:
            patron = Patron.objects.filter(pk=patron_id).first()
        if patron is None:
            missing.append(key)
        else:
            found[patron.pk] = patron
    return list(found.values()), missing


def scope_counts(*, request: LegalRequest) -> dict[str, int | None]:
    if not request.scope_record_types or request.scope_starts_on is None:
        return {}
    scope = records.Scope(
        patron_ids=tuple(sorted(request.scope.values_list("patron_id", flat=True))),
        record_types=tuple(rt for rt in records.RECORD_TYPES if rt in request.scope_record_types),
        starts_on=request.scope_starts_on,
        ends_on=request.scope_ends_on or request.scope_starts_on,
        tz=request.branch.timezone,
    )
    return records.counts(scope)


def productions_of(*, request: LegalRequest) -> QuerySet[Production]:
    return request.productions.prefetch_related("files").select_related(
        "handed_by__staff_profile", "requested_by__staff_profile"
    )


@dataclass(frozen=True)
class ProducedLine:
    when: datetime.datetime
    staff: str
    what: str
    purpose: str


def productions_for_access_report(*, patron: Patron) -> list[ProducedLine]:
    """Productions handed over that named the patron, for the patron's
    access report; none while the request's non-disclosure order is in
    force."""
    today = clock.server_day()
    found = []
    handed = (
        Production.objects.filter(handed_at__isnull=False, request__scope__patron_id=patron.pk)
        .select_related("request", "handed_by__staff_profile")
        .order_by("-handed_at")
    )
    for production in handed:
        request = production.request
        if request.nondisclosure_active(today):
            continue
        profile = getattr(production.handed_by, "staff_profile", None)
        types = ", ".join(records.label(rt) for rt in production.scope.get("record_types", []))
        found.append(
            ProducedLine(
                when=production.handed_at,  # type: ignore[arg-type]
                staff=profile.display_name if profile is not None else "Library staff",
                what=f"Records released under a {request.get_instrument_display().lower()}",
                purpose=f"Legal request {request.reference} ({request.agency}): {types}",
            )
        )
    return found


def business_days_until(*, request: LegalRequest, day: datetime.date | None) -> int | None:
    """Open days of the branch from tomorrow up to `day` (a subpoena's
    return date), on its business calendar; None without a date, negative
    once it has passed."""
    if day is None:
        return None
    from cases import clocks

    cal = clocks.calendar(request.branch)
    today = clock.server_day()
    if day < today:
        return -(today - day).days
    count = 0
    current = today
    while current < day:
        current += datetime.timedelta(days=1)
        if cal.is_open_day(current):
            count += 1
    return count


def production_zip(*, production: Production) -> bytes:
    """The whole file set as one ZIP, the same bytes every time: fixed
    order, fixed timestamps, no comment."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for f in production.files.order_by("name"):
            info = zipfile.ZipInfo(
                f"{production.request.reference}/{f.name}", (1980, 1, 1, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with f.file.open("rb") as stored:
                archive.writestr(info, stored.read())
    return out.getvalue()
