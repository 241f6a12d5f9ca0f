"""The desk's own records (DESIGN section 8, "Desk work"): inquiries and
one-key tallies, callbacks, the waiting list, and the per-branch lists
they choose from (inquiry types, referral targets).

Every row carries its branch; an inquiry also carries the branch-local
day, hour and weekday it was recorded at, written once by the service, so
that reports group plain columns instead of converting time zones over
millions of rows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from organisation.models import Branch, ServiceDesk

READ_LEVELS = (1, 2, 3, 4, 5, 6)
# Gerlich and Berard's READ scale, with an example per level, shown on the
# form so that every desk rates alike.
READ_EXAMPLES = {
    1: "Directions, supplies, the time: no special knowledge.",
    2: "A known item or a quick catalogue look-up; basic printer help.",
    3: "Some searching in one or two sources; setting up an e-reader.",
    4: "Several sources, some judgement; a database search with the patron.",
    5: "Substantial research, more time, subject knowledge.",
    6: "In-depth research by a specialist; may take days and follow-up.",
}
MAX_MINUTES = 480
MAX_TEXT = 4000


def _text_at_most(field: str, name: str) -> models.CheckConstraint:
    """The database's own bound on a free-text field: what the forms and
    services refuse cannot arrive by another way (a script, the shell)."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), MAX_TEXT), name=name)


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    EMAIL = "email", "E-mail"
    WRITTEN = "written", "Written"
    CHAT = "chat", "Chat"


class BranchList(models.Model):
    """An administrator-editable list entry, for one branch or (no branch)
    for every branch of the system."""

    branch = models.ForeignKey(
        Branch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Leave empty to offer it at every branch.",
    )
    label = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=100, help_text="Lower comes first.")
    active = models.BooleanField(default=True, help_text="Untick to stop offering it.")

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label if self.branch_id is None else f"{self.label} ({self.branch})"


class InquiryType(BranchList):
    """Directional, ready reference, research ... A type with a tally key is
    also a one-key tally button on the desk (Directions, Printer, ...)."""

    branch = models.ForeignKey(
        Branch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inquiry_types",
        help_text="Leave empty to offer it at every branch.",
    )
    tally_key = models.CharField(
        max_length=1,
        blank=True,
        validators=[RegexValidator(r"^[1-9]?$", "A tally key is one digit from 1 to 9.")],
        help_text="A digit (1-9): this type becomes a tally button on the desk, "
        "counted with Alt+Shift+that digit.",
    )

    class Meta(BranchList.Meta):
        constraints = [
            models.UniqueConstraint(fields=["branch", "label"], name="inquirytype_unique_label"),
        ]


class ReferralTarget(BranchList):
    """Where a question can be sent on: another desk, a branch, an agency."""

    branch = models.ForeignKey(
        Branch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="referral_targets",
        help_text="Leave empty to offer it at every branch.",
    )

    class Meta(BranchList.Meta):
        constraints = [
            models.UniqueConstraint(fields=["branch", "label"], name="referral_unique_label"),
        ]


class Inquiry(models.Model):
    """One question answered at the desk, or one tally (`is_tally`: a quick
    question counted with a key, no details).

    The question and answer text are confidential (seed 002) and erased
    after the retention period; the row and its counts stay. `patron` is
    set only when a follow-up needs it."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(
        ServiceDesk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    local_day = models.DateField()
    local_hour = models.PositiveSmallIntegerField()
    weekday = models.PositiveSmallIntegerField(help_text="Monday is 0.")
    is_tally = models.BooleanField(default=False)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    inquiry_type = models.ForeignKey(
        InquiryType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    read_level = models.PositiveSmallIntegerField(null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(default=0)
    referred_to = models.ForeignKey(
        ReferralTarget, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    question = models.TextField(blank=True, max_length=MAX_TEXT)
    answer = models.TextField(blank=True, max_length=MAX_TEXT)
    patron_category = models.CharField(max_length=20, blank=True)
    patron = models.ForeignKey(
        "patrons.Patron", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name_plural = "inquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(read_level__isnull=True) | Q(read_level__gte=1, read_level__lte=6),
                name="inquiry_read_level_1_to_6",
            ),
            models.CheckConstraint(
                condition=Q(minutes__lte=MAX_MINUTES), name="inquiry_minutes_at_most_8h"
            ),
            _text_at_most("question", "inquiry_question_bounded"),
            _text_at_most("answer", "inquiry_answer_bounded"),
        ]
        indexes = [
            # Reports: the live part (the last days' rows) and the nightly
            # rollup read a day range of one branch's rows.
            models.Index(fields=["local_day", "branch"], name="inquiry_day_branch_idx"),
            models.Index(fields=["branch", "-recorded_at"], name="inquiry_branch_recent_idx"),
            # The Director's list: the latest of every branch (at 3M rows,
            # without it, a sort of the whole table: 2 s).
            models.Index(fields=["-recorded_at", "-id"], name="inquiry_recent_idx"),
            models.Index(
                fields=["patron"], name="inquiry_patron_idx", condition=Q(patron__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        kind = "Tally" if self.is_tally else "Inquiry"
        return f"{kind} #{self.pk} at {self.branch_id}"

    @property
    def has_text(self) -> bool:
        return bool(self.question or self.answer)


class Callback(models.Model):
    """A promise to call (or write to) someone back. Its contact details are
    erased some days after it is done (retention: `callbacks`)."""

    class Status(models.TextChoices):
        OPEN = "open", "To call"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    FINISHED = (Status.DONE, Status.CANCELLED)

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(
        ServiceDesk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.PHONE)
    name = models.CharField(max_length=100)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    about = models.TextField(blank=True, max_length=MAX_TEXT)
    promised_at = models.DateTimeField()
    # The same-business-day target (seed 001) at the time it was taken.
    target_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["promised_at", "id"]
        constraints = [_text_at_most("about", "callback_about_bounded")]
        indexes = [
            models.Index(
                fields=["branch", "promised_at"],
                name="callback_open_idx",
                condition=Q(status="open"),
            ),
            models.Index(fields=["branch", "created_at"], name="callback_branch_created_idx"),
        ]

    def __str__(self) -> str:
        return f"Callback #{self.pk}"

    @property
    def done_on_time(self) -> bool:
        return self.done_at is not None and self.done_at <= self.promised_at


class WaitingEntry(models.Model):
    """Someone waiting at the desk, by first name or ticket number only.
    In-person patrons come before phone callers (seed 004). The name is
    forgotten when the branch's day ends (`forget_after`)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        CALLED = "called", "Called"
        LEFT = "left", "Left"

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(
        ServiceDesk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=40, help_text="First name or ticket number only.")
    reason = models.CharField(max_length=100, blank=True)
    in_person = models.BooleanField(default=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    forget_after = models.DateTimeField()
    name_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-in_person", "added_at", "id"]
        verbose_name_plural = "waiting list entries"
        indexes = [
            models.Index(
                fields=["branch", "added_at"],
                name="waiting_now_idx",
                condition=Q(status="waiting"),
            ),
        ]

    def __str__(self) -> str:
        return f"Waiting #{self.pk}"


class DailyCount(models.Model):
    """Counts of inquiries and tallies per branch-local day, branch and one
    dimension's value (hour, desk, channel, type, READ level, tally), so
    that reports over years read thousands of rows, not millions. Written
    only by desk.statistics.rollup for days that are over; counts, never text."""

    day = models.DateField()
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=10)
    # The dimension's value as text ("" for none: no desk, no type...).
    value = models.CharField(max_length=20, blank=True)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "day", "branch", "value"], name="dailycount_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.branch_id} {self.dimension}={self.value}: {self.n}"


class RollupState(models.Model):
    """One row: every day up to `through` is counted in DailyCount."""

    through = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Rolled up through {self.through}"
