from django.contrib import admin

from circulation.models import LoanRule


@admin.register(LoanRule)
class LoanRuleAdmin(admin.ModelAdmin):
    """Loan rules are configuration; items, loans and fees are patron data
    and stay out of the admin, which administrators use without a desk role."""

    list_display = [
        "format",
        "loan_days",
        "max_renewals",
        "item_limit",
        "overdue_fee_per_day",
        "overdue_fee_cap",
    ]
