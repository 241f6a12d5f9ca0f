"""Patron record pages: register, edit, search, cards, guardians, proxies.

For staff who may manage patrons (desk staff, supervisors, the director).
Addresses carry opaque ids only; barcodes and names travel in POST bodies.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from organisation.models import Branch
from organisation.selectors import staff_branch
from organisation.users import StaffRequest
from patrons import forms, policies, sections, selectors, services
from patrons.access import patron_access_log
from patrons.models import Card, Patron
from recordtypes.vocabulary import AccessKind

REGISTERED = "Patron registered."
SAVED = "Changes saved."
CARD_ISSUED = "New card issued; it can be used at once."
CARD_REPLACED = "New card issued. The old card is blocked from now on."
GUARDIAN_ADDED = "Guardian recorded, with you as the verifying staff member."
PROXY_ADDED = "Proxy authorized."
PROXY_REVOKED = "Proxy authorization revoked."
NO_RESULTS = "No patron found. Check the spelling or scan the card."
# The search results link to the patron page with this query, so that the
# access log can say the record was opened from a search.
VIA_SEARCH = "search"


def manager_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.can_manage_patrons(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _staff_branch(request: StaffRequest) -> Branch | None:
    return staff_branch(request.user)


@require_http_methods(["GET", "POST"])
@manager_view
def register(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        form = forms.RegisterForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            barcode = data.pop("card_barcode")
            expires = data.pop("card_expires_on")
            try:
                patron = services.patron_register(
                    acting_user=request.user,
                    card_barcode=barcode,
                    card_expires_on=expires,
                    **data,
                )
            except services.PatronError as error:
                form.add_error("card_barcode", error.message)
            else:
                messages.success(request, REGISTERED)
                return redirect("patrons:detail", patron.pk)
        return render(request, "patrons/register.html", {"form": form}, status=400)
    form = forms.RegisterForm(initial={"home_branch": _staff_branch(request)})
    return render(request, "patrons/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
@manager_view
def search(request: StaffRequest) -> HttpResponse:
    """POST so that names and barcodes never appear in addresses or logs."""
    results = None
    if request.method == "POST":
        form = forms.SearchForm(request.POST)
        if not form.is_valid():
            return render(request, "patrons/search.html", {"form": form}, status=400)
        results = list(selectors.patron_search(user=request.user, query=form.cleaned_data["q"]))
    else:
        form = forms.SearchForm()
    return render(
        request,
        "patrons/search.html",
        {"form": form, "results": results, "no_results": NO_RESULTS, "via": VIA_SEARCH},
    )


def _detail(
    request: StaffRequest, patron: Patron, status: int = 200, **forms_: Any
) -> HttpResponse:
    context = {
        "patron": patron,
        "show_contact": policies.can_view_contact(request.user, patron),
        "card_form": forms_.get("card_form") or forms.CardForm(),
        "guardian_form": forms_.get("guardian_form") or forms.GuardianForm(),
        "proxy_form": forms_.get("proxy_form") or forms.ProxyForm(),
        **selectors.patron_record(patron=patron),
        "extra_sections": sections.record_sections(request, patron),
    }
    return render(request, "patrons/detail.html", context, status=status)


@require_http_methods(["GET"])
@manager_view
def detail(request: StaffRequest, patron_id: int) -> HttpResponse:
    """The patron page; each opening is logged for the access report."""
    patron = policies.access_patron(request.user, patron_id)
    from_search = request.GET.get("via") == VIA_SEARCH
    patron_access_log(
        patron=patron,
        acting_user=request.user,
        kind=AccessKind.SEARCH_RESULT if from_search else AccessKind.PATRON_PAGE,
    )
    return _detail(request, patron)


@require_http_methods(["GET", "POST"])
@manager_view
def edit(request: StaffRequest, patron_id: int) -> HttpResponse:
    patron = policies.access_patron(request.user, patron_id)
    if request.method == "POST":
        form = forms.PatronForm(request.POST, instance=Patron.objects.get(pk=patron.pk))
        if form.is_valid():
            services.patron_update(patron=patron, acting_user=request.user, **form.cleaned_data)
            messages.success(request, SAVED)
            return redirect("patrons:detail", patron.pk)
        return render(request, "patrons/edit.html", {"form": form, "patron": patron}, status=400)
    form = forms.PatronForm(instance=patron)
    return render(request, "patrons/edit.html", {"form": form, "patron": patron})


@require_POST
@manager_view
def card_new(request: StaffRequest, patron_id: int) -> HttpResponse:
    """Issue a card, or replace the active one (blocking it at once)."""
    patron = policies.access_patron(request.user, patron_id)
    form = forms.CardForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if reason:
                current = (
                    patron.cards.filter(status__in=[Card.Status.ACTIVE, Card.Status.EXPIRED])
                    .order_by("status", "-issued_on")
                    .first()
                )
                if current is None:
                    raise services.PatronError(services.CARD_NOT_REPLACEABLE)
                services.card_replace(
                    card=current,
                    new_barcode=form.cleaned_data["barcode"],
                    reason=reason,
                    acting_user=request.user,
                    expires_on=form.cleaned_data["expires_on"],
                )
                messages.success(request, CARD_REPLACED)
            else:
                services.card_issue(
                    patron=patron,
                    barcode=form.cleaned_data["barcode"],
                    acting_user=request.user,
                    expires_on=form.cleaned_data["expires_on"],
                )
                messages.success(request, CARD_ISSUED)
        except services.PatronError as error:
            form.add_error(None, error.message)
        else:
            return redirect("patrons:detail", patron.pk)
    return _detail(request, patron, status=400, card_form=form)


@require_POST
@manager_view
def guardian_add(request: StaffRequest, patron_id: int) -> HttpResponse:
    patron = policies.access_patron(request.user, patron_id)
    form = forms.GuardianForm(request.POST)
    if form.is_valid():
        try:
            services.guardian_link_add(
                patron=patron,
                guardian_patron=form.cleaned_data["guardian_patron"],
                guardian_name=form.cleaned_data["guardian_name"],
                relationship=form.cleaned_data["relationship"],
                proof=form.cleaned_data["proof"],
                acting_user=request.user,
            )
        except services.PatronError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, GUARDIAN_ADDED)
            return redirect("patrons:detail", patron.pk)
    return _detail(request, patron, status=400, guardian_form=form)


@require_POST
@manager_view
def proxy_add(request: StaffRequest, patron_id: int) -> HttpResponse:
    patron = policies.access_patron(request.user, patron_id)
    form = forms.ProxyForm(request.POST)
    if form.is_valid():
        try:
            services.proxy_authorize(
                cardholder=patron, acting_user=request.user, **form.cleaned_data
            )
        except services.PatronError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, PROXY_ADDED)
            return redirect("patrons:detail", patron.pk)
    return _detail(request, patron, status=400, proxy_form=form)


@require_POST
@manager_view
def proxy_revoke(request: StaffRequest, patron_id: int, proxy_id: int) -> HttpResponse:
    patron = policies.access_patron(request.user, patron_id)
    proxy = policies.access_proxy(request.user, patron, proxy_id)
    try:
        services.proxy_revoke(proxy=proxy, acting_user=request.user)
    except services.PatronError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, PROXY_REVOKED)
    return redirect("patrons:detail", patron.pk)
