"""The catalogue at the desk: title search, a title's page with its copies
and where they are, a copy's page, and placing a title-level hold.

Staff who circulate use them (circulation.policies); a hold is placed for
a patron the user may see, named by id in the form (a GET shows the
patron the hold would be for, and changes nothing).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalogue import search
from catalogue.models import Title
from circulation import forms, policies, selectors
from circulation import services as circ
from circulation.models import Item
from organisation.selectors import staff_branch
from organisation.users import StaffRequest
from patrons import policies as patron_policies
from patrons.models import Patron

HOLD_PLACED = "Hold placed on {title}: number {position} in the queue, pickup at {branch}."
NO_WORDS = "Type a word of the title or author, or an ISBN."
NOTHING_FOUND = "No title matches every word. Try fewer words."


def _require_circulate(request: StaffRequest) -> None:
    if not policies.can_circulate(request.user):
        raise PermissionDenied


def _patron_in(request: StaffRequest, data: Any) -> Patron | None:
    """The patron a hold would be for (a GET or POST `patron` id), or None;
    404 for one the user may not see."""
    raw = data.get("patron")
    if not raw:
        return None
    return patron_policies.access_patron(request.user, raw)


def _title(title_id: int) -> Title:
    title = Title.objects.defer("marc_record").filter(pk=title_id).first()
    if title is None:
        raise Http404("No such title.")
    return title


@login_required
@require_http_methods(["GET", "POST"])
def title_search(request: StaffRequest) -> HttpResponse:
    """The search form (GET, for the patron in view by their opaque id) and
    its answer (POST): the words searched never travel in a URL, where they
    would join the patron's id in access logs and the browser's history."""
    _require_circulate(request)
    posted = request.method == "POST"
    form = forms.TitleSearchForm(request.POST if posted else None)
    patron = _patron_in(request, request.POST if posted else request.GET)
    results: list[Title] | None = None
    status, message = 200, ""
    if not posted:
        pass
    elif not form.is_valid():
        status, message = 400, forms.first_error(form)
    elif form.cleaned_data["q"]:
        results = search.title_search(form.cleaned_data["q"])
        message = "" if results else NOTHING_FOUND
        if not results and not any(search.parse(form.cleaned_data["q"])):
            status, message = 400, NO_WORDS
    counts = selectors.title_counts(title_ids=[t.pk for t in results or []])
    rows = [(t, counts[t.pk]) for t in results or []]
    context = {"form": form, "rows": rows, "results": results, "message": message}
    return render(request, "catalogue/search.html", context | {"patron": patron}, status=status)


def _title_page(
    request: StaffRequest,
    title: Title,
    *,
    patron: Patron | None,
    this_copy: Item | None = None,
    notice: tuple[str, str] | None = None,
    hold_form: forms.TitleHoldForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if patron is not None and hold_form is None and policies.can_place_hold(request.user, patron):
        branch = staff_branch(request.user)
        hold_form = forms.TitleHoldForm(
            initial={"patron": patron.pk, "pickup_branch": branch.pk if branch else None}
        )
    context = {
        "title": title,
        "copies": selectors.title_copies(title=title),
        "counts": selectors.title_counts(title_ids=[title.pk])[title.pk],
        "patron": patron,
        "this_copy": this_copy,
        "hold_form": hold_form if patron is not None else None,
        "notice": notice,
    }
    return render(request, "catalogue/title.html", context, status=status)


@login_required
@require_GET
def title_detail(request: StaffRequest, title_id: int) -> HttpResponse:
    _require_circulate(request)
    return _title_page(request, _title(title_id), patron=_patron_in(request, request.GET))


@login_required
@require_GET
def copy_detail(request: StaffRequest, item_id: int) -> HttpResponse:
    """A copy, with the other copies of its title and where they are."""
    _require_circulate(request)
    item = Item.objects.select_related("home_branch").filter(pk=item_id).first()
    if item is None:
        raise Http404("No such copy.")
    title = _title(item.title_record_id)
    return _title_page(request, title, patron=_patron_in(request, request.GET), this_copy=item)


@login_required
@require_POST
def title_hold(request: StaffRequest, title_id: int) -> HttpResponse:
    """Place a title-level hold for the patron named in the form."""
    _require_circulate(request)
    title = _title(title_id)
    form = forms.TitleHoldForm(request.POST)
    patron = _patron_in(request, request.POST)
    if patron is None or not policies.can_place_hold(request.user, patron):
        raise Http404("No such patron.")
    if not form.is_valid():
        notice = ("bad", forms.first_error(form))
        return _title_page(request, title, patron=patron, notice=notice, hold_form=form, status=400)
    try:
        hold = circ.hold_place_title(
            title=title,
            patron=patron,
            pickup_branch=form.cleaned_data["pickup_branch"],
            acting_user=request.user,
        )
    except circ.CirculationError as error:
        notice = ("bad", error.message)
        return _title_page(request, title, patron=patron, notice=notice, hold_form=form, status=409)
    message = HOLD_PLACED.format(
        title=title.title,
        position=selectors.title_queue_position(hold=hold),
        branch=hold.pickup_branch.name,
    )
    return _title_page(request, title, patron=patron, notice=("ok", message))
