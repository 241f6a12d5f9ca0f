"""Presets: New Jersey to Wyoming."""

from __future__ import annotations

from typing import Any

from privacy.presets.build import (
    ALL_RECORDS,
    NC_URL,
    NJ_URL,
    OH_URL,
    OK_URL,
    PA_URL,
    SD_URL,
    SUBPOENA_OR_ORDER,
    TX_URL,
    VT_URL,
    WARRANT_OR_ORDER,
    _build,
    _same,
    _unverified,
)
from privacy.presets.seeds import SECONDARY, STATUTE, UNVERIFIED, _src

PRESETS: list[dict[str, Any]] = [
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
]
