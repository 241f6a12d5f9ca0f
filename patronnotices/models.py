"""Notices to patrons: what the library tells a cardholder (a hold ready,
a loan nearly due or overdue, a card expiring, a fee), how, and when.

`PatronNotice` is both the queue and the log: one row per notice, unique by
its key, so that a notice is queued once however often the beat runs. It
holds no title and no text: the words are rendered when it is sent, from
the library's templates, and the row keeps only the kind, the channel and
when (DESIGN section 7: "every notice sent (channel and kind, no title)").
Rows are expunged under their own retention rule (`patron_notices`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from patronnotices.vocabulary import Channel, Kind

__all__ = ["Channel", "Kind"]


class NoticeSettings(models.Model):
    """When a branch's notices go out. A branch without a row uses the
    defaults of the fields."""

    branch = models.OneToOneField(
        "libraryservice.Branch", on_delete=models.CASCADE, related_name="notice_settings"
    )
    courtesy_days_before = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
        help_text="Days before the due date that the courtesy notice goes out.",
    )
    overdue_first_days = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Days after the due date for the first overdue notice.",
    )
    overdue_second_days = models.PositiveSmallIntegerField(
        default=14,
        validators=[MinValueValidator(2), MaxValueValidator(120)],
        help_text="Days after the due date for the second overdue notice.",
    )
    card_expiry_days_before = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="Days before a card expires that its holder is told.",
    )
    quiet_hours_start = models.TimeField(
        default=datetime.time(21, 0),
        help_text="No text message is sent from this time (the branch's local time)…",
    )
    quiet_hours_end = models.TimeField(
        default=datetime.time(8, 0), help_text="…until this time, the next morning."
    )

    class Meta:
        verbose_name = "notice schedule"
        verbose_name_plural = "notice schedules"
        constraints = [
            models.CheckConstraint(
                condition=Q(overdue_second_days__gt=models.F("overdue_first_days")),
                name="notice_second_overdue_after_first",
            ),
        ]

    def __str__(self) -> str:
        return f"Notice schedule of {self.branch}"


class NoticeTemplate(models.Model):
    """The words of one kind of notice for the library, or one branch's own
    wording of it (which wins for notices of that branch). Texts are Django
    templates over the notice's fields; see docs/notices.md."""

    system = models.ForeignKey(
        "libraryservice.LibrarySystem",
        on_delete=models.CASCADE,
        related_name="notice_templates",
        verbose_name="library",
    )
    branch = models.ForeignKey(
        "libraryservice.Branch",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notice_templates",
        help_text="Leave empty for the wording every branch uses unless it has its own.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=200, help_text="The e-mail's subject line.")
    body = models.TextField(help_text="The e-mail and the printed letter.")
    sms_body = models.CharField(
        "text message",
        max_length=480,
        help_text="The text message: short (one to three messages of 160 characters).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "branch"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kind"],
                condition=Q(branch__isnull=True),
                name="notice_template_one_per_library_kind",
            ),
            models.UniqueConstraint(
                fields=["branch", "kind"],
                condition=Q(branch__isnull=False),
                name="notice_template_one_per_branch_kind",
            ),
        ]

    def __str__(self) -> str:
        where = self.branch.name if self.branch_id else "every branch"  # type: ignore[union-attr]
        return f"{self.get_kind_display()} ({where})"


class NoticePreference(models.Model):
    """How the cardholder wants to hear from the library, set at the desk."""

    patron = models.OneToOneField(
        "patrons.Patron", on_delete=models.CASCADE, related_name="notice_preference"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    include_titles = models.BooleanField(
        "name the titles in notices",
        default=False,
        help_text="The patron asked for titles to be named in their notices.",
    )
    contact_is_shared = models.BooleanField(
        "contact is shared or a guardian's",
        default=False,
        help_text="The e-mail address or phone number on file is a family's, shared, or a "
        "parent's or guardian's, not the cardholder's own.",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Notice preference #{self.pk}"


class PatronNotice(models.Model):
    """One notice: queued by the beat once (unique key), sent once."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        PRINTED = "printed", "In a print batch"
        FAILED = "failed", "Failed"
        WITHHELD = "withheld", "Withheld"

    OPEN_STATUSES = (Status.QUEUED,)

    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Few indexes on purpose: a day's notices are inserted by the hundred
    # thousand, and each index is written for each. The patron's notices
    # come through (patron, queued_at); the links are read from the notice,
    # never the other way (loans, holds, fees and cards are anonymized, not
    # deleted, so no delete has to find their notices).
    patron = models.ForeignKey(
        "patrons.Patron", on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    loan = models.ForeignKey(
        "circulation.Loan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    hold = models.ForeignKey(
        "circulation.Hold",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    fee = models.ForeignKey(
        "circulation.Fee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    card = models.ForeignKey(
        "patrons.Card",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Why a notice was withheld or failed: a code (ERRORS in delivery.py),
    # never a message that could carry an address.
    outcome = models.CharField(max_length=40, blank=True)
    print_batch = models.ForeignKey(
        "PrintBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )

    class Meta:
        ordering = ["-queued_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="queued"),
                name="notice_queued_due_idx",
            ),
            models.Index(fields=["patron", "queued_at"], name="notice_by_patron_idx"),
        ]

    def __str__(self) -> str:
        return f"Notice #{self.pk}"


class PrintBatch(models.Model):
    """Letters for patrons with neither a usable e-mail address nor a phone,
    printed together by the branch."""

    branch = models.ForeignKey("libraryservice.Branch", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    printed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "print batches"

    def __str__(self) -> str:
        return f"Print batch #{self.pk}"


class DeliveryCount(models.Model):
    """How many notices went out or failed, per day, channel and kind:
    counts only, for the administrators, kept after the notices are
    expunged."""

    day = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent = models.PositiveIntegerField(default=0)
    retried = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    withheld = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "channel", "kind"]
        verbose_name = "delivery count"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel", "kind"], name="notice_delivery_count_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.channel} {self.kind}"
