"""Writes of the SIP2 app: terminal accounts, their throttled logins, and
patron PINs (set at the desk, checked at a terminal, locked after too
many wrong ones)."""

from __future__ import annotations

import datetime
import enum
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from kernel import rawsql
from organisation.models import Branch, StaffProfile
from organisation.users import StaffUser
from patrons.models import Patron
from sip2 import policies
from sip2.models import LoginThrottle, PatronPin, Terminal

log = logging.getLogger("sip2")

NOT_ALLOWED = "Your role may not do this."
PIN_BLANK = "Type a PIN: a blank PIN is not accepted."
PIN_SHAPE = "A PIN is 4 to 12 digits."
PIN_MISMATCH = "The two PINs differ: type the same PIN twice."
NO_PIN = "This patron has no PIN."
LOGIN_TAKEN = "A terminal already uses this login."
PASSWORD_BLANK = "Give the terminal a password."


class Sip2Error(Exception):
    """A refused SIP2 administration step; `message` is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _require(ok: bool, message: str = NOT_ALLOWED) -> None:
    if not ok:
        raise Sip2Error(message)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


# -- terminals --------------------------------------------------------------


@transaction.atomic
def terminal_create(
    *,
    login: str,
    label: str,
    kind: str,
    branch: Branch,
    password: str,
    acting_user: StaffUser,
    checksums: bool = True,
    encoding: str = Terminal.Encoding.UTF8,
    requires_pin: bool = True,
    takes_payments: bool = False,
) -> Terminal:
    """A terminal account with its hashed password and its own user
    (unusable password, no role), whose staff profile carries the
    terminal's label for the patrons' access reports."""
    _require(policies.can_manage_terminals(acting_user))
    login = login.strip()
    _require(bool(password), PASSWORD_BLANK)
    _require(not Terminal.objects.filter(login=login).exists(), LOGIN_TAKEN)
    user_model = get_user_model()
    user = user_model(username=f"sip2-terminal-{login}"[:150], is_active=True)
    user.set_unusable_password()
    user.save()
    StaffProfile.objects.create(user=user, display_name=label[:60], branch=branch)
    return Terminal.objects.create(
        login=login,
        label=label,
        kind=kind,
        branch=branch,
        password_hash=make_password(password),
        user=user,
        checksums=checksums,
        encoding=encoding,
        requires_pin=requires_pin,
        takes_payments=takes_payments,
    )


@transaction.atomic
def terminal_update(*, terminal: Terminal, acting_user: StaffUser) -> Terminal:
    """Save an edited terminal; its account's staff profile follows its
    label and branch, so access reports name it as the admin does."""
    _require(policies.can_manage_terminals(acting_user))
    terminal.save()
    StaffProfile.objects.filter(user_id=terminal.user_id).update(
        display_name=terminal.label[:60], branch=terminal.branch
    )
    return terminal


@transaction.atomic
def terminal_set_password(*, terminal: Terminal, password: str, acting_user: StaffUser) -> Terminal:
    _require(policies.can_manage_terminals(acting_user))
    _require(bool(password), PASSWORD_BLANK)
    terminal.password_hash = make_password(password)
    terminal.save(update_fields=["password_hash"])
    return terminal


@transaction.atomic
def terminal_revoke(*, terminal: Terminal, acting_user: StaffUser) -> Terminal:
    """Refuse the terminal's logins from now on; a connection already
    logged in is refused at its next message. Its loans keep naming it."""
    _require(policies.can_manage_terminals(acting_user))
    terminal = Terminal.objects.select_for_update().get(pk=terminal.pk)
    if terminal.revoked_at is None:
        terminal.revoked_at = timezone.now()
        terminal.save(update_fields=["revoked_at"])
        terminal.user.is_active = False
        terminal.user.save(update_fields=["is_active"])
    return terminal


def terminal_is_active(terminal: Terminal) -> bool:
    """Whether the terminal may still be served (not revoked since it
    logged in)."""
    # Fixed SQL: it runs before every message.
    return bool(rawsql.fetch(_ACTIVE_SQL, {"terminal": terminal.pk}, [None]))


_ACTIVE_SQL = "SELECT 1 FROM sip2_terminal WHERE id = %(terminal)s AND revoked_at IS NULL"
# The same test as a column of another read.
ACTIVE_COLUMN = (
    "EXISTS (SELECT 1 FROM sip2_terminal t WHERE t.id = %(terminal)s AND t.revoked_at IS NULL)"
)


class TerminalRevoked(Exception):
    """The terminal was revoked since it logged in: close the connection."""


@dataclass
class RevokedCheck:
    """The revoked check of one message. The message's first read of a
    card or an item makes it, as one more column (ACTIVE_COLUMN), rather
    than a statement of its own; `pending` until then."""

    terminal_id: int
    pending: bool = True

    def take(self) -> int | None:
        """The terminal to check in this read, or None if already done."""
        if not self.pending:
            return None
        self.pending = False
        return self.terminal_id

    @staticmethod
    def confirm(active: Any) -> None:
        if not active:
            raise TerminalRevoked


# -- logins, throttled -------------------------------------------------------


def _throttle_keys(login: str, peer: str) -> list[str]:
    return [f"account:{login[:100]}", f"peer:{peer[:100]}"]


def login_throttled(*, login: str, peer: str, now: datetime.datetime | None = None) -> bool:
    """Whether the account or the peer address is blocked for now."""
    now = now or timezone.now()
    return LoginThrottle.objects.filter(
        key__in=_throttle_keys(login, peer), blocked_until__gt=now
    ).exists()


@transaction.atomic
def _login_failed(*, login: str, peer: str, now: datetime.datetime) -> None:
    limit = _setting("SIP2_LOGIN_MAX_FAILURES", 5)
    window = datetime.timedelta(seconds=_setting("SIP2_LOGIN_WINDOW_SECONDS", 900))
    for key in _throttle_keys(login, peer):
        LoginThrottle.objects.get_or_create(key=key, defaults={"window_start": now})
        row = LoginThrottle.objects.select_for_update().get(key=key)
        if now - row.window_start > window:
            row.failures = 0
            row.window_start = now
        row.failures += 1
        if row.failures >= limit:
            row.blocked_until = now + window
            log.warning("SIP2 logins blocked for %s after %s failures", key, row.failures)
        row.save(update_fields=["failures", "window_start", "blocked_until"])


def terminal_login(
    *, login: str, password: str, peer: str, now: datetime.datetime | None = None
) -> Terminal | None:
    """The terminal whose login and password these are, or None.

    A blocked account or peer address is refused without checking the
    password. A failure counts against both the account and the peer
    (shared through the database by every server process); a success
    clears the account's count and records the terminal's last use.
    """
    now = now or timezone.now()
    if login_throttled(login=login, peer=peer, now=now):
        log.warning("SIP2 login refused: %s or %s is blocked", login[:40], peer)
        return None
    terminal = (
        Terminal.objects.select_related("branch", "user")
        .filter(login=login, revoked_at__isnull=True)
        .first()
    )
    if terminal is None:
        make_password(password)  # the same time as a wrong password
        ok = False
    else:
        ok = check_password(password, terminal.password_hash)
    if not ok or terminal is None:
        log.warning("SIP2 login failed for account %r from %s", login[:40], peer)
        _login_failed(login=login, peer=peer, now=now)
        return None
    LoginThrottle.objects.filter(key=_throttle_keys(login, peer)[0]).delete()
    Terminal.objects.filter(pk=terminal.pk).update(last_used_at=now)
    terminal.last_used_at = now
    return terminal


def terminal_used(*, terminal: Terminal, now: datetime.datetime | None = None) -> None:
    """Record the terminal's last use (at most once a minute)."""
    now = now or timezone.now()
    if terminal.last_used_at is None or now - terminal.last_used_at > datetime.timedelta(minutes=1):
        Terminal.objects.filter(pk=terminal.pk).update(last_used_at=now)
        terminal.last_used_at = now


# -- patron PINs -------------------------------------------------------------


class PinCheck(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NONE = "none"


def _valid_pin(pin: str) -> str:
    pin = (pin or "").strip()
    _require(bool(pin), PIN_BLANK)
    _require(pin.isdigit() and 4 <= len(pin) <= 12 and pin.isascii(), PIN_SHAPE)
    return pin


@transaction.atomic
def pin_set(*, patron: Patron, pin: str, confirm: str, acting_user: StaffUser) -> PatronPin:
    """Set or reset the patron's PIN (the cardholder types it at the
    desk); clears wrong-PIN counts and any lock."""
    _require(policies.can_manage_pin(acting_user, patron))
    pin = _valid_pin(pin)
    _require(pin == (confirm or "").strip(), PIN_MISMATCH)
    row, _ = PatronPin.objects.select_for_update().get_or_create(
        patron=patron, defaults={"pin_hash": ""}
    )
    row.pin_hash = make_password(pin)
    row.set_at = timezone.now()
    row.failures = 0
    row.locked_at = None
    row.save(update_fields=["pin_hash", "set_at", "failures", "locked_at"])
    return row


@transaction.atomic
def pin_unlock(*, patron: Patron, acting_user: StaffUser) -> PatronPin:
    """Lift a lock after too many wrong PINs (the cardholder is at the
    desk with their card)."""
    _require(policies.can_manage_pin(acting_user, patron))
    row = PatronPin.objects.select_for_update().filter(patron=patron).first()
    _require(row is not None, NO_PIN)
    assert row is not None
    row.failures = 0
    row.locked_at = None
    row.save(update_fields=["failures", "locked_at"])
    return row


@transaction.atomic
def pin_check(*, patron: Patron, pin: str, now: datetime.datetime | None = None) -> PinCheck:
    """Check a PIN typed at a terminal. Locks the PIN row: two terminals
    cannot both get one more try. A blank PIN is wrong; the limit-th
    wrong PIN in a row locks the card for terminals until the desk
    unlocks it."""
    row = PatronPin.objects.select_for_update().filter(patron=patron).first()
    if row is None:
        return PinCheck.NONE
    if row.locked_at is not None:
        return PinCheck.LOCKED
    pin = pin or ""
    if pin.strip() and check_password(pin, row.pin_hash):
        if row.failures:
            row.failures = 0
            row.save(update_fields=["failures"])
        return PinCheck.OK
    row.failures += 1
    fields = ["failures"]
    if row.failures >= _setting("SIP2_PIN_MAX_FAILURES", 5):
        row.locked_at = now or timezone.now()
        fields.append("locked_at")
    row.save(update_fields=fields)
    return PinCheck.LOCKED if row.locked_at else PinCheck.WRONG
