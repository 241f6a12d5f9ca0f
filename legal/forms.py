"""Input validation only. Authorization is in policies.py, writes in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from cases.forms import DescribedErrorsMixin, clean_upload
from organisation.inputs import BoundedDateField
from privacy.vocabulary import Instrument, record_type_choices

MAX_SCAN_BYTES = getattr(settings, "LEGAL_SCAN_MAX_BYTES", 10 * 1024 * 1024)
SCAN_TOO_BIG = "The scan is larger than {mb} MB; scan at a lower resolution."
SCAN_BAD_TYPE = "Only a PDF or an image (PNG, JPEG) can be attached."
SCAN_EMPTY = "The file is empty."
SCAN_REQUIRED = "Scan or photograph the document the officer shows."
MAX_PATRONS = 50
RETURN_DATE_MAX_DAYS = 3 * 366


def clean_scan(upload: UploadedFile) -> tuple[Any, str]:
    return clean_upload(
        upload,
        max_bytes=MAX_SCAN_BYTES,
        too_big=SCAN_TOO_BIG,
        empty=SCAN_EMPTY,
        bad_type=SCAN_BAD_TYPE,
    )


class IntakeForm(DescribedErrorsMixin, forms.Form):
    """What the officer shows at the desk."""

    log = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    officer_name = forms.CharField(label="Officer's name", max_length=200)
    officer_badge = forms.CharField(label="Badge or ID number", max_length=60, required=False)
    agency = forms.CharField(label="Agency", max_length=200)
    officer_contact = forms.CharField(
        label="Officer's phone or e-mail", max_length=200, required=False
    )
    instrument = forms.ChoiceField(label="Document shown", choices=Instrument.choices)
    issuing_court = forms.CharField(label="Issuing court (if any)", max_length=200, required=False)
    instrument_reference = forms.CharField(
        label="Docket or warrant number (if any)", max_length=100, required=False
    )
    # Shown as the open days left, counted one by one: a return date
    # centuries ahead would make every view of the request count them.
    return_date = BoundedDateField(
        max_days_ahead=RETURN_DATE_MAX_DAYS,
        label="Return date on the document (if any)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scan = forms.FileField(
        label="Scan or photo of the document (PDF, PNG or JPEG, up to 10 MB)", required=False
    )

    def clean_scan(self) -> Any:
        upload = self.cleaned_data.get("scan")
        if not upload:
            return None
        upload, content_type = clean_scan(upload)
        self.cleaned_data["content_type"] = content_type
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        instrument = data.get("instrument")
        written = (Instrument.SUBPOENA, Instrument.COURT_ORDER, Instrument.SEARCH_WARRANT)
        if instrument in written and not data.get("scan") and "scan" not in self.errors:
            self.add_error("scan", SCAN_REQUIRED)
        if instrument and instrument != Instrument.NONE:
            for name in ("officer_badge", "officer_contact"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, "Ask the officer for this; it is required.")
        return data


class NoteForm(DescribedErrorsMixin, forms.Form):
    note = forms.CharField(
        label="Counsel's advice", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(DescribedErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why it is refused", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(DescribedErrorsMixin, forms.Form):
    note = forms.CharField(
        label="Closing note (optional)",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScopeForm(DescribedErrorsMixin, forms.Form):
    patrons = forms.CharField(
        label="Patrons (library card barcodes or patron numbers, one per line)",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        max_length=2000,
    )
    record_types = forms.MultipleChoiceField(
        label="Record types",
        # A callable: the record types declared when the form is shown.
        choices=record_type_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_on = BoundedDateField(
        label="First day of the range", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = BoundedDateField(
        label="Last day of the range", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_patrons(self) -> list[str]:
        values = [v.strip() for v in self.cleaned_data["patrons"].replace(",", "\n").splitlines()]
        values = [v for v in values if v]
        if not values:
            raise forms.ValidationError("Name at least one patron.")
        if len(values) > MAX_PATRONS:
            raise forms.ValidationError(f"At most {MAX_PATRONS} patrons per request.")
        return values


class DocumentForm(DescribedErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What it is",
        choices=[
            ("acknowledgement", "Signed emergency acknowledgement"),
            ("instrument", "The instrument"),
            ("other", "Other document"),
        ],
    )
    scan = forms.FileField(label="Scan (PDF, PNG or JPEG, up to 10 MB)")

    def clean_scan(self) -> Any:
        upload, content_type = clean_scan(self.cleaned_data["scan"])
        self.cleaned_data["content_type"] = content_type
        return upload


class DesigneeForm(forms.Form):
    designee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Staff member",
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["designee"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: (  # type: ignore[attr-defined]
            getattr(getattr(u, "staff_profile", None), "display_name", "") or u.get_username()
        )


class WarrantForm(DescribedErrorsMixin, forms.Form):
    counsel_called = forms.BooleanField(label="Counsel was called", required=False)
    staff_present = forms.CharField(
        label="Staff present while it was executed", max_length=300, required=False
    )
    scope_as_listed = forms.BooleanField(
        label="Only what the warrant lists was searched or taken", required=False
    )
    reference = forms.CharField(label="Warrant number", max_length=100, required=False)


class SeizeForm(DescribedErrorsMixin, forms.Form):
    barcode = forms.CharField(
        label="Barcode of an item taken",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class NondisclosureForm(DescribedErrorsMixin, forms.Form):
    active = forms.TypedChoiceField(
        label="Non-disclosure order",
        choices=[("1", "An order is in force"), ("0", "The order was lifted")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    until = BoundedDateField(
        label="In force until (if the order says)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class HandOverForm(DescribedErrorsMixin, forms.Form):
    handed_to = forms.CharField(label="Handed to (name, badge and agency)", max_length=300)
