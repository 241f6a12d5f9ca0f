"""Administrators read the catalogue: titles and copies (no patron data)."""

from django.db import migrations

from kernel.migration_utils import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "administrator", ["catalogue.view_title", "circulation.view_item"])


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0009_item_shelving_location"),
        ("catalogue", "0002_title_search"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
