"""The desk's legal-request intake form, offered in the law-enforcement
answer of the disclosure flow (privacy.referrals)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from legal.forms import IntakeForm


def intake_panel(request: HttpRequest, log_id: int, instrument: str) -> SafeString:
    form = IntakeForm(initial={"log": log_id, "instrument": instrument})
    html = render_to_string("legal/_intake.html", {"intake_form": form}, request=request)
    # The form swaps itself for the confirmation inside this box.
    return mark_safe(f'<div class="legal-intake">{html}</div>')  # noqa: S308 (autoescaped)
