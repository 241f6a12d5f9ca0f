"""Input validation only. Authorization is in policies.py, writes in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.forms import DescribedErrorsMixin, clean_upload
from complaints import bounds
from complaints.models import (
    Channel,
    CommentCard,
    Complaint,
    Incident,
    ReconsiderationRequest,
)
from patrons.barcodes import normalize

MAX_ATTACHMENT_BYTES = getattr(settings, "COMPLAINT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_TOO_BIG = "The file is larger than {mb} MB; attach a smaller file."
ATTACHMENT_BAD_TYPE = "Only PDF, PNG, JPEG and plain-text files can be attached."
ATTACHMENT_EMPTY = "The file is empty."
NO_SUCH_PATRON = "No patron has that number."
NO_SUCH_ITEM = "No item has that barcode. Scan the item or type its barcode."
NO_SUCH_CARD = "No active card has that barcode."


STATUS_FILTERS = [("active", "All not closed"), ("all", "All"), *Complaint.Status.choices]


class ComplaintSearchForm(forms.Form):
    """The complaint list's filter and search, sent by POST: the search
    matches patron names."""

    status = forms.ChoiceField(label="Status", choices=STATUS_FILTERS, required=False)
    q = forms.CharField(label="Search", max_length=100, required=False, strip=True)

    def clean_status(self) -> str:
        return self.cleaned_data.get("status") or "active"


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        profile = getattr(obj, "staff_profile", None)
        return profile.display_name if profile is not None else obj.get_username()


class ComplaintIntakeForm(DescribedErrorsMixin, forms.Form):
    description = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True, "data-autofocus": True}),
        max_length=5000,
    )
    category = forms.ChoiceField(label="Category", choices=Complaint.Category.choices)
    channel = forms.ChoiceField(label="Channel", choices=Channel.choices, initial=Channel.IN_PERSON)
    patron_name = forms.CharField(
        label="Patron's name (if they give it)", required=False, max_length=200
    )
    patron_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    staff_involved = StaffChoiceField(
        label="Staff involved (optional)",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_email = forms.EmailField(label="E-mail for the reply (optional)", required=False)
    contact_phone = forms.CharField(
        label="Phone for the reply (optional)", required=False, max_length=40
    )

    def __init__(
        self,
        *args: Any,
        staff_queryset: Any = None,
        patron_queryset: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if staff_queryset is not None:
            self.fields["staff_involved"].queryset = staff_queryset  # type: ignore[attr-defined]
        self.patron_queryset = patron_queryset

    def clean_patron_id(self) -> Any:
        pk = self.cleaned_data.get("patron_id")
        if pk is None:
            return None
        patron = None
        if self.patron_queryset is not None:
            patron = self.patron_queryset.filter(pk=pk).first()
        if patron is None:
            raise forms.ValidationError(NO_SUCH_PATRON)
        return patron


class InformalResolutionForm(DescribedErrorsMixin, forms.Form):
    explanation = forms.CharField(
        label="What was explained",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    alternative = forms.CharField(
        label="Alternative offered",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        profile = getattr(obj, "staff_profile", None)
        name = profile.display_name if profile is not None else obj.get_username()
        roles = ", ".join(sorted(g.name.replace("_", " ") for g in obj.groups.all()))
        return f"{name} ({roles})" if roles else name


class EscalationForm(DescribedErrorsMixin, forms.Form):
    assignee = AssigneeChoiceField(
        label="Assign to", queryset=get_user_model().objects.none(), empty_label=None
    )
    note = forms.CharField(
        label="Note for the assignee (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, assignee_queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignee_queryset is not None:
            self.fields["assignee"].queryset = assignee_queryset  # type: ignore[attr-defined]


class NoteForm(DescribedErrorsMixin, forms.Form):
    note = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


class UpdateForm(DescribedErrorsMixin, forms.Form):
    note = forms.CharField(
        label="What the patron was told",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class DecisionForm(DescribedErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=Complaint.Decision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="Reasons (these go into the letter)",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )


class AppealForm(DescribedErrorsMixin, forms.Form):
    grounds = forms.CharField(
        label="Grounds of the appeal", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class AttachmentForm(DescribedErrorsMixin, forms.Form):
    file = forms.FileField(label="File (PDF, PNG, JPEG or text, up to 10 MB)")

    def clean_file(self) -> Any:
        upload, content_type = clean_upload(
            self.cleaned_data["file"],
            max_bytes=MAX_ATTACHMENT_BYTES,
            too_big=ATTACHMENT_TOO_BIG,
            empty=ATTACHMENT_EMPTY,
            bad_type=ATTACHMENT_BAD_TYPE,
            text=True,
        )
        self.cleaned_data["content_type"] = content_type
        return upload


class ReconsiderationForm(DescribedErrorsMixin, forms.Form):
    item_barcode = forms.CharField(
        label="Item barcode (one item per request)",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autofocus": True, "data-autofocus": True, "autocomplete": "off"}
        ),
    )
    requester_name = forms.CharField(label="Requester's name", max_length=200)
    card_barcode = forms.CharField(
        label="Requester's library card (if a cardholder)",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    is_resident = forms.BooleanField(label="Lives in the library's service area", required=False)
    requester_email = forms.EmailField(label="Requester's e-mail (optional)", required=False)
    requester_address = forms.CharField(
        label="Requester's postal address (optional)", max_length=300, required=False
    )
    requester_read_in_full = forms.BooleanField(
        label="The requester read, viewed or listened to the whole item", required=False
    )
    objection = forms.CharField(
        label="What the requester objects to",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )
    requested_action = forms.CharField(
        label="What the requester asks the library to do",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def clean_item_barcode(self) -> Any:
        from circulation.models import Item

        item = Item.objects.filter(barcode=normalize(self.cleaned_data["item_barcode"])).first()
        if item is None:
            raise forms.ValidationError(NO_SUCH_ITEM)
        return item

    def clean_card_barcode(self) -> Any:
        from patrons.models import Card

        raw = self.cleaned_data.get("card_barcode", "").strip()
        if not raw:
            return None
        card = (
            Card.objects.select_related("patron")
            .filter(barcode=normalize(raw), status=Card.Status.ACTIVE)
            .first()
        )
        if card is None:
            raise forms.ValidationError(NO_SUCH_CARD)
        return card.patron


class CommitteeMemberForm(DescribedErrorsMixin, forms.Form):
    name = forms.CharField(label="Committee member", max_length=120)
    role = forms.CharField(label="Role (optional)", max_length=120, required=False)
    read_in_full = forms.BooleanField(label="Read, viewed or listened to in full", required=False)


class ReconsiderationDecisionForm(DescribedErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReconsiderationRequest.Decision.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label="Reasons (these go into the letter)",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )


class CommentCardForm(DescribedErrorsMixin, forms.Form):
    theme = forms.ChoiceField(label="Theme", choices=CommentCard.Theme.choices)
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True, "data-autofocus": True}),
        max_length=5000,
    )
    anonymous = forms.BooleanField(label="Anonymous", required=False, initial=True)
    name = forms.CharField(label="Name (if not anonymous)", max_length=200, required=False)
    contact = forms.CharField(label="Contact (if not anonymous)", max_length=200, required=False)
    received_on = forms.DateField(
        label="Received on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, tz: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tz = tz

    def clean_received_on(self) -> Any:
        day = self.cleaned_data.get("received_on")
        if day is not None:
            error = bounds.received_on_error(day, today=bounds.branch_today(self.tz))
            if error:
                raise forms.ValidationError(error)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") and (data.get("name") or data.get("contact")):
            raise forms.ValidationError(
                "Untick “Anonymous” to record a name or contact, or leave them empty."
            )
        return data


class IncidentForm(DescribedErrorsMixin, forms.Form):
    type = forms.ChoiceField(label="Type", choices=Incident.Type.choices)
    description = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True, "data-autofocus": True}),
        max_length=10000,
    )
    called_911 = forms.BooleanField(label="911 was called", required=False)
    location = forms.CharField(label="Where (optional)", max_length=120, required=False)
    action_taken = forms.CharField(
        label="Action taken (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )
    occurred_at = forms.DateTimeField(
        label="When (leave empty for now)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean_occurred_at(self) -> Any:
        moment = self.cleaned_data.get("occurred_at")
        if moment is not None:
            error = bounds.occurred_at_error(moment, now=timezone.now())
            if error:
                raise forms.ValidationError(error)
        return moment


class IncidentCloseForm(DescribedErrorsMixin, forms.Form):
    note = forms.CharField(
        label="Follow-up and closing note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
