from django.contrib import admin

from patrons.models import BarcodeScheme


@admin.register(BarcodeScheme)
class BarcodeSchemeAdmin(admin.ModelAdmin):
    """Barcode schemes are configuration; patrons and cards stay out of the
    admin, which administrators use without a desk role."""

    list_display = ("applies_to", "length", "prefix", "check_digit", "system")
