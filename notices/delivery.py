"""Sending a notice's e-mail: what the Celery task runs."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from notices.models import Notice


def absolute_link(link: str) -> str:
    """An in-app path made absolute with SITE_URL, for e-mail."""
    if not link:
        return ""
    return settings.SITE_URL.rstrip("/") + link


@transaction.atomic
def notice_email_deliver(*, notice_id: int) -> bool:
    """Send one notice's e-mail, once (safe to run twice: it locks the row
    and checks that it has not been sent)."""
    notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None or notice.emailed_at is not None or not notice.email_to:
        return False
    text = notice.body.strip()
    link = absolute_link(notice.link)
    if link:
        text = f"{text}\n\nOpen it: {link}" if text else f"Open it: {link}"
    send_mail(notice.subject, text + "\n", None, [notice.email_to])
    notice.emailed_at = timezone.now()
    notice.save(update_fields=["emailed_at"])
    return True
