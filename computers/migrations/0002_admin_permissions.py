from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "administrator",
        model_permissions("computers", "station") + model_permissions("computers", "computersettings"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("computers", "0001_initial"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
