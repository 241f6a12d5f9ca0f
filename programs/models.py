"""Library programs (story times, classes, clubs), their rooms and sign-ups.

Who signed up and who attended is the confidential record type
`program_attendance` (seed 000: "attendance records for Library-sponsored
programs"): disclosed only under the jurisdiction's rules, erased 30 days
after the program by the retention job (programs/retention.py), while the
counts (status, attendance, age band, category) stay.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from programs.agebands import AgeBand


class Room(models.Model):
    """A room programs are held in. Configured by administrators."""

    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.CASCADE, related_name="rooms"
    )
    label = models.CharField("room", max_length=100)
    seats = models.PositiveIntegerField(
        null=True, blank=True, help_text="Fire-code capacity, if any: programs may not exceed it."
    )

    class Meta:
        ordering = ["branch", "label"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "label"], name="room_unique_label"),
        ]

    def __str__(self) -> str:
        return f"{self.branch.name}: {self.label}"


class Program(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="programs"
    )
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="programs"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    walk_ins = models.PositiveIntegerField(
        default=0, help_text="Head count of people who came without signing up."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["branch", "starts_at"], name="program_branch_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="program_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="program_capacity_positive"),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=F("age_min")),
                name="program_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgramSignup(models.Model):
    """One person's place (or place in the waitlist) at a program.

    By card (`patron`, `card`) or by name and phone for someone without a
    card (`guest_name`, `guest_phone`). Attendance is `attended_at`; a
    person who came without signing up and was scanned at the door gets a
    sign-up made at the door (`at_door`).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Has a place"
        WAITLISTED = "waitlisted", "On the waitlist"
        CANCELLED = "cancelled", "Cancelled"

    ACTIVE_STATUSES = (Status.CONFIRMED, Status.WAITLISTED)

    class Via(models.TextChoices):
        SCAN = "scan", "Card scanned"
        TICK = "tick", "Ticked on the list"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="signups")
    # The program's branch, copied: the retention rule is the branch's.
    branch = models.ForeignKey("libraryservice.Branch", on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="program_signups",
    )
    card = models.ForeignKey(
        "patrons.Card", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guest_name = models.CharField(max_length=200, blank=True)
    guest_phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    at_door = models.BooleanField(default=False)
    attended_at = models.DateTimeField(null=True, blank=True)
    attendance_via = models.CharField(max_length=8, choices=Via.choices, blank=True)
    # What the counts keep once the person is erased.
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    patron_category = models.CharField(max_length=20, blank=True)
    # Moved up from the waitlist; the desk calls them (and says so).
    promoted_at = models.DateTimeField(null=True, blank=True)
    called_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["program", "status"], name="signup_program_status_idx"),
            models.Index(
                fields=["patron"], name="signup_patron_idx", condition=Q(patron__isnull=False)
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "patron"],
                condition=Q(patron__isnull=False, status__in=["confirmed", "waitlisted"]),
                name="signup_one_active_per_patron",
            ),
            models.CheckConstraint(
                condition=Q(patron__isnull=False)
                | ~Q(guest_name="")
                | Q(anonymized_at__isnull=False),
                name="signup_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"Sign-up #{self.pk}"

    @property
    def display_name(self) -> str:
        if self.patron_id:
            return self.patron.full_name  # type: ignore[union-attr]
        return self.guest_name
