"""SIP2 terminal accounts for administrators: create one per machine (its
password hashed), revoke it, see when it was last used; and the login
throttle, read only. Patron PINs stay out of the admin: the desk sets
them with the cardholder."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from organisation.users import StaffRequest, staff_user_of
from sip2 import services
from sip2.forms import TerminalForm
from sip2.models import LoginThrottle, Terminal


@admin.register(Terminal)
class TerminalAdmin(admin.ModelAdmin):
    form = TerminalForm
    list_display = [
        "label",
        "login",
        "kind",
        "branch",
        "requires_pin",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["branch", "kind"]
    readonly_fields = ["last_used_at", "revoked_at", "created_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The login names the terminal's own account: fixed once created.
        return [*self.readonly_fields, "login"] if obj is not None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Terminal, form: Any, change: bool) -> None:
        acting_user = staff_user_of(request)
        password = form.cleaned_data.get("password") or ""
        if not change:
            created = services.terminal_create(
                acting_user=acting_user,
                password=password,
                **{name: form.cleaned_data[name] for name in TerminalForm.Meta.fields},
            )
            obj.pk = created.pk
            obj.user = created.user
            obj.password_hash = created.password_hash
            return
        services.terminal_update(terminal=obj, acting_user=acting_user)
        if password:
            services.terminal_set_password(terminal=obj, password=password, acting_user=acting_user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Loans name the terminal's account: revoke instead.
        return False

    @admin.action(description="Revoke (the terminal can no longer log in)")
    def revoke(self, request: StaffRequest, queryset: QuerySet[Terminal]) -> None:
        for terminal in queryset:
            services.terminal_revoke(terminal=terminal, acting_user=request.user)
        messages.success(request, f"{queryset.count()} terminal(s) revoked.")


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Failed terminal logins, per account and per peer address."""

    list_display = ["key", "failures", "window_start", "blocked_until"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
