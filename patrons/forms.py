"""Input validation for patron pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from organisation import clock
from organisation.inputs import BoundedDateField
from organisation.models import Branch
from patrons.barcodes import normalize, validate_card_barcode
from patrons.models import Card, GuardianLink, Patron

DOB_IN_FUTURE = "The date of birth cannot be in the future."
DOB_TOO_OLD = "Check the date of birth: that is more than 120 years ago."
EXPIRY_NOT_FUTURE = "The expiry date must be after today."
GUARDIAN_ONE_OF = "Scan the guardian's library card or type their name (not both)."
GUARDIAN_CARD_UNKNOWN = "No patron has this card barcode."
PROXY_CHOOSE = "Allow borrowing, picking up holds, or both."
SEARCH_EMPTY = "Type a name or scan a card."
SEARCH_TOO_SHORT = "Type at least two letters of the name."
CATEGORY_DISAGREES = (
    "The date of birth makes this patron {age}, but {category} is for {range}. "
    "Choose {suggested}, or tick “Keep this category” if it is right."
)
CATEGORY_FROM_AGE = "Set from the date of birth"

# Ages each category is meant for (the library's card policy, not a
# jurisdiction's age of majority): (from, until), until excluded.
JUVENILE_UNTIL = 18
SENIOR_FROM = 65
CATEGORY_AGES: dict[str, tuple[int, int | None]] = {
    Patron.Category.JUVENILE: (0, JUVENILE_UNTIL),
    Patron.Category.ADULT: (JUVENILE_UNTIL, None),
    Patron.Category.SENIOR: (SENIOR_FROM, None),
}


def category_for_age(age: int) -> str:
    """The category a patron of this age gets unless staff choose another."""
    return Patron.Category.JUVENILE if age < JUVENILE_UNTIL else Patron.Category.ADULT


def _age_range(category: str) -> str:
    low, high = CATEGORY_AGES[category]
    return f"ages {low} to {high - 1}" if high is not None else f"{low} and over"


def _age_on(dob: datetime.date, day: datetime.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CardBarcodeField(forms.CharField):
    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):  # type: ignore[no-untyped-def]
        value = super().clean(value)
        if not value:
            return ""
        barcode = normalize(value)
        validate_card_barcode(barcode)
        return barcode


def _future(value: datetime.date | None) -> datetime.date | None:
    if value is not None and value <= clock.server_day():
        raise forms.ValidationError(EXPIRY_NOT_FUTURE, code="past")
    return value


class PatronForm(forms.ModelForm):
    class Meta:
        model = Patron
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "category",
            "home_branch",
            "email",
            "phone",
            "address_line",
            "city",
            "postal_code",
            "keeps_loan_history",
            "shares_with_guardian",
            "notes",
        ]
        widgets = {"date_of_birth": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "address_line": "Street address",
            "keeps_loan_history": "Keep a history of past loans (patron's choice)",
            "shares_with_guardian": "Shares records with guardian (minor's choice)",
        }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        home_branch = self.fields["home_branch"]
        assert isinstance(home_branch, forms.ModelChoiceField)
        home_branch.queryset = Branch.objects.order_by("name")
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.required = False
        category.choices = [("", CATEGORY_FROM_AGE), *Patron.Category.choices]
        category.help_text = "Left as it is, a patron under 18 is Juvenile and others Adult."
        if not self.instance.pk:
            self.initial.setdefault("category", "")
        if self.is_bound and self.data.get("keep_category") is not None:
            self._add_keep_category()
        if self.instance.pk and self.instance.keeps_loan_history:
            # Switching it off erases the history: that has its own page
            # with a confirmation, linked from the patron's summary.
            field = self.fields["keeps_loan_history"]
            field.disabled = True
            field.help_text = (
                "To stop, use \u201cStop keeping loan history\u201d on the desk screen: "
                "it erases the history after the patron confirms."
            )

    def clean_first_name(self) -> str:
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self) -> str:
        return self.cleaned_data["last_name"].strip()

    def clean_date_of_birth(self) -> datetime.date | None:
        dob = self.cleaned_data.get("date_of_birth")
        today = clock.server_day()
        if dob is not None and dob > today:
            raise forms.ValidationError(DOB_IN_FUTURE, code="future")
        if dob is not None and dob.year < today.year - 120:
            raise forms.ValidationError(DOB_TOO_OLD, code="old")
        return dob

    def _add_keep_category(self) -> None:
        self.fields["keep_category"] = forms.BooleanField(
            label="Keep this category although the age suggests another",
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        """The category defaults from the age; one that disagrees with the
        date of birth needs staff to confirm it (a 10-year-old registered as
        Adult is almost always a slip)."""
        data = super().clean() or {}
        # A confirmation, not a patron field: kept out of what is saved.
        keep = data.pop("keep_category", False)
        dob = data.get("date_of_birth")
        category = data.get("category") or ""
        if dob is None:
            data["category"] = category or Patron.Category.ADULT
            return data
        age = _age_on(dob, clock.server_day())
        if not category:
            data["category"] = category_for_age(age)
            return data
        if category not in CATEGORY_AGES:
            return data
        low, high = CATEGORY_AGES[category]
        if low <= age and (high is None or age < high):
            return data
        if keep:
            return data
        if "keep_category" not in self.fields:
            self._add_keep_category()
        self.add_error(
            "category",
            CATEGORY_DISAGREES.format(
                age=age,
                category=Patron.Category(category).label,
                range=_age_range(category),
                suggested=Patron.Category(category_for_age(age)).label,
            ),
        )
        return data


class RegisterForm(PatronForm):
    card_barcode = CardBarcodeField(
        label="Library card barcode",
        required=False,
        help_text="Scan the new card (14 digits starting with 2). Leave empty to issue later.",
    )
    card_expires_on = BoundedDateField(
        label="Card expires on",
        required=False,
        widget=DATE_WIDGET,
        help_text="Leave empty for the library's usual validity.",
    )

    def clean_card_expires_on(self) -> datetime.date | None:
        return _future(self.cleaned_data.get("card_expires_on"))


class CardForm(forms.Form):
    REASONS = [
        ("", "New card (no active card)"),
        (Card.Status.LOST, "Replace: card lost"),
        (Card.Status.STOLEN, "Replace: card stolen"),
        (Card.Status.REPLACED, "Replace: worn out or damaged"),
    ]
    barcode = CardBarcodeField(label="New card barcode", required=True)
    reason = forms.ChoiceField(label="Why", choices=REASONS, required=False)
    expires_on = BoundedDateField(label="Expires on", required=False, widget=DATE_WIDGET)

    def clean_expires_on(self) -> datetime.date | None:
        return _future(self.cleaned_data.get("expires_on"))


class GuardianForm(forms.Form):
    guardian_card = CardBarcodeField(label="Guardian's library card", required=False)
    guardian_name = forms.CharField(label="Or guardian's full name", max_length=200, required=False)
    relationship = forms.ChoiceField(choices=GuardianLink.Relationship.choices)
    proof = forms.ChoiceField(label="Proof seen", choices=GuardianLink.Proof.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        card = data.get("guardian_card")
        name = (data.get("guardian_name") or "").strip()
        if "guardian_card" in self.errors:
            return data
        if bool(card) == bool(name):
            raise forms.ValidationError(GUARDIAN_ONE_OF, code="one_of")
        data["guardian_patron"] = None
        if card:
            found = Card.objects.select_related("patron").filter(barcode=card).first()
            if found is None:
                self.add_error("guardian_card", GUARDIAN_CARD_UNKNOWN)
            else:
                data["guardian_patron"] = found.patron
        data["guardian_name"] = name
        return data


class ProxyForm(forms.Form):
    proxy_name = forms.CharField(label="Proxy's full name", max_length=200)
    may_borrow = forms.BooleanField(label="May borrow on the card", required=False, initial=True)
    may_pick_up_holds = forms.BooleanField(label="May pick up holds", required=False, initial=True)
    expires_on = BoundedDateField(label="Authorized until", widget=DATE_WIDGET)

    def clean_proxy_name(self) -> str:
        return self.cleaned_data["proxy_name"].strip()

    def clean_expires_on(self) -> datetime.date | None:
        return _future(self.cleaned_data.get("expires_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("may_borrow") and not data.get("may_pick_up_holds"):
            raise forms.ValidationError(PROXY_CHOOSE, code="nothing")
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label="Name or card barcode", max_length=100, required=False)

    def clean_q(self) -> str:
        q = " ".join((self.cleaned_data.get("q") or "").split())
        if not q:
            raise forms.ValidationError(SEARCH_EMPTY, code="empty")
        digits = normalize(q)
        if digits.isascii() and digits.isdigit():
            validate_card_barcode(digits)
            return digits
        if len(q) < 2:
            raise forms.ValidationError(SEARCH_TOO_SHORT, code="short")
        return q


class WithdrawHistoryForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label="The patron has asked to stop keeping their loan history, "
        "and I have told them it will be erased and cannot be recovered.",
        error_messages={"required": "Tick the box to confirm before erasing the history."},
    )
