"""Views of the privacy app: form -> policy -> one service or selector ->
render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from circulation import selectors as circulation_selectors
from organisation import clock
from organisation.inputs import opaque_id
from organisation.selectors import staff_branch
from organisation.users import StaffRequest
from patrons.models import GuardianLink, ProxyAuthorization
from patrons.policies import access_patron
from privacy import policies, referrals, selectors, services, simulator
from privacy.forms import (
    DisclosureForm,
    GuardianSharingForm,
    HistoryPurposeForm,
    RuleSetForm,
)
from privacy.models import JurisdictionRuleSet
from privacy.selectors import UnknownJurisdiction, ruleset_in_force
from privacy.vocabulary import PROOF_IRRELEVANT, Instrument, Proof, Requester


@login_required
@require_POST
def simulate_rules(request: StaffRequest) -> HttpResponse:
    """The decision table of the posted, unsaved rules beside the saved
    ones. Saves nothing. Administrators only; others get a 404."""
    if not policies.can_edit_rules(request.user):
        raise Http404
    saved_obj = None
    ruleset_id = opaque_id(request.GET.get("ruleset", ""))
    if ruleset_id is not None:
        saved_obj = JurisdictionRuleSet.objects.filter(pk=ruleset_id).first()
    # Snapshot before the form writes the posted values onto the instance.
    saved_rules = saved_obj.to_rules() if saved_obj else None
    form = RuleSetForm(request.POST, instance=saved_obj)
    if not form.is_valid():
        return render(
            request,
            "privacy/simulator.html",
            {"form": form, "saved_obj": saved_obj},
            status=400,
        )
    edited = form.instance
    if saved_obj is None:
        current = ruleset_in_force(
            jurisdiction_code=edited.jurisdiction_code, on=clock.server_day()
        )
        if current is not None:
            saved_obj, saved_rules = current, current.to_rules()
    sections = simulator.compare(edited.to_rules(), saved_rules)
    changes = sum(s.changes for s in sections)
    return render(
        request,
        "privacy/simulator.html",
        {
            "form": form,
            "edited": edited,
            "saved_obj": saved_obj,
            "sections": sections,
            "changes": changes,
            "reason_changes": sum(s.reason_changes for s in sections),
            "changed_rows": [(s, r) for s in sections for r in s.rows if r.changed],
            "proofs": simulator.PROOF_LABELS,
        },
    )


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _partial_or_page(
    request: HttpRequest, partial: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """htmx gets the partial for #disclosure-result; a plain request a page."""
    if _is_htmx(request):
        return render(request, partial, context, status=status)
    return render(
        request, "privacy/disclosure_page.html", {**context, "partial": partial}, status=status
    )


RECORD_HIDDEN_FOR = (Requester.LAW_ENFORCEMENT, Requester.THIRD_PARTY)


@login_required
@require_POST
def disclose(request: StaffRequest) -> HttpResponse:
    """Run the disclosure check for the patron in view and show, record type
    by record type, only what may be told."""
    if not policies.can_run_disclosure(request.user):
        raise PermissionDenied
    form = DisclosureForm(request.POST)
    if not form.is_valid():
        return _partial_or_page(
            request, "privacy/_disclosure_result.html", {"form": form}, status=400
        )
    patron = access_patron(request.user, form.cleaned_data["patron"])
    try:
        result = services.disclosure_run(
            patron=patron,
            requester=form.cleaned_data["requester"],
            proof=form.cleaned_data["proof"],
            instrument=form.cleaned_data["instrument"],
            acting_user=request.user,
            staff_branch=staff_branch(request.user),
        )
    except UnknownJurisdiction as exc:
        return _partial_or_page(
            request,
            "privacy/_disclosure_result.html",
            {"form": form, "error": str(exc)},
            status=409,
        )
    requester = form.cleaned_data["requester"]
    # Nothing from the record is even loaded for an officer at the desk.
    is_law_enforcement = requester == Requester.LAW_ENFORCEMENT
    told = (
        {}
        if is_law_enforcement
        else selectors.disclosable_records(patron=patron, records=result.allowed_records)
    )
    context = {
        "form": form,
        "result": result,
        "patron": patron,
        "requester": requester,
        "is_law_enforcement": is_law_enforcement,
        "is_proxy": requester == Requester.PROXY,
        "proxy_on_record": requester == Requester.PROXY
        and ProxyAuthorization.objects.filter(
            cardholder=patron,
            revoked_at__isnull=True,
            expires_on__gte=clock.server_day(),
            may_borrow=True,
        ).exists(),
        "instrument_shown": form.cleaned_data["instrument"] != Instrument.NONE,
        "shows_proof": requester not in PROOF_IRRELEVANT,
        "requester_label": dict(Requester.choices)[requester],
        "proof_label": dict(Proof.choices)[form.cleaned_data["proof"]],
        "instrument": form.cleaned_data["instrument"],
        "instrument_label": dict(Instrument.choices)[form.cleaned_data["instrument"]],
        "told": told,
        "director_name": selectors.director_display_name(branch=result.branch),
        "guardian_on_record": requester != Requester.GUARDIAN
        or GuardianLink.objects.filter(patron=patron).exists(),
        "law_enforcement": Requester.LAW_ENFORCEMENT.value,
        "instruments": [(v, label) for v, label in Instrument.choices if v != Instrument.NONE],
        "referral_panels": referrals.panels_for(
            request, log_id=result.log.pk, instrument=form.cleaned_data["instrument"]
        )
        if is_law_enforcement
        else [],
        # On the desk screen (htmx), the record leaves the screen while
        # someone who may be told nothing of it is at the desk.
        "hides_record": _is_htmx(request) and requester in RECORD_HIDDEN_FOR,
    }
    return _partial_or_page(request, "privacy/_disclosure_result.html", context)


@login_required
@require_POST
def guardian_sharing(request: StaffRequest) -> HttpResponse:
    """Record a minor's own choice to share their records with a guardian."""
    if not policies.can_run_disclosure(request.user):
        raise PermissionDenied
    form = GuardianSharingForm(request.POST)
    if not form.is_valid():
        return _partial_or_page(
            request, "privacy/_sharing.html", {"error": "Choose yes or no."}, status=400
        )
    patron = access_patron(request.user, form.cleaned_data["patron"])
    try:
        patron = services.patron_set_guardian_sharing(
            patron=patron,
            shares=form.cleaned_data["shares"],
            acting_user=request.user,
            staff_branch=staff_branch(request.user),
        )
    except services.PrivacyError as exc:
        return _partial_or_page(
            request, "privacy/_sharing.html", {"patron": patron, "error": exc.message}, status=400
        )
    return _partial_or_page(request, "privacy/_sharing.html", {"patron": patron, "saved": True})


@login_required
def loan_history(request: StaffRequest, patron_id: int) -> HttpResponse:
    """An opted-in patron's loan history, after the staff member states a
    purpose; each opening is logged. Volunteers and administrators: 404."""
    if not policies.can_view_loan_history(request.user):
        raise Http404
    patron = access_patron(request.user, patron_id)
    context: dict[str, Any] = {"patron": patron}
    if not patron.keeps_loan_history:
        return render(
            request, "privacy/loan_history.html", {**context, "error": services.NO_HISTORY}
        )
    if request.method != "POST":
        return render(
            request, "privacy/loan_history.html", {**context, "form": HistoryPurposeForm()}
        )
    form = HistoryPurposeForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/loan_history.html", {**context, "form": form}, status=400)
    try:
        entry = services.loan_history_access(
            patron=patron, purpose=form.cleaned_data["purpose"], acting_user=request.user
        )
    except services.PrivacyError as exc:
        return render(
            request,
            "privacy/loan_history.html",
            {**context, "form": form, "error": exc.message},
            status=400,
        )
    return render(
        request,
        "privacy/loan_history.html",
        {
            **context,
            "entry": entry,
            "loans": circulation_selectors.loan_history(patron=patron),
        },
    )


@login_required
def access_report(request: StaffRequest, patron_id: int) -> HttpResponse:
    """A printable report, for the cardholder, of who accessed their record
    and when."""
    if not policies.can_print_access_report(request.user):
        raise Http404
    patron = access_patron(request.user, patron_id)
    return render(
        request,
        "privacy/access_report.html",
        {
            "patron": patron,
            "lines": selectors.access_report(patron=patron),
            "printed_at": timezone.now(),
        },
    )
