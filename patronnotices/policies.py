"""Who may act on patron notices. Authorization lives only here.

Staff who edit patrons set a patron's preferred channel at the desk. Print
batches carry names and addresses: staff roles that see contact details
print them. Administrators set the wording and schedules in the admin and
see counts only (DESIGN section 4)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from organisation.policies import has_capability
from organisation.users import StaffUser
from patronnotices.models import PrintBatch
from patrons.models import Patron
from patrons.policies import access_patron


def may_set_preferences(user: StaffUser) -> bool:
    """Staff who edit patrons (DESIGN section 4) record how a patron wants
    to hear from the library."""
    return has_capability(user, "manage_patrons")


def can_set_preference(user: StaffUser, patron: Patron) -> bool:
    return may_set_preferences(user) and patron.deidentified_at is None


def access_patron_preference(user: StaffUser, patron_id: int | str | None) -> Patron:
    """The patron whose notice preference the user may set: 403 for a role
    that sets none; 404 for a patron it may not see and a missing one."""
    if not may_set_preferences(user):
        raise PermissionDenied
    patron = access_patron(user, patron_id)
    if not can_set_preference(user, patron):
        raise Http404("No such patron.")
    return patron


def can_print_letters(user: StaffUser) -> bool:
    return has_capability(user, "view_patron_contact")


def require_print_letters(user: StaffUser) -> None:
    if not can_print_letters(user):
        raise PermissionDenied


def print_batches_visible_to(user: StaffUser) -> QuerySet[PrintBatch]:
    if not can_print_letters(user):
        return PrintBatch.objects.none()
    return PrintBatch.objects.select_related("branch")


def access_print_batch(user: StaffUser, batch_id: int | str | None) -> PrintBatch:
    """The batch, for staff who print letters (403 for others); 404 for a
    missing one."""
    require_print_letters(user)
    try:
        pk = int(batch_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("No such print batch.") from None
    batch = print_batches_visible_to(user).filter(pk=pk).first()
    if batch is None:
        raise Http404("No such print batch.")
    return batch
