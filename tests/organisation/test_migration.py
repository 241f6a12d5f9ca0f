"""A database made before the organisation's code moved from
libraryservice/ to organisation/ is, after the move, fully migrated with
its rows, content types and permissions as they were.

The move changes no app label: the app's AppConfig keeps
label = "libraryservice", so the migration history, the tables
(libraryservice_*), the content types and the permission codenames a
database of the old layout holds are the ones the new code expects. The
test stands the database at an older migration of the app with the real
executor, fills it through the historical models, migrates to the leaves
and checks that nothing is left to do and nothing was lost.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import migrations

LABEL = "libraryservice"

# The organisation's migration history as the main of 6 December 2026
# (libraryservice/migrations/) recorded it in django_migrations.
HISTORY_BEFORE_THE_MOVE = [
    "0001_initial",
    "0002_roles",
    "0003_staff_access_event",
    "0004_branch_public_holidays",
    "0005_pending_staff_change",
    "0006_branch_due_dates_skip_closed_days",
    "0007_directory_identity",
]
# Its models' content types (app_label, model) on that main.
CONTENT_TYPES_BEFORE_THE_MOVE = {
    "librarysystem",
    "branch",
    "openinghours",
    "holiday",
    "servicedesk",
    "staffprofile",
    "staffaccessevent",
    "pendingstaffchange",
    "directoryidentity",
}


@pytest.mark.django_db
def test_the_moved_app_reads_the_history_the_old_layout_recorded():
    """The migrations on disk under organisation/migrations are, name for
    name, those recorded under the label libraryservice; the content types
    of that label are organisation's models."""
    loader = MigrationExecutor(connection).loader
    on_disk = sorted(name for app, name in loader.disk_migrations if app == LABEL)
    assert on_disk[: len(HISTORY_BEFORE_THE_MOVE)] == HISTORY_BEFORE_THE_MOVE
    assert loader.disk_migrations[(LABEL, "0001_initial")].__module__ == (
        "organisation.migrations.0001_initial"
    )
    for model in CONTENT_TYPES_BEFORE_THE_MOVE:
        assert ContentType(app_label=LABEL, model=model).model_class().__module__ == (
            "organisation.models"
        )


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_layout_keeps_its_rows_types_and_permissions():
    recorded = MigrationExecutor(connection).loader.applied_migrations
    assert {name for app, name in recorded if app == LABEL} >= set(HISTORY_BEFORE_THE_MOVE)

    old = migrations.migrate([(LABEL, "0006_branch_due_dates_skip_closed_days")])
    System = old.get_model(LABEL, "LibrarySystem")
    Branch = old.get_model(LABEL, "Branch")
    Holiday = old.get_model(LABEL, "Holiday")
    ServiceDesk = old.get_model(LABEL, "ServiceDesk")
    StaffProfile = old.get_model(LABEL, "StaffProfile")
    PendingStaffChange = old.get_model(LABEL, "PendingStaffChange")
    User = old.get_model("auth", "User")
    system = System.objects.create(name="Old system")
    branch = Branch.objects.create(code="old", name="Old branch", system=system)
    holiday = Holiday.objects.create(system=system, date="2026-12-25", name="Closed")
    desk = ServiceDesk.objects.create(branch=branch, name="Front desk")
    user = User.objects.create(username="old-staff")
    profile = StaffProfile.objects.create(
        user=user, display_name="Old Staff", branch=branch, desk=desk
    )
    change = PendingStaffChange.objects.create(
        kind="roles",
        user=user,
        username="old-staff",
        proposed_by_username="director",
        expires_at="2026-12-09T12:00:00Z",
    )

    # Content types and permissions as the old database holds them, and a
    # group granted one of the app's permissions.
    ContentType.objects.clear_cache()
    for model in CONTENT_TYPES_BEFORE_THE_MOVE - {"directoryidentity"}:
        ContentType.objects.get_or_create(app_label=LABEL, model=model)
    types = {(ct.pk, ct.model) for ct in ContentType.objects.filter(app_label=LABEL)}
    branch_type = ContentType.objects.get(app_label=LABEL, model="branch")
    permission, _ = Permission.objects.get_or_create(
        content_type=branch_type, codename="view_branch", defaults={"name": "Can view branch"}
    )
    group = Group.objects.create(name="Old readers")
    group.permissions.add(permission)
    permissions = {
        (p.pk, p.codename, p.content_type_id)
        for p in Permission.objects.filter(content_type__app_label=LABEL)
    }
    try:
        migrations.migrate(migrations.leaves())
        executor = MigrationExecutor(connection)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
        out = io.StringIO()
        call_command("migrate", "--plan", stdout=out)
        assert "No planned migration operations." in out.getvalue()
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)

        from organisation.models import (
            Branch,
            Holiday,
            LibrarySystem,
            PendingStaffChange,
            ServiceDesk,
            StaffProfile,
        )

        assert Branch._meta.db_table == "libraryservice_branch"
        moved = Branch.objects.get(pk=branch.pk)
        assert (moved.code, moved.name, moved.system_id) == ("old", "Old branch", system.pk)
        assert LibrarySystem.objects.get(pk=system.pk).name == "Old system"
        assert Holiday.objects.get(pk=holiday.pk).name == "Closed"
        assert ServiceDesk.objects.get(pk=desk.pk).branch_id == branch.pk
        assert StaffProfile.objects.get(pk=profile.pk).display_name == "Old Staff"
        assert PendingStaffChange.objects.get(pk=change.pk).username == "old-staff"

        ContentType.objects.clear_cache()
        assert types <= {(ct.pk, ct.model) for ct in ContentType.objects.filter(app_label=LABEL)}
        assert ContentType.objects.get_for_model(Branch).pk == branch_type.pk
        assert permissions <= {
            (p.pk, p.codename, p.content_type_id)
            for p in Permission.objects.filter(content_type__app_label=LABEL)
        }
        assert Group.objects.get(pk=group.pk).permissions.filter(pk=permission.pk).exists()
    finally:
        migrations.migrate(migrations.leaves())
