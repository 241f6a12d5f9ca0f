from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from libraryservice import staff_access
from libraryservice.models import (
    Branch,
    Holiday,
    LibrarySystem,
    OpeningHours,
    ServiceDesk,
    StaffProfile,
)
from libraryservice.staff_access import PATRON_READING_ROLES, StaffAccessError


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

ROLES_SAVED = "Roles saved for {username}: {change}."
DIRECTOR_TOLD = "The Director was told: {delivery}"
LINK_SENT = "A set-password link was sent to {username}'s e-mail address."
SECOND_FACTOR_WAS_RESET = (
    "The second factor of {username} was reset; they enrol a new authenticator at "
    "their next log-in."
)


class StaffUserCreationForm(forms.ModelForm):
    """A new account without a password: its owner chooses one by the
    set-password link, so no administrator ever knows it."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class StaffUserChangeForm(UserChangeForm):
    """The account form, with the reason a role change is recorded with.

    `acting_user` is set by StaffUserAdmin.get_form; the reason is required
    when a patron-reading role is given by anyone but a superuser.
    """

    acting_user: Any = None
    reason = forms.CharField(
        label="Reason for a role change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Required when giving a role that reads patron data (volunteer, desk staff, "
            "supervisor, director). Recorded, and shown to the Director, who is told at once."
        ),
    )

    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "groups" in self.fields and "groups" in cleaned and self.instance.pk:
            wanted = {group.name for group in cleaned["groups"]}
            current = set(self.instance.groups.values_list("name", flat=True))
            if wanted != current and self.acting_user.pk == self.instance.pk:
                self.add_error("groups", staff_access.SELF_CHANGE)
            elif (
                (wanted - current) & PATRON_READING_ROLES
                and not staff_access.is_exempt(self.acting_user)
                and not cleaned.get("reason", "").strip()
            ):
                self.add_error("reason", staff_access.REASON_REQUIRED)
        return cleaned


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts, as administrators manage them (DESIGN section 4).

    - Roles (groups) change only through staff_access.staff_roles_set: a
      patron-reading role needs a reason, is recorded and the Director is
      told. Nobody edits their own roles; superuser status and loose
      permissions are never edited here (superusers are made on the command
      line, capabilities come from roles).
    - Superuser accounts are out of an administrator's reach.
    - Nobody sees a password hash or sets someone's password: the account
      page sends a set-password link instead, and new accounts are made
      without a password.
    - A lost second factor is reset from the account page, with a reason.
    """

    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    add_form_template = "admin/change_form.html"
    change_form_template = "admin/auth/user/staff_change_form.html"
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        (
            "Roles and permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "reason")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": ("username", "first_name", "last_name", "email"),
                "description": (
                    "The new account has no password. Once it is saved, send its "
                    "owner a set-password link from the account page."
                ),
            },
        ),
    )
    # Five roles: plain checkboxes, which keyboards and screen readers handle
    # better than the two-box filter widget.
    filter_horizontal = ()
    READ_ONLY_ALWAYS = ("is_superuser", "last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        fields = [*super().get_readonly_fields(request, obj), *self.READ_ONLY_ALWAYS]
        if obj is not None and obj.pk == request.user.pk:
            fields += ["groups", "is_active", "is_staff"]
        return fields

    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.pk != request.user.pk:
            return fieldsets
        # One's own roles are read-only, so there is no change to give a reason for.
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "reason"]})
            for name, opts in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):  # type: ignore[no-untyped-def]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form = type(form.__name__, (form,), {"acting_user": request.user})
        return form

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)
        if not request.user.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs

    def formfield_for_manytomany(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        """Groups go through the staff-access service, never form.save_m2m."""
        groups = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if groups is None or not change:
            return
        user = form.instance
        before = set(user.groups.values_list("name", flat=True))
        try:
            events = staff_access.staff_roles_set(
                user=user,
                roles=groups,
                acting_user=request.user,
                reason=form.cleaned_data.get("reason", ""),
            )
        except StaffAccessError as exc:  # the form checked; a race lands here
            messages.error(request, exc.message)
            return
        after = {group.name for group in groups}
        if before != after:
            change_text = ", ".join(
                [f"gave {name}" for name in sorted(after - before)]
                + [f"took away {name}" for name in sorted(before - after)]
            )
            messages.info(
                request, ROLES_SAVED.format(username=user.get_username(), change=change_text)
            )
        if any(e.kind == e.Kind.ROLE_GRANTED and e.role in PATRON_READING_ROLES for e in events):
            delivery = _last_delivery(user)
            messages.info(request, DIRECTOR_TOLD.format(delivery=delivery))

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        """One's own account: the role fields are read-only, and a request
        that posts them anyway is refused with the reason, not ignored."""
        own = str(object_id) == str(request.user.pk)
        guarded = ("groups", "user_permissions", "is_superuser", "is_staff", "is_active")
        if own and request.method == "POST" and any(f in request.POST for f in guarded):
            context = {
                **self.admin_site.each_context(request),
                "title": "Not allowed",
                "opts": self.opts,
                "original": request.user,
                "error": staff_access.SELF_CHANGE,
            }
            return self._render(request, "admin/auth/user/refused.html", context, status=403)
        extra_context = {**(extra_context or {}), "own_account": own}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):  # type: ignore[no-untyped-def]
        """Django's set-a-password page is gone; a link is sent instead."""
        urls = [
            url
            for url in super().get_urls()
            if getattr(url, "name", None) != "auth_user_password_change"
        ]
        view = self.admin_site.admin_view
        return [
            path(
                "<int:user_id>/send-password-link/",
                view(self.send_password_link_view),
                name="auth_user_send_password_link",
            ),
            path(
                "<int:user_id>/reset-second-factor/",
                view(self.reset_second_factor_view),
                name="auth_user_reset_second_factor",
            ),
            *urls,
        ]

    def _account(self, request: HttpRequest, user_id: int) -> Any:
        """The account, or 404 if missing or out of reach; 403 without the
        right to change accounts."""
        user = self.get_queryset(request).filter(pk=user_id).first()
        if user is None:
            raise Http404
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        return user

    def _account_page(self, request: HttpRequest, user: Any) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))

    @staticmethod
    def _render(
        request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
    ) -> HttpResponse:
        return TemplateResponse(request, template, context, status=status)

    def send_password_link_view(self, request: HttpRequest, user_id: int) -> HttpResponse:
        """GET: confirm; POST: e-mail the account's owner a set-password link."""
        user = self._account(request, user_id)
        context = {
            **self.admin_site.each_context(request),
            "title": "Send a set-password link",
            "opts": self.opts,
            "original": user,
            "error": None,
        }
        if request.method == "POST":
            try:
                staff_access.set_password_link_send(user=user, acting_user=request.user)
            except StaffAccessError as exc:
                context["error"] = exc.message
                return self._render(
                    request, "admin/auth/user/send_password_link.html", context, status=400
                )
            messages.success(request, LINK_SENT.format(username=user.get_username()))
            return self._account_page(request, user)
        return self._render(request, "admin/auth/user/send_password_link.html", context)

    def reset_second_factor_view(self, request: HttpRequest, user_id: int) -> HttpResponse:
        """GET: confirm with a reason; POST: delete the account's authenticators."""
        user = self._account(request, user_id)
        context = {
            **self.admin_site.each_context(request),
            "title": "Reset the second factor",
            "opts": self.opts,
            "original": user,
            "error": None,
            "reason": "",
            "devices": TOTPDevice.objects.filter(user=user).count(),
        }
        if request.method == "POST":
            reason = request.POST.get("reason", "")
            try:
                staff_access.second_factor_reset(user=user, acting_user=request.user, reason=reason)
            except StaffAccessError as exc:
                context.update(error=exc.message, reason=reason)
                return self._render(
                    request, "admin/auth/user/reset_second_factor.html", context, status=400
                )
            messages.success(request, SECOND_FACTOR_WAS_RESET.format(username=user.get_username()))
            messages.info(request, DIRECTOR_TOLD.format(delivery=_last_delivery(user)))
            return self._account_page(request, user)
        return self._render(request, "admin/auth/user/reset_second_factor.html", context)


def _last_delivery(user: Any) -> str:
    """Who the Director notice about `user` just reached, in words."""
    from notices.services import Delivery

    directors = list(staff_access.directors())
    by_email = tuple(d for d in directors if d.email)
    return Delivery(in_app=tuple(directors), by_email=by_email).describe()


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class StaffTOTPDeviceAdmin(TOTPDeviceAdmin):
    """Authenticators, listed only: a lost one is reset from the account page
    (recorded, the Director told), and nobody here sees a secret or a QR code
    (OTP_ADMIN_HIDE_SENSITIVE_DATA)."""

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
