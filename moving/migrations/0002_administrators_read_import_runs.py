"""Administrators read import runs (counts only, no patron data)."""

from django.db import migrations

from kernel.migration_utils import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "administrator", ["moving.view_importrun"])


class Migration(migrations.Migration):
    dependencies = [
        ("moving", "0001_import_runs"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
