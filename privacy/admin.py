"""Administrators edit jurisdiction rule sets here; every page says to
confirm with counsel, and the change form offers the rule simulator."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import SafeString

from organisation import clock
from organisation.users import StaffRequest
from privacy import services
from privacy.forms import RuleSetForm, wording_fieldsets
from privacy.models import JurisdictionRuleSet

COUNSEL_CONFIRMED = "Recorded: you confirmed that counsel reviewed {ruleset}."
COUNSEL_BOX_REQUIRED = "Tick the box to confirm that counsel has reviewed these rules."


@admin.register(JurisdictionRuleSet)
class JurisdictionRuleSetAdmin(admin.ModelAdmin):
    form = RuleSetForm
    save_as = True
    list_display = [
        "jurisdiction_code",
        "name",
        "effective_from",
        "in_force_today",
        "parent_access",
        "parent_access_max_age",
        "emergency_disclosure",
        "citation",
        "verification_display",
        "counsel_reviewed",
    ]
    list_filter = ["jurisdiction_code", "parent_access"]
    search_fields = ["jurisdiction_code", "name", "citation"]
    readonly_fields = ["sources_table"]
    fieldsets = [
        (
            "Sources and how they were checked",
            {"fields": ["sources_table"]},
        ),
        (
            "Jurisdiction and version",
            {"fields": ["jurisdiction_code", "name", "effective_from", "change_note"]},
        ),
        (
            "Cardholders and parents",
            {
                "fields": [
                    "age_of_majority",
                    "cardholder_proof",
                    "parent_access",
                    "parent_access_max_age",
                    "allow_max_age_above_majority",
                    "parent_access_proof",
                    "parent_access_scope",
                    "minor_can_share_with_guardian",
                ]
            },
        ),
        (
            "Legal requests",
            {
                "fields": [
                    "accepted_instruments",
                    "emergency_disclosure",
                    "notify_patron_of_legal_request",
                ]
            },
        ),
        (
            "Records covered and citation",
            {"fields": ["protected_records", "citation", "summary"]},
        ),
        *wording_fieldsets(),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[JurisdictionRuleSet]:
        current = (
            JurisdictionRuleSet.objects.filter(
                jurisdiction_code=OuterRef("jurisdiction_code"),
                effective_from__lte=clock.server_day(),
            )
            .order_by("-effective_from")
            .values("pk")[:1]
        )
        return super().get_queryset(request).annotate(current_pk=Subquery(current))

    @admin.display(boolean=True, description="In force today")
    def in_force_today(self, obj: JurisdictionRuleSet) -> bool:
        return getattr(obj, "current_pk", None) == obj.pk

    @admin.display(description="Verification")
    def verification_display(self, obj: JurisdictionRuleSet) -> str:
        return obj.verification_label

    @admin.display(boolean=True, description="Counsel review confirmed")
    def counsel_reviewed(self, obj: JurisdictionRuleSet) -> bool:
        return obj.counsel_confirmed_at is not None

    @admin.display(description="Sources")
    def sources_table(self, obj: JurisdictionRuleSet) -> SafeString:
        return SafeString(render_to_string("privacy/_sources.html", {"rule_set": obj}))

    def get_urls(self):  # type: ignore[no-untyped-def]
        view = self.admin_site.admin_view
        return [
            path(
                "<int:ruleset_id>/confirm-counsel-review/",
                view(self.confirm_counsel_view),
                name="privacy_jurisdictionruleset_confirm_counsel",
            ),
            *super().get_urls(),
        ]

    def confirm_counsel_view(self, request: StaffRequest, ruleset_id: int) -> HttpResponse:
        """GET: the rule set's sources and a box to tick; POST: record that
        the administrator confirmed counsel reviewed it. 404 for a missing
        rule set, 403 without the right to change rule sets."""
        ruleset = self.get_queryset(request).filter(pk=ruleset_id).first()
        if ruleset is None:
            raise Http404
        if not self.has_change_permission(request, ruleset):
            raise PermissionDenied
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": "Confirm counsel's review",
            "opts": self.opts,
            "original": ruleset,
            "error": None,
        }
        template = "admin/privacy/jurisdictionruleset/confirm_counsel.html"
        if request.method == "POST":
            if request.POST.get("counsel_reviewed") != "yes":
                context["error"] = COUNSEL_BOX_REQUIRED
                return TemplateResponse(request, template, context, status=400)
            try:
                services.ruleset_confirm_counsel_review(ruleset=ruleset, acting_user=request.user)
            except services.PrivacyError as exc:
                raise PermissionDenied(exc.message) from None
            messages.success(request, COUNSEL_CONFIRMED.format(ruleset=ruleset))
            return HttpResponseRedirect(
                reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk])
            )
        return TemplateResponse(request, template, context)
