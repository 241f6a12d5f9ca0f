"""Writes of the legal app, by subject: intake at the desk, the Director's
review (designees, counsel, scope, holds, warrant, non-disclosure, close),
production, and the patron notice."""

from legal.services.clocks import legal_check_clocks
from legal.services.common import LegalError
from legal.services.intake import legal_request_open
from legal.services.notices import legal_notice_send, legal_notices_release
from legal.services.production import (
    instrument_standing,
    production_build,
    production_hand_over,
    production_request,
)
from legal.services.review import (
    legal_close,
    legal_counsel_note,
    legal_designee_name,
    legal_designee_remove,
    legal_document_add,
    legal_hold_place_now,
    legal_hold_release_now,
    legal_item_seize,
    legal_nondisclosure_set,
    legal_refuse,
    legal_scope_set,
    legal_warrant_execute,
)

__all__ = [
    "LegalError",
    "instrument_standing",
    "legal_check_clocks",
    "legal_close",
    "legal_counsel_note",
    "legal_designee_name",
    "legal_designee_remove",
    "legal_document_add",
    "legal_hold_place_now",
    "legal_hold_release_now",
    "legal_item_seize",
    "legal_nondisclosure_set",
    "legal_notice_send",
    "legal_notices_release",
    "legal_refuse",
    "legal_request_open",
    "legal_scope_set",
    "legal_warrant_execute",
    "production_build",
    "production_hand_over",
    "production_request",
]
