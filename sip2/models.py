"""Self-service terminals speaking SIP2 (DESIGN section 8), the PINs
patrons type at them, and the login throttle the server processes share."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from organisation.models import Branch
from patrons.models import Patron


class Terminal(models.Model):
    """One SIP2 account: one self-check machine or one PC-reservation
    system. The password is stored as Django's hashers store a staff
    password. `user` is the terminal's own account, with no role and no
    usable password: loans it makes name it, and the patron's access
    report shows it by its staff profile's display name."""

    class Kind(models.TextChoices):
        SELF_CHECK = "self_check", "Self-check machine"
        PC_RESERVATION = "pc_reservation", "PC-reservation system"

    class Encoding(models.TextChoices):
        UTF8 = "utf-8", "UTF-8"
        CP850 = "cp850", "Code page 850 (older self-check machines)"

    login = models.CharField(
        max_length=40, unique=True, help_text="The user id the terminal sends (CN)."
    )
    label = models.CharField(max_length=60, help_text="Shown on patrons' access reports.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="sip2_terminals")
    password_hash = models.CharField(max_length=200, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sip2_terminal",
        editable=False,
    )
    checksums = models.BooleanField(
        default=True, help_text="Send and require AY/AZ sequence numbers and checksums."
    )
    encoding = models.CharField(max_length=10, choices=Encoding.choices, default=Encoding.UTF8)
    requires_pin = models.BooleanField(
        default=True, help_text="Refuse a patron who has no PIN or types a wrong one."
    )
    takes_payments = models.BooleanField(default=False, help_text="May record fees paid (37).")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["branch__name", "label"]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_kind_display()})"

    @property
    def is_self_check(self) -> bool:
        return self.kind == self.Kind.SELF_CHECK


class PatronPin(models.Model):
    """A patron's self-service PIN, hashed; set at the desk by the
    cardholder. `failures` counts wrong PINs in a row; `locked_at` is set
    when they reach the limit, and only the desk clears it."""

    patron = models.OneToOneField(Patron, on_delete=models.CASCADE, related_name="sip2_pin")
    pin_hash = models.CharField(max_length=200)
    set_at = models.DateTimeField(default=timezone.now)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"PIN of patron {self.patron_id}"


class LoginThrottle(models.Model):
    """Failed terminal logins per key (an account's login or a peer
    address), in the database so that every server process sees them."""

    key = models.CharField(max_length=120, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField(default=timezone.now)
    blocked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.key
