"""Administrators edit jurisdiction rule sets here; every page says to
confirm with counsel, and the change form offers the rule simulator."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest

from libraryservice import clock
from privacy.forms import RuleSetForm, wording_fieldsets
from privacy.models import JurisdictionRuleSet


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
    ]
    list_filter = ["jurisdiction_code", "parent_access"]
    search_fields = ["jurisdiction_code", "name", "citation"]
    fieldsets = [
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
