from django import forms


class WithdrawHistoryForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label="The patron has asked to stop keeping their loan history, "
        "and I have told them it will be erased and cannot be recovered.",
        error_messages={"required": "Tick the box to confirm before erasing the history."},
    )
