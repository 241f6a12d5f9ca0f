"""Reads of patron notices."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum

from patronnotices.models import DeliveryCount, PatronNotice, PrintBatch

SENT = (PatronNotice.Status.SENT, PatronNotice.Status.PRINTED)


def notices_sent_to(*, patron_id: int) -> QuerySet[PatronNotice]:
    """The notices that went to the patron (sent or printed), newest first:
    kind, channel and when only."""
    return (
        PatronNotice.objects.filter(patron_id=patron_id, status__in=SENT)
        .only("kind", "channel", "sent_at", "status")
        .order_by("-sent_at", "-pk")
    )


def print_batch_notices(*, batch: PrintBatch) -> QuerySet[PatronNotice]:
    return PatronNotice.objects.filter(print_batch=batch).order_by("outcome", "pk")


def delivery_totals(*, since: Any) -> dict[str, int]:
    """Counts of the days since `since`: sent, retried, failed, withheld."""
    totals = DeliveryCount.objects.filter(day__gte=since).aggregate(
        sent=Sum("sent"), retried=Sum("retried"), failed=Sum("failed"), withheld=Sum("withheld")
    )
    return {k: v or 0 for k, v in totals.items()}
