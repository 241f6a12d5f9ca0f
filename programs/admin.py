from django.contrib import admin

from programs.models import Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    """Rooms are configuration. Programs are planned at the desk, and their
    sign-ups are patron data: neither is in the admin, which
    administrators use without a desk role."""

    list_display = ["label", "branch", "seats"]
    list_filter = ["branch"]
