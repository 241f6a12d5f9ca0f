"""The directory's authentication backends, views and middleware.

- LDAPSignOnBackend: LDAP / Active Directory through django-auth-ldap, on
  when LDAP_SERVER_URI is set. A person is found by LDAP_USER_FILTER (which
  leaves disabled accounts out) and must bind with their own password at
  every sign-on; groups are read, never mirrored into roles.
- OIDCSignOnBackend: OpenID Connect through mozilla-django-oidc, on when
  OIDC_RP_CLIENT_ID is set. An account is matched by the provider's `sub`,
  never by e-mail address, so no provider entry takes over an account.
- DirectoryLDAPRecheck: every LDAP_RECHECK_SECONDS a session an LDAP
  sign-on made looks its person up again (the service account's search
  with LDAP_USER_FILTER); gone or disabled, the session ends.
- oidc_start / oidc_callback: the sign-on's two views (404 when OpenID
  Connect is off); DirectorySessionRefresh asks the provider again, without
  a prompt, once OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS have passed, and ends
  the session if it refuses.

Both backends load the user as the model backend does (one query, inactive
accounts refused) and record each sign-on through organisation.signon.
Neither writes a password, a token or a claim to the log.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import jwt
import ldap
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django_auth_ldap.backend import LDAPBackend, LDAPSettings, _LDAPUser
from django_auth_ldap.config import (
    GroupOfNamesType,
    LDAPSearch,
    NestedActiveDirectoryGroupType,
    PosixGroupType,
)
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from organisation import clock, signon
from organisation.auth import SingleQueryModelBackend
from organisation.models import DirectoryIdentity
from organisation.users import StaffUser

logger = logging.getLogger(__name__)

GROUP_TYPES = {
    "groupOfNames": (GroupOfNamesType, "(objectClass=groupOfNames)"),
    "nested_active_directory": (NestedActiveDirectoryGroupType, "(objectClass=group)"),
    "posix": (PosixGroupType, "(objectClass=posixGroup)"),
}


class LDAPSignOnBackend(LDAPBackend):
    """django-auth-ldap, configured from plain settings (base.py), that never
    gives a role and never takes over a local account."""

    _settings: LDAPSettings | None = None

    @property
    def settings(self) -> LDAPSettings:
        if self._settings is None:
            found = LDAPSettings(self.settings_prefix, self.default_settings)
            found.USER_SEARCH = LDAPSearch(
                settings.LDAP_USER_SEARCH_BASE, ldap.SCOPE_SUBTREE, settings.LDAP_USER_FILTER
            )
            if settings.LDAP_GROUP_SEARCH_BASE:
                group_type, object_class = GROUP_TYPES[settings.LDAP_GROUP_TYPE]
                found.GROUP_SEARCH = LDAPSearch(
                    settings.LDAP_GROUP_SEARCH_BASE, ldap.SCOPE_SUBTREE, object_class
                )
                found.GROUP_TYPE = group_type()
            timeout = settings.LDAP_TIMEOUT_SECONDS
            found.CONNECTION_OPTIONS = {
                ldap.OPT_NETWORK_TIMEOUT: timeout,
                ldap.OPT_TIMEOUT: timeout,
            }
            # Directory groups propose roles (signon); they never become them.
            found.MIRROR_GROUPS = None
            found.MIRROR_GROUPS_EXCEPT = None
            found.FIND_GROUP_PERMS = False
            found.USER_FLAGS_BY_GROUP = {}
            found.CACHE_TIMEOUT = 0
            found.ALWAYS_UPDATE_USER = settings.AUTH_LDAP_ALWAYS_UPDATE_USER
            self._settings = found
        return self._settings

    @settings.setter
    def settings(self, value: LDAPSettings) -> None:
        self._settings = value

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not signon.ldap_enabled():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def authenticate_ldap_user(self, ldap_user: Any, password: str) -> Any:
        try:
            return self._sign_on(ldap_user, password)
        except IntegrityError:
            # The same person's first sign-on in another request made the
            # account a moment ago: this one finds it linked now.
            retry = _LDAPUser(self, username=ldap_user._username, request=ldap_user._request)
            return self._sign_on(retry, password)

    @transaction.atomic
    def _sign_on(self, ldap_user: Any, password: str) -> Any:
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        signon.directory_sign_on(
            user=user,
            provider=DirectoryIdentity.Provider.LDAP,
            subject=_ldap_subject(ldap_user._username),
            created=getattr(ldap_user, "signon_created", False),
            groups=_group_dns(ldap_user),
            mapping=settings.LDAP_GROUP_ROLE_PROPOSALS,
        )
        return user

    def get_or_build_user(self, username: str, ldap_user: Any) -> tuple[Any, bool]:
        subject = _ldap_subject(username)
        linked = signon.directory_user(provider=DirectoryIdentity.Provider.LDAP, subject=subject)
        ldap_user.signon_created = linked is None
        if linked is not None:
            return linked, False
        model = self.get_user_model()
        if model.objects.filter(username__iexact=username).exists():
            # Refused: the directory proves who the entry is, not that it is
            # the person who holds the local account of that name.
            raise ldap_user.AuthenticationFailed(signon.NAME_TAKEN.format(username=username))
        return model(username=username.lower()), True

    def get_user(self, user_id: Any) -> Any:
        return SingleQueryModelBackend().get_user(user_id)

    def get_all_permissions(self, user: StaffUser, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user: StaffUser, obj: Any = None) -> set[str]:
        return set()


def _ldap_subject(username: str) -> str:
    return username.strip().lower()


def _group_dns(ldap_user: Any) -> list[str]:
    if not settings.LDAP_GROUP_SEARCH_BASE:
        return []
    try:
        return sorted(ldap_user.group_dns)
    except ldap.LDAPError:
        logger.warning("LDAP group search failed at a sign-on; no role proposed")
        return []


class OIDCSignOnBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc matched by the provider's `sub`, never by e-mail."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Settings are read at each sign-on (below), not at start-up, so a
        # server without OpenID Connect never needs them.
        self.UserModel = self.get_user_model_class()

    @staticmethod
    def get_user_model_class() -> Any:
        from django.contrib.auth import get_user_model

        return get_user_model()

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        # Only the callback view, which checked the state and passes the
        # nonce it kept, exchanges a code: a password log-in posted with
        # ?code=...&state=... must not start one.
        if not signon.oidc_enabled() or request is None or "nonce" not in kwargs:
            return None
        if "username" in kwargs or "password" in kwargs:
            return None
        OIDCAuthenticationBackend.__init__(self)
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation) as error:
            # A code refused (replayed, expired) or a provider out of reach:
            # a failed sign-on, not a server error. No token in the message.
            logger.warning("OpenID Connect sign-on failed: %s", type(error).__name__)
            return None

    def _verify_jws(self, payload: Any, key: Any) -> Any:
        """The ID token's signature, algorithm, audience (this client),
        expiry and issue time, allowing OIDC_CLOCK_SKEW_SECONDS between the
        provider's clock and this server's."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("the ID token is not signed with OIDC_RP_SIGN_ALGO")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {type(error).__name__}") from None

    def verify_claims(self, claims: Any) -> bool:
        """mozilla-django-oidc's checks, and where OIDC_ALLOWED_EMAIL_DOMAINS
        is set, a verified address in one of them."""
        if not super().verify_claims(claims):
            return False
        domains = {domain.lower() for domain in settings.OIDC_ALLOWED_EMAIL_DOMAINS}
        if not domains:
            return True
        email = str(claims.get("email") or "")
        verified = claims.get("email_verified") in (True, "true")
        return verified and email.rpartition("@")[2].lower() in domains

    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        sub = payload.get("sub")
        if not sub or userinfo.get("sub") != sub:
            raise SuspiciousOperation("the provider's userinfo is for another subject")
        claims = {**userinfo, **payload}
        if not self.verify_claims(claims):
            raise SuspiciousOperation("the provider's claims are not accepted here")
        try:
            user = self._sign_on(claims, sub)
        except IntegrityError:
            # The same person's first sign-on in another request made the
            # account a moment ago: this one finds it linked now.
            user = self._sign_on(claims, sub)
        user.signon_second_factor = signon.provider_asserted_second_factor(payload)
        return user

    def _sign_on(self, claims: dict[str, Any], sub: str) -> Any:
        with transaction.atomic():
            user = signon.directory_user(provider=DirectoryIdentity.Provider.OIDC, subject=sub)
            created = user is None
            if user is None:
                # Name and address are taken at the first sign-on only: a
                # later change of address goes through dual control, as for
                # any account (docs/dual-control.md), not through the provider.
                user = self.UserModel(username=signon.free_username(_wanted_username(claims)))
                user.set_unusable_password()
                user.email = str(claims.get("email") or "")[:254]
                user.first_name = str(claims.get("given_name") or "")[:150]
                user.last_name = str(claims.get("family_name") or "")[:150]
                user.save()
            groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
            signon.directory_sign_on(
                user=user,
                provider=DirectoryIdentity.Provider.OIDC,
                subject=sub,
                created=created,
                groups=[str(g) for g in groups] if isinstance(groups, list) else [],
                mapping=settings.OIDC_GROUP_ROLE_PROPOSALS,
            )
        return user

    def get_user(self, user_id: Any) -> Any:
        return SingleQueryModelBackend().get_user(user_id)


def _wanted_username(claims: dict[str, Any]) -> str:
    """The provider's preferred name (or the address before the @), in the
    characters Django's usernames allow."""
    for candidate in (claims.get("preferred_username"), claims.get("email")):
        name = re.sub(r"[^\w.+-]", "", str(candidate or "").split("@")[0].lower())
        if name:
            return name
    return "staff"


def _oidc_on() -> None:
    if not signon.oidc_enabled():
        raise Http404("OpenID Connect sign-on is not set up")


class _Start(OIDCAuthenticationRequestView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _oidc_on()
        super().__init__(*args, **kwargs)


class _Callback(OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        response = super().login_success()
        if getattr(self.user, "signon_second_factor", False):
            self.request.session[signon.PROVIDER_SECOND_FACTOR_SESSION_KEY] = True
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, signon.REFUSED)
        return redirect("login")


@never_cache
def oidc_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider's sign-on page."""
    _oidc_on()
    return _Start.as_view()(request)


@never_cache
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here with a code (or a refusal)."""
    _oidc_on()
    return _Callback.as_view()(request)


class DirectorySessionRefresh(SessionRefresh):
    """mozilla-django-oidc's silent re-check of an OpenID Connect session,
    reading its settings at each request (none needed while it is off)."""

    def __init__(self, get_response: Any) -> None:
        MiddlewareMixin.__init__(self, get_response)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("OIDC_"):
            defaults = {
                "OIDC_EXEMPT_URLS": [],
                "OIDC_STATE_SIZE": 32,
                "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
                "OIDC_RP_SCOPES": "openid email",
                "OIDC_USE_NONCE": True,
                "OIDC_NONCE_SIZE": 32,
            }
            return getattr(settings, name, defaults.get(name))
        raise AttributeError(name)

    @cached_property
    def exempt_urls(self) -> set[str]:
        # Signing on, and the second-factor step that may follow it.
        names = (
            "oidc_authentication_init",
            "oidc_authentication_callback",
            "logout",
            "two_factor_verify",
            "two_factor_setup",
        )
        return {reverse(name) for name in names}

    def process_request(self, request: HttpRequest) -> Any:
        if not signon.oidc_enabled():
            return None
        return super().process_request(request)


LDAP_BACKEND = "organisation.directory.LDAPSignOnBackend"
LDAP_CHECKED_SESSION_KEY = "signon_ldap_checked_at"


def still_in_directory(user: StaffUser) -> bool:
    """Whether the LDAP entry `user` signed on with is still found by
    LDAP_USER_FILTER (which leaves disabled accounts out). A directory that
    cannot be reached finds nobody: the session ends, local accounts are
    not affected."""
    subject = (
        DirectoryIdentity.objects.filter(user_id=user.pk, provider=DirectoryIdentity.Provider.LDAP)
        .values_list("subject", flat=True)
        .first()
    )
    if subject is None:
        return False
    # django-auth-ldap's own search (service bind, TLS, timeouts as set).
    return _LDAPUser(LDAPSignOnBackend(), username=subject).dn is not None


@receiver(user_logged_in, dispatch_uid="signon_ldap_checked_now")
def _ldap_checked_now(sender: Any, request: Any, user: StaffUser, **_: Any) -> None:
    if getattr(user, "backend", "") == LDAP_BACKEND and request is not None:
        request.session[LDAP_CHECKED_SESSION_KEY] = clock.now().timestamp()


class DirectoryLDAPRecheck:
    """Ends a session made by an LDAP sign-on once the directory no longer
    finds its person, at the first request after LDAP_RECHECK_SECONDS."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if (
            signon.ldap_enabled()
            and session.get(BACKEND_SESSION_KEY) == LDAP_BACKEND
            and request.user.is_authenticated
        ):
            now = clock.now().timestamp()
            checked = float(session.get(LDAP_CHECKED_SESSION_KEY, 0))
            if now - checked >= settings.LDAP_RECHECK_SECONDS:
                if not still_in_directory(request.user):
                    logout(request)
                    messages.error(request, signon.REFUSED)
                    return redirect("login")
                session[LDAP_CHECKED_SESSION_KEY] = now
        return self.get_response(request)
