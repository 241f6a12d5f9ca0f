"""Who may see and change patron records.

Desk roles (volunteer, desk staff, supervisor, director) serve patrons of
every branch: a card works system-wide. Administrators see no patron data
(DESIGN section 4). Contact details are for staff roles only: volunteers
and administrators never receive them.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from organisation.policies import has_capability
from organisation.users import StaffUser
from patrons.models import Patron, ProxyAuthorization


def may_see_patrons(user: StaffUser) -> bool:
    """Whether the user's role reads patron records at all (de-identified
    patrons stay hidden from everyone: see patrons_visible_to)."""
    return has_capability(user, "circulate") or has_capability(user, "manage_patrons")


def can_view_patron(user: StaffUser, patron: Patron) -> bool:
    if patron.deidentified_at is not None:
        return False
    return may_see_patrons(user)


def patrons_visible_to(user: StaffUser) -> QuerySet[Patron]:
    if not may_see_patrons(user):
        return Patron.objects.none()
    return Patron.objects.filter(deidentified_at__isnull=True)


def access_patron(user: StaffUser, patron_id: int | str | None) -> Patron:
    """The patron, or Http404 for a forbidden and a missing one alike."""
    try:
        pk = int(patron_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("No such patron.") from None
    patron = patrons_visible_to(user).filter(pk=pk).first()
    if patron is None:
        raise Http404("No such patron.")
    return patron


def access_proxy(user: StaffUser, patron: Patron, proxy_id: int | str | None) -> ProxyAuthorization:
    """A proxy authorization on `patron`'s card (which the caller got
    through access_patron); Http404 for another card's and a missing one."""
    try:
        pk = int(proxy_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("No such proxy.") from None
    proxy = ProxyAuthorization.objects.filter(
        pk=pk, cardholder__in=patrons_visible_to(user).filter(pk=patron.pk)
    ).first()
    if proxy is None:
        raise Http404("No such proxy.")
    return proxy


def can_view_contact(user: StaffUser, patron: Patron | None = None) -> bool:
    """Contact and address: staff roles only, never volunteers or admins."""
    return has_capability(user, "view_patron_contact")


def can_manage_patrons(user: StaffUser) -> bool:
    """Register and edit patrons, cards, guardians and proxies."""
    return has_capability(user, "manage_patrons")


def can_withdraw_history(user: StaffUser, patron: Patron) -> bool:
    """Staff who edit patrons record a patron's change of mind about
    keeping their loan history (DESIGN section 4: register / edit patrons); erasing it
    is patrons.history.loan_history_withdraw."""
    return has_capability(user, "manage_patrons") and patron.deidentified_at is None


def access_patron_history_choice(user: StaffUser, patron_id: int) -> Patron:
    """The patron whose history opt-in this user may withdraw; 404 for a
    forbidden patron and a missing one alike."""
    if not has_capability(user, "manage_patrons"):
        raise Http404
    patron = Patron.objects.filter(pk=patron_id).first()
    if patron is None or not can_withdraw_history(user, patron):
        raise Http404
    return patron
