"""Legal requests: law-enforcement and court requests for library records
(DESIGN section 8), the Director's case type on the shared case workflow.

Seeds 000 and 003: records are released only on a valid court order or
subpoena presented to the Library Director or the Director's
representatives. Every `__str__` is opaque (a number): a request's
existence is itself confidential, and `__str__` reaches logs and errors.

No model here is registered with django-auditlog: the audit trail of a
request is its own timeline (LegalEvent), which only the Director and the
request's designees can read, so a non-disclosure order hides it too.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cases.files import StoredFile, stored_file_path
from organisation import clock
from privacy.vocabulary import Instrument

# Named by migration 0001; files are named by the stored-file base now.
document_path = stored_file_path


class LegalRequest(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        WITH_COUNSEL = "with_counsel", "With counsel"
        SCOPE_SET = "scope_set", "Scope set"
        PRODUCED = "produced", "Produced"
        REFUSED = "refused", "Refused"
        CLOSED = "closed", "Closed"

    OPEN_STATUSES = (Status.RECEIVED, Status.WITH_COUNSEL, Status.SCOPE_SET, Status.PRODUCED)

    branch = models.ForeignKey(
        "libraryservice.Branch", on_delete=models.PROTECT, related_name="legal_requests"
    )
    jurisdiction_code = models.CharField(max_length=10)
    referral = models.OneToOneField(
        "privacy.DisclosureLog",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_request",
        help_text="The desk's law-enforcement check that opened the request.",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now)

    # What the officer showed at the desk.
    officer_name = models.CharField(max_length=200)
    officer_badge = models.CharField("badge or ID number", max_length=60)
    agency = models.CharField(max_length=200)
    officer_contact = models.CharField(max_length=200)
    instrument = models.CharField(max_length=20, choices=Instrument.choices)
    issuing_court = models.CharField(max_length=200, blank=True)
    instrument_reference = models.CharField("docket or warrant number", max_length=100, blank=True)
    return_date = models.DateField(
        null=True, blank=True, help_text="The date the subpoena or order names for production."
    )

    status = models.CharField(max_length=14, choices=Status.choices, default=Status.RECEIVED)
    counsel_notes = models.TextField(blank=True)
    # Director's review due on the business calendar (cases.clocks).
    review_due = models.DateTimeField(null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)
    review_breached_at = models.DateTimeField(null=True, blank=True)

    # Scope: patrons (LegalRequestPatron), record types, a date range.
    scope_record_types = models.JSONField(default=list, blank=True)
    scope_starts_on = models.DateField(null=True, blank=True)
    scope_ends_on = models.DateField(null=True, blank=True)

    # Search warrant: executed at once, with its checklist.
    counsel_called = models.BooleanField(default=False)
    staff_present = models.CharField(max_length=300, blank=True)
    scope_as_listed = models.BooleanField(default=False)
    executed_at = models.DateTimeField(null=True, blank=True)

    # Non-disclosure order: hides the request's traces and suppresses the
    # patron notice until it lapses (an end date) or is lifted.
    nondisclosure = models.BooleanField(default=False)
    nondisclosure_until = models.DateField(null=True, blank=True)
    nondisclosure_lifted_at = models.DateTimeField(null=True, blank=True)

    refusal_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        permissions = [("handle_legal_request", "Handle this legal request as a designee")]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope_starts_on__isnull=True)
                | Q(scope_ends_on__isnull=True)
                | Q(scope_ends_on__gte=models.F("scope_starts_on")),
                name="legal_scope_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status", "received_at"], name="legal_status_idx")]

    def __str__(self) -> str:
        return f"Legal request #{self.pk}"

    @property
    def reference(self) -> str:
        return f"L-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def nondisclosure_active(self, on: datetime.date | None = None) -> bool:
        """Whether a non-disclosure order is in force on the day."""
        if not self.nondisclosure or self.nondisclosure_lifted_at is not None:
            return False
        day = on or clock.server_day()
        return self.nondisclosure_until is None or day <= self.nondisclosure_until


class LegalRequestPatron(models.Model):
    """A patron the request names (the scope's patrons)."""

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="scope")
    patron = models.ForeignKey(
        "patrons.Patron", on_delete=models.PROTECT, related_name="legal_scopes"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "patron"], name="legal_patron_once"),
        ]

    def __str__(self) -> str:
        return f"Legal request patron #{self.pk}"


class LegalRequestHold(models.Model):
    """A preservation hold (retention.LegalHold) the request placed."""

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="holds")
    hold = models.OneToOneField(
        "retention.LegalHold", on_delete=models.PROTECT, related_name="legal_request_link"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Legal request hold #{self.pk}"


class LegalEvent(models.Model):
    """One step of a request's timeline: every step is an event here."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received at the desk"
        REFUSED = "refused", "Refused"
        DESIGNEE = "designee", "Designee named"
        DESIGNEE_REMOVED = "designee_removed", "Designee removed"
        COUNSEL = "counsel", "Counsel notes"
        SCOPE = "scope", "Scope set"
        HOLD_PLACED = "hold_placed", "Legal hold placed"
        HOLD_RELEASED = "hold_released", "Legal hold released"
        DOCUMENT = "document", "Document attached"
        WARRANT = "warrant", "Search warrant executed"
        SEIZED = "seized", "Item taken under warrant"
        NONDISCLOSURE = "nondisclosure", "Non-disclosure order"
        PRODUCTION = "production", "Production built"
        HANDED_OVER = "handed_over", "Production handed over"
        NOTICE = "notice", "Patron notice"
        REMINDER = "reminder", "Reminder"
        BREACH = "breach", "Deadline missed"
        CLOSED = "closed", "Closed"

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Legal event #{self.pk}"


class LegalDocument(StoredFile):
    """A scan kept with a request (the instrument, a signed emergency
    acknowledgement), served only through the authorized view."""

    upload_dir = "legal/documents"

    class Kind(models.TextChoices):
        INSTRUMENT = "instrument", "The instrument as shown"
        ACKNOWLEDGEMENT = "acknowledgement", "Signed emergency acknowledgement"
        OTHER = "other", "Other document"

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    def __str__(self) -> str:
        return f"Legal document #{self.pk}"


class SeizedItem(models.Model):
    """An item taken under a search warrant: marked missing, the warrant's
    reference kept here (not on the item, which every desk sees)."""

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="seized")
    item = models.ForeignKey("circulation.Item", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "item"], name="legal_seized_once"),
        ]

    def __str__(self) -> str:
        return f"Seized item #{self.pk}"


class Production(models.Model):
    """One build of the scoped records as a file set.

    Published atomically: the files are written under a fresh prefix while
    `status` is BUILDING, and one UPDATE sets the prefix, the manifest and
    READY together. A build that dies leaves a BUILDING row whose files
    nothing serves; building again writes a new prefix and completes it.
    """

    class Status(models.TextChoices):
        BUILDING = "building", "Being built"
        READY = "ready", "Ready to hand over"

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="productions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    # The scope it was built from, canonical JSON: the same scope gives the
    # same files, byte for byte.
    scope = models.JSONField(default=dict)
    scope_digest = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    built_at = models.DateTimeField(null=True, blank=True)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handed_to = models.CharField(max_length=300, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Production #{self.pk}"


class ProductionFile(models.Model):
    """One file of a published production: a CSV, the cover letter or the
    manifest."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=100)
    file = models.FileField(max_length=200)
    rows = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="legal_file_once"),
        ]

    def __str__(self) -> str:
        return f"Production file #{self.pk}"


class PatronNotice(models.Model):
    """The letter telling a patron of a legal request, where the
    jurisdiction requires it; deferred while a non-disclosure order is in
    force."""

    class State(models.TextChoices):
        DEFERRED = "deferred", "Deferred: non-disclosure order"
        QUEUED = "queued", "Queued"
        SENT = "sent", "E-mailed"
        TO_PRINT = "to_print", "No e-mail: print and post"

    request = models.ForeignKey(LegalRequest, on_delete=models.CASCADE, related_name="notices")
    patron = models.ForeignKey("patrons.Patron", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "patron"], name="legal_notice_once"),
        ]

    def __str__(self) -> str:
        return f"Patron notice #{self.pk}"
