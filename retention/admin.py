from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join

from retention.models import ExpungeRun, LegalHold, RetentionRule
from retention.vocabulary import KeptReason


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Administrators set how long each record type is kept, per jurisdiction.

    Confirm the periods with the library's counsel; "*" rows apply to every
    jurisdiction without its own.
    """

    list_display = ["record_type", "jurisdiction_code", "period_days", "action", "keep_birth_year"]
    list_filter = ["record_type", "jurisdiction_code", "action"]
    list_editable = ["period_days", "action", "keep_birth_year"]
    ordering = ["record_type", "jurisdiction_code"]


@admin.register(ExpungeRun)
class ExpungeRunAdmin(admin.ModelAdmin):
    """The last runs of the retention job: counts only, no patron data."""

    list_display = ["started_at", "as_of", "trigger", "dry_run", "duration", "state", "summary"]
    list_filter = ["dry_run", "trigger"]
    date_hierarchy = "started_at"
    readonly_fields = [
        "started_at",
        "finished_at",
        "duration",
        "as_of",
        "dry_run",
        "trigger",
        "counts_table",
        "errors",
    ]
    exclude = ["counts"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="expunged / kept")
    def summary(self, run: ExpungeRun) -> str:
        entries = [e for e in (run.counts or {}).values() if e.get("available")]
        expunged = sum(int(e.get("expunged", 0)) for e in entries)
        kept = sum(sum(e.get("kept", {}).values()) for e in entries)
        return f"{expunged} / {kept}"

    @admin.display(description="counts per record type")
    def counts_table(self, run: ExpungeRun) -> str:
        labels = dict(KeptReason.choices)
        rows = []
        for record_type, entry in (run.counts or {}).items():
            if not entry.get("available"):
                detail = "no such records in this installation"
            elif entry.get("error"):
                detail = f"failed: {entry['error']}"
            else:
                kept = ", ".join(
                    f"{count} {labels.get(reason, reason).lower()}"
                    for reason, count in entry.get("kept", {}).items()
                )
                detail = (
                    f"{entry.get('action')}: {entry.get('expunged', 0)} expunged; "
                    f"kept: {kept or 'none'}"
                )
            rows.append((record_type, detail))
        return format_html_join("\n", "<p><strong>{}</strong>: {}</p>", rows)


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    """Legal holds are placed by the legal-request workflow. Listed for
    superusers only (no role is granted these permissions): a hold's reason
    may describe the matter."""

    list_display = ["__str__", "patron_id", "record_types", "starts_on", "ends_on", "released_at"]
    list_filter = ["released_at"]
    raw_id_fields = ["patron"]
    readonly_fields = ["created_at", "created_by", "released_by"]

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # Refuse before looking the object up: whether a hold exists is
        # itself confidential.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)
