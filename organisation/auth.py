"""Authentication backend tuned for the desk's per-request budget."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from kernel import rawsql
from organisation.users import StaffUser

# The user's own permissions and their groups' permissions, in one
# statement of fixed SQL (compiling the equivalent queryset costs more
# than running it).
USER_PERMISSIONS_SQL = """
SELECT ct.app_label, p.codename
  FROM auth_permission p
  JOIN django_content_type ct ON ct.id = p.content_type_id
 WHERE p.id IN (SELECT up.permission_id FROM auth_user_user_permissions up
                 WHERE up.user_id = %(user)s
                UNION
                SELECT gp.permission_id FROM auth_group_permissions gp
                  JOIN auth_user_groups ug ON ug.group_id = gp.group_id
                 WHERE ug.user_id = %(user)s)
"""


class SingleQueryModelBackend(ModelBackend):
    """Django's ModelBackend, with fewer queries per request.

    - A user's permissions load in one query instead of two (user and
      group permissions); results and caching are the same: the union of
      both sets, kept on the user object for the request.
    - The user loads with their staff profile, branch, library system and
      desk (the desk and the header need them on every page), so that
      organisation.selectors.staff_profile_for costs no query.
    """

    def get_user(self, user_id: Any) -> StaffUser | None:
        try:
            user = _user_with_profile(int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            rows: Iterable[Sequence[str]]
            if user_obj.is_superuser:
                rows = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                rows = rawsql.fetch(USER_PERMISSIONS_SQL, {"user": user_obj.pk}, (None, None))
            user_obj._perm_cache = {f"{app}.{code}" for app, code in rows}
        return user_obj._perm_cache


class _UserWithProfile:
    """Fixed SQL for the user and their profile, branch, system and desk:
    it runs on every request, and compiling the select_related queryset
    took longer than the query."""

    def __init__(self) -> None:
        from organisation.models import Branch, LibrarySystem, ServiceDesk, StaffProfile

        user_model = get_user_model()
        self.user = rawsql.Columns(user_model, "u")
        self.profile = rawsql.Columns(StaffProfile, "sp")
        self.branch = rawsql.Columns(Branch, "b")
        self.system = rawsql.Columns(LibrarySystem, "ls")
        self.desk = rawsql.Columns(ServiceDesk, "d")
        self.parts = (self.user, self.profile, self.branch, self.system, self.desk)
        self.fields = [f for part in self.parts for f in part.fields]
        t = {part.model: part.model._meta.db_table for part in self.parts}
        self.sql = (
            f"SELECT {', '.join(part.sql for part in self.parts)}"  # noqa: S608
            f" FROM {t[user_model]} u"
            f" LEFT JOIN {t[StaffProfile]} sp ON sp.user_id = u.id"
            f" LEFT JOIN {t[Branch]} b ON b.id = sp.branch_id"
            f" LEFT JOIN {t[LibrarySystem]} ls ON ls.id = b.system_id"
            f" LEFT JOIN {t[ServiceDesk]} d ON d.id = sp.desk_id"
            " WHERE u.id = %(user)s"
        )

    def __call__(self, user_id: int) -> StaffUser | None:
        rows = rawsql.fetch(self.sql, {"user": user_id}, self.fields)
        if not rows:
            return None
        values = rows[0]
        built = []
        start = 0
        for part in self.parts:
            chunk = values[start : start + len(part)]
            start += len(part)
            # A LEFT JOIN that found nothing gives a row of NULLs.
            built.append(None if chunk[0] is None else part.instance(chunk))
        user, profile, branch, system, desk = built
        descriptor = self.user.model.staff_profile
        descriptor.related.set_cached_value(user, profile)
        if profile is not None:
            type(profile).user.field.set_cached_value(profile, user)
            type(profile).branch.field.set_cached_value(profile, branch)
            type(profile).desk.field.set_cached_value(profile, desk)
            if branch is not None:
                type(branch).system.field.set_cached_value(branch, system)
        return user


@functools.cache
def _user_with_profile_reader() -> _UserWithProfile:
    # Built on first use: the models are ready by then.
    return _UserWithProfile()


def _user_with_profile(user_id: int) -> StaffUser | None:
    return _user_with_profile_reader()(user_id)
