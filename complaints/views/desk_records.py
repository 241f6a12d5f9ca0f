"""Comment cards and incident reports: logged at the desk, read by
supervisors and the Director."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from complaints import forms, policies, selectors, services
from complaints.views.complaints import desk_branch, require
from organisation.users import StaffRequest


@login_required
def comment_card_create(request: StaffRequest) -> HttpResponse:
    require(policies.can_log_comment_card(request.user))
    branch = desk_branch(request.user)
    if request.method == "POST":
        form = forms.CommentCardForm(request.POST, tz=branch.timezone)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.comment_card_log(
                    branch=branch,
                    logged_by=request.user,
                    theme=data["theme"],
                    text=data["text"],
                    anonymous=data["anonymous"],
                    name=data["name"],
                    contact=data["contact"],
                    received_on=data["received_on"],
                )
            except services.ServiceError as exc:
                form.add_error(None, exc.message)
                return render(request, "complaints/comment_create.html", {"form": form}, status=400)
            messages.success(request, "Comment card logged. Thank the patron for it.")
            return redirect("complaints:comment_create")
        return render(request, "complaints/comment_create.html", {"form": form}, status=400)
    return render(request, "complaints/comment_create.html", {"form": forms.CommentCardForm()})


@login_required
@require_GET
def comment_report(request: StaffRequest) -> HttpResponse:
    require(policies.can_view_comment_report(request.user))
    report = selectors.comment_cards_report(user=request.user)
    return render(request, "complaints/comment_report.html", {"report": report})


@login_required
def incident_create(request: StaffRequest) -> HttpResponse:
    """Record an incident; the screen says who was told and how, or warns
    that nobody could be."""
    require(policies.can_log_incident(request.user))
    branch = desk_branch(request.user)
    if request.method == "POST":
        form = forms.IncidentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                incident = services.incident_report(
                    branch=branch,
                    reported_by=request.user,
                    type=data["type"],
                    description=data["description"],
                    called_911=data["called_911"],
                    occurred_at=data["occurred_at"],
                    location=data["location"],
                    action_taken=data["action_taken"],
                )
            except services.ServiceError as exc:
                form.add_error(None, exc.message)
                return render(
                    request, "complaints/incident_create.html", {"form": form}, status=400
                )
            told = incident.supervisors_told  # type: ignore[attr-defined]
            if told.nobody:
                messages.warning(
                    request,
                    f"Incident #{incident.pk} recorded. No supervisor of this branch could be "
                    "told: none is on file. Tell a supervisor or the Director in person now.",
                )
            else:
                messages.success(
                    request,
                    f"Incident #{incident.pk} recorded. Supervisors: {told.describe()}",
                )
            return redirect("complaints:incident_create")
        return render(request, "complaints/incident_create.html", {"form": form}, status=400)
    return render(request, "complaints/incident_create.html", {"form": forms.IncidentForm()})


@login_required
@require_GET
def incident_list(request: StaffRequest) -> HttpResponse:
    require(policies.can_view_incident_list(request.user))
    rows = selectors.incidents_list(user=request.user)
    return render(request, "complaints/incident_list.html", {"incidents": rows})


@login_required
def incident_detail(request: StaffRequest, incident_id: int) -> HttpResponse:
    incident = policies.access_incident(request.user, incident_id)
    form = forms.IncidentCloseForm()
    status = 200
    error = None
    if request.method == "POST":
        form = forms.IncidentCloseForm(request.POST)
        require(policies.can_close_incident(request.user, incident))
        if form.is_valid():
            try:
                services.incident_close(
                    incident=incident, acting_user=request.user, note=form.cleaned_data["note"]
                )
            except services.ServiceError as exc:
                error = exc.message
            else:
                messages.success(request, f"Incident #{incident.pk} closed.")
                return redirect("complaints:incident_detail", incident.pk)
        status = 400
    return render(
        request,
        "complaints/incident_detail.html",
        {
            "incident": incident,
            "form": form,
            "error": error,
            "can_close": policies.can_close_incident(request.user, incident),
        },
        status=status,
    )
