from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation import dual_control, policies, services, staff_access
from organisation.forms import StaffUserChangeForm, StaffUserCreationForm
from organisation.models import (
    Branch,
    Holiday,
    LibrarySystem,
    OpeningHours,
    ServiceDesk,
)
from organisation.roles import CAPABILITIES, ROLE_DESCRIPTIONS, Role
from organisation.staff_access import PATRON_READING_ROLES, StaffAccessError
from organisation.users import StaffRequest, StaffUser


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


User = get_user_model()
admin.site.unregister(User)

ROLES_SAVED = "Roles saved for {username}: {change}."
DIRECTOR_TOLD = "The Director was told: {delivery}"
LINK_SENT = "A set-password link was sent to {username}'s e-mail address."
SECOND_FACTOR_WAS_RESET = (
    "The second factor of {username} was reset; they enrol a new authenticator at "
    "their next log-in."
)
ROLES_PROPOSED = (
    "Waiting for a Director's confirmation: {summary}. Nothing changes until a Director "
    "confirms it."
)
EMAIL_PROPOSED = (
    "The new e-mail address of {username} takes effect only when a Director confirms it; "
    "until then the account keeps its address. The old address and the Directors were told."
)
EMAIL_CHANGED = (
    "The e-mail address of {username} changed; the old address was told. Set-password "
    "links wait {days} days."
)
LINK_PROPOSED = (
    "{username} reads patron data: the set-password link is sent once a Director confirms it."
)
RESET_PROPOSED = (
    "{username} reads patron data: the second factor is reset once a Director confirms it."
)


class RoleListFilter(admin.SimpleListFilter):
    title = "role"
    parameter_name = "role"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return Role.choices

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        value = self.value()
        if value not in Role.values:
            return queryset
        return queryset.filter(pk__in=policies.users_with_role(Role(value)).values("pk"))


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
        ("Account", {"fields": ("username", ("first_name", "last_name"), "email", "is_active")}),
        (
            "Roles",
            {
                "fields": ("groups", "reason"),
                "description": (
                    "A role that reads patron data takes effect only when a Director "
                    "confirms it; the request is recorded with the reason. Nobody changes "
                    "their own roles."
                ),
            },
        ),
        ("At the library", {"fields": ("display_name", "branch", "desk")}),
        ("Administration", {"fields": ("is_staff",)}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            "Account",
            {
                "fields": ("username", ("first_name", "last_name"), "email"),
                "description": (
                    "The new account has no password. Once it is saved, send its "
                    "owner a set-password link from its page."
                ),
            },
        ),
        (
            "Roles",
            {
                "fields": ("groups", "reason"),
                "description": (
                    "A role that reads patron data takes effect only when a Director "
                    "confirms it; the request is recorded with the reason. The new "
                    "member's set-password link is sent when it is confirmed."
                ),
            },
        ),
        ("At the library", {"fields": ("display_name", "branch", "desk")}),
        ("Administration", {"fields": ("is_staff",)}),
    )
    list_display = ["username", "display_name", "roles", "branch", "email", "is_active"]
    list_filter = ["is_active", RoleListFilter, "staff_profile__branch"]
    search_fields = ["username", "first_name", "last_name", "email", "staff_profile__display_name"]
    ordering = ["username"]
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
        return type(form.__name__, (form,), {"acting_user": request.user})

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request).select_related("staff_profile__branch")
        qs = qs.prefetch_related("groups")
        if not request.user.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs

    @admin.display(description="Name patrons are told", ordering="staff_profile__display_name")
    def display_name(self, user: StaffUser) -> str:
        profile = getattr(user, "staff_profile", None)
        return profile.display_name if profile else ""

    @admin.display(description="Branch", ordering="staff_profile__branch__name")
    def branch(self, user: StaffUser) -> str:
        profile = getattr(user, "staff_profile", None)
        return profile.branch.name if profile and profile.branch else ""

    @admin.display(description="Roles")
    def roles(self, user: StaffUser) -> str:
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(g.name, g.name)) for g in user.groups.all())

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """The account, then its staff profile (roles follow in save_related).

        A new e-mail address on an account that reads patron data (or is
        waiting for such a role) is kept back and proposed for a Director's
        confirmation; on any other account it takes effect, is recorded and
        told to the old address (dual_control)."""
        old_email = None
        if change:
            stored = type(obj).objects.filter(pk=obj.pk).values_list("email", flat=True).first()
            old_email = stored or ""
        wanted = obj.email
        proposed = (
            old_email is not None
            and wanted != old_email
            and dual_control.changes_need_confirmation(user=obj, acting_user=request.user)
        )
        if proposed:
            obj.email = old_email
        super().save_model(request, obj, form, change)
        username = obj.get_username()
        if proposed:
            try:
                dual_control.staff_email_propose(user=obj, email=wanted, acting_user=request.user)
            except StaffAccessError as exc:
                messages.error(request, exc.message)
            else:
                messages.info(request, EMAIL_PROPOSED.format(username=username))
        elif (
            old_email is not None
            and wanted != old_email
            and dual_control.staff_email_changed(
                user=obj, old_email=old_email, acting_user=request.user
            )
        ):
            messages.info(
                request,
                EMAIL_CHANGED.format(username=username, days=settings.UNCONFIRMED_EMAIL_HOLD_DAYS),
            )
        profile = form.profile_values()
        if profile is not None:
            services.staff_profile_set(user=obj, **profile)

    def add_view(self, request, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        context = {"title": "Add a staff member", **(extra_context or {})}
        return super().add_view(request, form_url, context)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        """Groups go through the staff-access service, never form.save_m2m."""
        groups = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if groups is None or (not change and not groups):
            return
        user = form.instance
        before = set(user.groups.values_list("name", flat=True))
        if dual_control.roles_need_confirmation(user=user, roles=groups, acting_user=request.user):
            try:
                proposal = dual_control.staff_roles_propose(
                    user=user,
                    roles=groups,
                    acting_user=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except StaffAccessError as exc:
                messages.error(request, exc.message)
                return
            messages.info(request, ROLES_PROPOSED.format(summary=proposal.summary))
            messages.info(request, DIRECTOR_TOLD.format(delivery=_last_delivery(user)))
            return
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
            label = dict(Role.choices)
            change_text = ", ".join(
                [f"gave {label.get(name, name)}" for name in sorted(after - before)]
                + [f"took away {label.get(name, name)}" for name in sorted(before - after)]
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
        extra_context = {
            "title": "Your account" if own else "Change a staff member",
            **(extra_context or {}),
            "own_account": own,
            "pending_changes": list(
                # An exact lookup with None is IS NULL (Django's docs); the
                # stub accepts no None.
                dual_control.staff_changes_pending().filter(user_id=_int_or_none(object_id))  # type: ignore[misc]
            ),
        }
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

    def _account(self, request: HttpRequest, user_id: int) -> StaffUser:
        """The account, or 404 if missing or out of reach; 403 without the
        right to change accounts."""
        user = self.get_queryset(request).filter(pk=user_id).first()
        if user is None:
            raise Http404
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        return user

    def _account_page(self, request: HttpRequest, user: StaffUser) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))

    @staticmethod
    def _render(
        request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
    ) -> HttpResponse:
        return TemplateResponse(request, template, context, status=status)

    def send_password_link_view(self, request: StaffRequest, user_id: int) -> HttpResponse:
        """GET: confirm; POST: e-mail the account's owner a set-password link."""
        user = self._account(request, user_id)
        context = {
            **self.admin_site.each_context(request),
            "title": "Send a set-password link",
            "opts": self.opts,
            "original": user,
            "error": None,
        }
        needs_confirmation = dual_control.changes_need_confirmation(
            user=user, acting_user=request.user
        )
        context["needs_confirmation"] = needs_confirmation
        if request.method == "POST":
            try:
                if needs_confirmation:
                    dual_control.set_password_link_propose(user=user, acting_user=request.user)
                else:
                    staff_access.set_password_link_send(user=user, acting_user=request.user)
            except StaffAccessError as exc:
                context["error"] = exc.message
                return self._render(
                    request, "admin/auth/user/send_password_link.html", context, status=400
                )
            if needs_confirmation:
                messages.info(request, LINK_PROPOSED.format(username=user.get_username()))
            else:
                messages.success(request, LINK_SENT.format(username=user.get_username()))
            return self._account_page(request, user)
        return self._render(request, "admin/auth/user/send_password_link.html", context)

    def reset_second_factor_view(self, request: StaffRequest, user_id: int) -> HttpResponse:
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
            "needs_confirmation": dual_control.changes_need_confirmation(
                user=user, acting_user=request.user
            ),
        }
        if request.method == "POST":
            reason = request.POST.get("reason", "")
            try:
                if context["needs_confirmation"]:
                    dual_control.second_factor_reset_propose(
                        user=user, acting_user=request.user, reason=reason
                    )
                else:
                    staff_access.second_factor_reset(
                        user=user, acting_user=request.user, reason=reason
                    )
            except StaffAccessError as exc:
                context.update(error=exc.message, reason=reason)
                return self._render(
                    request, "admin/auth/user/reset_second_factor.html", context, status=400
                )
            if context["needs_confirmation"]:
                messages.info(request, RESET_PROPOSED.format(username=user.get_username()))
                messages.info(request, DIRECTOR_TOLD.format(delivery=_last_delivery(user)))
                return self._account_page(request, user)
            messages.success(request, SECOND_FACTOR_WAS_RESET.format(username=user.get_username()))
            messages.info(request, DIRECTOR_TOLD.format(delivery=_last_delivery(user)))
            return self._account_page(request, user)
        return self._render(request, "admin/auth/user/reset_second_factor.html", context)


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _last_delivery(user: StaffUser) -> str:
    """Who the Director notice about `user` just reached, in words."""
    from notices.services import Delivery

    directors = list(policies.directors())
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


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """The roles, read-only and in words: what each may do. Roles are given
    on a staff member's page; their capabilities change only by migration
    (organisation/roles.py)."""

    list_display = ["role", "description"]
    fields = ("role", "description", "capabilities")
    readonly_fields = ("role", "description", "capabilities")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("permissions")

    @admin.display(description="Role")
    def role(self, group: Group) -> str:
        return str(dict(Role.choices).get(group.name, group.name))

    @admin.display(description="What it is for")
    def description(self, group: Group) -> str:
        return ROLE_DESCRIPTIONS.get(group.name, "")

    @admin.display(description="What it may do")
    def capabilities(self, group: Group) -> str:
        names = [p.name for p in group.permissions.all() if p.codename in CAPABILITIES]
        return format_html_join("\n", "<p>{}</p>", ((name,) for name in names)) or "—"
