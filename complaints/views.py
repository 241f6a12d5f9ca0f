"""Views: form -> policy -> one service or selector -> render.

Complaint URLs carry only opaque integer ids. A complaint the user may not
see is a 404 (forbidden and missing look the same); an action the user may
not take on a complaint they can see is a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from complaints import forms, letters, policies, selectors, services
from complaints.models import Complaint, ReconsiderationRequest
from libraryservice.selectors import staff_branch
from patrons import policies as patron_policies


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _branch(user: Any) -> Any:
    branch = staff_branch(user)
    if branch is None:
        raise PermissionDenied("Your staff profile has no branch; ask an administrator.")
    return branch


# ---------------------------------------------------------------- complaints


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_log_complaint(request.user))
    status = request.GET.get("status", "active")
    search = request.GET.get("q", "")[:100]
    rows = selectors.complaints_list(user=request.user, status=status, search=search)
    return render(
        request,
        "complaints/list.html",
        {
            "complaints": rows,
            "status": status,
            "q": search,
            "statuses": Complaint.Status.choices,
        },
    )


@login_required
def complaint_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_log_complaint(request.user))
    branch = _branch(request.user)
    staff = selectors.staff_at_branch(branch_id=branch.pk)
    patrons = patron_policies.patrons_visible_to(request.user)
    if request.method == "POST":
        form = forms.ComplaintIntakeForm(
            request.POST, staff_queryset=staff, patron_queryset=patrons
        )
        if form.is_valid():
            data = form.cleaned_data
            complaint = services.complaint_log(
                branch=branch,
                logged_by=request.user,
                category=data["category"],
                description=data["description"],
                channel=data["channel"],
                patron=data["patron_id"],
                patron_name=data["patron_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                staff_involved=data["staff_involved"],
            )
            messages.success(request, f"Concern {complaint.reference} logged.")
            if policies.can_view_complaint(request.user, complaint):
                return redirect("complaints:detail", complaint.pk)
            return redirect("complaints:list")
        linked = form.cleaned_data.get("patron_id") if hasattr(form, "cleaned_data") else None
        return render(
            request, "complaints/create.html", {"form": form, "linked_patron": linked}, status=400
        )
    initial: dict[str, Any] = {}
    linked = None
    patron_id = request.GET.get("patron", "")
    if patron_id.isdigit():
        # From the desk screen: the patron in view, if this user may see them.
        linked = patrons.filter(pk=int(patron_id)).first()
    if linked is not None:
        initial["patron_id"] = linked.pk
        initial["patron_name"] = linked.full_name
        if patron_policies.can_view_contact(request.user, linked):
            initial["contact_email"] = linked.email
            initial["contact_phone"] = linked.phone
    form = forms.ComplaintIntakeForm(initial=initial, staff_queryset=staff)
    return render(request, "complaints/create.html", {"form": form, "linked_patron": linked})


def _detail_context(request: HttpRequest, complaint: Complaint, **forms_: Any) -> dict:
    user = request.user
    can_escalate = policies.can_escalate(user, complaint)
    context: dict[str, Any] = {
        "complaint": complaint,
        "can_resolve": policies.can_resolve_informally(user, complaint),
        "can_escalate": can_escalate,
        "can_work": policies.can_work_formal_review(user, complaint),
        "can_appeal": policies.can_record_appeal(user, complaint),
        "can_close": policies.can_close_after_decision(user, complaint),
        "can_attach": policies.can_add_attachment(user, complaint),
        "can_letter": complaint.decided_at is not None,
        "show_contact": patron_policies.can_view_contact(user),
        "resolve_form": forms_.get("resolve_form") or forms.InformalResolutionForm(),
        "update_form": forms_.get("update_form") or forms.UpdateForm(),
        "pause_form": forms_.get("pause_form") or forms.NoteForm(),
        "decide_form": forms_.get("decide_form") or forms.DecisionForm(),
        "appeal_form": forms_.get("appeal_form") or forms.AppealForm(),
        "close_form": forms_.get("close_form") or forms.NoteForm(),
        "attach_form": forms_.get("attach_form") or forms.AttachmentForm(),
        "error": forms_.get("error"),
    }
    if can_escalate:
        candidates = selectors.assignee_candidates(complaint=complaint)
        escalate_form = forms_.get("escalate_form")
        if escalate_form is None:
            default = selectors.default_assignee(candidates)
            escalate_form = forms.EscalationForm(
                assignee_queryset=candidates,
                initial={"assignee": default.pk if default else None},
            )
        context["escalate_form"] = escalate_form
    return context


@login_required
@require_GET
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_for_detail(user=request.user, complaint_id=complaint_id)
    return render(request, "complaints/detail.html", _detail_context(request, complaint))


def _rerender(
    request: HttpRequest, complaint_id: int, status: int = 400, **forms_: Any
) -> HttpResponse:
    complaint = selectors.complaint_for_detail(user=request.user, complaint_id=complaint_id)
    return render(
        request,
        "complaints/detail.html",
        _detail_context(request, complaint, **forms_),
        status=status,
    )


def _complaint_action(
    request: HttpRequest,
    complaint_id: int,
    *,
    form_class: Any,
    form_name: str,
    allowed: Any,
    run: Any,
    done: str,
    form_kwargs: dict | None = None,
) -> HttpResponse:
    complaint = policies.access_complaint(request.user, complaint_id)
    _require(allowed(request.user, complaint))
    form = form_class(request.POST, request.FILES, **(form_kwargs or {}))
    if not form.is_valid():
        return _rerender(request, complaint_id, **{form_name: form})
    try:
        run(complaint, form.cleaned_data)
    except services.ServiceError as exc:
        return _rerender(request, complaint_id, **{form_name: form, "error": exc.message})
    messages.success(request, done.format(ref=complaint.reference))
    if policies.can_view_complaint(request.user, complaint):
        return redirect("complaints:detail", complaint.pk)
    return redirect("complaints:list")


@login_required
@require_POST
def complaint_resolve(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.InformalResolutionForm,
        form_name="resolve_form",
        allowed=policies.can_resolve_informally,
        run=lambda c, d: services.complaint_resolve_informally(
            complaint=c,
            acting_user=request.user,
            explanation=d["explanation"],
            alternative=d["alternative"],
        ),
        done="Concern {ref} resolved at the desk and closed.",
    )


@login_required
@require_POST
def complaint_escalate(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = policies.access_complaint(request.user, complaint_id)
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.EscalationForm,
        form_name="escalate_form",
        allowed=policies.can_escalate,
        form_kwargs={"assignee_queryset": selectors.assignee_candidates(complaint=complaint)},
        run=lambda c, d: services.complaint_escalate(
            complaint=c, acting_user=request.user, assignee=d["assignee"], note=d["note"]
        ),
        done="Complaint {ref} assigned.",
    )


@login_required
@require_POST
def complaint_update(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.UpdateForm,
        form_name="update_form",
        allowed=policies.can_work_formal_review,
        run=lambda c, d: services.complaint_record_update(
            complaint=c, acting_user=request.user, note=d["note"]
        ),
        done="Update recorded on {ref}.",
    )


@login_required
@require_POST
def complaint_pause(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.NoteForm,
        form_name="pause_form",
        allowed=policies.can_work_formal_review,
        run=lambda c, d: services.complaint_pause(
            complaint=c, acting_user=request.user, note=d["note"]
        ),
        done="{ref} is waiting on the patron: the clocks are stopped.",
    )


@login_required
@require_POST
def complaint_resume(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.NoteForm,
        form_name="pause_form",
        allowed=policies.can_work_formal_review,
        run=lambda c, d: services.complaint_resume(
            complaint=c, acting_user=request.user, note=d["note"]
        ),
        done="{ref} resumed: deadlines extended by the time spent waiting.",
    )


@login_required
@require_POST
def complaint_decide(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.DecisionForm,
        form_name="decide_form",
        allowed=policies.can_work_formal_review,
        run=lambda c, d: services.complaint_decide(
            complaint=c, acting_user=request.user, decision=d["decision"], reasons=d["reasons"]
        ),
        done="Decision recorded on {ref}. The letter is ready.",
    )


@login_required
@require_POST
def complaint_appeal(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.AppealForm,
        form_name="appeal_form",
        allowed=policies.can_record_appeal,
        run=lambda c, d: services.complaint_record_appeal(
            complaint=c, acting_user=request.user, grounds=d["grounds"]
        ),
        done="Appeal to the Board recorded on {ref}.",
    )


@login_required
@require_POST
def complaint_close(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.NoteForm,
        form_name="close_form",
        allowed=policies.can_close_after_decision,
        run=lambda c, d: services.complaint_close(
            complaint=c, acting_user=request.user, note=d["note"]
        ),
        done="{ref} closed.",
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_action(
        request,
        complaint_id,
        form_class=forms.AttachmentForm,
        form_name="attach_form",
        allowed=policies.can_add_attachment,
        run=lambda c, d: services.complaint_add_attachment(
            complaint=c,
            acting_user=request.user,
            upload=d["file"],
            content_type=d["content_type"],
        ),
        done="File attached to {ref}.",
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = policies.access_attachment(request.user, attachment_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def complaint_letter(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_for_detail(user=request.user, complaint_id=complaint_id)
    _require(policies.can_view_letter(request.user, complaint))
    context = letters.complaint_letter_context(complaint)
    context["back_url"] = reverse("complaints:detail", args=[complaint.pk])
    return render(request, "complaints/letters/complaint_decision.html", context)


# ---------------------------------------------------------------- review desk


@login_required
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_review_desk(request.user))
    return render(
        request,
        "complaints/review.html",
        {
            "complaints": selectors.review_complaints(user=request.user),
            "requests": selectors.review_reconsiderations(user=request.user),
            "counts": selectors.complaint_counts(user=request.user),
        },
    )


@login_required
@require_GET
def review_csv(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_review_desk(request.user))
    response = HttpResponse(
        selectors.complaints_csv(user=request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="complaints.csv"'
    return response


# ---------------------------------------------------------- reconsideration


@login_required
def reconsideration_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_log_reconsideration(request.user))
    branch = _branch(request.user)
    if request.method == "POST":
        form = forms.ReconsiderationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                recon = services.reconsideration_request(
                    item=data["item_barcode"],
                    branch=branch,
                    logged_by=request.user,
                    requester_name=data["requester_name"],
                    requester_patron=data["card_barcode"],
                    is_resident=data["is_resident"],
                    requester_email=data["requester_email"],
                    requester_address=data["requester_address"],
                    requester_read_in_full=data["requester_read_in_full"],
                    objection=data["objection"],
                    requested_action=data["requested_action"],
                )
            except services.ServiceError as exc:
                return render(
                    request,
                    "complaints/reconsideration_create.html",
                    {"form": form, "error": exc.message},
                    status=400,
                )
            messages.success(
                request,
                f"Request {recon.reference} received. The item stays on the shelf and in "
                "circulation; the Director sends the acknowledgement.",
            )
            if policies.reconsiderations_visible_to(request.user).filter(pk=recon.pk).exists():
                return redirect("complaints:reconsideration_detail", recon.pk)
            return redirect("complaints:reconsideration_create")
        return render(request, "complaints/reconsideration_create.html", {"form": form}, status=400)
    return render(
        request,
        "complaints/reconsideration_create.html",
        {"form": forms.ReconsiderationForm()},
    )


def _recon_context(request: HttpRequest, recon: ReconsiderationRequest, **extra: Any) -> dict:
    return {
        "recon": recon,
        "show_identity": policies.can_see_requester_identity(request.user, recon),
        "member_form": extra.get("member_form") or forms.CommitteeMemberForm(),
        "decide_form": extra.get("decide_form") or forms.ReconsiderationDecisionForm(),
        "appeal_form": extra.get("appeal_form") or forms.AppealForm(),
        "error": extra.get("error"),
        "open": recon.status
        in (ReconsiderationRequest.Status.RECEIVED, ReconsiderationRequest.Status.UNDER_REVIEW),
    }


def _recon_for_detail(request: HttpRequest, request_id: int) -> ReconsiderationRequest:
    recon = policies.access_reconsideration(request.user, request_id)
    return (
        ReconsiderationRequest.objects.select_related("item", "branch", "decided_by__staff_profile")
        .prefetch_related("committee")
        .get(pk=recon.pk)
    )


@login_required
@require_GET
def reconsideration_list(request: HttpRequest) -> HttpResponse:
    _require(policies.has_capability(request.user, "handle_escalations"))
    rows = (
        policies.reconsiderations_visible_to(request.user)
        .select_related("item", "branch")
        .order_by("-received_at")[:200]
    )
    return render(request, "complaints/reconsideration_list.html", {"requests": rows})


@login_required
@require_GET
def reconsideration_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    recon = _recon_for_detail(request, request_id)
    return render(request, "complaints/reconsideration_detail.html", _recon_context(request, recon))


def _recon_action(
    request: HttpRequest, request_id: int, *, form_class: Any, form_name: str, run: Any, done: str
) -> HttpResponse:
    recon = policies.access_reconsideration(request.user, request_id)
    form = form_class(request.POST) if form_class else None
    error = None
    if form is not None and not form.is_valid():
        error = "Check the form below."
    else:
        try:
            run(recon, form.cleaned_data if form is not None else {})
        except services.ServiceError as exc:
            error = exc.message
    if error:
        recon = _recon_for_detail(request, request_id)
        return render(
            request,
            "complaints/reconsideration_detail.html",
            _recon_context(request, recon, **{form_name: form, "error": error}),
            status=400,
        )
    messages.success(request, done.format(ref=recon.reference))
    return redirect("complaints:reconsideration_detail", recon.pk)


@login_required
@require_POST
def reconsideration_acknowledge(request: HttpRequest, request_id: int) -> HttpResponse:
    return _recon_action(
        request,
        request_id,
        form_class=None,
        form_name="",
        run=lambda r, d: services.reconsideration_acknowledge(request=r, acting_user=request.user),
        done="Acknowledgement of {ref} recorded.",
    )


@login_required
@require_POST
def reconsideration_member(request: HttpRequest, request_id: int) -> HttpResponse:
    return _recon_action(
        request,
        request_id,
        form_class=forms.CommitteeMemberForm,
        form_name="member_form",
        run=lambda r, d: services.reconsideration_add_member(
            request=r,
            acting_user=request.user,
            name=d["name"],
            role=d["role"],
            read_in_full=d["read_in_full"],
        ),
        done="Committee member recorded on {ref}.",
    )


@login_required
@require_POST
def reconsideration_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    return _recon_action(
        request,
        request_id,
        form_class=forms.ReconsiderationDecisionForm,
        form_name="decide_form",
        run=lambda r, d: services.reconsideration_decide(
            request=r, acting_user=request.user, decision=d["decision"], reasons=d["reasons"]
        ),
        done="Decision on {ref} recorded. The letter is ready.",
    )


@login_required
@require_POST
def reconsideration_appeal(request: HttpRequest, request_id: int) -> HttpResponse:
    return _recon_action(
        request,
        request_id,
        form_class=forms.AppealForm,
        form_name="appeal_form",
        run=lambda r, d: services.reconsideration_record_appeal(
            request=r, acting_user=request.user, grounds=d["grounds"]
        ),
        done="Appeal to the Board recorded on {ref}.",
    )


@login_required
@require_POST
def reconsideration_close(request: HttpRequest, request_id: int) -> HttpResponse:
    return _recon_action(
        request,
        request_id,
        form_class=None,
        form_name="",
        run=lambda r, d: services.reconsideration_close(request=r, acting_user=request.user),
        done="{ref} closed.",
    )


@login_required
@require_GET
def reconsideration_letter(request: HttpRequest, request_id: int, kind: str) -> HttpResponse:
    recon = _recon_for_detail(request, request_id)
    if kind == "decision":
        if recon.decided_at is None:
            raise PermissionDenied
        context = letters.reconsideration_context(recon)
        template = "complaints/letters/reconsideration_decision.html"
    else:
        context = letters.reconsideration_context(recon)
        template = "complaints/letters/reconsideration_ack.html"
    context["back_url"] = reverse("complaints:reconsideration_detail", args=[recon.pk])
    context["signatory"] = letters._signatory(recon.decided_by)
    return render(request, template, context)


# ------------------------------------------------- comment cards, incidents


@login_required
def comment_card_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_log_comment_card(request.user))
    branch = _branch(request.user)
    if request.method == "POST":
        form = forms.CommentCardForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
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
            messages.success(request, "Comment card logged. Thank the patron for it.")
            return redirect("complaints:comment_create")
        return render(request, "complaints/comment_create.html", {"form": form}, status=400)
    return render(request, "complaints/comment_create.html", {"form": forms.CommentCardForm()})


@login_required
@require_GET
def comment_report(request: HttpRequest) -> HttpResponse:
    _require(policies.has_capability(request.user, "review_branch_complaints"))
    report = selectors.comment_cards_report(user=request.user)
    return render(request, "complaints/comment_report.html", {"report": report})


@login_required
def incident_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_log_incident(request.user))
    branch = _branch(request.user)
    if request.method == "POST":
        form = forms.IncidentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.incident_report(
                branch=branch,
                reported_by=request.user,
                type=data["type"],
                description=data["description"],
                called_911=data["called_911"],
                occurred_at=data["occurred_at"],
                location=data["location"],
                action_taken=data["action_taken"],
            )
            messages.success(request, "Incident recorded. The branch supervisor is being told now.")
            return redirect("complaints:incident_create")
        return render(request, "complaints/incident_create.html", {"form": form}, status=400)
    return render(request, "complaints/incident_create.html", {"form": forms.IncidentForm()})


@login_required
@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    _require(policies.has_capability(request.user, "review_branch_complaints"))
    rows = selectors.incidents_list(user=request.user)
    return render(request, "complaints/incident_list.html", {"incidents": rows})


@login_required
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = policies.access_incident(request.user, incident_id)
    form = forms.IncidentCloseForm()
    status = 200
    error = None
    if request.method == "POST":
        form = forms.IncidentCloseForm(request.POST)
        _require(policies.can_close_incident(request.user, incident))
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
