"""Patron reads for the patron pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from organisation.users import StaffUser
from patrons import policies
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

SEARCH_LIMIT = 50


def patron_search(*, user: StaffUser, query: str) -> QuerySet[Patron]:
    """Patrons whose card barcode is `query`, or whose names start with its
    words (each word matching the first or last name)."""
    visible = policies.patrons_visible_to(user)
    if query.isascii() and query.isdigit():
        return visible.filter(cards__barcode=query).select_related("home_branch")
    qs = visible
    for word in query.split()[:4]:
        qs = qs.filter(Q(first_name__istartswith=word) | Q(last_name__istartswith=word))
    return qs.select_related("home_branch").order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT]


def patron_record(*, patron: Patron) -> dict[str, Any]:
    """The cards, guardians, wards and proxies shown on the patron page."""
    return {
        "cards": list(Card.objects.filter(patron=patron).order_by("-issued_on", "-pk")),
        "guardians": list(
            GuardianLink.objects.filter(patron=patron).select_related(
                "guardian_patron", "verified_by__staff_profile"
            )
        ),
        "wards": list(GuardianLink.objects.filter(guardian_patron=patron).select_related("patron")),
        "proxies": list(
            ProxyAuthorization.objects.filter(cardholder=patron).select_related(
                "created_by__staff_profile"
            )
        ),
    }
