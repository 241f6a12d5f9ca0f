"""Complaint screens: the list and its search, intake, the detail page and
its actions, attachments, the decision letter.

The search matches patron names, so it is a POST: a name never reaches an
address bar, a browser history or an access log. Only the status filter,
which carries no patron data, may come in the query string.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.files import stored_file_response
from cases.views import case_action
from complaints import bounds, forms, letters, policies, selectors, services
from complaints.models import Complaint
from organisation.models import Branch
from organisation.selectors import staff_branch
from organisation.users import StaffRequest, StaffUser
from patrons import policies as patron_policies


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def desk_branch(user: StaffUser) -> Branch:
    branch = staff_branch(user)
    if branch is None:
        raise PermissionDenied("Your staff profile has no branch; ask an administrator.")
    return branch


@login_required
@require_http_methods(["GET", "POST"])
def complaint_list(request: StaffRequest) -> HttpResponse:
    require(policies.can_log_complaint(request.user))
    if request.method == "POST":
        form = forms.ComplaintSearchForm(request.POST)
    else:
        # Only the status: a search term in the query string is ignored.
        form = forms.ComplaintSearchForm({"status": request.GET.get("status", "active")})
    status = 200
    if form.is_valid():
        data = form.cleaned_data
    else:
        data = {"status": "active", "q": ""}
        status = 400 if request.method == "POST" else 200
        if request.method == "GET":
            form = forms.ComplaintSearchForm({"status": "active"})
            form.is_valid()
    rows = selectors.complaints_list(user=request.user, status=data["status"], search=data["q"])
    return render(
        request,
        "complaints/list.html",
        {"complaints": rows, "form": form, "statuses": Complaint.Status.choices},
        status=status,
    )


@login_required
def complaint_create(request: StaffRequest) -> HttpResponse:
    require(policies.can_log_complaint(request.user))
    branch = desk_branch(request.user)
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
    patron_id = bounds.opaque_id(request.GET.get("patron", ""))
    if patron_id is not None:
        # From the desk screen: the patron in view, if this user may see them.
        linked = patrons.filter(pk=patron_id).first()
    if linked is not None:
        initial["patron_id"] = linked.pk
        initial["patron_name"] = linked.full_name
        if patron_policies.can_view_contact(request.user, linked):
            initial["contact_email"] = linked.email
            initial["contact_phone"] = linked.phone
    form = forms.ComplaintIntakeForm(initial=initial, staff_queryset=staff)
    return render(request, "complaints/create.html", {"form": form, "linked_patron": linked})


def _detail_context(request: StaffRequest, complaint: Complaint, **forms_: Any) -> dict:
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
def complaint_detail(request: StaffRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_for_detail(user=request.user, complaint_id=complaint_id)
    return render(request, "complaints/detail.html", _detail_context(request, complaint))


def _complaint_action(
    request: StaffRequest,
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

    def rerender(form: Any, error: str | None) -> HttpResponse:
        fresh = selectors.complaint_for_detail(user=request.user, complaint_id=complaint_id)
        extra = {form_name: form, "error": error}
        return render(
            request, "complaints/detail.html", _detail_context(request, fresh, **extra), status=400
        )

    def after() -> HttpResponse:
        if policies.can_view_complaint(request.user, complaint):
            return redirect("complaints:detail", complaint.pk)
        return redirect("complaints:list")

    def message(result: Any) -> str:
        text = done.format(ref=complaint.reference)
        told = getattr(result, "assignee_told", None)
        return f"{text} {told.describe()}" if told is not None else text

    return case_action(
        request,
        allowed=allowed(request.user, complaint),
        form=form_class(request.POST, request.FILES, **(form_kwargs or {})),
        run=lambda data: run(complaint, data),
        done=message,
        rerender=rerender,
        after=after,
    )


@login_required
@require_POST
def complaint_resolve(request: StaffRequest, complaint_id: int) -> HttpResponse:
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
def complaint_escalate(request: StaffRequest, complaint_id: int) -> HttpResponse:
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


def _simple(
    service: Any, field: str, keyword: str, form_class: Any, form_name: str, allowed: Any, done: str
) -> Any:
    """A formal-review action whose service takes one text field."""

    @login_required
    @require_POST
    def view(request: StaffRequest, complaint_id: int) -> HttpResponse:
        return _complaint_action(
            request,
            complaint_id,
            form_class=form_class,
            form_name=form_name,
            allowed=allowed,
            run=lambda c, d: service(complaint=c, acting_user=request.user, **{keyword: d[field]}),
            done=done,
        )

    return view


complaint_update = _simple(
    services.complaint_record_update,
    "note",
    "note",
    forms.UpdateForm,
    "update_form",
    policies.can_work_formal_review,
    "Update recorded on {ref}.",
)
complaint_pause = _simple(
    services.complaint_pause,
    "note",
    "note",
    forms.NoteForm,
    "pause_form",
    policies.can_work_formal_review,
    "{ref} is waiting on the patron: the clocks are stopped.",
)
complaint_resume = _simple(
    services.complaint_resume,
    "note",
    "note",
    forms.NoteForm,
    "pause_form",
    policies.can_work_formal_review,
    "{ref} resumed: deadlines extended by the time spent waiting.",
)
complaint_appeal = _simple(
    services.complaint_record_appeal,
    "grounds",
    "grounds",
    forms.AppealForm,
    "appeal_form",
    policies.can_record_appeal,
    "Appeal to the Board recorded on {ref}.",
)
complaint_close = _simple(
    services.complaint_close,
    "note",
    "note",
    forms.NoteForm,
    "close_form",
    policies.can_close_after_decision,
    "{ref} closed.",
)


@login_required
@require_POST
def complaint_decide(request: StaffRequest, complaint_id: int) -> HttpResponse:
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
def attachment_upload(request: StaffRequest, complaint_id: int) -> HttpResponse:
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
def attachment_download(request: StaffRequest, attachment_id: int) -> FileResponse:
    return stored_file_response(policies.access_attachment(request.user, attachment_id))


@login_required
@require_GET
def complaint_letter(request: StaffRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_for_detail(user=request.user, complaint_id=complaint_id)
    require(policies.can_view_letter(request.user, complaint))
    context = letters.complaint_letter_context(complaint)
    context["back_url"] = reverse("complaints:detail", args=[complaint.pk])
    return render(request, "complaints/letters/complaint_decision.html", context)
