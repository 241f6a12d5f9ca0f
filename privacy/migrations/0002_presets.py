"""Ship the five jurisdiction presets of DESIGN section 5 and let
administrators edit rule sets (they see no patron data, so no permission on
the disclosure log)."""

import copy

from django.db import migrations

from libraryservice.migration_utils import grant_permissions
from privacy.presets import PRESETS


def add_presets(apps, schema_editor):
    RuleSet = apps.get_model("privacy", "JurisdictionRuleSet")
    for preset in PRESETS:
        data = copy.deepcopy(preset)
        code = data.pop("jurisdiction_code")
        RuleSet.objects.get_or_create(
            jurisdiction_code=code,
            effective_from="2000-01-01",
            defaults={**data, "change_note": "Preset shipped with the product; confirm with counsel."},
        )
    grant_permissions(
        apps,
        "administrator",
        [
            "privacy.add_jurisdictionruleset",
            "privacy.change_jurisdictionruleset",
            "privacy.view_jurisdictionruleset",
        ],
    )


def remove_presets(apps, schema_editor):
    RuleSet = apps.get_model("privacy", "JurisdictionRuleSet")
    RuleSet.objects.filter(
        jurisdiction_code__in=[p["jurisdiction_code"] for p in PRESETS],
        effective_from="2000-01-01",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(add_presets, remove_presets)]
