from decimal import Decimal

from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions

DEFAULTS = [
    # format, loan days, renewals, item limit, fee per day, fee cap
    ("book", 21, 2, 50, "0.25", "5.00"),
    ("audiobook", 21, 2, 20, "0.25", "5.00"),
    ("dvd", 7, 1, 10, "1.00", "10.00"),
    ("magazine", 7, 1, 10, "0.10", "2.00"),
    ("game", 14, 1, 5, "1.00", "10.00"),
    ("equipment", 7, 0, 2, "2.00", "20.00"),
]


def create(apps, schema_editor):
    LoanRule = apps.get_model("circulation", "LoanRule")
    for fmt, days, renewals, limit, per_day, cap in DEFAULTS:
        LoanRule.objects.get_or_create(
            format=fmt,
            defaults={
                "loan_days": days,
                "max_renewals": renewals,
                "item_limit": limit,
                "overdue_fee_per_day": Decimal(per_day),
                "overdue_fee_cap": Decimal(cap),
            },
        )
    grant_permissions(apps, "administrator", model_permissions("circulation", "loanrule"))


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0001_initial"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
