"""Administrators set the library's barcode schemes (configuration, no
patron data)."""

from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "administrator", model_permissions("patrons", "barcodescheme"))


class Migration(migrations.Migration):
    dependencies = [
        ("patrons", "0002_barcode_schemes"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
