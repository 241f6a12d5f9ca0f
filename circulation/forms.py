"""Input of the catalogue pages: the title search and a title-level hold."""

from __future__ import annotations

from django import forms

from organisation.models import Branch


class TitleSearchForm(forms.Form):
    q = forms.CharField(
        label="Title, author or ISBN",
        max_length=300,
        required=False,
        strip=True,
        help_text="Every word must match; the last may be the start of a word.",
    )
    patron = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class TitleHoldForm(forms.Form):
    patron = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    pickup_branch = forms.ModelChoiceField(
        label="Pickup at",
        queryset=Branch.objects.order_by("name"),
        empty_label=None,
        error_messages={"invalid_choice": "Choose a pickup branch from the list."},
    )


def first_error(form: forms.Form) -> str:
    for errors in form.errors.values():
        if errors:
            return str(errors[0])
    return "Check the input and try again."
