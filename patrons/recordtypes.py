"""The patron's registration (identity and contact) as a confidential
record type (DESIGN section 6), declared once for the registry
(recordtypes). It has no date: a legal production takes it whenever its
scope lists it, and it goes when the patron is de-identified."""

from __future__ import annotations

from typing import Any

from organisation import clock
from patrons.models import Patron
from patrons.retention import InactivePatronHandler
from recordtypes import Declaration, Production, ProductionScope, Row, register
from recordtypes.vocabulary import RecordType

CARDS_SHOWN = 5


def registration(patron: Patron, limit: int) -> dict[str, Any]:
    """Who the patron is, as the desk may read it out."""
    return {
        "name": patron.full_name,
        "date_of_birth": patron.date_of_birth,
        "email": patron.email,
        "phone": patron.phone,
        "address": ", ".join(
            p for p in (patron.address_line, patron.city, patron.postal_code) if p
        ),
        "cards": list(patron.cards.order_by("-issued_on")[:CARDS_SHOWN]),
    }


def _rows(scope: ProductionScope) -> list[Row]:
    patrons = Patron.objects.filter(pk__in=scope.patron_ids).prefetch_related("cards")
    return [
        (
            str(p.pk),
            p.first_name,
            p.last_name,
            p.date_of_birth.isoformat() if p.date_of_birth else "",
            p.email,
            p.phone,
            p.address_line,
            p.city,
            p.postal_code,
            clock.local_day(scope.tz, p.created_at).isoformat(),
            ";".join(sorted(c.barcode for c in p.cards.all())),
        )
        for p in patrons.order_by("pk")
    ]


register(
    Declaration(
        key=RecordType.REGISTRATION.value,
        label=str(RecordType.REGISTRATION.label),
        disclose=registration,
        retention=(InactivePatronHandler,),
        production=Production(
            columns=(
                "patron",
                "first_name",
                "last_name",
                "date_of_birth",
                "email",
                "phone",
                "address",
                "city",
                "postal_code",
                "registered_on",
                "cards",
            ),
            rows=_rows,
            count=lambda scope: Patron.objects.filter(pk__in=scope.patron_ids).count(),
        ),
        # sip2_patron: written by the SIP2 server (sip2/profiles.py) for each
        # answer about the patron to a self-check or PC-reservation terminal.
        # library_export: the record left in the library's export
        # (moving/export.py), by the operator named.
        access_kinds=(
            ("sip2_patron", "A self-service terminal asked who the patron is"),
            ("library_export", "Exported when the library moved to another system"),
        ),
    )
)
