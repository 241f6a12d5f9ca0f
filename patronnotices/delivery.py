"""The channels: e-mail through Django's SMTP set-up (EMAIL_URL), text
messages through an SMS provider's HTTP API (an adapter), and printed
letters (services put them in the branch's open print batch).

A channel raises TryLater for a failure worth retrying (the provider or
the mail server is down, busy, or timed out) and GiveUp for one that will
not get better (the provider refuses the number). Neither carries the
address or the text: what is kept of a failure is its code.
"""

from __future__ import annotations

import json
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

# Failure codes kept on a notice and counted.
SMTP_FAILED = "smtp_failed"
SMS_UNAVAILABLE = "sms_unavailable"
SMS_PROVIDER_FAILED = "sms_provider_failed"
SMS_REFUSED = "sms_refused"


class TryLater(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class GiveUp(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def send_email(*, to: str, subject: str, body: str) -> None:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 20),
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as exc:
        raise GiveUp(SMTP_FAILED) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise TryLater(SMTP_FAILED) from exc


class SmsProvider(Protocol):
    def send(self, *, to: str, body: str) -> None: ...


@dataclass(frozen=True)
class HttpSmsProvider:
    """A provider's "send a message" endpoint: POST JSON {"to", "from",
    "body"} with a bearer token; any 2xx means accepted. 429 and 5xx are
    worth retrying; another 4xx is a refusal (a number it cannot reach).
    Most providers (Twilio's Messaging, Vonage, MessageBird) take this
    shape behind a small proxy, or with the field names set here."""

    url: str
    token: str
    sender: str
    timeout: float = 10.0

    def send(self, *, to: str, body: str) -> None:
        data = json.dumps({"to": to, "from": self.sender, "body": body}).encode()
        request = urllib.request.Request(  # noqa: S310 (an https URL from settings)
            self.url,
            data=data,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 429 or exc.code >= 500:
                raise TryLater(SMS_PROVIDER_FAILED) from exc
            raise GiveUp(SMS_REFUSED) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TryLater(SMS_PROVIDER_FAILED) from exc


def sms_provider() -> SmsProvider | None:
    """The configured provider (SMS_PROVIDER_URL), or None: then no notice
    goes by text message and patrons who prefer it get e-mail or a
    letter."""
    url = getattr(settings, "SMS_PROVIDER_URL", "")
    if not url:
        return None
    return HttpSmsProvider(
        url=url,
        token=getattr(settings, "SMS_PROVIDER_TOKEN", ""),
        sender=getattr(settings, "SMS_SENDER", ""),
    )
