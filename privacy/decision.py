"""The disclosure decision of DESIGN section 6, as one pure function.

`decide(rules, request)` reads nothing but its arguments: no database, no
clock, no settings. The desk screen, the admin's rule simulator and the
`privacy_decide` command all call it with a `Rules` snapshot built from the
rule set in force.

Rule ids are a stable interface (logged in the disclosure log, shown in the
simulator); add new ones, never rename:

    staff.duties                          allow
    cardholder.own_records                allow
    cardholder.proof_missing              deny
    proxy.no_disclosure                   deny
    third_party.no_disclosure             deny
    third_party.legal_instrument          refer
    guardian.parent_access                allow
    guardian.minor_shared                 allow
    guardian.not_permitted                deny
    guardian.adult_patron                 deny
    guardian.over_age_limit               deny
    guardian.age_unknown                  deny
    guardian.scope                        deny
    guardian.proof_missing                deny
    law_enforcement.legal_instrument      refer
    law_enforcement.no_instrument         deny
    law_enforcement.instrument_not_accepted  deny
    law_enforcement.emergency_identity    refer
    law_enforcement.emergency_identity_only  deny
    law_enforcement.emergency_with_notice refer
    law_enforcement.emergency_not_recognised  deny

A minor's own choice to share with a guardian (where the rule set allows
it) widens parent access to every record type, because the choice is the
cardholder's own consent and the cardholder may learn every record of their
own; it never reaches an adult's records, and the guardian still shows the
proof the rule set asks of parents (or, where the rule set names none, the
proof asked of cardholders).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from privacy.vocabulary import (
    EmergencyDisclosure,
    Instrument,
    Outcome,
    ParentAccess,
    Proof,
    RecordType,
    Requester,
    record_type_label,
    record_types,
)

RECORD_TYPES: tuple[str, ...] = tuple(RecordType.values)
REQUESTERS: tuple[str, ...] = tuple(Requester.values)
PROOFS: tuple[str, ...] = tuple(Proof.values)
INSTRUMENTS: tuple[str, ...] = tuple(Instrument.values)
# Proofs a rule set can ask for; `card_and_id` and `none` are only shown.
REQUIRABLE_PROOFS: tuple[str, ...] = (Proof.CARD.value, Proof.PHOTO_ID.value)
# Instruments the Director may act on; an emergency is a separate knob.
LEGAL_INSTRUMENTS: tuple[str, ...] = (
    Instrument.SUBPOENA.value,
    Instrument.COURT_ORDER.value,
    Instrument.SEARCH_WARRANT.value,
)

RULE_IDS: tuple[str, ...] = (
    "staff.duties",
    "cardholder.own_records",
    "cardholder.proof_missing",
    "proxy.no_disclosure",
    "third_party.no_disclosure",
    "third_party.legal_instrument",
    "guardian.parent_access",
    "guardian.minor_shared",
    "guardian.not_permitted",
    "guardian.adult_patron",
    "guardian.over_age_limit",
    "guardian.age_unknown",
    "guardian.scope",
    "guardian.proof_missing",
    "law_enforcement.legal_instrument",
    "law_enforcement.no_instrument",
    "law_enforcement.instrument_not_accepted",
    "law_enforcement.emergency_identity",
    "law_enforcement.emergency_identity_only",
    "law_enforcement.emergency_with_notice",
    "law_enforcement.emergency_not_recognised",
)

REFER_OFFICER = "Refer the officer to the Director"

ERR_UNKNOWN_REQUESTER = "Unknown requester {value!r}; use one of: {choices}."
ERR_UNKNOWN_RECORD = "Unknown record type {value!r}; use one of: {choices}."
ERR_UNKNOWN_PROOF = "Unknown proof {value!r}; use one of: {choices}."
ERR_UNKNOWN_INSTRUMENT = "Unknown instrument {value!r}; use one of: {choices}."
ERR_NEGATIVE_AGE = "A patron's age cannot be negative."


# The highest age of majority a valid rule set may set.
MAX_AGE_OF_MAJORITY = 25


@dataclass(frozen=True)
class RuleText:
    """An administrator's wording for one rule: its citation and the
    explanation staff read aloud. Empty strings fall back to the defaults."""

    citation: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class Rules:
    """A snapshot of one jurisdiction's rule set (DESIGN section 5, knobs
    1-11 and 13; retention lives in the retention app)."""

    jurisdiction_code: str
    name: str = ""
    age_of_majority: int = 18
    parent_access: str = ParentAccess.NEVER.value
    parent_access_max_age: int = 18
    parent_access_proof: frozenset[str] = frozenset()
    parent_access_scope: frozenset[str] = frozenset()
    cardholder_proof: frozenset[str] = frozenset(REQUIRABLE_PROOFS)
    minor_can_share_with_guardian: bool = False
    accepted_instruments: frozenset[str] = frozenset()
    emergency_disclosure: str = EmergencyDisclosure.NONE.value
    notify_patron_of_legal_request: bool = True
    protected_records: frozenset[str] = frozenset(RECORD_TYPES)
    citation: str = ""
    summary: str = ""
    rule_texts: Mapping[str, RuleText] = field(default_factory=dict, hash=False)

    def problems(self, *, allow_max_age_above_majority: bool = False) -> dict[str, str]:
        """What is wrong with this rule set, by knob; empty when valid."""
        found: dict[str, str] = {}
        if not 1 <= self.age_of_majority <= MAX_AGE_OF_MAJORITY:
            found["age_of_majority"] = (
                f"The age of majority must be between 1 and {MAX_AGE_OF_MAJORITY}."
            )
        if self.parent_access not in ParentAccess.values:
            found["parent_access"] = "Parent access must be never, may or must."
        if self.parent_access_max_age < 0:
            found["parent_access_max_age"] = "The age limit cannot be negative."
        elif self.parent_access_max_age > self.age_of_majority and not allow_max_age_above_majority:
            found["parent_access_max_age"] = (
                "The parent-access age limit is higher than the age of majority; "
                "tick the override if that is really the law."
            )
        for knob, values, allowed in (
            ("parent_access_proof", self.parent_access_proof, REQUIRABLE_PROOFS),
            ("cardholder_proof", self.cardholder_proof, REQUIRABLE_PROOFS),
            ("parent_access_scope", self.parent_access_scope, RECORD_TYPES),
            ("protected_records", self.protected_records, RECORD_TYPES),
            ("accepted_instruments", self.accepted_instruments, LEGAL_INSTRUMENTS),
        ):
            unknown = sorted(set(values) - set(allowed))
            if unknown:
                found[knob] = f"Unknown value(s): {', '.join(unknown)}."
        if not self.cardholder_proof:
            found["cardholder_proof"] = "A cardholder must be asked for some proof."
        if self.parent_access != ParentAccess.NEVER:
            if not self.parent_access_proof:
                found["parent_access_proof"] = (
                    "Where parents have access, say which proof they must show."
                )
            if not self.parent_access_scope:
                found["parent_access_scope"] = (
                    "Where parents have access, say which record types they may learn."
                )
        if self.emergency_disclosure not in EmergencyDisclosure.values:
            found["emergency_disclosure"] = (
                "Emergency disclosure must be none, identity_only or with_notice."
            )
        unknown_rules = sorted(set(self.rule_texts) - set(RULE_IDS))
        if unknown_rules:
            found["rule_texts"] = f"Unknown rule id(s): {', '.join(unknown_rules)}."
        return found


@dataclass(frozen=True)
class DisclosureRequest:
    """Who is asking about which record of whose, with what in hand.

    `patron_age` None means the record holds no date of birth.
    """

    requester: str
    record: str
    proof: str = Proof.NONE.value
    patron_age: int | None = None
    guardian_sharing: bool = False
    proxy_authorized: bool = False
    instrument: str = Instrument.NONE.value

    def __post_init__(self) -> None:
        for value, choices, message in (
            (self.requester, REQUESTERS, ERR_UNKNOWN_REQUESTER),
            (self.record, record_types(), ERR_UNKNOWN_RECORD),
            (self.proof, PROOFS, ERR_UNKNOWN_PROOF),
            (self.instrument, INSTRUMENTS, ERR_UNKNOWN_INSTRUMENT),
        ):
            if value not in choices:
                raise ValueError(message.format(value=value, choices=", ".join(choices)))
        if self.patron_age is not None and self.patron_age < 0:
            raise ValueError(ERR_NEGATIVE_AGE)


@dataclass(frozen=True)
class Decision:
    outcome: str
    rule: str
    citation: str
    explanation: str
    alternative: str

    @property
    def allowed(self) -> bool:
        return self.outcome == Outcome.ALLOW

    def as_dict(self) -> dict[str, str]:
        """The stable JSON shape of DESIGN section 6: exactly five keys."""
        return {
            "outcome": self.outcome,
            "rule": self.rule,
            "citation": self.citation,
            "explanation": self.explanation,
            "alternative": self.alternative,
        }


def proof_satisfies(shown: str, accepted: Iterable[str]) -> bool:
    """Whether the proof shown meets a rule asking for any of `accepted`.

    A card and a photo ID together satisfy a rule asking for either.
    """
    accepted = set(accepted)
    if shown == Proof.CARD_AND_ID:
        return bool(accepted & set(REQUIRABLE_PROOFS))
    if shown == Proof.NONE:
        return False
    return shown in accepted


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value))


def _record_label(record: str) -> str:
    return record_type_label(record).lower()


def _either(values: Iterable[str], choices: Any = Proof) -> str:
    labels = [_label(choices, v).lower() for v in sorted(values)]
    labels = [
        label.replace("the library card", "their library card").replace("photo id", "a photo ID")
        if choices is Proof
        else f"a {label}"
        for label in labels
    ]
    if not labels:
        return "nothing"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def _records(values: Iterable[str]) -> str:
    ordered = [r for r in RECORD_TYPES if r in set(values)]
    labels = [_record_label(r) for r in ordered]
    if not labels:
        return "no records"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


class _Decider:
    def __init__(self, rules: Rules, request: DisclosureRequest) -> None:
        self.rules = rules
        self.req = request

    def make(self, outcome: str, rule: str, explanation: str, alternative: str) -> Decision:
        text = self.rules.rule_texts.get(rule, RuleText())
        citation = text.citation or self.rules.citation
        explanation = text.explanation or explanation
        if self.req.record not in self.rules.protected_records:
            explanation += (
                f" Note: {self.rules.citation or 'the law'} does not list "
                f"{_record_label(self.req.record)} among the records it protects; "
                "the library keeps it confidential all the same, under its own policy."
            )
            citation = f"{citation} (library policy for this record type)"
        if outcome == Outcome.REFER and self.req.instrument in LEGAL_INSTRUMENTS:
            explanation += (
                " The patron is told of the request afterwards, unless a court order forbids it."
                if self.rules.notify_patron_of_legal_request
                else " The patron is not told of the request."
            )
        return Decision(Outcome(outcome).value, rule, citation, explanation, alternative)

    def decide(self) -> Decision:
        handler = {
            Requester.STAFF: self.staff,
            Requester.CARDHOLDER: self.cardholder,
            Requester.PROXY: self.proxy,
            Requester.THIRD_PARTY: self.third_party,
            Requester.LAW_ENFORCEMENT: self.law_enforcement,
            Requester.GUARDIAN: self.guardian,
        }[Requester(self.req.requester)]
        return handler()

    def instruments_phrase(self) -> str:
        if not self.rules.accepted_instruments:
            return "a legal instrument that counsel confirms is valid"
        return _either(self.rules.accepted_instruments, Instrument)

    def staff(self) -> Decision:
        return self.make(
            Outcome.ALLOW,
            "staff.duties",
            "Library staff may use library records to do their work, such as "
            "checking items out and in, holds and fees. This is not telling "
            "anyone at the desk: that is a separate decision.",
            "",
        )

    def cardholder(self) -> Decision:
        accepted = self.rules.cardholder_proof
        if proof_satisfies(self.req.proof, accepted):
            return self.make(
                Outcome.ALLOW,
                "cardholder.own_records",
                "You are the cardholder and have shown the proof we ask for, so "
                f"I can tell you about your own {_record_label(self.req.record)}.",
                "",
            )
        return self.make(
            Outcome.DENY,
            "cardholder.proof_missing",
            "I can share a library record only with the cardholder, and only "
            f"when they show {_either(accepted)}. This protects your privacy: "
            "anyone could say they are you.",
            f"Ask the cardholder to come in with {_either(accepted)}. "
            "Meanwhile, offer to place a hold or help find something.",
        )

    def proxy(self) -> Decision:
        if self.req.proxy_authorized:
            alternative = (
                "They may still check out items on the card and pick up the "
                "cardholder's holds, as the cardholder authorized."
            )
        else:
            alternative = (
                "There is no active authorization on file: ask the cardholder to "
                "add this person as a proxy if they should borrow on the card."
            )
        return self.make(
            Outcome.DENY,
            "proxy.no_disclosure",
            "The cardholder has allowed this person to use the card, not to "
            "learn what is on the record. Library records are confidential, so "
            "I can't tell you anything from this account.",
            alternative,
        )

    def third_party(self) -> Decision:
        if self.req.instrument in self.rules.accepted_instruments:
            instrument = _label(Instrument, self.req.instrument).lower()
            return self.make(
                Outcome.REFER,
                "third_party.legal_instrument",
                f"Only the Library Director can act on a {instrument}; desk staff release nothing.",
                "Refer them to the Director and log the request.",
            )
        return self.make(
            Outcome.DENY,
            "third_party.no_disclosure",
            "Library records are confidential. I can't share anything about "
            "another person's account, not even whether they have one.",
            "Ask the cardholder to contact the library themselves, in person with their card.",
        )

    def law_enforcement(self) -> Decision:
        rules, req = self.rules, self.req
        accepted = rules.accepted_instruments
        if req.instrument == Instrument.EMERGENCY:
            return self.emergency()
        if req.instrument == Instrument.NONE:
            return self.make(
                Outcome.DENY,
                "law_enforcement.no_instrument",
                "I can't share library records. Only the Library Director can act "
                f"on a legal request, and only on {self.instruments_phrase()}.",
                REFER_OFFICER,
            )
        instrument = _label(Instrument, req.instrument).lower()
        if req.instrument in accepted:
            return self.make(
                Outcome.REFER,
                "law_enforcement.legal_instrument",
                f"Only the Library Director can act on a {instrument}; I can't share "
                "anything at the desk. The Director reviews it, with counsel.",
                f"{REFER_OFFICER} and log the request.",
            )
        return self.make(
            Outcome.DENY,
            "law_enforcement.instrument_not_accepted",
            f"A {instrument} is not enough here: library records are released only "
            f"on {self.instruments_phrase()}, presented to the Library Director.",
            REFER_OFFICER,
        )

    def emergency(self) -> Decision:
        mode = self.rules.emergency_disclosure
        if mode == EmergencyDisclosure.WITH_NOTICE:
            return self.make(
                Outcome.REFER,
                "law_enforcement.emergency_with_notice",
                "In an emergency affecting someone's health or safety, the Director "
                "may release library records. The patron is notified afterwards.",
                f"{REFER_OFFICER} at once; in danger, call 911.",
            )
        if mode == EmergencyDisclosure.IDENTITY_ONLY:
            if self.req.record == RecordType.REGISTRATION:
                return self.make(
                    Outcome.REFER,
                    "law_enforcement.emergency_identity",
                    "In an emergency with imminent danger, a sworn officer may be given "
                    "the patron's identity only, by the Director, after signing an "
                    "acknowledgement.",
                    f"{REFER_OFFICER} at once; in danger, call 911.",
                )
            return self.make(
                Outcome.DENY,
                "law_enforcement.emergency_identity_only",
                "Even in an emergency, only the patron's identity may be released, "
                f"by the Director; {_record_label(self.req.record)} may not.",
                f"{REFER_OFFICER}; a court order is needed for anything else.",
            )
        return self.make(
            Outcome.DENY,
            "law_enforcement.emergency_not_recognised",
            "The law here has no emergency exception for library records: only the "
            f"Director can act, and only on {self.instruments_phrase()}.",
            f"{REFER_OFFICER}; in danger, call 911.",
        )

    def guardian(self) -> Decision:
        rules, req = self.rules, self.req
        age = req.patron_age
        if age is not None and age >= rules.age_of_majority:
            return self.make(
                Outcome.DENY,
                "guardian.adult_patron",
                f"This cardholder is an adult ({rules.age_of_majority} or older). A parent "
                "has no right to an adult's library records.",
                "Ask the cardholder to come in themselves, or to share what they wish directly.",
            )
        sharing = rules.minor_can_share_with_guardian and req.guardian_sharing and age is not None
        share_hint = (
            " The child can also choose to share their record with you; staff "
            "record that choice with the child present."
            if rules.minor_can_share_with_guardian
            else ""
        )
        if sharing:
            return self.shared_by_minor()
        if rules.parent_access == ParentAccess.NEVER:
            return self.make(
                Outcome.DENY,
                "guardian.not_permitted",
                "Here the library may not tell a parent what is on a child's own "
                "card, at any age: the child controls their card.",
                "The child can look at their record with their own card, or come "
                "to the desk with you." + share_hint,
            )
        if age is None:
            return self.make(
                Outcome.DENY,
                "guardian.age_unknown",
                "The record has no date of birth, so I can't confirm the cardholder "
                f"is a child under {rules.parent_access_max_age}.",
                "Ask the cardholder to confirm their date of birth at the desk; they "
                "can always look up their own record with their card.",
            )
        if age >= rules.parent_access_max_age:
            return self.make(
                Outcome.DENY,
                "guardian.over_age_limit",
                "Parents may learn a child's records only while the child is under "
                f"{rules.parent_access_max_age}. This cardholder is {age}, so the record "
                "is theirs alone.",
                "The cardholder can look up their own record with their card." + share_hint,
            )
        if req.record not in rules.parent_access_scope:
            return self.make(
                Outcome.DENY,
                "guardian.scope",
                f"A parent may learn a child's {_records(rules.parent_access_scope)}; "
                f"{_record_label(req.record)} is not included.",
                "The child can look at it with their own card." + share_hint,
            )
        if not proof_satisfies(req.proof, rules.parent_access_proof):
            return self.proof_missing(rules.parent_access_proof)
        if rules.parent_access == ParentAccess.MUST:
            explanation = (
                "The law requires the library to tell a parent or guardian of a child "
                f"under {rules.parent_access_max_age} about the child's "
                f"{_record_label(req.record)} on request, with "
                f"{_either(rules.parent_access_proof)}."
            )
        else:
            explanation = (
                "A parent or guardian of a child under "
                f"{rules.parent_access_max_age} who shows "
                f"{_either(rules.parent_access_proof)} may learn the child's "
                f"{_records(rules.parent_access_scope)}."
            )
        return self.make(Outcome.ALLOW, "guardian.parent_access", explanation, "")

    def shared_by_minor(self) -> Decision:
        rules = self.rules
        needed = rules.parent_access_proof or rules.cardholder_proof
        if not proof_satisfies(self.req.proof, needed):
            return self.proof_missing(needed)
        return self.make(
            Outcome.ALLOW,
            "guardian.minor_shared",
            "The cardholder, a minor, has chosen to share their library records "
            "with their parent or guardian, and the rules here honour that choice.",
            "",
        )

    def proof_missing(self, needed: frozenset[str]) -> Decision:
        return self.make(
            Outcome.DENY,
            "guardian.proof_missing",
            f"A parent or guardian must show {_either(needed)} before I can share "
            "anything from a child's record.",
            f"Come back with {_either(needed)}; meanwhile I can help with your own "
            "card or place a hold.",
        )


def decide(rules: Rules, request: DisclosureRequest) -> Decision:
    """The outcome, rule id, citation, explanation and alternative for one
    request about one record type. Pure: reads nothing but its arguments."""
    return _Decider(rules, request).decide()
