from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "administrator",
        model_permissions("sip2", "terminal", ("add", "change", "view"))
        + model_permissions("sip2", "loginthrottle", ("view",)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sip2", "0001_terminals_pins_throttle"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
