"""A masked CSRF token for an answer that writes one on every card
scanned: Django's token, masked as Django masks it, for less.

django.middleware.csrf.get_token() draws the 32 characters of each new
mask one at a time from the operating system (32 calls for one token),
and marks the CSRF cookie to be sent again, with a new expiry, on the
answer. On the desk's card scan those two were a sixth of the scan's own
work. masked_token() gives what get_token() gives (the cookie's secret
under a fresh random mask, which Django's middleware unmasks) from one
draw of random bytes, and leaves the cookie as it is: the page around
the desk renews it whenever it is loaded. Without a secret yet (no
cookie) it is get_token() itself, which sets one.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: i for i, char in enumerate(_CHARS)}
# Bytes below this are kept, the rest drawn again: every character of the
# mask equally likely (256 is not a multiple of 62).
_BELOW = 256 - 256 % len(_CHARS)


def _mask() -> str:
    chars: list[str] = []
    while len(chars) < CSRF_SECRET_LENGTH:
        chars.extend(_CHARS[b % len(_CHARS)] for b in secrets.token_bytes(48) if b < _BELOW)
    return "".join(chars[:CSRF_SECRET_LENGTH])


def masked_token(request: HttpRequest) -> str:
    """The request's CSRF secret under a new random mask, as get_token()
    returns it (mask, then cipher), without renewing the cookie."""
    secret = request.META.get("CSRF_COOKIE")
    if not (
        isinstance(secret, str)
        and len(secret) == CSRF_SECRET_LENGTH
        and secret.isascii()
        and secret.isalnum()
    ):
        return get_token(request)
    mask = _mask()
    n = len(_CHARS)
    cipher = "".join(_CHARS[(_INDEX[s] + _INDEX[m]) % n] for s, m in zip(secret, mask, strict=True))
    return mask + cipher
