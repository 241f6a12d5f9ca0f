"""Presets: every Canadian province and territory but Ontario (a seed preset)."""

from __future__ import annotations

from typing import Any

from privacy.presets.build import (
    SK_URL,
    _build,
    _unverified,
)
from privacy.presets.seeds import CURRENT_CIRCULATION, SECONDARY, UNVERIFIED, _src

PRESETS: list[dict[str, Any]] = [
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
