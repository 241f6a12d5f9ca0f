"""Input validation only. Authorization is in policies.py, writes in services.py."""

from __future__ import annotations

from typing import Any

from django import forms

from computers.models import GuestPass, Station
from patrons.barcodes import normalize

WHO_REQUIRED = "Scan a card or type a guest-pass code."


class WhoForm(forms.Form):
    """A card barcode or a guest-pass code: whose allowance is spent."""

    barcode = forms.CharField(label="Card barcode", max_length=40, required=False)
    guest_pass = forms.CharField(label="or guest pass", max_length=12, required=False)

    def clean_barcode(self) -> str:
        return normalize(self.cleaned_data["barcode"])

    def clean_guest_pass(self) -> str:
        return self.cleaned_data["guest_pass"].strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("barcode") and not data.get("guest_pass"):
            raise forms.ValidationError(WHO_REQUIRED)
        return data


class QueueForm(WhoForm):
    kind = forms.ChoiceField(
        label="Station type",
        choices=[("", "Any station"), *Station.Kind.choices],
        required=False,
    )


class GuestPassForm(forms.Form):
    age_group = forms.ChoiceField(
        label="The visitor is", choices=GuestPass.AgeGroup.choices, widget=forms.RadioSelect
    )
    photo_id_checked = forms.BooleanField(
        label="I checked a photo ID (needed for adults)", required=False
    )
