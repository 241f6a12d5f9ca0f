import django.core.serializers.json
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0006_expungerun_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="expungerun",
            name="full_pass",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="expungerun",
            name="pass_reason",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="expungerun",
            name="rules_fingerprint",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="expungerun",
            name="bounds",
            field=models.JSONField(
                blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder
            ),
        ),
        migrations.AddField(
            model_name="expungerun",
            name="legal_holds_seen",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
