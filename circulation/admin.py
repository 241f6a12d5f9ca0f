"""Loan rules (configuration) and the catalogue, read only.

Administrators see titles and their copies (barcode, call number, home
branch, shelving location, status, price): the catalogue holds no patron
data. Loans, holds and fees link a patron to an item and stay out of the
admin, which administrators use without a desk role (DESIGN section 4): no
page here lists, counts or links to them, and no copy says who has it.

The catalogue is read only: titles and copies come in with the operator's
MARC import (the record as received is kept), and a copy's status is
changed only by the circulation services that keep loans and holds true
to it. DESIGN gives administrators configuration, not cataloguing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from catalogue.models import Title
from circulation.models import Item, LoanRule


@admin.register(LoanRule)
class LoanRuleAdmin(admin.ModelAdmin):
    list_display = [
        "format",
        "loan_days",
        "max_renewals",
        "item_limit",
        "overdue_fee_per_day",
        "overdue_fee_cap",
    ]


class _ReadOnly(admin.ModelAdmin):
    """Seen, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


COPY_FIELDS = (
    "barcode",
    "call_number",
    "shelving_location",
    "home_branch",
    "status",
    "replacement_cost",
)


class CopyInline(admin.TabularInline):
    model = Item
    fields = COPY_FIELDS
    readonly_fields = COPY_FIELDS
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["home_branch__name", "barcode"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Item]:
        return super().get_queryset(request).select_related("home_branch")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Title)
class TitleAdmin(_ReadOnly):
    list_display = ["title", "author", "isbn", "year", "format", "copy_count", "source_system"]
    # Not by source system: titles made here have none, and Django's filter
    # would offer a link with no text for them.
    list_filter = ["format"]
    search_fields = ["title", "author", "isbn", "issn", "source_record_number"]
    fields = (
        "title",
        "author",
        "isbn",
        "issn",
        "publisher",
        "year",
        "format",
        "language",
        "source_system",
        "source_record_number",
        "marc_syntax",
        "marc_size",
        "created_at",
    )
    readonly_fields = fields
    inlines = [CopyInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Title]:
        return super().get_queryset(request).annotate(copy_total=Count("copies"))

    @admin.display(description="Copies", ordering="copy_total")
    def copy_count(self, obj: Title) -> int:
        return getattr(obj, "copy_total", 0)

    @admin.display(description="MARC record as received")
    def marc_size(self, obj: Title) -> str:
        size = len(obj.marc_record or b"")
        return f"{size:,} bytes" if size else "none (made here)"


@admin.register(Item)
class CopyAdmin(_ReadOnly):
    list_display = [
        "barcode",
        "title",
        "call_number",
        "shelving_location",
        "home_branch",
        "status",
    ]
    list_filter = ["status", "home_branch", "format"]
    list_select_related = ["home_branch"]
    search_fields = ["barcode", "title", "call_number"]
    fields = (
        "barcode",
        "title_record",
        "title",
        "author",
        "format",
        "call_number",
        "shelving_location",
        "home_branch",
        "status",
        "replacement_cost",
    )
    readonly_fields = fields
