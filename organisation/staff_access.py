"""Separation of duties for staff accounts (DESIGN section 4).

The people who configure the system must not be able to read what it
protects, so:

- nobody changes their own roles, permissions or second factor;
- a role that reads patron data, given by anyone but a superuser (superusers
  exist only when created on the command line), needs a reason, is recorded
  (StaffAccessEvent) and the Director is told at once, in the app and by
  e-mail;
- administrators never see or set a password: they send a set-password link;
- a lost second factor is reset by someone else, recorded the same way.

Every change of a user's groups or permissions made while a web request is
being served must go through `staff_roles_set`: a guard on the many-to-many
tables refuses any other path (a bulk action, a group-side form, a view that
calls `user.groups.add`), whichever side of the relation it starts from.
Changes made outside a web request (migrations, `createsuperuser`,
`seed_demo`, a shell) are the command line's, which DESIGN exempts.

Dual control (organisation.dual_control) sits on top: giving a role that
reads patron data, and resetting the second factor of or sending a
set-password link to an account that holds one, are refused here unless
`confirmed=True` says a second person confirmed it (only dual_control
passes it). The administrator role never goes with a patron-reading role.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation import clock, policies
from organisation.models import DirectoryIdentity, StaffAccessEvent
from organisation.roles import DESK_ROLES, Role
from organisation.users import AnyUser, StaffUser

if TYPE_CHECKING:
    from notices.services import Delivery

# Every desk role reads patron data: a volunteer scans cards and sees loans.
PATRON_READING_ROLES = frozenset(str(role) for role in DESK_ROLES)

SELF_CHANGE = (
    "Nobody changes their own roles, permissions or second factor. "
    "Ask another administrator to do it."
)
REASON_REQUIRED = (
    "Say why this person needs a role that reads patron data: "
    "the reason is recorded and the Director is told."
)
REASON_REQUIRED_RESET = (
    "Say why the second factor is being reset: the reason is recorded and the Director is told."
)
OUTSIDE_SERVICE = (
    "Roles and permissions change only on the staff account's page, where the change is recorded."
)
NO_DEVICE = "This account has no second factor to reset."
NO_EMAIL = "This account has no e-mail address. Add one and save, then send the set-password link."
INACTIVE = "This account is inactive: activate it before sending a set-password link."
UNKNOWN_ROLE = "There is no role named {name!r}."
DIRECTORY_ACCOUNT = (
    "This account signs on with the library's directory and has no password here: "
    "its password is changed in the directory."
)
SET_PASSWORD_SUBJECT = "Choose your password for the Library Service Desk"
SUPERUSER_ACCOUNT = "Superuser accounts are managed on the command line only."
ADMIN_WITH_PATRON_ROLE = (
    "The administrator role cannot go with a role that reads patron data "
    "(volunteer, desk staff, supervisor, director): whoever configures the system "
    "must not read what it protects. Give the desk role to a separate account."
)
CONFIRMATION_REQUIRED = (
    "This change would let someone read patron data: it takes effect only when a "
    "Director confirms it."
)
EMAIL_ON_HOLD = (
    "The e-mail address of {username} changed on {when} without a Director's "
    "confirmation: set-password links to it wait until {until}."
)


class StaffAccessError(Exception):
    """A change to a staff account that separation of duties refuses.

    `message` is one of this module's constants, shown to the user as is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# The user whose web request is being served (None: the command line), and
# the accounts whose roles `staff_roles_set` is changing right now.
_request_user: ContextVar[Any] = ContextVar("staff_access_request_user", default=None)
_authorized_users: ContextVar[frozenset[int]] = ContextVar(
    "staff_access_authorized_users", default=frozenset()
)


@contextlib.contextmanager
def serving_request(user: AnyUser | None) -> Iterator[None]:
    """Mark the code inside as serving a web request of `user`."""
    token = _request_user.set(user if user is not None else _ANONYMOUS)
    try:
        yield
    finally:
        _request_user.reset(token)


_ANONYMOUS = object()


class StaffAccessMiddleware:
    """Marks each request so the guard below can tell the web from the shell."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with serving_request(getattr(request, "user", None)):
            return self.get_response(request)


@contextlib.contextmanager
def _authorize(user_id: int) -> Iterator[None]:
    token = _authorized_users.set(_authorized_users.get() | {user_id})
    try:
        yield
    finally:
        _authorized_users.reset(token)


def _guard_m2m(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
) -> None:
    """Refuse a change of groups or permissions that bypasses the service."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if _request_user.get() is None:
        return  # the command line: migrations, createsuperuser, seed_demo
    user_model = get_user_model()
    if isinstance(instance, user_model):
        affected = {instance.pk}
    elif pk_set is not None:
        affected = set(pk_set)
    else:  # clearing a group's members or a permission's holders
        affected = {-1}
    if not affected <= _authorized_users.get():
        raise StaffAccessError(OUTSIDE_SERVICE)


def _connect_guards() -> None:
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            _guard_m2m, sender=through, dispatch_uid=f"staff_access_guard_{through._meta.label}"
        )


_connect_guards()


def is_exempt(acting_user: StaffUser) -> bool:
    """Superusers exist only when made on the command line (the admin never
    makes one), and the command line is exempt from recording."""
    return bool(getattr(acting_user, "is_superuser", False))


def _refuse_self(*, user: StaffUser, acting_user: StaffUser) -> None:
    """Nobody acts on their own account, nor on a superuser's unless one."""
    if acting_user.pk == user.pk:
        raise StaffAccessError(SELF_CHANGE)
    if user.is_superuser and not acting_user.is_superuser:
        raise StaffAccessError(SUPERUSER_ACCOUNT)


def _tell_directors(*, subject: str, body: str, kind: str) -> Delivery:
    from notices.services import notice_send

    return notice_send(
        recipients=policies.directors(),
        subject=subject,
        body=body,
        link=reverse("staff_access"),
        kind=kind,
    )


def _record(
    *,
    kind: str,
    user: StaffUser,
    acting_user: StaffUser | None,
    role: str = "",
    reason: str = "",
    detail: str = "",
    change: Any = None,
    acting_username: str = "",
) -> StaffAccessEvent:
    return StaffAccessEvent.objects.create(
        kind=kind,
        user=user,
        username=user.get_username(),
        role=role,
        acting_user=acting_user,
        acting_username=acting_username
        or (acting_user.get_username() if acting_user is not None else ""),
        reason=reason,
        detail=detail[:300],
        change=change,
    )


def _locked(user: StaffUser) -> StaffUser:
    return get_user_model().objects.select_for_update().get(pk=user.pk)


def role_names(user: StaffUser) -> set[str]:
    """The account's roles as stored now (no cache)."""
    if user is None or user.pk is None:
        return set()
    return set(Group.objects.filter(user=user).values_list("name", flat=True))


def signs_on_with_directory(user: StaffUser) -> bool:
    """Whether the account signs on through the library's directory: a local
    password would let it sign on after the directory disabled it."""
    return user.pk is not None and DirectoryIdentity.objects.filter(user_id=user.pk).exists()


def reads_patron_data(user: StaffUser) -> bool:
    """Whether the account holds a role that reads patron data."""
    return bool(role_names(user) & PATRON_READING_ROLES)


def refuse_admin_with_patron_role(names: Iterable[str]) -> None:
    """The administrator role and a patron-reading role never go together
    (docs/dual-control.md)."""
    wanted = set(names)
    if str(Role.ADMINISTRATOR) in wanted and wanted & PATRON_READING_ROLES:
        raise StaffAccessError(ADMIN_WITH_PATRON_ROLE)


def roles_need_confirmation(*, current: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether going from `current` to `wanted` gives a patron-reading role."""
    return bool((set(wanted) - set(current)) & PATRON_READING_ROLES)


def unconfirmed_email_change(user: StaffUser) -> StaffAccessEvent | None:
    """The latest e-mail change of `user` made without a confirmation within
    UNCONFIRMED_EMAIL_HOLD_DAYS, if any."""
    since = clock.now() - timedelta(days=settings.UNCONFIRMED_EMAIL_HOLD_DAYS)
    return (
        StaffAccessEvent.objects.filter(
            user=user, kind=StaffAccessEvent.Kind.EMAIL_CHANGED, created_at__gt=since
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def _refuse_unconfirmed_email(user: StaffUser) -> None:
    changed = unconfirmed_email_change(user)
    if changed is None:
        return

    until = changed.created_at + timedelta(days=settings.UNCONFIRMED_EMAIL_HOLD_DAYS)
    raise StaffAccessError(
        EMAIL_ON_HOLD.format(
            username=user.get_username(),
            when=clock.server_time(changed.created_at).strftime("%-d %b %Y, %H:%M"),
            until=clock.server_time(until).strftime("%-d %b %Y, %H:%M"),
        )
    )


@transaction.atomic
def staff_roles_set(
    *,
    user: StaffUser,
    roles: Iterable[str | Group],
    acting_user: StaffUser,
    reason: str = "",
    confirmed: bool = False,
) -> list[StaffAccessEvent]:
    """Give `user` exactly `roles` (role names or groups).

    Locks the user's row, so two administrators saving at once apply one
    after the other. Refuses (StaffAccessError) a change to the acting user's
    own roles, the administrator role together with a patron-reading one, a
    newly given patron-reading role without a reason unless a superuser
    gives it, and such a role unless `confirmed` (dual control: only
    organisation.dual_control passes it, once a second person confirmed).
    Records every role given or taken away and tells the Director(s) of
    patron-reading roles given, after commit by e-mail. Returns the events
    recorded (none for a superuser).
    """
    _refuse_self(user=user, acting_user=acting_user)
    names = {role.name if isinstance(role, Group) else str(role) for role in roles}
    groups = list(Group.objects.filter(name__in=names))
    missing = names - {group.name for group in groups}
    if missing:
        raise StaffAccessError(UNKNOWN_ROLE.format(name=sorted(missing)[0]))
    refuse_admin_with_patron_role(names)
    user = _locked(user)
    current = set(user.groups.values_list("name", flat=True))
    added, removed = names - current, current - names
    recorded = not is_exempt(acting_user)
    reason = reason.strip()
    granted_reading = sorted(added & PATRON_READING_ROLES)
    if granted_reading and recorded and not reason:
        raise StaffAccessError(REASON_REQUIRED)
    if granted_reading and recorded and not confirmed:
        raise StaffAccessError(CONFIRMATION_REQUIRED)
    if added or removed:
        with _authorize(user.pk):
            user.groups.set(groups)
    if not recorded:
        return []
    events = [
        _record(
            kind=StaffAccessEvent.Kind.ROLE_GRANTED,
            user=user,
            acting_user=acting_user,
            role=role,
            reason=reason,
        )
        for role in sorted(added)
    ] + [
        _record(
            kind=StaffAccessEvent.Kind.ROLE_REVOKED,
            user=user,
            acting_user=acting_user,
            role=role,
            reason=reason,
        )
        for role in sorted(removed)
    ]
    if granted_reading:
        from notices.models import Notice

        labels = ", ".join(Role(name).label for name in granted_reading)
        _tell_directors(
            subject=f"Staff access: {user.get_username()} was given {labels}",
            body=(
                f"{acting_user.get_username()} gave {user.get_username()} the role(s) "
                f"{labels}, which read patron data.\nReason: {reason}"
            ),
            kind=Notice.Kind.STAFF_ACCESS,
        )
    return events


@transaction.atomic
def second_factor_reset(
    *, user: StaffUser, acting_user: StaffUser, reason: str, confirmed: bool = False
) -> StaffAccessEvent | None:
    """Delete `user`'s authenticators so they enrol a new one at next log-in.

    For a lost or replaced phone. Refuses the acting user's own account, an
    account with no authenticator, a reset without a reason (unless a
    superuser resets), and, for an account that reads patron data, a reset
    not `confirmed` by a second person (dual control). Sessions that passed
    the second factor with the deleted device count as unverified from the
    next request on. Records the reset and tells the Director(s).
    """
    _refuse_self(user=user, acting_user=acting_user)
    recorded = not is_exempt(acting_user)
    reason = reason.strip()
    if recorded and not reason:
        raise StaffAccessError(REASON_REQUIRED_RESET)
    user = _locked(user)
    if recorded and not confirmed and reads_patron_data(user):
        raise StaffAccessError(CONFIRMATION_REQUIRED)
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if not deleted:
        raise StaffAccessError(NO_DEVICE)
    if not recorded:
        return None
    from notices.models import Notice

    event = _record(
        kind=StaffAccessEvent.Kind.SECOND_FACTOR_RESET,
        user=user,
        acting_user=acting_user,
        reason=reason,
    )
    _tell_directors(
        subject=f"Staff access: second factor of {user.get_username()} was reset",
        body=(
            f"{acting_user.get_username()} reset the second factor of "
            f"{user.get_username()}; they will enrol a new authenticator at "
            f"their next log-in.\nReason: {reason}"
        ),
        kind=Notice.Kind.SECOND_FACTOR,
    )
    return event


def set_password_url(user: StaffUser) -> str:
    """The absolute link that lets `user` choose a new password, once."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def set_password_link_send(
    *, user: StaffUser, acting_user: StaffUser, confirmed: bool = False
) -> StaffAccessEvent:
    """E-mail `user` a link to choose a password, and record that it was sent.

    Nobody but the user ever sees or sets the password. The link stops
    working once used, when the password changes otherwise, or after
    PASSWORD_RESET_TIMEOUT. Refuses an account without an address or an
    inactive one (one's own password is changed on the own-password page),
    an address changed without confirmation in the last
    UNCONFIRMED_EMAIL_HOLD_DAYS, and, for an account that reads patron data,
    a link not `confirmed` by a second person (dual control). The mail is
    sent inside the transaction: if the mail server refuses it, nothing is
    recorded and the error reaches the caller.
    """
    _refuse_self(user=user, acting_user=acting_user)
    if signs_on_with_directory(user):
        raise StaffAccessError(DIRECTORY_ACCOUNT)
    if not user.is_active:
        raise StaffAccessError(INACTIVE)
    if not user.email:
        raise StaffAccessError(NO_EMAIL)
    _refuse_unconfirmed_email(user)
    if not is_exempt(acting_user) and not confirmed and reads_patron_data(user):
        raise StaffAccessError(CONFIRMATION_REQUIRED)
    event = _record(
        kind=StaffAccessEvent.Kind.PASSWORD_LINK_SENT, user=user, acting_user=acting_user
    )
    context = {
        "user": user,
        "url": set_password_url(user),
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    body = render_to_string("registration/set_password_email.txt", context)
    send_mail(SET_PASSWORD_SUBJECT, body, None, [user.email])
    return event


def staff_access_events() -> QuerySet[StaffAccessEvent]:
    """Every recorded change, newest first (for the Director's page)."""
    return StaffAccessEvent.objects.select_related("user", "acting_user", "change").order_by(
        "-created_at", "-pk"
    )
