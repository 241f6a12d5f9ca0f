"""Patron record pages: register, edit, cards, guardians, proxies, search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from patrons import policies


def _require_manage(request: HttpRequest) -> None:
    if not policies.can_manage_patrons(request.user):
        raise PermissionDenied


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    return render(request, "home.html")


@login_required
def search(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    return render(request, "home.html")


@login_required
def detail(request: HttpRequest, patron_id: int) -> HttpResponse:
    _require_manage(request)
    patron = policies.access_patron(request.user, patron_id)
    return render(request, "home.html", {"patron": patron})


edit = card_new = guardian_add = proxy_add = detail


@login_required
def proxy_revoke(request: HttpRequest, patron_id: int, proxy_id: int) -> HttpResponse:
    _require_manage(request)
    return render(request, "home.html")
