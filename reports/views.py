"""The reports index: the sections this user may open."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organisation.users import StaffRequest
from reports import policies


@require_GET
@login_required
def index(request: StaffRequest) -> HttpResponse:
    sections = policies.sections_visible_to(request.user)
    if not sections:
        raise PermissionDenied
    return render(request, "reports/index.html", {"sections": sections})
