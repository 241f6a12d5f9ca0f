"""Dual control of staff accounts (DESIGN section 4, docs/dual-control.md).

A change that would let someone read patron data or legal requests takes
effect only when a second person confirms it:

- giving a role that reads patron data (volunteer and up);
- changing the e-mail address, resetting the second factor or sending a
  set-password link, for an account that holds such a role or is waiting
  for one.

The administrator proposes (`*_propose`); a Director confirms or refuses
(`staff_change_confirm`, `staff_change_refuse`) on the pending-changes page,
never one they proposed nor one to their own account, so a Director's
account, or a Director's proposal, needs another Director. Where no other
Director exists, the server's command line confirms it as a break-glass
change (`staff_change_break_glass`, the `staff_change_break_glass` command).
Changes lapse after STAFF_CHANGE_EXPIRY_HOURS (`staff_changes_expire`, run
lazily by the pages and by a beat task). Each step is a StaffAccessEvent.

An e-mail change is told to the old address (inside the transaction: no
proposal exists unless the mail left) and to the Directors before it takes
effect. An e-mail change on an account that reads nothing takes effect at
once, is recorded and told to the old address, and holds set-password links
for UNCONFIRMED_EMAIL_HOLD_DAYS (staff_access.set_password_link_send).
Superusers, made only on the command line, stay exempt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from organisation import clock, policies, staff_access
from organisation.models import PendingStaffChange, StaffAccessEvent
from organisation.staff_access import PATRON_READING_ROLES, StaffAccessError
from organisation.users import StaffUser

if TYPE_CHECKING:
    from notices.services import Delivery

ALREADY_PENDING = (
    "A change of this kind to {username} is already waiting for a Director's "
    "confirmation: it is confirmed, refused or expires first."
)
NOT_PENDING = "This change is no longer waiting: it was {status}."
NOT_YOURS_TO_DECIDE = (
    "Nobody confirms or refuses their own proposal, nor a change to their own account: "
    "another Director does."
)
NO_CHANGE = "Nothing would change: the account already is as proposed."
BREAK_GLASS_NOT_NEEDED = (
    "Another Director can confirm this change in the app ({names}); the command line "
    "is for a library with no other Director."
)
BREAK_GLASS_REASON = "Say why the change is made on the command line: it is recorded."
OPERATOR_REQUIRED = "Name the person running this command: it is recorded."
EMAIL_SUBJECT = "Your e-mail address at the Library Service Desk is about to change"
EMAIL_CHANGED_SUBJECT = "Your e-mail address at the Library Service Desk was changed"
COMMAND_LINE = "command line"


def expiry_delta() -> timedelta:
    return timedelta(hours=settings.STAFF_CHANGE_EXPIRY_HOURS)


def account_needs_dual_control(user: StaffUser) -> bool:
    """Whether changes to this account's address, second factor or password
    wait for a confirmation: it reads patron data, or a role that does is
    waiting to be confirmed for it."""
    if user is None or user.pk is None:
        return False
    if staff_access.reads_patron_data(user):
        return True
    return any(
        set(roles) & PATRON_READING_ROLES
        for roles in PendingStaffChange.objects.filter(
            user=user, kind=PendingStaffChange.Kind.ROLES, status=PendingStaffChange.Status.PENDING
        ).values_list("roles", flat=True)
    )


def roles_need_confirmation(
    *, user: StaffUser, roles: Iterable[str | Group], acting_user: StaffUser
) -> bool:
    """Whether giving `user` exactly `roles` must wait for a confirmation."""
    if staff_access.is_exempt(acting_user):
        return False
    names = {r.name if isinstance(r, Group) else str(r) for r in roles}
    return staff_access.roles_need_confirmation(current=staff_access.role_names(user), wanted=names)


def changes_need_confirmation(*, user: StaffUser, acting_user: StaffUser) -> bool:
    """Whether an address, second-factor or password change to `user` by
    `acting_user` must wait for a confirmation."""
    return not staff_access.is_exempt(acting_user) and account_needs_dual_control(user)


def eligible_confirmers(change: PendingStaffChange) -> QuerySet[Any]:
    """The Directors who may confirm `change` in the app."""
    return policies.directors().exclude(pk__in=[change.user_id, change.proposed_by_id or 0])


def _event(
    *,
    kind: str,
    change: PendingStaffChange,
    user: StaffUser,
    acting_user: StaffUser | None,
    reason: str = "",
    acting_username: str = "",
) -> StaffAccessEvent:
    return staff_access._record(
        kind=kind,
        user=user,
        acting_user=acting_user,
        acting_username=acting_username,
        reason=reason,
        detail=change.summary,
        change=change,
    )


def _tell(
    recipients: Iterable[StaffUser | None], *, subject: str, body: str, link: str
) -> Delivery:
    from notices.models import Notice
    from notices.services import notice_send

    return notice_send(
        recipients=recipients,
        subject=subject,
        body=body,
        link=link,
        kind=Notice.Kind.STAFF_ACCESS,
    )


def _propose(
    *,
    kind: str,
    user: StaffUser,
    acting_user: StaffUser,
    reason: str,
    roles: list[str] | None = None,
    email: str = "",
) -> PendingStaffChange:
    staff_access._refuse_self(user=user, acting_user=acting_user)
    staff_changes_expire()
    now = timezone.now()
    change = PendingStaffChange(
        kind=kind,
        user=user,
        username=user.get_username(),
        roles=sorted(roles or []),
        email=email,
        old_email=user.email or "",
        reason=reason.strip(),
        proposed_by=acting_user,
        proposed_by_username=acting_user.get_username(),
        created_at=now,
        expires_at=now + expiry_delta(),
    )
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:
        raise StaffAccessError(ALREADY_PENDING.format(username=user.get_username())) from None
    _event(
        kind=StaffAccessEvent.Kind.CHANGE_PROPOSED,
        change=change,
        user=user,
        acting_user=acting_user,
        reason=change.reason,
    )
    deadline = clock.server_time(change.expires_at).strftime("%-d %b %Y, %H:%M")
    # A Director whose own account it is is told too (never asked to confirm).
    _tell(
        policies.directors(),
        subject=f"Staff access: to confirm: {change.summary}"[:200],
        body=(
            f"{acting_user.get_username()} proposes: {change.summary}.\n"
            f"Reason: {change.reason or '(none given)'}\n"
            f"It takes effect only when a Director other than the proposer and the "
            f"account's owner confirms it, by {deadline}."
        ),
        link=reverse("staff_change", args=[change.pk]),
    )
    return change


@transaction.atomic
def staff_roles_propose(
    *, user: StaffUser, roles: Iterable[str | Group], acting_user: StaffUser, reason: str
) -> PendingStaffChange:
    """Ask for `user` to hold exactly `roles` once a Director confirms.

    Refuses what staff_roles_set refuses (one's own account, an unknown role,
    the administrator role with a patron-reading one, no reason), a set that
    changes nothing, and a second roles proposal for the same account while
    one waits. Records the proposal and tells the Directors.
    """
    names = {r.name if isinstance(r, Group) else str(r) for r in roles}
    staff_access._refuse_self(user=user, acting_user=acting_user)
    missing = names - set(Group.objects.filter(name__in=names).values_list("name", flat=True))
    if missing:
        raise StaffAccessError(staff_access.UNKNOWN_ROLE.format(name=sorted(missing)[0]))
    staff_access.refuse_admin_with_patron_role(names)
    user = staff_access._locked(user)
    if names == staff_access.role_names(user):
        raise StaffAccessError(NO_CHANGE)
    if not reason.strip() and (names - staff_access.role_names(user)) & PATRON_READING_ROLES:
        raise StaffAccessError(staff_access.REASON_REQUIRED)
    return _propose(
        kind=PendingStaffChange.Kind.ROLES,
        user=user,
        acting_user=acting_user,
        reason=reason,
        roles=sorted(names),
    )


def _mail_old_address(change: PendingStaffChange, template: str, subject: str) -> None:
    if not change.old_email:
        return
    context = {
        "change": change,
        "site_url": settings.SITE_URL.rstrip("/"),
        "hours": settings.STAFF_CHANGE_EXPIRY_HOURS,
    }
    send_mail(subject, render_to_string(template, context), None, [change.old_email])


@transaction.atomic
def staff_email_propose(
    *, user: StaffUser, email: str, acting_user: StaffUser
) -> PendingStaffChange:
    """Ask for `user`'s e-mail address to become `email` once a Director confirms.

    The old address is told first, inside the transaction: if the mail
    server refuses it, nothing is proposed and the error reaches the caller.
    The Directors are told too.
    """
    user = staff_access._locked(user)
    if email == user.email:
        raise StaffAccessError(NO_CHANGE)
    change = _propose(
        kind=PendingStaffChange.Kind.EMAIL,
        user=user,
        acting_user=acting_user,
        reason="",
        email=email,
    )
    _mail_old_address(change, "registration/email_change_proposed.txt", EMAIL_SUBJECT)
    return change


@transaction.atomic
def staff_email_changed(
    *, user: StaffUser, old_email: str, acting_user: StaffUser
) -> StaffAccessEvent | None:
    """Record an e-mail change that needed no confirmation (the account reads
    no patron data) and tell the old address. Set-password links to the new
    address wait UNCONFIRMED_EMAIL_HOLD_DAYS. Nothing for a superuser."""
    if staff_access.is_exempt(acting_user) or old_email == user.email:
        return None
    event = staff_access._record(
        kind=StaffAccessEvent.Kind.EMAIL_CHANGED,
        user=user,
        acting_user=acting_user,
        detail=f"E-mail address changed from {old_email or '(none)'} to {user.email or '(none)'}",
    )
    if old_email:
        context = {
            "username": user.get_username(),
            "new_email": user.email,
            "acting_username": acting_user.get_username(),
            "days": settings.UNCONFIRMED_EMAIL_HOLD_DAYS,
        }
        body = render_to_string("registration/email_changed.txt", context)
        send_mail(EMAIL_CHANGED_SUBJECT, body, None, [old_email])
    return event


@transaction.atomic
def second_factor_reset_propose(
    *, user: StaffUser, acting_user: StaffUser, reason: str
) -> PendingStaffChange:
    """Ask for `user`'s authenticators to be deleted once a Director confirms."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not reason.strip():
        raise StaffAccessError(staff_access.REASON_REQUIRED_RESET)
    staff_access._refuse_self(user=user, acting_user=acting_user)
    if not TOTPDevice.objects.filter(user=user).exists():
        raise StaffAccessError(staff_access.NO_DEVICE)
    return _propose(
        kind=PendingStaffChange.Kind.SECOND_FACTOR,
        user=user,
        acting_user=acting_user,
        reason=reason,
    )


@transaction.atomic
def set_password_link_propose(*, user: StaffUser, acting_user: StaffUser) -> PendingStaffChange:
    """Ask for a set-password link to be sent to `user`'s current address once
    a Director confirms (refused as set_password_link_send refuses)."""
    staff_access._refuse_self(user=user, acting_user=acting_user)
    if staff_access.signs_on_with_directory(user):
        raise StaffAccessError(staff_access.DIRECTORY_ACCOUNT)
    if not user.is_active:
        raise StaffAccessError(staff_access.INACTIVE)
    if not user.email:
        raise StaffAccessError(staff_access.NO_EMAIL)
    staff_access._refuse_unconfirmed_email(user)
    return _propose(
        kind=PendingStaffChange.Kind.PASSWORD_LINK, user=user, acting_user=acting_user, reason=""
    )


def _locked_pending(change: PendingStaffChange) -> PendingStaffChange:
    locked = PendingStaffChange.objects.select_for_update().get(pk=change.pk)
    if locked.is_pending and locked.expires_at <= timezone.now():
        # Marked expired by staff_changes_expire, in a transaction of its own
        # (this one is rolled back by the refusal).
        raise StaffAccessError(NOT_PENDING.format(status="expired unconfirmed"))
    if not locked.is_pending:
        raise StaffAccessError(NOT_PENDING.format(status=locked.get_status_display().lower()))
    return locked


def _apply(change: PendingStaffChange, *, confirmer_name: str) -> None:
    """Make the change, as its proposer, now that it is confirmed."""
    user = staff_access._locked(change.user)
    proposer = change.proposed_by
    # Both callers refuse a change whose proposer's account is gone.
    assert proposer is not None
    if change.kind == change.Kind.ROLES:
        had_password = user.has_usable_password()
        staff_access.staff_roles_set(
            user=user,
            roles=change.roles,
            acting_user=proposer,
            reason=f"{change.reason}\n(confirmed by {confirmer_name})",
            confirmed=True,
        )
        # A new staff member chooses a password by a link to the address the
        # confirming Director saw, and only now (not to an address changed
        # without a confirmation lately: that link waits).
        if (
            not had_password
            and not staff_access.signs_on_with_directory(user)
            and user.email
            and user.is_active
            and staff_access.unconfirmed_email_change(user) is None
        ):
            staff_access.set_password_link_send(user=user, acting_user=proposer, confirmed=True)
    elif change.kind == change.Kind.EMAIL:
        user.email = change.email
        user.save(update_fields=["email"])
    elif change.kind == change.Kind.SECOND_FACTOR:
        staff_access.second_factor_reset(
            user=user, acting_user=proposer, reason=change.reason, confirmed=True
        )
    else:
        if user.email != change.old_email:
            raise StaffAccessError(NOT_PENDING.format(status="overtaken by an address change"))
        staff_access.set_password_link_send(user=user, acting_user=proposer, confirmed=True)


@transaction.atomic
def staff_change_confirm(
    *, change: PendingStaffChange, acting_user: StaffUser
) -> PendingStaffChange:
    """Confirm `change` and make it, as its proposer, in one transaction.

    Locks the change; refuses one no longer pending (an expired one is
    marked expired first), and a confirmer who is not a Director, proposed
    it or owns the account. Records the confirmation (the roles given, the
    reset or the link are recorded by staff_access as the proposer's).
    """
    change = _locked_pending(change)
    if change.proposed_by is None or not policies.can_decide_staff_change(acting_user, change):
        raise StaffAccessError(NOT_YOURS_TO_DECIDE)
    _apply(change, confirmer_name=acting_user.get_username())
    return _decide(change, status=change.Status.CONFIRMED, acting_user=acting_user)


@transaction.atomic
def staff_change_refuse(
    *, change: PendingStaffChange, acting_user: StaffUser, note: str = ""
) -> PendingStaffChange:
    """Refuse `change`: nothing is made. Same checks as confirming."""
    change = _locked_pending(change)
    if not policies.can_decide_staff_change(acting_user, change):
        raise StaffAccessError(NOT_YOURS_TO_DECIDE)
    return _decide(change, status=change.Status.REFUSED, acting_user=acting_user, note=note)


@transaction.atomic
def staff_change_break_glass(
    *, change: PendingStaffChange, operator: str, reason: str
) -> PendingStaffChange:
    """Confirm `change` from the server's command line, where no Director but
    the proposer or the account's owner exists to confirm it in the app.

    `operator` names the person at the console; it and `reason` are
    recorded as a break-glass change and every Director is told.
    """
    if not operator.strip():
        raise StaffAccessError(OPERATOR_REQUIRED)
    if not reason.strip():
        raise StaffAccessError(BREAK_GLASS_REASON)
    change = _locked_pending(change)
    others = list(eligible_confirmers(change).values_list("username", flat=True))
    if others:
        raise StaffAccessError(BREAK_GLASS_NOT_NEEDED.format(names=", ".join(others)))
    if change.proposed_by is None:
        raise StaffAccessError(NOT_PENDING.format(status="left without its proposer"))
    name = f"{COMMAND_LINE} ({operator.strip()})"
    _apply(change, confirmer_name=name)
    change.break_glass = True
    change.status = change.Status.CONFIRMED
    change.decided_at = timezone.now()
    change.decided_by_username = name
    change.decision_note = reason.strip()
    change.save(
        update_fields=[
            "break_glass",
            "status",
            "decided_at",
            "decided_by_username",
            "decision_note",
        ]
    )
    _event(
        kind=StaffAccessEvent.Kind.BREAK_GLASS,
        change=change,
        user=change.user,
        acting_user=None,
        acting_username=name,
        reason=reason.strip(),
    )
    _tell(
        policies.directors(),
        subject=f"Staff access: made on the command line: {change.summary}"[:200],
        body=(
            f"{name} confirmed on the server's command line: {change.summary} "
            f"(proposed by {change.proposed_by_username}).\nReason: {reason.strip()}"
        ),
        link=reverse("staff_access"),
    )
    return change


def _decide(
    change: PendingStaffChange, *, status: str, acting_user: StaffUser, note: str = ""
) -> PendingStaffChange:
    change.status = status
    change.decided_by = acting_user
    change.decided_by_username = acting_user.get_username()
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    change.save(
        update_fields=["status", "decided_by", "decided_by_username", "decided_at", "decision_note"]
    )
    confirmed = status == change.Status.CONFIRMED
    _event(
        kind=(
            StaffAccessEvent.Kind.CHANGE_CONFIRMED
            if confirmed
            else StaffAccessEvent.Kind.CHANGE_REFUSED
        ),
        change=change,
        user=change.user,
        acting_user=acting_user,
        reason=change.decision_note,
    )
    verb = "confirmed" if confirmed else "refused"
    others = policies.directors().exclude(pk__in=[acting_user.pk, change.user_id])
    note = f"\nNote: {change.decision_note}" if change.decision_note else ""
    _tell(
        [change.proposed_by, *others],
        subject=f"Staff access: {verb} by {acting_user.get_username()}: {change.summary}"[:200],
        body=(
            f"{acting_user.get_username()} {verb} what {change.proposed_by_username} proposed: "
            f"{change.summary}.{note}"
        ),
        link=reverse("staff_access"),
    )
    return change


def _expire(change: PendingStaffChange) -> None:
    change.status = change.Status.EXPIRED
    change.decided_at = change.expires_at
    change.save(update_fields=["status", "decided_at"])
    _event(
        kind=StaffAccessEvent.Kind.CHANGE_EXPIRED,
        change=change,
        user=change.user,
        acting_user=None,
        acting_username="(expired)",
    )


@transaction.atomic
def staff_changes_expire() -> int:
    """Mark every pending change past its deadline expired, once each (rows
    locked, so two runs at once expire each change once). Returns how many."""
    due = list(
        PendingStaffChange.objects.select_for_update()
        .filter(status=PendingStaffChange.Status.PENDING, expires_at__lte=timezone.now())
        .select_related("user")
        .order_by("pk")
    )
    for change in due:
        _expire(change)
    return len(due)


def staff_changes_pending() -> QuerySet[PendingStaffChange]:
    """Changes waiting for a confirmation, oldest first."""
    return PendingStaffChange.objects.filter(status=PendingStaffChange.Status.PENDING).order_by(
        "created_at", "pk"
    )
