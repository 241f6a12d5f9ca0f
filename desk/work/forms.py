"""Input validation for the desk's own work: inquiries, tallies,
callbacks and the waiting list. Messages are constants tests assert on."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator

from desk import services
from desk.models import MAX_MINUTES, MAX_TEXT, READ_EXAMPLES, Channel, InquiryType, ReferralTarget
from kernel import rawsql
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


def offered(model: Any, branch: Branch | int) -> QuerySet[Any]:
    """Active list entries of this branch (or branch id) and of every branch."""
    return model.objects.filter(Q(branch__isnull=True) | Q(branch=branch), active=True)


def tally_types(branch: Branch) -> QuerySet[InquiryType]:
    return offered(InquiryType, branch).exclude(tally_key="").order_by("tally_key", "label")


# PostgreSQL's bigint: a larger key is no entry (the ORM's lookup says so
# too), not a database error.
_MAX_KEY = 2**63 - 1


class _ListIterator(ModelChoiceIterator):
    """The field's choices, reading its queryset only when drawn."""

    def __init__(self, field: forms.ModelChoiceField) -> None:
        self.field = field

    @property
    def queryset(self) -> Any:  # type: ignore[override]
        return self.field.queryset


class OfferedChoiceField(forms.ModelChoiceField):
    """One entry of a list the form's branch offers (`offered`; for
    InquiryType, `tallies` says tally buttons only, or none of them).

    The choices come from the list's queryset, built only when they are
    drawn; a posted key is checked with one fixed statement of the same
    condition. Building, cloning and compiling those querysets took more
    Python than the INSERT they guard, on the desk's busiest posts. The
    form sets `branch_id` before validating or drawing.
    """

    iterator = _ListIterator
    _queryset: QuerySet[Any] | None

    def __init__(self, model: Any, *, tallies: bool | None = None, **kwargs: Any) -> None:
        self.model = model
        self.tallies = tallies
        self.branch_id: int | None = None
        self.columns = rawsql.Columns(model, "e")
        condition = {True: " AND e.tally_key <> ''", False: " AND e.tally_key = ''", None: ""}
        self.sql = (
            f"SELECT {self.columns.sql} FROM {model._meta.db_table} e"  # noqa: S608
            " WHERE e.id = %(pk)s AND e.active"
            " AND (e.branch_id IS NULL OR e.branch_id = %(branch)s)" + condition[tallies]
        )
        super().__init__(queryset=None, **kwargs)

    def _get_queryset(self) -> QuerySet[Any] | None:
        if self._queryset is None and self.branch_id is not None:
            entries = offered(self.model, self.branch_id)
            if self.tallies is not None:
                entries = (
                    entries.exclude(tally_key="") if self.tallies else entries.filter(tally_key="")
                )
            self._queryset = entries
        return self._queryset

    queryset = property(  # type: ignore[assignment]
        _get_queryset,
        forms.ModelChoiceField._set_queryset,  # type: ignore[attr-defined]
    )

    def __deepcopy__(self, memo: dict[int, Any]) -> OfferedChoiceField:
        result: OfferedChoiceField = super().__deepcopy__(memo)
        # The copied widget's choices still read the class's field.
        result.widget.choices = result.choices  # type: ignore[attr-defined]
        return result

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        if isinstance(value, self.model):
            value = value.pk
        try:
            key = int(value)
        except (TypeError, ValueError):
            key = 0
        rows = (
            rawsql.fetch(self.sql, {"pk": key, "branch": self.branch_id}, self.columns.fields)
            if 0 < key <= _MAX_KEY and self.branch_id is not None
            else []
        )
        if not rows:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return self.columns.instance(rows[0])


class InquiryForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.IN_PERSON)
    inquiry_type = OfferedChoiceField(InquiryType, tallies=False, label="Type", empty_label=None)
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
    referred_to = OfferedChoiceField(
        ReferralTarget,
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
        self.fields["inquiry_type"].branch_id = branch.pk  # type: ignore[attr-defined]
        self.fields["referred_to"].branch_id = branch.pk  # type: ignore[attr-defined]


# Once for the class, not per form: its fields are copied from these.
_unclipped(InquiryForm.base_fields["question"], InquiryForm.base_fields["answer"])


class TallyForm(forms.Form):
    inquiry_type = OfferedChoiceField(InquiryType, tallies=True)
    channel = forms.ChoiceField(choices=Channel.choices, required=False)

    def __init__(self, *args: Any, branch: Branch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inquiry_type"].branch_id = branch.pk  # type: ignore[attr-defined]


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


_unclipped(CallbackForm.base_fields["about"])


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
