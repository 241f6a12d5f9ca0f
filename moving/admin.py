from django.contrib import admin

from moving.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Import runs as counts only: administrators never see the patron data
    of the files (DESIGN section 8). Runs are made by the operator's
    commands, never here."""

    list_display = (
        "id",
        "kind",
        "status",
        "rows_read",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "started_at",
        "finished_at",
    )
    list_filter = ["kind", "status"]
    fields = (
        *list_display,
        "file_name",
        "file_size",
        "file_sha256",
        "checkpoint",
        "resumed",
        "operator",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
