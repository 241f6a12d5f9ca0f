"""Items, loan rules, loans, holds and fees.

Loans, holds and fees link a patron to library materials and are
confidential records: their patron link is removed by the retention job,
which keeps the de-identified statistics fields (patron_category,
patron_birth_year) so that circulation reports survive.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalogue.models import ItemFormat as ItemFormat
from catalogue.models import Title
from patrons.barcodes import validate_item_barcode


class LoanRule(models.Model):
    """How long, how many renewals and how many at once, per item format."""

    format = models.CharField(max_length=20, choices=ItemFormat.choices, unique=True)
    loan_days = models.PositiveSmallIntegerField(default=21)
    max_renewals = models.PositiveSmallIntegerField(default=2)
    item_limit = models.PositiveSmallIntegerField(
        default=50, help_text="Items of this format a patron may have out at once."
    )
    overdue_fee_per_day = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    overdue_fee_cap = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["format"]

    def __str__(self) -> str:
        return f"{self.get_format_display()}: {self.loan_days} days"


class Item(models.Model):
    """A copy of a catalogue title."""

    class Status(models.TextChoices):
        AVAILABLE = "available", "Available"
        ON_LOAN = "on_loan", "On loan"
        ON_HOLD_SHELF = "on_hold_shelf", "On the hold shelf"
        IN_TRANSIT = "in_transit", "In transit"
        LOST = "lost", "Lost"
        MISSING = "missing", "Missing"
        WITHDRAWN = "withdrawn", "Withdrawn"

    barcode = models.CharField(max_length=32, unique=True, validators=[validate_item_barcode])
    # The copy's catalogue record. `title` and `author` below stay on the
    # copy as its label: the desk's scan path, receipts and reports read
    # them without a join, and a copy may carry its own words ("v. 2").
    title_record = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="copies")
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    call_number = models.CharField(max_length=60, blank=True)
    format = models.CharField(max_length=20, choices=ItemFormat.choices, default=ItemFormat.BOOK)
    home_branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="items"
    )
    # Where in the home branch the copy is shelved ("Children's", "New
    # books"), as the source system's code or words (Koha 952 $c, 852 $c).
    # The database default lets set-based inserts that predate it go on.
    shelving_location = models.CharField(max_length=80, blank=True, default="", db_default="")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AVAILABLE)
    replacement_cost = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Loan(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="loans")
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
    )
    card = models.ForeignKey(
        "patrons.Card",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
    )
    proxy = models.ForeignKey(
        "patrons.ProxyAuthorization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
    )
    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="loans"
    )
    checked_out_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(default=0)
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    override_reason = models.CharField(max_length=300, blank=True)
    # De-identified statistics kept when the patron link is removed.
    patron_category = models.CharField(max_length=20, blank=True)
    patron_birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-checked_out_at"]
        constraints = [
            # Two desks can never lend the same item at once.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_at__isnull=True),
                name="loan_one_open_per_item",
            ),
        ]
        indexes = [
            models.Index(
                fields=["patron"],
                condition=Q(returned_at__isnull=True),
                name="loan_open_by_patron_idx",
            ),
            models.Index(
                fields=["returned_at"],
                condition=Q(patron__isnull=False),
                name="loan_returned_linked_idx",
            ),
            # The day's courtesy and overdue notices: a range of due dates
            # per branch among the loans still out (patronnotices).
            models.Index(
                fields=["branch", "due_at"],
                condition=Q(returned_at__isnull=True),
                name="loan_open_due_by_branch_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Loan #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.returned_at is None

    def is_overdue(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        return self.returned_at is None and self.due_at < (now or timezone.now())


class Hold(models.Model):
    """A patron waiting for a title (any copy) or for one copy.

    A title-level hold has no item while it waits; the first copy checked
    in for it is allocated (`item`) and travels to the pickup branch
    (in transit) or goes on the hold shelf there (ready). A copy-level
    hold names its copy from the start.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        IN_TRANSIT = "in_transit", "In transit"
        READY = "ready", "Ready for pickup"
        FULFILLED = "fulfilled", "Picked up"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Not picked up"

    class Level(models.TextChoices):
        TITLE = "title", "Any copy of the title"
        COPY = "copy", "This copy"

    OPEN_STATUSES = (Status.WAITING, Status.IN_TRANSIT, Status.READY)
    # Statuses in which a copy is set aside for the hold.
    ALLOCATED_STATUSES = (Status.IN_TRANSIT, Status.READY)

    title_record = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="holds")
    level = models.CharField(max_length=5, choices=Level.choices, default=Level.COPY)
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="holds"
    )
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holds",
    )
    pickup_branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="holds"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    placed_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    pickup_by = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    patron_category = models.CharField(max_length=20, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "patron"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="hold_one_open_per_patron_item",
            ),
            # One open hold per patron and title, whatever its level.
            models.UniqueConstraint(
                fields=["title_record", "patron"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="hold_one_open_per_patron_title",
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status="ready"),
                name="hold_one_ready_per_item",
            ),
            # A copy travels to, or waits on the shelf for, one hold at a time:
            # two check-ins of two copies cannot both fill one hold, nor one
            # copy two holds.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=["in_transit", "ready"]),
                name="hold_one_allocated_per_item",
            ),
            # A copy-level hold names its copy; a hold in transit or ready
            # has one; a title-level hold waits for no copy in particular.
            models.CheckConstraint(
                condition=Q(item__isnull=False)
                | (Q(level="title") & ~Q(status__in=["in_transit", "ready"])),
                name="hold_copy_known",
            ),
            models.CheckConstraint(
                condition=~Q(level="title", status="waiting") | Q(item__isnull=True),
                name="hold_title_waiting_unallocated",
            ),
        ]
        indexes = [
            models.Index(
                fields=["patron"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="hold_open_by_patron_idx",
            ),
            models.Index(
                fields=["item", "placed_at"],
                condition=Q(status="waiting"),
                name="hold_queue_idx",
            ),
            models.Index(
                fields=["title_record", "placed_at"],
                condition=Q(status="waiting", level="title"),
                name="hold_title_queue_idx",
            ),
            # Holds put on the shelf since a moment, per pickup branch.
            models.Index(
                fields=["pickup_branch", "ready_at"],
                condition=Q(status="ready"),
                name="hold_ready_by_branch_idx",
            ),
            # When a hold ended (closed, else shelved, else placed): the
            # nightly expunge reads the finished holds that fell due since
            # its last run, and the patrons whose hold closed since.
            models.Index(Coalesce("closed_at", "ready_at", "placed_at"), name="hold_ended_idx"),
        ]

    def __str__(self) -> str:
        return f"Hold #{self.pk}"


class Fee(models.Model):
    class Kind(models.TextChoices):
        OVERDUE = "overdue", "Overdue"
        LOST = "lost", "Lost item"
        DAMAGE = "damage", "Damage"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PAID = "paid", "Paid"
        WAIVED = "waived", "Waived"

    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fees",
    )
    loan = models.ForeignKey(
        Loan, on_delete=models.SET_NULL, null=True, blank=True, related_name="fees"
    )
    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="fees"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    waive_reason = models.CharField(max_length=300, blank=True)
    patron_category = models.CharField(max_length=20, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_amount_positive"),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="fee_closed_iff_not_open",
            ),
        ]
        indexes = [
            models.Index(
                fields=["patron"], condition=Q(status="open"), name="fee_open_by_patron_idx"
            ),
            # The nightly expunge reads the fees that closed a period ago,
            # and the loans whose fee did (they may no longer be kept), by
            # ranges of this index.
            models.Index(fields=["closed_at"], name="fee_closed_idx"),
            # Fees charged since a moment, per branch (patronnotices).
            models.Index(
                fields=["branch", "created_at"],
                condition=Q(status="open"),
                name="fee_open_by_branch_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Fee #{self.pk}"
