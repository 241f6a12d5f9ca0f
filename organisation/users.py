"""Who acts: the types services, policies, selectors and views take for a user.

Every actor that reaches a service is a `django.contrib.auth` user: staff
signed in on the web, a SIP2 terminal's own account
(`sip2.policies.terminal_actor`), the operator a management command names
(`export_library --operator`) and the inactive `(directory sign-on)`
account that proposes roles (no Celery task takes a user). So the
member of staff acting is `StaffUser`, the project's user model with its
`staff_profile` (`organisation.models.StaffProfile`, one-to-one).

`AnyUser` is what `request.user` is before a sign-in is required; only the
role-level checks that answer "no" for a visitor take it. A view behind
`login_required` takes a `StaffRequest`, whose `user` is a `StaffUser`.

`notices`, the one app below this one, names `django.contrib.auth`'s `User`
itself (and its views declare their own `StaffRequest`): `StaffUser` is
that same class.
"""

from __future__ import annotations

from typing import TypeAlias, TypeGuard

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

StaffUser: TypeAlias = User
AnyUser: TypeAlias = User | AnonymousUser


class StaffRequest(HttpRequest):
    """A request whose user has signed in (the view is behind
    `login_required`); only for annotations: Django builds the request."""

    user: StaffUser


def signed_in(user: AnyUser | None) -> TypeGuard[StaffUser]:
    """Whether `user` is an account that has signed in, not a visitor."""
    return user is not None and user.is_authenticated


def staff_user_of(request: HttpRequest) -> StaffUser:
    """The signed-in user of a request only staff reach, where the signature
    cannot say so (a `ModelAdmin` method Django calls with an `HttpRequest`
    behind the admin site's own sign-in); a visitor is refused."""
    user = request.user
    if not signed_in(user):
        raise PermissionDenied
    return user
