"""Writes for requests for reconsideration of one library item (seed 004).

Decide, appeal and close are the shared case workflow's; eligibility, the
repeat limit, the acknowledgement and the committee are reconsideration's
own. Every write checks a reconsideration policy (`can_*`), not merely
whether the user may see the request.
"""

from __future__ import annotations

import datetime

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from cases import clocks
from cases.workflow import (
    ServiceError,
    case_close,
    case_decide,
    case_lock,
    case_record_appeal,
    case_save,
    local_day,
    require,
)
from circulation.models import Item
from complaints import notifications, policies
from complaints.casetypes import RECON_WRONG_STATE, RECONSIDERATION, settings_for
from complaints.models import CommitteeMember, ComplaintSettings, ReconsiderationRequest
from organisation.models import Branch
from organisation.users import StaffUser
from patrons.models import Patron

RECON_REPEAT = (
    "This item was already the subject of a request on {date}. A new request for the same "
    "item can be made from {until}."
)
RECON_NOT_CARDHOLDER = (
    "Only cardholders may request reconsideration here: look up the requester's card first."
)
RECON_NOT_ELIGIBLE = (
    "Only cardholders or residents of the service area may request reconsideration."
)
RECON_NO_COMMITTEE = "Record at least one committee member before deciding."
RECON_NOT_READ = (
    "Every committee member must have read, viewed or listened to the item in full "
    "before a decision: {names}."
)
RECON_MEMBER_EXISTS = "That committee member is already recorded."


def _lock(request: ReconsiderationRequest) -> ReconsiderationRequest:
    locked: ReconsiderationRequest = case_lock(RECONSIDERATION, request)
    return locked


@transaction.atomic
def reconsideration_request(
    *,
    item: Item,
    branch: Branch,
    logged_by: StaffUser,
    requester_name: str,
    objection: str,
    requester_patron: Patron | None = None,
    is_resident: bool = False,
    requester_email: str = "",
    requester_address: str = "",
    requester_read_in_full: bool = False,
    requested_action: str = "",
    now: datetime.datetime | None = None,
) -> ReconsiderationRequest:
    """Receive a request for reconsideration of one item.

    Checks the requester's eligibility against the system's setting and the
    limit on repeat requests for the same item (the item row is locked so two
    desks cannot both slip under the limit). The item's status is left alone:
    it stays in circulation during the review.
    """
    require(policies.can_log_reconsideration(logged_by))
    now = now or timezone.now()
    cfg = settings_for(branch.system_id)
    has_card = (
        requester_patron is not None and requester_patron.cards.filter(status="active").exists()
    )
    if cfg.reconsideration_eligibility == ComplaintSettings.Eligibility.CARDHOLDER:
        if not has_card:
            raise ServiceError(RECON_NOT_CARDHOLDER)
        basis = ReconsiderationRequest.Basis.CARDHOLDER
    else:
        if not (has_card or is_resident):
            raise ServiceError(RECON_NOT_ELIGIBLE)
        basis = (
            ReconsiderationRequest.Basis.CARDHOLDER
            if has_card
            else ReconsiderationRequest.Basis.RESIDENT
        )
    Item.objects.select_for_update().filter(pk=item.pk).values_list("pk", flat=True).first()
    since = now - datetime.timedelta(days=cfg.reconsideration_repeat_days)
    earlier = (
        ReconsiderationRequest.objects.filter(item=item, received_at__gt=since)
        .order_by("-received_at")
        .first()
    )
    if earlier is not None:
        until = earlier.received_at + datetime.timedelta(days=cfg.reconsideration_repeat_days)
        raise ServiceError(
            RECON_REPEAT.format(
                date=local_day(earlier.received_at, branch),
                until=local_day(until, branch),
            )
        )
    with set_actor(logged_by):
        request = ReconsiderationRequest.objects.create(
            item=item,
            branch=branch,
            requester_name=requester_name.strip(),
            requester_patron=requester_patron,
            requester_email=requester_email.strip(),
            requester_address=requester_address.strip(),
            eligibility_basis=basis,
            identity_confidential=cfg.reconsideration_identity_confidential,
            requester_read_in_full=requester_read_in_full,
            objection=objection.strip(),
            requested_action=requested_action.strip(),
            logged_by=logged_by,
            received_at=now,
            decision_due=clocks.due_after(
                branch, now, business_days=cfg.reconsideration_decision_days
            ),
        )
    return request


@transaction.atomic
def reconsideration_acknowledge(
    *, request: ReconsiderationRequest, acting_user: StaffUser
) -> ReconsiderationRequest:
    """Mark the acknowledgement sent (printed or e-mailed) and start review."""
    request = _lock(request)
    if request.status != ReconsiderationRequest.Status.RECEIVED:
        raise ServiceError(RECON_WRONG_STATE)
    require(policies.can_acknowledge_reconsideration(acting_user, request))
    request.acknowledged_at = timezone.now()
    request.status = ReconsiderationRequest.Status.UNDER_REVIEW
    case_save(request, acting_user, ["acknowledged_at", "status"])
    notifications.queue_reconsideration_letter(request, "acknowledgement")
    return request


@transaction.atomic
def reconsideration_add_member(
    *,
    request: ReconsiderationRequest,
    acting_user: StaffUser,
    name: str,
    role: str = "",
    read_in_full: bool = False,
) -> CommitteeMember:
    """Record a committee member, or update whether they read it in full."""
    request = _lock(request)
    if request.status not in RECONSIDERATION.decidable:
        raise ServiceError(RECON_WRONG_STATE)
    require(policies.can_record_committee_member(acting_user, request))
    with set_actor(acting_user):
        member, created = CommitteeMember.objects.get_or_create(
            request=request,
            name=name.strip(),
            defaults={"role": role.strip(), "read_in_full": read_in_full},
        )
        if not created:
            member.read_in_full = read_in_full
            if role.strip():
                member.role = role.strip()
            member.recorded_at = timezone.now()
            member.save(update_fields=["read_in_full", "role", "recorded_at"])
    return member


def _committee_has_read(request: ReconsiderationRequest, now: datetime.datetime) -> list[str]:
    """Refuse until every recorded committee member has read, viewed or
    listened to the item in full; a decision is also an acknowledgement."""
    members = list(request.committee.all())
    if not members:
        raise ServiceError(RECON_NO_COMMITTEE)
    unread = [m.name for m in members if not m.read_in_full]
    if unread:
        raise ServiceError(RECON_NOT_READ.format(names=", ".join(unread)))
    if request.acknowledged_at is None:
        request.acknowledged_at = now
    return ["acknowledged_at"]


@transaction.atomic
def reconsideration_decide(
    *,
    request: ReconsiderationRequest,
    acting_user: StaffUser,
    decision: str,
    reasons: str,
    now: datetime.datetime | None = None,
) -> ReconsiderationRequest:
    """The committee's written decision; opens the appeal window to the Board
    and e-mails the requester the letter after commit."""
    decided: ReconsiderationRequest = case_decide(
        RECONSIDERATION,
        case=request,
        acting_user=acting_user,
        decision=decision,
        reasons=reasons,
        now=now,
        before=_committee_has_read,
    )
    return decided


@transaction.atomic
def reconsideration_record_appeal(
    *,
    request: ReconsiderationRequest,
    acting_user: StaffUser,
    grounds: str,
    now: datetime.datetime | None = None,
) -> ReconsiderationRequest:
    """An appeal to the Board, within the appeal window."""
    appealed: ReconsiderationRequest = case_record_appeal(
        RECONSIDERATION, case=request, acting_user=acting_user, grounds=grounds, now=now
    )
    return appealed


@transaction.atomic
def reconsideration_close(
    *, request: ReconsiderationRequest, acting_user: StaffUser
) -> ReconsiderationRequest:
    closed: ReconsiderationRequest = case_close(
        RECONSIDERATION, case=request, acting_user=acting_user
    )
    return closed
