"""The desk's section of the reports index (reports.registry)."""

from __future__ import annotations

from desk import policies
from reports.registry import Section, register

register(
    Section(
        key="desk",
        title="Desk statistics",
        description="Inquiries and tallies by hour, weekday, branch, desk, channel, type and "
        "READ level; the busiest hours; callbacks answered on time.",
        url_name="desk:stats",
        visible_to=policies.can_view_desk_reports,
        order=10,
    )
)
