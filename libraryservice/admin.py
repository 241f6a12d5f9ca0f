from django.contrib import admin

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
