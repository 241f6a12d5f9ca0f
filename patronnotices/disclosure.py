"""Notices on the cardholder's access report (privacy.disclosure): each
notice sent, by channel and kind, and when; never its title or text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from patronnotices.selectors import notices_sent_to
from patrons.models import Patron
from privacy.disclosure import reports_access

SENDER = "Library notices (automatic)"


@dataclass(frozen=True)
class NoticeLine:
    when: datetime.datetime
    staff: str
    what: str
    purpose: str


@reports_access
def notices_sent(patron: Patron) -> list[NoticeLine]:
    return [
        NoticeLine(
            when=notice.sent_at,
            staff=SENDER,
            what=f"Notice: {notice.get_kind_display()}",
            purpose=f"By {notice.get_channel_display().lower()}",
        )
        for notice in notices_sent_to(patron_id=patron.pk)
        if notice.sent_at is not None
    ]
