from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "administrator",
        model_permissions("patronnotices", "noticetemplate")
        + model_permissions("patronnotices", "noticesettings")
        + model_permissions("patronnotices", "deliverycount", ("view",)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("patronnotices", "0001_initial"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
