"""The five jurisdiction presets of DESIGN section 5, as plain data.

Shipped by the data migration 0002 (a frozen copy: an edit here needs a new
migration) and used by tests as `Rules` snapshots.
They are examples drawn from the seed policies and public statutes: every
admin page says to confirm them with counsel. In every preset a cardholder
shows their card or a photo ID, the age of majority is 18, all record
types are protected, and a minor may choose to share with a guardian.
"""

from __future__ import annotations

from typing import Any

from privacy.decision import RECORD_TYPES, Rules, RuleText
from privacy.vocabulary import SOURCE_POINTS, RecordType, VerificationStatus

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


def preset_rules(code: str) -> Rules:
    """The `Rules` of one shipped preset; KeyError for an unknown code."""
    for data in ALL_PRESETS:
        if data["jurisdiction_code"] == code:
            return rules_from_data(data)
    raise KeyError(code)


# --- Every other US state, DC, and every Canadian province and territory ---
#
# Each point of law (confidentiality, parent access, legal instruments,
# emergencies) carries its source and how it was checked. A point marked
# unverified takes the strictest reading, and its rule's explanation says so:
# parents are never told, only a court order is accepted, and there is no
# emergency exception.

ALL_RECORDS = list(RECORD_TYPES)
CIRCULATION = ["registration", "current_loans", "loan_history", "holds", "fees"]

_STRICT_PARENT = (
    "This point of {name} law has not been verified against the statute, so the desk "
    "takes the strictest reading until counsel confirms it: only the cardholder is told, "
    "never a parent."
)
_STRICT_INSTRUMENT = (
    "Which legal documents {name} law accepts has not been verified against the statute, "
    "so the desk takes the strictest reading until counsel confirms it: only a court "
    "order, presented to the Library Director."
)
_STRICT_EMERGENCY = (
    "Whether {name} law has an emergency exception has not been verified against the "
    "statute, so the desk takes the strictest reading until counsel confirms it: no "
    "emergency exception; the Director acts only on a court order."
)

_GUARDIAN_RULES = (
    "guardian.parent_access",
    "guardian.not_permitted",
    "guardian.over_age_limit",
    "guardian.age_unknown",
    "guardian.scope",
    "guardian.proof_missing",
)
_INSTRUMENT_RULES = (
    "law_enforcement.legal_instrument",
    "law_enforcement.no_instrument",
    "law_enforcement.instrument_not_accepted",
    "third_party.legal_instrument",
)
_EMERGENCY_RULES = (
    "law_enforcement.emergency_identity",
    "law_enforcement.emergency_identity_only",
    "law_enforcement.emergency_with_notice",
    "law_enforcement.emergency_not_recognised",
)


def _build(
    code: str,
    name: str,
    citation: str,
    sources: dict[str, dict[str, str]],
    *,
    parent: tuple[str, int, list[str], list[str]] | None = None,
    instruments: tuple[str, ...] = ("court_order",),
    emergency: str = "none",
    summary: str = "",
    texts: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """A preset in the shape of PRESETS, with the wording each rule cites.

    `parent` is (access, max_age, proof, scope) or None for never. An
    unverified point must come with the strictest value; the check is here
    so that a preset cannot be written otherwise.
    """
    if sources["parent_access"]["status"] == UNVERIFIED and parent is not None:
        raise ValueError(f"{code}: unverified parent access must be never")
    if sources["law_enforcement"]["status"] == UNVERIFIED and instruments != ("court_order",):
        raise ValueError(f"{code}: unverified instruments must be court order only")
    if sources["emergency"]["status"] == UNVERIFIED and emergency != "none":
        raise ValueError(f"{code}: an unverified emergency rule must be none")
    access, max_age, proof, scope = parent or ("never", 18, [], [])
    rule_texts: dict[str, dict[str, str]] = {}
    for rules, point, strict in (
        (_GUARDIAN_RULES, "parent_access", {"guardian.not_permitted": _STRICT_PARENT}),
        (
            _INSTRUMENT_RULES,
            "law_enforcement",
            {
                "law_enforcement.no_instrument": _STRICT_INSTRUMENT,
                "law_enforcement.instrument_not_accepted": _STRICT_INSTRUMENT,
            },
        ),
        (
            _EMERGENCY_RULES,
            "emergency",
            {"law_enforcement.emergency_not_recognised": _STRICT_EMERGENCY},
        ),
    ):
        source = sources[point]
        for rule in rules:
            rule_texts[rule] = {"citation": source["citation"]}
            if source["status"] == UNVERIFIED and rule in strict:
                rule_texts[rule]["explanation"] = strict[rule].format(name=name)
    for rule, text in (texts or {}).items():
        rule_texts.setdefault(rule, {}).update(text)
    unverified = [
        label
        for point, label in (
            ("parent_access", "parent access"),
            ("law_enforcement", "legal instruments"),
            ("emergency", "emergencies"),
        )
        if sources[point]["status"] == UNVERIFIED
    ]
    if not summary:
        summary = f"Library records are confidential ({citation})."
    if unverified:
        summary += (
            " Not verified against the statute: "
            + ", ".join(unverified)
            + "; those points take the strictest reading until counsel confirms them."
        )
    return {
        "jurisdiction_code": code,
        "name": name,
        "age_of_majority": 18,
        "parent_access": access,
        "parent_access_max_age": max_age,
        "parent_access_proof": proof,
        "parent_access_scope": scope,
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": list(instruments),
        "emergency_disclosure": emergency,
        "notify_patron_of_legal_request": True,
        "protected_records": list(RECORD_TYPES),
        "citation": citation,
        "summary": summary,
        "rule_texts": rule_texts,
        "sources": sources,
    }


def _same(citation: str, url: str, status: str, quote: str = "") -> dict[str, dict[str, str]]:
    """Every point from one source, checked alike."""
    return {point: _src(citation, quote, url, status) for point, _label in SOURCE_POINTS}


def _unverified(code: str, name: str, citation: str, url: str) -> dict[str, Any]:
    """A jurisdiction whose statute was not read: every point strict."""
    return _build(code, name, citation, _same(citation, url, UNVERIFIED))


WARRANT_OR_ORDER = ("court_order", "search_warrant")
SUBPOENA_OR_ORDER = ("subpoena", "court_order", "search_warrant")

AL_URL = "https://alison.legislature.state.al.us/code-of-alabama?section=41-8-10"
AK_URL = "https://www.akleg.gov/basis/statutes.asp#40.25.140"
AR_URL = "https://law.justia.com/codes/arkansas/title-13/chapter-2/subchapter-7/"
CO_URL = "https://leg.colorado.gov/colorado-revised-statutes"
FL_URL = "https://www.flsenate.gov/Laws/Statutes/2024/257.261"
GA_URL = "https://law.justia.com/codes/georgia/title-24/chapter-12/section-24-12-30/"
NJ_URL = "https://lis.njleg.state.nj.us/nxt/gateway.dll?f=templates&fn=default.htm&vid=Publish:10.1048/Enu"
NC_URL = (
    "https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_125/GS_125-19.html"
)
OH_URL = "https://codes.ohio.gov/ohio-revised-code/section-149.432"
OK_URL = "https://oksenate.gov/sites/default/files/2019-12/os65.pdf"
SD_URL = "https://sdlegislature.gov/Statutes/14-2-51"
VT_URL = "https://legislature.vermont.gov/statutes/section/22/004/00172"
CA_URL = (
    "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
    "?sectionNum=7927.105.&lawCode=GOV"
)
MI_URL = "https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-397-603"
MN_URL = "https://www.revisor.mn.gov/statutes/cite/13.40"
MO_URL = "https://revisor.mo.gov/main/OneSection.aspx?section=182.817"
PA_URL = (
    "https://www.legis.state.pa.us/cfdocs/legis/LI/consCheck.cfm?txtType=HTM&ttl=24&div=0&chpt=93"
)
TX_URL = "https://statutes.capitol.texas.gov/Docs/GV/htm/GV.552.htm#552.124"
SK_URL = "https://publications.saskatchewan.ca/#/products/749"

OTHER_PRESETS: list[dict[str, Any]] = [
    _build(
        "US-AL",
        "Alabama",
        "Ala. Code § 41-8-10",
        {
            "confidentiality": _src(
                "Ala. Code § 41-8-10",
                "the registration and circulation records ... shall be confidential",
                AL_URL,
                STATUTE,
            ),
            "parent_access": _src(
                "Ala. Code § 41-8-10",
                "any parent of a minor child shall have the right to inspect the registration "
                "and circulation records ... that pertain to his or her child",
                AL_URL,
                STATUTE,
            ),
            "law_enforcement": _src(
                "Ala. Code § 41-8-10",
                "shall not be open for inspection by, or otherwise available to, any agency or "
                "individual except (the library, the state education department, the Public "
                "Library Service)",
                AL_URL,
                STATUTE,
            ),
            "emergency": _src("Ala. Code § 41-8-10", "(no emergency exception)", AL_URL, STATUTE),
        },
        parent=("must", 18, ["photo_id"], CIRCULATION),
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "Alabama law gives a parent of a minor child the right to inspect the "
                    "child's registration and circulation records, on showing a photo ID."
                )
            },
            "law_enforcement.no_instrument": {
                "explanation": (
                    "Alabama's statute names no exception for legal process; only a court "
                    "order, reviewed by the Director with counsel, can release records."
                )
            },
        },
    ),
    _build(
        "US-AK",
        "Alaska",
        "AS 40.25.140",
        {
            "confidentiality": _src(
                "AS 40.25.140(a)",
                "shall be kept confidential, except upon court order",
                AK_URL,
                STATUTE,
            ),
            "parent_access": _src(
                "AS 40.25.140(b)",
                "Records of a public elementary or secondary school library identifying a minor "
                "child shall be made available on request to a parent or guardian",
                AK_URL,
                STATUTE,
            ),
            "law_enforcement": _src("AS 40.25.140(a)", "except upon court order", AK_URL, STATUTE),
            "emergency": _src(
                "AS 40.25.140(a)",
                "except upon court order (no emergency exception)",
                AK_URL,
                STATUTE,
            ),
        },
        texts={
            "guardian.not_permitted": {
                "explanation": (
                    "In Alaska only school libraries must show a parent a child's records; a "
                    "public library keeps them confidential, parents included."
                )
            }
        },
    ),
    _unverified(
        "US-AZ", "Arizona", "A.R.S. § 41-151.22", "https://www.azleg.gov/ars/41/00151-22.htm"
    ),
    _build(
        "US-AR",
        "Arkansas",
        "Ark. Code § 13-2-701 to -706",
        {
            "confidentiality": _src(
                "Ark. Code § 13-2-703(a)",
                "shall be confidential and shall not be disclosed except as permitted by this "
                "subchapter",
                AR_URL,
                STATUTE,
            ),
            "parent_access": _src("Ark. Code § 13-2-704", "", AR_URL, UNVERIFIED),
            "law_enforcement": _src(
                "Ark. Code § 13-2-704",
                "to a law enforcement agency or civil court, pursuant to a search warrant "
                "(as quoted by the Arkansas Times and Ark. Att'y Gen. opinion on Act 903 of 1989)",
                AR_URL,
                SECONDARY,
            ),
            "emergency": _src("Ark. Code § 13-2-704", "", AR_URL, UNVERIFIED),
        },
        instruments=("search_warrant",),
        texts={
            "law_enforcement.instrument_not_accepted": {
                "explanation": (
                    "In Arkansas library records are released to law enforcement only on a "
                    "search warrant, presented to the Library Director."
                )
            }
        },
    ),
    _build(
        "US-CA",
        "California",
        "Cal. Gov. Code § 7927.105",
        _same(
            "Cal. Gov. Code § 7927.105(c)",
            CA_URL,
            STATUTE,
            "All patron use records of a library that is in whole or in part supported by "
            "public funds shall remain confidential",
        )
        | {
            "parent_access": _src(
                "Cal. Gov. Code § 7927.105(c)(2)",
                "By a person authorized in writing to inspect the records. The authorization "
                "shall be from the individual to whom the records pertain.",
                CA_URL,
                STATUTE,
            ),
            "law_enforcement": _src(
                "Cal. Gov. Code § 7927.105(c)(3)",
                "By order of the appropriate superior court.",
                CA_URL,
                STATUTE,
            ),
        },
    ),
    _build(
        "US-CO",
        "Colorado",
        "C.R.S. 24-90-119",
        {
            "confidentiality": _src(
                "C.R.S. 24-90-119(1)",
                "a publicly supported library shall not disclose any record or other "
                "information that identifies a person as having requested or obtained specific "
                "materials or service",
                CO_URL,
                STATUTE,
            ),
            "parent_access": _src(
                "C.R.S. 24-90-119(2)(d)",
                "To a custodial parent or legal guardian who has access to a minor's library "
                "card or its authorization number for the purpose of accessing by electronic "
                "means library records of the minor",
                CO_URL,
                STATUTE,
            ),
            "law_enforcement": _src(
                "C.R.S. 24-90-119(2)(c)",
                "Pursuant to subpoena, upon court order, or where otherwise required by law",
                CO_URL,
                STATUTE,
            ),
            "emergency": _src("C.R.S. 24-90-119", "(no emergency exception)", CO_URL, STATUTE),
        },
        parent=("may", 18, ["card"], CURRENT_CIRCULATION),
        instruments=SUBPOENA_OR_ORDER,
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "Colorado law lets a custodial parent or guardian who holds the child's "
                    "card see the child's records electronically, as the online account shows "
                    "them: current loans, holds and fees."
                )
            },
            "guardian.proof_missing": {
                "explanation": (
                    "Colorado's exception is for a parent who holds the child's library card; "
                    "without the card I can't share the child's account."
                )
            },
        },
    ),
    _unverified(
        "US-CT",
        "Connecticut",
        "Conn. Gen. Stat. § 11-25(b)",
        "https://www.cga.ct.gov/current/pub/chap_190.htm",
    ),
    _unverified(
        "US-DE", "Delaware", "29 Del. C. § 10002", "https://delcode.delaware.gov/title29/c100/"
    ),
    _unverified(
        "US-DC",
        "District of Columbia",
        "D.C. Code § 39-108",
        "https://code.dccouncil.gov/us/dc/council/code/sections/39-108",
    ),
    _build(
        "US-FL",
        "Florida",
        "Fla. Stat. § 257.261",
        {
            "confidentiality": _src(
                "Fla. Stat. § 257.261(1)",
                "All registration and circulation records of every public library ... are "
                "confidential and exempt",
                FL_URL,
                STATUTE,
            ),
            "parent_access": _src(
                "Fla. Stat. § 257.261(3)(b)2.",
                "only for the purpose of collecting fines or recovering overdue books ... In the "
                "case of a library patron less than 16 years of age, the parent or guardian",
                FL_URL,
                STATUTE,
            ),
            "law_enforcement": _src(
                "Fla. Stat. § 257.261(3)(a)",
                "Except in accordance with a proper judicial order, a person may not make known "
                "in any manner any information",
                FL_URL,
                STATUTE,
            ),
            "emergency": _src(
                "Fla. Stat. § 257.261(3)", "(no emergency exception)", FL_URL, STATUTE
            ),
        },
        parent=("may", 16, ["photo_id"], ["fees"]),
        instruments=WARRANT_OR_ORDER,
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "Florida law lets the library tell the parent or guardian of a child under "
                    "16 what the child owes, to collect fines or recover overdue items: the "
                    "child's fees, and nothing about what the child reads."
                )
            },
            "guardian.scope": {
                "explanation": (
                    "In Florida a parent of a child under 16 may learn only what is needed to "
                    "collect fines or recover overdue items: the child's fees."
                )
            },
        },
    ),
    _build(
        "US-GA",
        "Georgia",
        "O.C.G.A. § 24-12-30",
        _same(
            "O.C.G.A. § 24-12-30 (formerly § 24-9-46)",
            GA_URL,
            SECONDARY,
            "Circulation and similar records of a library which identify the user ... shall "
            "be confidential",
        )
        | {
            "parent_access": _src(
                "O.C.G.A. § 24-12-30(a)(2) (formerly § 24-9-46)",
                "Upon written consent of the user of the library materials or the user's parents "
                "or guardian if the user is a minor",
                GA_URL,
                SECONDARY,
            ),
            "law_enforcement": _src(
                "O.C.G.A. § 24-12-30(a)(3) (formerly § 24-9-46)",
                "Upon appropriate court order or subpoena",
                GA_URL,
                SECONDARY,
            ),
        },
        parent=("may", 18, ["photo_id"], ALL_RECORDS),
        instruments=SUBPOENA_OR_ORDER,
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "Georgia law lets the parent or guardian of a minor consent in writing to "
                    "the disclosure of the minor's records; with a photo ID and a signed "
                    "consent the parent may learn them."
                )
            }
        },
    ),
    _unverified(
        "US-HI",
        "Hawaii",
        "HRS § 92F-13 (Att'y Gen. opinions)",
        "https://www.capitol.hawaii.gov/hrscurrent/Vol02_Ch0046-0115/HRS0092F/HRS_0092F-0013.htm",
    ),
    _unverified(
        "US-ID",
        "Idaho",
        "Idaho Code § 74-108",
        "https://legislature.idaho.gov/statutesrules/idstat/Title74/T74CH1/SECT74-108/",
    ),
    _unverified(
        "US-IN", "Indiana", "IC 5-14-3-4(b)(16)", "https://iga.in.gov/laws/2024/ic/titles/5"
    ),
    _unverified(
        "US-IA", "Iowa", "Iowa Code § 22.7(13)", "https://www.legis.iowa.gov/docs/code/22.7.pdf"
    ),
    _unverified(
        "US-KS",
        "Kansas",
        "K.S.A. 45-221(a)(23)",
        "https://www.ksrevisor.org/statutes/chapters/ch45/045_002_0021.html",
    ),
    _unverified(
        "US-KY",
        "Kentucky",
        "KRS 61.878(1)(a) (Att'y Gen. opinions)",
        "https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=48411",
    ),
    _unverified(
        "US-LA", "Louisiana", "La. R.S. 44:13", "https://legis.la.gov/Legis/Law.aspx?d=99795"
    ),
    _unverified(
        "US-ME",
        "Maine",
        "27 M.R.S. § 121",
        "https://legislature.maine.gov/statutes/27/title27sec121.html",
    ),
    _unverified(
        "US-MD",
        "Maryland",
        "Md. Code, Gen. Prov. § 4-308",
        "https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=ggp&section=4-308",
    ),
    _build(
        "US-MI",
        "Michigan",
        "MCL 397.603",
        _same(
            "MCL 397.603(2)",
            MI_URL,
            STATUTE,
            "shall not release or disclose a library record ... without the written consent of "
            "the person liable for payment for or return of the materials",
        )
        | {
            "parent_access": _src(
                "MCL 397.603(2)",
                "the written consent of the person liable for payment for or return of the "
                "materials (Library of Michigan: for minors the person liable may not be the "
                "person identified in the record)",
                MI_URL,
                SECONDARY,
            ),
            "law_enforcement": _src(
                "MCL 397.603(2)(a)",
                "A court has ordered the release or disclosure after giving the affected library "
                "notice of the request and an opportunity to be heard",
                MI_URL,
                STATUTE,
            ),
        },
        parent=("may", 18, ["photo_id"], ALL_RECORDS),
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "Michigan law lets the person liable for a card's materials consent to "
                    "disclosure; a parent who signed the child's card application as liable "
                    "may learn the child's records, with a photo ID. Check the application."
                )
            }
        },
    ),
    _build(
        "US-MN",
        "Minnesota",
        "Minn. Stat. § 13.40",
        _same(
            "Minn. Stat. § 13.40, subd. 2",
            MN_URL,
            STATUTE,
            "are private data on individuals and may not be disclosed for other than library "
            "purposes except pursuant to a court order",
        )
        | {"parent_access": _src("Minn. Stat. § 13.40, subd. 2; § 13.02", "", MN_URL, UNVERIFIED)},
    ),
    _unverified(
        "US-MS",
        "Mississippi",
        "Miss. Code § 39-3-365",
        "https://law.justia.com/codes/mississippi/title-39/chapter-3/",
    ),
    _build(
        "US-MO",
        "Missouri",
        "RSMo § 182.817",
        _same(
            "RSMo § 182.817.1",
            MO_URL,
            STATUTE,
            "shall release or disclose a library record ... except: (1) In response to a written "
            "request of the person identified in that record",
        )
        | {
            "law_enforcement": _src(
                "RSMo § 182.817.1(2)",
                "In response to an order issued by a court of competent jurisdiction upon a "
                "finding that the disclosure of such record is necessary to protect the public "
                "safety or to prosecute a crime",
                MO_URL,
                STATUTE,
            )
        },
    ),
    _unverified(
        "US-MT",
        "Montana",
        "MCA 22-1-1103",
        "https://archive.legmt.gov/bills/mca/title_0220/chapter_0010/part_0110/section_0030/0220-0010-0110-0030.html",
    ),
    _unverified(
        "US-NE",
        "Nebraska",
        "Neb. Rev. Stat. § 84-712.05(10)",
        "https://nebraskalegislature.gov/laws/statutes.php?statute=84-712.05",
    ),
    _unverified(
        "US-NV",
        "Nevada",
        "NRS 239.013",
        "https://www.leg.state.nv.us/NRS/NRS-239.html#NRS239Sec013",
    ),
    _unverified(
        "US-NH",
        "New Hampshire",
        "RSA 201-D:11",
        "https://www.gencourt.state.nh.us/rsa/html/XV/201-D/201-D-11.htm",
    ),
    _build(
        "US-NJ",
        "New Jersey",
        "N.J.S.A. 18A:73-43.2",
        _same(
            "N.J.S.A. 18A:73-43.2",
            NJ_URL,
            STATUTE,
            "Library records which contain the names or other personally identifying details "
            "regarding the users of libraries are confidential and shall not be disclosed except",
        )
        | {
            "law_enforcement": _src(
                "N.J.S.A. 18A:73-43.2(c)",
                "Disclosure is required pursuant to a subpena issued by a court or court order",
                NJ_URL,
                STATUTE,
            )
        },
        instruments=SUBPOENA_OR_ORDER,
        texts={
            "law_enforcement.instrument_not_accepted": {
                "explanation": (
                    "In New Jersey records are released only on a subpoena issued by a court or "
                    "a court order, presented to the Library Director."
                )
            }
        },
    ),
    _unverified(
        "US-NM",
        "New Mexico",
        "NMSA 1978 § 18-9-4",
        "https://nmonesource.com/nmos/nmsa/en/nav_date.do",
    ),
    _build(
        "US-NC",
        "North Carolina",
        "N.C.G.S. § 125-19",
        _same(
            "N.C.G.S. § 125-19",
            NC_URL,
            STATUTE,
            "A library shall not disclose any library record that identifies a person as having "
            "requested or obtained specific materials, information, or services",
        )
        | {
            "law_enforcement": _src(
                "N.C.G.S. § 125-19(b)(3)",
                "Pursuant to subpoena, court order, or where otherwise required by law",
                NC_URL,
                STATUTE,
            )
        },
        instruments=SUBPOENA_OR_ORDER,
    ),
    _unverified(
        "US-ND", "North Dakota", "N.D.C.C. § 40-38-12", "https://www.ndlegis.gov/cencode/t40c38.pdf"
    ),
    _build(
        "US-OH",
        "Ohio",
        "Ohio Rev. Code § 149.432",
        {
            "confidentiality": _src(
                "Ohio Rev. Code § 149.432(B)",
                "A library shall not release any library record or disclose any patron "
                "information (Ohio Legislative Service Commission analysis of H.B. 389)",
                OH_URL,
                SECONDARY,
            ),
            "parent_access": _src(
                "Ohio Rev. Code § 149.432(B)(1)",
                "If a library record or patron information pertaining to a minor child is "
                "requested ... by the minor child's parent, guardian, or custodian, the library "
                "must make that record or information available (LSC analysis)",
                OH_URL,
                SECONDARY,
            ),
            "law_enforcement": _src(
                "Ohio Rev. Code § 149.432(B)(2)",
                "in accordance with a subpoena, search warrant, or other court order "
                "(LSC analysis)",
                OH_URL,
                SECONDARY,
            ),
            "emergency": _src(
                "Ohio Rev. Code § 149.432(B)(2)",
                "to a law enforcement officer ... investigating a matter involving public safety "
                "in exigent circumstances (LSC analysis)",
                OH_URL,
                SECONDARY,
            ),
        },
        parent=("must", 18, ["photo_id"], ALL_RECORDS),
        instruments=SUBPOENA_OR_ORDER,
        emergency="with_notice",
        texts={
            "law_enforcement.emergency_with_notice": {
                "explanation": (
                    "Ohio law lets the library release records to an officer investigating a "
                    "matter of public safety in exigent circumstances; only the Director decides."
                )
            }
        },
    ),
    _build(
        "US-OK",
        "Oklahoma",
        "65 O.S. § 1-105",
        _same(
            "65 O.S. § 1-105(A)",
            OK_URL,
            STATUTE,
            "shall not disclose such records to any person except to ... 3. By order of a court "
            "of law",
        ),
    ),
    _unverified(
        "US-OR", "Oregon", "ORS 192.355(23)", "https://oregon.public.law/statutes/ors_192.355"
    ),
    _build(
        "US-PA",
        "Pennsylvania",
        "24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)",
        _same(
            "24 Pa.C.S. § 9375 (formerly 24 P.S. § 4428)",
            PA_URL,
            SECONDARY,
            "shall be confidential and shall not be made available to anyone except by a court "
            "order in a criminal proceeding (library policies quoting the section)",
        ),
    ),
    _unverified(
        "US-RI",
        "Rhode Island",
        "R.I. Gen. Laws § 11-18-32",
        "https://webserver.rilegislature.gov/Statutes/TITLE11/11-18/11-18-32.htm",
    ),
    _unverified(
        "US-SC",
        "South Carolina",
        "S.C. Code § 60-4-10",
        "https://www.scstatehouse.gov/code/t60c004.php",
    ),
    _build(
        "US-SD",
        "South Dakota",
        "SDCL 14-2-51",
        _same(
            "SDCL 14-2-51",
            SD_URL,
            STATUTE,
            "may not be released except by court order or upon request of a parent of a child "
            "who is under eighteen years of age",
        ),
        parent=("may", 18, ["photo_id"], ALL_RECORDS),
    ),
    _unverified(
        "US-TN",
        "Tennessee",
        "Tenn. Code § 10-8-102",
        "https://law.justia.com/codes/tennessee/title-10/chapter-8/",
    ),
    _build(
        "US-TX",
        "Texas",
        "Tex. Gov't Code § 552.124",
        _same(
            "Tex. Gov't Code § 552.124",
            TX_URL,
            STATUTE,
            "A record of a library or library system ... that identifies or serves to identify "
            "a person who requested, obtained, or used a library material or service",
        )
        | {
            "parent_access": _src(
                "Tex. Gov't Code §§ 552.124(a)(2), 552.023", "", TX_URL, UNVERIFIED
            ),
            "law_enforcement": _src(
                "Tex. Gov't Code § 552.124(a)(3)",
                "to a law enforcement agency or a prosecutor under a court order or subpoena "
                "obtained after a showing to a district court",
                TX_URL,
                STATUTE,
            ),
        },
        instruments=("subpoena", "court_order"),
        texts={
            "law_enforcement.instrument_not_accepted": {
                "explanation": (
                    "In Texas records go to law enforcement only under a court order or a "
                    "subpoena obtained after a showing to a district court, presented to the "
                    "Library Director."
                )
            }
        },
    ),
    _unverified(
        "US-UT",
        "Utah",
        "Utah Code § 63G-2-302(1)(c)",
        "https://le.utah.gov/xcode/Title63G/Chapter2/63G-2-S302.html",
    ),
    _build(
        "US-VT",
        "Vermont",
        "22 V.S.A. § 172",
        {
            "confidentiality": _src(
                "22 V.S.A. § 172",
                "a library patron's registration and transaction records shall remain "
                "confidential (Act 129 of 2008, legislative summary)",
                VT_URL,
                SECONDARY,
            ),
            "parent_access": _src(
                "22 V.S.A. § 172 as amended by Act 150 (2024)",
                "to custodial parents or guardians of patrons under age 12 (Act 150 of 2024 "
                "lowered the age from 16; library notice of the change)",
                VT_URL,
                SECONDARY,
            ),
            "law_enforcement": _src(
                "22 V.S.A. § 172",
                "in response to an authorized judicial order or warrant directing disclosure "
                "(library policies quoting the section)",
                VT_URL,
                SECONDARY,
            ),
            "emergency": _src(
                "22 V.S.A. § 172", "(no emergency exception listed)", VT_URL, SECONDARY
            ),
        },
        parent=("may", 12, ["photo_id"], ALL_RECORDS),
        instruments=WARRANT_OR_ORDER,
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "Vermont law lets the library disclose the records of a patron under 12 to "
                    "the patron's custodial parent or guardian, with a photo ID."
                )
            }
        },
    ),
    _unverified(
        "US-VA",
        "Virginia",
        "Va. Code § 2.2-3705.7(3)",
        "https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3705.7/",
    ),
    _unverified(
        "US-WA",
        "Washington",
        "RCW 42.56.310",
        "https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.310",
    ),
    _unverified(
        "US-WV", "West Virginia", "W. Va. Code § 10-1-22", "https://code.wvlegislature.gov/10-1-22/"
    ),
    _unverified(
        "US-WY",
        "Wyoming",
        "Wyo. Stat. § 16-4-203(d)(ix)",
        "https://wyoleg.gov/statutes/compress/title16.pdf",
    ),
    # Canadian public libraries fall under provincial or municipal privacy acts.
    _unverified(
        "CA-AB",
        "Alberta",
        "Access to Information Act / Protection of Privacy Act (Alberta)",
        "https://kings-printer.alberta.ca/",
    ),
    _unverified(
        "CA-BC",
        "British Columbia",
        "Freedom of Information and Protection of Privacy Act, s.33",
        "https://www.bclaws.gov.bc.ca/civix/document/id/complete/statreg/96165_00",
    ),
    _unverified(
        "CA-MB",
        "Manitoba",
        "Freedom of Information and Protection of Privacy Act (Manitoba), s.44",
        "https://web2.gov.mb.ca/laws/statutes/ccsm/f175.php",
    ),
    _unverified(
        "CA-NB",
        "New Brunswick",
        "Right to Information and Protection of Privacy Act, s.46",
        "https://laws.gnb.ca/en/document/cs/R-10.6",
    ),
    _unverified(
        "CA-NL",
        "Newfoundland and Labrador",
        "Access to Information and Protection of Privacy Act, 2015, s.68",
        "https://www.assembly.nl.ca/legislation/sr/statutes/a01-2.htm",
    ),
    _unverified(
        "CA-NS",
        "Nova Scotia",
        "Municipal Government Act, Part XX, s.485",
        "https://nslegislature.ca/sites/default/files/legc/statutes/municipal%20government.pdf",
    ),
    _unverified(
        "CA-PE",
        "Prince Edward Island",
        "Freedom of Information and Protection of Privacy Act (PEI), s.37",
        "https://www.princeedwardisland.ca/sites/default/files/legislation/f-15-01-freedom_of_information_and_protection_of_privacy_act.pdf",
    ),
    _unverified(
        "CA-QC",
        "Quebec",
        "Act respecting access to documents held by public bodies and the protection of "
        "personal information, s.59",
        "https://www.legisquebec.gouv.qc.ca/en/document/cs/A-2.1",
    ),
    _build(
        "CA-SK",
        "Saskatchewan",
        "LA FOIP s.28, s.49(d)",
        {
            "confidentiality": _src("LA FOIP s.28", "", SK_URL, UNVERIFIED),
            "parent_access": _src(
                "LA FOIP s.49(d)",
                "where the individual is less than 18 years of age, by the individual's legal "
                "custodian in situations where, in the opinion of the head, the exercise of the "
                "right or power would not constitute an unreasonable invasion of the privacy "
                "(Saskatchewan IPC, Who Signs for a Child?)",
                SK_URL,
                SECONDARY,
            ),
            "law_enforcement": _src("LA FOIP s.28(2)", "", SK_URL, UNVERIFIED),
            "emergency": _src("LA FOIP s.28(2)", "", SK_URL, UNVERIFIED),
        },
        parent=("may", 18, ["photo_id"], CURRENT_CIRCULATION),
        texts={
            "guardian.parent_access": {
                "explanation": (
                    "In Saskatchewan a child's legal custodian may act for a child under 18 "
                    "where that is not an unreasonable invasion of the child's privacy; the "
                    "desk shares the current loans, holds and fees, and the Director decides "
                    "anything more."
                )
            }
        },
    ),
    _unverified(
        "CA-NT",
        "Northwest Territories",
        "Access to Information and Protection of Privacy Act (NWT), s.48",
        "https://www.justice.gov.nt.ca/en/files/legislation/access-to-information-and-protection-of-privacy/access-to-information-and-protection-of-privacy.a.pdf",
    ),
    _unverified(
        "CA-NU",
        "Nunavut",
        "Access to Information and Protection of Privacy Act (Nunavut), s.48",
        "https://www.nunavutlegislation.ca/en/consolidated-law/access-information-and-protection-privacy-act-consolidation",
    ),
    _unverified(
        "CA-YT",
        "Yukon",
        "Access to Information and Protection of Privacy Act (Yukon), Part 3",
        "https://laws.yukon.ca/cms/images/LEGISLATION/PRINCIPAL/2018/2018-0009/2018-0009.pdf",
    ),
]

# All 64 presets: every US state, DC, and every Canadian province and
# territory. PRESETS above are the five seed presets DESIGN section 5 tabulates.
ALL_PRESETS: list[dict[str, Any]] = sorted(
    PRESETS + OTHER_PRESETS, key=lambda p: str(p["jurisdiction_code"])
)
ALL_PRESET_CODES: tuple[str, ...] = tuple(p["jurisdiction_code"] for p in ALL_PRESETS)
