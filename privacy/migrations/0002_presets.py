"""Ship the five jurisdiction presets of DESIGN section 5 and let
administrators edit rule sets (they see no patron data, so no permission on
the disclosure log).

PRESETS below is a frozen copy of privacy.presets.PRESETS as of this
migration, so that every database gets the same rule sets whenever it is
migrated. A change to the presets needs a new migration that changes the
shipped rule sets; tests/privacy/test_preset_migration.py fails until there
is one.
"""

import copy

from django.db import migrations

from kernel.migration_utils import grant_permissions

PRESETS = [
    {
        "jurisdiction_code": "US-NY",
        "name": "New York",
        "age_of_majority": 18,
        "parent_access": "may",
        "parent_access_max_age": 18,
        "parent_access_proof": ["card"],
        "parent_access_scope": ["current_loans", "holds", "fees"],
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["subpoena", "court_order", "search_warrant"],
        "emergency_disclosure": "none",
        "notify_patron_of_legal_request": True,
        "protected_records": [
            "registration",
            "current_loans",
            "loan_history",
            "holds",
            "fees",
            "program_attendance",
            "computer_use",
            "reference",
        ],
        "citation": "N.Y. CPLR 4509",
        "summary": (
            "Library records are confidential. The cardholder controls the card: "
            "with a valid card the cardholder, or the parent or guardian of a "
            "minor, may learn the current circulation record. Someone presenting "
            "a friend's or family member's card may borrow with the cardholder's "
            "authorization but is told nothing. Anyone else gets records only on "
            "a valid court order or subpoena presented to the Library Director."
        ),
        "rule_texts": {
            "guardian.parent_access": {
                "citation": "N.Y. CPLR 4509; Patterson Library Customer Service Policy",
                "explanation": (
                    "A parent or guardian of a child under 18 who presents the child's "
                    "valid library card may learn the child's current circulation record:"
                    " current loans, holds and fees."
                ),
            },
            "guardian.scope": {
                "citation": "N.Y. CPLR 4509; Patterson Library Customer Service Policy",
                "explanation": (
                    "With the child's card a parent may learn only the current "
                    "circulation record (current loans, holds and fees), not the rest of "
                    "the child's library records."
                ),
            },
            "proxy.no_disclosure": {
                "explanation": (
                    "A person presenting a friend's or family member's card may check out"
                    " items on it with the cardholder's authorization, but no information"
                    " from that library record may be given to them."
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
        "protected_records": [
            "registration",
            "current_loans",
            "loan_history",
            "holds",
            "fees",
            "program_attendance",
            "computer_use",
            "reference",
        ],
        "citation": "Mass. G.L. c.78 §7",
        "summary": (
            "The library cannot reveal borrowing or reserve records to anyone "
            "other than the owner of the library card. This applies to the "
            "parents of minors when the minor has their own card. Legal requests "
            "go to the Director, who consults counsel."
        ),
        "rule_texts": {
            "guardian.not_permitted": {
                "citation": ("Mass. G.L. c.78 §7; Millbury Public Library Customer Service Policy"),
                "explanation": (
                    "Massachusetts law lets the library reveal borrowing and reserve "
                    "records only to the owner of the library card. That includes "
                    "parents: when a child has their own card, the record is the child's."
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
        "accepted_instruments": ["court_order", "search_warrant"],
        "emergency_disclosure": "identity_only",
        "notify_patron_of_legal_request": True,
        "protected_records": [
            "registration",
            "current_loans",
            "loan_history",
            "holds",
            "fees",
            "program_attendance",
            "computer_use",
            "reference",
        ],
        "citation": "75 ILCS 70/1",
        "summary": (
            "Library registration and circulation records are confidential under "
            "the Illinois Library Records Confidentiality Act. They are released "
            "only on a court order (a search warrant is one), presented to the "
            "Director. In an emergency, a sworn officer may be given a patron's "
            "identity only."
        ),
        "rule_texts": {
            "law_enforcement.instrument_not_accepted": {
                "citation": "75 ILCS 70/1(a)",
                "explanation": (
                    "In Illinois a subpoena is not enough: library records are released "
                    "only on a court order, such as a search warrant, presented to the "
                    "Library Director."
                ),
            },
            "law_enforcement.legal_instrument": {
                "citation": "75 ILCS 70/1(a)",
            },
            "law_enforcement.emergency_identity": {
                "citation": "75 ILCS 70/1(b)",
            },
            "law_enforcement.emergency_identity_only": {
                "citation": "75 ILCS 70/1(b)",
            },
            "guardian.not_permitted": {
                "explanation": (
                    "Illinois law keeps a cardholder's registration and circulation "
                    "records confidential from everyone without a court order, parents "
                    "included."
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
        "parent_access_scope": ["current_loans", "holds", "fees"],
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["court_order", "search_warrant"],
        "emergency_disclosure": "with_notice",
        "notify_patron_of_legal_request": True,
        "protected_records": [
            "registration",
            "current_loans",
            "loan_history",
            "holds",
            "fees",
            "program_attendance",
            "computer_use",
            "reference",
        ],
        "citation": "MFIPPA s.32, s.54(c)",
        "summary": (
            "Staff will not reveal who uses library materials, nor the items "
            "checked out on another patron's card. Parents who come with their "
            "child's card or some ID are the exception, for children under 16. "
            "Requests for information are confidential and discussed only with "
            "another librarian to answer them."
        ),
        "rule_texts": {
            "guardian.parent_access": {
                "citation": "MFIPPA s.54(c); Kenora Public Library Policy OP-02-01-01",
                "explanation": (
                    "A parent of a child under 16 who comes with the child's card or some"
                    " ID may learn the child's current loans, holds and fees."
                ),
            },
            "guardian.over_age_limit": {
                "citation": "MFIPPA s.54(c)",
            },
            "guardian.scope": {
                "citation": "MFIPPA s.54(c)",
            },
            "guardian.proof_missing": {
                "citation": "MFIPPA s.54(c)",
            },
            "law_enforcement.emergency_with_notice": {
                "citation": "MFIPPA s.32(h)",
            },
        },
    },
    {
        "jurisdiction_code": "US-WI",
        "name": "Wisconsin",
        "age_of_majority": 18,
        "parent_access": "must",
        "parent_access_max_age": 16,
        "parent_access_proof": ["photo_id"],
        "parent_access_scope": [
            "registration",
            "current_loans",
            "loan_history",
            "holds",
            "fees",
            "program_attendance",
            "computer_use",
            "reference",
        ],
        "cardholder_proof": ["card", "photo_id"],
        "minor_can_share_with_guardian": True,
        "accepted_instruments": ["court_order"],
        "emergency_disclosure": "none",
        "notify_patron_of_legal_request": True,
        "protected_records": [
            "registration",
            "current_loans",
            "loan_history",
            "holds",
            "fees",
            "program_attendance",
            "computer_use",
            "reference",
        ],
        "citation": "Wis. Stat. 43.30",
        "summary": (
            "Library records are confidential and released only on a court order."
            " The library must disclose a child's records to the custodial parent"
            " or guardian of a child under 16 who asks and shows proof of "
            "identity."
        ),
        "rule_texts": {
            "guardian.parent_access": {
                "citation": "Wis. Stat. 43.30(1m)",
                "explanation": (
                    "Wisconsin law requires the library to disclose the records of a "
                    "child under 16 to the child's custodial parent or guardian who asks "
                    "and shows proof of identity."
                ),
            },
            "guardian.proof_missing": {
                "citation": "Wis. Stat. 43.30(1m)",
                "explanation": (
                    "A parent or guardian must show a photo ID (proof of identity) before"
                    " I can share a child's records."
                ),
            },
            "guardian.over_age_limit": {
                "citation": "Wis. Stat. 43.30(1m)",
            },
        },
    },
]


def add_presets(apps, schema_editor):
    RuleSet = apps.get_model("privacy", "JurisdictionRuleSet")
    for preset in PRESETS:
        data = copy.deepcopy(preset)
        code = data.pop("jurisdiction_code")
        RuleSet.objects.get_or_create(
            jurisdiction_code=code,
            effective_from="2000-01-01",
            defaults={
                **data,
                "change_note": "Preset shipped with the product; confirm with counsel.",
            },
        )
    grant_permissions(
        apps,
        "administrator",
        [
            "privacy.add_jurisdictionruleset",
            "privacy.change_jurisdictionruleset",
            "privacy.view_jurisdictionruleset",
        ],
    )


def remove_presets(apps, schema_editor):
    RuleSet = apps.get_model("privacy", "JurisdictionRuleSet")
    RuleSet.objects.filter(
        jurisdiction_code__in=[p["jurisdiction_code"] for p in PRESETS],
        effective_from="2000-01-01",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("libraryservice", "0002_roles"),
    ]

    operations = [migrations.RunPython(add_presets, remove_presets)]
