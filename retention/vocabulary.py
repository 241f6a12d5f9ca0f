"""Retention vocabulary: record types, actions, reasons and the defaults of
DESIGN section 7.

The values are a stable interface (the `expunge` command's JSON output and
the legal-hold table other features write to); add to them, never rename.
A record type these do not name is declared by its handler, with its label
and default (see retention.registry).
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import models


class RecordType(models.TextChoices):
    RETURNED_LOANS = "returned_loans", "Returned loans"
    FINISHED_HOLDS = "finished_holds", "Finished holds"
    PAID_FEES = "paid_fees", "Paid and waived fees"
    DISCLOSURE_LOG = "disclosure_log", "Disclosure log"
    ACCESS_LOG = "access_log", "Audit access log"
    INQUIRIES = "inquiries", "Inquiries and reference questions"
    CALLBACKS = "callbacks", "Callback contact details"
    PROGRAM_SIGNUPS = "program_signups", "Program sign-ups"
    COMPUTER_SESSIONS = "computer_sessions", "Public-computer sessions"
    COMPLAINTS = "complaints", "Closed complaints"
    INCIDENTS = "incidents", "Closed incidents"
    INACTIVE_PATRONS = "inactive_patrons", "Inactive patrons"


class Action(models.TextChoices):
    ANONYMIZE = "anonymize", "Anonymize (remove the patron, keep statistics)"
    DELETE = "delete", "Delete"


class KeptReason(models.TextChoices):
    """Why a record still holding personal data was not expunged."""

    RETENTION_PERIOD = "retention_period", "Retention period not over"
    LEGAL_HOLD = "legal_hold", "Under a legal hold"
    OPTED_IN = "opted_in", "Patron keeps loan history"
    OPEN_FEE = "open_fee", "A fee on it is open"
    FEE_RECENTLY_CLOSED = "fee_recently_closed", "A fee on it closed within the period"
    OPEN_RECORDS = "open_records", "Patron has open loans, holds or fees"
    LINKED_PATRON = "linked_patron", "Guardian or proxy of a current patron"
    IN_USE = "in_use", "Locked by another transaction; retried next run"
    LEGAL_REQUEST = "legal_request", "Opened a legal request that is still kept"


class Default(NamedTuple):
    period_days: int
    action: str


# DESIGN section 7. Used by the data migration and as the fallback when an
# administrator has deleted the default ("*") row of a record type.
DEFAULTS: dict[str, Default] = {
    RecordType.RETURNED_LOANS: Default(30, Action.ANONYMIZE),
    RecordType.FINISHED_HOLDS: Default(30, Action.ANONYMIZE),
    RecordType.PAID_FEES: Default(365, Action.ANONYMIZE),
    RecordType.DISCLOSURE_LOG: Default(365, Action.DELETE),
    RecordType.ACCESS_LOG: Default(365, Action.DELETE),
    RecordType.INQUIRIES: Default(30, Action.ANONYMIZE),
    RecordType.CALLBACKS: Default(7, Action.ANONYMIZE),
    RecordType.PROGRAM_SIGNUPS: Default(30, Action.ANONYMIZE),
    RecordType.COMPUTER_SESSIONS: Default(1, Action.ANONYMIZE),
    RecordType.COMPLAINTS: Default(3 * 365, Action.ANONYMIZE),
    RecordType.INCIDENTS: Default(3 * 365, Action.ANONYMIZE),
    RecordType.INACTIVE_PATRONS: Default(3 * 365, Action.ANONYMIZE),
}

ANY_JURISDICTION = "*"
