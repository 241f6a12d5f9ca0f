"""Input validation for the PIN page and the terminal admin."""

from __future__ import annotations

from typing import Any

from django import forms

from sip2.models import Terminal


class PinForm(forms.Form):
    """The cardholder types the new PIN twice at the desk's keypad."""

    pin = forms.CharField(
        label="New PIN",
        max_length=12,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text="4 to 12 digits, typed by the cardholder.",
    )
    confirm = forms.CharField(
        label="The same PIN again",
        max_length=12,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class TerminalForm(forms.ModelForm):
    """A terminal account; the password is set here and only its hash is
    kept (blank on a change: unchanged)."""

    password = forms.CharField(
        label="Password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="The password the terminal sends (CO). Blank keeps the current one.",
    )

    class Meta:
        model = Terminal
        fields = [
            "login",
            "label",
            "kind",
            "branch",
            "checksums",
            "encoding",
            "requires_pin",
            "takes_payments",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and not data.get("password"):
            self.add_error("password", "Give the new terminal a password.")
        return data
