"""The report sections apps offer, for the reports index.

Each app that reports on its own records says so in its `reports.py`
(discovered when the reports app is ready, as retention handlers are), so
adding a report never edits this app:

    from reports.registry import Section, register
    from desk import policies

    register(Section(
        key="desk",
        title="Desk statistics",
        description="Inquiries and tallies by hour, weekday, branch ...",
        url_name="desk:stats",
        visible_to=policies.can_view_desk_reports,
    ))

The section's pages, queries, charts and CSV are the app's own; this
registry only lists them. `visible_to(user)` is the app's policy: the index
offers a section only to the users it answers yes for, and the section's
own views check the same policy again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Section:
    """One entry of the reports index."""

    key: str
    title: str
    description: str
    url_name: str
    visible_to: Callable[[Any], bool]
    # Lower comes first on the index; ties go by title.
    order: int = 100


SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    """Offer a section on the reports index. A key has one section; the
    same section registered again (a module reloaded) is accepted."""
    current = SECTIONS.get(section.key)
    if current is not None and (
        current.url_name != section.url_name or current.title != section.title
    ):
        raise ImproperlyConfigured(
            f"Report section {section.key!r} is registered twice: "
            f"{current.url_name} and {section.url_name}."
        )
    SECTIONS[section.key] = section
    return section


def unregister(key: str) -> None:
    """Forget a section (for tests that register one)."""
    SECTIONS.pop(key, None)


def autodiscover() -> None:
    """Import every installed app's `reports` module."""
    autodiscover_modules("reports")


def sections() -> list[Section]:
    """Every registered section, in index order."""
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.title))
