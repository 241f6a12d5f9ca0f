"""Letters to the people a case is about, rendered from templates and
e-mailed.

A letter's subject and body go to the recipient and nowhere else: nothing
here logs them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from organisation import clock
from organisation.policies import directors, is_director
from organisation.users import StaffUser


def a_director() -> StaffUser | None:
    return directors().select_related("staff_profile").first()


def signatory(user: StaffUser | None) -> dict[str, str]:
    """The signer's public display name (seed 001) and title; the Director
    signs when nobody has decided yet (acknowledgements)."""
    if user is None:
        user = a_director()
    profile = getattr(user, "staff_profile", None) if user is not None else None
    name = profile.display_name if profile is not None else ""
    if user is not None and is_director(user):
        title = "Library Director"
    else:
        title = "for the Library Director"
    return {"name": name, "title": title}


def day(moment: datetime.datetime | None, tz: str) -> str:
    """A date as the branch sees it (its own timezone), e.g. "December 4, 2026"."""
    if moment is None:
        return ""
    return f"{clock.local_now(tz, moment):%B %-d, %Y}"


def render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """(text, html) of `<template>.txt` and `<template>.html`; the HTML is the
    printable page staff open, without its on-screen controls."""
    html = render_to_string(f"{template}.html", {**context, "for_email": True})
    text = render_to_string(f"{template}.txt", context)
    return text, html


def letter_send(*, to: str, subject: str, text: str, html: str) -> None:
    """E-mail one letter (plain text and HTML) to one address."""
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(html, "text/html")
    message.send()
