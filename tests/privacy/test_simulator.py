"""The rule simulator's table, as a pure comparison of two rule sets."""

from __future__ import annotations

import dataclasses

from privacy.presets import preset_rules
from privacy.simulator import age_bands, compare
from privacy.vocabulary import record_types


def cells(sections, requester):
    section = next(s for s in sections if s.requester == requester)
    return [(row, cell) for row in section.rows for cell in row.cells]


def test_identical_rules_change_nothing():
    rules = preset_rules("CA-ON")
    sections = compare(rules, rules)
    assert sum(s.changes for s in sections) == 0
    assert sum(s.reason_changes for s in sections) == 0


def test_every_requester_record_and_proof_is_in_the_table():
    sections = compare(preset_rules("US-NY"), None)
    assert [s.requester for s in sections] == [
        "cardholder",
        "guardian",
        "proxy",
        "third_party",
        "law_enforcement",
        "staff",
    ]
    for section in sections:
        records = {row.record for row in section.rows}
        # Every record type: the vocabulary's and those apps declare.
        assert len(records) == len(record_types())
        assert all(len(row.cells) == 4 for row in section.rows)


def test_lowering_the_age_limit_changes_only_the_band_between():
    saved = preset_rules("US-NY")
    edited = dataclasses.replace(saved, parent_access_max_age=13)
    changed = [
        (row.record, row.band, cell.proof)
        for row, cell in cells(compare(edited, saved), "guardian")
        if cell.changed
    ]
    assert changed
    assert {band for _, band, _ in changed} == {"13 to 17"}
    assert {record for record, _, _ in changed} == {"current_loans", "holds", "fees"}
    assert {proof for _, _, proof in changed} == {"card", "card_and_id"}


def test_a_different_reason_for_the_same_outcome_is_marked_apart():
    saved = preset_rules("US-NY")
    edited = dataclasses.replace(saved, parent_access="never", parent_access_scope=frozenset())
    pairs = cells(compare(edited, saved), "guardian")
    reason_only = [c for _, c in pairs if c.reason_changed]
    assert reason_only
    assert all(c.saved.outcome == c.edited.outcome for c in reason_only)
    assert not any(c.changed and c.reason_changed for _, c in pairs)


def test_age_bands_cover_both_rule_sets_thresholds():
    bands = age_bands(preset_rules("US-NY"), preset_rules("CA-ON"))
    assert [b.label for b in bands] == ["under 16", "16 to 17", "18 or older", "age unknown"]
    assert [b.age for b in bands] == [0, 16, 18, None]


def test_every_rule_has_plain_words():
    from privacy.decision import RULE_IDS
    from privacy.vocabulary import RULE_TITLES

    assert set(RULE_TITLES) == set(RULE_IDS)
    assert all("." not in title and "_" not in title for title in RULE_TITLES.values())


def test_a_cell_says_in_words_what_staff_would_be_told_and_why():
    from privacy.vocabulary import ParentAccess

    saved = preset_rules("US-NY")
    edited = dataclasses.replace(saved, parent_access=ParentAccess.NEVER.value)
    changed = [c for _, c in cells(compare(edited, saved), "guardian") if c.changed]
    assert changed[0].edited_words == (
        "May not be told",
        "Parents are not told what is on a child's own card",
    )
    assert changed[0].saved_words == (
        "May be told",
        "Parents of a child under the age limit may be told",
    )
