"""The permissions of a SIP2 terminal's account, for `has_capability`.

A terminal's account holds no role and no permission row; the
capabilities its kind declares (`sip2.policies.TERMINAL_CAPABILITIES`)
are reported here, in AUTHENTICATION_BACKENDS beside the desk's backend,
so that the circulation services check a terminal exactly as they check
a desk user. Only for an account whose terminal was loaded with it (the
server's session holds both): this backend never runs a query, and
authenticates nobody (terminals log in over SIP2, never on the web).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from organisation.users import StaffUser
from sip2 import policies
from sip2.models import Terminal


class TerminalPermissionBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        terminal = _loaded_terminal(user_obj)
        if terminal is None or terminal.revoked_at is not None:
            return set()
        return set(policies.terminal_permissions(terminal))


def _loaded_terminal(user: StaffUser) -> Terminal | None:
    """The terminal `user` was reached from (terminal.user), without a
    query; None for any other account."""
    relation = Terminal._meta.get_field("user").remote_field
    terminal = relation.get_cached_value(user, default=None)
    return terminal if isinstance(terminal, Terminal) else None
