"""Reads for the privacy app."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, QuerySet, Value, When

from privacy.decision import Decision, DisclosureRequest, decide
from privacy.models import DisclosureLog, JurisdictionRuleSet
from privacy.vocabulary import Requester

ERR_UNKNOWN_JURISDICTION = "No rule set for jurisdiction {code!r} on {day}; known: {known}."


class UnknownJurisdiction(LookupError):
    pass


def ruleset_in_force(*, jurisdiction_code: str, on: datetime.date) -> JurisdictionRuleSet | None:
    """The version of the jurisdiction's rules in force on the day: the
    latest one effective on or before it, or None if there is none."""
    return (
        JurisdictionRuleSet.objects.filter(
            jurisdiction_code=jurisdiction_code, effective_from__lte=on
        )
        .order_by("-effective_from")
        .first()
    )


def ruleset_jurisdiction_codes() -> list[str]:
    return sorted(set(JurisdictionRuleSet.objects.values_list("jurisdiction_code", flat=True)))


def disclosure_logs_for_patron(*, patron_id: int) -> QuerySet[DisclosureLog]:
    return DisclosureLog.objects.filter(patron_id=patron_id).select_related(
        "staff__staff_profile", "branch"
    )


def ruleset_in_force_or_error(*, jurisdiction_code: str, on: datetime.date) -> JurisdictionRuleSet:
    ruleset = ruleset_in_force(jurisdiction_code=jurisdiction_code, on=on)
    if ruleset is None:
        raise UnknownJurisdiction(
            ERR_UNKNOWN_JURISDICTION.format(
                code=jurisdiction_code,
                day=on.isoformat(),
                known=", ".join(ruleset_jurisdiction_codes()) or "none",
            )
        )
    return ruleset


def decide_for_jurisdiction(
    *,
    jurisdiction_code: str,
    on: datetime.date,
    requester: str,
    record: str,
    proof: str = "none",
    patron_age: int | None = None,
    guardian_sharing: bool = False,
    proxy_authorized: bool = False,
    instrument: str = "none",
) -> Decision:
    """The decision under the jurisdiction's rules in force on the day.

    Raises UnknownJurisdiction, or ValueError for an unknown vocabulary value.
    """
    ruleset = ruleset_in_force_or_error(jurisdiction_code=jurisdiction_code, on=on)
    return decide(
        ruleset.to_rules(),
        DisclosureRequest(
            requester=requester,
            record=record,
            proof=proof,
            patron_age=patron_age,
            guardian_sharing=guardian_sharing,
            proxy_authorized=proxy_authorized,
            instrument=instrument,
        ),
    )


def director_display_name(*, branch: Any) -> str:
    """The name staff give when referring to the Director: a Director at the
    branch if there is one, else any Director, else the title alone."""
    from libraryservice.models import StaffProfile

    profile = (
        StaffProfile.objects.filter(user__groups__name="director", user__is_active=True)
        .annotate(
            here=Case(When(branch=branch, then=Value(0)), default=Value(1)),
        )
        .order_by("here", "display_name")
        .first()
    )
    return profile.display_name if profile is not None else ""


def disclosable_records(*, patron: Any, records: set[str], limit: int = 100) -> dict[str, Any]:
    """The content of each record type that may be told, and only those.

    Record types this installation does not keep map to None.
    """
    from circulation.models import Fee, Hold, Loan

    found: dict[str, Any] = {}
    if "registration" in records:
        found["registration"] = {
            "name": patron.full_name,
            "date_of_birth": patron.date_of_birth,
            "email": patron.email,
            "phone": patron.phone,
            "address": ", ".join(
                p for p in (patron.address_line, patron.city, patron.postal_code) if p
            ),
            "cards": list(patron.cards.order_by("-issued_on")[:5]),
        }
    if "current_loans" in records:
        found["current_loans"] = list(
            Loan.objects.filter(patron=patron, returned_at__isnull=True)
            .select_related("item")
            .order_by("due_at")[:limit]
        )
    if "loan_history" in records:
        found["loan_history"] = (
            list(
                Loan.objects.filter(patron=patron, returned_at__isnull=False)
                .select_related("item")
                .order_by("-returned_at")[:limit]
            )
            if patron.keeps_loan_history
            else None
        )
    if "holds" in records:
        found["holds"] = list(
            Hold.objects.filter(patron=patron, status__in=Hold.OPEN_STATUSES)
            .select_related("item", "pickup_branch")
            .order_by("placed_at")[:limit]
        )
    if "fees" in records:
        found["fees"] = list(
            Fee.objects.filter(patron=patron, status=Fee.Status.OPEN)
            .select_related("loan__item")
            .order_by("created_at")[:limit]
        )
    for other in ("program_attendance", "computer_use", "reference"):
        if other in records:
            found[other] = None
    return found


def loan_history(*, patron: Any, limit: int = 500) -> QuerySet[Any]:
    from circulation.models import Loan

    return (
        Loan.objects.filter(patron=patron, returned_at__isnull=False)
        .select_related("item", "branch")
        .order_by("-returned_at")[:limit]
    )


@dataclass(frozen=True)
class AccessLine:
    when: datetime.datetime
    staff: str
    what: str
    purpose: str


def access_report(*, patron: Any) -> list[AccessLine]:
    """Who accessed the patron's record, and when: logged loan-history
    openings (with their purpose) and disclosure checks, newest first."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    lines: list[AccessLine] = []
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(patron)),
        object_id=patron.pk,
        action=LogEntry.Action.ACCESS,
    ).select_related("actor__staff_profile")
    for entry in entries:
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        lines.append(
            AccessLine(
                when=entry.timestamp,
                staff=_staff_name(entry.actor),
                what="Opened the loan history"
                if data.get("record") == "loan_history"
                else "Opened the record",
                purpose=str(data.get("purpose", "")),
            )
        )
    requester_labels = dict(Requester.choices)
    # Law-enforcement checks stay out: whether the patron learns of a legal
    # request is the Director's decision (a non-disclosure order may forbid it).
    logs = disclosure_logs_for_patron(patron_id=patron.pk).exclude(
        requester=Requester.LAW_ENFORCEMENT
    )
    for log in logs:
        told = sum(1 for d in log.decisions if d.get("outcome") == "allow")
        lines.append(
            AccessLine(
                when=log.created_at,
                staff=_staff_name(log.staff),
                what=f"Disclosure check: {requester_labels.get(log.requester, log.requester)}",
                purpose=f"{told} of {len(log.decisions)} record types could be told",
            )
        )
    lines.sort(key=lambda line: line.when, reverse=True)
    return lines


def _staff_name(user: Any) -> str:
    if user is None:
        return "Former staff member"
    profile = getattr(user, "staff_profile", None)
    return profile.display_name if profile is not None else "Library staff"
