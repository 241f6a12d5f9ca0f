"""Builders for the SIP2 tests: terminals, patrons with PINs, and requests
written as the `sip2` client and real kiosks write them."""

from __future__ import annotations

from typing import Any

from organisation.roles import Role
from sip2 import protocol as P
from sip2 import services
from sip2.models import Terminal
from sip2.session import Session
from tests import factories

PASSWORD = "terminal-secret-1"
PIN = "4321"
DATE = "20261207    101500"


def admin(branch: Any) -> Any:
    return factories.staff_user(Role.ADMINISTRATOR, branch=branch)


def desk(branch: Any) -> Any:
    return factories.staff_user(Role.DESK_STAFF, branch=branch)


def terminal(branch: Any, login: str = "kiosk1", **options: Any) -> Terminal:
    options.setdefault("kind", Terminal.Kind.SELF_CHECK)
    options.setdefault("label", f"Kiosk {login}")
    return services.terminal_create(
        login=login, branch=branch, password=PASSWORD, acting_user=admin(branch), **options
    )


def patron_with_pin(branch: Any, pin: str = PIN, **fields: Any) -> Any:
    card = factories.CardFactory(patron__home_branch=branch, **fields)
    services.pin_set(patron=card.patron, pin=pin, confirm=pin, acting_user=desk(branch))
    return card


def signed(text: str, seq: str = "0") -> str:
    """`text` with AY and AZ, as a kiosk with checksums sends it."""
    body = f"{text}AY{seq}AZ"
    return body + P.checksum(body)


def logged_in(t: Terminal, peer: str = "127.0.0.1") -> Session:
    session = Session(peer=peer)
    answer = session.answer(signed(f"9300CN{t.login}|CO{PASSWORD}|CPlobby|"))
    assert answer is not None and answer.startswith("941"), answer
    return session


def fields_of(answer: str) -> dict[str, list[str]]:
    """The variable fields of an answer (after its fixed part)."""
    body = answer.rstrip("\r")
    if "AZ" in body:
        body = body[: body.rindex("AY") if "AY" in body else body.rindex("AZ")]
    fixed = {"94": 1, "98": 34, "64": 59, "24": 35, "12": 22, "10": 22, "30": 22,
             "66": 27, "18": 24, "36": 19, "38": 19}  # fmt: skip
    body = body[2 + fixed.get(body[:2], 0) :]
    found: dict[str, list[str]] = {}
    for part in body.split("|"):
        if part:
            found.setdefault(part[:2], []).append(part[2:])
    return found
