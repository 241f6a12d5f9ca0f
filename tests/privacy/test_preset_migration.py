"""The rule sets the presets migration ships are today's PRESETS."""

from __future__ import annotations

import pytest

from privacy.models import JurisdictionRuleSet
from privacy.presets import PRESET_CODES, PRESETS

pytestmark = pytest.mark.django_db


def test_the_migrated_preset_rule_sets_are_todays_presets():
    """The migration froze PRESETS; an edit to presets.py without a migration
    that changes the shipped rule sets fails here."""
    shipped = {
        rule_set.jurisdiction_code: rule_set
        for rule_set in JurisdictionRuleSet.objects.filter(
            jurisdiction_code__in=PRESET_CODES, effective_from="2000-01-01"
        )
    }
    assert set(shipped) == set(PRESET_CODES)
    for preset in PRESETS:
        rule_set = shipped[preset["jurisdiction_code"]]
        stored = {field: getattr(rule_set, field) for field in preset}
        assert stored == preset, (
            f"{preset['jurisdiction_code']}: PRESETS changed; add a migration that updates "
            "the shipped rule sets"
        )
