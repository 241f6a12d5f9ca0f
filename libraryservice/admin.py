from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from libraryservice.models import (
    Branch,
    Holiday,
    LibrarySystem,
    OpeningHours,
    ServiceDesk,
    StaffProfile,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ServiceDeskInline(admin.TabularInline):
    model = ServiceDesk
    extra = 0


@admin.register(LibrarySystem)
class LibrarySystemAdmin(admin.ModelAdmin):
    list_display = ["name", "fee_block_threshold", "hold_pickup_days"]


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "jurisdiction_code"]
    list_filter = ["jurisdiction_code"]
    search_fields = ["name", "code"]
    inlines = [OpeningHoursInline, ServiceDeskInline]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "branch"]
    list_filter = ["branch"]
    date_hierarchy = "date"


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "branch", "desk"]
    list_filter = ["branch"]
    search_fields = ["display_name", "user__username"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts, as administrators manage them.

    Administrators assign roles (groups) but cannot grant themselves or
    anyone else superuser status or loose permissions, and cannot touch a
    superuser's account: either would let them reach patron data, which
    DESIGN keeps from them unless another administrator gives a desk role.
    """

    GUARDED_FIELDS = ("is_superuser", "user_permissions")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in self.GUARDED_FIELDS if f not in fields]
        return fields

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)
        if not request.user.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs
