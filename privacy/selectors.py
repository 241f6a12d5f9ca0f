"""Reads for the privacy app."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from privacy.decision import Decision, DisclosureRequest, decide
from privacy.models import DisclosureLog, JurisdictionRuleSet

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
