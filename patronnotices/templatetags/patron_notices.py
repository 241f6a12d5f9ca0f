"""The notice preference on the patron's record page."""

from __future__ import annotations

from typing import Any

from django import template

from patronnotices import policies
from patronnotices.forms import NoticePreferenceForm
from patronnotices.models import NoticePreference

register = template.Library()


@register.inclusion_tag("patronnotices/_preference.html")
def notice_preference(patron: Any, user: Any) -> dict[str, Any]:
    may_set = policies.can_set_preference(user, patron)
    current = NoticePreference.objects.filter(patron=patron).first() if may_set else None
    return {
        "patron": patron,
        "may_set": may_set,
        "may_print": policies.can_print_letters(user),
        "preference": current,
        "form": NoticePreferenceForm(instance=current) if may_set else None,
    }
