"""The public-computer section of the reports area (reports.registry)."""

from computers import policies
from reports.registry import Section, register

register(
    Section(
        key="computer_use",
        title="Public-computer use",
        description="Sessions and minutes on public computers by branch, month, age band "
        "and station type; as charts and CSV.",
        url_name="computers:report",
        visible_to=policies.can_view_computer_reports,
        order=51,
    )
)
