"""The rule simulator: the full decision table for edited rules beside the
saved ones. Pure: builds on privacy.decision and reads no database."""

from __future__ import annotations

from dataclasses import dataclass

from privacy.decision import (
    PROOFS,
    REQUESTERS,
    Decision,
    DisclosureRequest,
    Rules,
    decide,
)
from privacy.vocabulary import (
    RULE_TITLES,
    Instrument,
    Outcome,
    Proof,
    Requester,
    record_type_choices,
    record_types,
)

OUTCOME_WORDS = dict(Outcome.choices)


def in_words(decision: Decision) -> tuple[str, str]:
    """What staff would be told and why, in words: ("May not be told",
    "Parents are not told what is on a child's own card")."""
    return str(OUTCOME_WORDS[decision.outcome]), RULE_TITLES.get(decision.rule, decision.rule)


@dataclass(frozen=True)
class AgeBand:
    label: str
    age: int | None  # a representative age; every age in the band decides alike


@dataclass(frozen=True)
class Cell:
    proof: str
    saved: Decision | None
    edited: Decision

    @property
    def changed(self) -> bool:
        """The outcome differs: what staff may tell changes."""
        return self.saved is not None and self.saved.outcome != self.edited.outcome

    @property
    def reason_changed(self) -> bool:
        """Same outcome, another rule (and so another explanation)."""
        return (
            self.saved is not None
            and self.saved.outcome == self.edited.outcome
            and self.saved.rule != self.edited.rule
        )

    @property
    def edited_words(self) -> tuple[str, str]:
        return in_words(self.edited)

    @property
    def saved_words(self) -> tuple[str, str] | None:
        return in_words(self.saved) if self.saved is not None else None


@dataclass(frozen=True)
class Row:
    record: str
    record_label: str
    band: str
    condition: str  # instrument or sharing choice, "" when not relevant
    cells: tuple[Cell, ...]

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.cells)

    @property
    def reason_changed(self) -> bool:
        return any(c.reason_changed for c in self.cells)


@dataclass(frozen=True)
class Section:
    requester: str
    label: str
    rows: tuple[Row, ...]

    @property
    def changes(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.changed)

    @property
    def reason_changes(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.reason_changed)


def age_bands(*rule_sets: Rules | None) -> list[AgeBand]:
    """Bands between every age threshold of the rule sets, plus unknown.

    The decision depends on age only through "younger than" comparisons
    with these thresholds, so one age per band stands for the whole band.
    """
    edges = sorted(
        {
            edge
            for rules in rule_sets
            if rules is not None
            for edge in (rules.parent_access_max_age, rules.age_of_majority)
            if edge > 0
        }
    )
    bands: list[AgeBand] = []
    low = 0
    for edge in edges:
        label = f"under {edge}" if low == 0 else f"{low} to {edge - 1}"
        bands.append(AgeBand(label, low))
        low = edge
    bands.append(AgeBand(f"{low} or older", low))
    bands.append(AgeBand("age unknown", None))
    return bands


def _conditions(requester: str) -> list[tuple[str, dict[str, object]]]:
    if requester in (Requester.LAW_ENFORCEMENT, Requester.THIRD_PARTY):
        labels = dict(Instrument.choices)
        return [(f"instrument: {labels[i].lower()}", {"instrument": i}) for i in Instrument.values]
    if requester == Requester.GUARDIAN:
        return [
            ("minor has not chosen to share", {"guardian_sharing": False}),
            ("minor chose to share", {"guardian_sharing": True}),
        ]
    return [("", {})]


def compare(edited: Rules, saved: Rules | None) -> list[Section]:
    """Requester x record type x age band x proof (x instrument or sharing
    where they matter). Age bands that decide alike are merged."""
    bands = age_bands(edited, saved)
    record_labels = dict(record_type_choices())
    requester_labels = dict(Requester.choices)
    sections = []
    for requester in REQUESTERS:
        rows: list[Row] = []
        for condition, extra in _conditions(requester):
            for record in record_types():
                by_band = []
                for band in bands:
                    cells = []
                    for proof in PROOFS:
                        request = DisclosureRequest(
                            requester=requester,
                            record=record,
                            proof=proof,
                            patron_age=band.age,
                            **extra,  # type: ignore[arg-type]
                        )
                        cells.append(
                            Cell(
                                proof=proof,
                                saved=decide(saved, request) if saved else None,
                                edited=decide(edited, request),
                            )
                        )
                    by_band.append((band, tuple(cells)))
                rows.extend(_merge_bands(record, record_labels[record], condition, by_band))
        sections.append(Section(requester, str(requester_labels[requester]), tuple(rows)))
    return sections


def _key(cells: tuple[Cell, ...]) -> tuple[object, ...]:
    return tuple(
        (c.edited.outcome, c.edited.rule, c.saved and (c.saved.outcome, c.saved.rule))
        for c in cells
    )


def _merge_bands(
    record: str,
    record_label: str,
    condition: str,
    by_band: list[tuple[AgeBand, tuple[Cell, ...]]],
) -> list[Row]:
    if len({_key(cells) for _, cells in by_band}) == 1:
        return [Row(record, record_label, "any age", condition, by_band[0][1])]
    return [Row(record, record_label, band.label, condition, cells) for band, cells in by_band]


PROOF_LABELS = [(p, dict(Proof.choices)[p]) for p in PROOFS]
