"""Notices to staff: one row per recipient, read in the app and, where the
recipient has an address, also sent by e-mail.

A notice carries no patron data: a subject, a short body that names records
by their reference, and a link inside the application. Whoever follows the
link is authorized again by the page it opens.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notice(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", "Assigned to you"
        REMINDER = "reminder", "Deadline reminder"
        INCIDENT = "incident", "Incident at your branch"
        STAFF_ACCESS = "staff_access", "Staff access to patron data"
        SECOND_FACTOR = "second_factor", "Second factor reset"
        OTHER = "other", "Notice"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True, help_text="A path inside the app.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_to = models.EmailField(blank=True, help_text="The address it was sent to, if any.")
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return f"Notice {self.pk}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
