"""Patron writes: registration, cards, guardians and proxies.

Keyword-only, atomic, and re-checking the manage_patrons capability: these
services change confidential records.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisation import clock
from organisation.models import Branch
from organisation.users import StaffUser
from patrons import policies, schemes
from patrons.barcodes import validate_card_barcode
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

NOT_ALLOWED = "Your role may not register or change patrons."
BARCODE_TAKEN = "This card barcode is already in use."
CARD_ALREADY_ACTIVE = "This patron already has an active card: replace it instead."
CARD_NOT_REPLACEABLE = "Only an active or expired card can be replaced."
REPLACE_STATUS_INVALID = "A card is replaced because it was lost, stolen or worn out."
EXPIRY_IN_PAST = "The expiry date must be in the future."
GUARDIAN_NEEDED = "Name the guardian or find their library card."
GUARDIAN_SELF = "A patron cannot be their own guardian."
GUARDIAN_DUPLICATE = "This guardian is already linked to this patron."
PROXY_NAME_NEEDED = "Name the person the cardholder authorizes."
PROXY_NOTHING_ALLOWED = "A proxy must be allowed to borrow, to pick up holds, or both."
HISTORY_WITHDRAW_ELSEWHERE = (
    "Stopping the loan history erases it: use \u201cStop keeping loan history\u201d, "
    "which asks the patron to confirm first."
)
PROXY_ALREADY_REVOKED = "This proxy authorization was already revoked."

PATRON_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "category",
    "email",
    "phone",
    "address_line",
    "city",
    "postal_code",
    "home_branch",
    "keeps_loan_history",
    "shares_with_guardian",
    "notes",
)


class PatronError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _require_manage(user: StaffUser) -> None:
    if not policies.can_manage_patrons(user):
        raise PatronError(NOT_ALLOWED)


def _check_barcode(barcode: str) -> str:
    try:
        validate_card_barcode(barcode)
    except ValidationError as exc:
        raise PatronError(exc.messages[0]) from None
    if Card.objects.filter(barcode=barcode).exists():
        raise PatronError(BARCODE_TAKEN)
    if schemes.item_barcodes([barcode]):
        raise PatronError(schemes.BARCODE_IS_AN_ITEM)
    return barcode


def default_card_expiry(branch: Branch, today: datetime.date | None = None) -> datetime.date:
    today = today or clock.server_day()
    years = branch.system.card_validity_years
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def _new_card(*, patron: Patron, barcode: str, expires_on: datetime.date) -> Card:
    if expires_on <= clock.server_day():
        raise PatronError(EXPIRY_IN_PAST)
    try:
        with transaction.atomic():
            return Card.objects.create(patron=patron, barcode=barcode, expires_on=expires_on)
    except IntegrityError:
        raise PatronError(BARCODE_TAKEN) from None


@transaction.atomic
def patron_register(
    *,
    acting_user: StaffUser,
    first_name: str,
    last_name: str,
    home_branch: Branch,
    card_barcode: str = "",
    card_expires_on: datetime.date | None = None,
    **fields: Any,
) -> Patron:
    """Create a patron and, given a barcode, their first card."""
    _require_manage(acting_user)
    unknown = set(fields) - set(PATRON_FIELDS)
    if unknown:
        raise TypeError(f"unknown patron fields: {sorted(unknown)}")
    if card_barcode:
        _check_barcode(card_barcode)
    patron = Patron.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        home_branch=home_branch,
        keeps_loan_history_since=timezone.now() if fields.get("keeps_loan_history") else None,
        **fields,
    )
    if card_barcode:
        _new_card(
            patron=patron,
            barcode=card_barcode,
            expires_on=card_expires_on or default_card_expiry(home_branch),
        )
    return patron


@transaction.atomic
def patron_update(*, patron: Patron, acting_user: StaffUser, **fields: Any) -> Patron:
    """Change the given fields only; turning history keeping on stamps when.

    Turning it off is refused here: that erases the history and goes through
    the confirmation of patrons.history.loan_history_withdraw.
    """
    _require_manage(acting_user)
    unknown = set(fields) - set(PATRON_FIELDS)
    if unknown:
        raise TypeError(f"unknown patron fields: {sorted(unknown)}")
    patron = Patron.objects.select_for_update().get(pk=patron.pk)
    if patron.keeps_loan_history and fields.get("keeps_loan_history") is False:
        # Withdrawing the opt-in erases the history at once, after a
        # confirmation that says so (patrons.history.loan_history_withdraw).
        raise PatronError(HISTORY_WITHDRAW_ELSEWHERE)
    changed = [name for name, value in fields.items() if getattr(patron, name) != value]
    if "keeps_loan_history" in changed:
        patron.keeps_loan_history_since = timezone.now() if fields["keeps_loan_history"] else None
        changed.append("keeps_loan_history_since")
    for name in changed:
        if name != "keeps_loan_history_since":
            setattr(patron, name, fields[name])
    if changed:
        patron.save(update_fields=[*changed, "updated_at"])
    return patron


@transaction.atomic
def card_issue(
    *,
    patron: Patron,
    barcode: str,
    acting_user: StaffUser,
    expires_on: datetime.date | None = None,
) -> Card:
    """A first (or next) card for a patron with no active card."""
    _require_manage(acting_user)
    patron = Patron.objects.select_for_update().get(pk=patron.pk)
    _check_barcode(barcode)
    if patron.cards.filter(status=Card.Status.ACTIVE).exists():
        raise PatronError(CARD_ALREADY_ACTIVE)
    return _new_card(
        patron=patron,
        barcode=barcode,
        expires_on=expires_on or default_card_expiry(patron.home_branch),
    )


@transaction.atomic
def card_replace(
    *,
    card: Card,
    new_barcode: str,
    reason: str,
    acting_user: StaffUser,
    expires_on: datetime.date | None = None,
) -> Card:
    """Block the old card at once (lost, stolen or replaced) and issue a new
    active one. Locks the old card row, so a checkout on it in flight either
    finishes first or sees it blocked."""
    _require_manage(acting_user)
    if reason not in (Card.Status.LOST, Card.Status.STOLEN, Card.Status.REPLACED):
        raise PatronError(REPLACE_STATUS_INVALID)
    old = Card.objects.select_for_update().select_related("patron__home_branch").get(pk=card.pk)
    if old.status not in (Card.Status.ACTIVE, Card.Status.EXPIRED):
        raise PatronError(CARD_NOT_REPLACEABLE)
    _check_barcode(new_barcode)
    old.status = reason
    old.status_changed_at = timezone.now()
    old.save(update_fields=["status", "status_changed_at"])
    new = _new_card(
        patron=old.patron,
        barcode=new_barcode,
        expires_on=expires_on or default_card_expiry(old.patron.home_branch),
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return new


@transaction.atomic
def guardian_link_add(
    *,
    patron: Patron,
    relationship: str,
    acting_user: StaffUser,
    guardian_patron: Patron | None = None,
    guardian_name: str = "",
    proof: str = "",
) -> GuardianLink:
    """Record a parent or guardian, with who verified the proof and when."""
    _require_manage(acting_user)
    guardian_name = (guardian_name or "").strip()
    if guardian_patron is None and not guardian_name:
        raise PatronError(GUARDIAN_NEEDED)
    if guardian_patron is not None and guardian_patron.pk == patron.pk:
        raise PatronError(GUARDIAN_SELF)
    existing = GuardianLink.objects.filter(patron=patron)
    if (
        guardian_patron is not None and existing.filter(guardian_patron=guardian_patron).exists()
    ) or (
        guardian_patron is None and existing.filter(guardian_name__iexact=guardian_name).exists()
    ):
        raise PatronError(GUARDIAN_DUPLICATE)
    return GuardianLink.objects.create(
        patron=patron,
        guardian_patron=guardian_patron,
        guardian_name="" if guardian_patron is not None else guardian_name,
        relationship=relationship,
        proof=proof,
        verified_by=acting_user if proof else None,
        verified_at=timezone.now() if proof else None,
    )


@transaction.atomic
def proxy_authorize(
    *,
    cardholder: Patron,
    proxy_name: str,
    expires_on: datetime.date,
    acting_user: StaffUser,
    may_borrow: bool = True,
    may_pick_up_holds: bool = True,
    proxy_patron: Patron | None = None,
) -> ProxyAuthorization:
    """The cardholder names someone who may borrow and/or pick up holds."""
    _require_manage(acting_user)
    proxy_name = (proxy_name or "").strip()
    if not proxy_name and proxy_patron is not None:
        proxy_name = proxy_patron.full_name
    if not proxy_name:
        raise PatronError(PROXY_NAME_NEEDED)
    if not (may_borrow or may_pick_up_holds):
        raise PatronError(PROXY_NOTHING_ALLOWED)
    if expires_on <= clock.server_day():
        raise PatronError(EXPIRY_IN_PAST)
    return ProxyAuthorization.objects.create(
        cardholder=cardholder,
        proxy_name=proxy_name[:200],
        proxy_patron=proxy_patron,
        may_borrow=may_borrow,
        may_pick_up_holds=may_pick_up_holds,
        expires_on=expires_on,
        created_by=acting_user,
    )


@transaction.atomic
def proxy_revoke(*, proxy: ProxyAuthorization, acting_user: StaffUser) -> ProxyAuthorization:
    """Stop a proxy authorization now; it stays on record as revoked."""
    _require_manage(acting_user)
    proxy = ProxyAuthorization.objects.select_for_update().get(pk=proxy.pk)
    if proxy.revoked_at is not None:
        raise PatronError(PROXY_ALREADY_REVOKED)
    proxy.revoked_at = timezone.now()
    proxy.save(update_fields=["revoked_at"])
    return proxy
