"""Input validation for the privacy app."""

from __future__ import annotations

from typing import Any

from django import forms

from privacy.decision import LEGAL_INSTRUMENTS, RECORD_TYPES, REQUIRABLE_PROOFS
from privacy.models import JurisdictionRuleSet
from privacy.vocabulary import Instrument, Proof, RecordType


def _choices(enum: Any, values: tuple[str, ...]) -> list[tuple[str, str]]:
    labels = dict(enum.choices)
    return [(v, labels[v]) for v in values]


def _multi(enum: Any, values: tuple[str, ...], label: str, help_text: str = "") -> Any:
    return forms.MultipleChoiceField(
        choices=_choices(enum, values),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=label,
        help_text=help_text,
    )


class RuleSetForm(forms.ModelForm):
    """The admin's form for one version of a jurisdiction's rules; also what
    the rule simulator reads, unsaved."""

    parent_access_proof = _multi(
        Proof, REQUIRABLE_PROOFS, "Proof a parent must show", "Either one satisfies the rule."
    )
    parent_access_scope = _multi(RecordType, tuple(RECORD_TYPES), "Record types a parent may learn")
    cardholder_proof = _multi(
        Proof, REQUIRABLE_PROOFS, "Proof a cardholder must show", "Either one satisfies the rule."
    )
    accepted_instruments = _multi(
        Instrument, LEGAL_INSTRUMENTS, "Legal instruments the Director may act on"
    )
    protected_records = _multi(RecordType, tuple(RECORD_TYPES), "Record types the law protects")

    class Meta:
        model = JurisdictionRuleSet
        fields = [
            "jurisdiction_code",
            "name",
            "effective_from",
            "change_note",
            "age_of_majority",
            "parent_access",
            "parent_access_max_age",
            "allow_max_age_above_majority",
            "parent_access_proof",
            "parent_access_scope",
            "cardholder_proof",
            "minor_can_share_with_guardian",
            "accepted_instruments",
            "emergency_disclosure",
            "notify_patron_of_legal_request",
            "protected_records",
            "citation",
            "summary",
            "rule_texts",
        ]
