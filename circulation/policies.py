"""Who may see and act on loans, holds and fees. The only place these rules
live.

Each record type follows one shape: `<records>_visible_to(user)` is the
queryset of what the user may see, `can_<action>(user, record)` the yes/no
check built on it, and `access_<record>(user, id)` fetches a visible record
or raises Http404, so that a forbidden record and a missing one look the
same. A loan, hold or fee is visible to whoever may circulate and may see
its patron (patrons/policies.py): desk roles, never administrators, never
for a de-identified patron.

The role-level checks (`can_circulate`, `can_override_blocks`, ...) are what
the services re-check; the object-level ones add visibility.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from circulation.models import Fee, Hold, Loan
from organisation.policies import has_capability
from organisation.users import StaffUser
from patrons import policies as patron_policies
from patrons.models import Patron

# ------------------------------------------------------------- role level


def can_circulate(user: StaffUser) -> bool:
    """Check out, check in, renew, place and cancel holds, take payments."""
    return has_capability(user, "circulate")


def can_override_blocks(user: StaffUser) -> bool:
    """Lend despite an overridable block, giving a reason (supervisors up)."""
    return has_capability(user, "circulate") and has_capability(user, "override_blocks")


def can_waive_fees(user: StaffUser) -> bool:
    """Waive a fee with a reason: supervisors and the director."""
    return has_capability(user, "circulate") and has_capability(user, "override_blocks")


def can_declare_lost(user: StaffUser) -> bool:
    """Declare a loan's item lost, charging its replacement cost: staff
    roles, not volunteers (it puts a fee on the patron's record)."""
    return has_capability(user, "circulate") and has_capability(user, "manage_patrons")


# ------------------------------------------------------------ visibility


def _circulating_patrons(user: StaffUser) -> QuerySet[Patron] | None:
    """The patrons whose circulation records `user` may see, or None."""
    if not can_circulate(user):
        return None
    return patron_policies.patrons_visible_to(user)


def loans_visible_to(user: StaffUser) -> QuerySet[Loan]:
    """Loans of patrons the user may see, for users who circulate.

    Loans already anonymized by retention (no patron) are nobody's to act
    on from the desk.
    """
    patrons = _circulating_patrons(user)
    if patrons is None:
        return Loan.objects.none()
    return Loan.objects.filter(patron__in=patrons.values("pk"))


def holds_visible_to(user: StaffUser) -> QuerySet[Hold]:
    patrons = _circulating_patrons(user)
    if patrons is None:
        return Hold.objects.none()
    return Hold.objects.filter(patron__in=patrons.values("pk"))


def fees_visible_to(user: StaffUser) -> QuerySet[Fee]:
    patrons = _circulating_patrons(user)
    if patrons is None:
        return Fee.objects.none()
    return Fee.objects.filter(patron__in=patrons.values("pk"))


def _as_pk(record_id: int | str | None) -> int:
    try:
        return int(record_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("No such record.") from None


def access_loan(user: StaffUser, loan_id: int | str | None) -> Loan:
    """The loan (with its item) if `user` may see it; Http404 for a
    forbidden and a missing loan alike."""
    loan = loans_visible_to(user).select_related("item").filter(pk=_as_pk(loan_id)).first()
    if loan is None:
        raise Http404("No such loan.")
    return loan


def access_hold(user: StaffUser, hold_id: int | str | None) -> Hold:
    """The hold (with its item) if `user` may see it; Http404 otherwise."""
    hold = holds_visible_to(user).select_related("item").filter(pk=_as_pk(hold_id)).first()
    if hold is None:
        raise Http404("No such hold.")
    return hold


def access_fee(user: StaffUser, fee_id: int | str | None) -> Fee:
    """The fee if `user` may see it; Http404 otherwise."""
    fee = fees_visible_to(user).filter(pk=_as_pk(fee_id)).first()
    if fee is None:
        raise Http404("No such fee.")
    return fee


# ---------------------------------------------------------- object level


def can_view_loan(user: StaffUser, loan: Loan) -> bool:
    return loans_visible_to(user).filter(pk=loan.pk).exists()


def can_renew(user: StaffUser, loan: Loan) -> bool:
    """Whether the user may ask for a renewal; whether the loan may be
    renewed at all is circulation/rules.py's renewal rule."""
    return can_view_loan(user, loan)


def can_declare_loan_lost(user: StaffUser, loan: Loan) -> bool:
    return can_declare_lost(user) and can_view_loan(user, loan)


def can_place_hold(user: StaffUser, patron: Patron) -> bool:
    return can_circulate(user) and patron_policies.can_view_patron(user, patron)


def can_view_fee(user: StaffUser, fee: Fee) -> bool:
    return fees_visible_to(user).filter(pk=fee.pk).exists()
