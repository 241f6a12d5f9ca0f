"""The notice preference section of the patron's record page, offered to
patrons when the app is ready (patrons never imports this app)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from organisation.users import StaffRequest
from patronnotices import policies
from patronnotices.forms import NoticePreferenceForm
from patronnotices.models import NoticePreference
from patrons.models import Patron


def notice_preference(request: StaffRequest, patron: Patron) -> SafeString:
    user = request.user
    may_set = policies.can_set_preference(user, patron)
    current = NoticePreference.objects.filter(patron=patron).first() if may_set else None
    context = {
        "patron": patron,
        "may_set": may_set,
        "may_print": policies.can_print_letters(user),
        "preference": current,
        "form": NoticePreferenceForm(instance=current) if may_set else None,
    }
    return SafeString(render_to_string("patronnotices/_preference.html", context, request=request))
