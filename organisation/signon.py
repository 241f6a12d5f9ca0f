"""Staff sign-on with the library's directory (DESIGN sections 4 and 8).

The directory (LDAP / Active Directory, or an OpenID Connect provider)
proves who someone is; it never gives a role:

- a first sign-on creates the staff account with no role, links it to the
  directory entry (DirectoryIdentity) and records a staff-access event;
- a directory group may *propose* a role (dual_control.staff_roles_propose,
  proposed by the directory's own account, which can sign on nowhere); a
  Director confirms it or not, as any other proposal;
- an existing local account is never taken over by a directory entry of
  the same name: that sign-on is refused;
- the Director and administrators still owe a second factor: this
  application's TOTP, or, where SIGNON_SECOND_FACTOR is "provider", the
  OpenID Connect provider's statement (`amr` / `acr`) that it asked for one.

The backends and views that call these are in organisation.directory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from organisation import dual_control
from organisation.models import DirectoryIdentity, StaffAccessEvent
from organisation.roles import Role
from organisation.staff_access import StaffAccessError
from organisation.users import StaffUser

logger = logging.getLogger(__name__)

# The account that proposes the roles directory groups suggest: inactive,
# without a password, and a name no sign-on form accepts (parentheses).
DIRECTORY_ACCOUNT = "(directory sign-on)"
# Set in the session when the provider asserted a second factor at sign-on.
PROVIDER_SECOND_FACTOR_SESSION_KEY = "signon_provider_second_factor"
OIDC_BACKEND = "organisation.directory.OIDCSignOnBackend"
NAME_TAKEN = (
    "A local account named {username} exists already: a directory sign-on never "
    "takes over a local account."
)
REFUSED = (
    "The library's directory did not sign you on. If your directory account was "
    "disabled or changed, ask your IT service desk."
)


def ldap_enabled() -> bool:
    return bool(settings.AUTH_LDAP_SERVER_URI)


def oidc_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def directory_account() -> StaffUser:
    """The inactive account in whose name directory groups propose roles."""
    user_model = get_user_model()
    account, created = user_model.objects.get_or_create(
        username=DIRECTORY_ACCOUNT, defaults={"is_active": False}
    )
    if created:
        account.set_unusable_password()
        account.save(update_fields=["password"])
    return account


def directory_user(*, provider: str, subject: str) -> StaffUser | None:
    """The staff account linked to this directory entry, or None."""
    identity = (
        DirectoryIdentity.objects.select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    return identity.user if identity is not None else None


def free_username(wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... whichever no account has."""
    user_model = get_user_model()
    base = (wanted or "staff")[:140]
    candidate, number = base, 1
    while user_model.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def proposed_roles(groups: Iterable[str], mapping: Mapping[str, str]) -> list[str]:
    """The roles `mapping` proposes for members of `groups`; unknown role
    names in the mapping are ignored (a system check reports them)."""
    wanted = {mapping[group] for group in groups if group in mapping}
    return sorted(wanted & set(Role.values))


@transaction.atomic
def directory_sign_on(
    *,
    user: StaffUser,
    provider: str,
    subject: str,
    created: bool,
    groups: Iterable[str] = (),
    mapping: Mapping[str, str] | None = None,
) -> DirectoryIdentity:
    """Record a successful directory sign-on of `user`.

    For an account this sign-on created (`created`): links it to the
    directory entry, records a staff-access event (the Director's page), and
    proposes the roles its directory groups map to (`mapping`), for a
    Director to confirm; gives none. Otherwise notes the time of sign-on.
    """
    label = DirectoryIdentity.Provider(provider).label
    if not created:
        identity = DirectoryIdentity.objects.select_for_update().get(
            provider=provider, subject=subject
        )
        identity.last_sign_on_at = timezone.now()
        identity.save(update_fields=["last_sign_on_at"])
        return identity
    identity = DirectoryIdentity.objects.create(user=user, provider=provider, subject=subject)
    StaffAccessEvent.objects.create(
        kind=StaffAccessEvent.Kind.DIRECTORY_ACCOUNT_CREATED,
        user=user,
        username=user.get_username(),
        acting_user=None,
        acting_username=f"directory ({label})",
        detail=f"First sign-on through {label}; the account has no role."[:300],
    )
    group_list = sorted(set(groups))
    roles = proposed_roles(group_list, mapping or {})
    if roles:
        member_of = [group for group in group_list if (mapping or {}).get(group) in roles]
        try:
            dual_control.staff_roles_propose(
                user=user,
                roles=roles,
                acting_user=directory_account(),
                reason=(
                    f"Proposed by the directory ({label}) at the first sign-on: "
                    f"member of {'; '.join(member_of)}"
                ),
            )
        except StaffAccessError as refusal:
            # The administrator role with a desk role, say: nothing is
            # proposed, and an administrator gives roles by hand.
            logger.info("directory role proposal for user %s refused: %s", user.pk, refusal.message)
    return identity


def provider_asserted_second_factor(claims: Mapping[str, Any]) -> bool:
    """Whether an ID token's `amr` / `acr` say the provider asked for a
    second factor, as the settings define one."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    wanted_amr = set(settings.OIDC_SECOND_FACTOR_AMR)
    if any(str(value) in wanted_amr for value in amr):
        return True
    acr = claims.get("acr")
    return acr is not None and str(acr) in set(settings.OIDC_SECOND_FACTOR_ACR)


def second_factor_from_session(request: Any) -> bool:
    """Whether this session's sign-on carried the provider's second factor
    and the settings accept it in place of this application's TOTP."""
    if settings.SIGNON_SECOND_FACTOR != "provider":
        return False
    session = getattr(request, "session", None)
    if session is None or session.get(BACKEND_SESSION_KEY) != OIDC_BACKEND:
        return False
    return bool(session.get(PROVIDER_SECOND_FACTOR_SESSION_KEY))


@receiver(user_logged_in, dispatch_uid="signon_forget_provider_second_factor")
def _forget_provider_second_factor(sender: Any, request: Any, user: StaffUser, **_: Any) -> None:
    """Every sign-on starts without the provider's second factor; the OpenID
    Connect callback sets it again after its own sign-on when asserted."""
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(PROVIDER_SECOND_FACTOR_SESSION_KEY, None)
