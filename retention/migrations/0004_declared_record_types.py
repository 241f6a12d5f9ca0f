"""Record types may be declared by the apps' retention handlers: the rule
table's choices come from the registry, so that a new record type needs no
migration of the rule table."""

from django.db import migrations, models

import retention.registry


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
    ]
