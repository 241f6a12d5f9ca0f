"""The retention rules of one run, loaded once (a small table)."""

from __future__ import annotations

import hashlib
import json

from organisation.models import Branch
from retention.context import Rule
from retention.models import RetentionRule
from retention.registry import HANDLERS, default_rule
from retention.vocabulary import ANY_JURISDICTION


class RuleBook:
    """Every retention rule and the jurisdiction of every branch.

    A record type with no row of its own for a jurisdiction takes the "*"
    row; with no "*" row either (an administrator deleted it, or a new
    record type shipped no row), its DESIGN default.
    """

    def __init__(self) -> None:
        self._rules = {(r.jurisdiction_code, r.record_type): r for r in RetentionRule.objects.all()}
        self._branches: dict[str, list[int]] = {}
        for branch_id, code in Branch.objects.values_list("pk", "jurisdiction_code"):
            self._branches.setdefault(code, []).append(branch_id)
        self._codes = sorted(self._branches)

    def fingerprint(self) -> str:
        """A digest of what decides which rows are due: every rule, every
        branch's jurisdiction, and the handlers with their nightly columns.
        A nightly pass continues only a run with the same fingerprint."""
        data = {
            "rules": sorted(
                (code, rt, r.period_days, r.action, r.keep_birth_year)
                for (code, rt), r in self._rules.items()
            ),
            "branches": {code: sorted(ids) for code, ids in sorted(self._branches.items())},
            "handlers": sorted(
                (rt, type(h).__qualname__, h.incremental_column or "", h.reads_nightly())
                for rt, h in HANDLERS.items()
            ),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def branch_ids(self, codes: tuple[str, ...]) -> list[int]:
        return sorted(pk for code in codes for pk in self._branches.get(code, []))

    def rule(self, record_type: str, jurisdiction: str = ANY_JURISDICTION) -> Rule:
        row = self._rules.get((jurisdiction, record_type)) or self._rules.get(
            (ANY_JURISDICTION, record_type)
        )
        if row is None:
            default = default_rule(record_type)
            return Rule(default.period_days, default.action, False)
        return Rule(row.period_days, row.action, row.keep_birth_year)

    def groups(self, record_type: str, by_branch: bool) -> list[Rule]:
        """Jurisdictions sharing the same effective rule, one group each."""
        if not by_branch:
            return [self.rule(record_type)]
        grouped: dict[Rule, list[str]] = {}
        for code in self._codes:
            grouped.setdefault(self.rule(record_type, code), []).append(code)
        if not grouped:
            return []
        if len(grouped) == 1:
            # One rule for every branch: no branch filter, which lets the
            # planner walk the table's own index in keyset order.
            return [next(iter(grouped))]
        return [
            Rule(r.period_days, r.action, r.keep_birth_year, tuple(codes))
            for r, codes in grouped.items()
        ]
