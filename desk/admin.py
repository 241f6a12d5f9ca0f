"""The lists the desk chooses from, editable by administrators: inquiry
types (with the tally buttons) and referral targets, per branch or for
every branch. Desks per branch are edited with the branch
(organisation.admin). No patron data is shown here. No list_editable:
the admin's inline changelist inputs have no labels (axe)."""

from __future__ import annotations

from django.contrib import admin

from desk.models import InquiryType, ReferralTarget


@admin.register(InquiryType)
class InquiryTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "branch", "tally_key", "position", "active"]
    list_filter = ["branch", "active"]
    search_fields = ["label"]


@admin.register(ReferralTarget)
class ReferralTargetAdmin(admin.ModelAdmin):
    list_display = ["label", "branch", "position", "active"]
    list_filter = ["branch", "active"]
    search_fields = ["label"]
