"""Input validation for the privacy app."""

from __future__ import annotations

from typing import Any

from django import forms

from privacy.decision import LEGAL_INSTRUMENTS, RECORD_TYPES, REQUIRABLE_PROOFS
from privacy.models import JurisdictionRuleSet
from privacy.vocabulary import Instrument, Proof, RecordType, Requester


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


class DisclosureForm(forms.Form):
    """Who is asking, with what proof: either one combined `ask` button
    ("guardian:card") or the requester and proof fields."""

    patron = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    ask = forms.CharField(required=False, max_length=40)
    requester = forms.ChoiceField(
        choices=Requester.choices, required=False, widget=forms.RadioSelect, label="Who is asking"
    )
    proof = forms.ChoiceField(
        choices=Proof.choices, required=False, widget=forms.RadioSelect, label="Proof shown"
    )
    instrument = forms.ChoiceField(
        choices=Instrument.choices, required=False, label="Legal document shown"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ask = (data.get("ask") or "").strip()
        if ask:
            requester, _, proof = ask.partition(":")
            if requester not in Requester.values or proof not in Proof.values:
                raise forms.ValidationError("Choose who is asking from the buttons.")
            data["requester"], data["proof"] = requester, proof
        if not data.get("requester"):
            self.add_error("requester", "Say who is asking.")
        if not data.get("proof"):
            data["proof"] = Proof.NONE.value
        data["instrument"] = data.get("instrument") or Instrument.NONE.value
        return data


class ReferralForm(forms.Form):
    log = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Agency, officer and document (optional)",
    )


class GuardianSharingForm(forms.Form):
    patron = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    shares = forms.TypedChoiceField(
        choices=[("1", "Shares"), ("0", "Does not share")], coerce=lambda v: v == "1"
    )


class HistoryPurposeForm(forms.Form):
    purpose = forms.CharField(
        max_length=300,
        label="Why are you opening this loan history?",
        help_text="Required. Recorded with your name; the cardholder can see it.",
    )
