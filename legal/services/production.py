"""Production: exactly the scoped records as a file set (one CSV per record
type, the same rows as a workbook, a cover letter, a manifest of row counts
and SHA-256 digests), built by a Celery task and published atomically, then
handed over and recorded.

The files name nothing that changes between two builds of the same scope
(no time of production, rows in a fixed order), so the same scope gives the
same bytes.

No cell of them runs as a formula when the agency opens it in a spreadsheet
(`kernel.tabular`): in the CSV files a text a spreadsheet would
evaluate carries one added apostrophe, which the cover letter explains; in
the workbook every cell is text holding the record's exact text.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cases import letters, notify
from cases.workflow import case_save, require, staff_name
from kernel import tabular
from legal import policies, records
from legal.models import (
    LegalDocument,
    LegalEvent,
    LegalRequest,
    Production,
    ProductionFile,
)
from legal.services.common import LegalError, event, lock
from legal.services.notices import notices_queue
from legal.services.review import counsel_problem, emergency_mode, instrument_problem
from organisation import clock
from organisation.users import StaffUser
from privacy.selectors import decide_for_jurisdiction, ruleset_in_force_or_error
from privacy.vocabulary import EmergencyDisclosure, Instrument, RecordType, Requester

BUILD_TASK = "legal.tasks.build_production"
NO_SCOPE = "Set the scope before producing anything."
NO_ACKNOWLEDGEMENT = (
    "Attach the scan of the signed emergency acknowledgement before anything is released."
)
WARRANT_NOT_EXECUTED = "Record the warrant's execution (the checklist) before producing."
HANDED_TO_REQUIRED = "Say to whom the file set was handed (name and agency)."
ALREADY_HANDED = "This file set was already handed over."
NOT_READY = "This file set is not complete yet: nothing of it can be handed over."
WORKBOOK = "records.xlsx"


@dataclass(frozen=True)
class Standing:
    """How the instrument stands under the branch's jurisdiction."""

    state: str  # accepted, not_accepted, emergency, none
    label: str
    rule: str
    explanation: str
    citation: str


def instrument_standing(request: LegalRequest) -> Standing:
    decision = decide_for_jurisdiction(
        jurisdiction_code=request.jurisdiction_code,
        on=clock.server_day(),
        requester=Requester.LAW_ENFORCEMENT,
        record=RecordType.REGISTRATION.value,
        instrument=request.instrument,
    )
    if request.instrument == Instrument.NONE:
        state, label = "none", "No instrument: refused"
    elif request.instrument == Instrument.EMERGENCY:
        if decision.outcome == "refer":
            state, label = "emergency", "Emergency rule applies"
        else:
            state, label = "not_accepted", "No emergency exception here"
    elif decision.outcome == "refer":
        state, label = "accepted", "Accepted here"
    else:
        state, label = "not_accepted", "Not accepted here"
    return Standing(state, label, decision.rule, decision.explanation, decision.citation)


def _scope_of(request: LegalRequest) -> records.Scope:
    return records.Scope(
        patron_ids=tuple(sorted(request.scope.values_list("patron_id", flat=True))),
        record_types=tuple(rt for rt in records.RECORD_TYPES if rt in request.scope_record_types),
        starts_on=request.scope_starts_on,  # type: ignore[arg-type]
        ends_on=request.scope_ends_on,  # type: ignore[arg-type]
        tz=request.branch.timezone,
    )


@transaction.atomic
def production_request(*, request: LegalRequest, acting_user: StaffUser) -> Production:
    """Queue a build of the request's scope. Refused without a scope, for an
    instrument not accepted, for a subpoena without counsel's recorded
    review, for a warrant not yet executed, and under an identity-only
    emergency rule without the signed acknowledgement."""
    request = lock(request)
    require(policies.can_work(acting_user, request))
    if not request.scope_record_types or request.scope_starts_on is None:
        raise LegalError(NO_SCOPE)
    today = clock.server_day()
    problem = instrument_problem(request, today)
    if problem:
        raise LegalError(problem)
    counsel = counsel_problem(request)
    if counsel:
        raise LegalError(counsel)
    if request.instrument == Instrument.SEARCH_WARRANT and request.executed_at is None:
        raise LegalError(WARRANT_NOT_EXECUTED)
    if (
        emergency_mode(request, today) == EmergencyDisclosure.IDENTITY_ONLY
        and not request.documents.filter(kind=LegalDocument.Kind.ACKNOWLEDGEMENT).exists()
    ):
        raise LegalError(NO_ACKNOWLEDGEMENT)
    scope = _scope_of(request).as_json()
    canonical = json.dumps(scope, sort_keys=True, separators=(",", ":"))
    production = Production.objects.create(
        request=request,
        scope=scope,
        scope_digest=hashlib.sha256(canonical.encode()).hexdigest(),
        requested_by=acting_user,
    )
    event(request, LegalEvent.Kind.PRODUCTION, acting_user, f"Production #{production.pk} queued")
    notify.enqueue(BUILD_TASK, production.pk)
    return production


def _marked(rows: list[tuple[str, ...]]) -> int:
    """How many cells of `rows` the CSV writes with the added apostrophe."""
    return sum(tabular.needs_marker(value) for row in rows for value in row)


def file_set(production: Production) -> list[tuple[str, bytes, int | None]]:
    """(name, bytes, rows) of every file of the production, in order: the
    CSVs, the workbook of the same rows, the cover letter, the manifest
    (which lists the others)."""
    request = production.request
    scope = records.Scope.from_json(production.scope)
    files: list[tuple[str, bytes, int | None]] = []
    sheets = []
    listed = []
    for n, record_type in enumerate(scope.record_types, start=1):
        if not records.kept_here(record_type):
            continue
        name = f"{n:02d}-{record_type}.csv"
        header = records.columns(record_type)
        rows = records.rows(scope, record_type)
        files.append((name, tabular.csv_bytes(header, rows), len(rows)))
        sheets.append((name.removesuffix(".csv"), header, rows))
        listed.append((name, len(rows), _marked(rows)))
    if sheets:
        files.append((WORKBOOK, tabular.xlsx_bytes(sheets), None))
    rules = ruleset_in_force_or_error(jurisdiction_code=request.jurisdiction_code, on=scope.ends_on)
    letter = render_to_string(
        "legal/letters/cover_letter.txt",
        {
            "request": request,
            "scope": scope,
            "labels": [records.label(rt) for rt in scope.record_types],
            "files": listed,
            "workbook": WORKBOOK if sheets else None,
            "marker": tabular.MARKER,
            "signatory": letters.signatory(None),
            "citation": rules.citation,
        },
    ).encode("utf-8")
    files.append(("cover-letter.txt", letter, None))
    manifest = tabular.csv_bytes(
        ("file", "rows", "bytes", "sha256"),
        [
            (
                name,
                "" if rows is None else str(rows),
                str(len(data)),
                hashlib.sha256(data).hexdigest(),
            )
            for name, data, rows in files
        ],
    )
    files.append(("manifest.csv", manifest, None))
    return files


def production_build(*, production_id: int) -> Production:
    """Build and publish the file set; safe to run twice and after a crash.

    The files go under a fresh prefix while the row says BUILDING; the
    files' rows, the manifest and READY are then written in one
    transaction. A build that dies before that leaves nothing that any view
    serves (files of a BUILDING production are never listed), and the next
    run writes a complete set under a new prefix.
    """
    production = Production.objects.select_related("request__branch").get(pk=production_id)
    if production.status == Production.Status.READY:
        return production
    Production.objects.filter(pk=production.pk).update(attempts=production.attempts + 1)
    prefix = f"legal/productions/{production.pk}/{secrets.token_hex(8)}"
    written = []
    for name, data, rows in file_set(production):
        stored = default_storage.save(f"{prefix}/{name}", ContentFile(data))
        written.append((name, stored, data, rows))
    with transaction.atomic():
        locked = Production.objects.select_for_update().get(pk=production.pk)
        if locked.status == Production.Status.READY:
            # Another run published first: this run's files are surplus.
            for _name, stored, _data, _rows in written:
                default_storage.delete(stored)
            return locked
        ProductionFile.objects.bulk_create(
            [
                ProductionFile(
                    production=locked,
                    name=name,
                    file=stored,
                    rows=rows,
                    sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data),
                )
                for name, stored, data, rows in written
            ]
        )
        locked.status = Production.Status.READY
        locked.built_at = timezone.now()
        locked.save(update_fields=["status", "built_at"])
        total = sum(rows or 0 for _n, _s, _d, rows in written)
        event(
            locked.request,
            LegalEvent.Kind.PRODUCTION,
            None,
            f"Production #{locked.pk} ready: {len(written)} files, {total} records",
        )
    return locked


@transaction.atomic
def production_hand_over(
    *, production: Production, acting_user: StaffUser, handed_to: str
) -> Production:
    """Record who handed the file set to whom and when; the request is
    produced. Patron notices follow where the jurisdiction says so (an
    Ontario emergency always), deferred while a non-disclosure order is in
    force."""
    request = lock(production.request)
    production = Production.objects.select_for_update().get(pk=production.pk)
    production.request = request
    require(policies.can_work(acting_user, request))
    if production.handed_at is not None:
        raise LegalError(ALREADY_HANDED)
    if production.status != Production.Status.READY:
        raise LegalError(NOT_READY)
    require(policies.can_hand_over(acting_user, production))
    if not handed_to.strip():
        raise LegalError(HANDED_TO_REQUIRED)
    now = timezone.now()
    production.handed_by = acting_user
    production.handed_to = handed_to.strip()
    production.handed_at = now
    production.save(update_fields=["handed_by", "handed_to", "handed_at"])
    request.status = LegalRequest.Status.PRODUCED
    case_save(request, acting_user, ["status"])
    event(
        request,
        LegalEvent.Kind.HANDED_OVER,
        acting_user,
        f"Production #{production.pk} handed by {staff_name(acting_user)} "
        f"to {production.handed_to}",
        now,
    )
    rules = ruleset_in_force_or_error(
        jurisdiction_code=request.jurisdiction_code, on=clock.server_day(now)
    )
    notify_patron = rules.notify_patron_of_legal_request or (
        request.instrument == Instrument.EMERGENCY
        and rules.emergency_disclosure == EmergencyDisclosure.WITH_NOTICE
    )
    if notify_patron:
        notices_queue(request, acting_user=acting_user)
    return production
