"""The Director's review clock (cases.clocks): reminded once before it runs
out, marked once when it has, while the request waits in "received"."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import clocks
from legal import policies
from legal.models import LegalEvent, LegalRequest
from legal.services.common import event
from notices.services import notice_send
from organisation.policies import directors

CLOCKS = ("review",)
LEAD = datetime.timedelta(hours=4)


def legal_check_clocks(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Tick every received request's review clock; tell the Director and
    the request's designees. Each request in its own transaction, locked;
    safe to run twice (a clock is reminded and breached once each)."""
    now = now or timezone.now()
    counts = {clocks.REMINDER: 0, clocks.BREACH: 0}
    pending = LegalRequest.objects.filter(
        status=LegalRequest.Status.RECEIVED,
        review_due__isnull=False,
        review_breached_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            request = (
                LegalRequest.objects.select_for_update(of=("self",))
                .select_related("branch")
                .get(pk=pk)
            )
            if request.status != LegalRequest.Status.RECEIVED:
                continue
            ticks, changed = clocks.clocks_tick(
                request, CLOCKS, now=now, lead=LEAD, cal=clocks.calendar(request.branch)
            )
            if not changed:
                continue
            request.save(update_fields=changed)
            for tick in ticks:
                counts[tick.what] += 1
                _tell(request, tick.what, now)
    return counts


def _tell(request: LegalRequest, what: str, now: datetime.datetime) -> None:
    breach = what == clocks.BREACH
    kind = LegalEvent.Kind.BREACH if breach else LegalEvent.Kind.REMINDER
    note = "Review deadline missed" if breach else "Review due within 4 business hours"
    event(request, kind, None, note, now)
    recipients: list[Any] = [*directors(), *policies.designees_of(request)]
    notice_send(
        recipients=recipients,
        subject=f"Legal request {request.reference}: {note.lower()}",
        link=reverse("legal:detail", args=[request.pk]),
    )
