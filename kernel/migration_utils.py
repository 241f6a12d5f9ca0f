"""Helpers for data migrations that grant permissions to the role groups.

Migrations import this module, so it reads nothing from the project's live
code (roles, presets, models): each migration passes the data it froze.
"""

from __future__ import annotations

from typing import Any


def grant_permissions(apps: Any, role: str, perms: list[str]) -> None:
    """Give the role's group each "app_label.codename" permission.

    Permissions are normally created after migrate finishes; this creates
    them first so that a data migration can grant them on a fresh database.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=role)
    for full in perms:
        app_label, codename = full.split(".", 1)
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def model_permissions(
    app_label: str,
    model: str,
    actions: tuple[str, ...] = (
        "add",
        "change",
        "delete",
        "view",
    ),
) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]
