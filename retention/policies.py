"""Who may act on retention from the desk. Authorization lives only here."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from libraryservice.policies import has_capability
from patrons.models import Patron


def can_withdraw_history(user: Any, patron: Patron) -> bool:
    """Staff who edit patrons record a patron's change of mind about
    keeping their loan history (DESIGN section 4: register / edit patrons)."""
    return has_capability(user, "manage_patrons") and patron.deidentified_at is None


def access_patron_history_choice(user: Any, patron_id: int) -> Patron:
    """The patron whose history opt-in this user may withdraw; 404 for a
    forbidden patron and a missing one alike."""
    if not has_capability(user, "manage_patrons"):
        raise Http404
    patron = Patron.objects.filter(pk=patron_id).first()
    if patron is None or not can_withdraw_history(user, patron):
        raise Http404
    return patron
