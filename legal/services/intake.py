"""Intake at the desk: the law-enforcement answer opens a legal request."""

from __future__ import annotations

import datetime

from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import clocks
from legal import policies
from legal.models import LegalDocument, LegalEvent, LegalRequest, LegalRequestPatron
from legal.services.common import LegalError, document_save, event, holds_place
from notices.services import notice_send
from organisation.policies import directors
from organisation.users import StaffUser
from privacy.models import DisclosureLog
from privacy.services import disclosure_log_referral
from privacy.vocabulary import Instrument, Requester

NOT_ALLOWED = "You may not log a legal request."
NO_SUCH_CHECK = "That law-enforcement check is not yours to log a request from."
VERBAL_REFUSED = (
    "Refused at the desk: no written instrument was shown. Library records "
    "are released only on a valid court order or subpoena presented to the "
    "Library Director."
)
# Business days the Director has to review what the desk received.
REVIEW_DAYS: dict[str, int] = {Instrument.SEARCH_WARRANT: 0, Instrument.EMERGENCY: 0}
DEFAULT_REVIEW_DAYS = 2


@transaction.atomic
def legal_request_open(
    *,
    log_id: int,
    acting_user: StaffUser,
    officer_name: str,
    officer_badge: str,
    agency: str,
    officer_contact: str,
    instrument: str,
    issuing_court: str = "",
    instrument_reference: str = "",
    return_date: datetime.date | None = None,
    upload: File | None = None,
    content_type: str = "",
    now: datetime.datetime | None = None,
) -> LegalRequest:
    """Open a legal request from the desk's law-enforcement check `log_id`
    (run by `acting_user`), for the Director's queue.

    A request with no instrument (verbal) is refused at once and logged. Any
    other places a preservation hold over every record of the patron in
    view, keeps the scan, starts the Director's review clock and tells the
    Director. A second submission from the same check returns the request
    the first one opened.
    """
    if not policies.can_take_intake(acting_user):
        raise LegalError(NOT_ALLOWED)
    log = (
        DisclosureLog.objects.select_for_update(of=("self",))
        .filter(pk=log_id, staff=acting_user, requester=Requester.LAW_ENFORCEMENT)
        .select_related("branch", "patron")
        .first()
    )
    if log is None or log.branch is None:
        raise LegalError(NO_SUCH_CHECK)
    existing = LegalRequest.objects.filter(referral=log).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    verbal = instrument == Instrument.NONE
    request = LegalRequest.objects.create(
        branch=log.branch,
        jurisdiction_code=log.jurisdiction_code,
        referral=log,
        received_by=acting_user,
        received_at=now,
        officer_name=officer_name.strip(),
        officer_badge=officer_badge.strip(),
        agency=agency.strip(),
        officer_contact=officer_contact.strip(),
        instrument=instrument,
        issuing_court=issuing_court.strip(),
        instrument_reference=instrument_reference.strip(),
        return_date=return_date,
        status=LegalRequest.Status.REFUSED if verbal else LegalRequest.Status.RECEIVED,
        refusal_reason=VERBAL_REFUSED if verbal else "",
        closed_at=now if verbal else None,
        review_due=None
        if verbal
        else clocks.due_after(
            log.branch, now, business_days=REVIEW_DAYS.get(instrument, DEFAULT_REVIEW_DAYS)
        ),
    )
    request.referral = disclosure_log_referral(
        log_id=log.pk, note=f"Legal request {request.reference}", acting_user=acting_user
    )
    patron = log.patron
    if patron is not None:
        LegalRequestPatron.objects.create(request=request, patron=patron, added_at=now)
    label = dict(Instrument.choices)[instrument]
    event(request, LegalEvent.Kind.RECEIVED, acting_user, label, now)
    if verbal:
        event(request, LegalEvent.Kind.REFUSED, acting_user, VERBAL_REFUSED, now)
        return request
    if upload is not None:
        document_save(
            request,
            kind=LegalDocument.Kind.INSTRUMENT,
            upload=upload,
            content_type=content_type,
            acting_user=acting_user,
        )
    if patron is not None and patron.deidentified_at is None:
        holds_place(
            request,
            patrons=[patron],
            record_types=None,
            starts_on=None,
            ends_on=None,
            acting_user=acting_user,
        )
    urgent = instrument in (Instrument.SEARCH_WARRANT, Instrument.EMERGENCY)
    notice_send(
        recipients=directors(),
        subject=f"{'URGENT: ' if urgent else ''}Legal request {request.reference}: {label}",
        body="An officer presented a legal request at the desk. Open it from the legal queue.",
        link=reverse("legal:detail", args=[request.pk]),
    )
    return request
