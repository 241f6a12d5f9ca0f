"""The five seed presets of DESIGN section 5 (US-NY, US-MA, US-IL, CA-ON,
US-WI), as plain data, and how a preset becomes a `Rules` snapshot.

Shipped by the data migration 0002 (a frozen copy: an edit here needs a new
migration)."""

from __future__ import annotations

from typing import Any

from privacy.decision import RECORD_TYPES, Rules, RuleText
from privacy.vocabulary import RecordType, VerificationStatus

CURRENT_CIRCULATION = [
    RecordType.CURRENT_LOANS.value,
    RecordType.HOLDS.value,
    RecordType.FEES.value,
]

# The day the sources below were last read.
CHECKED_ON = "2026-12-06"
STATUTE = VerificationStatus.STATUTE.value
SECONDARY = VerificationStatus.SECONDARY.value
UNVERIFIED = VerificationStatus.UNVERIFIED.value

IL_URL = "https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=007500700K1"
WI_URL = "https://docs.legis.wisconsin.gov/statutes/statutes/43/30"
ON_URL = "https://www.ontario.ca/laws/statute/90m56"


def _src(citation: str, quote: str, url: str, status: str) -> dict[str, str]:
    """One point's source: where the rule comes from and how it was checked."""
    return {
        "citation": citation,
        "quote": quote,
        "url": url,
        "checked_on": CHECKED_ON,
        "status": status,
    }


PRESETS: list[dict[str, Any]] = [
    {
        "jurisdiction_code": "US-NY",
        "name": "New York",
        "age_of_majority": 18,
        "parent_access": "may",
        "parent_access_max_age": 18,
        "parent_access_proof": ["card"],
        "parent_access_scope": CURRENT_CIRCULATION,
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["subpoena", "court_order", "search_warrant"],
        "emergency_disclosure": "none",
        "notify_patron_of_legal_request": True,
        "protected_records": list(RECORD_TYPES),
        "citation": "N.Y. CPLR 4509",
        "summary": (
            "Library records are confidential. The cardholder controls the card: "
            "with a valid card the cardholder, or the parent or guardian of a minor, "
            "may learn the current circulation record. Someone presenting a friend's "
            "or family member's card may borrow with the cardholder's authorization "
            "but is told nothing. Anyone else gets records only on a valid court "
            "order or subpoena presented to the Library Director."
        ),
        "sources": {
            "confidentiality": _src(
                "N.Y. CPLR 4509",
                "Library records ... shall be confidential and shall not be disclosed",
                "https://www.nysenate.gov/legislation/laws/CVP/4509",
                STATUTE,
            ),
            "parent_access": _src(
                "N.Y. CPLR 4509; Patterson Library Customer Service Policy",
                "shall be disclosed upon request or consent of the user",
                "https://www.nysenate.gov/legislation/laws/CVP/4509",
                SECONDARY,
            ),
            "law_enforcement": _src(
                "N.Y. CPLR 4509",
                "or pursuant to subpoena, court order or where otherwise required by statute",
                "https://www.nysenate.gov/legislation/laws/CVP/4509",
                STATUTE,
            ),
            "emergency": _src(
                "N.Y. CPLR 4509",
                "shall not be disclosed except ... (no emergency exception)",
                "https://www.nysenate.gov/legislation/laws/CVP/4509",
                STATUTE,
            ),
        },
        "rule_texts": {
            "guardian.parent_access": {
                "citation": "N.Y. CPLR 4509; Patterson Library Customer Service Policy",
                "explanation": (
                    "A parent or guardian of a child under 18 who presents the "
                    "child's valid library card may learn the child's current "
                    "circulation record: current loans, holds and fees."
                ),
            },
            "guardian.scope": {
                "citation": "N.Y. CPLR 4509; Patterson Library Customer Service Policy",
                "explanation": (
                    "With the child's card a parent may learn only the current "
                    "circulation record (current loans, holds and fees), not the "
                    "rest of the child's library records."
                ),
            },
            "proxy.no_disclosure": {
                "explanation": (
                    "A person presenting a friend's or family member's card may "
                    "check out items on it with the cardholder's authorization, but "
                    "no information from that library record may be given to them."
                ),
            },
        },
    },
    {
        "jurisdiction_code": "US-MA",
        "name": "Massachusetts",
        "age_of_majority": 18,
        "parent_access": "never",
        "parent_access_max_age": 18,
        "parent_access_proof": [],
        "parent_access_scope": [],
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["subpoena", "court_order", "search_warrant"],
        "emergency_disclosure": "none",
        "notify_patron_of_legal_request": True,
        "protected_records": list(RECORD_TYPES),
        "citation": "Mass. G.L. c.78 §7",
        "summary": (
            "The library cannot reveal borrowing or reserve records to anyone other "
            "than the owner of the library card. This applies to the parents of "
            "minors when the minor has their own card. Legal requests go to the "
            "Director, who consults counsel."
        ),
        "sources": {
            "confidentiality": _src(
                "Mass. G.L. c.78 §7",
                "that part of the records of a public library which reveals the identity and "
                "intellectual pursuits of a person using such library shall not be a public record",
                "https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7",
                SECONDARY,
            ),
            "parent_access": _src(
                "Mass. G.L. c.78 §7; Millbury Public Library Customer Service Policy",
                "shall not be a public record (no parent exception)",
                "https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7",
                SECONDARY,
            ),
            "law_enforcement": _src(
                "Mass. G.L. c.78 §7",
                "pursuant to subpoena or search warrant (library policies applying the section)",
                "https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7",
                SECONDARY,
            ),
            "emergency": _src(
                "Mass. G.L. c.78 §7",
                "shall not be a public record (no emergency exception)",
                "https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXII/Chapter78/Section7",
                SECONDARY,
            ),
        },
        "rule_texts": {
            "guardian.not_permitted": {
                "citation": "Mass. G.L. c.78 §7; Millbury Public Library Customer Service Policy",
                "explanation": (
                    "Massachusetts law lets the library reveal borrowing and reserve "
                    "records only to the owner of the library card. That includes "
                    "parents: when a child has their own card, the record is the "
                    "child's."
                ),
            },
            "law_enforcement.legal_instrument": {
                "explanation": (
                    "Only the Library Director can act on a legal request, after "
                    "consulting counsel; I can't share anything at the desk."
                ),
            },
        },
    },
    {
        "jurisdiction_code": "US-IL",
        "name": "Illinois",
        "age_of_majority": 18,
        "parent_access": "never",
        "parent_access_max_age": 18,
        "parent_access_proof": [],
        "parent_access_scope": [],
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        # A search warrant is a court order: the Act accepts court orders only.
        "accepted_instruments": ["court_order", "search_warrant"],
        "emergency_disclosure": "identity_only",
        "notify_patron_of_legal_request": True,
        "protected_records": list(RECORD_TYPES),
        "citation": "75 ILCS 70/1",
        "summary": (
            "Library registration and circulation records are confidential under the "
            "Illinois Library Records Confidentiality Act. They are released only on "
            "a court order (a search warrant is one), presented to the Director. In "
            "an emergency, a sworn officer may be given a patron's identity only."
        ),
        "sources": {
            "confidentiality": _src(
                "75 ILCS 70/1(a)",
                "The registration and circulation records of a library are confidential "
                "information.",
                IL_URL,
                STATUTE,
            ),
            "parent_access": _src(
                "75 ILCS 70/1(a)",
                "No person shall publish or make any information contained in such records "
                "available to the public unless ... (no parent exception)",
                IL_URL,
                STATUTE,
            ),
            "law_enforcement": _src(
                "75 ILCS 70/1(a)(1)", "required to do so under a court order", IL_URL, STATUTE
            ),
            "emergency": _src(
                "75 ILCS 70/1(a)(2)",
                "limited to identifying a suspect, witness, or victim of a crime ... must sign a "
                "form acknowledging the receipt of the information",
                IL_URL,
                STATUTE,
            ),
        },
        "rule_texts": {
            "law_enforcement.instrument_not_accepted": {
                "citation": "75 ILCS 70/1(a)",
                "explanation": (
                    "In Illinois a subpoena is not enough: library records are "
                    "released only on a court order, such as a search warrant, "
                    "presented to the Library Director."
                ),
            },
            "law_enforcement.legal_instrument": {"citation": "75 ILCS 70/1(a)"},
            "law_enforcement.emergency_identity": {"citation": "75 ILCS 70/1(b)"},
            "law_enforcement.emergency_identity_only": {"citation": "75 ILCS 70/1(b)"},
            "guardian.not_permitted": {
                "explanation": (
                    "Illinois law keeps a cardholder's registration and circulation "
                    "records confidential from everyone without a court order, "
                    "parents included."
                ),
            },
        },
    },
    {
        "jurisdiction_code": "CA-ON",
        "name": "Ontario",
        "age_of_majority": 18,
        "parent_access": "may",
        "parent_access_max_age": 16,
        "parent_access_proof": ["card", "photo_id"],
        "parent_access_scope": CURRENT_CIRCULATION,
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["court_order", "search_warrant"],
        "emergency_disclosure": "with_notice",
        "notify_patron_of_legal_request": True,
        "protected_records": list(RECORD_TYPES),
        "citation": "MFIPPA s.32, s.54(c)",
        "summary": (
            "Staff will not reveal who uses library materials, nor the items checked "
            "out on another patron's card. Parents who come with their child's card "
            "or some ID are the exception, for children under 16. Requests for "
            "information are confidential and discussed only with another librarian "
            "to answer them."
        ),
        "sources": {
            "confidentiality": _src(
                "MFIPPA s.32",
                "",
                ON_URL,
                UNVERIFIED,
            ),
            "parent_access": _src(
                "MFIPPA s.54(c)",
                "Until a child turns 16, anyone having lawful custody of the child has a right "
                "under MFIPPA to access the child's record (IPC Ontario guidance)",
                ON_URL,
                SECONDARY,
            ),
            "law_enforcement": _src("MFIPPA s.32", "", ON_URL, UNVERIFIED),
            "emergency": _src("MFIPPA s.32(h)", "", ON_URL, UNVERIFIED),
        },
        "rule_texts": {
            "guardian.parent_access": {
                "citation": "MFIPPA s.54(c); Kenora Public Library Policy OP-02-01-01",
                "explanation": (
                    "A parent of a child under 16 who comes with the child's card or "
                    "some ID may learn the child's current loans, holds and fees."
                ),
            },
            "guardian.over_age_limit": {"citation": "MFIPPA s.54(c)"},
            "guardian.scope": {"citation": "MFIPPA s.54(c)"},
            "guardian.proof_missing": {"citation": "MFIPPA s.54(c)"},
            "law_enforcement.emergency_with_notice": {"citation": "MFIPPA s.32(h)"},
        },
    },
    {
        "jurisdiction_code": "US-WI",
        "name": "Wisconsin",
        "age_of_majority": 18,
        "parent_access": "must",
        "parent_access_max_age": 16,
        "parent_access_proof": ["photo_id"],
        "parent_access_scope": list(RECORD_TYPES),
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["court_order"],
        "emergency_disclosure": "none",
        "notify_patron_of_legal_request": True,
        "protected_records": list(RECORD_TYPES),
        "citation": "Wis. Stat. 43.30",
        "summary": (
            "Library records are confidential and released only on a court order. "
            "The library must disclose a child's records to the custodial parent or "
            "guardian of a child under 16 who asks and shows proof of identity."
        ),
        "sources": {
            "confidentiality": _src(
                "Wis. Stat. 43.30(1m)",
                "may not be disclosed except by court order or to persons acting within the "
                "scope of their duties",
                WI_URL,
                STATUTE,
            ),
            "parent_access": _src(
                "Wis. Stat. 43.30(4)",
                "Upon the request of a custodial parent or guardian of a child who is under the "
                "age of 16, a library ... shall disclose",
                WI_URL,
                STATUTE,
            ),
            "law_enforcement": _src(
                "Wis. Stat. 43.30(1m)",
                "may not be disclosed except by court order",
                WI_URL,
                STATUTE,
            ),
            "emergency": _src("Wis. Stat. 43.30(5)", "", WI_URL, UNVERIFIED),
        },
        "rule_texts": {
            "guardian.parent_access": {
                "citation": "Wis. Stat. 43.30(1m)",
                "explanation": (
                    "Wisconsin law requires the library to disclose the records of a "
                    "child under 16 to the child's custodial parent or guardian who "
                    "asks and shows proof of identity."
                ),
            },
            "guardian.proof_missing": {
                "citation": "Wis. Stat. 43.30(1m)",
                "explanation": (
                    "A parent or guardian must show a photo ID (proof of identity) "
                    "before I can share a child's records."
                ),
            },
            "guardian.over_age_limit": {"citation": "Wis. Stat. 43.30(1m)"},
        },
    },
]

PRESET_CODES: tuple[str, ...] = tuple(p["jurisdiction_code"] for p in PRESETS)


def rules_from_data(data: dict[str, Any]) -> Rules:
    """A `Rules` snapshot from preset (or model field) values."""
    return Rules(
        jurisdiction_code=data["jurisdiction_code"],
        name=data.get("name", ""),
        age_of_majority=data["age_of_majority"],
        parent_access=data["parent_access"],
        parent_access_max_age=data["parent_access_max_age"],
        parent_access_proof=frozenset(data["parent_access_proof"]),
        parent_access_scope=frozenset(data["parent_access_scope"]),
        cardholder_proof=frozenset(data["cardholder_proof"]),
        minor_can_share_with_guardian=data["minor_can_share_with_guardian"],
        accepted_instruments=frozenset(data["accepted_instruments"]),
        emergency_disclosure=data["emergency_disclosure"],
        notify_patron_of_legal_request=data["notify_patron_of_legal_request"],
        protected_records=frozenset(data["protected_records"]),
        citation=data["citation"],
        summary=data["summary"],
        rule_texts={
            rule: RuleText(
                citation=text.get("citation", ""), explanation=text.get("explanation", "")
            )
            for rule, text in (data.get("rule_texts") or {}).items()
        },
    )
