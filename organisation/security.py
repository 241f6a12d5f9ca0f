"""Second-factor enforcement for the roles that can reach the most.

The Director acts on legal requests and escalated complaints; administrators
change every rule. A stolen password alone must not open either account, so
after the password such a user proves a TOTP code (or enrolls an
authenticator once) before any other page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard
from urllib.parse import urlencode

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core import validators
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation import policies
from organisation.roles import Role
from organisation.users import AnyUser, StaffUser

SECOND_FACTOR_ROLES = (Role.DIRECTOR, Role.ADMINISTRATOR)
SECOND_FACTOR_CAPABILITIES = policies.SECOND_FACTOR_CAPABILITIES

# Pages a user who still owes the second factor may reach.
EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "healthz",
        "favicon",
        "two_factor_verify",
        "two_factor_setup",
        "oidc_authentication_init",
        "oidc_authentication_callback",
    }
)


def needs_second_factor(user: AnyUser | None) -> TypeGuard[StaffUser]:
    """Whether this user must prove a second factor after the password."""
    if not settings.REQUIRE_TWO_FACTOR:
        return False
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return policies.holds_second_factor_capability(user)


def second_factor_proven(request: HttpRequest) -> bool:
    """Whether this session proved the second factor: this application's
    TOTP, or the OpenID Connect provider's assertion where the settings
    accept it (organisation.signon)."""
    from organisation import signon

    # OTPMiddleware adds is_verified() to the user; no stub declares it.
    user: Any = request.user
    return bool(user.is_verified()) or signon.second_factor_from_session(request)


def has_enrolled_device(user: StaffUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_url(user: StaffUser, next_path: str) -> str:
    """Where to send a user who owes the second factor: verify, or enroll once."""
    name = "two_factor_verify" if has_enrolled_device(user) else "two_factor_setup"
    url = reverse(name)
    if next_path and next_path != "/":
        url = f"{url}?{urlencode({'next': next_path})}"
    return url


class TwoFactorRequiredMiddleware:
    """Hold a password-only session of a Director or administrator at the door.

    Runs after django-otp's OTPMiddleware (which sets user.is_verified) and
    the idle logout. htmx requests get an HX-Redirect instead of a 302 so the
    whole page moves to the verification form rather than a fragment of it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            needs_second_factor(user)
            and not second_factor_proven(request)
            and not _is_exempt(request.path_info)
        ):
            url = second_factor_url(user, request.get_full_path())
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
        return self.get_response(request)


def _is_exempt(path: str) -> bool:
    if path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name in EXEMPT_URL_NAMES and not match.namespace


LOCKED_OUT = "Too many failed log-in attempts for this username from this computer."
LOCKED_OUT_ADDRESS = "Too many failed log-in attempts from this computer, for any username."


class AddressLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit per address.

    AXES_LOCKOUT_PARAMETERS lists the username+address pair first and the
    address alone second. axes 8 compares AXES_FAILURE_LIMIT with the highest
    count of the two, which would lock a whole shared terminal after five
    mistypes by different colleagues; here the pair keeps AXES_FAILURE_LIMIT
    and the address alone has AXES_ADDRESS_FAILURE_LIMIT.

    A successful log-in clears only that username's failures at that
    address (which also lowers the address count): a colleague logging in
    must not wipe out the count of someone spraying from the same address.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        pair = counts[0] if counts else 0
        address = max(counts[1:], default=0)
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            request.axes_address_locked = True  # type: ignore[attr-defined]
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        attempts = self.filter_user_attempts(request, credentials)[:1]
        return sum(qs.delete()[0] for qs in attempts)


def locked_out_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """django-axes' lock-out page: a plain explanation with status 429."""
    from django.shortcuts import render

    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    address = getattr(request, "axes_address_locked", False)
    context = {
        "message": LOCKED_OUT_ADDRESS if address else LOCKED_OUT,
        "failure_limit": (
            settings.AXES_ADDRESS_FAILURE_LIMIT if address else settings.AXES_FAILURE_LIMIT
        ),
        "minutes": minutes,
    }
    return render(request, "registration/locked_out.html", context, status=429)


class LoginForm(AuthenticationForm):
    """Django's log-in form, with the username length really enforced.

    AuthenticationForm sets max_length after the field is built, so no
    validator runs and an over-long username reaches authenticate() and
    django-axes, whose attempt log cannot store it (a 500). Validating here
    rejects it as an ordinary failed log-in.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        max_length = getattr(field, "max_length", None)
        if max_length:
            field.validators.append(validators.MaxLengthValidator(max_length))


class LoginView(auth_views.LoginView):
    """The log-in page; a refused log-in answers 400 like every invalid form."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from organisation import signon

        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = signon.oidc_enabled()
        context["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        return context

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin logs in through the same page, lock-out and second factor.

    A logged-in user without admin access is refused here rather than sent to
    the log-in page, which would send them straight back (a redirect loop).
    """
    from django.contrib import admin

    next_path = request.GET.get("next") or ""
    if not (
        next_path.startswith("/")
        and next_path.isprintable()
        and url_has_allowed_host_and_scheme(next_path, allowed_hosts={request.get_host()})
    ):
        next_path = reverse("admin:index")
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(next_path)
        raise PermissionDenied
    return redirect(f"{reverse('login')}?{urlencode({'next': next_path})}")
