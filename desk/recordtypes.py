"""The desk's confidential record type, `reference` (DESIGN section 6):
questions linked to a patron for follow-up and the callbacks promised,
declared once for the registry (recordtypes). A legal production takes
the lines the desk may read out."""

from __future__ import annotations

from desk.disclosure import reference_questions
from desk.retention import CallbackHandler, InquiryHandler
from privacy.vocabulary import RecordType
from recordtypes import Declaration, register

register(
    Declaration(
        key=RecordType.REFERENCE.value,
        label=str(RecordType.REFERENCE.label),
        disclose=reference_questions,
        retention=(InquiryHandler, CallbackHandler),
    )
)
