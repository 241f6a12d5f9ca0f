"""Programs at the desk: the list, planning one, sign-ups by card or by name
and phone, cancelling (the waitlist moves up), attendance at the door and
the walk-in head count.

Each action posts, then redirects to the program page with a message; a
refused action renders the page again with the reason (status 400 or
409), nothing half-saved. The address bar shows only program and sign-up
ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from organisation import clock
from organisation.inputs import opaque_id
from organisation.selectors import staff_branch
from organisation.users import StaffRequest
from patrons.access import patron_access_log
from patrons.barcodes import parse_card_barcode
from patrons.models import Card
from programs import forms, policies, selectors, services
from programs.models import Program
from recordtypes.vocabulary import AccessKind

NO_BRANCH = "Your staff profile has no branch yet: ask an administrator to assign one."
UNKNOWN_CARD = "No patron has this card barcode. Check it, or sign them up by name and phone."
SIGNED_UP = "Signed up: {name} has a place."
WAITLISTED = "No place left: {name} is number {position} on the waitlist."
CANCELLED = "Sign-up cancelled."
PROMOTED = "{name} moved up from the waitlist and has a place now: call them to say so."
CALLED = "Noted: {name} was called."
ATTENDED = "{name} is marked as attending."
AT_DOOR = "{name} was not signed up: recorded as attending at the door."
TICKED = "Attendance saved: {count} attending."
WALK_INS = "Walk-ins: {count}."
PLANNED = "Program planned."
PROGRAM_CANCELLED = "Program cancelled: call the {count} people signed up (listed below)."
CONFIRM_CANCEL = "Tick the box to confirm: cancelling closes sign-ups for everyone."


def programs_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.can_use_programs(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@programs_view
def program_list(request: StaffRequest) -> HttpResponse:
    branch = staff_branch(request.user)
    programs = selectors.programs_upcoming(
        programs=policies.programs_visible_to(request.user), since=timezone.now()
    )
    scope = request.GET.get("scope", "")
    if branch is not None and scope != "all":
        programs = programs.filter(branch=branch)
    return render(
        request,
        "programs/list.html",
        {
            "programs": list(programs[:200]),
            "branch": branch,
            "scope": scope,
            "can_plan": policies.can_plan_programs(request.user),
        },
    )


@programs_view
def program_new(request: StaffRequest) -> HttpResponse:
    if not policies.can_plan_programs(request.user):
        raise PermissionDenied
    branch = staff_branch(request.user)
    if branch is None:
        return render(request, "programs/create.html", {"error": NO_BRANCH}, status=403)
    form = forms.ProgramForm(request.POST or None, branch=branch)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                program = services.program_create(acting_user=request.user, branch=branch, **data)
            except services.ProgramError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, PLANNED)
                return redirect("programs:detail", program_id=program.pk)
        return render(request, "programs/create.html", {"form": form, "branch": branch}, status=400)
    return render(request, "programs/create.html", {"form": form, "branch": branch})


def _detail(
    request: StaffRequest, program: Program, *, error: str = "", status: int = 200, **forms_: Any
) -> HttpResponse:
    user = request.user
    roster = selectors.program_roster(program=program, signups=policies.signups_visible_to(user))
    context = {
        "program": program,
        "roster": roster,
        "error": error,
        "can_see_contact": policies.can_see_contact(user),
        "card_form": forms_.get("card_form") or forms.CardForm(),
        "name_form": forms_.get("name_form") or forms.NameForm(),
        "door_form": forms_.get("door_form") or forms.DoorForm(prefix="door"),
        "walk_in_form": forms_.get("walk_in_form")
        or forms.WalkInForm(initial={"walk_ins": program.walk_ins}),
        "is_over": program.ends_at <= timezone.now(),
        "is_the_day": services.program_is_today(program),
        "the_day": services.program_day(program.branch, program.starts_at),
        "can_plan": policies.can_plan_programs(user),
    }
    return render(request, "programs/detail.html", context, status=status)


@programs_view
def program_detail(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    return _detail(request, program)


def _card(barcode: str) -> Card | None:
    parsed = parse_card_barcode(barcode)
    if parsed is None:
        return None
    return Card.objects.select_related("patron").filter(barcode=parsed).first()


def _scanned(request: StaffRequest, card: Card) -> None:
    """A card scanned here opens the patron's name: on their access report."""
    patron_access_log(patron=card.patron, acting_user=request.user, kind=AccessKind.SCAN)


def _placed(request: HttpRequest, signup: Any) -> None:
    name = signup.display_name
    if signup.status == signup.Status.CONFIRMED:
        messages.success(request, SIGNED_UP.format(name=name))
    else:
        position = (
            signup.program.signups.filter(
                status=signup.Status.WAITLISTED, created_at__lte=signup.created_at
            ).count()
            or 1
        )
        messages.warning(request, WAITLISTED.format(name=name, position=position))


@require_POST
@programs_view
def signup_card(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    form = forms.CardForm(request.POST)
    if not form.is_valid():
        return _detail(request, program, status=400, card_form=form)
    card = _card(form.cleaned_data["barcode"])
    if card is None:
        return _detail(request, program, error=UNKNOWN_CARD, status=400, card_form=form)
    try:
        signup = services.signup_by_card(program=program, card=card, acting_user=request.user)
    except services.ProgramError as exc:
        return _detail(request, program, error=exc.message, status=409, card_form=form)
    _scanned(request, card)
    _placed(request, signup)
    return redirect("programs:detail", program_id=program.pk)


@require_POST
@programs_view
def signup_name(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    form = forms.NameForm(request.POST)
    if not form.is_valid():
        return _detail(request, program, status=400, name_form=form)
    try:
        signup = services.signup_by_name(
            program=program,
            name=form.cleaned_data["name"],
            phone=form.cleaned_data["phone"],
            acting_user=request.user,
        )
    except services.ProgramError as exc:
        return _detail(request, program, error=exc.message, status=409, name_form=form)
    _placed(request, signup)
    return redirect("programs:detail", program_id=program.pk)


@require_POST
@programs_view
def cancel(request: StaffRequest, program_id: int, signup_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    signup = policies.access_signup(request.user, program, signup_id)
    try:
        promoted = services.signup_cancel(signup=signup, acting_user=request.user)
    except services.ProgramError as exc:
        return _detail(request, program, error=exc.message, status=409)
    messages.success(request, CANCELLED)
    if promoted is not None:
        messages.warning(request, PROMOTED.format(name=promoted.display_name))
    return redirect("programs:detail", program_id=program.pk)


@require_POST
@programs_view
def called(request: StaffRequest, program_id: int, signup_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    signup = policies.access_signup(request.user, program, signup_id)
    services.signup_called(signup=signup, acting_user=request.user)
    messages.success(request, CALLED.format(name=signup.display_name))
    return redirect("programs:detail", program_id=program.pk)


@require_POST
@programs_view
def attend_scan(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    form = forms.DoorForm(request.POST, prefix="door")
    if not form.is_valid():
        return _detail(request, program, status=400, door_form=form)
    card = _card(form.cleaned_data["barcode"])
    if card is None:
        return _detail(request, program, error=UNKNOWN_CARD, status=400, door_form=form)
    try:
        scan = services.attendance_scan(program=program, card=card, acting_user=request.user)
    except services.ProgramError as exc:
        return _detail(request, program, error=exc.message, status=409, door_form=form)
    _scanned(request, card)
    if scan.signup is None:
        messages.warning(request, scan.message)
    else:
        text = AT_DOOR if scan.at_door else ATTENDED
        messages.success(request, text.format(name=scan.signup.display_name))
    return redirect("programs:detail", program_id=program.pk)


@require_POST
@programs_view
def attend_tick(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    ids = set()
    for value in request.POST.getlist("attended")[:1000]:
        signup_id = opaque_id(value)
        if signup_id is not None:
            ids.add(signup_id)
    try:
        count = services.attendance_tick(
            program=program, attended_ids=ids, acting_user=request.user
        )
    except services.ProgramError as exc:
        return _detail(request, program, error=exc.message, status=409)
    messages.success(request, TICKED.format(count=count))
    return redirect("programs:detail", program_id=program.pk)


@require_POST
@programs_view
def walk_ins(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    form = forms.WalkInForm(request.POST)
    if not form.is_valid():
        return _detail(request, program, status=400, walk_in_form=form)
    services.walk_ins_set(
        program=program, count=form.cleaned_data["walk_ins"], acting_user=request.user
    )
    messages.success(request, WALK_INS.format(count=form.cleaned_data["walk_ins"]))
    return redirect("programs:detail", program_id=program.pk)


@login_required
def report(request: StaffRequest) -> HttpResponse:
    """Program attendance counts for supervisors and the Director: charts,
    the table of each, and the CSV (`?format=csv`). No names."""
    from reports.charts import bar_chart
    from reports.csv import csv_response

    if not policies.can_view_program_reports(request.user):
        raise PermissionDenied
    today = clock.server_day()
    form = forms.ReportRangeForm(request.GET or None, today=today, default_days=365)
    if request.GET and not form.is_valid():
        return render(request, "programs/report.html", {"form": form}, status=400)
    start = form.cleaned_data["start"] if form.is_bound else today - datetime.timedelta(days=364)
    end = form.cleaned_data["end"] if form.is_bound else today
    counts = selectors.attendance_counts(start=start, end=end)
    if request.GET.get("format") == "csv":
        return csv_response(
            f"program-attendance-{start}-{end}",
            ["branch", "month", "age band", "signed up", "attended"],
            counts.rows,
        )
    charts = [
        bar_chart(
            id="by-branch",
            title="Attendance by branch",
            data=counts.by_branch,
            label_header="Branch",
        ),
        bar_chart(
            id="by-month", title="Attendance by month", data=counts.by_month, label_header="Month"
        ),
        bar_chart(
            id="by-age",
            title="Attendance by age band",
            data=counts.by_age_band,
            label_header="Age band",
        ),
    ]
    query = f"?start={start}&end={end}&format=csv"
    return render(
        request,
        "programs/report.html",
        {"form": form, "charts": charts, "start": start, "end": end, "csv_query": query},
    )


@require_POST
@programs_view
def program_cancel(request: StaffRequest, program_id: int) -> HttpResponse:
    program = policies.access_program(request.user, program_id)
    if not policies.can_plan_programs(request.user):
        raise PermissionDenied
    if request.POST.get("confirm") != "yes":
        return _detail(request, program, error=CONFIRM_CANCEL, status=400)
    try:
        count = services.program_cancel(program=program, acting_user=request.user)
    except services.ProgramError as exc:
        return _detail(request, program, error=exc.message, status=409)
    messages.warning(request, PROGRAM_CANCELLED.format(count=count))
    return redirect("programs:detail", program_id=program.pk)
