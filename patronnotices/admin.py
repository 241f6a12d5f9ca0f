"""Administrators set the notices' words (per library, and per branch
where a branch words them its own way) and their schedule per branch,
preview the words with invented sample data (never a real patron's), and
see how many notices went out or failed: counts only. The notices, print
batches and preferences name patrons and stay out of the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from patronnotices import wording
from patronnotices.forms import NoticeTemplateForm
from patronnotices.models import DeliveryCount, Kind, NoticeSettings, NoticeTemplate


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    form = NoticeTemplateForm
    list_display = ["kind", "branch", "system", "subject", "updated_at"]
    list_filter = ["kind", "branch"]
    change_form_template = "admin/patronnotices/noticetemplate/change_form.html"

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "<int:template_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="patronnotices_noticetemplate_preview",
            ),
            *super().get_urls(),
        ]

    def changeform_view(  # type: ignore[override]
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra = {**(extra_context or {}), "fields_help": wording.FIELDS}
        return super().changeform_view(request, object_id, form_url, extra)

    def preview_view(self, request: HttpRequest, template_id: int) -> HttpResponse:
        """POST: the posted, unsaved texts rendered with invented sample
        data, as each channel would carry them, with and without titles.
        Saves nothing. GET: the saved template `template_id`, or, for 0,
        the shipped default of ?kind=K."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        saved = NoticeTemplate.objects.filter(pk=template_id).first() if template_id else None
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": "Preview of a notice, with invented sample data",
            "opts": self.opts,
            "saved": saved,
        }
        status = 200
        texts: tuple[str, str, str] | None = None
        kind = request.GET.get("kind", "")
        branch = saved.branch if saved else None
        library = saved.system.name if saved else ""
        if request.method == "POST":
            form = NoticeTemplateForm(request.POST, instance=saved)
            if form.is_valid():
                data = form.cleaned_data
                texts = (data["subject"], data["body"], data["sms_body"])
                kind, branch, library = data["kind"], data["branch"], data["system"].name
            else:
                context["errors"] = form.errors
                status = 400
        elif saved is not None:
            texts, kind = (saved.subject, saved.body, saved.sms_body), saved.kind
        elif kind in Kind.values:
            texts = wording.DEFAULTS[kind]
        else:
            context["errors"] = {"kind": ["Choose a kind of notice to preview."]}
            status = 400
        if texts is not None:
            context["kind_label"] = Kind(kind).label
            context["versions"] = [
                (
                    label,
                    wording.render(
                        texts,
                        wording.sample_values(
                            kind=kind,
                            library=library or "Sample Library",
                            branch=branch,
                            with_titles=with_titles,
                        ),
                    ),
                )
                for label, with_titles in (
                    ("For a patron who asked for titles", True),
                    ("For every other patron", False),
                )
            ]
        return TemplateResponse(
            request, "admin/patronnotices/noticetemplate/preview.html", context, status=status
        )


@admin.register(NoticeSettings)
class NoticeSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "branch",
        "courtesy_days_before",
        "overdue_first_days",
        "overdue_second_days",
        "card_expiry_days_before",
        "quiet_hours_start",
        "quiet_hours_end",
    ]


@admin.register(DeliveryCount)
class DeliveryCountAdmin(admin.ModelAdmin):
    """How many notices went out, were retried, failed or were withheld,
    per day, channel and kind: counts only, read-only."""

    list_display = ["day", "channel", "kind", "sent", "retried", "failed", "withheld"]
    list_filter = ["channel", "kind"]
    date_hierarchy = "day"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
