"""The Director's (and designees') steps on a request: designees, counsel,
scope and its holds, documents, the search warrant, the non-disclosure
order, refusal and close. Each locks the request, checks the state and the
policy, and writes one timeline event."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.context import set_actor
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from cases.workflow import case_close, case_save, require, staff_name
from circulation.models import Item
from legal import policies, records
from legal.casetypes import LEGAL_REQUEST, WRONG_STATE
from legal.models import LegalDocument, LegalEvent, LegalRequest, LegalRequestPatron, SeizedItem
from legal.services.common import (
    LegalError,
    document_save,
    event,
    holds_place,
    holds_release,
    lock,
)
from legal.services.notices import legal_notices_release
from notices.services import notice_send
from organisation import clock
from organisation.users import StaffUser
from privacy.selectors import decide_for_jurisdiction
from privacy.vocabulary import EmergencyDisclosure, Instrument, RecordType, Requester

RANGE_BACKWARDS = "The date range ends before it starts: swap the dates."
NO_PATRONS = "Name at least one patron."
NO_RECORD_TYPES = "Choose at least one record type."
DEIDENTIFIED = (
    "Patron #{pk} was de-identified: the library no longer holds records that "
    "identify them, so there is nothing to produce for them."
)
EMPTY_SCOPE = (
    "No records match this scope: check the patrons, the record types and the dates. "
    "Nothing would be produced."
)
IDENTITY_ONLY = (
    "Under {code}'s emergency rule only the patron's identity (registration) may be "
    "released; remove the other record types."
)
NOT_WARRANT = "Only a search warrant is executed at once."
CHECKLIST = "Tick every line of the checklist, and name the staff present, before executing."
NOT_EXECUTED = "Record the warrant's execution (the checklist) first."
NO_SUCH_ITEM = "No item has that barcode."
ITEM_OUT = "That item is on loan: it cannot have been taken from the library."
ITEM_TAKEN = "That item is already recorded as taken under this warrant."
NO_REFERENCE = "Record the warrant's number on the request first."
REASON_REQUIRED = "Say why the request is refused."
NOTE_REQUIRED = "Write the note."
NDO_DATE = "The order's end date is in the past."
COUNSEL_FIRST = (
    "A subpoena waits for counsel: record counsel's review (under Counsel) before "
    "anything is produced."
)

# What the Counsel section tells the Director, per instrument (DESIGN
# section 8): a subpoena waits for counsel, a warrant is executed at once,
# an emergency follows the jurisdiction's rule.
COUNSEL_GUIDANCE: dict[str, str] = {
    Instrument.SUBPOENA: (
        "A subpoena waits for counsel: nothing is produced until counsel's review is "
        "recorded here. Counsel checks that it is valid and what it may reach."
    ),
    Instrument.COURT_ORDER: (
        "A court order is acted on as it reads: ask counsel when its validity or its "
        "reach is in doubt, and record the advice here."
    ),
    Instrument.SEARCH_WARRANT: (
        "A search warrant is executed at once: call counsel, keep staff present and "
        "release only what the warrant lists (record the execution above). Counsel's "
        "advice afterwards goes here."
    ),
    Instrument.EMERGENCY: (
        "An emergency follows this jurisdiction's emergency rule (above), without "
        "waiting for counsel; record counsel's review afterwards here."
    ),
    Instrument.NONE: (
        "No legal instrument was shown: nothing is released. Record counsel's advice "
        "here if the officer returns with one."
    ),
}


@transaction.atomic
def legal_designee_name(*, request: LegalRequest, acting_user: StaffUser, designee: Any) -> Any:
    """Grant `designee` this request (django-guardian), after checking
    they may be named (never a guardian of a patron it names)."""
    request = lock(request)
    require(policies.can_name_designee(acting_user, request))
    refusal = policies.designee_refusal(designee, request)
    if refusal:
        raise LegalError(refusal)
    assign_perm(policies.HANDLE_PERM, designee, request)
    event(request, LegalEvent.Kind.DESIGNEE, acting_user, staff_name(designee))
    notice_send(
        recipients=[designee],
        subject=f"You are named on legal request {request.reference}",
        body="The Director named you to work this request. Keep it confidential.",
        link=reverse("legal:detail", args=[request.pk]),
    )
    return designee


@transaction.atomic
def legal_designee_remove(*, request: LegalRequest, acting_user: StaffUser, designee: Any) -> None:
    request = lock(request)
    require(policies.can_name_designee(acting_user, request))
    remove_perm(policies.HANDLE_PERM, designee, request)
    event(request, LegalEvent.Kind.DESIGNEE_REMOVED, acting_user, staff_name(designee))


@transaction.atomic
def legal_counsel_note(*, request: LegalRequest, acting_user: StaffUser, note: str) -> LegalRequest:
    """Add counsel's advice; a request just received moves to "with counsel"."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    note = note.strip()
    if not note:
        raise LegalError(NOTE_REQUIRED)
    now = timezone.now()
    stamp = f"{clock.server_time(now):%Y-%m-%d %H:%M} {staff_name(acting_user)}"
    request.counsel_notes = f"{request.counsel_notes}\n\n{stamp}: {note}".strip()
    fields = ["counsel_notes"]
    if request.status == LegalRequest.Status.RECEIVED:
        request.status = LegalRequest.Status.WITH_COUNSEL
        fields.append("status")
    case_save(request, acting_user, fields)
    event(request, LegalEvent.Kind.COUNSEL, acting_user, note, now)
    return request


def counsel_guidance(request: LegalRequest) -> str:
    """What the Director does about counsel for this request's instrument."""
    return COUNSEL_GUIDANCE.get(request.instrument, "")


def counsel_reviewed(request: LegalRequest) -> bool:
    """Whether counsel's review of the request is recorded (a counsel
    event on its timeline)."""
    return request.events.filter(kind=LegalEvent.Kind.COUNSEL).exists()


def counsel_problem(request: LegalRequest) -> str | None:
    """Why the request cannot be produced yet for want of counsel (a
    subpoena with no recorded review), or None."""
    if request.instrument == Instrument.SUBPOENA and not counsel_reviewed(request):
        return COUNSEL_FIRST
    return None


def instrument_problem(request: LegalRequest, on: datetime.date) -> str | None:
    """Why the jurisdiction's rules do not let the Director act on this
    instrument, or None when they do (the same decision as the desk's)."""
    decision = decide_for_jurisdiction(
        jurisdiction_code=request.jurisdiction_code,
        on=on,
        requester=Requester.LAW_ENFORCEMENT,
        record=RecordType.REGISTRATION.value,
        instrument=request.instrument,
    )
    return None if decision.outcome == "refer" else decision.explanation


def emergency_mode(request: LegalRequest, on: datetime.date) -> str:
    from privacy.selectors import ruleset_in_force_or_error

    if request.instrument != Instrument.EMERGENCY:
        return ""
    rules = ruleset_in_force_or_error(jurisdiction_code=request.jurisdiction_code, on=on)
    return str(rules.emergency_disclosure)


@transaction.atomic
def legal_scope_set(
    *,
    request: LegalRequest,
    acting_user: StaffUser,
    patrons: list[Any],
    record_types: list[str],
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> dict[str, int | None]:
    """Set the scope (patrons, record types, dates) and narrow the
    preservation holds to it. Refuses an instrument the jurisdiction does
    not accept, a backwards range, a de-identified patron, more than
    identity under an identity-only emergency rule, and a scope that covers
    no record. Returns the counts per record type."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    if request.status == LegalRequest.Status.PRODUCED:
        raise LegalError(WRONG_STATE)
    today = clock.server_day()
    problem = instrument_problem(request, today)
    if problem:
        raise LegalError(problem)
    if ends_on < starts_on:
        raise LegalError(RANGE_BACKWARDS)
    if not patrons:
        raise LegalError(NO_PATRONS)
    if not record_types:
        raise LegalError(NO_RECORD_TYPES)
    for patron in patrons:
        if patron.deidentified_at is not None:
            raise LegalError(DEIDENTIFIED.format(pk=patron.pk))
    if emergency_mode(request, today) == EmergencyDisclosure.IDENTITY_ONLY and set(
        record_types
    ) != {RecordType.REGISTRATION.value}:
        raise LegalError(IDENTITY_ONLY.format(code=request.jurisdiction_code))
    scope = records.Scope(
        patron_ids=tuple(sorted(p.pk for p in patrons)),
        record_types=tuple(rt for rt in records.RECORD_TYPES if rt in record_types),
        starts_on=starts_on,
        ends_on=ends_on,
        tz=request.branch.timezone,
    )
    counts = records.counts(scope)
    if not any(counts.values()):
        raise LegalError(EMPTY_SCOPE)
    request.scope.exclude(patron_id__in=scope.patron_ids).delete()
    have = set(request.scope.values_list("patron_id", flat=True))
    LegalRequestPatron.objects.bulk_create(
        [LegalRequestPatron(request=request, patron=p) for p in patrons if p.pk not in have]
    )
    request.scope_record_types = list(scope.record_types)
    request.scope_starts_on = starts_on
    request.scope_ends_on = ends_on
    request.status = LegalRequest.Status.SCOPE_SET
    case_save(
        request, acting_user, ["scope_record_types", "scope_starts_on", "scope_ends_on", "status"]
    )
    holds_release(request, acting_user=acting_user)
    holds_place(
        request,
        patrons=list(patrons),
        record_types=list(scope.record_types),
        starts_on=starts_on,
        ends_on=ends_on,
        acting_user=acting_user,
    )
    summary = "; ".join(
        f"{records.label(rt)}: {n if n is not None else 'not kept'}" for rt, n in counts.items()
    )
    event(
        request,
        LegalEvent.Kind.SCOPE,
        acting_user,
        f"{len(patrons)} patron(s), {starts_on} to {ends_on}. {summary}",
    )
    return counts


@transaction.atomic
def legal_document_add(
    *,
    request: LegalRequest,
    acting_user: StaffUser,
    kind: str,
    upload: UploadedFile,
    content_type: str,
) -> LegalDocument:
    """Keep a scan with the request (the caller validated type and size)."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    return document_save(
        request, kind=kind, upload=upload, content_type=content_type, acting_user=acting_user
    )


@transaction.atomic
def legal_warrant_execute(
    *,
    request: LegalRequest,
    acting_user: StaffUser,
    counsel_called: bool,
    staff_present: str,
    scope_as_listed: bool,
    reference: str = "",
) -> LegalRequest:
    """Record that a search warrant was executed at once, with its
    checklist: counsel called, staff present, the scope as the warrant lists."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    if request.instrument != Instrument.SEARCH_WARRANT:
        raise LegalError(NOT_WARRANT)
    if not (counsel_called and scope_as_listed and staff_present.strip()):
        raise LegalError(CHECKLIST)
    now = timezone.now()
    request.counsel_called = True
    request.scope_as_listed = True
    request.staff_present = staff_present.strip()
    request.executed_at = now
    fields = ["counsel_called", "scope_as_listed", "staff_present", "executed_at"]
    if reference.strip():
        request.instrument_reference = reference.strip()
        fields.append("instrument_reference")
    case_save(request, acting_user, fields)
    event(request, LegalEvent.Kind.WARRANT, acting_user, f"Staff present: {request.staff_present}")
    return request


@transaction.atomic
def legal_item_seize(*, request: LegalRequest, acting_user: StaffUser, barcode: str) -> SeizedItem:
    """An item taken under the warrant: marked missing, the warrant's
    reference kept with the request."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    if request.executed_at is None:
        raise LegalError(NOT_EXECUTED)
    if not request.instrument_reference:
        raise LegalError(NO_REFERENCE)
    item = Item.objects.select_for_update().filter(barcode=barcode.strip()).first()
    if item is None:
        raise LegalError(NO_SUCH_ITEM)
    if SeizedItem.objects.filter(request=request, item=item).exists():
        raise LegalError(ITEM_TAKEN)
    if item.status == Item.Status.ON_LOAN:
        raise LegalError(ITEM_OUT)
    item.status = Item.Status.MISSING
    with set_actor(acting_user):
        item.save(update_fields=["status"])
    seized = SeizedItem.objects.create(
        request=request, item=item, reference=request.instrument_reference, recorded_by=acting_user
    )
    event(request, LegalEvent.Kind.SEIZED, acting_user, f"Item {item.barcode}: marked missing")
    return seized


@transaction.atomic
def legal_nondisclosure_set(
    *,
    request: LegalRequest,
    acting_user: StaffUser,
    active: bool,
    until: datetime.date | None = None,
) -> LegalRequest:
    """Record a non-disclosure order (optionally with its end date), or
    that it was lifted; lifting releases the patron notices it held back."""
    request = lock(request)
    require(policies.can_set_nondisclosure(acting_user, request))
    if active and until is not None and until < clock.server_day():
        raise LegalError(NDO_DATE)
    now = timezone.now()
    if active:
        request.nondisclosure = True
        request.nondisclosure_until = until
        request.nondisclosure_lifted_at = None
        note = f"In force{f' until {until}' if until else ''}"
    else:
        request.nondisclosure_lifted_at = now
        note = "Lifted"
    case_save(
        request, acting_user, ["nondisclosure", "nondisclosure_until", "nondisclosure_lifted_at"]
    )
    event(request, LegalEvent.Kind.NONDISCLOSURE, acting_user, note, now)
    if not active:
        legal_notices_release(request_id=request.pk)
    return request


@transaction.atomic
def legal_refuse(*, request: LegalRequest, acting_user: StaffUser, reason: str) -> LegalRequest:
    request = lock(request)
    require(policies.can_refuse(acting_user, request))
    if not reason.strip():
        raise LegalError(REASON_REQUIRED)
    request.status = LegalRequest.Status.REFUSED
    request.refusal_reason = reason.strip()
    case_save(request, acting_user, ["status", "refusal_reason"])
    event(request, LegalEvent.Kind.REFUSED, acting_user, request.refusal_reason)
    return request


@transaction.atomic
def legal_close(*, request: LegalRequest, acting_user: StaffUser, note: str = "") -> LegalRequest:
    """Close the request and release its preservation holds; it is kept 7
    years from now (legal.retention)."""
    closed: LegalRequest = case_close(
        LEGAL_REQUEST, case=request, acting_user=acting_user, note=note
    )
    holds_release(closed, acting_user=acting_user)
    return closed


@transaction.atomic
def legal_hold_place_now(*, request: LegalRequest, acting_user: StaffUser) -> int:
    """Place holds again over the request's patrons (its scope when set,
    else every record type): the Director's own preservation step."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    holds_release(request, acting_user=acting_user)
    patrons = [link.patron for link in request.scope.select_related("patron")]
    patrons = [p for p in patrons if p.deidentified_at is None]
    scoped = bool(request.scope_record_types)
    return holds_place(
        request,
        patrons=patrons,
        record_types=list(request.scope_record_types) if scoped else None,
        starts_on=request.scope_starts_on if scoped else None,
        ends_on=request.scope_ends_on if scoped else None,
        acting_user=acting_user,
    )


@transaction.atomic
def legal_hold_release_now(*, request: LegalRequest, acting_user: StaffUser) -> int:
    request = lock(request)
    require(policies.can_work(acting_user, request))
    return holds_release(request, acting_user=acting_user)
