from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from notices import policies, selectors, services


class StaffRequest(HttpRequest):
    """A request behind `login_required` (organisation.users.StaffRequest,
    which this app, below libraryservice, cannot import)."""

    user: User


@login_required
@require_GET
def notice_list(request: StaffRequest) -> HttpResponse:
    notices = list(selectors.notices_for(user=request.user))
    unread = sum(1 for notice in notices if notice.read_at is None)
    return render(request, "notices/list.html", {"notices": notices, "unread": unread})


@login_required
@require_POST
def notice_read(request: StaffRequest, notice_id: int) -> HttpResponse:
    notice = policies.access_notice(request.user, notice_id)
    services.notice_mark_read(notice=notice, acting_user=request.user)
    if request.POST.get("open") and notice.link.startswith("/"):
        return redirect(notice.link)
    return redirect("notices:list")


@login_required
@require_POST
def notice_read_all(request: StaffRequest) -> HttpResponse:
    services.notices_mark_all_read(acting_user=request.user)
    return redirect("notices:list")
