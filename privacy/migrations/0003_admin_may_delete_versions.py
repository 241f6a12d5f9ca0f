"""Administrators may delete a mistaken rule-set version (audited)."""

from django.db import migrations

from kernel.migration_utils import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "administrator", ["privacy.delete_jurisdictionruleset"])


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_presets")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
