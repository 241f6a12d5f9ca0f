"""Ship the retention defaults of DESIGN section 7 as the "*" rules, and let
administrators edit rules and legal holds and read the run history."""

from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions

# Frozen copy of retention.vocabulary.DEFAULTS as of this migration.
DEFAULTS = {
    "returned_loans": (30, "anonymize"),
    "finished_holds": (30, "anonymize"),
    "paid_fees": (365, "anonymize"),
    "disclosure_log": (365, "delete"),
    "access_log": (365, "delete"),
    "inquiries": (30, "anonymize"),
    "callbacks": (7, "anonymize"),
    "program_signups": (30, "anonymize"),
    "computer_sessions": (1, "anonymize"),
    "complaints": (1095, "anonymize"),
    "incidents": (1095, "anonymize"),
    "inactive_patrons": (1095, "anonymize"),
}


def create_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for record_type, (days, action) in DEFAULTS.items():
        RetentionRule.objects.get_or_create(
            jurisdiction_code="*",
            record_type=record_type,
            defaults={"period_days": days, "action": action, "keep_birth_year": False},
        )
    grant_permissions(
        apps,
        "administrator",
        model_permissions("retention", "retentionrule")
        + ["retention.view_expungerun"],
    )


def remove_defaults(apps, schema_editor):
    apps.get_model("retention", "RetentionRule").objects.filter(jurisdiction_code="*").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
