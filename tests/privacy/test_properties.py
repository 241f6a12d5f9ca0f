"""The common semantics of DESIGN section 6 hold for every rule set an
administrator can build, not only for the presets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.decision import (
    INSTRUMENTS,
    LEGAL_INSTRUMENTS,
    PROOFS,
    RECORD_TYPES,
    REQUIRABLE_PROOFS,
    DisclosureRequest,
    Rules,
    decide,
)


def subsets(values, min_size=0):
    return st.frozensets(st.sampled_from(values), min_size=min_size)


@st.composite
def valid_rules(draw):
    majority = draw(st.integers(min_value=1, max_value=25))
    parent_access = draw(st.sampled_from(["never", "may", "must"]))
    needs_parent = parent_access != "never"
    rules = Rules(
        jurisdiction_code="XX-YY",
        age_of_majority=majority,
        parent_access=parent_access,
        parent_access_max_age=draw(st.integers(min_value=0, max_value=majority + 5)),
        parent_access_proof=draw(subsets(REQUIRABLE_PROOFS, 1 if needs_parent else 0)),
        parent_access_scope=draw(subsets(RECORD_TYPES, 1 if needs_parent else 0)),
        cardholder_proof=draw(subsets(REQUIRABLE_PROOFS, 1)),
        minor_can_share_with_guardian=draw(st.booleans()),
        accepted_instruments=draw(subsets(LEGAL_INSTRUMENTS)),
        emergency_disclosure=draw(st.sampled_from(["none", "identity_only", "with_notice"])),
        notify_patron_of_legal_request=draw(st.booleans()),
        protected_records=draw(subsets(RECORD_TYPES)),
        citation=draw(st.sampled_from(["Act s.1", "Code 12(b)"])),
    )
    # Rule sets above the age of majority need the explicit override.
    assert rules.problems(allow_max_age_above_majority=True) == {}
    return rules


def requests(requester=None):
    return st.builds(
        DisclosureRequest,
        requester=st.just(requester)
        if requester
        else st.sampled_from(
            ["cardholder", "guardian", "proxy", "third_party", "law_enforcement", "staff"]
        ),
        record=st.sampled_from(RECORD_TYPES),
        proof=st.sampled_from(PROOFS),
        patron_age=st.none() | st.integers(min_value=0, max_value=110),
        guardian_sharing=st.booleans(),
        proxy_authorized=st.booleans(),
        instrument=st.sampled_from(INSTRUMENTS),
    )


@settings(max_examples=150)
@given(valid_rules(), requests("third_party"))
def test_a_third_party_is_never_allowed(rules, request):
    assert decide(rules, request).outcome != "allow"


@settings(max_examples=150)
@given(valid_rules(), requests("proxy"))
def test_a_proxy_is_never_told_anything(rules, request):
    assert decide(rules, request).outcome == "deny"


@settings(max_examples=150)
@given(valid_rules(), requests("law_enforcement"))
def test_law_enforcement_is_never_allowed(rules, request):
    decision = decide(rules, request)
    assert decision.outcome in ("deny", "refer")
    if decision.outcome == "deny":
        assert decision.alternative.startswith("Refer the officer to the Director")


@settings(max_examples=200)
@given(valid_rules(), requests("staff"))
def test_staff_for_their_duties_are_always_allowed(rules, request):
    assert decide(rules, request).outcome == "allow"


@settings(max_examples=150)
@given(valid_rules(), requests("guardian"))
def test_an_adults_parent_is_never_allowed(rules, request):
    if request.patron_age is not None and request.patron_age >= rules.age_of_majority:
        assert decide(rules, request).outcome == "deny"


@settings(max_examples=150)
@given(valid_rules(), requests("guardian"))
def test_a_parent_of_a_patron_of_unknown_age_is_never_allowed(rules, request):
    if request.patron_age is None:
        assert decide(rules, request).outcome == "deny"


@settings(max_examples=150)
@given(valid_rules(), requests())
def test_every_refusal_offers_an_alternative_and_cites_something(rules, request):
    decision = decide(rules, request)
    assert decision.citation
    assert decision.explanation
    if decision.outcome != "allow":
        assert decision.alternative


@settings(max_examples=150)
@given(valid_rules(), requests("cardholder"))
def test_a_cardholder_with_accepted_proof_learns_every_own_record(rules, request):
    decision = decide(rules, request)
    shown = {"card_and_id": set(REQUIRABLE_PROOFS)}.get(request.proof, {request.proof})
    assert (decision.outcome == "allow") == bool(shown & rules.cardholder_proof)


@settings(max_examples=150)
@given(valid_rules(), requests("guardian"))
def test_a_guardian_without_parent_access_or_sharing_is_refused(rules, request):
    if rules.parent_access == "never" and not (
        rules.minor_can_share_with_guardian and request.guardian_sharing
    ):
        assert decide(rules, request).outcome == "deny"
