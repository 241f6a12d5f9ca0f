"""Patrons, their library cards, guardians and proxies.

Every field here is part of a confidential library record (seed 000). No
field records race, religion or the like: equal service needs none.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisation import clock
from patrons.barcodes import validate_card_barcode


class Patron(models.Model):
    class Category(models.TextChoices):
        ADULT = "adult", "Adult"
        JUVENILE = "juvenile", "Juvenile"
        SENIOR = "senior", "Senior"
        STAFF = "staff", "Staff"
        INSTITUTION = "institution", "Institution"

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.ADULT)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address_line = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    home_branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="patrons"
    )
    keeps_loan_history = models.BooleanField(
        default=False,
        help_text="The patron asked the library to keep a record of past loans.",
    )
    keeps_loan_history_since = models.DateTimeField(null=True, blank=True)
    shares_with_guardian = models.BooleanField(
        default=False,
        help_text="A minor's own choice to let a guardian learn their records, "
        "honoured only where the jurisdiction allows it.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deidentified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="patron_name_idx"),
            # The nightly expunge revisits the records of patrons changed
            # since its last run (a loan history no longer kept), and reads
            # the patrons without a card created a period ago.
            models.Index(fields=["updated_at"], name="patron_updated_idx"),
            models.Index(fields=["created_at"], name="patron_created_idx"),
            # The expunge leaves out the loans of patrons who keep their
            # history, read as one set per batch: from this index alone
            # (a tenth of the patrons), not a scan of the whole table, which
            # at 2,000,000 patrons cost 0.7 s of every batch.
            models.Index(
                fields=["id"], condition=Q(keeps_loan_history=True), name="patron_keeps_history_idx"
            ),
        ]

    def __str__(self) -> str:
        # Opaque on purpose: __str__ ends up in logs, admin history and errors.
        return f"Patron #{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: datetime.date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def age(self) -> int | None:
        return self.age_on(clock.server_day())


class Card(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LOST = "lost", "Lost"
        STOLEN = "stolen", "Stolen"
        EXPIRED = "expired", "Expired"
        REPLACED = "replaced", "Replaced"

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="cards")
    barcode = models.CharField(max_length=32, unique=True, validators=[validate_card_barcode])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    issued_on = models.DateField(default=timezone.localdate)
    expires_on = models.DateField()
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )
    status_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["patron"],
                condition=Q(status="active"),
                name="card_one_active_per_patron",
            ),
        ]
        indexes = [
            # The nightly expunge reads the patrons whose card expired a
            # period ago by a range of this index.
            models.Index(fields=["expires_on"], name="card_expires_idx"),
            # Cards expiring in a range of days (patronnotices).
            models.Index(
                fields=["expires_on"],
                condition=Q(status="active"),
                name="card_active_expiry_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Card #{self.pk}"

    def is_usable_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.ACTIVE and self.expires_on >= day


class GuardianLink(models.Model):
    """A parent or legal guardian of a (usually minor) patron."""

    class Relationship(models.TextChoices):
        PARENT = "parent", "Parent"
        LEGAL_GUARDIAN = "legal_guardian", "Legal guardian"

    class Proof(models.TextChoices):
        PHOTO_ID = "photo_id", "Photo ID"
        BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
        COURT_ORDER = "court_order", "Guardianship order"
        REGISTRATION = "registration", "Signed at registration"

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="guardian_links")
    guardian_patron = models.ForeignKey(
        Patron,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wards",
        help_text="The guardian's own patron record, if they have one.",
    )
    guardian_name = models.CharField(
        max_length=200, blank=True, help_text="Name, when the guardian is not a patron."
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    proof = models.CharField(max_length=20, choices=Proof.choices, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian_patron__isnull=False) | ~Q(guardian_name=""),
                name="guardian_named_or_linked",
            ),
        ]

    def __str__(self) -> str:
        return f"Guardian link #{self.pk}"

    @property
    def display_name(self) -> str:
        if self.guardian_patron_id:
            return self.guardian_patron.full_name  # type: ignore[union-attr]
        return self.guardian_name


class ProxyAuthorization(models.Model):
    """The cardholder's authorization for someone else to use the card.

    A proxy may borrow and/or pick up holds; a proxy is never told anything
    from the record (seed 000).
    """

    cardholder = models.ForeignKey(
        Patron, on_delete=models.CASCADE, related_name="proxy_authorizations"
    )
    proxy_name = models.CharField(max_length=200)
    proxy_patron = models.ForeignKey(
        Patron,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proxy_for",
    )
    may_borrow = models.BooleanField(default=True)
    may_pick_up_holds = models.BooleanField(default=True)
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Proxy authorization #{self.pk}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.revoked_at is None and self.expires_on >= day


class BarcodeScheme(models.Model):
    """What the library system's card or item barcodes look like. Without a
    row, the default holds: 14 digits, Luhn check digit, cards starting
    with 2 and items with 3 (`patrons.barcodes`)."""

    class AppliesTo(models.TextChoices):
        CARD = "card", "Library cards"
        ITEM = "item", "Items"

    class CheckDigit(models.TextChoices):
        LUHN = "luhn", "Luhn (mod 10)"
        NONE = "none", "None"

    system = models.ForeignKey(
        "libraryservice.LibrarySystem", on_delete=models.CASCADE, related_name="barcode_schemes"
    )
    applies_to = models.CharField(max_length=5, choices=AppliesTo.choices)
    length = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(4), MaxValueValidator(32)],
        help_text="Digits in every barcode, the check digit included.",
    )
    prefix = models.CharField(
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[0-9]*$", "A prefix is digits.")],
        help_text="Digits every barcode starts with (blank for none).",
    )
    check_digit = models.CharField(
        max_length=5, choices=CheckDigit.choices, default=CheckDigit.LUHN
    )

    class Meta:
        ordering = ["system", "applies_to"]
        constraints = [
            models.UniqueConstraint(fields=["system", "applies_to"], name="barcodescheme_one"),
            models.CheckConstraint(
                condition=Q(length__gte=4, length__lte=32), name="barcodescheme_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_applies_to_display()}: {self.length} digits"
