"""The stations board at the desk: every station's state (free, in use with
time left, reserved, out of order), starting a session by card or guest
pass, extending and ending one, guest passes and the queue.

The board names no patron: stations show time left, the queue shows ticket
numbers. Each action posts, then redirects to the board with a message; a
refused one renders the board with the reason and status 409 (400 for a
form that is not filled in), nothing half-saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from computers import forms, policies, selectors, services
from computers.models import ComputerSession, GuestPass
from computers.rules import Refusal, local_day
from organisation import clock
from organisation.models import Branch
from organisation.selectors import staff_branch
from organisation.users import StaffRequest
from patrons.access import patron_access_log
from programs.forms import ReportRangeForm
from recordtypes.vocabulary import AccessKind

NO_BRANCH = "Your staff profile has no branch yet: ask an administrator to assign one."
STARTED = "Session started on {station}: {minutes} minutes."
ENDED = "Session on {station} ended."
EXTENDED = "{minutes} minutes added on {station}."
PASS_ISSUED = "Guest pass {code} issued for today ({group})."
QUEUED = "Ticket {ticket} is in the queue."
QUEUED_OFFERED = "Ticket {ticket}: {station} is reserved for them now."
QUEUE_CANCELLED = "Ticket {ticket} left the queue."


def computers_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, a desk role, and working at a branch."""

    @login_required
    @wraps(view)
    def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.can_use_computers(request.user):
            raise PermissionDenied
        branch = staff_branch(request.user)
        if branch is None:
            return render(request, "computers/board.html", {"error": NO_BRANCH}, status=403)
        return view(request, branch, *args, **kwargs)

    return wrapper


def _board(
    request: StaffRequest, branch: Branch, *, error: str = "", status: int = 200, **forms_: Any
) -> HttpResponse:
    now = timezone.now()
    user = request.user
    rules = services.settings_for(branch.system_id)
    views = selectors.stations_board(
        stations=policies.stations_visible_to(user).filter(branch=branch),
        now=now,
        warning_minutes=rules.warning_minutes,
    )
    context = {
        "branch": branch,
        "stations": views,
        "queue": selectors.queue_for(entries=policies.queue_visible_to(user), branch_id=branch.pk),
        "rules": rules,
        "error": error,
        "start_form": forms_.get("start_form") or forms.WhoForm(prefix="start"),
        "start_station": forms_.get("start_station"),
        "queue_form": forms_.get("queue_form") or forms.QueueForm(prefix="queue"),
        "pass_form": forms_.get("pass_form") or forms.GuestPassForm(prefix="pass"),
    }
    return render(request, "computers/board.html", context, status=status)


@computers_view
def board(request: StaffRequest, branch: Branch) -> HttpResponse:
    services.stations_sweep(branch=branch)
    return _board(request, branch)


def _who(request: StaffRequest, form: forms.WhoForm, branch: Branch) -> tuple[Any, Any, str]:
    """(card, guest pass, error) from a filled-in form. A card scanned here
    opens its patron (a refusal tells staff the card's state): it goes on
    the patron's access report, as a scan at the desk does."""
    barcode = form.cleaned_data.get("barcode")
    if barcode:
        card = services.card_by_barcode(barcode)
        if card is None:
            return None, None, services.R.UNKNOWN_CARD
        patron_access_log(patron=card.patron, acting_user=request.user, kind=AccessKind.SCAN)
        return card, None, ""
    guest = services.guest_pass_by_code(
        form.cleaned_data.get("guest_pass", ""), day=local_day(branch.timezone, timezone.now())
    )
    return None, guest, "" if guest is not None else services.R.UNKNOWN_GUEST_PASS


@require_POST
@computers_view
def start(request: StaffRequest, branch: Branch, station_id: int) -> HttpResponse:
    station = policies.access_station(request.user, station_id)
    form = forms.WhoForm(request.POST, prefix="start")
    if not form.is_valid():
        return _board(request, branch, status=400, start_form=form, start_station=station.pk)
    card, guest, error = _who(request, form, branch)
    if error:
        return _board(
            request, branch, error=error, status=400, start_form=form, start_station=station.pk
        )
    try:
        session = services.session_start(
            station=station, card=card, guest_pass=guest, acting_user=request.user
        )
    except Refusal as refusal:
        return _board(request, branch, error=refusal.message, status=409)
    minutes = int((session.ends_at - session.started_at).total_seconds() // 60)
    messages.success(request, STARTED.format(station=station.label, minutes=minutes))
    return redirect("computers:board")


def _session(request: StaffRequest, session_id: int) -> ComputerSession:
    return policies.access_session(request.user, session_id)


@require_POST
@computers_view
def extend(request: StaffRequest, branch: Branch, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    try:
        session, added = services.session_extend(session=session, acting_user=request.user)
    except Refusal as refusal:
        return _board(request, branch, error=refusal.message, status=409)
    messages.success(request, EXTENDED.format(minutes=added, station=session.station.label))
    return redirect("computers:board")


@require_POST
@computers_view
def end(request: StaffRequest, branch: Branch, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    try:
        services.session_end(
            session=session, reason=ComputerSession.EndReason.STAFF, acting_user=request.user
        )
    except Refusal as refusal:
        return _board(request, branch, error=refusal.message, status=409)
    messages.success(request, ENDED.format(station=session.station.label))
    return redirect("computers:board")


@require_POST
@computers_view
def guest_pass(request: StaffRequest, branch: Branch) -> HttpResponse:
    form = forms.GuestPassForm(request.POST, prefix="pass")
    if not form.is_valid():
        return _board(request, branch, status=400, pass_form=form)
    try:
        issued = services.guest_pass_issue(
            branch=branch,
            age_group=form.cleaned_data["age_group"],
            photo_id_checked=form.cleaned_data["photo_id_checked"],
            acting_user=request.user,
        )
    except Refusal as refusal:
        return _board(request, branch, error=refusal.message, status=409, pass_form=form)
    group = GuestPass.AgeGroup(issued.age_group).label.lower()
    messages.success(request, PASS_ISSUED.format(code=issued.code, group=group))
    return redirect("computers:board")


@require_POST
@computers_view
def queue_join(request: StaffRequest, branch: Branch) -> HttpResponse:
    form = forms.QueueForm(request.POST, prefix="queue")
    if not form.is_valid():
        return _board(request, branch, status=400, queue_form=form)
    card, guest, error = _who(request, form, branch)
    if error:
        return _board(request, branch, error=error, status=400, queue_form=form)
    try:
        entry = services.queue_join(
            branch=branch,
            card=card,
            guest_pass=guest,
            kind=form.cleaned_data.get("kind", ""),
            acting_user=request.user,
        )
    except Refusal as refusal:
        return _board(request, branch, error=refusal.message, status=409, queue_form=form)
    if entry.offered_station is not None:
        messages.success(
            request, QUEUED_OFFERED.format(ticket=entry.ticket, station=entry.offered_station.label)
        )
    else:
        messages.success(request, QUEUED.format(ticket=entry.ticket))
    return redirect("computers:board")


@require_POST
@computers_view
def queue_cancel(request: StaffRequest, branch: Branch, entry_id: int) -> HttpResponse:
    entry = policies.access_queue_entry(request.user, entry_id)
    try:
        services.queue_cancel(entry=entry, acting_user=request.user)
    except Refusal as refusal:
        return _board(request, branch, error=refusal.message, status=409)
    messages.success(request, QUEUE_CANCELLED.format(ticket=entry.ticket))
    return redirect("computers:board")


@login_required
def report(request: StaffRequest) -> HttpResponse:
    """Public-computer use counts for supervisors and the Director: charts,
    the table of each, and the CSV (`?format=csv`). No names."""
    from reports.charts import bar_chart
    from reports.csv import csv_response

    if not policies.can_view_computer_reports(request.user):
        raise PermissionDenied
    today = clock.server_day()
    form = ReportRangeForm(request.GET or None, today=today, default_days=365)
    if request.GET and not form.is_valid():
        return render(request, "computers/report.html", {"form": form}, status=400)
    start = form.cleaned_data["start"] if form.is_bound else today - datetime.timedelta(days=364)
    end = form.cleaned_data["end"] if form.is_bound else today
    counts = selectors.use_counts(start=start, end=end)
    if request.GET.get("format") == "csv":
        return csv_response(
            f"computer-use-{start}-{end}",
            ["branch", "month", "station type", "age band", "sessions", "minutes"],
            counts.rows,
        )
    charts = [
        bar_chart(
            id="by-branch",
            title="Sessions by branch",
            data=counts.sessions_by_branch,
            label_header="Branch",
        ),
        bar_chart(
            id="by-month",
            title="Sessions by month",
            data=counts.sessions_by_month,
            label_header="Month",
        ),
        bar_chart(
            id="by-age",
            title="Sessions by age band",
            data=counts.sessions_by_age_band,
            label_header="Age band",
        ),
        bar_chart(
            id="by-kind",
            title="Sessions by station type",
            data=counts.sessions_by_kind,
            label_header="Station type",
        ),
        bar_chart(
            id="minutes-by-kind",
            title="Minutes by station type",
            data=counts.minutes_by_kind,
            label_header="Station type",
            value_header="Minutes",
        ),
    ]
    query = f"?start={start}&end={end}&format=csv"
    return render(
        request,
        "computers/report.html",
        {"form": form, "charts": charts, "start": start, "end": end, "csv_query": query},
    )
