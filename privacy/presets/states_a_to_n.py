"""Presets: Alabama to New Hampshire, and DC."""

from __future__ import annotations

from typing import Any

from privacy.presets.build import (
    AK_URL,
    AL_URL,
    ALL_RECORDS,
    AR_URL,
    CA_URL,
    CIRCULATION,
    CO_URL,
    FL_URL,
    GA_URL,
    MI_URL,
    MN_URL,
    MO_URL,
    SUBPOENA_OR_ORDER,
    WARRANT_OR_ORDER,
    _build,
    _same,
    _unverified,
)
from privacy.presets.seeds import CURRENT_CIRCULATION, SECONDARY, STATUTE, UNVERIFIED, _src
from privacy.vocabulary import RecordType

PRESETS: list[dict[str, Any]] = [
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
        parent=("may", 16, ["photo_id"], [RecordType.FEES.value]),
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
]
