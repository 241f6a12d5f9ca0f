"""The privacy vocabulary of DESIGN section 6, shared by code, UI and commands.

These values are a stable interface (privacy_decide arguments, JSON output,
retention record types); add to them, never rename.
"""

from django.db import models

import recordtypes

# The record types and access kinds sit below the apps that own the
# records (recordtypes.vocabulary); privacy's readers take them from here.
from recordtypes.vocabulary import AccessKind as AccessKind
from recordtypes.vocabulary import RecordType as RecordType
from recordtypes.vocabulary import access_kind_labels as access_kind_labels


class Requester(models.TextChoices):
    CARDHOLDER = "cardholder", "The cardholder"
    GUARDIAN = "guardian", "A parent or legal guardian"
    PROXY = "proxy", "Someone holding the card with authorization"
    THIRD_PARTY = "third_party", "Another person"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    STAFF = "staff", "Library staff, for their duties"


def record_types() -> tuple[str, ...]:
    """Every record type the desk decides on: the vocabulary's, in its
    stable order, then those the apps declare (recordtypes)."""
    return tuple(recordtypes.ordered(RecordType.values))


def record_type_label(value: str) -> str:
    if value in RecordType.values:
        return str(RecordType(value).label)
    declared = recordtypes.get(value)
    return declared.label if declared is not None else value


def record_type_choices() -> list[tuple[str, str]]:
    return [(value, record_type_label(value)) for value in record_types()]


class Proof(models.TextChoices):
    NONE = "none", "No proof"
    CARD = "card", "The library card"
    PHOTO_ID = "photo_id", "Photo ID"
    CARD_AND_ID = "card_and_id", "Card and photo ID"


class Instrument(models.TextChoices):
    NONE = "none", "None"
    SUBPOENA = "subpoena", "Subpoena"
    COURT_ORDER = "court_order", "Court order"
    SEARCH_WARRANT = "search_warrant", "Search warrant"
    EMERGENCY = "emergency", "Emergency"


class Outcome(models.TextChoices):
    ALLOW = "allow", "May be told"
    DENY = "deny", "May not be told"
    REFER = "refer", "Refer to the Director"


class ParentAccess(models.TextChoices):
    NEVER = "never", "Never"
    MAY = "may", "May, on request"
    MUST = "must", "Must, on request"


class EmergencyDisclosure(models.TextChoices):
    NONE = "none", "No emergency exception"
    IDENTITY_ONLY = "identity_only", "Identity only (registration)"
    WITH_NOTICE = "with_notice", "Any record, patron notified afterwards"


# The one-click answers of the desk's "Who is asking?" panel: a requester
# and the proof shown, in the order of their keyboard shortcuts.
DESK_ASKS: tuple[tuple[str, str, str], ...] = (
    (Requester.CARDHOLDER, Proof.CARD, "Cardholder, with card"),
    (Requester.CARDHOLDER, Proof.PHOTO_ID, "Cardholder, with photo ID"),
    (Requester.GUARDIAN, Proof.CARD, "Parent or guardian, with the child's card"),
    (Requester.GUARDIAN, Proof.PHOTO_ID, "Parent or guardian, with their photo ID"),
    (Requester.PROXY, Proof.CARD, "Someone else holding the card (proxy)"),
    (Requester.THIRD_PARTY, Proof.NONE, "Another person"),
    (Requester.LAW_ENFORCEMENT, Proof.NONE, "Law enforcement"),
)

# Who may ask at the desk: everyone but staff using records for their duties.
DESK_REQUESTERS = tuple(r for r in Requester if r != Requester.STAFF)

# Requesters whose proof is not part of the answer's heading: nothing they
# show changes what a third party or an officer at the desk is told.
PROOF_IRRELEVANT = (Requester.THIRD_PARTY, Requester.LAW_ENFORCEMENT)

# Each rule of privacy.decision in plain words: why the answer is what it is,
# as the rule simulator and the rule-wording form name it. The rule id stays
# the stable interface; this is only how a librarian reads it.
RULE_TITLES: dict[str, str] = {
    "staff.duties": "Staff use records for their work",
    "cardholder.own_records": "The cardholder showed the proof asked for",
    "cardholder.proof_missing": "The cardholder has not shown the proof asked for",
    "proxy.no_disclosure": "Someone borrowing on the card is told nothing",
    "third_party.no_disclosure": "Nobody else is told anything",
    "third_party.legal_instrument": "Only the Director acts on a legal document",
    "guardian.parent_access": "Parents of a child under the age limit may be told",
    "guardian.minor_shared": "The child chose to share with their parent",
    "guardian.not_permitted": "Parents are not told what is on a child's own card",
    "guardian.adult_patron": "The cardholder is an adult",
    "guardian.over_age_limit": "The child is past the age limit for parents",
    "guardian.age_unknown": "The record has no date of birth",
    "guardian.scope": "Parents may not learn this kind of record",
    "guardian.proof_missing": "The parent has not shown the proof asked for",
    "law_enforcement.legal_instrument": "Only the Director acts on a legal document",
    "law_enforcement.no_instrument": "No legal document: an officer is told nothing",
    "law_enforcement.instrument_not_accepted": "This kind of legal document is not accepted here",
    "law_enforcement.emergency_identity": "Emergency: the Director may give the identity only",
    "law_enforcement.emergency_identity_only": "Emergency: nothing but the identity may be given",
    "law_enforcement.emergency_with_notice": (
        "Emergency: the Director may release it; the patron is told afterwards"
    ),
    "law_enforcement.emergency_not_recognised": "The law here has no emergency exception",
}


class VerificationStatus(models.TextChoices):
    """How a point of a preset's law was checked (DESIGN section 5)."""

    STATUTE = "statute", "Checked against the statute's text"
    SECONDARY = "secondary", "From a secondary source"
    UNVERIFIED = "unverified", "Not verified"


# The points of law every preset records a source for.
SOURCE_POINTS: tuple[tuple[str, str], ...] = (
    ("confidentiality", "Records are confidential"),
    ("parent_access", "Parents and guardians"),
    ("law_enforcement", "Legal instruments"),
    ("emergency", "Emergencies"),
)


def verification_status(sources: object) -> str:
    """The weakest status among a preset's points: `unverified` when any
    point is unverified, missing or malformed; `statute` when all were
    read in the statute; else `secondary`."""
    if not isinstance(sources, dict):
        return VerificationStatus.UNVERIFIED.value
    statuses = []
    for point, _label in SOURCE_POINTS:
        source = sources.get(point)
        status = source.get("status") if isinstance(source, dict) else None
        statuses.append(status if status in VerificationStatus.values else "unverified")
    if VerificationStatus.UNVERIFIED in statuses:
        return VerificationStatus.UNVERIFIED.value
    if all(s == VerificationStatus.STATUTE for s in statuses):
        return VerificationStatus.STATUTE.value
    return VerificationStatus.SECONDARY.value
