"""Input validation for the desk's own work: inquiries, tallies,
callbacks and the waiting list. Messages are constants tests assert on."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from desk import services
from desk.models import MAX_MINUTES, MAX_TEXT, READ_EXAMPLES, Channel, InquiryType, ReferralTarget
from organisation import clock
from organisation.models import Branch
from patrons.models import Patron

BAD_READ = "Choose a READ level from 1 to 6."
BAD_MINUTES = f"Minutes spent are a whole number from 0 to {MAX_MINUTES}."
TEXT_TOO_LONG = f"Keep it under {MAX_TEXT} characters."
NAME_REQUIRED = "Give a first name or a ticket number."
PROMISED_IN_PAST = "The promised time has already passed: promise a time still to come."
PROMISED_TOO_FAR = "Promise a time within the next 30 days."
PROMISED_UNREADABLE = "Write a time as 16:30, or a date and time as 2026-12-01 10:00."
NO_CONTACT = "Give a phone number or an e-mail address to call back."

TEXT_HELP = f"Up to {MAX_TEXT} characters: longer text is refused, not cut."


def _unclipped(*fields: forms.Field) -> None:
    """Drop the browser's maxlength from text areas: a paste cut short
    without a word would save part of the text as if it were all of it;
    the server refuses it with TEXT_TOO_LONG instead."""
    for field in fields:
        field.widget.attrs.pop("maxlength", None)


READ_CHOICES = [(level, f"{level}: {example}") for level, example in READ_EXAMPLES.items()]


def offered(model: Any, branch: Branch) -> QuerySet[Any]:
    """Active list entries of this branch and of every branch."""
    return model.objects.filter(Q(branch__isnull=True) | Q(branch=branch), active=True)


def tally_types(branch: Branch) -> QuerySet[InquiryType]:
    return offered(InquiryType, branch).exclude(tally_key="").order_by("tally_key", "label")


class InquiryForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.IN_PERSON)
    inquiry_type = forms.ModelChoiceField(
        queryset=InquiryType.objects.none(), label="Type", empty_label=None
    )
    read_level = forms.TypedChoiceField(
        label="READ level",
        choices=READ_CHOICES,
        coerce=int,
        initial=1,
        error_messages={"invalid_choice": BAD_READ, "required": BAD_READ},
    )
    minutes = forms.IntegerField(
        label="Minutes",
        min_value=0,
        max_value=MAX_MINUTES,
        required=False,
        initial=1,
        error_messages={
            "min_value": BAD_MINUTES,
            "max_value": BAD_MINUTES,
            "invalid": BAD_MINUTES,
        },
    )
    referred_to = forms.ModelChoiceField(
        queryset=ReferralTarget.objects.none(),
        label="Referred to",
        required=False,
        empty_label="Not referred",
    )
    question = forms.CharField(
        label="Question (optional, confidential)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TEXT_TOO_LONG},
        help_text=TEXT_HELP,
    )
    answer = forms.CharField(
        label="Answer (optional, confidential)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TEXT_TOO_LONG},
        help_text=TEXT_HELP,
    )
    # Set only from the patron page's "follow-up" link (staff only).
    patron = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    patron_category = forms.ChoiceField(
        label="Patron category (optional)",
        required=False,
        choices=[("", "Not noted"), *Patron.Category.choices],
    )

    def __init__(self, *args: Any, branch: Branch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = offered(InquiryType, branch).filter(tally_key="")
        self.fields["inquiry_type"].queryset = types  # type: ignore[attr-defined]
        self.fields["referred_to"].queryset = offered(  # type: ignore[attr-defined]
            ReferralTarget, branch
        )
        _unclipped(self.fields["question"], self.fields["answer"])


class TallyForm(forms.Form):
    inquiry_type = forms.ModelChoiceField(queryset=InquiryType.objects.none())
    channel = forms.ChoiceField(choices=Channel.choices, required=False)

    def __init__(self, *args: Any, branch: Branch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inquiry_type"].queryset = tally_types(branch)  # type: ignore[attr-defined]


class CallbackForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    channel = forms.ChoiceField(
        label="They asked by",
        choices=[(Channel.PHONE, "Phone"), (Channel.EMAIL, "E-mail"), (Channel.WRITTEN, "Letter")],
        initial=Channel.PHONE,
    )
    about = forms.CharField(
        label="What about",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TEXT_TOO_LONG},
        help_text=TEXT_HELP,
    )
    # A text field, not datetime-local: a date picker's segments take
    # digits that static/js/scan-capture.js would read as a scan.
    promised_at = forms.CharField(
        label="Call back by",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "16:30"}),
        help_text="A time today (16:30) or a date and time (2026-12-01 10:00). "
        "Empty: by close of business today (the same-day target).",
    )

    def __init__(self, *args: Any, branch: Branch, now: datetime.datetime, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.branch = branch
        self.now = now
        _unclipped(self.fields["about"])

    def clean_promised_at(self) -> datetime.datetime | None:
        text = (self.cleaned_data.get("promised_at") or "").strip()
        if not text:
            return None
        tz = clock.zone(self.branch)
        local_now = clock.local_now(tz, self.now)
        value: datetime.datetime | None = None
        for fmt in ("%H:%M", "%H.%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
            try:
                parsed = datetime.datetime.strptime(text, fmt)
            except ValueError:
                continue
            if fmt in ("%H:%M", "%H.%M"):  # a time today, at the branch
                parsed = datetime.datetime.combine(local_now.date(), parsed.time())
            value = parsed.replace(tzinfo=tz)
            break
        if value is None:
            raise forms.ValidationError(PROMISED_UNREADABLE, code="unreadable")
        if value <= self.now:
            raise forms.ValidationError(PROMISED_IN_PAST, code="past")
        if value > self.now + datetime.timedelta(days=30):
            raise forms.ValidationError(PROMISED_TOO_FAR, code="too_far")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        no_contact = not (data.get("phone", "").strip() or data.get("email"))
        if "name" in data and no_contact and not self.has_error("email"):
            raise forms.ValidationError(NO_CONTACT, code="no_contact")
        return data


class WaitingForm(forms.Form):
    name = forms.CharField(
        label="First name or ticket",
        max_length=40,
        error_messages={"required": NAME_REQUIRED},
        help_text=services.WAITING_NAME_HELP,
    )
    reason = forms.CharField(label="Reason", max_length=100, required=False)
    in_person = forms.TypedChoiceField(
        label="Waiting",
        choices=[("1", "In person"), ("0", "On the phone")],
        coerce=lambda v: v == "1",
        initial="1",
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        problem = services.waiting_name_problem(name)
        if problem:
            raise forms.ValidationError(problem, code="not_first_name")
        return name
