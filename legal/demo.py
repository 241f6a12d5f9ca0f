"""A demo legal request: a subpoena for Pat Rivera's loans, logged at the
Westfield desk, waiting in the Director's queue. Idempotent: found by its
officer's name before it is created."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from legal import services
from legal.models import LegalRequest
from patrons.models import Card
from privacy.services import disclosure_run

OFFICER = "Det. Demo Marsh"
PAT_CARD = "20000000000097"
SCAN = b"%PDF-1.4\n% demo subpoena\n%%EOF\n"


def seed(ctx: Any) -> None:
    if LegalRequest.objects.filter(officer_name=OFFICER).exists():
        return
    card = Card.objects.filter(barcode=PAT_CARD).select_related("patron").first()
    branch = ctx.branches.get("westfield")
    desk = ctx.users.get("desk")
    if card is None or branch is None or desk is None:
        return
    log = disclosure_run(
        patron=card.patron,
        requester="law_enforcement",
        proof="none",
        instrument="subpoena",
        acting_user=desk,
        staff_branch=branch,
    ).log
    upload = ContentFile(SCAN, name="subpoena.pdf")
    request = services.legal_request_open(
        log_id=log.pk,
        acting_user=desk,
        officer_name=OFFICER,
        officer_badge="D-1001",
        agency="Westfield County Sheriff",
        officer_contact="555-0142",
        instrument="subpoena",
        issuing_court="Supreme Court, Westfield County",
        instrument_reference="2026-DEMO-7",
        upload=upload,
        content_type="application/pdf",
    )
    # The Director has seen the notice about it: the demo request waits in
    # the queue, and logging in still lands on the desk.
    from django.urls import reverse
    from django.utils import timezone

    from notices.models import Notice

    Notice.objects.filter(
        link=reverse("legal:detail", args=[request.pk]), read_at__isnull=True
    ).update(read_at=timezone.now())
    ctx.say(f"legal demo: request {request.reference} waits in the Director's queue")
