"""The desk screen: one scan field, the patron in view, and the actions.

Every view answers an htmx request with the desk region (and the status
message out of band) and a plain request with the whole page, so the desk
works without JavaScript. The patron in view is kept in the session as an
id; the address bar shows at most /desk/patron/<id>/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from circulation import policies as circ_policies
from circulation import services as circ
from circulation.models import Fee, Hold, Item, Loan
from desk import forms, selectors
from patrons import policies as patron_policies
from patrons.models import Card, ProxyAuthorization

SESSION_PATRON = "desk_patron_id"
SESSION_CARD = "desk_card_id"
SESSION_PROXY = "desk_proxy_id"

NO_BRANCH = "Your staff profile has no branch yet: ask an administrator to assign one."
UNKNOWN_CARD = "No patron has this card barcode. Check it, or register the patron."
UNKNOWN_ITEM = "No item has this barcode. Check it, or set the item aside for cataloguing."
NO_PATRON_IN_VIEW = "Scan the patron's card first."
NO_CARD = "This patron has no library card: issue one before lending."
PROXY_UNKNOWN = "That proxy is not on this patron's record."
NEXT_PATRON = "Ready for the next patron."
CHECKED_OUT = "Checked out: {title}. Due {due:%a %d %b %Y}."
CHECKED_OUT_OVERRIDE = "Checked out with an override: {title}. Due {due:%a %d %b %Y}."
CHECKED_IN = "Checked in: {title}."
RENEWED = "Renewed: {title}. Now due {due:%a %d %b %Y}."
HOLD_PLACED = "Hold placed: {title}. Position {position} in the queue."
HOLD_CANCELLED = "Hold cancelled: {title}."
FEE_PAID = "Payment of ${amount} recorded."
FEE_WAIVED = "Fee of ${amount} waived."
DECLARED_LOST = "Declared lost: {title}. A lost-item fee of ${amount} was charged."
DECLARED_LOST_NO_FEE = "Declared lost: {title}. No fee: the item has no replacement cost."
LOST_HOLDS_WAITING = (
    "{who} waiting for this item. Holds on it stay in the queue and are filled if it "
    "is found; to get another copy for them, tell the collection team."
)
BLOCKED = "Not checked out: {title}."


@dataclass
class Notice:
    level: str  # ok, warn, bad
    text: str
    lines: list[str] = field(default_factory=list)


@dataclass
class LostConfirmation:
    """Asked before declaring a loan's item lost: it charges the patron."""

    loan_id: int
    title: str
    amount: str


@dataclass
class Override:
    barcode: str
    title: str
    proxy_id: int | None
    allowed: bool


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def desk_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, allowed to circulate, and working at a branch."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not circ_policies.can_circulate(request.user):
            raise PermissionDenied
        if selectors.desk_branch(request.user) is None:
            return _respond(request, notice=Notice("bad", NO_BRANCH), status=403, patron=False)
        return view(request, *args, **kwargs)

    return wrapper


def _respond(
    request: HttpRequest,
    *,
    notice: Notice | None = None,
    status: int = 200,
    patron: bool = True,
    override: Override | None = None,
    hold_error: str = "",
    card: Card | None = None,
    confirm_lost: LostConfirmation | None = None,
) -> HttpResponse:
    """Render the desk with the patron in view (if any); `card`, when the
    caller already holds the card in view, saves fetching it again."""
    user = request.user
    profile = selectors.staff_profile_for(user)
    summary = None
    if patron and profile is not None and profile.branch is not None:
        patron_id = request.session.get(SESSION_PATRON)
        if patron_id is not None:
            if card is None or card.patron_id != patron_id:
                card = selectors.card_for_patron(
                    user=user, patron_id=patron_id, card_id=request.session.get(SESSION_CARD)
                )
            if card is None:
                _forget_patron(request)
            else:
                summary = selectors.patron_summary(
                    user=user, card=card, threshold=profile.branch.system.fee_block_threshold
                )
    context = {
        "summary": summary,
        "notice": notice,
        "override": override,
        "confirm_lost": confirm_lost,
        "can_declare_lost": circ_policies.can_declare_lost(user),
        "hold_error": hold_error,
        "desk_branch": profile.branch if profile else None,
        "can_override": circ_policies.can_override_blocks(user),
        "can_waive": circ_policies.can_waive_fees(user),
        "can_manage": patron_policies.can_manage_patrons(user),
        "selected_proxy": request.session.get(SESSION_PROXY) if summary else None,
    }
    htmx = _is_htmx(request)
    response = render(
        request, "desk/_response.html" if htmx else "desk/screen.html", context, status=status
    )
    if htmx:
        response["HX-Push-Url"] = (
            reverse("desk:patron", args=[summary.patron.pk]) if summary else reverse("desk:screen")
        )
    return response


def _forget_patron(request: HttpRequest) -> None:
    request.session.pop(SESSION_PATRON, None)
    request.session.pop(SESSION_CARD, None)
    request.session.pop(SESSION_PROXY, None)


def _remember(request: HttpRequest, *, patron_id: int, card_id: int | None) -> None:
    if request.session.get(SESSION_PATRON) != patron_id:
        request.session[SESSION_PATRON] = patron_id
        request.session.pop(SESSION_PROXY, None)
    if card_id is not None and request.session.get(SESSION_CARD) != card_id:
        request.session[SESSION_CARD] = card_id
    elif card_id is None:
        request.session.pop(SESSION_CARD, None)


def _card_in_view(request: HttpRequest) -> Card | None:
    patron_id = request.session.get(SESSION_PATRON)
    if patron_id is None:
        return None
    card = selectors.card_for_patron(
        user=request.user, patron_id=patron_id, card_id=request.session.get(SESSION_CARD)
    )
    if card is None:
        _forget_patron(request)
    return card


@require_GET
@desk_view
def screen(request: HttpRequest) -> HttpResponse:
    return _respond(request)


@require_GET
@desk_view
def patron(request: HttpRequest, patron_id: int) -> HttpResponse:
    """Open a patron by id (from search, history, a reload)."""
    found = patron_policies.access_patron(request.user, patron_id)
    card_id = request.session.get(SESSION_CARD)
    if request.session.get(SESSION_PATRON) != found.pk:
        card_id = None
    _remember(request, patron_id=found.pk, card_id=card_id)
    return _respond(request)


@require_POST
@desk_view
def next_patron(request: HttpRequest) -> HttpResponse:
    _forget_patron(request)
    return _respond(request, notice=Notice("ok", NEXT_PATRON), patron=False)


@require_POST
@desk_view
def scan(request: HttpRequest) -> HttpResponse:
    """A card opens its patron; an item is checked out to the patron in
    view, or checked in when it is on loan or nobody is in view."""
    form = forms.ScanForm(request.POST)
    if not form.is_valid():
        return _respond(request, notice=Notice("bad", forms.first_error(form)), status=400)
    barcode = form.cleaned_data["barcode"]
    if form.kind == "card":
        card = selectors.card_by_barcode(user=request.user, barcode=barcode)
        if card is None:
            return _respond(request, notice=Notice("bad", UNKNOWN_CARD), status=404)
        _remember(request, patron_id=card.patron_id, card_id=card.pk)
        return _respond(request, card=card)
    item = selectors.item_by_barcode(barcode)
    if item is None:
        return _respond(request, notice=Notice("bad", UNKNOWN_ITEM), status=404)
    card = _card_in_view(request)
    if card is None or item.status == Item.Status.ON_LOAN:
        return _checkin(request, item)
    proxy_id = form.cleaned_data.get("proxy")
    # The borrower chosen stays chosen for the rest of this patron's visit.
    if proxy_id:
        request.session[SESSION_PROXY] = proxy_id
    else:
        request.session.pop(SESSION_PROXY, None)
    return _checkout(request, item=item, card=card, proxy_id=proxy_id)


def _checkin(request: HttpRequest, item: Item) -> HttpResponse:
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    result = circ.loan_checkin(item=item, acting_user=request.user, branch=branch)
    level = "warn" if (result.fee or result.trapped_hold or result.in_transit_to) else "ok"
    return _respond(
        request,
        notice=Notice(level, CHECKED_IN.format(title=item.title), result.messages),
    )


def _proxy_for(card: Card, proxy_id: int | None) -> ProxyAuthorization | None:
    if proxy_id is None:
        return None
    proxy = ProxyAuthorization.objects.filter(pk=proxy_id, cardholder_id=card.patron_id).first()
    if proxy is None:
        raise circ.CirculationError(PROXY_UNKNOWN)
    return proxy


def _checkout(
    request: HttpRequest,
    *,
    item: Item,
    card: Card,
    proxy_id: int | None,
    override_reason: str = "",
) -> HttpResponse:
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    try:
        proxy = _proxy_for(card, proxy_id)
        loan = circ.loan_checkout(
            item=item,
            card=card,
            acting_user=request.user,
            branch=branch,
            proxy=proxy,
            override_reason=override_reason,
        )
    except circ.CheckoutBlocked as blocked:
        allowed = blocked.overridable and circ_policies.can_override_blocks(request.user)
        lines = [b.message for b in blocked.blocks]
        if blocked.overridable and not allowed:
            lines.append("A supervisor can override this with a reason.")
        return _respond(
            request,
            notice=Notice("bad", BLOCKED.format(title=item.title), lines),
            status=409,
            override=Override(item.barcode, item.title, proxy_id, allowed)
            if blocked.overridable
            else None,
            card=card,
        )
    except circ.CirculationError as error:
        return _respond(request, notice=Notice("bad", error.message), status=409)
    template = CHECKED_OUT_OVERRIDE if loan.override_reason else CHECKED_OUT
    return _respond(
        request,
        notice=Notice("ok", template.format(title=item.title, due=_local(loan.due_at))),
        card=card,
    )


def _local(value: Any) -> Any:
    from django.utils import timezone

    return timezone.localtime(value)


@require_POST
@desk_view
def override(request: HttpRequest) -> HttpResponse:
    """Lend through overridable blocks, with the reason recorded."""
    if not circ_policies.can_override_blocks(request.user):
        raise PermissionDenied
    form = forms.OverrideForm(request.POST)
    if not form.is_valid():
        return _respond(request, notice=Notice("bad", forms.first_error(form)), status=400)
    card = _card_in_view(request)
    if card is None:
        return _respond(request, notice=Notice("bad", NO_PATRON_IN_VIEW), status=400)
    item = selectors.item_by_barcode(form.cleaned_data["barcode"])
    if item is None:
        return _respond(request, notice=Notice("bad", UNKNOWN_ITEM), status=404)
    return _checkout(
        request,
        item=item,
        card=card,
        proxy_id=form.cleaned_data.get("proxy"),
        override_reason=form.cleaned_data["reason"],
    )


def _visible_patron_ids(request: HttpRequest) -> Any:
    return patron_policies.patrons_visible_to(request.user).values("pk")


def _loan(request: HttpRequest, loan_id: int) -> Loan:
    """A loan of a patron the user may see (with its item), or 404."""
    loan = (
        Loan.objects.select_related("item")
        .filter(pk=loan_id, patron__in=_visible_patron_ids(request))
        .first()
    )
    if loan is None:
        raise Http404
    return loan


@require_POST
@desk_view
def renew(request: HttpRequest, loan_id: int) -> HttpResponse:
    loan = _loan(request, loan_id)
    try:
        loan = circ.loan_renew(loan=loan, acting_user=request.user)
    except circ.CirculationError as error:
        return _respond(request, notice=Notice("bad", error.message), status=409)
    return _respond(
        request,
        notice=Notice("ok", RENEWED.format(title=loan.item.title, due=_local(loan.due_at))),
    )


@require_POST
@desk_view
def loan_lost(request: HttpRequest, loan_id: int) -> HttpResponse:
    """Declare a loan's item lost: first a confirmation that says what the
    patron will be charged, then (with confirm=yes) the fee."""
    if not circ_policies.can_declare_lost(request.user):
        raise PermissionDenied
    loan = _loan(request, loan_id)
    if loan.returned_at is not None:
        return _respond(request, notice=Notice("bad", circ.LOST_NOT_OPEN), status=409)
    if request.POST.get("confirm") != "yes":
        return _respond(
            request,
            confirm_lost=LostConfirmation(
                loan.pk, loan.item.title, f"{loan.item.replacement_cost:.2f}"
            ),
        )
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    try:
        fee = circ.loan_declare_lost(loan=loan, acting_user=request.user, branch=branch)
    except circ.CirculationError as error:
        return _respond(request, notice=Notice("bad", error.message), status=409)
    title = loan.item.title
    if fee is None:
        notice = Notice("warn", DECLARED_LOST_NO_FEE.format(title=title))
    else:
        notice = Notice("warn", DECLARED_LOST.format(title=title, amount=f"{fee.amount:.2f}"))
    waiting = selectors.holds_waiting_count(item_id=loan.item_id)
    if waiting:
        who = "One patron is" if waiting == 1 else f"{waiting} patrons are"
        notice.lines.append(LOST_HOLDS_WAITING.format(who=who))
    return _respond(request, notice=notice)


@require_POST
@desk_view
def hold_place(request: HttpRequest) -> HttpResponse:
    card = _card_in_view(request)
    if card is None:
        return _respond(request, notice=Notice("bad", NO_PATRON_IN_VIEW), status=400)
    form = forms.ItemScanForm(request.POST)
    if not form.is_valid():
        error = forms.first_error(form)
        return _respond(request, notice=Notice("bad", error), status=400, hold_error=error)
    item = selectors.item_by_barcode(form.cleaned_data["barcode"])
    if item is None:
        return _respond(
            request, notice=Notice("bad", UNKNOWN_ITEM), status=404, hold_error=UNKNOWN_ITEM
        )
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    try:
        hold = circ.hold_place(
            item=item, patron=card.patron, pickup_branch=branch, acting_user=request.user
        )
    except circ.CirculationError as error:
        return _respond(
            request, notice=Notice("bad", error.message), status=409, hold_error=error.message
        )
    position = (
        Hold.objects.filter(
            item=item, status=Hold.Status.WAITING, placed_at__lte=hold.placed_at
        ).count()
        or 1
    )
    return _respond(
        request, notice=Notice("ok", HOLD_PLACED.format(title=item.title, position=position))
    )


@require_POST
@desk_view
def hold_cancel(request: HttpRequest, hold_id: int) -> HttpResponse:
    hold = (
        Hold.objects.select_related("item")
        .filter(pk=hold_id, patron__in=_visible_patron_ids(request))
        .first()
    )
    if hold is None:
        raise Http404
    try:
        circ.hold_cancel(hold=hold, acting_user=request.user)
    except circ.CirculationError as error:
        return _respond(request, notice=Notice("bad", error.message), status=409)
    return _respond(request, notice=Notice("ok", HOLD_CANCELLED.format(title=hold.item.title)))


def _fee(request: HttpRequest, fee_id: int) -> Fee:
    fee = Fee.objects.filter(pk=fee_id, patron__in=_visible_patron_ids(request)).first()
    if fee is None:
        raise Http404
    return fee


@require_POST
@desk_view
def fee_pay(request: HttpRequest, fee_id: int) -> HttpResponse:
    fee = _fee(request, fee_id)
    try:
        fee = circ.fee_pay(fee=fee, acting_user=request.user)
    except circ.CirculationError as error:
        return _respond(request, notice=Notice("bad", error.message), status=409)
    return _respond(request, notice=Notice("ok", FEE_PAID.format(amount=f"{fee.amount:.2f}")))


@require_POST
@desk_view
def fee_waive(request: HttpRequest, fee_id: int) -> HttpResponse:
    if not circ_policies.can_waive_fees(request.user):
        raise PermissionDenied
    fee = _fee(request, fee_id)
    form = forms.WaiveForm(request.POST)
    if not form.is_valid():
        return _respond(request, notice=Notice("bad", forms.first_error(form)), status=400)
    try:
        fee = circ.fee_waive(fee=fee, acting_user=request.user, reason=form.cleaned_data["reason"])
    except circ.CirculationError as error:
        return _respond(request, notice=Notice("bad", error.message), status=409)
    return _respond(request, notice=Notice("ok", FEE_WAIVED.format(amount=f"{fee.amount:.2f}")))
