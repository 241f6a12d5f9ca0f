"""Concerns and complaints, reconsideration of materials, comment cards, incidents.

Seed 003 sets the path of a concern: resolved at the lowest level, then the
Director or the Director's designee, then the formal Complaints Policy. Seed
004 adds the request for reconsideration of an item and comment cards; seed
001 adds unattended children and safety.

Every `__str__` here is opaque (a number), because it reaches logs, admin
history and error pages; the records themselves are confidential.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.files import StoredFile, stored_file_path


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    EMAIL = "email", "E-mail"
    WRITTEN = "written", "Written"


class ComplaintSettings(models.Model):
    """Targets and rules of the Complaints and Reconsideration policies, per library system.

    Counted in the branch's business days (organisation.calendar).
    """

    class Eligibility(models.TextChoices):
        CARDHOLDER = "cardholder", "Cardholders only"
        RESIDENT = "resident", "Residents of the service area (or cardholders)"

    system = models.OneToOneField(
        "libraryservice.LibrarySystem", on_delete=models.CASCADE, related_name="complaint_settings"
    )
    first_response_days = models.PositiveSmallIntegerField(
        default=1, help_text="Acknowledge an escalated complaint within this many business days."
    )
    update_days = models.PositiveSmallIntegerField(
        default=5, help_text="Tell the patron how it is going at least this often (business days)."
    )
    resolution_days = models.PositiveSmallIntegerField(
        default=15, help_text="Decide an escalated complaint within this many business days."
    )
    appeal_days = models.PositiveSmallIntegerField(
        default=10, help_text="Business days a patron has to appeal a decision to the Board."
    )
    reminder_hours = models.PositiveSmallIntegerField(
        default=4, help_text="Remind the assignee this many business hours before a clock runs out."
    )
    reconsideration_eligibility = models.CharField(
        max_length=12, choices=Eligibility.choices, default=Eligibility.CARDHOLDER
    )
    reconsideration_identity_confidential = models.BooleanField(
        default=True,
        help_text="Keep the requester's identity confidential (state laws differ; ask counsel).",
    )
    reconsideration_decision_days = models.PositiveSmallIntegerField(
        default=30, help_text="Business days to a written decision on a reconsideration request."
    )
    reconsideration_appeal_days = models.PositiveSmallIntegerField(
        default=10, help_text="Business days to appeal a reconsideration decision to the Board."
    )
    reconsideration_repeat_days = models.PositiveSmallIntegerField(
        default=365, help_text="No new request for the same item within this many days."
    )

    class Meta:
        verbose_name = "complaint and reconsideration settings"
        verbose_name_plural = "complaint and reconsideration settings"

    def __str__(self) -> str:
        return f"Complaint settings #{self.pk}"


# Named by migration 0001; files are named by the stored-file base now.
attachment_path = stored_file_path


class Complaint(models.Model):
    class Category(models.TextChoices):
        SERVICE = "service", "Service"
        STAFF_CONDUCT = "staff_conduct", "Staff conduct"
        MATERIALS = "materials", "Materials"
        FACILITIES = "facilities", "Facilities"
        POLICY = "policy", "Policy"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open at the desk"
        ESCALATED = "escalated", "In formal review"
        WAITING = "waiting", "Waiting on patron"
        DECIDED = "decided", "Decided"
        APPEALED = "appealed", "Appealed to the Board"
        CLOSED = "closed", "Closed"

    class Decision(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="complaints"
    )
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.IN_PERSON)
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.TextField("what happened")
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    patron_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    staff_involved = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="complaints_about"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="complaints_logged",
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    # Informal resolution at the desk.
    informal_explanation = models.TextField(blank=True)
    alternative_offered = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Escalation and formal review.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints_assigned",
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    first_response_due = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    first_response_reminded_at = models.DateTimeField(null=True, blank=True)
    first_response_breached_at = models.DateTimeField(null=True, blank=True)
    next_update_due = models.DateTimeField(null=True, blank=True)
    next_update_reminded_at = models.DateTimeField(null=True, blank=True)
    next_update_breached_at = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    resolution_reminded_at = models.DateTimeField(null=True, blank=True)
    resolution_breached_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_total = models.DurationField(
        default=datetime.timedelta, help_text="Business time spent waiting on the patron."
    )

    # Decision and appeal.
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    letter_sent_at = models.DateTimeField(null=True, blank=True)
    appeal_due = models.DateTimeField(null=True, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_grounds = models.TextField(blank=True)
    closing_note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("handle_complaint", "Handle this complaint (Director's designee)")]
        indexes = [
            models.Index(fields=["branch", "status"], name="complaint_branch_status_idx"),
            models.Index(fields=["status", "closed_at"], name="complaint_status_closed_idx"),
        ]

    def __str__(self) -> str:
        return f"Complaint #{self.pk}"

    @property
    def reference(self) -> str:
        return f"C-{self.pk:05d}"

    @property
    def in_formal_review(self) -> bool:
        return self.status in (self.Status.ESCALATED, self.Status.WAITING)

    @property
    def is_breached(self) -> bool:
        return bool(
            self.first_response_breached_at
            or self.next_update_breached_at
            or self.resolution_breached_at
        )

    @property
    def next_deadline(self):  # type: ignore[no-untyped-def]
        """The earliest running clock, for sorting work by deadline."""
        if self.status == self.Status.ESCALATED:
            dues = [
                self.first_response_due if self.first_response_at is None else None,
                self.next_update_due,
                self.resolution_due,
            ]
            found = [d for d in dues if d is not None]
            return min(found) if found else None
        if self.status == self.Status.DECIDED:
            return self.appeal_due
        return None


class ComplaintEvent(models.Model):
    """The timeline of a complaint, in words staff can read back."""

    class Kind(models.TextChoices):
        LOGGED = "logged", "Logged"
        RESOLVED = "resolved", "Resolved informally"
        ESCALATED = "escalated", "Escalated"
        REASSIGNED = "reassigned", "Re-assigned"
        UPDATE = "update", "Response or update to the patron"
        PAUSED = "paused", "Waiting on patron"
        RESUMED = "resumed", "Resumed"
        REMINDER = "reminder", "Reminder sent"
        BREACH = "breach", "Deadline missed"
        DECIDED = "decided", "Decided"
        LETTER = "letter", "Decision letter e-mailed"
        APPEALED = "appealed", "Appealed to the Board"
        CLOSED = "closed", "Closed"
        ATTACHMENT = "attachment", "Attachment added"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Complaint event #{self.pk}"


class ComplaintAttachment(StoredFile):
    """A file kept with a complaint, served only through the authorized view."""

    upload_dir = "complaints"
    default_name = "attachment"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")

    def __str__(self) -> str:
        return f"Attachment #{self.pk}"


class ReconsiderationRequest(models.Model):
    """A request for reconsideration of one library item (seed 004).

    The item stays in circulation while it is reviewed: nothing here changes
    the item's status.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        UNDER_REVIEW = "under_review", "Under committee review"
        DECIDED = "decided", "Decided"
        APPEALED = "appealed", "Appealed to the Board"
        CLOSED = "closed", "Closed"

    class Decision(models.TextChoices):
        RETAIN = "retain", "Retain in the collection as it is"
        RELOCATE = "relocate", "Move to another part of the collection"
        WITHDRAW = "withdraw", "Withdraw from the collection"

    class Basis(models.TextChoices):
        CARDHOLDER = "cardholder", "Cardholder"
        RESIDENT = "resident", "Resident of the service area"

    item = models.ForeignKey(
        "circulation.Item", on_delete=models.PROTECT, related_name="reconsideration_requests"
    )
    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="reconsideration_requests"
    )
    requester_name = models.CharField(max_length=200)
    requester_patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reconsideration_requests",
    )
    requester_email = models.EmailField(blank=True)
    requester_address = models.CharField(max_length=300, blank=True)
    eligibility_basis = models.CharField(max_length=12, choices=Basis.choices)
    identity_confidential = models.BooleanField(default=True)
    requester_read_in_full = models.BooleanField(
        default=False, help_text="The requester says they read, viewed or listened to all of it."
    )
    objection = models.TextField(help_text="What the requester objects to, in their words.")
    requested_action = models.TextField(blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.RECEIVED)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decision_due = models.DateTimeField()
    decision_reminded_at = models.DateTimeField(null=True, blank=True)
    decision_breached_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    appeal_due = models.DateTimeField(null=True, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_grounds = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decision_due"]
        indexes = [
            models.Index(fields=["item", "received_at"], name="recon_item_received_idx"),
        ]

    def __str__(self) -> str:
        return f"Reconsideration request #{self.pk}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk:05d}"

    @property
    def is_breached(self) -> bool:
        return self.decision_breached_at is not None


class CommitteeMember(models.Model):
    request = models.ForeignKey(
        ReconsiderationRequest, on_delete=models.CASCADE, related_name="committee"
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    read_in_full = models.BooleanField(
        "read, viewed or listened to in full",
        default=False,
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "name"], name="committee_member_unique"),
        ]

    def __str__(self) -> str:
        return f"Committee member #{self.pk}"


class CommentCard(models.Model):
    class Theme(models.TextChoices):
        COLLECTION = "collection", "Collection"
        SERVICE = "service", "Service and staff"
        FACILITIES = "facilities", "Building and facilities"
        PROGRAMS = "programs", "Programs and events"
        TECHNOLOGY = "technology", "Computers and technology"
        HOURS = "hours", "Opening hours"
        PRAISE = "praise", "Praise"
        OTHER = "other", "Other"

    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="comment_cards"
    )
    received_on = models.DateField(default=timezone.localdate)
    theme = models.CharField(max_length=12, choices=Theme.choices)
    text = models.TextField()
    anonymous = models.BooleanField(default=True)
    name = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | (models.Q(name="") & models.Q(contact="")),
                name="comment_card_anonymous_has_no_name",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment card #{self.pk}"


class Incident(models.Model):
    """An incident under the Patron Code of Conduct (seeds 001, 003)."""

    class Type(models.TextChoices):
        UNATTENDED_CHILD = "unattended_child", "Unattended child (eight or under)"
        SAFETY = "safety", "Safety"
        DISRUPTIVE = "disruptive", "Disruptive behaviour"
        MEDICAL = "medical", "Medical"
        OTHER = "other", "Other"

    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="incidents"
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    location = models.CharField(max_length=120, blank=True)
    description = models.TextField()
    action_taken = models.TextField(blank=True)
    called_911 = models.BooleanField("911 called", default=False)
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    supervisor_notified_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"Incident #{self.pk}"
