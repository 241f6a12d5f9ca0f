"""Who sees which report section: each section's own policy decides (the
app that registered it); the index is open to whoever sees one."""

from __future__ import annotations

from organisation.users import StaffUser
from reports.registry import Section, sections


def sections_visible_to(user: StaffUser) -> list[Section]:
    if user is None or not user.is_authenticated:
        return []
    return [s for s in sections() if s.visible_to(user)]


def can_view_reports(user: StaffUser) -> bool:
    """The index is offered (and answers) to users with at least one section."""
    return bool(sections_visible_to(user))
