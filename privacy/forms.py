"""Input validation for the privacy app."""

from __future__ import annotations

from typing import Any

from django import forms

from privacy.decision import LEGAL_INSTRUMENTS, RECORD_TYPES, REQUIRABLE_PROOFS, RULE_IDS
from privacy.models import JurisdictionRuleSet
from privacy.vocabulary import RULE_TITLES, Instrument, Proof, RecordType, Requester

# The wording of each rule, edited as labelled fields (an explanation staff
# read aloud, and its citation beside it) and stored in `rule_texts`, by the
# requester the rules answer.
WORDING_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Wording: the cardholder and staff", ("cardholder", "staff")),
    ("Wording: parents and guardians", ("guardian",)),
    ("Wording: someone holding the card, and anyone else", ("proxy", "third_party")),
    ("Wording: law enforcement", ("law_enforcement",)),
)
WORDING_HELP = (
    "What desk staff read aloud for each rule, with the citation shown beside it. "
    "Leave a field empty for the standard wording, which names the rule set's own "
    "values (ages, proofs, records), and for the rule set's citation."
)


def wording_field_names(rule: str) -> tuple[str, str]:
    """The form fields of one rule's wording: (explanation, citation)."""
    slug = rule.replace(".", "__")
    return f"explanation__{slug}", f"citation__{slug}"


def wording_data(rule_texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """`rule_texts` as the form posts it (for tests and the simulator)."""
    data = {}
    for rule in RULE_IDS:
        explanation, citation = wording_field_names(rule)
        text = rule_texts.get(rule) or {}
        data[explanation] = text.get("explanation", "")
        data[citation] = text.get("citation", "")
    return data


def wording_fieldsets() -> list[Any]:
    """The admin's fieldsets for the wording: one line per rule, the
    explanation with its citation beside it."""
    return [
        (
            title,
            {
                "classes": ["collapse", "rule-wording"],
                "description": WORDING_HELP,
                "fields": [
                    wording_field_names(rule)
                    for rule in RULE_IDS
                    if rule.split(".")[0] in requesters
                ],
            },
        )
        for title, requesters in WORDING_GROUPS
    ]


def _wording_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for rule in RULE_IDS:
        explanation, citation = wording_field_names(rule)
        fields[explanation] = forms.CharField(
            label=RULE_TITLES[rule],
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4, "cols": 50}),
        )
        fields[citation] = forms.CharField(
            label="Citation",
            required=False,
            max_length=300,
            widget=forms.TextInput(
                attrs={"size": 30, "aria-label": f"Citation for: {RULE_TITLES[rule]}"}
            ),
        )
    return fields


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
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        texts = self.instance.rule_texts if isinstance(self.instance.rule_texts, dict) else {}
        for name, value in wording_data(texts).items():
            self.initial.setdefault(name, value)
        fallback = (
            f"as the rule set: {self.instance.citation}"
            if self.instance.citation
            else "the rule set's citation"
        )
        for rule in RULE_IDS:
            self.fields[wording_field_names(rule)[1]].widget.attrs["placeholder"] = fallback

    def clean(self) -> dict[str, Any]:
        """Gather the wording fields into `rule_texts`, leaving out rules whose
        wording is all empty (they use the standard wording)."""
        cleaned = super().clean() or {}
        texts: dict[str, dict[str, str]] = {}
        for rule in RULE_IDS:
            explanation, citation = wording_field_names(rule)
            text = {
                key: value
                for key, value in (
                    ("citation", (cleaned.get(citation) or "").strip()),
                    ("explanation", (cleaned.get(explanation) or "").strip()),
                )
                if value
            }
            if text:
                texts[rule] = text
        self.instance.rule_texts = texts
        return cleaned


for _name, _field in _wording_fields().items():
    RuleSetForm.base_fields[_name] = _field
    RuleSetForm.declared_fields[_name] = _field


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
