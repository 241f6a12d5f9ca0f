"""The desk screen: one scan field, the patron in view, and the actions.

Every view answers an htmx request with the desk region (and the status
message out of band) and a plain request with the whole page, so the desk
works without JavaScript. The address bar shows at most /desk/patron/<id>/.

The patron an action is for travels with the action: the scan, hold and
override forms carry the patron (and card) the page showed, and the
renew, fee and hold buttons name their own record. GET requests only show
a patron; they never change what the next scan acts for, so a link from
another site cannot put a patron "in view". The session remembers the
patron last acted for (by a POST) only so that /desk/ can show them again
and a form without a patron field (a scanner-only client) keeps working.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from circulation import policies as circ_policies
from circulation import services as circ
from circulation.models import Item
from complaints import policies as complaint_policies
from desk import policies as desk_policies
from desk.scan import access, forms, markup, region, selectors
from desk.scan import summary as scan_summary
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
from desk.work import views as views_work
from kernel import csrf
from organisation import clock
from organisation import policies as lib_policies
from organisation.users import StaffRequest
from patrons import policies as patron_policies
from patrons.models import Card, ProxyAuthorization
from privacy import selectors as privacy_selectors
from privacy import services as privacy_services
from privacy.vocabulary import AccessKind

# What {% csrf_token %} writes.
CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
SESSION_PATRON = "desk_patron_id"
SESSION_CARD = "desk_card_id"
SESSION_PROXY = "desk_proxy_id"
DESK_SESSION_KEYS = (SESSION_PATRON, SESSION_CARD, SESSION_PROXY)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def desk_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, allowed to circulate, and working at a branch."""

    @login_required
    @wraps(view)
    def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The user itself from here on: the view, its policies and the
        # templates read it dozens of times, each read through the lazy
        # wrappers costing an exception raised and caught.
        request.user = lib_policies.unwrapped_user(request.user)
        if not circ_policies.can_circulate(request.user):
            raise PermissionDenied
        if selectors.desk_branch(request.user) is None:
            return _respond(request, card=None, notice=Notice("bad", NO_BRANCH), status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _respond(
    request: StaffRequest,
    *,
    card: Card | None,
    notice: Notice | None = None,
    status: int = 200,
    override: Override | None = None,
    hold_error: str = "",
    confirm_lost: LostConfirmation | None = None,
    selected_proxy: int | None = None,
    checkin_offer: CheckinOffer | None = None,
    summary: selectors.PatronSummary | None = None,
) -> HttpResponse:
    """Render the desk showing `card`'s patron (None: nobody in view), or
    `summary`'s when the caller has read it already."""
    context = desk_context(
        request,
        card=card,
        summary=summary,
        notice=notice,
        override=override,
        hold_error=hold_error,
        confirm_lost=confirm_lost,
        selected_proxy=selected_proxy,
        checkin_offer=checkin_offer,
    )
    summary = context["summary"]
    if not _is_htmx(request):
        context.update(views_work.work_context(request))
        context["desk_html"] = region.desk_html(context)
        context["notice_html"] = region.notice_html(notice)
        return render(request, "desk/screen.html", context, status=status)
    # The answer to every card scanned: written without the engine.
    response = HttpResponse(region.response_html(context), status=status)
    response["HX-Push-Url"] = context["patron_urls"]["desk"] if summary else _desk_urls()["screen"]
    return response


def desk_context(
    request: StaffRequest,
    *,
    card: Card | None,
    notice: Notice | None = None,
    override: Override | None = None,
    hold_error: str = "",
    confirm_lost: LostConfirmation | None = None,
    selected_proxy: int | None = None,
    checkin_offer: CheckinOffer | None = None,
    summary: selectors.PatronSummary | None = None,
) -> dict[str, Any]:
    """The desk region's context showing `card`'s patron (None: nobody),
    or `summary`'s (read already, for the desk's branch)."""
    user = request.user
    profile = selectors.staff_profile_for(user)
    disclosure = None
    branch = profile.branch if profile is not None else None
    if branch is None:
        summary = None
    elif summary is None and card is not None:
        summary = selectors.patron_summary(
            user=user, card=card, threshold=branch.system.fee_block_threshold
        )
    if summary is not None:
        disclosure = privacy_selectors.disclosure_panel(
            user=user,
            patron=summary.patron,
            branch=branch,
            on=summary.today,
            age_of_majority=summary.age_of_majority,
        )
    context: dict[str, Any] = {
        "summary": summary,
        "disclosure": disclosure,
        "notice": notice,
        "override": override,
        "confirm_lost": confirm_lost,
        "checkin_offer": checkin_offer,
        "can_declare_lost": circ_policies.can_declare_lost(user),
        "hold_error": hold_error,
        "desk_branch": branch,
        "can_override": circ_policies.can_override_blocks(user),
        "can_waive": circ_policies.can_waive_fees(user),
        "can_manage": patron_policies.can_manage_patrons(user),
        "can_log_concerns": complaint_policies.can_log_complaint(user),
        "can_link_inquiry": desk_policies.can_link_inquiry_patron(user),
        "selected_proxy": selected_proxy if summary else None,
        "urls": _desk_urls(),
        "patron_urls": _patron_urls(summary.patron.pk) if summary is not None else None,
    }
    # One masked token for every form on the page.
    token = csrf.masked_token(request)
    context["csrf_token"] = token
    context["csrf_input"] = format_html(CSRF_INPUT, token)
    # Written by Python, not the template engine, when the page shows it.
    context["summary_html"] = markup.SummaryMarkup(context) if summary else ""
    return context


# The desk's fixed URLs, reversed once per script prefix (a deployment
# under a path has one) rather than on every row of every summary.
_FIXED_URLS = {
    "screen": "desk:screen",
    "scan": "desk:scan",
    "override": "desk:override",
    "next": "desk:next",
    "hold_place": "desk:hold_place",
    "title_search": "circulation:title_search",
    "renew": "desk:renew_chosen",
    "loan_lost": "desk:loan_lost_chosen",
    "hold_cancel": "desk:hold_cancel_chosen",
    "fee_pay": "desk:fee_pay_chosen",
    "fee_waive": "desk:fee_waive_chosen",
    "disclose": "privacy:disclose",
    "inquiries": "desk:inquiries",
    "complaint_create": "complaints:create",
    "comment_create": "complaints:comment_create",
    "incident_create": "complaints:incident_create",
}
# And the static files its answers name (a file of this release: its URL
# is worked out through the storage's manifest, which costs more than
# the rest of the summary's links together).
_STATIC_FILES = {"privacy_js": "js/privacy.js"}
_urls_by_prefix: dict[str, dict[str, str]] = {}


def _desk_urls() -> dict[str, str]:
    prefix = get_script_prefix()
    urls = _urls_by_prefix.get(prefix)
    if urls is None:
        urls = {key: reverse(name) for key, name in _FIXED_URLS.items()}
        urls.update({key: static(path) for key, path in _STATIC_FILES.items()})
        _urls_by_prefix[prefix] = urls
    return urls


@receiver(setting_changed)
def _forget_urls(*, setting: str, **kwargs: Any) -> None:
    """Work the URLs out again when a setting they come from changes."""
    if setting in ("ROOT_URLCONF", "STATIC_URL", "STORAGES", "FORCE_SCRIPT_NAME"):
        _urls_by_prefix.clear()
        _patron_url_parts.clear()


# The URLs of the patron in view, each an <int:patron_id> route: reversed
# once per script prefix with a stand-in id, then filled in per summary
# (an int converter writes the id as str() does).
_PATRON_URLS = {
    "desk": "desk:patron",
    "detail": "patrons:detail",
    "withdraw_history": "patrons:withdraw_history",
    "loan_history": "privacy:loan_history",
    "access_report": "privacy:access_report",
}
_STAND_IN_ID = 987654321012345
_patron_url_parts: dict[str, dict[str, tuple[str, str]]] = {}


def _patron_urls(patron_id: int) -> dict[str, str]:
    prefix = get_script_prefix()
    parts = _patron_url_parts.get(prefix)
    if parts is None:
        parts = {}
        for key, name in _PATRON_URLS.items():
            head, stand_in, tail = reverse(name, args=[_STAND_IN_ID]).partition(str(_STAND_IN_ID))
            if not stand_in or str(_STAND_IN_ID) in tail:
                raise ValueError(f"{name}: the patron id is not one part of its URL")
            parts[key] = (head, tail)
        _patron_url_parts[prefix] = parts
    pk = str(int(patron_id))
    return {key: f"{head}{pk}{tail}" for key, (head, tail) in parts.items()}


def _forget_patron(request: HttpRequest) -> None:
    request.session.pop(SESSION_PATRON, None)
    request.session.pop(SESSION_CARD, None)
    request.session.pop(SESSION_PROXY, None)


def _remember(request: HttpRequest, card: Card | None) -> None:
    """After a POST: the patron acted for is the one /desk/ shows next."""
    if card is None:
        _forget_patron(request)
        return
    if request.session.get(SESSION_PATRON) != card.patron_id:
        request.session[SESSION_PATRON] = card.patron_id
        request.session.pop(SESSION_PROXY, None)
    if request.session.get(SESSION_CARD) != card.pk:
        request.session[SESSION_CARD] = card.pk


def _card_of(request: StaffRequest, patron_id: int | None, card_id: int | None) -> Card | None:
    if patron_id is None:
        return None
    return selectors.card_for_patron(user=request.user, patron_id=patron_id, card_id=card_id)


def _remembered_card_id(request: HttpRequest, patron_id: int | None) -> int | None:
    """The card last used for this patron at this desk, if it was this one."""
    if patron_id is not None and request.session.get(SESSION_PATRON) == patron_id:
        card_id = request.session.get(SESSION_CARD)
        return card_id if isinstance(card_id, int) else None
    return None


def _remembered_proxy(request: HttpRequest, card: Card | None) -> int | None:
    if card is not None and request.session.get(SESSION_PATRON) == card.patron_id:
        proxy = request.session.get(SESSION_PROXY)
        return proxy if isinstance(proxy, int) else None
    return None


class _PatronGone(Exception):
    """The form names a patron the user may not (or can no longer) open."""


def _card_acted_for(request: StaffRequest) -> Card | None:
    """The card a posted desk form acts for: the `patron` and `card` it
    carries, as the page showed them (an empty `patron`: nobody in view).
    A form without the field acts for the patron this desk last acted for.
    Raises _PatronGone for a patron the user may not open."""
    if forms.PATRON_FIELD not in request.POST:
        patron_id = request.session.get(SESSION_PATRON)
        return _card_of(request, patron_id, _remembered_card_id(request, patron_id))
    form = forms.PatronInViewForm(request.POST)
    if not form.is_valid():
        raise _PatronGone
    patron_id = form.cleaned_data["patron"]
    if patron_id is None:
        return None
    card = _card_of(request, patron_id, form.cleaned_data["card"])
    if card is None:
        raise _PatronGone
    return card


def _respond_for_form(request: StaffRequest, notice: Notice, *, status: int) -> HttpResponse:
    """Refuse a posted form, still showing the patron it was for."""
    try:
        card = _card_acted_for(request)
    except _PatronGone:
        card = None
    return _respond(request, card=card, notice=notice, status=status)


def _gone(request: StaffRequest) -> HttpResponse:
    return _respond(request, card=None, notice=Notice("bad", PATRON_GONE), status=404)


def _card_for_record(request: StaffRequest, patron_id: int | None) -> Card | None:
    """The card to show after acting on one of the patron's records."""
    return _card_of(request, patron_id, _remembered_card_id(request, patron_id))


@require_GET
@desk_view
def screen(request: StaffRequest) -> HttpResponse:
    """The desk, showing the patron last acted for (if still visible)."""
    patron_id = request.session.get(SESSION_PATRON)
    card = _card_of(request, patron_id, _remembered_card_id(request, patron_id))
    _log_opened(request, card, AccessKind.DESK)
    return _respond(request, card=card, selected_proxy=_remembered_proxy(request, card))


@require_GET
@desk_view
def patron(request: StaffRequest, patron_id: int) -> HttpResponse:
    """Show a patron by id (from search, the patron page, a reload).

    Only shows: the page's forms carry this patron, so the next scan from
    this page acts for them, but what another desk page (or the session)
    acts for is unchanged.
    """
    found = patron_policies.access_patron(request.user, patron_id)
    card = _card_of(request, found.pk, _remembered_card_id(request, found.pk))
    _log_opened(request, card, AccessKind.DESK)
    return _respond(request, card=card, selected_proxy=_remembered_proxy(request, card))


def _log_opened(request: StaffRequest, card: Card | None, kind: str) -> None:
    if card is not None:
        privacy_services.patron_access_log(patron=card.patron, acting_user=request.user, kind=kind)


@require_POST
@desk_view
def next_patron(request: StaffRequest) -> HttpResponse:
    _forget_patron(request)
    return _respond(request, card=None, notice=Notice("ok", NEXT_PATRON))


@require_POST
@desk_view
def scan(request: StaffRequest) -> HttpResponse:
    """A card opens its patron; an item is checked out to the patron in
    view (the one the form carries), or checked in when it is on loan or
    nobody is in view."""
    posted = forms.scan_posted(request.POST)
    if isinstance(posted, str):
        return _respond_for_form(request, Notice("bad", posted), status=400)
    barcode = posted.barcode
    if posted.kind == "card":
        # The card and all the summary shows in one read.
        scanned = scan_summary.scanned_card(
            user=request.user, barcode=barcode, branch=selectors.desk_branch(request.user)
        )
        if scanned is None:
            return _respond_for_form(request, Notice("bad", UNKNOWN_CARD), status=404)
        card = scanned.card
        _remember(request, card)
        # The entry is sent before the summary is built and rendered, and
        # committed before the answer leaves.
        log = access.scan_log_sent(request, card)
        response = None
        try:
            response = _respond(
                request,
                card=card,
                summary=scanned.summary(),
                selected_proxy=_remembered_proxy(request, card),
            )
        finally:
            access.scan_logged(log, request, response if response is not None else HttpResponse())
        return response
    try:
        in_view = _card_acted_for(request)
    except _PatronGone:
        return _gone(request)
    item = selectors.item_by_barcode(barcode)
    if item is None:
        return _respond(request, card=in_view, notice=Notice("bad", UNKNOWN_ITEM), status=404)
    if in_view is not None and item.status == Item.Status.ON_LOAN:
        just_lent = selectors.loan_just_made(
            item_id=item.pk,
            patron_id=in_view.patron_id,
            within=datetime.timedelta(seconds=settings.DESK_RESCAN_WINDOW_SECONDS),
        )
        if just_lent is not None and not posted.checkin:
            return _already_on_card(request, item, in_view, just_lent)
    if in_view is None or item.status == Item.Status.ON_LOAN:
        return _checkin(request, item, in_view)
    _remember(request, in_view)
    proxy_id = posted.proxy
    # The borrower chosen stays chosen for the rest of this patron's visit.
    if proxy_id:
        request.session[SESSION_PROXY] = proxy_id
    else:
        request.session.pop(SESSION_PROXY, None)
    return _checkout(request, item=item, card=in_view, proxy_id=proxy_id)


def _already_on_card(request: StaffRequest, item: Item, card: Card, loan: Any) -> HttpResponse:
    minutes = max(1, int((timezone.now() - loan.checked_out_at).total_seconds() // 60))
    return _respond(
        request,
        card=card,
        notice=Notice(
            "warn",
            ALREADY_ON_CARD.format(
                title=item.title,
                minutes=f"{minutes} minute{'s' if minutes != 1 else ''}",
                due=_local(loan.due_at),
            ),
        ),
        selected_proxy=_remembered_proxy(request, card),
        checkin_offer=CheckinOffer(barcode=item.barcode, title=item.title),
    )


def _checkin(request: StaffRequest, item: Item, in_view: Card | None) -> HttpResponse:
    branch = selectors.desk_branch(request.user)
    assert branch is not None
    result = circ.loan_checkin(item=item, acting_user=request.user, branch=branch)
    level = "warn" if (result.fee or result.trapped_hold or result.in_transit_to) else "ok"
    return _respond(
        request,
        card=in_view,
        notice=Notice(level, CHECKED_IN.format(title=item.title), result.messages),
        selected_proxy=_remembered_proxy(request, in_view),
    )


def _proxy_for(card: Card, proxy_id: int | None) -> ProxyAuthorization | None:
    if proxy_id is None:
        return None
    proxy = ProxyAuthorization.objects.filter(pk=proxy_id, cardholder_id=card.patron_id).first()
    if proxy is None:
        raise circ.CirculationError(PROXY_UNKNOWN)
    return proxy


def _checkout(
    request: StaffRequest,
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
            selected_proxy=proxy_id,
        )
    except circ.CirculationError as error:
        return _respond(
            request,
            card=card,
            notice=Notice("bad", error.message),
            status=409,
            selected_proxy=proxy_id,
        )
    template = CHECKED_OUT_OVERRIDE if loan.override_reason else CHECKED_OUT
    return _respond(
        request,
        notice=Notice("ok", template.format(title=item.title, due=_local(loan.due_at))),
        card=card,
        selected_proxy=proxy_id,
    )


def _local(value: Any) -> Any:

    return clock.server_time(value)


@require_POST
@desk_view
def override(request: StaffRequest) -> HttpResponse:
    """Lend through overridable blocks, with the reason recorded."""
    if not circ_policies.can_override_blocks(request.user):
        raise PermissionDenied
    try:
        card = _card_acted_for(request)
    except _PatronGone:
        return _gone(request)
    form = forms.OverrideForm(request.POST)
    if not form.is_valid():
        return _respond(
            request, card=card, notice=Notice("bad", forms.first_error(form)), status=400
        )
    if card is None:
        return _respond(request, card=None, notice=Notice("bad", NO_PATRON_IN_VIEW), status=400)
    item = selectors.item_by_barcode(form.cleaned_data["barcode"])
    if item is None:
        return _respond(request, card=card, notice=Notice("bad", UNKNOWN_ITEM), status=404)
    _remember(request, card)
    return _checkout(
        request,
        item=item,
        card=card,
        proxy_id=form.cleaned_data.get("proxy"),
        override_reason=form.cleaned_data["reason"],
    )
