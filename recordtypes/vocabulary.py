"""The record types and access-log kinds of DESIGN section 6, at the bottom
of the house so that the apps owning the records (patrons, circulation,
programs, computers) declare theirs without importing privacy, which reads
them. Stable values: add to them, never rename. `privacy.vocabulary`
carries them on with the rest of the privacy vocabulary.
"""

from __future__ import annotations

from django.db import models

import recordtypes


class RecordType(models.TextChoices):
    REGISTRATION = "registration", "Registration (identity and contact)"
    CURRENT_LOANS = "current_loans", "Current loans"
    LOAN_HISTORY = "loan_history", "Loan history"
    HOLDS = "holds", "Holds"
    FEES = "fees", "Fees"
    PROGRAM_ATTENDANCE = "program_attendance", "Program attendance"
    COMPUTER_USE = "computer_use", "Computer use"
    REFERENCE = "reference", "Reference questions"


class AccessKind(models.TextChoices):
    """What a staff member opened, as the access log and the cardholder's
    access report name it."""

    SCAN = "scan", "Scanned the library card"
    DESK = "desk", "Opened the record at the desk"
    PATRON_PAGE = "patron_page", "Opened the patron page"
    SEARCH_RESULT = "search_result", "Opened the record from a search"
    LOAN_HISTORY = "loan_history", "Opened the loan history"


def access_kind_labels() -> dict[str, str]:
    """Every access-log kind and its label, the vocabulary's first, then
    those the record types declare."""
    return {**{k: str(v) for k, v in AccessKind.choices}, **recordtypes.access_kinds()}
