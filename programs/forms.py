"""Input validation only. Authorization is in policies.py, writes in services.py."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from organisation.inputs import BoundedDateTimeField
from organisation.models import Branch
from patrons.barcodes import normalize
from programs import services
from programs.models import Room
from reports.forms import DateRangeForm

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProgramForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    room = forms.ModelChoiceField(queryset=Room.objects.none(), required=False)
    starts_at = BoundedDateTimeField(label="Starts", widget=DATETIME)
    ends_at = BoundedDateTimeField(label="Ends", widget=DATETIME)
    capacity = forms.IntegerField(label="Capacity (places)", max_value=10000)
    age_min = forms.IntegerField(label="Youngest age", required=False, min_value=0, max_value=120)
    age_max = forms.IntegerField(label="Oldest age", required=False, min_value=0, max_value=120)

    def __init__(self, *args: Any, branch: Branch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.branch = branch
        self.fields["room"].queryset = Room.objects.filter(branch=branch)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        errors = services.program_validate(
            branch=self.branch,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            capacity=data["capacity"],
            room=data.get("room"),
            age_min=data.get("age_min"),
            age_max=data.get("age_max"),
        )
        fields = {
            services.STARTS_IN_THE_PAST: "starts_at",
            services.ENDS_BEFORE_START: "ends_at",
            services.CAPACITY_TOO_LOW: "capacity",
            services.AGE_RANGE_REVERSED: "age_max",
        }
        for error in errors:
            field = fields.get(error, "capacity" if "seats" in error else "room")
            self.add_error(field, error)
        return data


class CardForm(forms.Form):
    barcode = forms.CharField(label="Card barcode", max_length=40)

    def clean_barcode(self) -> str:
        return normalize(self.cleaned_data["barcode"])


class DoorForm(CardForm):
    barcode = forms.CharField(label="Card barcode at the door", max_length=40)


class NameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    phone = forms.CharField(label="Phone", max_length=40)


class WalkInForm(forms.Form):
    walk_ins = forms.IntegerField(label="Walk-ins (head count)", min_value=0, max_value=100000)


DATE_OUT_OF_RANGE = "Choose dates between the years 1900 and 2999."


class ReportRangeForm(DateRangeForm):
    """The reports' date range, refusing years the range arithmetic of
    reports.forms cannot add ten years to (9999-12-31 would overflow)."""

    def clean(self) -> dict[str, object]:
        for name in ("start", "end"):
            value = self.cleaned_data.get(name)
            if isinstance(value, datetime.date) and not 1900 <= value.year <= 2999:
                raise forms.ValidationError(DATE_OUT_OF_RANGE, code="out_of_range")
        return super().clean()
