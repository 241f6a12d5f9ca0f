"""How the presets of every other US state, DC, and every Canadian province
and territory are built, and the addresses of the statutes they cite."""

from __future__ import annotations

from typing import Any

from privacy.decision import RECORD_TYPES
from privacy.presets.seeds import UNVERIFIED, _src
from privacy.vocabulary import SOURCE_POINTS, RecordType

# --- Every other US state, DC, and every Canadian province and territory ---
#
# Each point of law (confidentiality, parent access, legal instruments,
# emergencies) carries its source and how it was checked. A point marked
# unverified takes the strictest reading, and its rule's explanation says so:
# parents are never told, only a court order is accepted, and there is no
# emergency exception.

ALL_RECORDS = list(RECORD_TYPES)
CIRCULATION = [
    RecordType.REGISTRATION.value,
    RecordType.CURRENT_LOANS.value,
    RecordType.LOAN_HISTORY.value,
    RecordType.HOLDS.value,
    RecordType.FEES.value,
]

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
