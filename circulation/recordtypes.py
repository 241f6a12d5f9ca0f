"""Circulation's confidential record types (DESIGN section 6): current
loans, loan history, holds and fees, each declared once for the registry
(recordtypes): what the desk may read out, the retention handlers that
expunge them, the rows of a legal production and what opening them logs.
"""

from __future__ import annotations

from django.db.models import QuerySet

from circulation.models import Fee, Hold, Loan
from circulation.retention import FeeHandler, HoldHandler, LoanHandler
from patrons.models import Patron
from recordtypes import Declaration, Production, ProductionScope, Row, production_moment, register
from recordtypes.vocabulary import AccessKind, RecordType

# -- what the desk may read out ---------------------------------------------


def current_loans(patron: Patron, limit: int) -> list[Loan]:
    return list(
        Loan.objects.filter(patron=patron, returned_at__isnull=True)
        .select_related("item")
        .order_by("due_at")[:limit]
    )


def loan_history(patron: Patron, limit: int) -> list[Loan] | None:
    """The returned loans kept, or None for a patron who keeps no history."""
    if not patron.keeps_loan_history:
        return None
    return list(
        Loan.objects.filter(patron=patron, returned_at__isnull=False)
        .select_related("item")
        .order_by("-returned_at")[:limit]
    )


def open_holds(patron: Patron, limit: int) -> list[Hold]:
    return list(
        Hold.objects.filter(patron=patron, status__in=Hold.OPEN_STATUSES)
        .select_related("item", "title_record", "pickup_branch")
        .order_by("placed_at")[:limit]
    )


def open_fees(patron: Patron, limit: int) -> list[Fee]:
    return list(
        Fee.objects.filter(patron=patron, status=Fee.Status.OPEN)
        .select_related("loan__item")
        .order_by("created_at")[:limit]
    )


# -- what a legal production takes: by the day of checkout, placing or
# charge, inclusive, on the branch's calendar ------------------------------


def _loans(scope: ProductionScope, *, returned: bool) -> QuerySet[Loan]:
    start, end = scope.bounds
    return Loan.objects.filter(
        patron_id__in=scope.patron_ids,
        checked_out_at__gte=start,
        checked_out_at__lt=end,
        returned_at__isnull=not returned,
    )


def _loan_rows(scope: ProductionScope, *, returned: bool) -> list[Row]:
    tz = scope.tz
    loans = _loans(scope, returned=returned).select_related("item", "branch")
    return [
        (
            str(loan.patron_id),
            str(loan.pk),
            loan.item.barcode,
            loan.item.title,
            loan.branch.code,
            production_moment(loan.checked_out_at, tz),
            production_moment(loan.returned_at if returned else loan.due_at, tz),
        )
        for loan in loans.order_by("patron_id", "checked_out_at", "pk")
    ]


def _holds(scope: ProductionScope) -> QuerySet[Hold]:
    start, end = scope.bounds
    return Hold.objects.filter(
        patron_id__in=scope.patron_ids, placed_at__gte=start, placed_at__lt=end
    )


def _hold_rows(scope: ProductionScope) -> list[Row]:
    tz = scope.tz
    return [
        (
            str(h.patron_id),
            str(h.pk),
            # A title-level hold names no copy until one is set aside.
            h.item.barcode if h.item is not None else "",
            h.item.title if h.item is not None else h.title_record.title,
            h.status,
            production_moment(h.placed_at, tz),
            production_moment(h.closed_at, tz),
        )
        for h in _holds(scope)
        .select_related("item", "title_record")
        .order_by("patron_id", "placed_at", "pk")
    ]


def _fees(scope: ProductionScope) -> QuerySet[Fee]:
    start, end = scope.bounds
    return Fee.objects.filter(
        patron_id__in=scope.patron_ids, created_at__gte=start, created_at__lt=end
    )


def _fee_rows(scope: ProductionScope) -> list[Row]:
    tz = scope.tz
    fees = _fees(scope).select_related("loan__item").order_by("patron_id", "created_at", "pk")
    return [
        (
            str(f.patron_id),
            str(f.pk),
            f.kind,
            f"{f.amount:.2f}",
            f.status,
            production_moment(f.created_at, tz),
            production_moment(f.closed_at, tz),
            f.loan.item.barcode if f.loan is not None else "",
        )
        for f in fees
    ]


LOAN_COLUMNS = ("patron", "loan", "item_barcode", "title", "branch", "checked_out_at")

register(
    Declaration(
        key=RecordType.CURRENT_LOANS.value,
        label=str(RecordType.CURRENT_LOANS.label),
        disclose=current_loans,
        # A loan returned while a hold is on keeps its patron.
        retention=(LoanHandler,),
        production=Production(
            columns=(*LOAN_COLUMNS, "due_at"),
            rows=lambda scope: _loan_rows(scope, returned=False),
            count=lambda scope: _loans(scope, returned=False).count(),
        ),
        # Written by the SIP2 server (sip2/profiles.py), one per answer.
        access_kinds=(
            ("sip2_checkout", "Checkout at a self-service terminal"),
            ("sip2_renewal", "Renewal at a self-service terminal"),
        ),
    )
)
register(
    Declaration(
        key=RecordType.LOAN_HISTORY.value,
        label=str(RecordType.LOAN_HISTORY.label),
        disclose=loan_history,
        retention=(LoanHandler,),
        production=Production(
            columns=(*LOAN_COLUMNS, "returned_at"),
            rows=lambda scope: _loan_rows(scope, returned=True),
            count=lambda scope: _loans(scope, returned=True).count(),
        ),
        access_kinds=((AccessKind.LOAN_HISTORY.value, str(AccessKind.LOAN_HISTORY.label)),),
    )
)
register(
    Declaration(
        key=RecordType.HOLDS.value,
        label=str(RecordType.HOLDS.label),
        disclose=open_holds,
        retention=(HoldHandler,),
        production=Production(
            columns=("patron", "hold", "item_barcode", "title", "status", "placed_at", "closed_at"),
            rows=_hold_rows,
            count=lambda scope: _holds(scope).count(),
        ),
    )
)
register(
    Declaration(
        key=RecordType.FEES.value,
        label=str(RecordType.FEES.label),
        disclose=open_fees,
        retention=(FeeHandler,),
        production=Production(
            columns=(
                "patron",
                "fee",
                "kind",
                "amount",
                "status",
                "charged_at",
                "closed_at",
                "item_barcode",
            ),
            rows=_fee_rows,
            count=lambda scope: _fees(scope).count(),
        ),
        access_kinds=(("sip2_payment", "Fee payment at a self-service terminal"),),
    )
)
