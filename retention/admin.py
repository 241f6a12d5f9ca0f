from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join

from retention.models import ExpungeRun, LegalHold, RetentionRule
from retention.vocabulary import ANY_JURISDICTION, KeptReason


class RetentionRuleRowForm(forms.ModelForm):
    """One row of the editable list. The list shows a column header, not a
    label, above each control: each control is named after its column and
    its row ("Days kept: Returned loans, every jurisdiction")."""

    COLUMNS = {"period_days": "Days kept", "action": "Then", "keep_birth_year": "Keep birth year"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule = self.instance
        where = (
            "every jurisdiction without its own rule"
            if rule.jurisdiction_code == ANY_JURISDICTION
            else rule.jurisdiction_code
        )
        for name, field in self.fields.items():
            column = self.COLUMNS.get(name, str(field.label))
            field.widget.attrs["aria-label"] = (
                f"{column}: {rule.get_record_type_display()}, {where}"
            )


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Administrators set how long each record type is kept, per jurisdiction.

    Confirm the periods with the library's counsel; "*" rows apply to every
    jurisdiction without its own.
    """

    list_display = ["record_type", "where", "period_days", "action", "keep_birth_year"]
    list_display_links = ["record_type"]
    list_filter = ["record_type", "jurisdiction_code", "action"]
    list_editable = ["period_days", "action", "keep_birth_year"]
    ordering = ["record_type", "jurisdiction_code"]

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> Any:
        return super().get_changelist_form(request, form=RetentionRuleRowForm, **kwargs)

    @admin.display(description="jurisdiction", ordering="jurisdiction_code")
    def where(self, rule: RetentionRule) -> str:
        if rule.jurisdiction_code == ANY_JURISDICTION:
            return "every other"
        return rule.jurisdiction_code


@admin.register(ExpungeRun)
class ExpungeRunAdmin(admin.ModelAdmin):
    """The last runs of the retention job: counts only, no patron data."""

    list_display = [
        "started_at",
        "as_of",
        "trigger",
        "dry_run",
        "full_pass",
        "pass_reason",
        "duration",
        "state",
        "summary",
    ]
    list_filter = ["dry_run", "full_pass", "trigger"]
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
