"""What every legal service shares: the refusal type, the lock, holds."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import File

import recordtypes
from cases.files import stored_file_save
from cases.workflow import ServiceError, case_lock
from legal.casetypes import LEGAL_REQUEST, legal_event
from legal.models import LegalDocument, LegalEvent, LegalRequest, LegalRequestHold
from organisation.users import StaffUser
from retention.registry import held_with_every_scope, record_type_label
from retention.registry import record_types as retention_record_types
from retention.services import legal_hold_place, legal_hold_release


class LegalError(ServiceError):
    """A refusal with a message staff can read (a 4xx on screen)."""


def lock(request: LegalRequest) -> LegalRequest:
    locked: LegalRequest = case_lock(LEGAL_REQUEST, request)
    return locked


def event(
    request: LegalRequest, kind: str, actor: StaffUser | None = None, note: str = "", at: Any = None
) -> LegalEvent:
    return legal_event(request, kind, actor, note, at)


def hold_types(scope_types: list[str]) -> list[str]:
    """The retention record types a hold narrowed to `scope_types` keeps:
    each type's reach, as its owning app declares it (recordtypes), and
    the logs of who looked at the patron's records."""
    known = set(retention_record_types())
    reach = {
        rt
        for t in scope_types
        if (declared := recordtypes.get(t)) is not None
        for rt in declared.reach
    }
    return sorted((reach | set(held_with_every_scope())) & known)


def holds_place(
    request: LegalRequest,
    *,
    patrons: list[Any],
    record_types: list[str] | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    acting_user: StaffUser,
) -> int:
    """A preservation hold per patron (every record type when
    `record_types` is None); returns how many were placed."""
    types = [] if record_types is None else hold_types(record_types)
    for patron in patrons:
        hold = legal_hold_place(
            patron=patron,
            reason=f"Legal request {request.reference}",
            record_types=types,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=acting_user,
        )
        LegalRequestHold.objects.create(request=request, hold=hold)
    if patrons:
        what = (
            "every record type"
            if record_types is None
            else ", ".join(record_type_label(rt) for rt in types)
        )
        event(
            request, LegalEvent.Kind.HOLD_PLACED, acting_user, f"{len(patrons)} patron(s): {what}"
        )
    return len(patrons)


def holds_release(request: LegalRequest, *, acting_user: StaffUser) -> int:
    released = 0
    for link in request.holds.select_related("hold").filter(hold__released_at__isnull=True):
        legal_hold_release(hold=link.hold, released_by=acting_user)
        released += 1
    if released:
        event(request, LegalEvent.Kind.HOLD_RELEASED, acting_user, f"{released} hold(s)")
    return released


def document_save(
    request: LegalRequest,
    *,
    kind: str,
    upload: File,
    content_type: str,
    acting_user: StaffUser,
) -> LegalDocument:
    """Keep a scan with the request. Callers lock the request (or the check
    it comes from) and check their policy first."""
    document = stored_file_save(
        LegalDocument(request=request, kind=kind),
        upload=upload,
        content_type=content_type,
        acting_user=acting_user,
    )
    event(request, LegalEvent.Kind.DOCUMENT, acting_user, document.get_kind_display())
    return document
