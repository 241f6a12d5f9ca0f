"""Writes of the privacy app: running the disclosure flow (and logging it),
logging a referral to the Director, a minor's choice to share with a
guardian, and logged access to loan history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone

from organisation import clock
from organisation.models import Branch
from organisation.users import StaffUser
from patrons.access import patron_access_log as patron_access_log  # re-exported
from patrons.models import Patron, ProxyAuthorization
from privacy import policies
from privacy.decision import Decision, DisclosureRequest, decide
from privacy.models import DisclosureLog, JurisdictionRuleSet
from privacy.selectors import is_minor, ruleset_in_force_or_error
from privacy.vocabulary import (
    AccessKind,
    Requester,
    record_type_label,
    record_types,
)

NOT_ALLOWED = "You may not run the disclosure check."
NOT_ALLOWED_HISTORY = "You may not open loan history."
NO_HISTORY = "This patron has not asked the library to keep a loan history."
PURPOSE_REQUIRED = "State why you are opening the loan history."
NOT_A_MINOR = "Only a minor's own choice to share with a guardian is recorded here."
LOG_NOT_FOUND = "That disclosure check is not yours to add a referral to."
NOT_ALLOWED_RULES = "Only an administrator may confirm counsel's review of a rule set."

HISTORY_ACCESS = AccessKind.LOAN_HISTORY.value


class PrivacyError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RecordDecision:
    record: str
    record_label: str
    decision: Decision


@dataclass(frozen=True)
class WithheldGroup:
    decision: Decision
    record_labels: list[str]


@dataclass(frozen=True)
class DisclosureResult:
    log: DisclosureLog
    ruleset: JurisdictionRuleSet
    branch: Branch
    patron_age: int | None
    decisions: tuple[RecordDecision, ...]

    @property
    def allowed_records(self) -> set[str]:
        return {d.record for d in self.decisions if d.decision.allowed}

    @property
    def allowed(self) -> list[RecordDecision]:
        return [d for d in self.decisions if d.decision.allowed]

    @property
    def withheld(self) -> list[WithheldGroup]:
        """Record types not told, grouped where one decision covers several,
        so staff read each explanation once."""
        groups: dict[Decision, list[str]] = {}
        for d in self.decisions:
            if not d.decision.allowed:
                groups.setdefault(d.decision, []).append(d.record_label)
        return [WithheldGroup(decision, labels) for decision, labels in groups.items()]


def governing_branch(*, staff_branch: Branch | None, patron: Patron) -> Branch:
    """The rules of the branch where the desk is decide; a staff member with
    no branch falls back to the patron's home branch."""
    return staff_branch if staff_branch is not None else patron.home_branch


@transaction.atomic
def disclosure_run(
    *,
    patron: Patron,
    requester: str,
    proof: str,
    instrument: str = "none",
    acting_user: StaffUser,
    staff_branch: Branch | None,
    now: datetime.datetime | None = None,
) -> DisclosureResult:
    """Decide every record type for the person at the desk and log it.

    Reads the rules in force at the governing branch's jurisdiction today,
    the patron's age on today's date (so parent access ends by itself), the
    patron's own sharing choice and any active proxy authorization. Raises
    PrivacyError for a user who may not run the flow, UnknownJurisdiction
    when the branch's jurisdiction has no rule set.
    """
    if not policies.can_run_disclosure(acting_user):
        raise PrivacyError(NOT_ALLOWED)
    now = now or timezone.now()
    branch = governing_branch(staff_branch=staff_branch, patron=patron)
    # The governing branch's date: a birthday turns over at its midnight.
    today = clock.local_day(branch, now)
    ruleset = ruleset_in_force_or_error(jurisdiction_code=branch.jurisdiction_code, on=today)
    rules = ruleset.to_rules()
    age = patron.age_on(today)
    proxy_active = (
        ProxyAuthorization.objects.filter(
            cardholder=patron, revoked_at__isnull=True, expires_on__gte=today
        )
        .filter(may_borrow=True)
        .exists()
    )
    decisions = tuple(
        RecordDecision(
            record=record,
            record_label=record_type_label(record),
            decision=decide(
                rules,
                DisclosureRequest(
                    requester=requester,
                    record=record,
                    proof=proof,
                    patron_age=age,
                    guardian_sharing=patron.shares_with_guardian,
                    proxy_authorized=proxy_active,
                    instrument=instrument,
                ),
            ),
        )
        for record in record_types()
    )
    log = DisclosureLog.objects.create(
        created_at=now,
        patron=patron,
        staff=acting_user,
        branch=branch,
        jurisdiction_code=branch.jurisdiction_code,
        rule_set=ruleset,
        requester=requester,
        proof=proof,
        instrument=instrument,
        decisions=[
            {
                "record": d.record,
                "outcome": d.decision.outcome,
                "rule": d.decision.rule,
                # Whether a borrowing authorization was on file, so that the
                # access report words a proxy check truthfully.
                **({"proxy_authorized": proxy_active} if requester == Requester.PROXY else {}),
            }
            for d in decisions
        ],
    )
    return DisclosureResult(
        log=log, ruleset=ruleset, branch=branch, patron_age=age, decisions=decisions
    )


@transaction.atomic
def disclosure_log_referral(*, log_id: int, note: str, acting_user: StaffUser) -> DisclosureLog:
    """Record that staff logged the request and referred it to the Director.

    Only the staff member who ran the check may add to it.
    """
    if not policies.can_run_disclosure(acting_user):
        raise PrivacyError(NOT_ALLOWED)
    log = DisclosureLog.objects.select_for_update().filter(pk=log_id, staff=acting_user).first()
    if log is None:
        raise PrivacyError(LOG_NOT_FOUND)
    log.referred_to_director = True
    log.referral_note = note.strip()
    log.save(update_fields=["referred_to_director", "referral_note"])
    return log


@transaction.atomic
def patron_set_guardian_sharing(
    *, patron: Patron, shares: bool, acting_user: StaffUser, staff_branch: Branch | None = None
) -> Patron:
    """Record a minor's own choice to share their records with a guardian.

    The change is audited (django-auditlog entry with the staff member as
    actor). It is honoured only where the jurisdiction's rules allow it,
    and never for an adult: the decision checks both. Who is a minor is
    decided under the rules of the governing branch (the desk's, else the
    patron's home branch), as the disclosure check decides.
    """
    if not policies.can_run_disclosure(acting_user):
        raise PrivacyError(NOT_ALLOWED)
    patron = Patron.objects.select_for_update().select_related("home_branch").get(pk=patron.pk)
    if shares:
        branch = governing_branch(staff_branch=staff_branch, patron=patron)
        if not is_minor(
            patron=patron, jurisdiction_code=branch.jurisdiction_code, on=clock.server_day()
        ):
            raise PrivacyError(NOT_A_MINOR)
    if patron.shares_with_guardian != shares:
        patron.shares_with_guardian = shares
        with set_actor(acting_user):
            patron.save(update_fields=["shares_with_guardian", "updated_at"])
    return patron


@transaction.atomic
def loan_history_access(*, patron: Patron, purpose: str, acting_user: StaffUser) -> LogEntry:
    """Log an access to the patron's loan history with the stated purpose.

    Writes a django-auditlog ACCESS entry on the patron record; the
    cardholder's access report lists these. Raises PrivacyError for a user
    who may not open history (volunteers, administrators), a patron who has
    not opted in, or an empty purpose.
    """
    if not policies.can_view_loan_history(acting_user):
        raise PrivacyError(NOT_ALLOWED_HISTORY)
    if not patron.keeps_loan_history:
        raise PrivacyError(NO_HISTORY)
    purpose = purpose.strip()
    if not purpose:
        raise PrivacyError(PURPOSE_REQUIRED)
    entry = LogEntry.objects.log_create(
        patron,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes="",
        actor=acting_user,
        additional_data={"record": HISTORY_ACCESS, "purpose": purpose},
    )
    assert entry is not None
    return entry


@transaction.atomic
def ruleset_confirm_counsel_review(
    *, ruleset: JurisdictionRuleSet, acting_user: StaffUser
) -> JurisdictionRuleSet:
    """Record that `acting_user` confirmed the library's counsel reviewed
    this rule set: who and when, on the rule set itself and in its audit
    history (django-auditlog, actor = the administrator).

    Choosing a preset that is not fully verified from the statute asks for
    this confirmation. Confirming again keeps the first confirmation.
    Raises PrivacyError for anyone who may not edit rules.
    """
    if not policies.can_edit_rules(acting_user):
        raise PrivacyError(NOT_ALLOWED_RULES)
    ruleset = JurisdictionRuleSet.objects.select_for_update().get(pk=ruleset.pk)
    if ruleset.counsel_confirmed_at is None:
        ruleset.counsel_confirmed_by = acting_user
        ruleset.counsel_confirmed_at = timezone.now()
        with set_actor(acting_user):
            ruleset.save(
                update_fields=["counsel_confirmed_by", "counsel_confirmed_at", "updated_at"]
            )
    return ruleset
