"""Template helpers of the disclosure answer."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def told_of(told: dict[str, Any], record: str) -> Any:
    """What may be told of one record type (`told|told_of:record`)."""
    return told.get(record)
