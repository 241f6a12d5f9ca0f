"""The letter telling a patron of a legal request (where the jurisdiction
says so), held back while a non-disclosure order is in force."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import letters, notify
from legal.models import LegalEvent, LegalRequest, PatronNotice
from legal.services.common import event
from organisation.users import StaffUser

SEND_TASK = "legal.tasks.send_patron_notice"


def notices_queue(request: LegalRequest, *, acting_user: StaffUser) -> int:
    """A notice per patron the request names, queued now or deferred by a
    non-disclosure order (inside the caller's transaction)."""
    deferred = request.nondisclosure_active()
    state = PatronNotice.State.DEFERRED if deferred else PatronNotice.State.QUEUED
    made = 0
    for link in request.scope.select_related("patron"):
        notice, created = PatronNotice.objects.get_or_create(
            request=request, patron=link.patron, defaults={"state": state}
        )
        if created:
            made += 1
            if not deferred:
                notify.enqueue(SEND_TASK, notice.pk)
    if made:
        what = "deferred by the non-disclosure order" if deferred else "queued"
        event(request, LegalEvent.Kind.NOTICE, acting_user, f"{made} patron notice(s) {what}")
    return made


@transaction.atomic
def legal_notices_release(*, request_id: int | None = None) -> int:
    """Queue the deferred notices of requests whose non-disclosure order is
    no longer in force (one request, or all: the daily job)."""
    notices = PatronNotice.objects.select_for_update().filter(state=PatronNotice.State.DEFERRED)
    if request_id is not None:
        notices = notices.filter(request_id=request_id)
    released = 0
    for notice in notices.select_related("request"):
        if notice.request.nondisclosure_active():
            continue
        notice.state = PatronNotice.State.QUEUED
        notice.save(update_fields=["state"])
        notify.enqueue(SEND_TASK, notice.pk)
        released += 1
    return released


@transaction.atomic
def legal_notice_send(*, notice_id: int) -> bool:
    """E-mail one queued notice, once; safe to run twice. A patron without
    an e-mail address is marked for a printed letter. Never sends while a
    non-disclosure order is in force."""
    notice = (
        PatronNotice.objects.select_for_update()
        .select_related("request__branch", "patron")
        .filter(pk=notice_id)
        .first()
    )
    if notice is None or notice.state != PatronNotice.State.QUEUED:
        return False
    request = notice.request
    if request.nondisclosure_active():
        notice.state = PatronNotice.State.DEFERRED
        notice.save(update_fields=["state"])
        return False
    patron = notice.patron
    if not patron.email:
        notice.state = PatronNotice.State.TO_PRINT
        notice.save(update_fields=["state"])
        return False
    text, html = letters.render("legal/letters/patron_notice", notice_context(notice))
    letters.letter_send(
        to=patron.email, subject="A request for your library records", text=text, html=html
    )
    notice.state = PatronNotice.State.SENT
    notice.sent_at = timezone.now()
    notice.save(update_fields=["state", "sent_at"])
    event(request, LegalEvent.Kind.NOTICE, None, f"Notice e-mailed to patron #{patron.pk}")
    return True


def notice_context(notice: PatronNotice) -> dict[str, Any]:
    request = notice.request
    return {
        "notice": notice,
        "request": request,
        "patron": notice.patron,
        "branch": request.branch,
        "date": letters.day(notice.created_at, request.branch.timezone),
        "signatory": letters.signatory(None),
        "reference": request.reference,
        "back_url": reverse("legal:detail", args=[request.pk]),
        "record_types": [
            label for value, label in _record_labels() if value in request.scope_record_types
        ],
    }


def _record_labels() -> list[tuple[str, str]]:
    from privacy.vocabulary import record_type_choices

    return record_type_choices()
