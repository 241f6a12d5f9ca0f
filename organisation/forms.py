"""The staff-member form of the administration: one page for a person's
account, roles, branch and the name patrons are told.

Input validation only. Roles are saved by `staff_access.staff_roles_set`
and the profile by `services.staff_profile_set`, both called by the admin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group

from organisation import staff_access
from organisation.models import Branch, ServiceDesk, StaffProfile
from organisation.roles import ROLE_DESCRIPTIONS, Role
from organisation.staff_access import PATRON_READING_ROLES
from organisation.users import StaffUser

User = get_user_model()

DISPLAY_NAME_NEEDED = (
    "Give the name patrons are told (usually the first name): staff with a desk "
    "role are shown by it on the desk screen and on letters."
)
DESK_ELSEWHERE = "This desk is at {branch}: choose a desk at the staff member's branch."
BRANCH_NEEDED = "Choose the branch this desk belongs to as well."
REASON_LABEL = "Reason for giving this role"
REASON_HELP = (
    "Required when giving a role that reads patron data (volunteer, desk staff, "
    "supervisor, director). Such a role takes effect only when a Director confirms it; "
    "the reason is shown to the Director with the request."
)


class RoleField(forms.ModelMultipleChoiceField):
    """The role groups as checkboxes, each named and explained in words."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Group.objects.filter(name__in=Role.values).order_by("pk"))
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Roles")
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Any) -> str:
        if obj.name not in Role.values:
            return str(obj.name)
        return f"{Role(obj.name).label}: {ROLE_DESCRIPTIONS.get(obj.name, '')}"


class StaffMemberFields(forms.Form):
    """The fields a staff member's form adds to the account: roles, the reason
    for giving one, and the staff profile (display name, branch, desk)."""

    acting_user: StaffUser  # set by StaffUserAdmin.get_form
    instance: Any  # set by the model form this is mixed into

    reason = forms.CharField(
        label=REASON_LABEL,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )
    display_name = forms.CharField(
        label="Name patrons are told",
        max_length=60,
        required=False,
        help_text=(
            "Shown on the desk screen and on letters (seed 001: staff give their first "
            "name when asked). Left empty, the first name is used."
        ),
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.all(),
        required=False,
        label="Branch",
        help_text="Where this person works; supervisors see this branch's complaints.",
    )
    desk = forms.ModelChoiceField(
        queryset=ServiceDesk.objects.select_related("branch"),
        required=False,
        label="Service desk",
        help_text="Optional: the desk they usually work at.",
    )

    def _profile(self) -> StaffProfile | None:
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return None
        return StaffProfile.objects.filter(user=instance).first()

    def _initial_profile(self) -> None:
        profile = self._profile()
        if profile is not None:
            self.initial.setdefault("display_name", profile.display_name)
            self.initial.setdefault("branch", profile.branch_id)
            self.initial.setdefault("desk", profile.desk_id)

    def _clean_staff_member(self, cleaned: dict[str, Any], current_roles: set[str]) -> None:
        """Roles: never one's own; a reason for a patron-reading role. Profile:
        a display name for desk roles, a desk at the chosen branch."""
        wanted: set[str] | None = None
        if "groups" in self.fields and "groups" in cleaned:
            wanted = {group.name for group in cleaned["groups"]}
            own = self.instance.pk is not None and self.acting_user.pk == self.instance.pk
            if wanted != current_roles and own:
                self.add_error("groups", staff_access.SELF_CHANGE)
            elif str(Role.ADMINISTRATOR) in wanted and wanted & PATRON_READING_ROLES:
                self.add_error("groups", staff_access.ADMIN_WITH_PATRON_ROLE)
            elif (
                (wanted - current_roles) & PATRON_READING_ROLES
                and not staff_access.is_exempt(self.acting_user)
                and not cleaned.get("reason", "").strip()
            ):
                self.add_error("reason", staff_access.REASON_REQUIRED)
        roles = wanted if wanted is not None else current_roles
        if not self.wants_profile(cleaned, roles):
            return
        name = (cleaned.get("display_name") or "").strip() or (
            cleaned.get("first_name") or ""
        ).strip()
        if not name and "display_name" in self.fields:
            self.add_error("display_name", DISPLAY_NAME_NEEDED)
        cleaned["display_name"] = name
        branch, desk = cleaned.get("branch"), cleaned.get("desk")
        if desk is None:
            return
        if branch is None:
            self.add_error("branch", BRANCH_NEEDED)
        elif desk.branch_id != branch.pk:
            self.add_error("desk", DESK_ELSEWHERE.format(branch=desk.branch.name))

    def wants_profile(self, cleaned: dict[str, Any], roles: set[str]) -> bool:
        """A profile is kept for anyone who has one, works at a branch or
        has a role patrons meet."""
        return bool(
            self._profile() is not None
            or cleaned.get("display_name")
            or cleaned.get("branch")
            or cleaned.get("desk")
            or roles & PATRON_READING_ROLES
        )

    def profile_values(self) -> dict[str, Any] | None:
        """What to save in the staff profile, or None for no profile."""
        cleaned = self.cleaned_data
        if not cleaned.get("display_name"):
            return None
        return {
            "display_name": cleaned["display_name"],
            "branch": cleaned.get("branch"),
            "desk": cleaned.get("desk"),
        }


class StaffUserCreationForm(StaffMemberFields, forms.ModelForm):
    """A new staff member without a password: its owner chooses one by the
    set-password link, so no administrator ever knows it."""

    groups = RoleField()

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "is_staff", "groups")
        labels = {"is_staff": "Can open this administration"}
        help_texts = {"is_staff": "Tick for administrators only."}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_staff_member(cleaned, set())
        return cleaned

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class StaffUserChangeForm(StaffMemberFields, UserChangeForm):
    """A staff member's account, roles and profile.

    `acting_user` is set by StaffUserAdmin.get_form; the reason is required
    when a patron-reading role is given by anyone but a superuser.
    """

    groups = RoleField()

    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        labels = {"is_staff": "Can open this administration", "is_active": "Active"}
        help_texts = {
            "is_staff": "Tick for administrators only.",
            "is_active": "Untick instead of deleting the account when someone leaves.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._initial_profile()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        current = (
            set(self.instance.groups.values_list("name", flat=True)) if self.instance.pk else set()
        )
        self._clean_staff_member(cleaned, current)
        return cleaned


DECISION_CHOICES = (("confirm", "Confirm"), ("refuse", "Refuse"))


class StaffChangeDecisionForm(forms.Form):
    """A Director's answer to a change waiting for dual control."""

    decision = forms.ChoiceField(choices=DECISION_CHOICES)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded with a refusal and told to whoever proposed the change.",
    )
