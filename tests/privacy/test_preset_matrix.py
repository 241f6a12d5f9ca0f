"""Every preset x requester x record type x proof x age boundary.

The expected outcomes are written out from DESIGN sections 5 and 6 (the
preset table and the common semantics), independently of privacy/decision.py.
"""

from __future__ import annotations

import itertools

import pytest

from privacy.decision import DisclosureRequest, decide
from privacy.presets import PRESET_CODES, preset_rules

REQUESTERS = ["cardholder", "guardian", "proxy", "third_party", "law_enforcement", "staff"]
RECORDS = [
    "registration",
    "current_loans",
    "loan_history",
    "holds",
    "fees",
    "program_attendance",
    "computer_use",
    "reference",
]
PROOFS = ["none", "card", "photo_id", "card_and_id"]
# Unknown, a young child, and both sides of every age boundary in the table.
AGES = [None, 5, 12, 15, 16, 17, 18, 40]
CURRENT_CIRCULATION = {"current_loans", "holds", "fees"}

# DESIGN section 5, column by column.
PARENT = {
    # code: (max age exclusive, proofs satisfying, scope) or None for never
    "US-NY": (18, {"card", "card_and_id"}, CURRENT_CIRCULATION),
    "US-MA": None,
    "US-IL": None,
    "CA-ON": (16, {"card", "photo_id", "card_and_id"}, CURRENT_CIRCULATION),
    "US-WI": (16, {"photo_id", "card_and_id"}, set(RECORDS)),
}
INSTRUMENTS_REFERRED = {
    "US-NY": {"subpoena", "court_order", "search_warrant"},
    "US-MA": {"subpoena", "court_order", "search_warrant"},
    "US-IL": {"court_order", "search_warrant"},
    "CA-ON": {"court_order", "search_warrant"},
    "US-WI": {"court_order"},
}
EMERGENCY = {
    "US-NY": set(),
    "US-MA": set(),
    "US-IL": {"registration"},
    "CA-ON": set(RECORDS),
    "US-WI": set(),
}


def expected(code: str, requester: str, record: str, proof: str, age: int | None) -> str:
    if requester == "staff":
        return "allow"
    if requester == "cardholder":
        return "allow" if proof != "none" else "deny"
    if requester in ("proxy", "third_party", "law_enforcement"):
        return "deny"
    parent = PARENT[code]
    if parent is None or age is None:
        return "deny"
    max_age, proofs, scope = parent
    if age < max_age and age < 18 and proof in proofs and record in scope:
        return "allow"
    return "deny"


CASES = list(itertools.product(PRESET_CODES, REQUESTERS, RECORDS, PROOFS, AGES))


def test_the_matrix_covers_every_preset_and_boundary():
    assert set(PRESET_CODES) == set(PARENT)
    assert len(CASES) == 5 * 6 * 8 * 4 * 8


@pytest.mark.parametrize(("code", "requester"), list(itertools.product(PRESET_CODES, REQUESTERS)))
def test_preset_matrix(code, requester):
    """Each preset answers every record, proof and age as DESIGN's table says."""
    rules = preset_rules(code)
    wrong = []
    for record, proof, age in itertools.product(RECORDS, PROOFS, AGES):
        decision = decide(
            rules,
            DisclosureRequest(requester=requester, record=record, proof=proof, patron_age=age),
        )
        want = expected(code, requester, record, proof, age)
        if decision.outcome != want:
            wrong.append((record, proof, age, decision.outcome, want, decision.rule))
        assert decision.citation, (code, requester, record)
        assert decision.explanation
        if decision.outcome != "allow":
            assert decision.alternative, (code, requester, record, proof, age)
    assert wrong == []


@pytest.mark.parametrize("code", PRESET_CODES)
@pytest.mark.parametrize(
    "instrument", ["none", "subpoena", "court_order", "search_warrant", "emergency"]
)
def test_law_enforcement_is_referred_or_denied_per_preset(code, instrument):
    """An accepted instrument or a recognised emergency refers; nothing allows."""
    rules = preset_rules(code)
    for record in RECORDS:
        decision = decide(
            rules,
            DisclosureRequest(requester="law_enforcement", record=record, instrument=instrument),
        )
        if instrument == "emergency":
            want = "refer" if record in EMERGENCY[code] else "deny"
        else:
            want = "refer" if instrument in INSTRUMENTS_REFERRED[code] else "deny"
        assert decision.outcome == want, (record, decision)
        if want == "deny":
            assert "director" in decision.alternative.lower()


@pytest.mark.parametrize(
    ("code", "older", "younger"),
    [("US-NY", 18, 17), ("CA-ON", 16, 15), ("US-WI", 16, 15)],
)
def test_parent_access_ends_at_the_age_limit(code, older, younger):
    rules = preset_rules(code)
    proof = "card_and_id"

    def ask(age):
        return decide(
            rules,
            DisclosureRequest(
                requester="guardian", record="current_loans", proof=proof, patron_age=age
            ),
        )

    assert ask(younger).outcome == "allow"
    assert ask(older).outcome == "deny"
    assert ask(older).rule in ("guardian.over_age_limit", "guardian.adult_patron")


def test_a_parent_in_new_york_learns_current_loans_with_the_childs_card():
    decision = decide(
        preset_rules("US-NY"),
        DisclosureRequest(
            requester="guardian", record="current_loans", proof="card", patron_age=12
        ),
    )
    assert decision.outcome == "allow"
    assert "CPLR 4509" in decision.citation


def test_a_parent_in_massachusetts_is_refused_with_the_statute():
    decision = decide(
        preset_rules("US-MA"),
        DisclosureRequest(
            requester="guardian", record="current_loans", proof="card", patron_age=12
        ),
    )
    assert decision.outcome == "deny"
    assert decision.rule == "guardian.not_permitted"
    assert "G.L. c.78 §7" in decision.citation
    assert decision.alternative


def test_a_parent_in_new_york_may_not_learn_loan_history():
    decision = decide(
        preset_rules("US-NY"),
        DisclosureRequest(requester="guardian", record="loan_history", proof="card", patron_age=12),
    )
    assert (decision.outcome, decision.rule) == ("deny", "guardian.scope")


def test_a_subpoena_is_not_enough_in_illinois():
    decision = decide(
        preset_rules("US-IL"),
        DisclosureRequest(requester="law_enforcement", record="holds", instrument="subpoena"),
    )
    assert decision.outcome == "deny"
    assert decision.rule == "law_enforcement.instrument_not_accepted"
    assert decision.alternative.startswith("Refer the officer to the Director")


def test_an_ontario_emergency_refers_and_says_the_patron_is_notified():
    decision = decide(
        preset_rules("CA-ON"),
        DisclosureRequest(
            requester="law_enforcement", record="computer_use", instrument="emergency"
        ),
    )
    assert decision.outcome == "refer"
    assert "notified afterwards" in decision.explanation
    assert "s.32" in decision.citation


@pytest.mark.parametrize("code", PRESET_CODES)
def test_a_minor_who_chose_to_share_widens_parent_access(code):
    """Every preset honours a minor's own choice, for every record type,
    with the proof asked of parents (or of cardholders where none is named)."""
    rules = preset_rules(code)
    for record in RECORDS:
        decision = decide(
            rules,
            DisclosureRequest(
                requester="guardian",
                record=record,
                proof="card_and_id",
                patron_age=17,
                guardian_sharing=True,
            ),
        )
        assert decision.outcome == "allow", (record, decision)
    adult = decide(
        rules,
        DisclosureRequest(
            requester="guardian",
            record="current_loans",
            proof="card_and_id",
            patron_age=18,
            guardian_sharing=True,
        ),
    )
    assert adult.outcome == "deny"


def test_sharing_still_needs_proof():
    decision = decide(
        preset_rules("US-MA"),
        DisclosureRequest(
            requester="guardian",
            record="holds",
            proof="none",
            patron_age=12,
            guardian_sharing=True,
        ),
    )
    assert (decision.outcome, decision.rule) == ("deny", "guardian.proof_missing")


def test_a_proxy_with_authorization_is_offered_borrowing_instead():
    rules = preset_rules("US-NY")
    with_auth = decide(
        rules,
        DisclosureRequest(
            requester="proxy", record="current_loans", proof="card", proxy_authorized=True
        ),
    )
    without = decide(
        rules, DisclosureRequest(requester="proxy", record="current_loans", proof="card")
    )
    assert with_auth.outcome == without.outcome == "deny"
    assert "check out" in with_auth.alternative
    assert "no active authorization" in without.alternative.lower()


def test_the_json_shape_has_exactly_five_keys():
    decision = decide(
        preset_rules("US-NY"), DisclosureRequest(requester="staff", record="reference")
    )
    assert set(decision.as_dict()) == {
        "outcome",
        "rule",
        "citation",
        "explanation",
        "alternative",
    }
    assert all(type(v) is str for v in decision.as_dict().values())


@pytest.mark.parametrize(
    ("field", "value"),
    [("requester", "friend"), ("record", "diary"), ("proof", "passport"), ("instrument", "x")],
)
def test_unknown_vocabulary_is_refused(field, value):
    kwargs = {"requester": "cardholder", "record": "holds", field: value}
    with pytest.raises(ValueError, match="Unknown"):
        DisclosureRequest(**kwargs)
