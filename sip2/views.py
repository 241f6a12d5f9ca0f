"""The desk's PIN page: the cardholder sets or resets their self-service
PIN; staff lift a lock after too many wrong PINs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from organisation.users import StaffRequest
from patrons.policies import access_patron
from sip2 import policies, services
from sip2.forms import PinForm
from sip2.models import PatronPin

PIN_SET = "The PIN is set. The cardholder can use it at the self-check now."
PIN_UNLOCKED = "The card can be used at self-service terminals again."


def _patron_for(request: StaffRequest, patron_id: int):  # type: ignore[no-untyped-def]
    if not policies.may_manage_pins(request.user):
        raise PermissionDenied
    patron = access_patron(request.user, patron_id)
    if not policies.can_manage_pin(request.user, patron):
        raise PermissionDenied
    return patron


@login_required
@require_http_methods(["GET", "POST"])
def pin(request: StaffRequest, patron_id: int) -> HttpResponse:
    patron = _patron_for(request, patron_id)
    form = PinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pin_set(patron=patron, acting_user=request.user, **form.cleaned_data)
            except services.Sip2Error as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, PIN_SET)
                return redirect("sip2:pin", patron.pk)
        status = 400
    current = PatronPin.objects.filter(patron=patron).first()
    return render(
        request,
        "sip2/pin.html",
        {"patron": patron, "form": form, "current": current},
        status=status,
    )


@login_required
@require_POST
def pin_unlock(request: StaffRequest, patron_id: int) -> HttpResponse:
    patron = _patron_for(request, patron_id)
    try:
        services.pin_unlock(patron=patron, acting_user=request.user)
    except services.Sip2Error as error:
        messages.error(request, error.message)
    else:
        messages.success(request, PIN_UNLOCKED)
    return redirect("sip2:pin", patron.pk)
