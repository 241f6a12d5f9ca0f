"""Record types are declared by the apps' retention handlers: the rule
table's choices come from the registry (no migration per new type), and the
two record types added with their handlers ship their DESIGN section 7
defaults as "*" rules."""

from django.db import migrations, models

import retention.registry

# Frozen copy of the defaults declared by complaints/retention.py as of this
# migration: (period in days, action).
DEFAULTS = {
    "reconsiderations": (1095, "anonymize"),
    "comment_cards": (1095, "anonymize"),
}


def create_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for record_type, (days, action) in DEFAULTS.items():
        RetentionRule.objects.get_or_create(
            jurisdiction_code="*",
            record_type=record_type,
            defaults={"period_days": days, "action": action, "keep_birth_year": False},
        )


def remove_defaults(apps, schema_editor):
    apps.get_model("retention", "RetentionRule").objects.filter(
        jurisdiction_code="*", record_type__in=list(DEFAULTS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0003_pending_file_deletion"),
    ]

    operations = [
        migrations.AlterField(
            model_name="retentionrule",
            name="record_type",
            field=models.CharField(choices=retention.registry.record_type_choices, max_length=30),
        ),
        migrations.RunPython(create_defaults, remove_defaults),
    ]
