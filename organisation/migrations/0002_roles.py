"""Create the five role groups with their capabilities (DESIGN section 4).

Deny by default: a user with no group holds no capability.

The table below is a frozen copy of organisation.roles.CAPABILITIES as of
this migration, so that a database migrated today and one migrated after an
edit to roles.py get the same grants. A change to CAPABILITIES needs a new
migration that changes the groups; tests/organisation/test_roles.py fails
until there is one.
"""

from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions

ROLES = ["volunteer", "desk_staff", "supervisor", "director", "administrator"]

CAPABILITIES = {
    "circulate": ("volunteer", "desk_staff", "supervisor", "director"),
    "view_patron_contact": ("desk_staff", "supervisor", "director"),
    "manage_patrons": ("desk_staff", "supervisor", "director"),
    "run_disclosure": ("desk_staff", "supervisor", "director"),
    "view_loan_history": ("desk_staff", "supervisor", "director"),
    "log_desk_records": ("volunteer", "desk_staff", "supervisor", "director"),
    "override_blocks": ("supervisor", "director"),
    "review_branch_complaints": ("supervisor", "director"),
    "handle_escalations": ("director",),
    "configure_library": ("administrator",),
}

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
    for role in ROLES:
        perms = [f"libraryservice.{cap}" for cap, roles in CAPABILITIES.items() if role in roles]
        if role == "administrator":
            for app_label, model in ADMIN_CONFIG_MODELS:
                perms += model_permissions(app_label, model)
            perms += ["auth.view_group"]
        grant_permissions(apps, role, perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("libraryservice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
