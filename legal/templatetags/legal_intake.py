"""The desk's legal-request intake form, placed in the law-enforcement
answer of the disclosure flow (privacy's template includes it)."""

from __future__ import annotations

from typing import Any

from django import template

from legal.forms import IntakeForm

register = template.Library()


@register.inclusion_tag("legal/_intake.html", takes_context=True)
def legal_intake_form(context: Any, log_id: int, instrument: str) -> dict[str, Any]:
    return {
        "intake_form": IntakeForm(initial={"log": log_id, "instrument": instrument}),
        "csrf_token": context.get("csrf_token"),
    }
