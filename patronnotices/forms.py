"""Input validation of patron notices: a template's texts must be valid
templates; the desk's preference form."""

from __future__ import annotations

from typing import Any

from django import forms

from patronnotices import wording
from patronnotices.models import NoticePreference, NoticeTemplate

ERR_TEMPLATE = "This text is not a valid template: {error}"


def _valid_template(text: str) -> str:
    try:
        wording.compile_text(text)
    except wording.TemplateSyntaxError as exc:
        raise forms.ValidationError(ERR_TEMPLATE.format(error=exc)) from None
    return text


class NoticeTemplateForm(forms.ModelForm):
    class Meta:
        model = NoticeTemplate
        fields = ["system", "branch", "kind", "subject", "body", "sms_body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10, "cols": 80})}

    def clean_subject(self) -> str:
        return _valid_template(self.cleaned_data["subject"])

    def clean_body(self) -> str:
        return _valid_template(self.cleaned_data["body"])

    def clean_sms_body(self) -> str:
        return _valid_template(self.cleaned_data["sms_body"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        branch, system = data.get("branch"), data.get("system")
        if branch is not None and system is not None and branch.system_id != system.pk:
            self.add_error("branch", "This branch belongs to another library.")
        return data


class NoticePreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["channel", "include_titles", "contact_is_shared"]
        labels = {"channel": "Preferred channel for notices"}
        widgets = {"channel": forms.RadioSelect}
