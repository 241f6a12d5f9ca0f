"""Create the five role groups with their capabilities (DESIGN section 4).

Deny by default: a user with no group holds no capability.
"""

from django.db import migrations

from libraryservice.migration_utils import grant_permissions, model_permissions
from libraryservice.roles import CAPABILITIES, Role

ADMIN_CONFIG_MODELS = [
    ("libraryservice", "librarysystem"),
    ("libraryservice", "branch"),
    ("libraryservice", "openinghours"),
    ("libraryservice", "holiday"),
    ("libraryservice", "servicedesk"),
    ("libraryservice", "staffprofile"),
    ("auth", "user"),
]


def create_roles(apps, schema_editor):
    for role in Role:
        perms = [
            f"libraryservice.{cap}" for cap, roles in CAPABILITIES.items() if role in roles
        ]
        if role == Role.ADMINISTRATOR:
            for app_label, model in ADMIN_CONFIG_MODELS:
                perms += model_permissions(app_label, model)
            perms += ["auth.view_group"]
        grant_permissions(apps, role.value, perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[r.value for r in Role]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("libraryservice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
