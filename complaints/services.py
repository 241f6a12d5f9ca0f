"""Writes for complaints, reconsideration requests, comment cards and incidents.

Every service is keyword-only, runs in one transaction, locks the row it
changes, checks the state first (so a retried task or a double-submitted
form does no harm), re-checks the policy, writes a timeline event and queues
its e-mails with transaction.on_commit. Errors carry the message constants
below; views show them as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from circulation.models import Item
from complaints import policies
from complaints.models import (
    Channel,
    CommentCard,
    CommitteeMember,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintSettings,
    Incident,
    ReconsiderationRequest,
)
from libraryservice.calendar import (
    BusinessCalendar,
    add_business_days,
    add_business_time,
    business_time_between,
    calendar_for_branch,
)
from libraryservice.models import Branch, LibrarySystem
from patrons.models import Patron

NOT_ALLOWED = "You may not do that with this record."
WRONG_STATE = "This complaint is no longer at a stage where that can be done."
ASSIGNEE_NOT_ELIGIBLE = (
    "That person cannot be assigned: choose the Director, a supervisor or desk staff "
    "who is not named in the complaint."
)
ALREADY_ASSIGNED = "The complaint is already assigned to that person."
APPEAL_WINDOW_CLOSED = "The appeal window closed on {date}; the appeal cannot be recorded."
NOT_WAITING = "The complaint is not waiting on the patron."
ALREADY_WAITING = "The complaint is already waiting on the patron."
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
RECON_WRONG_STATE = "This request is no longer at a stage where that can be done."
RECON_NO_COMMITTEE = "Record at least one committee member before deciding."
RECON_NOT_READ = (
    "Every committee member must have read, viewed or listened to the item in full "
    "before a decision: {names}."
)
RECON_MEMBER_EXISTS = "That committee member is already recorded."
ANONYMOUS_WITH_NAME = "An anonymous comment card cannot carry a name or contact."
INCIDENT_CLOSED = "This incident is already closed."


class ServiceError(Exception):
    """A refusal with a message staff can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ------------------------------------------------------------------ helpers


def settings_for(system: LibrarySystem | int) -> ComplaintSettings:
    system_id = system if isinstance(system, int) else system.pk
    found, _ = ComplaintSettings.objects.get_or_create(system_id=system_id)
    return found


def _calendar(branch: Branch) -> BusinessCalendar:
    return calendar_for_branch(branch)


def _event(
    complaint: Complaint, kind: str, actor: Any = None, note: str = "", at: Any = None
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, actor=actor, note=note, at=at or timezone.now()
    )


def _lock(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("branch").get(pk=complaint.pk)


def _require(allowed: bool, message: str = NOT_ALLOWED) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _local_day(moment: datetime.datetime, branch: Branch) -> str:
    return f"{timezone.localtime(moment, ZoneInfo(branch.timezone)):%B %-d, %Y}"


def _enqueue(task: Any, *args: Any) -> None:
    transaction.on_commit(lambda: task.delay(*args))


# --------------------------------------------------------------- complaints


@transaction.atomic
def complaint_log(
    *,
    branch: Branch,
    logged_by: Any,
    category: str,
    description: str,
    channel: str = Channel.IN_PERSON,
    patron: Patron | None = None,
    patron_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    staff_involved: Iterable[Any] = (),
) -> Complaint:
    """Log a concern at the desk (any desk role)."""
    _require(policies.can_log_complaint(logged_by))
    with set_actor(logged_by):
        complaint = Complaint.objects.create(
            branch=branch,
            channel=channel,
            category=category,
            description=description.strip(),
            patron=patron,
            patron_name=patron_name.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
            logged_by=logged_by,
        )
        staff = list(staff_involved)
        if staff:
            complaint.staff_involved.set(staff)
    _event(complaint, ComplaintEvent.Kind.LOGGED, logged_by)
    return complaint


@transaction.atomic
def complaint_resolve_informally(
    *, complaint: Complaint, acting_user: Any, explanation: str, alternative: str = ""
) -> Complaint:
    """Record what was explained and the alternative offered, and close it."""
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.OPEN:
        raise ServiceError(WRONG_STATE)
    _require(policies.can_resolve_informally(acting_user, complaint))
    now = timezone.now()
    complaint.informal_explanation = explanation.strip()
    complaint.alternative_offered = alternative.strip()
    complaint.resolved_by = acting_user
    complaint.status = Complaint.Status.CLOSED
    complaint.closed_at = now
    with set_actor(acting_user):
        complaint.save(
            update_fields=[
                "informal_explanation",
                "alternative_offered",
                "resolved_by",
                "status",
                "closed_at",
            ]
        )
    _event(complaint, ComplaintEvent.Kind.RESOLVED, acting_user, explanation, now)
    return complaint


@transaction.atomic
def complaint_escalate(
    *,
    complaint: Complaint,
    acting_user: Any,
    assignee: Any,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """Assign the complaint to the Director or a designee.

    The first escalation starts formal review and its clocks; a later one
    re-assigns without touching them (escalation is not a priority bump).
    The new assignee gets a per-object grant, the previous one loses theirs,
    the assignee is e-mailed once the transaction commits, and auditlog
    records the change of assignee.
    """
    from complaints import tasks

    complaint = _lock(complaint)
    _require(policies.can_escalate(acting_user, complaint))
    if not policies.can_be_assigned(assignee, complaint):
        raise ServiceError(ASSIGNEE_NOT_ELIGIBLE)
    if complaint.assignee_id == assignee.pk:
        raise ServiceError(ALREADY_ASSIGNED)
    now = now or timezone.now()
    previous = complaint.assignee
    fields = ["assignee"]
    complaint.assignee = assignee
    first = complaint.status == Complaint.Status.OPEN
    if first:
        cfg = settings_for(complaint.branch.system_id)
        cal = _calendar(complaint.branch)
        complaint.status = Complaint.Status.ESCALATED
        complaint.escalated_at = now
        complaint.first_response_due = add_business_days(cal, now, cfg.first_response_days)
        complaint.resolution_due = add_business_days(cal, now, cfg.resolution_days)
        fields += ["status", "escalated_at", "first_response_due", "resolution_due"]
    with set_actor(acting_user):
        complaint.save(update_fields=fields)
    if previous is not None:
        remove_perm(policies.HANDLE_PERM, previous, complaint)
    assign_perm(policies.HANDLE_PERM, assignee, complaint)
    kind = ComplaintEvent.Kind.ESCALATED if first else ComplaintEvent.Kind.REASSIGNED
    profile = getattr(assignee, "staff_profile", None)
    name = profile.display_name if profile is not None else assignee.get_username()
    _event(complaint, kind, acting_user, f"Assigned to {name}. {note}".strip(), now)
    _enqueue(tasks.notify_assignee, complaint.pk, assignee.pk)
    return complaint


@transaction.atomic
def complaint_record_update(
    *,
    complaint: Complaint,
    acting_user: Any,
    note: str,
    now: datetime.datetime | None = None,
) -> Complaint:
    """A response or update given to the patron: meets the first-response
    clock the first time, and restarts the next-update clock every time."""
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.ESCALATED:
        raise ServiceError(WRONG_STATE)
    _require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    cfg = settings_for(complaint.branch.system_id)
    cal = _calendar(complaint.branch)
    fields = ["next_update_due", "next_update_reminded_at", "next_update_breached_at"]
    if complaint.first_response_at is None:
        complaint.first_response_at = now
        fields.append("first_response_at")
    complaint.next_update_due = add_business_days(cal, now, cfg.update_days)
    complaint.next_update_reminded_at = None
    complaint.next_update_breached_at = None
    with set_actor(acting_user):
        complaint.save(update_fields=fields)
    _event(complaint, ComplaintEvent.Kind.UPDATE, acting_user, note, now)
    return complaint


@transaction.atomic
def complaint_pause(
    *,
    complaint: Complaint,
    acting_user: Any,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """Waiting on the patron: every clock stops."""
    complaint = _lock(complaint)
    if complaint.status == Complaint.Status.WAITING:
        raise ServiceError(ALREADY_WAITING)
    if complaint.status != Complaint.Status.ESCALATED:
        raise ServiceError(WRONG_STATE)
    _require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    complaint.status = Complaint.Status.WAITING
    complaint.paused_at = now
    with set_actor(acting_user):
        complaint.save(update_fields=["status", "paused_at"])
    _event(complaint, ComplaintEvent.Kind.PAUSED, acting_user, note, now)
    return complaint


@transaction.atomic
def complaint_resume(
    *,
    complaint: Complaint,
    acting_user: Any,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """The patron answered: clocks run again, each deadline pushed back by
    the business time spent waiting."""
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.WAITING or complaint.paused_at is None:
        raise ServiceError(NOT_WAITING)
    _require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    cal = _calendar(complaint.branch)
    paused = business_time_between(cal, complaint.paused_at, now)
    for name in ("first_response_due", "next_update_due", "resolution_due"):
        due = getattr(complaint, name)
        if due is not None and not (name == "first_response_due" and complaint.first_response_at):
            setattr(complaint, name, add_business_time(cal, due, paused))
    complaint.paused_total += paused
    complaint.paused_at = None
    complaint.status = Complaint.Status.ESCALATED
    with set_actor(acting_user):
        complaint.save(
            update_fields=[
                "first_response_due",
                "next_update_due",
                "resolution_due",
                "paused_total",
                "paused_at",
                "status",
            ]
        )
    hours = paused.total_seconds() / 3600
    _event(
        complaint,
        ComplaintEvent.Kind.RESUMED,
        acting_user,
        (note + "\n" if note else "") + f"Deadlines extended by {hours:.1f} business hours.",
        now,
    )
    return complaint


@transaction.atomic
def complaint_decide(
    *,
    complaint: Complaint,
    acting_user: Any,
    decision: str,
    reasons: str,
    now: datetime.datetime | None = None,
) -> Complaint:
    """Record the decision and its reasons, open the appeal window and, if the
    patron gave an e-mail address, send the letter once committed."""
    from complaints import tasks

    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.ESCALATED:
        raise ServiceError(WRONG_STATE)
    _require(policies.can_work_formal_review(acting_user, complaint))
    now = now or timezone.now()
    cfg = settings_for(complaint.branch.system_id)
    cal = _calendar(complaint.branch)
    complaint.decision = decision
    complaint.decision_reasons = reasons.strip()
    complaint.decided_by = acting_user
    complaint.decided_at = now
    if complaint.first_response_at is None:
        # A decision is a response.
        complaint.first_response_at = now
    complaint.next_update_due = None
    complaint.appeal_due = add_business_days(cal, now, cfg.appeal_days)
    complaint.status = Complaint.Status.DECIDED
    with set_actor(acting_user):
        complaint.save(
            update_fields=[
                "decision",
                "decision_reasons",
                "decided_by",
                "decided_at",
                "first_response_at",
                "next_update_due",
                "appeal_due",
                "status",
            ]
        )
    _event(
        complaint, ComplaintEvent.Kind.DECIDED, acting_user, complaint.get_decision_display(), now
    )
    if complaint.contact_email:
        _enqueue(tasks.send_decision_letter, complaint.pk)
    return complaint


@transaction.atomic
def complaint_record_appeal(
    *,
    complaint: Complaint,
    acting_user: Any,
    grounds: str,
    now: datetime.datetime | None = None,
) -> Complaint:
    complaint = _lock(complaint)
    if complaint.status != Complaint.Status.DECIDED:
        raise ServiceError(WRONG_STATE)
    _require(policies.can_record_appeal(acting_user, complaint))
    now = now or timezone.now()
    if complaint.appeal_due is not None and now > complaint.appeal_due:
        raise ServiceError(
            APPEAL_WINDOW_CLOSED.format(date=_local_day(complaint.appeal_due, complaint.branch))
        )
    complaint.status = Complaint.Status.APPEALED
    complaint.appealed_at = now
    complaint.appeal_grounds = grounds.strip()
    with set_actor(acting_user):
        complaint.save(update_fields=["status", "appealed_at", "appeal_grounds"])
    _event(complaint, ComplaintEvent.Kind.APPEALED, acting_user, grounds, now)
    return complaint


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    acting_user: Any,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Complaint:
    """Close after a decision (appeal window over) or after the Board's answer."""
    complaint = _lock(complaint)
    if complaint.status not in (Complaint.Status.DECIDED, Complaint.Status.APPEALED):
        raise ServiceError(WRONG_STATE)
    _require(policies.can_close_after_decision(acting_user, complaint))
    now = now or timezone.now()
    complaint.status = Complaint.Status.CLOSED
    complaint.closed_at = now
    complaint.closing_note = note.strip()
    with set_actor(acting_user):
        complaint.save(update_fields=["status", "closed_at", "closing_note"])
    _event(complaint, ComplaintEvent.Kind.CLOSED, acting_user, note, now)
    return complaint


@transaction.atomic
def complaint_add_attachment(
    *,
    complaint: Complaint,
    acting_user: Any,
    upload: UploadedFile,
    content_type: str,
) -> ComplaintAttachment:
    """Keep a file with the complaint. The caller has validated size and type
    (complaints.forms.AttachmentForm sniffs the content)."""
    complaint = _lock(complaint)
    _require(policies.can_add_attachment(acting_user, complaint))
    with set_actor(acting_user):
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=(upload.name or "attachment")[:200],
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=acting_user,
        )
        attachment.file.save("upload", upload, save=False)
        attachment.save()
    _event(complaint, ComplaintEvent.Kind.ATTACHMENT, acting_user)
    return attachment


def complaint_notify_assignee(*, complaint_id: int, assignee_id: int) -> bool:
    """E-mail the assignee that a complaint is theirs. No patron data in the
    message: a reference and a link. Skips if they are no longer assigned."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    complaint = Complaint.objects.select_related("assignee").filter(pk=complaint_id).first()
    if complaint is None or complaint.assignee_id != assignee_id:
        return False
    assignee = complaint.assignee
    if assignee is None or not assignee.email:
        return False
    link = getattr(settings, "SITE_URL", "") + reverse("complaints:detail", args=[complaint.pk])
    send_mail(
        f"Complaint {complaint.reference} was assigned to you",
        f"Complaint {complaint.reference} ({complaint.get_category_display()}) was assigned "
        f"to you for review.\n\nOpen it: {link}\n",
        None,
        [assignee.email],
    )
    return True


@transaction.atomic
def complaint_send_decision_letter(*, complaint_id: int) -> bool:
    """E-mail the decision letter to the patron's address, once."""
    from django.core.mail import EmailMultiAlternatives

    from complaints import letters

    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("branch", "decided_by__staff_profile")
        .filter(pk=complaint_id)
        .first()
    )
    if (
        complaint is None
        or complaint.decided_at is None
        or complaint.letter_sent_at is not None
        or not complaint.contact_email
    ):
        return False
    subject, text, html = letters.complaint_decision_letter(complaint)
    message = EmailMultiAlternatives(subject, text, None, [complaint.contact_email])
    message.attach_alternative(html, "text/html")
    message.send()
    complaint.letter_sent_at = timezone.now()
    complaint.save(update_fields=["letter_sent_at"])
    _event(complaint, ComplaintEvent.Kind.LETTER, None, "", complaint.letter_sent_at)
    return True


def complaint_send_reminder(*, complaint_id: int, clock: str) -> bool:
    from django.core.mail import send_mail

    complaint = Complaint.objects.select_related("assignee").filter(pk=complaint_id).first()
    if complaint is None or complaint.assignee is None or not complaint.assignee.email:
        return False
    send_mail(
        f"Reminder: complaint {complaint.reference}, {CLOCK_LABELS.get(clock, clock)} due soon",
        f"The {CLOCK_LABELS.get(clock, clock)} deadline of complaint {complaint.reference} "
        "is close. Please act on it or record why not.",
        None,
        [complaint.assignee.email],
    )
    return True


CLOCK_LABELS = {
    "first_response": "first response",
    "next_update": "next update",
    "resolution": "resolution",
    "decision": "decision",
}


def _clocks_of(complaint: Complaint) -> list[str]:
    clocks = []
    if complaint.first_response_at is None and complaint.first_response_due:
        clocks.append("first_response")
    if complaint.next_update_due:
        clocks.append("next_update")
    if complaint.resolution_due:
        clocks.append("resolution")
    return clocks


def complaints_check_clocks(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send reminders before a clock runs out and mark breaches.

    Runs every 15 minutes from beat. Safe to run twice: each reminder and
    each breach is recorded on the row, under a row lock, before its e-mail
    is queued, and a recorded one is never repeated. Complaints waiting on
    the patron are skipped: their clocks are stopped.
    """
    from complaints import tasks

    now = now or timezone.now()
    counts = {"reminders": 0, "breaches": 0}
    calendars: dict[int, BusinessCalendar] = {}
    settings_cache: dict[int, ComplaintSettings] = {}
    ids = list(
        Complaint.objects.filter(status=Complaint.Status.ESCALATED).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            complaint = (
                Complaint.objects.select_for_update(of=("self",))
                .select_related("branch")
                .filter(pk=pk, status=Complaint.Status.ESCALATED)
                .first()
            )
            if complaint is None:
                continue
            branch = complaint.branch
            cal = calendars.setdefault(branch.pk, _calendar(branch))
            cfg = settings_cache.setdefault(branch.system_id, settings_for(branch.system_id))
            lead = datetime.timedelta(hours=cfg.reminder_hours)
            changed: list[str] = []
            for clock in _clocks_of(complaint):
                due = getattr(complaint, f"{clock}_due")
                if due <= now:
                    if getattr(complaint, f"{clock}_breached_at") is None:
                        setattr(complaint, f"{clock}_breached_at", now)
                        changed.append(f"{clock}_breached_at")
                        _event(
                            complaint, ComplaintEvent.Kind.BREACH, None, CLOCK_LABELS[clock], now
                        )
                        counts["breaches"] += 1
                elif getattr(complaint, f"{clock}_reminded_at") is None and (
                    business_time_between(cal, now, due) <= lead
                ):
                    setattr(complaint, f"{clock}_reminded_at", now)
                    changed.append(f"{clock}_reminded_at")
                    _event(complaint, ComplaintEvent.Kind.REMINDER, None, CLOCK_LABELS[clock], now)
                    _enqueue(tasks.send_reminder, complaint.pk, clock)
                    counts["reminders"] += 1
            if changed:
                complaint.save(update_fields=changed)
    counts.update(reconsiderations_check_clocks(now=now))
    return counts


# ------------------------------------------------------- reconsideration


@transaction.atomic
def reconsideration_request(
    *,
    item: Item,
    branch: Branch,
    logged_by: Any,
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
    _require(policies.can_log_reconsideration(logged_by))
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
                date=_local_day(earlier.received_at, branch),
                until=_local_day(until, branch),
            )
        )
    cal = _calendar(branch)
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
            decision_due=add_business_days(cal, now, cfg.reconsideration_decision_days),
        )
    return request


def _lock_recon(request: ReconsiderationRequest) -> ReconsiderationRequest:
    return (
        ReconsiderationRequest.objects.select_for_update()
        .select_related("branch")
        .get(pk=request.pk)
    )


@transaction.atomic
def reconsideration_acknowledge(
    *, request: ReconsiderationRequest, acting_user: Any
) -> ReconsiderationRequest:
    """Mark the acknowledgement sent (printed or e-mailed) and start review."""
    from complaints import tasks

    request = _lock_recon(request)
    _require(policies.reconsiderations_visible_to(acting_user).filter(pk=request.pk).exists())
    if request.status != ReconsiderationRequest.Status.RECEIVED:
        raise ServiceError(RECON_WRONG_STATE)
    request.acknowledged_at = timezone.now()
    request.status = ReconsiderationRequest.Status.UNDER_REVIEW
    with set_actor(acting_user):
        request.save(update_fields=["acknowledged_at", "status"])
    if request.requester_email:
        _enqueue(tasks.send_reconsideration_letter, request.pk, "acknowledgement")
    return request


@transaction.atomic
def reconsideration_add_member(
    *,
    request: ReconsiderationRequest,
    acting_user: Any,
    name: str,
    role: str = "",
    read_in_full: bool = False,
) -> CommitteeMember:
    """Record a committee member, or update whether they read it in full."""
    request = _lock_recon(request)
    _require(policies.reconsiderations_visible_to(acting_user).filter(pk=request.pk).exists())
    if request.status not in (
        ReconsiderationRequest.Status.RECEIVED,
        ReconsiderationRequest.Status.UNDER_REVIEW,
    ):
        raise ServiceError(RECON_WRONG_STATE)
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


@transaction.atomic
def reconsideration_decide(
    *,
    request: ReconsiderationRequest,
    acting_user: Any,
    decision: str,
    reasons: str,
    now: datetime.datetime | None = None,
) -> ReconsiderationRequest:
    """The committee's written decision; opens the appeal window to the Board.

    Refused until every recorded committee member has read, viewed or
    listened to the item in full.
    """
    from complaints import tasks

    request = _lock_recon(request)
    _require(policies.reconsiderations_visible_to(acting_user).filter(pk=request.pk).exists())
    if request.status not in (
        ReconsiderationRequest.Status.RECEIVED,
        ReconsiderationRequest.Status.UNDER_REVIEW,
    ):
        raise ServiceError(RECON_WRONG_STATE)
    members = list(request.committee.all())
    if not members:
        raise ServiceError(RECON_NO_COMMITTEE)
    unread = [m.name for m in members if not m.read_in_full]
    if unread:
        raise ServiceError(RECON_NOT_READ.format(names=", ".join(unread)))
    now = now or timezone.now()
    cfg = settings_for(request.branch.system_id)
    request.decision = decision
    request.decision_reasons = reasons.strip()
    request.decided_by = acting_user
    request.decided_at = now
    request.appeal_due = add_business_days(
        _calendar(request.branch), now, cfg.reconsideration_appeal_days
    )
    request.status = ReconsiderationRequest.Status.DECIDED
    if request.acknowledged_at is None:
        request.acknowledged_at = now
    with set_actor(acting_user):
        request.save(
            update_fields=[
                "decision",
                "decision_reasons",
                "decided_by",
                "decided_at",
                "appeal_due",
                "status",
                "acknowledged_at",
            ]
        )
    if request.requester_email:
        _enqueue(tasks.send_reconsideration_letter, request.pk, "decision")
    return request


@transaction.atomic
def reconsideration_record_appeal(
    *,
    request: ReconsiderationRequest,
    acting_user: Any,
    grounds: str,
    now: datetime.datetime | None = None,
) -> ReconsiderationRequest:
    request = _lock_recon(request)
    _require(policies.reconsiderations_visible_to(acting_user).filter(pk=request.pk).exists())
    if request.status != ReconsiderationRequest.Status.DECIDED:
        raise ServiceError(RECON_WRONG_STATE)
    now = now or timezone.now()
    if request.appeal_due is not None and now > request.appeal_due:
        raise ServiceError(
            APPEAL_WINDOW_CLOSED.format(date=_local_day(request.appeal_due, request.branch))
        )
    request.status = ReconsiderationRequest.Status.APPEALED
    request.appealed_at = now
    request.appeal_grounds = grounds.strip()
    with set_actor(acting_user):
        request.save(update_fields=["status", "appealed_at", "appeal_grounds"])
    return request


@transaction.atomic
def reconsideration_close(
    *, request: ReconsiderationRequest, acting_user: Any
) -> ReconsiderationRequest:
    request = _lock_recon(request)
    _require(policies.reconsiderations_visible_to(acting_user).filter(pk=request.pk).exists())
    if request.status not in (
        ReconsiderationRequest.Status.DECIDED,
        ReconsiderationRequest.Status.APPEALED,
    ):
        raise ServiceError(RECON_WRONG_STATE)
    request.status = ReconsiderationRequest.Status.CLOSED
    request.closed_at = timezone.now()
    with set_actor(acting_user):
        request.save(update_fields=["status", "closed_at"])
    return request


def reconsideration_send_letter(*, request_id: int, kind: str) -> bool:
    from django.core.mail import EmailMultiAlternatives

    from complaints import letters

    request = (
        ReconsiderationRequest.objects.select_related("item", "branch", "decided_by__staff_profile")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not request.requester_email:
        return False
    if kind == "decision" and request.decided_at is None:
        return False
    render = (
        letters.reconsideration_decision_letter
        if kind == "decision"
        else letters.reconsideration_acknowledgement_letter
    )
    subject, text, html = render(request)
    message = EmailMultiAlternatives(subject, text, None, [request.requester_email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True


def reconsiderations_check_clocks(*, now: datetime.datetime) -> dict[str, int]:
    """Remind the Director before a written decision is due, and mark missed
    deadlines; each at most once per request."""
    from complaints import tasks

    open_states = (
        ReconsiderationRequest.Status.RECEIVED,
        ReconsiderationRequest.Status.UNDER_REVIEW,
    )
    reminders = 0
    pending = ReconsiderationRequest.objects.filter(
        status__in=open_states, decision_due__gt=now, decision_reminded_at__isnull=True
    ).select_related("branch")
    for request in pending:
        cfg = settings_for(request.branch.system_id)
        cal = _calendar(request.branch)
        # A decision takes a committee: remind a full business day ahead.
        lead = datetime.timedelta(hours=max(cfg.reminder_hours, 8))
        if business_time_between(cal, now, request.decision_due) <= lead:
            with transaction.atomic():
                updated = ReconsiderationRequest.objects.filter(
                    pk=request.pk, decision_reminded_at__isnull=True
                ).update(decision_reminded_at=now)
                if updated:
                    _enqueue(tasks.send_reconsideration_reminder, request.pk)
                    reminders += updated
    breached = ReconsiderationRequest.objects.filter(
        status__in=open_states, decision_due__lte=now, decision_breached_at__isnull=True
    ).update(decision_breached_at=now)
    return {"reconsideration_reminders": reminders, "reconsideration_breaches": breached}


def reconsideration_send_reminder(*, request_id: int) -> int:
    """E-mail the Directors that a written decision is due soon (no requester data)."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    from libraryservice.roles import Role

    request = ReconsiderationRequest.objects.select_related("branch").filter(pk=request_id).first()
    if request is None:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.DIRECTOR.value)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(
            f"Reminder: reconsideration {request.reference} decision due soon",
            f"The written decision on request {request.reference} is due "
            f"{_local_day(request.decision_due, request.branch)}.",
            None,
            recipients,
        )
    return len(recipients)


# ------------------------------------------------- comment cards, incidents


@transaction.atomic
def comment_card_log(
    *,
    branch: Branch,
    logged_by: Any,
    theme: str,
    text: str,
    anonymous: bool = True,
    name: str = "",
    contact: str = "",
    received_on: datetime.date | None = None,
) -> CommentCard:
    _require(policies.can_log_comment_card(logged_by))
    if anonymous and (name.strip() or contact.strip()):
        raise ServiceError(ANONYMOUS_WITH_NAME)
    with set_actor(logged_by):
        return CommentCard.objects.create(
            branch=branch,
            theme=theme,
            text=text.strip(),
            anonymous=anonymous,
            name=name.strip(),
            contact=contact.strip(),
            logged_by=logged_by,
            received_on=received_on or timezone.localdate(),
        )


@transaction.atomic
def incident_report(
    *,
    branch: Branch,
    reported_by: Any,
    type: str,
    description: str,
    called_911: bool,
    occurred_at: datetime.datetime | None = None,
    location: str = "",
    action_taken: str = "",
    patron: Patron | None = None,
) -> Incident:
    """Record an incident and notify the branch's supervisors at once (after commit)."""
    from complaints import tasks

    _require(policies.can_log_incident(reported_by))
    with set_actor(reported_by):
        incident = Incident.objects.create(
            branch=branch,
            type=type,
            description=description.strip(),
            called_911=called_911,
            occurred_at=occurred_at or timezone.now(),
            location=location.strip(),
            action_taken=action_taken.strip(),
            patron=patron,
            reported_by=reported_by,
        )
    _enqueue(tasks.notify_incident_supervisors, incident.pk)
    return incident


def branch_supervisors(branch_id: int) -> list[Any]:
    from django.contrib.auth import get_user_model

    from libraryservice.roles import Role

    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=Role.SUPERVISOR.value,
            staff_profile__branch_id=branch_id,
        )
        .exclude(email="")
        .distinct()
    )


@transaction.atomic
def incident_notify_supervisors(*, incident_id: int) -> int:
    """E-mail the branch's supervisors, once. Returns how many were told."""
    from django.core.mail import send_mail
    from django.urls import reverse

    incident = Incident.objects.select_for_update().filter(pk=incident_id).first()
    if incident is None or incident.supervisor_notified_at is not None:
        return 0
    recipients = [u.email for u in branch_supervisors(incident.branch_id)]
    if recipients:
        send_mail(
            f"Incident at your branch: {incident.get_type_display()}"
            + (" (911 called)" if incident.called_911 else ""),
            f"Incident #{incident.pk} was reported: {incident.get_type_display()}."
            f"\n911 called: {'yes' if incident.called_911 else 'no'}."
            f"\nOpen it: {reverse('complaints:incident_detail', args=[incident.pk])}\n",
            None,
            recipients,
        )
    incident.supervisor_notified_at = timezone.now()
    incident.save(update_fields=["supervisor_notified_at"])
    return len(recipients)


@transaction.atomic
def incident_close(*, incident: Incident, acting_user: Any, note: str = "") -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.closed_at is not None:
        raise ServiceError(INCIDENT_CLOSED)
    _require(policies.can_close_incident(acting_user, incident))
    incident.closed_at = timezone.now()
    incident.closing_note = note.strip()
    with set_actor(acting_user):
        incident.save(update_fields=["closed_at", "closing_note"])
    return incident
