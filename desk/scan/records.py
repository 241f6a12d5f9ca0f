"""The desk's actions on one row of the card summary: renew, declare lost,
place and cancel a hold, take or waive a fee. Each names its row in the post
(the summary's one form per action) or in the URL, and answers as the scan
does (`desk.scan.views`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from circulation import policies as circ_policies
from circulation import services as circ
from desk.scan import forms, selectors
from desk.scan.messages import (  # noqa: F401 (tests and other views read them here)
    ALREADY_ON_CARD,
    BLOCKED,
    CHECKED_IN,
    CHECKED_OUT,
    CHECKED_OUT_OVERRIDE,
    DECLARED_LOST,
    DECLARED_LOST_NO_FEE,
    FEE_PAID,
    FEE_WAIVED,
    HOLD_CANCELLED,
    HOLD_PLACED,
    LOST_HOLDS_WAITING,
    NEXT_PATRON,
    NO_BRANCH,
    NO_CARD,
    NO_PATRON_IN_VIEW,
    PATRON_GONE,
    PROXY_UNKNOWN,
    RENEWED,
    UNKNOWN_CARD,
    UNKNOWN_ITEM,
    CheckinOffer,
    LostConfirmation,
    Notice,
    Override,
)
from desk.scan.views import (
    _card_acted_for,
    _card_for_record,
    _gone,
    _local,
    _PatronGone,
    _remember,
    _remembered_proxy,
    _respond,
    _respond_for_form,
    desk_view,
)
from organisation.users import StaffRequest


def _chosen_row(request: HttpRequest, name: str) -> int | None:
    """The record a summary row's button names (its `name` value), or None
    when the post names none or no valid id."""
    form = forms.ChosenRowForm(request.POST, name=name)
    return form.cleaned_data[name] if form.is_valid() else None


@require_POST
@desk_view
def renew(request: StaffRequest, loan_id: int | None = None) -> HttpResponse:
    """Renew a loan: the one in the URL, or (the summary's one renew form)
    the one its pressed button names."""
    loan_id = loan_id or _chosen_row(request, "loan")
    if loan_id is None:
        return _respond_for_form(request, Notice("bad", forms.NO_ROW), status=400)
    loan = circ_policies.access_loan(request.user, loan_id)
    card = _card_for_record(request, loan.patron_id)
    try:
        loan = circ.loan_renew(loan=loan, acting_user=request.user)
    except circ.CirculationError as error:
        return _respond(request, card=card, notice=Notice("bad", error.message), status=409)
    return _respond(
        request,
        card=card,
        notice=Notice("ok", RENEWED.format(title=loan.item.title, due=_local(loan.due_at))),
        selected_proxy=_remembered_proxy(request, card),
    )


@require_POST
@desk_view
def loan_lost(request: StaffRequest, loan_id: int | None = None) -> HttpResponse:
    """Declare a loan's item lost: first a confirmation that says what the
    patron will be charged, then (with confirm=yes) the fee. The loan is
    the URL's, or the one the pressed button names."""
    loan_id = loan_id or _chosen_row(request, "loan")
    if loan_id is None:
        return _respond_for_form(request, Notice("bad", forms.NO_ROW), status=400)
    loan = circ_policies.access_loan(request.user, loan_id)
    if not circ_policies.can_declare_loan_lost(request.user, loan):
        raise PermissionDenied
    card = _card_for_record(request, loan.patron_id)
    if loan.returned_at is not None:
        return _respond(request, card=card, notice=Notice("bad", circ.LOST_NOT_OPEN), status=409)
    if request.POST.get("confirm") != "yes":
        return _respond(
            request,
            card=card,
            confirm_lost=LostConfirmation(
                loan.pk, loan.item.title, f"{loan.item.replacement_cost:.2f}"
            ),
        )
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    try:
        fee = circ.loan_declare_lost(loan=loan, acting_user=request.user, branch=branch)
    except circ.CirculationError as error:
        return _respond(request, card=card, notice=Notice("bad", error.message), status=409)
    title = loan.item.title
    if fee is None:
        notice = Notice("warn", DECLARED_LOST_NO_FEE.format(title=title))
    else:
        notice = Notice("warn", DECLARED_LOST.format(title=title, amount=f"{fee.amount:.2f}"))
    waiting = selectors.holds_waiting_count(item_id=loan.item_id)
    if waiting:
        who = "One patron is" if waiting == 1 else f"{waiting} patrons are"
        notice.lines.append(LOST_HOLDS_WAITING.format(who=who))
    return _respond(request, card=card, notice=notice)


@require_POST
@desk_view
def hold_place(request: StaffRequest) -> HttpResponse:
    try:
        card = _card_acted_for(request)
    except _PatronGone:
        return _gone(request)
    if card is None or not circ_policies.can_place_hold(request.user, card.patron):
        return _respond(request, card=None, notice=Notice("bad", NO_PATRON_IN_VIEW), status=400)
    form = forms.ItemScanForm(request.POST)
    if not form.is_valid():
        error = forms.first_error(form)
        return _respond(
            request, card=card, notice=Notice("bad", error), status=400, hold_error=error
        )
    item = selectors.item_by_barcode(form.cleaned_data["barcode"])
    if item is None:
        return _respond(
            request,
            card=card,
            notice=Notice("bad", UNKNOWN_ITEM),
            status=404,
            hold_error=UNKNOWN_ITEM,
        )
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    _remember(request, card)
    try:
        hold = circ.hold_place(
            item=item, patron=card.patron, pickup_branch=branch, acting_user=request.user
        )
    except circ.CirculationError as error:
        return _respond(
            request,
            card=card,
            notice=Notice("bad", error.message),
            status=409,
            hold_error=error.message,
        )
    position = selectors.hold_queue_position(hold=hold)
    return _respond(
        request,
        card=card,
        notice=Notice("ok", HOLD_PLACED.format(title=item.title, position=position)),
    )


@require_POST
@desk_view
def hold_cancel(request: StaffRequest, hold_id: int | None = None) -> HttpResponse:
    """Cancel a hold: the URL's, or the one the pressed button names."""
    hold_id = hold_id or _chosen_row(request, "hold")
    if hold_id is None:
        return _respond_for_form(request, Notice("bad", forms.NO_ROW), status=400)
    hold = circ_policies.access_hold(request.user, hold_id)
    card = _card_for_record(request, hold.patron_id)
    try:
        circ.hold_cancel(hold=hold, acting_user=request.user)
    except circ.CirculationError as error:
        return _respond(request, card=card, notice=Notice("bad", error.message), status=409)
    return _respond(
        request,
        card=card,
        notice=Notice("ok", HOLD_CANCELLED.format(title=hold.title_record.title)),
    )


@require_POST
@desk_view
def fee_pay(request: StaffRequest, fee_id: int | None = None) -> HttpResponse:
    """Record a fee paid: the URL's, or the one the pressed button names."""
    fee_id = fee_id or _chosen_row(request, "fee")
    if fee_id is None:
        return _respond_for_form(request, Notice("bad", forms.NO_ROW), status=400)
    fee = circ_policies.access_fee(request.user, fee_id)
    card = _card_for_record(request, fee.patron_id)
    try:
        fee = circ.fee_pay(fee=fee, acting_user=request.user)
    except circ.CirculationError as error:
        return _respond(request, card=card, notice=Notice("bad", error.message), status=409)
    return _respond(
        request, card=card, notice=Notice("ok", FEE_PAID.format(amount=f"{fee.amount:.2f}"))
    )


@require_POST
@desk_view
def fee_waive(request: StaffRequest, fee_id: int | None = None) -> HttpResponse:
    """Waive a fee with a reason: the URL's fee, or the form's `fee`."""
    if not circ_policies.can_waive_fees(request.user):
        raise PermissionDenied
    fee_id = fee_id or _chosen_row(request, "fee")
    if fee_id is None:
        return _respond_for_form(request, Notice("bad", forms.NO_ROW), status=400)
    fee = circ_policies.access_fee(request.user, fee_id)
    card = _card_for_record(request, fee.patron_id)
    form = forms.WaiveForm(request.POST)
    if not form.is_valid():
        return _respond(
            request, card=card, notice=Notice("bad", forms.first_error(form)), status=400
        )
    try:
        fee = circ.fee_waive(fee=fee, acting_user=request.user, reason=form.cleaned_data["reason"])
    except circ.CirculationError as error:
        return _respond(request, card=card, notice=Notice("bad", error.message), status=409)
    return _respond(
        request, card=card, notice=Notice("ok", FEE_WAIVED.format(amount=f"{fee.amount:.2f}"))
    )
