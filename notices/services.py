"""Tell staff something: a notice in the app for every recipient, and an
e-mail to each recipient who has an address.

`notice_send` is the one way application code tells a staff member
something. It returns who was told and how, so that a screen can say it
truthfully ("the supervisor was told by e-mail") or warn that nobody could be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from notices import tasks
from notices.delivery import absolute_link, notice_email_deliver
from notices.models import Notice

__all__ = [
    "Delivery",
    "absolute_link",
    "notice_email_deliver",
    "notice_mark_read",
    "notice_send",
    "notices_mark_all_read",
]


@dataclass(frozen=True)
class Delivery:
    """Who a notice reached: everyone in the app, some also by e-mail."""

    in_app: tuple[User, ...] = ()
    by_email: tuple[User, ...] = ()
    notices: tuple[Notice, ...] = field(default=(), repr=False)

    @property
    def nobody(self) -> bool:
        return not self.in_app

    @property
    def app_only(self) -> tuple[User, ...]:
        emailed = {user.pk for user in self.by_email}
        return tuple(user for user in self.in_app if user.pk not in emailed)

    def describe(self) -> str:
        """One sentence for the screen: who was told, and how."""
        if self.nobody:
            return "Nobody could be told: no one holds that role here. Tell them in person."
        parts = []
        if self.by_email:
            parts.append(f"{_names(self.by_email)} by e-mail and in the app")
        if self.app_only:
            parts.append(f"{_names(self.app_only)} in the app only (no e-mail address on file)")
        return "Told " + "; ".join(parts) + "."


def _names(users: Iterable[User]) -> str:
    names = []
    for user in users:
        profile = getattr(user, "staff_profile", None)
        names.append(getattr(profile, "display_name", "") or user.get_username())
    return ", ".join(names)


@transaction.atomic
def notice_send(
    *,
    recipients: Iterable[User | None],
    subject: str,
    body: str = "",
    link: str = "",
    kind: str = Notice.Kind.OTHER,
) -> Delivery:
    """Record a notice for each active recipient (once each) and queue its
    e-mail after commit for those with an address.

    The subject and body must name records by reference only: no patron
    names, contact details or titles, since they travel by e-mail.
    """
    unique: dict[int, User] = {}
    for user in recipients:
        if user is not None and user.is_active:
            unique.setdefault(user.pk, user)
    users = list(unique.values())
    notices = Notice.objects.bulk_create(
        [
            Notice(
                recipient=user,
                kind=kind,
                subject=subject[:200],
                body=body,
                link=link,
                email_to=user.email or "",
            )
            for user in users
        ]
    )
    emailed = tuple(user for user in users if user.email)
    to_mail = [notice.pk for notice in notices if notice.email_to]
    if to_mail:
        transaction.on_commit(lambda: [tasks.send_notice_email.delay(pk) for pk in to_mail])
    return Delivery(in_app=tuple(users), by_email=emailed, notices=tuple(notices))


def notice_mark_read(*, notice: Notice, acting_user: User) -> Notice:
    """Mark the user's own notice read (policies decide whose it is)."""
    if notice.recipient_id != acting_user.pk:
        raise PermissionError("Only the recipient marks a notice read.")
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notices_mark_all_read(*, acting_user: User) -> int:
    return Notice.objects.filter(recipient=acting_user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
