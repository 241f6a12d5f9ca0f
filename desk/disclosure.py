"""The `reference` record type for the desk's disclosure answer: the
inquiries linked to a patron for follow-up whose text is still kept.

An inquiry links to a patron only when a follow-up needs one; once its
text is erased by retention, the link goes too, so nothing is left to
disclose.
"""

from __future__ import annotations

from desk.models import Inquiry
from patrons.models import Patron
from privacy.disclosure import DisclosedLine

MAX_SHOWN = 200


def reference_questions(patron: Patron, limit: int) -> list[DisclosedLine]:
    """The patron's reference questions, newest first."""
    rows = (
        Inquiry.objects.filter(patron=patron, text_erased_at__isnull=True)
        .select_related("inquiry_type")
        .order_by("-recorded_at", "-id")[:limit]
    )
    lines = []
    for inquiry in rows:
        kind = inquiry.inquiry_type.label if inquiry.inquiry_type else "Question"
        text = inquiry.question[:MAX_SHOWN] or "(no text kept)"
        lines.append(DisclosedLine(when=inquiry.recorded_at, text=f"{kind}: {text}"))
    return lines
