"""Jurisdiction rule sets (DESIGN section 5) and the disclosure log.

A rule set is versioned: each row is one version of one jurisdiction's
rules, in force from `effective_from` until the next version's date. Every
change is audited by django-auditlog. Retention per record type (knob 12)
lives in the retention app.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from organisation.models import jurisdiction_code_validator
from privacy.decision import Rules, RuleText
from privacy.vocabulary import (
    SOURCE_POINTS,
    EmergencyDisclosure,
    Instrument,
    ParentAccess,
    Proof,
    Requester,
    VerificationStatus,
    verification_status,
)


def _empty_list() -> list[str]:
    return []


def _empty_dict() -> dict[str, dict[str, str]]:
    return {}


class JurisdictionRuleSet(models.Model):
    """One version of one jurisdiction's confidentiality rules."""

    jurisdiction_code = models.CharField(
        max_length=10,
        validators=[jurisdiction_code_validator],
        help_text="The code branches use, e.g. US-NY or CA-ON.",
    )
    name = models.CharField(max_length=100, help_text="e.g. New York")
    effective_from = models.DateField(
        default=datetime.date(2000, 1, 1),
        help_text="These rules are in force from this date until a later version's date.",
    )
    age_of_majority = models.PositiveSmallIntegerField(default=18)
    parent_access = models.CharField(
        max_length=10, choices=ParentAccess.choices, default=ParentAccess.NEVER
    )
    parent_access_max_age = models.PositiveSmallIntegerField(
        default=18, help_text="Parent access applies to patrons younger than this."
    )
    allow_max_age_above_majority = models.BooleanField(
        default=False,
        help_text="Tick only if the law really gives parents access past the age of majority.",
    )
    parent_access_proof = models.JSONField(
        default=_empty_list, blank=True, help_text="Any of: card, photo_id."
    )
    parent_access_scope = models.JSONField(
        default=_empty_list, blank=True, help_text="Record types a parent may learn."
    )
    cardholder_proof = models.JSONField(
        default=_empty_list, help_text="Proof a cardholder must show: any of card, photo_id."
    )
    minor_can_share_with_guardian = models.BooleanField(
        default=False, help_text="A minor's own opt-in widens parent access."
    )
    accepted_instruments = models.JSONField(
        default=_empty_list,
        blank=True,
        help_text="Legal instruments the Director may act on.",
    )
    emergency_disclosure = models.CharField(
        max_length=20, choices=EmergencyDisclosure.choices, default=EmergencyDisclosure.NONE
    )
    notify_patron_of_legal_request = models.BooleanField(
        default=True, help_text="Unless a non-disclosure order forbids it."
    )
    protected_records = models.JSONField(
        default=_empty_list, help_text="Record types the law covers."
    )
    citation = models.CharField(max_length=200, help_text="e.g. N.Y. CPLR 4509")
    summary = models.TextField(help_text="The rules in plain language.")
    rule_texts = models.JSONField(
        default=_empty_dict,
        blank=True,
        help_text='Per rule id: {"citation": ..., "explanation": ...}; empty uses the default.',
    )
    change_note = models.CharField(
        max_length=300, blank=True, help_text="Why this version was made (e.g. counsel's advice)."
    )
    sources = models.JSONField(
        default=_empty_dict,
        blank=True,
        help_text=(
            "Per point of law (confidentiality, parent_access, law_enforcement, emergency): "
            '{"citation", "quote", "url", "checked_on", "status"}; status is statute, '
            "secondary or unverified."
        ),
    )
    counsel_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The administrator who confirmed that counsel reviewed these rules.",
    )
    counsel_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["jurisdiction_code", "-effective_from"]
        verbose_name = "jurisdiction rule set"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction_code", "effective_from"],
                name="ruleset_one_version_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_code} from {self.effective_from}"

    @property
    def verification(self) -> str:
        """How far these rules were checked: `statute` when every point was
        read in the statute's text, `unverified` when any point was not
        checked at all (or no sources are recorded), else `secondary`."""
        return verification_status(self.sources)

    @property
    def verification_label(self) -> str:
        return str(VerificationStatus(self.verification).label)

    def source_rows(self) -> list[dict[str, str]]:
        """Each point of law with its source, in the order SOURCE_POINTS
        lists them; a point without a source reads as unverified."""
        sources = self.sources if isinstance(self.sources, dict) else {}
        rows = []
        for point, label in SOURCE_POINTS:
            source = sources.get(point)
            source = source if isinstance(source, dict) else {}
            status = source.get("status")
            status = status if status in VerificationStatus.values else "unverified"
            rows.append(
                {
                    "point": point,
                    "label": label,
                    "status": status,
                    "status_label": str(VerificationStatus(status).label),
                    "citation": str(source.get("citation", "")),
                    "quote": str(source.get("quote", "")),
                    "url": str(source.get("url", "")),
                    "checked_on": str(source.get("checked_on", "")),
                }
            )
        return rows

    @property
    def needs_counsel_confirmation(self) -> bool:
        """Not fully verified from the statute and not yet confirmed."""
        return self.verification != VerificationStatus.STATUTE and self.counsel_confirmed_at is None

    def to_rules(self) -> Rules:
        """The snapshot the pure decision function reads."""
        texts = self.rule_texts if isinstance(self.rule_texts, dict) else {}
        return Rules(
            jurisdiction_code=self.jurisdiction_code,
            name=self.name,
            age_of_majority=self.age_of_majority,
            parent_access=self.parent_access,
            parent_access_max_age=self.parent_access_max_age,
            parent_access_proof=frozenset(self.parent_access_proof or ()),
            parent_access_scope=frozenset(self.parent_access_scope or ()),
            cardholder_proof=frozenset(self.cardholder_proof or ()),
            minor_can_share_with_guardian=self.minor_can_share_with_guardian,
            accepted_instruments=frozenset(self.accepted_instruments or ()),
            emergency_disclosure=self.emergency_disclosure,
            notify_patron_of_legal_request=self.notify_patron_of_legal_request,
            protected_records=frozenset(self.protected_records or ()),
            citation=self.citation,
            summary=self.summary,
            rule_texts={
                str(rule): RuleText(
                    citation=str(text.get("citation", "")),
                    explanation=str(text.get("explanation", "")),
                )
                for rule, text in texts.items()
                if isinstance(text, dict)
            },
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        for knob in (
            "parent_access_proof",
            "parent_access_scope",
            "cardholder_proof",
            "accepted_instruments",
            "protected_records",
        ):
            value = getattr(self, knob)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[knob] = "A list of names is expected."
        if not isinstance(self.rule_texts, dict) or not all(
            isinstance(t, dict) and set(t) <= {"citation", "explanation"}
            for t in self.rule_texts.values()
        ):
            errors["rule_texts"] = 'Each rule id maps to {"citation": "...", "explanation": "..."}.'
        if errors:
            raise ValidationError(errors)
        problems = self.to_rules().problems(
            allow_max_age_above_majority=self.allow_max_age_above_majority
        )
        if problems:
            raise ValidationError(problems)


class DisclosureLog(models.Model):
    """One run of the desk disclosure flow: who asked, what was decided.

    A confidential library record in its own right; the retention app
    expires it by `created_at`. `patron` becomes NULL when it is anonymized.
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    patron = models.ForeignKey(
        "patrons.Patron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disclosure_logs",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    branch = models.ForeignKey(
        "libraryservice.Branch",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    jurisdiction_code = models.CharField(max_length=10)
    rule_set = models.ForeignKey(
        JurisdictionRuleSet, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requester = models.CharField(max_length=20, choices=Requester.choices)
    proof = models.CharField(max_length=20, choices=Proof.choices)
    instrument = models.CharField(
        max_length=20, choices=Instrument.choices, default=Instrument.NONE
    )
    # [{"record": ..., "outcome": ..., "rule": ...}, ...] in record-type order.
    decisions = models.JSONField(default=list)
    referred_to_director = models.BooleanField(
        default=False, help_text="Staff logged a request and referred it to the Director."
    )
    referral_note = models.TextField(
        blank=True, help_text="Agency, officer and instrument, as told to staff."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["patron", "-created_at"], name="disclosure_patron_idx")]

    def __str__(self) -> str:
        return f"Disclosure log #{self.pk}"

    @property
    def record_types(self) -> list[str]:
        return [d["record"] for d in self.decisions]

    @property
    def outcomes(self) -> list[str]:
        return [d["outcome"] for d in self.decisions]

    @property
    def rule_ids(self) -> list[str]:
        return [d["rule"] for d in self.decisions]
