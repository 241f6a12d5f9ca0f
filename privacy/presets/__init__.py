"""The five jurisdiction presets of DESIGN section 5, as plain data.

Shipped by the data migration 0002 (a frozen copy: an edit here needs a new
migration) and used by tests as `Rules` snapshots.
They are examples drawn from the seed policies and public statutes: every
admin page says to confirm them with counsel. In every preset a cardholder
shows their card or a photo ID, the age of majority is 18, all record
types are protected, and a minor may choose to share with a guardian.

Every US state, DC, and every Canadian province and territory has a preset
(`ALL_PRESETS`, shipped by migration 0005): the five seed presets in
`seeds`, the others built in `build` and listed by region. Each point of law
carries its source and how it was checked; an unverified point takes the
strictest reading.
"""

from __future__ import annotations

from typing import Any

from privacy.decision import Rules
from privacy.presets import canada, states_a_to_n, states_n_to_w
from privacy.presets.seeds import CURRENT_CIRCULATION, PRESET_CODES, PRESETS, rules_from_data

OTHER_PRESETS: list[dict[str, Any]] = states_a_to_n.PRESETS + states_n_to_w.PRESETS + canada.PRESETS

# All 64 presets. PRESETS are the five seed presets DESIGN section 5 tabulates.
ALL_PRESETS: list[dict[str, Any]] = sorted(
    PRESETS + OTHER_PRESETS, key=lambda p: str(p["jurisdiction_code"])
)
ALL_PRESET_CODES: tuple[str, ...] = tuple(p["jurisdiction_code"] for p in ALL_PRESETS)


def preset_rules(code: str) -> Rules:
    """The `Rules` of one shipped preset; KeyError for an unknown code."""
    for data in ALL_PRESETS:
        if data["jurisdiction_code"] == code:
            return rules_from_data(data)
    raise KeyError(code)


__all__ = [
    "ALL_PRESETS",
    "ALL_PRESET_CODES",
    "CURRENT_CIRCULATION",
    "OTHER_PRESETS",
    "PRESETS",
    "PRESET_CODES",
    "preset_rules",
    "rules_from_data",
]
