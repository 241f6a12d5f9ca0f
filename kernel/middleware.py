"""Idle logout for shared desk terminals."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "last_activity"
ACTIVITY_GRANULARITY = 30
IDLE_MESSAGE = "You were logged out after a period of inactivity."


class IdleLogoutMiddleware:
    """Log a user out when IDLE_LOGOUT_SECONDS pass between requests.

    A shared service-desk terminal left logged in would let the next person
    read patron records; this closes that gap without relying on staff.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY)
            limit = settings.IDLE_LOGOUT_SECONDS
            if last is not None and limit and now - int(last) > limit:
                logout(request)
                messages.info(request, IDLE_MESSAGE)
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = reverse("login")
                    return response
                return redirect(f"{reverse('login')}?next={request.path}")
            # Written at most every ACTIVITY_GRANULARITY seconds: a session
            # save on every scan would cost a write per request for nothing.
            if last is None or now - int(last) >= ACTIVITY_GRANULARITY:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
