from __future__ import annotations

from celery import shared_task

from notices import delivery


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notice_email(notice_id: int) -> bool:
    return delivery.notice_email_deliver(notice_id=notice_id)
