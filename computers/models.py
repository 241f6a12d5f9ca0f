"""Public computers: stations, the rules administrators set, guest passes,
sessions and the queue.

Who used which station when is the confidential record type
`computer_use` (seed 000: "records of computer use"): the patron link of a
session is erased one day after it ends (computers/retention.py), the
counts (station, branch, minutes, age band, category) stay. Following
Seattle Public Library's published practice, booking information is purged
daily.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from programs.agebands import AgeBand


class ComputerSettings(models.Model):
    """The library system's public-computer rules (one row per system)."""

    system = models.OneToOneField(
        "libraryservice.LibrarySystem", on_delete=models.CASCADE, related_name="computer_settings"
    )
    daily_allowance_minutes = models.PositiveSmallIntegerField(
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="Minutes a card may use per day, across every branch of the system.",
    )
    session_minutes = models.PositiveSmallIntegerField(
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="Length of one session on an adult or children's station.",
    )
    express_session_minutes = models.PositiveSmallIntegerField(
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="Length of one session on an express station.",
    )
    warning_minutes = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text="The station warns the patron this many minutes before the end.",
    )
    grace_minutes = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How long a station waits for the next person in the queue before "
        "offering it to the one after (no-shows).",
    )
    extension_minutes = models.PositiveSmallIntegerField(
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text="Minutes staff add when they extend a session.",
    )
    guest_pass_minutes = models.PositiveSmallIntegerField(
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="Daily allowance of a guest pass (visitors without a card).",
    )
    adult_guest_needs_photo_id = models.BooleanField(
        default=True, help_text="An adult's guest pass is issued only after a photo ID check."
    )
    minor_guest_passes = models.BooleanField(
        "guest passes for minors",
        default=True,
        help_text="Whether minors without a card may get a guest pass (children's "
        "stations only). If not, a parent or guardian can register the child for a card.",
    )

    class Meta:
        verbose_name = "public-computer rules"
        verbose_name_plural = "public-computer rules"

    def __str__(self) -> str:
        return f"Public-computer rules of {self.system}"


class Station(models.Model):
    """A public computer. The reservation client on it authenticates with
    the station's token (only its SHA-256 is stored)."""

    class Kind(models.TextChoices):
        ADULT = "adult", "Adult"
        CHILDREN = "children", "Children's"
        EXPRESS = "express", "Express"

    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.CASCADE, related_name="stations"
    )
    label = models.CharField("station", max_length=60)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ADULT)
    out_of_order = models.BooleanField(default=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    token_issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the station's client used up its budget of refused cards
    # (computers/api.py): it may start no session until then.
    paused_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["branch", "label"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "label"], name="station_unique_label"),
            models.UniqueConstraint(
                fields=["token_hash"], condition=~Q(token_hash=""), name="station_token_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.branch.name}: {self.label}"


class StationRefusal(models.Model):
    """A card or guest pass a station's client sent and was refused: the
    station's budget of refusals is counted from these rows. Holds no
    barcode, code or patron: only when it happened."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["station", "at"], name="station_refusal_at_idx")]

    def __str__(self) -> str:
        return f"Refusal at {self.station_id}, {self.at:%Y-%m-%d %H:%M}"


class GuestPass(models.Model):
    """A day's pass for a visitor without a library card. Holds no name: a
    code, the age group and whether a photo ID was checked."""

    class AgeGroup(models.TextChoices):
        ADULT = "adult", "Adult"
        MINOR = "minor", "Minor (under 18)"

    branch = models.ForeignKey("libraryservice.Branch", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=12, unique=True)
    age_group = models.CharField(max_length=6, choices=AgeGroup.choices)
    photo_id_checked = models.BooleanField(default=False)
    valid_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Guest pass {self.code}"


class ComputerSession(models.Model):
    class EndReason(models.TextChoices):
        PATRON = "patron", "Ended at the station"
        STAFF = "staff", "Ended by staff"
        TIME_UP = "time_up", "Time was up"

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="sessions")
    branch = models.ForeignKey("libraryservice.Branch", on_delete=models.PROTECT, related_name="+")
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="computer_sessions",
    )
    card = models.ForeignKey(
        "patrons.Card", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guest_pass = models.ForeignKey(
        GuestPass, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    # The local day at the branch: the daily allowance counts by it.
    day = models.DateField()
    started_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True)
    extended_minutes = models.PositiveSmallIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    patron_category = models.CharField(max_length=20, blank=True)
    is_guest = models.BooleanField(default=False)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(
                fields=["patron", "day"],
                name="session_patron_day_idx",
                condition=Q(patron__isnull=False),
            ),
            models.Index(
                fields=["station"],
                name="session_station_open_idx",
                condition=Q(ended_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["station"],
                condition=Q(ended_at__isnull=True),
                name="session_one_open_per_station",
            ),
            models.UniqueConstraint(
                fields=["patron"],
                condition=Q(ended_at__isnull=True, patron__isnull=False),
                name="session_one_open_per_patron",
            ),
            models.UniqueConstraint(
                fields=["guest_pass"],
                condition=Q(ended_at__isnull=True, guest_pass__isnull=False),
                name="session_one_open_per_guest_pass",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("started_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Session #{self.pk}"

    def minutes_counted(self, now: datetime.datetime) -> int:
        """Minutes this session takes from the day's allowance: what it used
        if it ended, its whole allotment while it runs."""
        end = self.ended_at or self.ends_at
        return max(0, int((end - self.started_at).total_seconds() + 59) // 60)


class QueueEntry(models.Model):
    """A person waiting for a station at a branch, by ticket number.

    When a station frees up it is offered to the first waiting entry for
    the grace period (the station shows it reserved); a no-show loses the
    offer and the next entry gets it.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Station reserved"
        SEATED = "seated", "Seated"
        NO_SHOW = "no_show", "Did not come"
        CANCELLED = "cancelled", "Cancelled"

    OPEN_STATUSES = (Status.WAITING, Status.OFFERED)

    branch = models.ForeignKey("libraryservice.Branch", on_delete=models.CASCADE, related_name="+")
    ticket = models.PositiveIntegerField()
    patron = models.ForeignKey(
        "patrons.Patron", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    card = models.ForeignKey(
        "patrons.Card", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guest_pass = models.ForeignKey(
        GuestPass, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField("station type", max_length=10, choices=Station.Kind.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    offered_station = models.ForeignKey(
        Station, on_delete=models.SET_NULL, null=True, blank=True, related_name="offers"
    )
    offered_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "queue entries"
        constraints = [
            models.UniqueConstraint(
                fields=["offered_station"],
                condition=Q(status="offered"),
                name="queue_one_offer_per_station",
            ),
        ]

    def __str__(self) -> str:
        return f"Ticket {self.ticket}"
