"""Stations and the public-computer rules: configuration for
administrators. Sessions, guest passes and the queue name patrons (or
stand in for them) and stay out of the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from computers import services
from computers.models import ComputerSettings, Station


@admin.register(ComputerSettings)
class ComputerSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "system",
        "daily_allowance_minutes",
        "session_minutes",
        "express_session_minutes",
        "grace_minutes",
        "guest_pass_minutes",
        "adult_guest_needs_photo_id",
        "minor_guest_passes",
    ]


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    """A station's token is shown once, when issued; only its hash is kept.
    Issuing a new one revokes the old one."""

    list_display = [
        "label",
        "branch",
        "kind",
        "out_of_order",
        "has_token",
        "token_issued_at",
        "paused_until",
    ]
    list_filter = ["branch", "kind", "out_of_order"]
    # Paused after too many refused cards (docs/station-api.md); a new
    # token ends the pause.
    readonly_fields = ["token_issued_at", "paused_until"]
    # Not list_editable: the changelist's checkboxes would have no labels.
    actions = ["mark_out_of_order", "mark_in_service", "issue_token", "revoke_token"]

    @admin.action(description="Mark out of order")
    def mark_out_of_order(self, request: HttpRequest, queryset: QuerySet[Station]) -> None:
        queryset.update(out_of_order=True)

    @admin.action(description="Mark back in service")
    def mark_in_service(self, request: HttpRequest, queryset: QuerySet[Station]) -> None:
        queryset.update(out_of_order=False)

    @admin.display(boolean=True, description="token")
    def has_token(self, obj: Station) -> bool:
        return bool(obj.token_hash)

    @admin.action(description="Issue a new token (the old one stops working)")
    def issue_token(self, request: HttpRequest, queryset: QuerySet[Station]) -> Any:
        issued = [(station, services.station_token_issue(station=station)) for station in queryset]
        return TemplateResponse(
            request,
            "computers/admin_tokens.html",
            {**self.admin_site.each_context(request), "issued": issued, "title": "Station tokens"},
        )

    @admin.action(description="Revoke the token (the station stops working)")
    def revoke_token(self, request: HttpRequest, queryset: QuerySet[Station]) -> None:
        for station in queryset:
            services.station_token_revoke(station=station)
        messages.success(request, f"Revoked the token of {queryset.count()} station(s).")
