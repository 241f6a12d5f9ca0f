"""Notices sent to a patron as a confidential record type (DESIGN
sections 6 and 7), declared once for the registry (recordtypes): what the
desk may read out (kind, channel and when; never a title), the retention
handlers that expunge the notices and the preferences, and the legal
production's rows (taken from those lines)."""

from __future__ import annotations

from patronnotices.retention import NoticePreferenceHandler, PatronNoticeHandler
from patronnotices.selectors import notices_sent_to
from patrons.models import Patron
from privacy.disclosure import DisclosedLine
from recordtypes import Declaration, register

KEY = "patron_notices"


def notices(patron: Patron, limit: int) -> list[DisclosedLine]:
    return [
        DisclosedLine(
            when=n.sent_at,
            text=f"{n.get_kind_display()}, by {n.get_channel_display().lower()}",
        )
        for n in notices_sent_to(patron_id=patron.pk)[:limit]
    ]


register(
    Declaration(
        key=KEY,
        label="Notices sent to the patron",
        disclose=notices,
        retention=(PatronNoticeHandler, NoticePreferenceHandler),
        access_kinds=(("notice_letter", "Opened a print batch holding a notice letter"),),
    )
)
