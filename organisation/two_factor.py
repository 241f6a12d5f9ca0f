"""Two-factor log-in: verify a TOTP code, or enroll an authenticator once.

Only a user who has passed the password step reaches these views. Enrolment
is offered only while the user has no confirmed device: otherwise anyone with
the password alone could replace the authenticator. A lost device is reset by
another administrator from the staff account's admin page ("Reset the second
factor"), with a reason that is recorded and told to the Director
(organisation.staff_access.second_factor_reset); nobody resets their own.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.security import (
    has_enrolled_device,
    needs_second_factor,
    second_factor_proven,
)
from organisation.users import StaffRequest, StaffUser

WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now."
THROTTLED = "Too many wrong codes. Wait {seconds} seconds, then try again."
ENROLLED = "Your authenticator app is set up. You will be asked for a code at each log-in."
DEVICE_NAME = "Authenticator app"


class TokenForm(forms.Form):
    token = forms.CharField(
        label="6-digit code",
        min_length=6,
        max_length=8,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not (token.isascii() and token.isdigit()) or not 6 <= len(token) <= 8:
            raise forms.ValidationError(WRONG_CODE)
        return token


def _next_url(request: HttpRequest) -> str:
    """A path on this site to continue to; anything else means the home page.

    Only absolute paths are accepted: a bare word would be taken by redirect()
    for a view name (NoReverseMatch, a 500), and control characters have no
    place in a Location header.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        candidate.startswith("/")
        and candidate.isprintable()
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _check(device: TOTPDevice, token: str) -> str | None:
    """None when the token is right, else the message to show."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = 1
        if details and details.get("locked_until"):
            from django.utils import timezone

            wait = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
        return THROTTLED.format(seconds=wait)
    if device.verify_token(token):
        return None
    return WRONG_CODE


@never_cache
@login_required
def verify(request: StaffRequest) -> HttpResponse:
    """Ask for the current code of the user's authenticator."""
    user: StaffUser = request.user
    if second_factor_proven(request) or not needs_second_factor(user):
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    error = None
    if request.method == "POST":
        if form.is_valid():
            error = _check(device, form.cleaned_data["token"])
            if error is None:
                otp_login(request, device)
                return redirect(_next_url(request))
        else:
            error = WRONG_CODE
    context = {"form": form, "error": error, "next": _next_url(request)}
    return render(
        request,
        "registration/two_factor_verify.html",
        context,
        status=400 if error else 200,
    )


@never_cache
@login_required
def setup(request: StaffRequest) -> HttpResponse:
    """Enroll an authenticator app: QR code and secret, then one code to confirm."""
    user: StaffUser = request.user
    if second_factor_proven(request) or not needs_second_factor(user):
        return redirect(_next_url(request))
    if has_enrolled_device(user):
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    error = None
    if request.method == "POST":
        if form.is_valid():
            error = _check(device, form.cleaned_data["token"])
            if error is None:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                otp_login(request, device)
                messages.success(request, ENROLLED)
                return redirect(_next_url(request))
        else:
            error = WRONG_CODE
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "error": error,
        "next": _next_url(request),
        "qr_svg": _qr_svg(device.config_url),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(
        request,
        "registration/two_factor_setup.html",
        context,
        status=400 if error else 200,
    )


def _qr_svg(data: str) -> str:
    """The QR code as inline SVG, made here: no third-party image service."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ",
        '<svg class="qr-code" role="img" aria-label="QR code to scan with an authenticator app" ',
        1,
    )
