"""Views of the privacy app: form -> policy -> one service or selector ->
render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from privacy import policies, simulator
from privacy.forms import RuleSetForm
from privacy.models import JurisdictionRuleSet
from privacy.selectors import ruleset_in_force


@login_required
@require_POST
def simulate_rules(request: HttpRequest) -> HttpResponse:
    """The decision table of the posted, unsaved rules beside the saved
    ones. Saves nothing. Administrators only; others get a 404."""
    if not policies.can_edit_rules(request.user):
        raise Http404
    saved_obj = None
    raw_id = request.GET.get("ruleset", "")
    if raw_id.isdigit():
        saved_obj = JurisdictionRuleSet.objects.filter(pk=int(raw_id)).first()
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
        from django.utils import timezone

        current = ruleset_in_force(
            jurisdiction_code=edited.jurisdiction_code, on=timezone.localdate()
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
            "changed_rows": [(s, r) for s in sections for r in s.rows if r.changed],
            "proofs": simulator.PROOF_LABELS,
        },
    )
