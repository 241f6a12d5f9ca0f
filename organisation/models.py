"""The organisation: the library system, its branches, desks and staff."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from organisation.roles import CAPABILITY_TABLE


class LibrarySystem(models.Model):
    """The library (or library district) running this installation.

    Holds system-wide circulation settings; there is normally one row.
    """

    name = models.CharField(max_length=200)
    fee_block_threshold = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Open fees above this amount block checkout.",
    )
    hold_pickup_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days a trapped hold waits on the shelf."
    )
    card_validity_years = models.PositiveSmallIntegerField(default=3)

    class Meta:
        verbose_name = "library system"

    def __str__(self) -> str:
        return self.name


jurisdiction_code_validator = RegexValidator(
    r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
    "A jurisdiction code looks like US-NY or CA-ON.",
)


class Branch(models.Model):
    system = models.ForeignKey(LibrarySystem, on_delete=models.PROTECT, related_name="branches")
    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    jurisdiction_code = models.CharField(
        max_length=10,
        validators=[jurisdiction_code_validator],
        help_text="The jurisdiction whose confidentiality rules apply, e.g. US-NY.",
    )
    timezone = models.CharField(max_length=64, default="America/New_York")
    observes_public_holidays = models.BooleanField(
        "closed on public holidays",
        default=True,
        help_text=(
            "Closed on the public holidays of the country and province or state of "
            "the jurisdiction code (e.g. Canada Day for CA-ON). Untick if the branch "
            "opens on public holidays; add local closures as holidays."
        ),
    )
    due_dates_skip_closed_days = models.BooleanField(
        "due dates skip closed days",
        default=True,
        help_text=(
            "A due date that falls on a day the branch is closed (its opening hours, "
            "holidays and public holidays) moves to the next day it is open. Applies "
            "once the branch has opening hours."
        ),
    )
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "branches"

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["branch", "weekday", "opens"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Holiday(models.Model):
    """A day a branch (or, with no branch, every branch) is closed."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="holidays")
    branch = models.ForeignKey(
        Branch,
        on_delete=models.CASCADE,
        related_name="holidays",
        null=True,
        blank=True,
        help_text="Leave empty for a closure of every branch.",
    )
    date = models.DateField()
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "branch", "date"], name="holiday_unique_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class ServiceDesk(models.Model):
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="desks")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["branch", "name"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="desk_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.branch.name}: {self.name}"


class StaffProfile(models.Model):
    """A staff member's public face and place of work.

    `display_name` is what patrons may be told (seed 001: staff give their
    first name when asked) and what letters are signed with.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    display_name = models.CharField(
        max_length=60, help_text="The first name given to patrons and shown at the desk."
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="staff", null=True, blank=True
    )
    desk = models.ForeignKey(
        ServiceDesk, on_delete=models.SET_NULL, related_name="staff", null=True, blank=True
    )

    class Meta:
        ordering = ["display_name"]
        # Role capabilities. Granted to groups by migration; checked only in
        # policies.py modules.
        permissions = [(name, c.label) for name, c in CAPABILITY_TABLE.items()]

    def __str__(self) -> str:
        return self.display_name


class StaffAccessEvent(models.Model):
    """A change to what a staff account can reach, made by someone else.

    Written only by organisation.staff_access. Names staff accounts, never
    patrons; the usernames are copied so the record survives a deleted
    account. The Director reads these on the staff-access page.
    """

    class Kind(models.TextChoices):
        ROLE_GRANTED = "role_granted", "Role given"
        ROLE_REVOKED = "role_revoked", "Role taken away"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
        PASSWORD_LINK_SENT = "password_link_sent", "Set-password link sent"
        EMAIL_CHANGED = "email_changed", "E-mail address changed"
        CHANGE_PROPOSED = "change_proposed", "Change proposed"
        CHANGE_CONFIRMED = "change_confirmed", "Change confirmed"
        CHANGE_REFUSED = "change_refused", "Change refused"
        CHANGE_EXPIRED = "change_expired", "Change expired unconfirmed"
        BREAK_GLASS = "break_glass", "Change made on the command line (break-glass)"
        DIRECTORY_ACCOUNT_CREATED = (
            "directory_account_created",
            "Account created by a directory sign-on",
        )

    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="staff_access_events",
    )
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=30, blank=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    acting_username = models.CharField(max_length=150)
    reason = models.TextField(blank=True)
    detail = models.CharField(
        max_length=300, blank=True, help_text="What changed, in words (roles, addresses)."
    )
    change = models.ForeignKey(
        "PendingStaffChange",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username}"

    @property
    def role_label(self) -> str:
        from organisation.roles import Role

        return str(Role(self.role).label) if self.role in Role.values else self.role


class PendingStaffChange(models.Model):
    """A change to a staff account that takes effect only once a second
    person confirms it (DESIGN section 4, dual control).

    Written only by organisation.dual_control. `roles` is the whole role
    set asked for (role names); `email` the address asked for, `old_email`
    the one in use when it was proposed. Names staff accounts, never
    patrons; usernames are copied so the record survives a deleted account.
    """

    class Kind(models.TextChoices):
        ROLES = "roles", "Roles"
        EMAIL = "email", "E-mail address"
        SECOND_FACTOR = "second_factor", "Second-factor reset"
        PASSWORD_LINK = "password_link", "Set-password link"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        REFUSED = "refused", "Refused"
        EXPIRED = "expired", "Expired unconfirmed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_staff_changes"
    )
    username = models.CharField(max_length=150)
    roles = models.JSONField(default=list, blank=True)
    email = models.EmailField(blank=True)
    old_email = models.EmailField(blank=True)
    reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_by_username = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by_username = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    break_glass = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(status="pending"),
                name="one_pending_staff_change_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def role_labels(self) -> str:
        from organisation.roles import Role

        return (
            ", ".join(str(Role(name).label) if name in Role.values else name for name in self.roles)
            or "no role"
        )

    @property
    def summary(self) -> str:
        """What the change does, in words."""
        if self.kind == self.Kind.ROLES:
            return f"Roles of {self.username} become: {self.role_labels}"
        if self.kind == self.Kind.EMAIL:
            return (
                f"E-mail address of {self.username} changes from "
                f"{self.old_email or '(none)'} to {self.email}"
            )
        if self.kind == self.Kind.SECOND_FACTOR:
            return f"Second factor of {self.username} is reset"
        return f"A set-password link is sent to {self.username} at {self.old_email}"


class DirectoryIdentity(models.Model):
    """The library's directory entry (LDAP / Active Directory, or an OpenID
    Connect provider) that signs a staff account on.

    Written only by organisation.signon. `subject` is what the directory
    keeps stable for the person: the LDAP username as it signs on, or the
    provider's `sub` claim; never an e-mail address, which a directory may
    reassign. An account linked here has no password of its own: the
    directory proves who it is at every sign-on, and never gives it a role.
    """

    class Provider(models.TextChoices):
        LDAP = "ldap", "LDAP / Active Directory"
        OIDC = "oidc", "OpenID Connect"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_identity"
    )
    provider = models.CharField(max_length=10, choices=Provider.choices)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    last_sign_on_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="one_account_per_directory_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()}: {self.subject}"
