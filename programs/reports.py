"""The programs section of the reports area (reports.registry)."""

from programs import policies
from reports.registry import Section, register

register(
    Section(
        key="program_attendance",
        title="Program attendance",
        description="People who came to programs, walk-ins included, by branch, month "
        "and age band; as charts and CSV.",
        url_name="programs:report",
        visible_to=policies.can_view_program_reports,
        order=50,
    )
)
