"""Reconsideration screens: the desk's request form, the Director's list,
the request with its committee, decision, appeal and close, the letters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases.letters import signatory
from cases.views import case_action
from complaints import forms, letters, policies, services
from complaints.models import ReconsiderationRequest
from complaints.views.complaints import desk_branch, require
from organisation.users import StaffRequest


@login_required
def reconsideration_create(request: StaffRequest) -> HttpResponse:
    require(policies.can_log_reconsideration(request.user))
    branch = desk_branch(request.user)
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


def _context(request: StaffRequest, recon: ReconsiderationRequest, **extra: Any) -> dict:
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


def _for_detail(request: StaffRequest, request_id: int) -> ReconsiderationRequest:
    recon = policies.access_reconsideration(request.user, request_id)
    return (
        ReconsiderationRequest.objects.select_related("item", "branch", "decided_by__staff_profile")
        .prefetch_related("committee")
        .get(pk=recon.pk)
    )


@login_required
@require_GET
def reconsideration_list(request: StaffRequest) -> HttpResponse:
    require(policies.can_view_reconsideration_list(request.user))
    rows = (
        policies.reconsiderations_visible_to(request.user)
        .select_related("item", "branch")
        .order_by("-received_at")[:200]
    )
    return render(request, "complaints/reconsideration_list.html", {"requests": rows})


@login_required
@require_GET
def reconsideration_detail(request: StaffRequest, request_id: int) -> HttpResponse:
    recon = _for_detail(request, request_id)
    return render(request, "complaints/reconsideration_detail.html", _context(request, recon))


def _action(
    request: StaffRequest, request_id: int, *, form_class: Any, form_name: str, run: Any, done: str
) -> HttpResponse:
    """The service checks the reconsideration policy (403 when it refuses);
    a wrong stage is shown on the page, as a refusal."""
    recon = policies.access_reconsideration(request.user, request_id)

    def rerender(form: Any, error: str | None) -> HttpResponse:
        fresh = _for_detail(request, request_id)
        extra = {form_name: form, "error": error}
        return render(
            request,
            "complaints/reconsideration_detail.html",
            _context(request, fresh, **extra),
            status=400,
        )

    return case_action(
        request,
        form=form_class(request.POST) if form_class else None,
        run=lambda data: run(recon, data),
        done=lambda _: done.format(ref=recon.reference),
        rerender=rerender,
        after=lambda: redirect("complaints:reconsideration_detail", recon.pk),
        invalid_message="Check the form below.",
    )


@login_required
@require_POST
def reconsideration_acknowledge(request: StaffRequest, request_id: int) -> HttpResponse:
    return _action(
        request,
        request_id,
        form_class=None,
        form_name="",
        run=lambda r, d: services.reconsideration_acknowledge(request=r, acting_user=request.user),
        done="Acknowledgement of {ref} recorded.",
    )


@login_required
@require_POST
def reconsideration_member(request: StaffRequest, request_id: int) -> HttpResponse:
    return _action(
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
def reconsideration_decide(request: StaffRequest, request_id: int) -> HttpResponse:
    return _action(
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
def reconsideration_appeal(request: StaffRequest, request_id: int) -> HttpResponse:
    return _action(
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
def reconsideration_close(request: StaffRequest, request_id: int) -> HttpResponse:
    return _action(
        request,
        request_id,
        form_class=None,
        form_name="",
        run=lambda r, d: services.reconsideration_close(request=r, acting_user=request.user),
        done="{ref} closed.",
    )


@login_required
@require_GET
def reconsideration_letter(request: StaffRequest, request_id: int, kind: str) -> HttpResponse:
    recon = _for_detail(request, request_id)
    if kind == "decision":
        if recon.decided_at is None:
            raise PermissionDenied
        template = "complaints/letters/reconsideration_decision.html"
    else:
        template = "complaints/letters/reconsideration_ack.html"
    context = letters.reconsideration_context(recon)
    context["back_url"] = reverse("complaints:reconsideration_detail", args=[recon.pk])
    context["signatory"] = signatory(recon.decided_by)
    return render(request, template, context)
