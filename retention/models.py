"""Retention rules, legal holds and the record of each expunge run.

No model here stores patron data other than the legal hold's patron link,
which is what a preservation order is about; runs store counts only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from retention.registry import (
    default_rule,
    record_type_choices,
    record_type_label,
    supported_actions,
)
from retention.vocabulary import ANY_JURISDICTION, Action

jurisdiction_or_any_validator = RegexValidator(
    r"^(\*|[A-Z]{2}(-[A-Z0-9]{1,3})?)$",
    "Use a jurisdiction code such as US-NY or CA-ON, or * for every other jurisdiction.",
)


ZERO_DAYS = (
    "0 days would erase {what} at the next nightly run, as soon as each record is "
    "finished, leaving nothing to review or report. Keep at least 1 day."
)


class RetentionRule(models.Model):
    """How long one record type is kept in one jurisdiction, and what then.

    The row with jurisdiction "*" applies to every jurisdiction without a
    row of its own.
    """

    jurisdiction_code = models.CharField(
        max_length=10,
        default=ANY_JURISDICTION,
        validators=[jurisdiction_or_any_validator],
        help_text="A branch jurisdiction such as US-NY, or * for all others.",
    )
    # Known record types: the vocabulary's and those handlers declare.
    record_type = models.CharField(max_length=30, choices=record_type_choices)
    period_days = models.PositiveIntegerField(
        help_text="Days after the record is finished (returned, closed, paid...) "
        "before it is expunged."
    )
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.ANONYMIZE)
    keep_birth_year = models.BooleanField(
        default=False,
        help_text="Keep the patron's birth year in the de-identified statistics "
        "(only where the jurisdiction's law allows it).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["record_type", "jurisdiction_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction_code", "record_type"],
                name="retention_rule_one_per_jurisdiction_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()} ({self.jurisdiction_code})"

    def clean(self) -> None:
        allowed = supported_actions(self.record_type)
        if self.action not in allowed:
            raise ValidationError(
                {"action": f"{self.get_record_type_display()} can only be: {', '.join(allowed)}."}
            )
        if self.period_days == 0 and default_rule(self.record_type).period_days > 0:
            raise ValidationError(
                {"period_days": ZERO_DAYS.format(what=record_type_label(self.record_type))}
            )


class LegalHoldQuerySet(models.QuerySet["LegalHold"]):
    def active(self) -> LegalHoldQuerySet:
        return self.filter(released_at__isnull=True)


class LegalHold(models.Model):
    """A preservation hold: retention leaves the covered records untouched.

    Other features (legal requests, complaints) create these through
    retention.services.legal_hold_place. `record_types` is a list of
    record types (retention.registry.record_types); an empty list covers
    every record type. The optional
    date range covers records whose activity overlaps it.
    """

    patron = models.ForeignKey(
        "patrons.Patron", on_delete=models.PROTECT, related_name="legal_holds"
    )
    record_types = models.JSONField(
        default=list,
        blank=True,
        help_text="Record types covered; empty means every record type.",
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="legal_hold_range_ordered",
            ),
        ]
        indexes = [
            models.Index(
                fields=["patron"],
                condition=Q(released_at__isnull=True),
                name="legal_hold_active_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Legal hold #{self.pk}"

    def covers(self, record_type: str, day: datetime.date | None = None) -> bool:
        if self.released_at is not None:
            return False
        if self.record_types and record_type not in self.record_types:
            return False
        if day is None:
            return True
        return (self.starts_on is None or day >= self.starts_on) and (
            self.ends_on is None or day <= self.ends_on
        )


class ExpungeRun(models.Model):
    """One run of the retention job: when, how long, what it did. Counts only."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Scheduled job"
        COMMAND = "command", "Management command"
        SERVICE = "service", "Direct call"

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    as_of = models.DateField()
    dry_run = models.BooleanField(default=False)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SERVICE)
    counts = models.JSONField(
        default=dict,
        blank=True,
        help_text="Per record type: expunged, and kept per reason.",
    )
    errors = models.JSONField(default=list, blank=True)
    # A run split across workers (RETENTION_WORKERS): how many shares, and
    # how many are done. The last worker to finish counts what is kept and
    # closes the run.
    shares = models.PositiveSmallIntegerField(default=1)
    shares_done = models.PositiveSmallIntegerField(default=0)
    # A split run's plan, made when it is opened: per record type and rule
    # group, the keyset values that cut the due rows into the shares' ranges.
    plan = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # A full pass reads every row still holding patron data; a nightly
    # (incremental) pass reads only the keyset range that became due since
    # the last complete run and the rows whose reason to be kept ended
    # since (see docs/retention-incremental.md). `pass_reason` says why a
    # run was full.
    full_pass = models.BooleanField(default=True)
    pass_reason = models.CharField(max_length=40, blank=True)
    # The retention rules and branch jurisdictions the run applied, hashed:
    # a nightly pass continues only a run made under the same rules.
    rules_fingerprint = models.CharField(max_length=64, blank=True)
    # Per record type and rule group: the keyset bound below which every row
    # due at this run was expunged or kept for a reason (ISO timestamps).
    # The next nightly pass starts there.
    bounds = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # The legal holds that existed at the run ({"upto": highest id,
    # "digest": of their patrons, scopes and dates}): one edited or deleted
    # since makes the next run a full pass (a release is read by the
    # nightly pass itself).
    legal_holds_seen = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"Expunge run #{self.pk}"

    @property
    def duration(self) -> datetime.timedelta | None:
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at

    @property
    def state(self) -> str:
        if self.finished_at is None:
            return "running or interrupted"
        return "finished with errors" if self.errors else "finished"


class PendingFileDeletion(models.Model):
    """A stored file whose record retention expunged, still to delete from
    storage.

    The expunging transaction writes the row together with deleting the
    record; the file goes once that has committed (a file deleted before a
    rollback could not come back). If the job dies in between, the next run
    deletes what is left here. `source` names the file field
    ("app_label.Model.field"), whose storage holds `name`.
    """

    source = models.CharField(max_length=100)
    name = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Pending file deletion #{self.pk}"
